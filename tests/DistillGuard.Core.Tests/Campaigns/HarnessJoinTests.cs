using DistillGuard.Core.Analysis;
using DistillGuard.Core.Campaigns;
using DistillGuard.Core.Tests.Analysis;
using DistillGuard.Core.Verdicts;

namespace DistillGuard.Core.Tests.Campaigns;

/// <summary>
/// One harness, one campaign (<see cref="CampaignAssembler.HarnessJoins"/>): published findings that run the same harness
/// of their own — the system prompts and templates most of each one's flagged members run, mostly held in the log by
/// flagged members — are one operation. Random 4001 published a tool-use operation on a prompt of its own as ten campaigns.
/// </summary>
public sealed class HarnessJoinTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private static (int, IReadOnlyDictionary<int, int>) Value(int holders, params (int Finding, int Held)[] held)
        => (holders, held.ToDictionary(h => h.Finding, h => h.Held));

    [Fact]
    public void PiecesOnAPromptOfTheirOwn_AreOne()
    {
        // three pieces of 31, 20 and 14 flagged accounts, all on a prompt 70 accounts hold
        var root = CampaignAssembler.HarnessJoins([31, 20, 14], [Value(70, (0, 31), (1, 20), (2, 14))]);
        Assert.Equal([0, 0, 0], root);
    }

    [Fact]
    public void APublicPrompt_JoinsNothing()
    {
        // the same pieces on an agent platform's prompt that 400 accounts hold: most holders are customers nobody flagged
        var root = CampaignAssembler.HarnessJoins([31, 20, 14], [Value(400, (0, 31), (1, 20), (2, 14))]);
        Assert.Equal([0, 1, 2], root);
    }

    [Fact]
    public void AFindingThatHoldsTheValueWithAFewOfItsAccounts_IsNotJoined()
    {
        // finding 1 is another operation with 5 of its 40 flagged accounts on the first one's template
        var root = CampaignAssembler.HarnessJoins([31, 40, 14], [Value(52, (0, 31), (1, 5), (2, 14))]);
        Assert.Equal([0, 1, 0], root);
    }

    [Fact]
    public void AnOperationThatBorrowedATemplate_StaysApart_ForTheTemplateOfItsOwn()
    {
        // finding 1 runs finding 0's template on most of its accounts, and a template of its own that finding 0 does not
        // run; finding 2 is a piece of finding 0
        var root = CampaignAssembler.HarnessJoins([30, 25, 12],
            [Value(70, (0, 30), (1, 20), (2, 12)), Value(26, (1, 25))]);
        Assert.Equal([0, 1, 0], root);
    }

    [Fact]
    public void PiecesOnAVectorOfTheirOwn_AreOne_UnlessTheyAreTwoPayers()
    {
        // three pieces on a parameter vector 70 accounts send, all of them the pieces' flagged members
        IReadOnlyList<(int, IReadOnlyDictionary<int, int>)> values = [Value(70, (0, 31), (1, 20), (2, 14))];
        Assert.Equal([0, 0, 0], CampaignAssembler.HarnessJoins([31, 20, 14], values, [true], cards: []));
        // finding 2 pays with a card three of its accounts share and no one in the others uses: a payer of its own, which
        // a vector in common (temperature 0 and a round budget are choices anyone makes) does not join to the others
        // (findings 0 and 1, on no card, are no two payers)
        var card = new Dictionary<int, int> { [2] = 3 };
        Assert.Equal([0, 0, 2], CampaignAssembler.HarnessJoins([31, 20, 14], values, [true], cards: [card]));
        // a card findings 1 and 2 share keeps them together, and apart from finding 0, which does not use it
        var both = new Dictionary<int, int> { [1] = 2, [2] = 3 };
        Assert.Equal([0, 1, 1], CampaignAssembler.HarnessJoins([31, 20, 14], values, [true], cards: [both]));
        // a piece on a card the largest finding also pays with, beside cards of the largest's own: one payer
        var own = new Dictionary<int, int> { [0] = 5 };
        var split = new Dictionary<int, int> { [0] = 2, [1] = 3 };
        Assert.Equal([0, 0, 2], CampaignAssembler.HarnessJoins([31, 20, 14], values, [true], cards: [own, split]));
        // the same card beside a system prompt of theirs: prompts and templates join whatever the cards
        Assert.Equal([0, 0, 0], CampaignAssembler.HarnessJoins([31, 20, 14], values, [false], cards: [card]));
    }

    [Fact]
    public void PiecesOnOneTemplate_AskingBudgetsOfTheirOwn_AreStillOne()
    {
        // two pieces on one template, each on a parameter vector of its own: the veto of a harness of one's own reads
        // wording, not budgets
        var root = CampaignAssembler.HarnessJoins([30, 20],
            [Value(55, (0, 30), (1, 20)), Value(32, (0, 30)), Value(21, (1, 20))], [false, true, true], cards: []);
        Assert.Equal([0, 0], root);
    }

    private static SyntheticTraffic Crews(int seed, int vectorCustomers) => new(new SyntheticTraffic.Settings
    {
        Seed = seed, CampaignAccounts = 0, RewardCampaignAccounts = 0, CrewSweepCrews = 5, CrewSweepAccounts = 12, CrewVectorCustomers = vectorCustomers,
    });

    private (int Flagged, int Campaigns, int Wrong) Sweep(SyntheticTraffic t, AnalysisResult r)
    {
        var pop = t.Accounts.ToDictionary(a => a.Id, a => a.Population);
        var sweep = t.Accounts.Where(a => a.Campaign == "W").Select(a => a.Id).ToHashSet();
        var flagged = r.Verdicts.Where(v => sweep.Contains(v.Account) && v.Verdict == VerdictKind.Campaign).ToList();
        foreach (var c in r.Campaigns)
            output.WriteLine($"{c.Id} n={c.Accounts.Count} " + string.Join(",", c.Accounts.GroupBy(a => pop[a]).Select(g => $"{g.Key}:{g.Count()}")));
        // ordinary users, the vector's customers among them (without the registry an enterprise's batch accounts are not
        // known to be one declared organisation: a known limit of the log alone, not what is tested here)
        return (flagged.Count, flagged.Select(v => v.Campaign).Distinct().Count(),
            r.Verdicts.Count(v => v.Verdict == VerdictKind.Campaign && pop[v.Account] == "legit"));
    }

    /// <summary>With the log alone (no registry: no cards tie the crews), a sweep run as five crews on ranges and hours of
    /// their own is published as one campaign: the parameter vector every crew sends and no customer does is the
    /// operation's harness. Before the vector counted as a harness value, each crew was a campaign of its own.</summary>
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Complete_LogOnly_CrewsOfOneSweepOnAVectorOfTheirOwn_AreOneCampaign(int seed)
        => Assert.Equal(1, CrewCampaigns(seed, vectorCustomers: 0));

    /// <summary>The same crews where 150 customers' client sends the same vector (a framework's preset): the vector is
    /// mostly held by customers nobody flagged, so it ties nothing, and the crews stay the pieces their ranges make.</summary>
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Complete_LogOnly_CrewsOnAPopularVector_AreNotJoinedByIt(int seed)
        => Assert.InRange(CrewCampaigns(seed, vectorCustomers: 150), 4, 5);

    /// <summary>The crews analysed with the log alone: at least 48 of their 60 accounts flagged and no ordinary user;
    /// returns the number of campaigns the flagged crew accounts are in.</summary>
    private int CrewCampaigns(int seed, int vectorCustomers)
    {
        var t = Crews(seed, vectorCustomers);
        var (flagged, campaigns, wrong) = Sweep(t, AnalysisHarness.Run(t, withInputs: false));
        Assert.True(flagged >= 48, $"{flagged} of 60 crew accounts flagged");
        Assert.Equal(0, wrong);
        return campaigns;
    }
}
