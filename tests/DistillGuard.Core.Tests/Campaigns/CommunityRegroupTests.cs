using DistillGuard.Core.Campaigns;

namespace DistillGuard.Core.Tests.Campaigns;

/// <summary>
/// How a finding's modularity communities become operations (<see cref="CampaignAssembler.Regroup"/>): communities linked
/// at least a third as densely as the finding's average pair are merged first, and only then are parts below the size
/// floor folded in. On a 16 M-exchange log a chain-of-thought sweep came out of the partition as thirty-odd communities,
/// every one below 5 % of the finding, beside an agentic-harvest operation that came out whole: judged by size before
/// merging, the sweep had no part of campaign size, the split was dropped and 858 agentic accounts were published inside
/// the sweep's campaign.
/// </summary>
public sealed class CommunityRegroupTests
{
    private const double Linkage = 1.0 / 3;

    /// <summary>An operation of <paramref name="cells"/> cells of <paramref name="cellSize"/> accounts: each cell a clique
    /// (its card, its address), every pair of accounts of different cells linked at <paramref name="across"/> (the
    /// operation's shared template and creation bursts).</summary>
    private static void Operation(List<(int, int, double)> edges, List<int> community, int cells, int cellSize, double inside, double across)
    {
        int first = community.Count, firstCommunity = community.Count == 0 ? 0 : community.Max() + 1;
        for (int c = 0; c < cells; c++)
            for (int k = 0; k < cellSize; k++) community.Add(firstCommunity + c);
        int n = cells * cellSize;
        for (int i = 0; i < n; i++)
            for (int j = i + 1; j < n; j++)
                edges.Add((first + i, first + j, i / cellSize == j / cellSize ? inside : across));
    }

    /// <summary>Links every account of [a0, a0+na) to every account of [b0, b0+nb) at weight w: what two operations share
    /// by coincidence (a sign-up window, a popular e-mail domain, a parameter set).</summary>
    private static void Bridge(List<(int, int, double)> edges, int a0, int na, int b0, int nb, double w)
    {
        for (int i = a0; i < a0 + na; i++)
            for (int j = b0; j < b0 + nb; j++) edges.Add((i, j, w));
    }

    private static double CrossOverAverage(int n, List<(int, int, double)> edges, int[] part, int x, int y)
    {
        double sum = edges.Sum(e => e.Item3), cross = edges.Where(e => (part[e.Item1], part[e.Item2]) == (x, y) || (part[e.Item1], part[e.Item2]) == (y, x)).Sum(e => e.Item3);
        return cross / (part.Count(p => p == x) * (double)part.Count(p => p == y)) / (sum / (n * (n - 1) / 2.0));
    }

    [Fact]
    public void SweepInManySmallCommunities_BesideOneWholeOperation_IsTwoParts()
    {
        // The sweep: 40 cells of 10 (each 2.2 % of the finding); the agentic operation: one community of 50 (11 %).
        var edges = new List<(int, int, double)>();
        var community = new List<int>();
        Operation(edges, community, cells: 40, cellSize: 10, inside: 1.0, across: 0.05);
        Operation(edges, community, cells: 1, cellSize: 50, inside: 1.0, across: 0);
        Bridge(edges, 0, 120, 400, 50, 0.02);   // a sign-up burst a third of the sweep shares with the agentic accounts
        int n = community.Count, minPart = (int)Math.Ceiling(0.05 * n);
        Assert.All(community.GroupBy(c => c).Take(40), g => Assert.True(g.Count() < minPart));

        var part = CampaignAssembler.Regroup(n, community.ToArray(), edges, minPart, Linkage);

        Assert.NotNull(part);
        Assert.Equal(2, part.Distinct().Count());
        Assert.Single(part.Take(400).Distinct());
        Assert.Single(part.Skip(400).Distinct());
        Assert.NotEqual(part[0], part[400]);
        // the sweep's cells are linked well above the yardstick, the two operations well below it
        Assert.True(CrossOverAverage(n, edges, part, part[0], part[400]) < Linkage);
    }

    [Fact]
    public void OneOperationInManySmallCommunities_StaysOne()
    {
        var edges = new List<(int, int, double)>();
        var community = new List<int>();
        Operation(edges, community, cells: 40, cellSize: 10, inside: 1.0, across: 0.05);
        int n = community.Count;
        Assert.Null(CampaignAssembler.Regroup(n, community.ToArray(), edges, (int)Math.Ceiling(0.05 * n), Linkage));
    }

    [Fact]
    public void TwoOperationsLinkedAsDenselyAsOneOperationsCells_StayOne()
    {
        // The same two operations, but what they share binds them as tightly as the sweep's own cells: one operation.
        var edges = new List<(int, int, double)>();
        var community = new List<int>();
        Operation(edges, community, cells: 40, cellSize: 10, inside: 1.0, across: 0.05);
        Operation(edges, community, cells: 1, cellSize: 50, inside: 1.0, across: 0);
        Bridge(edges, 0, 400, 400, 50, 0.05);
        int n = community.Count;
        Assert.Null(CampaignAssembler.Regroup(n, community.ToArray(), edges, (int)Math.Ceiling(0.05 * n), Linkage));
    }

    [Fact]
    public void SmallCommunityWithNoCloseLinks_JoinsThePartItIsMostBoundTo()
    {
        // Two operations of 60 whole, and a community of 4 (below the floor) tied weakly to the second only.
        var edges = new List<(int, int, double)>();
        var community = new List<int>();
        Operation(edges, community, cells: 1, cellSize: 60, inside: 1.0, across: 0);
        Operation(edges, community, cells: 1, cellSize: 60, inside: 1.0, across: 0);
        Operation(edges, community, cells: 1, cellSize: 4, inside: 1.0, across: 0);
        Bridge(edges, 60, 60, 120, 4, 0.01);
        int n = community.Count;
        var part = CampaignAssembler.Regroup(n, community.ToArray(), edges, (int)Math.Ceiling(0.05 * n), Linkage);
        Assert.NotNull(part);
        Assert.Equal(2, part.Distinct().Count());
        Assert.All(Enumerable.Range(120, 4), i => Assert.Equal(part[60], part[i]));
        Assert.NotEqual(part[0], part[60]);
    }
}
