using DistillGuard.Core.Analysis;
using DistillGuard.Core.Tests.Analysis;
using DistillGuard.Core.Verdicts;
using Xunit.Abstractions;

namespace DistillGuard.Core.Tests.Campaigns;

/// <summary>
/// One exit and one client, one operation (CampaignAssembler.AdoptByExitAndClient), its customers' side: the aged station
/// pinned to eight exits of its own runs more accounts that send only ordinary requests from those exits with its SDK, and
/// customers use the same exits for about a quarter of their requests, from home otherwise, half of them with the
/// station's SDK. The first are the operation's (its pool of exits already says so); the customers share the exit, and
/// some the client, but do not run mostly from the operation's exits, and stay clear. The adoption's own positive
/// case is end to end (DistillGuard.Cli.Tests.ExitAndClientRegressionTests, random 11428).
/// </summary>
public sealed class ExitAndClientTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Complete_AccountsOnAStationsExitsWithItsClient_AreItsAccounts_AndCustomersOnTheExitsAreNot(int seed)
    {
        // (the pool of exits already makes them the operation's: operator evidence; the adoption is for the accounts no rule holds)
        AssertSharersTakenCustomersClear(seed, ownCards: true, sharers: 16, atLeast: 14);
    }
    /// <summary>
    /// The operation's accounts that ask only ordinary requests outnumber its flagged ones two to one on each of its exits
    /// (six of its harvesting accounts and twelve others per exit, and two customers who send a quarter of their requests
    /// from there): the exits are still its own, since most of their holders are its flagged accounts and accounts that live
    /// there as they do (its client, its hours, nothing else); the customers, who live elsewhere, stay clear.
    /// </summary>
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Complete_StationsFlaggedAccountsAMinorityOnItsExits_TheOthersLivingThereAreItsAccounts(int seed)
    {
        AssertSharersTakenCustomersClear(seed, ownCards: false, sharers: 96, atLeast: 86);
    }
    /// <summary>
    /// The other side of the case above: an exit most of whose holders are customers who live on it with clients of their
    /// own (a VPN exit they keep on), and the station's six flagged accounts. A quarter of the customers run the station's
    /// SDK; with those, the flagged accounts are still not most of the holders, so the exit is not the operation's and no
    /// customer is flagged through it.
    /// </summary>
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Complete_ExitMostOfWhoseHoldersAreCustomersLivingThereOnTheirOwnClients_TakesNoCustomer(int seed)
    {
        var (r, pop, _) = RunPinnedStation(seed, ownCards: false, s => s with { StationExitResidents = 128 });
        AssertNoneFlagged(r, pop, "exit-resident", 128);
    }

    /// <summary>
    /// Customers on neighbouring addresses of the station's exits' ranges (a VPN provider's /24: an address each, nobody else
    /// on it), signed up in the station's sign-up hours, a third of their requests at the log's largest output budget. The
    /// range is network evidence but says nothing of who operates them (they share no exit, card or domain with the
    /// station), and the hours are a coincidence: none is flagged. The station itself is found.
    /// </summary>
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Complete_CustomersOnTheRangesOfAStationsExitsButNotOnThem_AreNotItsAccounts(int seed)
    {
        var (r, pop, _) = RunPinnedStation(seed, ownCards: false, s => s with { StationAged = false, StationPinnedPrompt = false, StationExitNeighbours = 48 });
        AssertNoneFlagged(r, pop, "exit-neighbour", 48);
    }

    /// <summary>The aged station on people's hours, pinned to eight exits of its own with one system prompt, beside 300
    /// customers, with the exit's other holders <paramref name="configure"/> adds; the station must be found as one campaign.</summary>
    private static (AnalysisResult R, Dictionary<string, string> Pop, string Station) RunPinnedStation(int seed, bool ownCards, Func<SyntheticTraffic.Settings, SyntheticTraffic.Settings> configure)
    {
        var settings = new SyntheticTraffic.Settings
        {
            Seed = seed, LegitUsers = 300, StationAccounts = 48, StationBudget = 16000, StationAged = true, StationOwnCards = ownCards, StationHuman = true,
            StationPinnedExits = 8, StationPinnedPrompt = true,
        };
        var t = new SyntheticTraffic(configure(settings));
        var r = AnalysisHarness.Run(t);
        var pop = t.Accounts.ToDictionary(a => a.Id, a => a.Population);
        var station = r.Verdicts.Where(v => pop[v.Account] == "station" && v.Verdict == VerdictKind.Campaign).Select(v => v.Campaign).Distinct().ToList();
        Assert.Single(station);
        return (r, pop, station[0]!);
    }

    /// <summary>The station's exits with <paramref name="sharers"/> accounts living on them with its client and sixteen
    /// customers who send a quarter of their requests from there: at least <paramref name="atLeast"/> of the first are the
    /// station's campaign, and no customer is flagged.</summary>
    private void AssertSharersTakenCustomersClear(int seed, bool ownCards, int sharers, int atLeast)
    {
        var (r, pop, station) = RunPinnedStation(seed, ownCards, s => s with { StationExitSharers = sharers, StationExitCustomers = 16 });
        var held = r.Verdicts.Where(v => pop[v.Account] == "station-exit").ToList();
        Assert.Equal(sharers, held.Count);
        var found = held.Where(v => v.Verdict == VerdictKind.Campaign).ToList();
        output.WriteLine($"{found.Count} of {sharers} flagged; " + string.Join("\n", held.Take(2).Select(Describe)));
        Assert.True(found.Count >= atLeast, $"{found.Count} of {sharers} accounts living on the station's exits with its client flagged");
        Assert.All(found, v => Assert.Equal(station, v.Campaign));
        AssertNoneFlagged(r, pop, "exit-customer", 16);
    }

    private static void AssertNoneFlagged(AnalysisResult r, Dictionary<string, string> pop, string population, int count)
    {
        var accounts = r.Verdicts.Where(v => pop[v.Account] == population).ToList();
        Assert.Equal(count, accounts.Count);
        var wrong = accounts.Where(v => v.Verdict == VerdictKind.Campaign).Select(Describe).ToList();
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    private static string Describe(AccountVerdict v) => $"{v.Account} {v.Verdict}: {string.Join(" | ", v.Reasons.Select(q => q.Signal + " " + q.Detail))}";
}
