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

    [Fact]
    public void Partition_IsExactlyTheSortedDictionaryFormulation_OnRandomGraphs()
    {
        // Louvain moves each node to the first community (by index) with the best gain; the dense accumulator must visit
        // candidates in that order and sum their weights in the same order as the straightforward formulation below.
        var r = new Random(3);
        for (int g = 0; g < 60; g++)
        {
            int n = 5 + r.Next(120);
            var edges = new List<(int, int, double)>();
            int groups = 1 + r.Next(6);
            for (int e = 0, m = n * (1 + r.Next(6)); e < m; e++)
            {
                int a = r.Next(n), b = r.Next(n);
                bool same = a % groups == b % groups;
                double w = r.Next(4) == 0 ? 1 : Math.Round(r.NextDouble() * (same ? 3 : 0.6), r.Next(3));   // ties on purpose
                edges.Add((a, b, w));
            }
            var (c, _) = Louvain.Partition(n, edges);
            Assert.Equal(Reference.Partition(n, edges), c);
        }
        // unweighted rings and grids, listed in shuffled order: every move is a tie between neighbours
        for (int g = 0; g < 20; g++)
        {
            int side = 3 + r.Next(8), n = side * side;
            var edges = new List<(int, int, double)>();
            for (int i = 0; i < n; i++)
            {
                edges.Add((i, (i + 1) % n, 1));
                if (g % 2 == 0) edges.Add((i, (i + side) % n, 1));
            }
            edges = edges.OrderBy(_ => r.Next()).Select(e => r.Next(2) == 0 ? e : (e.Item2, e.Item1, e.Item3)).ToList();
            var (c, _) = Louvain.Partition(n, edges);
            Assert.Equal(Reference.Partition(n, edges), c);
        }
    }

    /// <summary>The formulation before the dense accumulator (a dictionary per node, candidates sorted by LINQ).</summary>
    private static class Reference
    {
        public static int[] Partition(int n, IReadOnlyList<(int A, int B, double W)> edges)
        {
            var community = new int[n];
            for (int i = 0; i < n; i++) community[i] = i;
            if (n == 0) return community;

            // Level graph: adjacency as (neighbour, weight) lists, self-loop weight separately.
            var adj = new List<(int, double)>[n];
            var self = new double[n];
            for (int i = 0; i < n; i++) adj[i] = new List<(int, double)>();
            foreach (var (a, b, w) in edges)
            {
                if (w <= 0) continue;
                if (a == b) { self[a] += 2 * w; continue; }
                adj[a].Add((b, w));
                adj[b].Add((a, w));
            }
            double m2 = self.Sum() + adj.Sum(l => l.Sum(e => e.Item2));
            if (m2 <= 0) return community;

            int levelNodes = n;
            var nodeOf = new int[n]; // original node -> level node
            for (int i = 0; i < n; i++) nodeOf[i] = i;
            for (int level = 0; level < 32; level++)
            {
                var comm = new int[levelNodes];
                var degree = new double[levelNodes];
                var tot = new double[levelNodes];
                for (int i = 0; i < levelNodes; i++)
                {
                    comm[i] = i;
                    degree[i] = self[i] + adj[i].Sum(e => e.Item2);
                    tot[i] = degree[i];
                }
                bool movedAny = false;
                var toComm = new Dictionary<int, double>();
                for (int pass = 0; pass < 100; pass++)
                {
                    bool moved = false;
                    for (int i = 0; i < levelNodes; i++)
                    {
                        toComm.Clear();
                        foreach (var (j, w) in adj[i]) toComm[comm[j]] = toComm.GetValueOrDefault(comm[j]) + w;
                        int own = comm[i];
                        tot[own] -= degree[i];
                        double bestGain = toComm.GetValueOrDefault(own) - tot[own] * degree[i] / m2;
                        int best = own;
                        foreach (var (c, w) in toComm.OrderBy(kv => kv.Key))
                        {
                            double gain = w - tot[c] * degree[i] / m2;
                            if (gain > bestGain + 1e-12) { bestGain = gain; best = c; }
                        }
                        tot[best] += degree[i];
                        if (best != own) { comm[i] = best; moved = true; movedAny = true; }
                    }
                    if (!moved) break;
                }
                if (!movedAny) break;

                // Renumber communities and aggregate.
                var renumber = new Dictionary<int, int>();
                for (int i = 0; i < levelNodes; i++) if (!renumber.ContainsKey(comm[i])) renumber[comm[i]] = renumber.Count;
                int next = renumber.Count;
                var nadj = new Dictionary<int, double>[next];
                var nself = new double[next];
                for (int c = 0; c < next; c++) nadj[c] = new Dictionary<int, double>();
                for (int i = 0; i < levelNodes; i++)
                {
                    int ci = renumber[comm[i]];
                    nself[ci] += self[i];
                    foreach (var (j, w) in adj[i])
                    {
                        int cj = renumber[comm[j]];
                        if (ci == cj) nself[ci] += w; // each internal edge is seen from both ends: 2w in total
                        else nadj[ci][cj] = nadj[ci].GetValueOrDefault(cj) + w;
                    }
                }
                for (int i = 0; i < n; i++) nodeOf[i] = renumber[comm[nodeOf[i]]];
                adj = nadj.Select(d => d.OrderBy(kv => kv.Key).Select(kv => (kv.Key, kv.Value)).ToList()).ToArray();
                self = nself;
                levelNodes = next;
            }

            var ids = new Dictionary<int, int>();
            for (int i = 0; i < n; i++)
            {
                if (!ids.TryGetValue(nodeOf[i], out int id)) ids[nodeOf[i]] = id = ids.Count;
                community[i] = id;
            }
            return community;
        }

    }
}
