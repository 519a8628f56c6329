namespace DistillGuard.Cli.Tests;

/// <summary>
/// Whose a value is, for the operator key (CampaignAssembler.Score), end to end: in random 11710 a transfer station's small
/// mail domain has nine carriers, all of them the station's; eight were corroborated members of its finding and four of
/// those harvested, under half of the nine, so the domain was not the operation's and the members on it that relay
/// ordinary traffic stayed unflagged (0.52 of the station found). The members that do not harvest are the ones the key is
/// for: they count toward whose the value is (most holders corroborated members, most of those harvesting), and the
/// station is found at 0.61.
/// </summary>
public sealed class OperatorKeyShareRegressionTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("dg-operator-key-share-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Random11710_AStationsOwnDomain_FlagsTheAccountsThatRelayOnIt()
    {
        var (sim, outDir) = RandomWorldRun.SimulateAndAnalyze(_dir, 11710, registry: true);
        RandomWorldRun.AssertFound(sim, outDir, "station-1", 40, 0.58);
    }
}
