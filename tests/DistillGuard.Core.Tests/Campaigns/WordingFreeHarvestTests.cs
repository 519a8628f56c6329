using DistillGuard.Core.Accounts;
using DistillGuard.Core.Analysis;
using DistillGuard.Core.Tests.Analysis;
using DistillGuard.Core.Verdicts;
using Xunit.Abstractions;

namespace DistillGuard.Core.Tests.Campaigns;

/// <summary>
/// A transfer station whose harvest is ordinary-looking agentic coding (no chain-of-thought, rubric or rewrite wording):
/// found because its accounts are tied by identity and act as one while asking the log's largest budgets — and the
/// look-alikes that share one of those things (a corporate card, a campus NAT, an agent platform's prompt, tools and
/// hosting range, even at the same budget) stay clear.
/// </summary>
public sealed class WordingFreeHarvestTests(ITestOutputHelper output)
{
    private static SyntheticTraffic Traffic(int seed, bool platformAtBudget = false) => new(new SyntheticTraffic.Settings
    {
        Seed = seed, StationAccounts = 36, PlatformAtStationBudget = platformAtBudget,
    });

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Complete_AgenticStationWithNoHarvestWording_IsOneCampaign(int seed)
    {
        var t = Traffic(seed);
        var r = AnalysisHarness.Run(t);
        var d = t.Accounts.Where(a => a.Campaign == "D").Select(a => a.Id).ToHashSet();
        var verdicts = r.Verdicts.Where(v => d.Contains(v.Account)).ToList();
        var missed = verdicts.Where(v => v.Verdict != VerdictKind.Campaign).ToList();
        Assert.True(missed.Count <= 0.05 * d.Count, $"{missed.Count} of {d.Count} station accounts missed; e.g. "
            + string.Join("\n", missed.Take(3).Select(v => $"{v.Account} {v.Verdict}: {string.Join(" | ", v.Reasons.Select(q => q.Signal + " " + q.Detail))}")));
        var ids = verdicts.Where(v => v.Verdict == VerdictKind.Campaign).Select(v => v.Campaign).Distinct().ToList();
        Assert.Single(ids);
        // its evidence is what it does and who it is, never a content signal
        var flagged = verdicts.First(v => v.Verdict == VerdictKind.Campaign);
        output.WriteLine(string.Join("\n", flagged.Reasons.Select(q => $"{q.Signal} {q.Weight} {q.Detail}")));
        Assert.Contains(flagged.Reasons, q => q.Signal == "budget-at-ceiling" && q.ExchangeIds.Count > 0);
        Assert.Contains(flagged.Reasons, q => q.Signal is "shared-payment" or "shared-prefix" or "shared-ip");
        Assert.DoesNotContain(flagged.Reasons, q => q.Signal is "cot-elicitation" or "answer-to-reasoning" or "rubric-grading");
        // and it is not merged with the other campaigns
        var others = r.Verdicts.Where(v => v.Verdict == VerdictKind.Campaign && !d.Contains(v.Account)).Select(v => v.Campaign).ToHashSet();
        Assert.DoesNotContain(ids[0], others);
    }

    [Theory]
    [InlineData(1, false)]
    [InlineData(2, false)]
    [InlineData(1, true)]
    [InlineData(2, true)]
    public void Complete_CorporateCardCampusNatAndAgentPlatform_StayClear(int seed, bool platformAtBudget)
    {
        var t = Traffic(seed, platformAtBudget);
        var r = AnalysisHarness.Run(t);
        var pop = t.Accounts.ToDictionary(a => a.Id, a => a.Population);
        var wrong = WronglyFlagged(t, r);
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
        Assert.Contains(r.Verdicts, v => pop[v.Account] == "agent-platform");
        Assert.Contains(r.Verdicts, v => pop[v.Account] == "corporate-card");
        Assert.Contains(r.Verdicts, v => pop[v.Account] == "campus-nat");
    }

    /// <summary>Accounts of neither campaign nor station published in a campaign, each with its reasons.</summary>
    private static List<string> WronglyFlagged(SyntheticTraffic t, AnalysisResult r)
    {
        var pop = t.Accounts.ToDictionary(a => a.Id, a => a.Population);
        return r.Verdicts.Where(v => v.Verdict == VerdictKind.Campaign && pop[v.Account] is not ("campaign" or "station"))
            .Select(v => $"{v.Account} ({pop[v.Account]}): {string.Join(" | ", v.Reasons.Select(q => q.Signal + " " + q.Detail))}").ToList();
    }

