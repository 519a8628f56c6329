namespace DistillGuard.Cli.Tests;

/// <summary>
/// One campaign, one operator, end to end (CampaignAssembler.OperatorParts): in random 11217 a reasoning-replay ring and a
/// chain-of-thought sweep — each on identity of its own, both harvesting reasoning, bridged by what every CoT-style request
/// shares — were published as one campaign of 1,069 accounts (weighted purity 0.866). The split by operator separates them
/// on the identity each owns and keeps each operation's batches together by the harness they run.
/// </summary>
public sealed class OperatorSplitRegressionTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("dg-operator-split-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Random11217_TheReplayRingAndTheSweep_ArePublishedApart()
    {
        var (sim, outDir) = RandomWorldRun.SimulateAndAnalyze(_dir, 11217, registry: true);
        RandomWorldRun.AssertPublishedApart(sim, outDir, "replay-2", "cot-sweep-1", 0.9, 0.8);
    }

    /// <summary>Random 11414 (held out when first read): a tool-use operation of 160 accounts and a station of 124, each on
    /// identity of its own, both running an agent platform's prompt, were published as one campaign with 15 accounts the
    /// campaign held but did not flag (platform users, researchers). The split found the two operations and a third part of
    /// those 15, which cannot stand as a campaign, so the whole stayed one (purity 0.842). Unflagged parts now join the
    /// largest part.</summary>
    [Fact]
    public void Random11414_TheToolUseOperationAndTheStation_ArePublishedApart()
    {
        var (sim, outDir) = RandomWorldRun.SimulateAndAnalyze(_dir, 11414, registry: true);
        RandomWorldRun.AssertPublishedApart(sim, outDir, "tooluse-1", "station-1", 0.9, 0.75);
    }

    /// <summary>Random 10206 with the log alone: two tool-use operations, each on system prompts of its own, share an
    /// agent tool set and a cloud route. One rotates its exits and shares no address, card or sign-up batch, so on its
    /// own it carried one kind of evidence (content) and scored 0.45; the other brought addresses, and the two were
    /// published as one campaign of 595 (weighted purity 0.49). Exits that rotate where the log's do not are network
    /// evidence, and the rotating operation stands on its own.</summary>
    [Fact]
    public void Random10206_LogOnly_TheRotatingToolUseOperation_IsPublishedApartFromTheOther()
    {
        var (sim, outDir) = RandomWorldRun.SimulateAndAnalyze(_dir, 10206, registry: false);
        RandomWorldRun.AssertPublishedApart(sim, outDir, "tooluse-1", "tooluse-2", 0.85, 0.85);
    }

    /// <summary>Random 10213 with the log alone: a 390-account replay operation and a 162-account replay ring, both on
    /// rotating residential exits, were joined by three /24 ranges each held by one account of each (published as one
    /// campaign of 495, purity 0.70). A range two accounts share is a proxy pool's coincidence, not an operator's range.</summary>
    [Fact]
    public void Random10213_LogOnly_TwoReplayOperationsOnOneProxyPoolsRanges_ArePublishedApart()
    {
        var (sim, outDir) = RandomWorldRun.SimulateAndAnalyze(_dir, 10213, registry: false);
        RandomWorldRun.AssertPublishedApart(sim, outDir, "replay-2", "replay-1", 0.8, 0.9);
    }
}
