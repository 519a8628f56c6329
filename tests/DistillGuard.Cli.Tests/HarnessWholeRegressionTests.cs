namespace DistillGuard.Cli.Tests;

/// <summary>
/// One harness, one campaign, with the log alone (CampaignAssembler.JoinByHarness and WholeFlags.Carried), on random
/// 11401 (a development log): a tool-use operation of some 600 accounts that reach the API through cloud marketplaces, all
/// on one system prompt that no one else in the log runs. Without the registry nothing but that prompt ties its crews, and
/// peeling cut it into fourteen campaigns of 3–178 accounts. Ten of them run the prompt as their own harness and their
/// whole scores as one campaign, but it did not corroborate 4 of the 205 accounts one piece had flagged, and a whole had
/// to flag every account by its own scoring: the join was refused. The whole now keeps the flag each piece gave.
/// </summary>
public sealed class HarnessWholeRegressionTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("dg-harness-whole-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Random11401_LogOnly_AToolUseOperationOnAPromptOfItsOwn_IsPublishedInFewPieces_AndLosesNoFlag()
    {
        var (sim, outDir) = RandomWorldRun.SimulateAndAnalyze(_dir, 11401, registry: false);

        var (accounts, found, _) = RandomWorldRun.Flagged(sim, outDir, "tooluse-1");
        Assert.True(accounts >= 500, $"the world drew {accounts} tooluse-1 accounts");
        Assert.True(found >= 0.9 * accounts, $"{found} of {accounts} tooluse-1 accounts flagged");
        var pieces = RandomWorldRun.PublishedWith(sim, outDir, "tooluse-1");
        Assert.True(pieces.Count <= 6, $"tooluse-1 published in {pieces.Count} campaigns: {string.Join(", ", pieces.Select(p => p.Of))}");
        Assert.True(pieces.Max(p => p.Of) >= 0.6 * found, $"the largest piece holds {pieces.Max(p => p.Of)} of the {found} flagged");
    }
}