    [Theory]
    [InlineData(1, 36)]
    [InlineData(2, 36)]
    [InlineData(3, 36)]
    [InlineData(1, 48)]
    [InlineData(2, 48)]
    [InlineData(3, 48)]
    public void Complete_StationAndAgentPlatformRentingOneCloudRange_TheStationIsFound_AndNoneOfThePlatformsUsers(int seed, int stationAccounts)
    {
        // The station's harness egresses from two addresses of the cloud /24 the agent platform's egress is in; the
        // platform's users, served round the clock at the station's output budget, never use the station's addresses nor
        // it theirs. Two things drew the platform's users in (random 10113 and 10116 with IP intelligence: 29 of them
        // published with operations). The platform's four addresses, known as hosting, weighed as an operator's exits,
        // though no card ties their holders and none is an operator's: they are a shared egress (KeyGroup.Egress); with
        // 36 station accounts, 2 of the 40 users were flagged at one seed before. And the range tied both tenants into one
        // identity cluster: with 48 station accounts on cards of the operation's, the range's holders are mostly tied, and
        // 39-40 users were flagged at every seed with either change alone. It is two tenants, each on addresses of its
        // own (KeyGroupBuilder.TenantsApart).
        var t = new SyntheticTraffic(new SyntheticTraffic.Settings { Seed = seed, StationAccounts = stationAccounts, PlatformAtStationBudget = true, StationBesidePlatform = true });
        var r = AnalysisHarness.Run(t);
        var wrong = WronglyFlagged(t, r);
        Assert.True(wrong.Count == 0, $"{wrong.Count} flagged:\n" + string.Join("\n", wrong.Take(3)));
        var pop = t.Accounts.ToDictionary(a => a.Id, a => a.Population);
        int found = r.Verdicts.Count(v => pop[v.Account] == "station" && v.Verdict == VerdictKind.Campaign);
        Assert.True(found >= 0.9 * stationAccounts, $"{found} of {stationAccounts} station accounts found");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Complete_AgedStationOnOneVectorRoundTheClock_IsFound_AndNobodyElse(int seed)
    {
        // Bought aged accounts, a card and a webmail address each, no system prompt, no model pivot, requests at random
        // moments: only its hosting exits tie it, and what makes it one operation is how it runs — two thirds of its
        // accounts on one parameter vector, served day and night with no quiet third of the day.
        var t = new SyntheticTraffic(new SyntheticTraffic.Settings
        {
            Seed = seed, StationAccounts = 36, StationAged = true, StationOwnCards = true, StationPoisson = true,
        });
        var r = AnalysisHarness.Run(t);
        var d = t.Accounts.Where(a => a.Campaign == "D").Select(a => a.Id).ToHashSet();
        var verdicts = r.Verdicts.Where(v => d.Contains(v.Account)).ToList();
        int found = verdicts.Count(v => v.Verdict == VerdictKind.Campaign);
        Assert.True(found >= 0.9 * d.Count, $"{found} of {d.Count} station accounts found; e.g. "
            + string.Join("\n", verdicts.Where(v => v.Verdict != VerdictKind.Campaign).Take(2).Select(v => $"{v.Account} {v.Verdict}: {string.Join(" | ", v.Reasons.Select(q => q.Signal + " " + q.Detail))}")));
        var pop = t.Accounts.ToDictionary(a => a.Id, a => a.Population);
        var wrong = WronglyFlagged(t, r);
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    [Fact]
    public void Complete_StationBelowTheLogsCeiling_HasNoBudgetEvidence()
    {
        // The same station asking a quarter of what others in the log ask at most: its budgets are not maximal here.
        var t = new SyntheticTraffic(new SyntheticTraffic.Settings { Seed = 1, StationAccounts = 36, StationBudget = 16000 });
        var r = AnalysisHarness.Run(t);
        var d = t.Accounts.Where(a => a.Campaign == "D").Select(a => a.Id).ToHashSet();
        Assert.DoesNotContain(r.Verdicts, v => d.Contains(v.Account) && v.Reasons.Any(q => q.Signal == "budget-at-ceiling"));
    }

    [Fact]
    public void Complete_StationAtTheCeilingOfALogWhoseCeilingIsLow_IsFound()
    {
        // Nobody in this log asks more than 16 K except the campaigns that ask 64 K; take those away and the ceiling is
        // the station's own 16 K: what is maximal is read off the log, not a constant.
        var t = new SyntheticTraffic(new SyntheticTraffic.Settings
        {
            Seed = 1, StationAccounts = 36, StationBudget = 16000, CampaignAccounts = 0, RewardCampaignAccounts = 0, IncludeHardNegatives = false,
        });
        var r = AnalysisHarness.Run(t);
        var d = t.Accounts.Where(a => a.Campaign == "D").Select(a => a.Id).ToHashSet();
        int found = r.Verdicts.Count(v => d.Contains(v.Account) && v.Verdict == VerdictKind.Campaign);
        Assert.True(found >= 0.95 * d.Count, $"{found} of {d.Count}");
        Assert.Equal(0, r.Verdicts.Count(v => !d.Contains(v.Account) && v.Verdict == VerdictKind.Campaign));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Complete_ADeclaredFleetsUnverifiedWorkersOnASecondProduct_AreTheFleets(int seed)
    {
        // Twenty verified enterprise accounts under the organisation's name declare the fleet; ten more under the same
        // name, card and address, not verified, run a second product of the company. Judged apart (the holders of the
        // second product's prompt), the ten declare nothing; the declaration is the organisation's, over all its accounts.
        var t = new SyntheticTraffic(new SyntheticTraffic.Settings { Seed = seed, LegitUsers = 600, FleetAccounts = 20, FleetUnverifiedWorkers = 10 });
        var r = AnalysisHarness.Run(t);
        var fleet = t.Accounts.Where(a => a.Population == "fleet").Select(a => a.Id).ToHashSet();
        var flagged = r.Verdicts.Where(v => fleet.Contains(v.Account) && v.Verdict == VerdictKind.Campaign).ToList();
        Assert.True(flagged.Count == 0, $"{flagged.Count} of the fleet's accounts flagged: {string.Join(" | ", flagged.Take(2).Select(v => string.Join("; ", v.Reasons.Select(q => q.Signal + ": " + q.Detail))))}");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Complete_AnOrganisationsOwnDeclaredFleet_IsNotCampaign(int seed)
    {
        // One card, one address, one system prompt that asks for step-by-step reasoning, a machine schedule — and every
        // account a verified enterprise account of one named organisation: a customer's fleet, not a hydra.
        var t = new SyntheticTraffic(new SyntheticTraffic.Settings { Seed = seed, FleetAccounts = 20 });
        var r = AnalysisHarness.Run(t);
        var fleet = t.Accounts.Where(a => a.Population == "fleet").Select(a => a.Id).ToHashSet();
        Assert.DoesNotContain(r.Verdicts, v => fleet.Contains(v.Account) && v.Verdict == VerdictKind.Campaign);
        // the same traffic from unverified free accounts under no common name is a campaign: the declaration decides
        var registry = t.Registry;
        var hidden = new AccountRegistry(t.Accounts.Select(a => registry.Find(a.Id)!)
            .Select(x => fleet.Contains(x.Account) ? x with { Verified = false, Tier = "free", OrgName = x.Account } : x).ToList());
        var engine = new AnalysisEngine();
        t.Replay(engine.Add);
        var r2 = engine.Complete(new AnalysisInputs { Registry = hidden, Allowlist = t.Allowlist, IpIntel = t.IpIntel });
        int flagged = r2.Verdicts.Count(v => fleet.Contains(v.Account) && v.Verdict == VerdictKind.Campaign);
        Assert.True(flagged >= 0.9 * fleet.Count, $"{flagged} of {fleet.Count}");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Complete_AFleetHalfOnEnterpriseContractsNotYetVerified_IsDeclared_ButNotAsSelfServe(int seed)
    {
        // The same fleet with every other account not (yet) verified. On enterprise agreements those accounts are named
        // by a contract with the lab: the organisation still says who runs them (held-out random 9621 and 9628: a fleet
        // with 8 of 13 accounts verified, the rest enterprise, was flagged under the verified-only rule). Moved to the
        // self-serve paid tier, half verified is not a declaration, and the fleet's harness and card make it a campaign.
        var t = new SyntheticTraffic(new SyntheticTraffic.Settings { Seed = seed, FleetAccounts = 20 });
        var fleet = t.Accounts.Where(a => a.Population == "fleet").Select(a => a.Id).ToList();
        var unverified = fleet.Where((_, i) => i % 2 == 1).ToHashSet();
        int Flagged(string tier)
        {
            var registry = new AccountRegistry(t.Accounts.Select(a => t.Registry.Find(a.Id)!)
                .Select(x => unverified.Contains(x.Account) ? x with { Verified = false, Tier = tier } : x).ToList());
            var engine = new AnalysisEngine();
            t.Replay(engine.Add);
            var r = engine.Complete(new AnalysisInputs { Registry = registry, Allowlist = t.Allowlist, IpIntel = t.IpIntel });
            return r.Verdicts.Count(v => fleet.Contains(v.Account) && v.Verdict == VerdictKind.Campaign);
        }
        Assert.Equal(0, Flagged("enterprise"));
        int selfServe = Flagged("paid");
        Assert.True(selfServe >= 0.9 * fleet.Count, $"{selfServe} of {fleet.Count} flagged on the self-serve tier");
    }

    /// <summary>At least nine in ten of the ring's accounts (campaign E) in a campaign, each with the replay among its
    /// reasons, and no false positive in the log.</summary>
    private static void AssertRingFound(SyntheticTraffic t)
    {
        var r = AnalysisHarness.Run(t);
        var e = t.Accounts.Where(a => a.Campaign == "E").Select(a => a.Id).ToHashSet();
        var verdicts = r.Verdicts.Where(v => e.Contains(v.Account)).ToList();
        int found = verdicts.Count(v => v.Verdict == VerdictKind.Campaign);
        Assert.True(found >= 0.9 * e.Count, $"{found} of {e.Count}: " + string.Join("\n", verdicts.Where(v => v.Verdict != VerdictKind.Campaign).Take(3)
            .Select(v => $"{v.Account} {v.Verdict}: {string.Join(" | ", v.Reasons.Select(q => q.Signal + " " + q.Detail))}")));
        Assert.All(verdicts.Where(v => v.Verdict == VerdictKind.Campaign), v => Assert.Contains(v.Reasons, q => q.Signal == "reasoning-replay"));
        Assert.Equal(0, AnalysisHarness.Evaluate(t, r).FalsePositives);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Complete_ReplayRingWithHumanTimingAndNothingElseShared_IsCampaign(int seed)
    {
        var t = new SyntheticTraffic(new SyntheticTraffic.Settings { Seed = seed, ReplayIssuers = 5, ReplayPresenters = 12 });
        AssertRingFound(t);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Complete_ReplayRingThatBranchesWithoutAnyInstruction_IsCampaign(int seed)
    {
        // The ring of the test above, but its presenters ask nothing in words: each request carries an issued artifact in
        // its conversation and asks the largest budgets (the blind red team's shadow mix: resending issued thinking with
        // tool results of the ring's own choosing). Its harvest is wording-free, and nothing but the artifacts ties the
        // accounts: the replay itself is the tie and the acting as one (it was held under the threshold at 0.4).
        var t = new SyntheticTraffic(new SyntheticTraffic.Settings { Seed = seed, ReplayIssuers = 5, ReplayPresenters = 12, ReplayWordless = true });
        AssertRingFound(t);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Complete_OneOrganisationsAccountsHandingConversationsOn_AreNotCampaign(int seed)
    {
        // The branching ring's traffic from one organisation's declared accounts (verified, enterprise, one name): its
        // agent framework hands conversations, reasoning artifacts included, from one service account to another. The
        // replay ties them as one operator, which they say they are: a customer's fleet, not a hydra.
        var t = new SyntheticTraffic(new SyntheticTraffic.Settings { Seed = seed, ReplayIssuers = 5, ReplayPresenters = 12, ReplayWordless = true, ReplayOneOrganisation = true });
        var r = AnalysisHarness.Run(t);
        var e = t.Accounts.Where(a => a.Campaign == "E").Select(a => a.Id).ToHashSet();
        var flagged = r.Verdicts.Where(v => e.Contains(v.Account) && v.Verdict == VerdictKind.Campaign).ToList();
        Assert.True(flagged.Count == 0, $"{flagged.Count} of {e.Count} flagged: " + string.Join("\n", flagged.Take(3)
            .Select(v => $"{v.Account}: {string.Join(" | ", v.Reasons.Select(q => q.Signal + " " + q.Detail))}")));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Complete_PresentersThatPasteTwoIssuersArtifactsOnceEach_AreTheRingsAccounts(int seed)
    {
        // The ring of the test above, and ten more presenters that paste rarely: two artifacts of two different issuers,
        // once each, after 20-30 ordinary requests. Read per issuer, each paste is one replay on one key (harvest 0.18)
        // and they stayed on watch; two replays of reasoning issued to other accounts are the ring's, as two pastes of
        // one issuer's are.
        var t = new SyntheticTraffic(new SyntheticTraffic.Settings { Seed = seed, ReplayIssuers = 5, ReplayPresenters = 12, ReplaySparsePresenters = 10 });
        var r = AnalysisHarness.Run(t);
        var sparse = t.Accounts.Where(a => a.Population == "replay-sparse").Select(a => a.Id).ToHashSet();
        var sparseVerdicts = r.Verdicts.Where(v => sparse.Contains(v.Account)).ToList();
        Assert.Equal(10, sparseVerdicts.Count);
        int found = sparseVerdicts.Count(v => v.Verdict == VerdictKind.Campaign);
        Assert.True(found >= 9, $"{found} of 10 sparse presenters: " + string.Join("\n", sparseVerdicts.Where(v => v.Verdict != VerdictKind.Campaign).Take(3)
            .Select(v => $"{v.Account} {v.Verdict}: {string.Join(" | ", v.Reasons.Select(q => q.Signal + " " + q.Detail))}")));
        Assert.Equal(0, AnalysisHarness.Evaluate(t, r).FalsePositives);
    }
}
