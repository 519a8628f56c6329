using DistillGuard.Core.Campaigns;

namespace DistillGuard.Core.Tests.Campaigns;

public sealed class LouvainTests
{
    private static List<(int, int, double)> Clique(int from, int size, double w)
    {
        var e = new List<(int, int, double)>();
        for (int i = from; i < from + size; i++)
            for (int j = i + 1; j < from + size; j++) e.Add((i, j, w));
        return e;
    }

    [Fact]
    public void TwoCliquesJoinedByOneEdge_AreTwoCommunities()
    {
        var edges = Clique(0, 6, 1).Concat(Clique(6, 6, 1)).Append((5, 6, 1.0)).ToList();
        var (c, q) = Louvain.Partition(12, edges);
        Assert.All(Enumerable.Range(0, 6), i => Assert.Equal(c[0], c[i]));
        Assert.All(Enumerable.Range(6, 6), i => Assert.Equal(c[6], c[i]));
        Assert.NotEqual(c[0], c[6]);
        // Two equal halves, 15 internal edges each and one between: Q = 2 (15/31 − (31/62)²) ≈ 0.468.
        Assert.Equal(2 * (15.0 / 31 - Math.Pow(31.0 / 62, 2)), q, 6);
        Assert.Equal(q, Louvain.Modularity(12, edges, c), 9);
    }

    [Fact]
    public void OneClique_StaysOneCommunity_WithZeroModularity()
    {
        var (c, q) = Louvain.Partition(8, Clique(0, 8, 1));
        Assert.Single(c.Distinct());
        Assert.Equal(0, q, 9);
    }

    [Fact]
    public void RingOfCliques_IsFoundAtTheHigherLevels_AndTheResultIsDeterministic()
    {
        // Ten 5-cliques in a ring, neighbours joined by one edge: ten communities.
        var edges = new List<(int, int, double)>();
        for (int k = 0; k < 10; k++)
        {
            edges.AddRange(Clique(5 * k, 5, 1));
            edges.Add((5 * k + 4, (5 * k + 5) % 50, 1));
        }
        var (c, q) = Louvain.Partition(50, edges);
        Assert.Equal(10, c.Distinct().Count());
        for (int k = 0; k < 10; k++) Assert.Single(c.Skip(5 * k).Take(5).Distinct());
        Assert.True(q > 0.8, $"{q}");
        Assert.Equal(c, Louvain.Partition(50, edges).Community);
    }

    [Fact]
    public void WeightsDecide_NotJustTheEdges()
    {
        // A square whose two heavy sides pair the nodes 0–1 and 2–3.
        var edges = new List<(int, int, double)> { (0, 1, 10), (2, 3, 10), (1, 2, 1), (3, 0, 1) };
        var (c, _) = Louvain.Partition(4, edges);
        Assert.Equal(c[0], c[1]);
        Assert.Equal(c[2], c[3]);
        Assert.NotEqual(c[0], c[2]);
    }

    [Fact]
    public void EmptyAndEdgelessGraphs_AreSingletons()
    {
        Assert.Empty(Louvain.Partition(0, []).Community);
        var (c, q) = Louvain.Partition(3, []);
        Assert.Equal([0, 1, 2], c);
        Assert.Equal(0, q);
    }
}
