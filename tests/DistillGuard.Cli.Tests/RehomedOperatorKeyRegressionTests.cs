namespace DistillGuard.Cli.Tests;

/// <summary>
/// An operator key the regrouping completes, end to end (CampaignAssembler.RehomeByIdentity and KeepOnlyFlags): in random
/// 11515 an agentic harvest of 77 accounts runs from hosting addresses whose holders are all its own. Its harvesting
/// accounts were peeled into two findings, and no piece held half of one address's 21 holders as harvesting members (10
/// of 21), so the accounts that run from it with little harvest of their own stayed at watch. Regrouped, the finding holds
/// 14 of them: the address is the operation's, and so are the accounts that run from it (0.79 of the harvest found
/// before, 0.83 after; no legitimate account flagged).
/// </summary>
public sealed class RehomedOperatorKeyRegressionTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("dg-rehomed-key-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Random11515_AccountsOnTheHarvestsOwnAddress_AreFoundOnceItsPiecesAreOne()
    {
        var (sim, outDir) = RandomWorldRun.SimulateAndAnalyze(_dir, 11515, registry: true);
        RandomWorldRun.AssertFound(sim, outDir, "agentic-1", 70, 0.82);
    }
}
