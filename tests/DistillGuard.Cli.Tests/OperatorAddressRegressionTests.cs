namespace DistillGuard.Cli.Tests;

/// <summary>
/// An operation's accounts on its own addresses, whose requests do not read as harvest: in random 11317 a 304-account
/// sweep of medical coding and spreadsheet formulas ran from hosting addresses of about seven accounts each, every holder
/// its own. The accounts whose own requests carried no harvest the lexicons name were tied to the campaign by those
/// addresses, its sign-up bursts and its pivot to the new model, and held at watch with harvest 0.01 on their keys
/// (206 of 304 flagged). An address at least half of whose holders are the campaign's harvesting accounts is the
/// operation's, like its cards: a member that runs mostly from it and is tied to the campaign by a second kind of
/// evidence is its account.
/// </summary>
public sealed class OperatorAddressRegressionTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("dg-operator-address-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Random11317_AnOperationsAccountsOnItsOwnAddresses_AreFlaggedWithIt()
    {
        var (sim, outDir) = RandomWorldRun.SimulateAndAnalyze(_dir, 11317, registry: true);
        RandomWorldRun.AssertFound(sim, outDir, "cot-sweep-2", 200, 0.8);
    }

    [Fact]
    public void Random10213_ACustomerWhoPassedThroughAnOperationsAddress_StaysClear()
    {
        // A hobbyist sent 3 of its 13 requests from an address four of a campaign's harvesting accounts use (a VPN exit
        // both chose), on a public template the campaign also uses: the address is not where the customer runs.
        var (sim, outDir) = RandomWorldRun.SimulateAndAnalyze(_dir, 10213, registry: true);
        var (_, _, legit) = RandomWorldRun.Flagged(sim, outDir, "station-1");
        Assert.Equal(0, legit);
    }
}
