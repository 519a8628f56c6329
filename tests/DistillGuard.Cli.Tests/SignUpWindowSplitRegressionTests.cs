namespace DistillGuard.Cli.Tests;

/// <summary>
/// A sign-up window is a time, not a payer (CampaignAssembler.OperatorParts), end to end: in random 12001 a transfer
/// station of 978 accounts and a tool-use harvest of 498, each found as an operator of its own, opened their accounts in the
/// same hours and on the same webmail providers, and were published as one campaign of 1,485 (weighted purity 0.69). Sign-up
/// windows and popular mail domains that two operator clusters share no longer make them one identity component, and
/// the nine station accounts that only the mixture flagged (through exits the harvest's accounts used too) may lose that
/// flag. The test fails without either change (the two are published together).
/// </summary>
public sealed class SignUpWindowSplitRegressionTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("dg-signup-window-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Random12001_TwoOperatorsOpeningAccountsInTheSameHours_ArePublishedApart()
    {
        var (sim, outDir) = RandomWorldRun.SimulateAndAnalyze(_dir, 12001, registry: true);
        RandomWorldRun.AssertPublishedApart(sim, outDir, "station-2", "agentic-1", 0.95, 0.95);
        var (_, _, legitimate) = RandomWorldRun.Flagged(sim, outDir, "station-2");
        Assert.Equal(0, legitimate);
    }
}
