namespace DistillGuard.Cli.Tests;

/// <summary>
/// A part gains no flag, and that refuses no split (CampaignAssembler.SplitBy, the split by operator), end to end: in
/// random 12322 a transfer station of 326 accounts and an agentic harvest of 314, each found as many small operator
/// clusters of its own (a card to every few accounts), were published as one campaign of 678 (weighted purity 0.59). The
/// split by operator cut it into exactly those two, but one account of a part would have been flagged by the part's
/// operator key (an address its harvesting accounts share) where the whole did not flag it, and a split that flags anyone
/// anew was refused. That flag is now left off instead: the two are published apart, with the same accounts flagged.
/// </summary>
public sealed class SplitGainRegressionTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("dg-split-gain-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Random12322_AStationAndAnAgenticHarvest_ArePublishedApart()
    {
        var (sim, outDir) = RandomWorldRun.SimulateAndAnalyze(_dir, 12322, registry: true);
        RandomWorldRun.AssertPublishedApart(sim, outDir, "station-1", "agentic-2", 0.95, 0.95);
        var (_, _, legitimate) = RandomWorldRun.Flagged(sim, outDir, "station-1");
        Assert.Equal(0, legitimate);
    }
}
