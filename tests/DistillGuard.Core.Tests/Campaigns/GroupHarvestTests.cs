using DistillGuard.Core.Analysis;
using DistillGuard.Core.Links;
using DistillGuard.Core.Scoring;
using DistillGuard.Core.Tests.Analysis;
using DistillGuard.Core.Verdicts;

namespace DistillGuard.Core.Tests.Campaigns;

/// <summary>
/// Harvest judged on the group against the log's base rate (<see cref="HarvestLift"/>): a hydra whose accounts each ask
/// for step-by-step reasoning now and then — no more often than a campus's students do — is found because nearly all
/// the accounts on its cards and exits do so, where few of the log's accounts ever do; the campus, the corporate card and
/// the agent platform, each sharing one such thing, stay clear.
/// </summary>
public sealed class GroupHarvestTests(Xunit.Abstractions.ITestOutputHelper output)
{
    [Theory]
    [InlineData(0, 10, 0.1, 0)]        // nobody harvesting
    [InlineData(1, 10, 0.1, 0)]        // at the base rate
    [InlineData(2, 10, 0.1, 0)]        // above it, but within chance (z = 1.1)
    [InlineData(40, 40, 0.1, 1)]       // all of forty where one in ten do: fully
    [InlineData(4, 5, 0.2, 0.05)]      // four of five where one in five do: z = 3.35, a little
    [InlineData(60, 200, 0.3, 0)]      // a large group at the base rate
    public void Of_CountsOnlyAClearExcessOverTheBaseRate(int harvesting, int members, double baseRate, double expectedAtLeast)
    {
        double lift = HarvestLift.Of(harvesting, members, baseRate);
        if (expectedAtLeast == 0) Assert.Equal(0, lift);
        else Assert.InRange(lift, expectedAtLeast, 1);
    }

    [Fact]
    public void Of_GrowsWithTheGroupAtTheSameShare()
    {
        // Four in five harvesting where one in five do: in a group of five it is barely past chance, in fifty certain.
        Assert.True(HarvestLift.Of(4, 5, 0.2) < HarvestLift.Of(40, 50, 0.2));
        Assert.Equal((0.8 - 0.2) / 0.8, HarvestLift.Of(40, 50, 0.2), 6);
    }

    private static SyntheticTraffic Traffic(int seed) => new(new SyntheticTraffic.Settings
    {
        Seed = seed, ThinHydraAccounts = 96, LegitCotRate = 0.001, CampusCotRate = 0.05,
        CampaignAccounts = 0, RewardCampaignAccounts = 0,
    });

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Complete_HydraHarvestingThinlyOnSharedCards_IsFound_AndLookalikesStayClear(int seed)
    {
        var t = Traffic(seed);
        var r = AnalysisHarness.Run(t);
        var pop = t.Accounts.ToDictionary(a => a.Id, a => a.Population);
        var hydra = t.Accounts.Where(a => a.Campaign == "H").Select(a => a.Id).ToHashSet();
        int found = r.Verdicts.Count(v => hydra.Contains(v.Account) && v.Verdict == VerdictKind.Campaign);
        foreach (var f in r.Findings.Where(f => f.Members.Count >= 3).OrderByDescending(f => f.Score).Take(8))
            output.WriteLine($"{f.Score:0.000} n={f.Members.Count} fam={f.Families} harv={f.HarvestFraction:0.00} coord={f.Coordination.Score:0.00} "
                + string.Join(",", f.Members.GroupBy(m => pop[r.Profiles[m].Account]).Select(g => $"{g.Key}:{g.Count()}")) + " | "
                + string.Join("; ", f.Keys.Take(5).Select(k => $"{k.Key.Kind}:{k.MembersOnKey}:{k.Key.Weight:0.00}")));
        foreach (var k in r.KeyGroups.Where(k => k.Kind is Core.Links.LinkKind.Payment or Core.Links.LinkKind.Prefix && k.Members.Any(m => hydra.Contains(r.Profiles[m].Account))).OrderByDescending(k => k.Weight).Take(12))
            output.WriteLine($"key {k.Kind} {k.Value} n={k.Members.Count} w={k.Weight:0.000} h={k.HarvestShare:0.00} c={k.Coordination.Score:0.00}");
        // accounts that never asked a harvest request carry nothing to find; most of the others should be flagged
        var asked = r.Profiles.Where(p => hydra.Contains(p.Account) && p.HarvestExchanges > 0).Select(p => p.Account).ToHashSet();
        int foundAsked = r.Verdicts.Count(v => asked.Contains(v.Account) && v.Verdict == VerdictKind.Campaign);
        Assert.True(foundAsked >= 0.8 * asked.Count, $"{foundAsked} of the {asked.Count} hydra accounts that asked a harvest request flagged ({found} of {hydra.Count} in all)");
        var wrong = r.Verdicts.Where(v => v.Verdict == VerdictKind.Campaign && pop[v.Account] != "thin-hydra")
            .Select(v => $"{v.Account} ({pop[v.Account]}): {string.Join(" | ", v.Reasons.Select(q => q.Signal + " " + q.Detail))}").ToList();
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
        var flagged = r.Verdicts.First(v => hydra.Contains(v.Account) && v.Verdict == VerdictKind.Campaign);
        Assert.Contains(flagged.Reasons, q => q.Signal == "shared-payment" && q.ExchangeIds.Count > 0);
    }

    [Fact]
    public void Complete_SameAccountsWhereEveryoneAsksLikeThem_AreNotFlaggedOnTheirCardsAlone()
    {
        // When the log's ordinary users ask for step-by-step reasoning as often as the hydra's accounts do, sharing cards
        // and exits is not harvest evidence: the base rate decides, not a constant.
        var t = new SyntheticTraffic(new SyntheticTraffic.Settings
        {
            Seed = 1, ThinHydraAccounts = 48, LegitCotRate = 0.05, CampusCotRate = 0.05, CampaignAccounts = 0, RewardCampaignAccounts = 0,
        });
        var r = AnalysisHarness.Run(t);
        var hydra = t.Accounts.Where(a => a.Campaign == "H").Select(a => a.Id).ToHashSet();
        int found = r.Verdicts.Count(v => hydra.Contains(v.Account) && v.Verdict == VerdictKind.Campaign);
        Assert.True(found <= 0.1 * hydra.Count, $"{found} of {hydra.Count} flagged");
    }

    /// <summary>
    /// Runs the traffic and checks what the operator tests below share: at least <paramref name="share"/> of the accounts
    /// of <paramref name="population"/> are flagged, the first of them carries <paramref name="signal"/> with exchange ids
    /// and <paramref name="detail"/> in its text, no legitimate account is flagged, and no look-alike (corporate card,
    /// campus NAT, agent platform, enterprise batch) carries operator evidence. Returns the run and the first flagged verdict.
    /// </summary>
    private static (AnalysisResult Run, AccountVerdict Flagged) AssertOperationFound(SyntheticTraffic t, string population, double share, string signal, string detail)
    {
        var r = AnalysisHarness.Run(t);
        var pop = t.Accounts.ToDictionary(a => a.Id, a => a.Population);
        var ours = t.Accounts.Where(a => a.Population == population).Select(a => a.Id).ToHashSet();
        var verdicts = r.Verdicts.Where(v => ours.Contains(v.Account)).ToList();
        int found = verdicts.Count(v => v.Verdict == VerdictKind.Campaign);
        Assert.True(found >= share * ours.Count, $"{found} of {ours.Count} {population} accounts; not flagged: "
            + string.Join(" | ", verdicts.Where(v => v.Verdict != VerdictKind.Campaign).Take(3).Select(v => $"{v.Verdict} {string.Join("; ", v.Reasons.Select(q => q.Signal + ": " + q.Detail))}")));
        var flagged = verdicts.First(v => v.Verdict == VerdictKind.Campaign);
        Assert.Contains(flagged.Reasons, q => signal.Split('|').Contains(q.Signal) && q.ExchangeIds.Count > 0 && detail.Split('|').Any(q.Detail.Contains));
        var wrong = r.Verdicts.Where(v => v.Verdict == VerdictKind.Campaign && t.Accounts.First(a => a.Id == v.Account).Campaign is null).ToList();
        Assert.True(wrong.Count == 0, $"{wrong.Count} legitimate accounts flagged: " + string.Join(", ", wrong.Take(5).Select(v => $"{v.Account} ({pop[v.Account]})"))
            + (wrong.Count > 0 ? "; the first for: " + string.Join("; ", wrong[0].Reasons.Select(q => q.Signal + ": " + q.Detail)) : ""));
        Assert.DoesNotContain(r.Verdicts, v => pop[v.Account] is "corporate-card" or "campus-nat" or "agent-platform" or "enterprise-batch"
            && v.Reasons.Any(q => q.Signal is "operator-evidence" or "operator-card"));
        return (r, flagged);
    }

    /// <summary>One operation, one campaign: every flagged account of <paramref name="population"/> carries the same id.</summary>
    private static void AssertPublishedOnce(SyntheticTraffic t, AnalysisResult r, string population)
    {
        var ours = t.Accounts.Where(a => a.Population == population).Select(a => a.Id).ToHashSet();
        var ids = r.Verdicts.Where(v => ours.Contains(v.Account) && v.Campaign is not null).Select(v => v.Campaign).Distinct().ToList();
        Assert.True(ids.Count == 1, $"published as {ids.Count} campaigns: {string.Join(", ", ids)}");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Complete_StationWithNoHarvestSignalAtAll_IsFoundOnOperatorEvidence_AndLookalikesStayClear(int seed)
    {
        // Ordinary-looking coding at a budget below the log's ceiling: no content signal, no budget evidence. What is
        // left is who runs it (cards, relay domains, one hosting range) and that it acts as one (signed up in one
        // burst, one system prompt, round-robin schedule).
        var t = new SyntheticTraffic(new SyntheticTraffic.Settings { Seed = seed, StationAccounts = 36, StationBudget = 16000 });
        var (_, flagged) = AssertOperationFound(t, "station", 0.9, "operator-evidence", "signed up in bursts");
        Assert.DoesNotContain(flagged.Reasons, q => q.Signal is "budget-at-ceiling" or "cot-elicitation" or "max-output");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Complete_StationOnBoughtAgedAccounts_IsFoundOnOperatorEvidence_AndLookalikesStayClear(int seed)
    {
        // The same station on accounts bought aged: no sign-up burst, nothing fresh or program-tier. It is still tied by
        // its cards and runs one harness (one system prompt, one parameter vector); the corporate card's employees, the
        // campus and the agent platform each lack one side and stay clear (AssertOperationFound).
        var t = new SyntheticTraffic(new SyntheticTraffic.Settings { Seed = seed, StationAccounts = 36, StationBudget = 16000, StationAged = true });
        AssertOperationFound(t, "station", 0.9, "operator-evidence", "on system prompts of operators' own");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Complete_AgedStationOnAPersonsSchedule_IsFoundOnParameterVectorsOfItsOwn_WhileCampusDefaultsAreNot(int seed)
    {
        // No system prompt, no round-robin, no burst: what it runs in common is three parameter vectors that no one outside
        // it asks (none on 80 % of its accounts). The campus's students also spread over a few vectors, but those are the
        // SDK defaults that independent customers use as often: not an operator's own (AssertOperationFound checks the
        // campus, the corporate card and the agent platform stay clear).
        var t = new SyntheticTraffic(new SyntheticTraffic.Settings { Seed = seed, StationAccounts = 36, StationBudget = 16000, StationAged = true, StationHuman = true });
        AssertOperationFound(t, "station", 0.9, "operator-evidence", "parameter vectors of operators' own");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Complete_AgedStationPinnedToExitsOfItsOwn_OnPeoplesHours_IsFoundOnItsVector_AndALabBehindOneNatIsNot(int seed)
    {
        // Bought aged accounts, a card and a webmail address each, each account on a person's hours and pinned to one of
        // eight exits of the operation's own (not known as hosting, six accounts to each), two parameter vectors nobody
        // else sends. No card, burst, rotation or machine schedule: what gives it away is that nobody sends its vector
        // from anywhere but its pool of exits. A lab's eight researchers behind their one NAT address, on one evaluation
        // script's vector of their own, share one exit, not a pool: they stay clear.
        var (t, r) = AssertPinnedStationFound(seed, 48, satellites: 0, lab: 8, share: 0.9);
        AssertLabClear(t, r);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Complete_PinnedStationWhoseHarnessIsSpreadOverThreeVectors_IsFoundOnTheExitsItsVectorsShare_AndALabBehindOneNatIsNot(int seed)
    {
        // The pinned station, 72 accounts on eight exits, its harness spread over three vectors and three tool sets of its
        // own, an account one of each in turn: on every exit each vector is a third of the accounts, so no exit is held by
        // half of any vector's holders and none ties them (random 13303: 635 accounts, fourteen exits of their own, three
        // vectors and three tool sets, found at 0). Every vector and tool set is sent from those exits and nowhere else,
        // and every account on them sends one: the exits are the harness's. The lab's researchers on their one NAT
        // address, one evaluation vector of their own, stay clear.
        var t = new SyntheticTraffic(new SyntheticTraffic.Settings
        {
            Seed = seed, StationAccounts = 72, StationBudget = 16000, StationAged = true, StationOwnCards = true, StationHuman = true,
            StationPinnedExits = 8, StationSpreadHarness = true, LabAccounts = 8,
        });
        var (r, _) = AssertOperationFound(t, "station", 0.9, "operator-evidence", "a pool of|pinned to one address");
        AssertPublishedOnce(t, r, "station");
        AssertLabClear(t, r);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Complete_PinnedStationsSatelliteExits_WhereNoVectorHasThreeAccounts_JoinItsPool(int seed)
    {
        // The pinned station with twelve more accounts on four exits of their own, three to each, each of the three on
        // another of the operation's minor vectors: no vector ties anyone there. Those vectors are the pool's (most of
        // their holders exit from it), so the addresses where most holders send them are the pool's too.
        AssertPinnedStationFound(seed, 60, satellites: 4, lab: 0, share: 0.95);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Complete_PinnedStationOnAPromptOfItsOwn_IsFoundAtItsEightSites_WhileAPlatformPinningItsUsersInOneRangeIsNot(int seed)
    {
        // The aged station with a card and webmail each, on people's hours, pinned to eight exits each in a network of its
        // own, every request with one system prompt of its own and every account on a budget of its own: no parameter
        // vector ties two accounts, so the vector pool rule has nothing to hold, and a system prompt on exits alone is what
        // a product's users share. What a product does not do is send its users from eight separate sites: the agent
        // platform here pins each of its 40 users to one of its ten egress addresses too, but all ten are in one range.
        var t = new SyntheticTraffic(new SyntheticTraffic.Settings
        {
            Seed = seed, LegitUsers = 600, StationAccounts = 48, StationBudget = 16000, StationAged = true, StationOwnCards = true, StationHuman = true,
            StationPinnedExits = 8, StationPinnedPrompt = true, PlatformHuman = true,
        });
        var (r, _) = AssertOperationFound(t, "station", 0.9, "operator-evidence", "at 8 sites");
        AssertPublishedOnce(t, r, "station");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Complete_PinnedStationOnAPlatformsPrompt_IsFoundAtItsSites_AndThePlatformsLoadBalancedUsersAreNot(int seed)
    {
        // The same station runs the agent platform's prompt (copied from its public client). The platform's users keep a
        // person's hours and the platform sends their sessions from six networks, each session from any of them: its
        // addresses are one site, its users spread over it. Two of them registered under the personal name three station
        // accounts carry, which ties them into one component with those accounts; still none is taken with the station,
        // whose accounts each stay on one address (random 11015: 37 platform users flagged when every site counted).
        var t = new SyntheticTraffic(new SyntheticTraffic.Settings
        {
            Seed = seed, LegitUsers = 600, StationAccounts = 48, StationBudget = 16000, StationAged = true, StationOwnCards = true, StationHuman = true,
            StationPinnedExits = 8, StationPinnedPrompt = true, StationOnPlatformPrompt = true, PlatformEgressNetworks = 6, PlatformHuman = true,
        });
        AssertOperationFound(t, "station", 0.9, "operator-evidence", "at 8 sites");
    }

    /// <summary>The lab's eight researchers behind their one NAT address (<see cref="SyntheticTraffic.Settings.LabAccounts"/>):
    /// none flagged, none with operator evidence.</summary>
    private static void AssertLabClear(SyntheticTraffic t, AnalysisResult r)
    {
        var lab = t.Accounts.Where(a => a.Population == "lab").Select(a => a.Id).ToHashSet();
        Assert.Equal(8, lab.Count);
        Assert.DoesNotContain(r.Verdicts, v => lab.Contains(v.Account) && (v.Verdict == VerdictKind.Campaign || v.Reasons.Any(q => q.Signal == "operator-evidence")));
    }

    /// <summary>The aged station with a card and webmail each, on people's hours, pinned to eight exits of its own
    /// (<see cref="SyntheticTraffic.Settings.StationPinnedExits"/>): found on its pool of exits and published once.</summary>
    private static (SyntheticTraffic, AnalysisResult) AssertPinnedStationFound(int seed, int accounts, int satellites, int lab, double share)
    {
        var t = new SyntheticTraffic(new SyntheticTraffic.Settings
        {
            Seed = seed, StationAccounts = accounts, StationBudget = 16000, StationAged = true, StationOwnCards = true, StationHuman = true,
            StationPinnedExits = 8, StationSatelliteExits = satellites, LabAccounts = lab,
        });
        // found on its vector's pool, or first on its tool set's pinned sites (the station's client declares one tool set)
        var (r, _) = AssertOperationFound(t, "station", share, "operator-evidence", "a pool of|pinned to one address");
        AssertPublishedOnce(t, r, "station");
        return (t, r);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Complete_StationOnCardsOfItsOwnAndPublicMail_IsFoundByTheIdentityItsHarnessHoldersShare(int seed)
    {
        // A card per account, a public mail provider, exits not known to be hosting: nothing ties two of its accounts in
        // the whole log. Among the holders of its system prompt, though, its organisation names and its exit ranges are
        // held by no one else, and its accounts signed up in three batches far above the log's sign-up rate.
        var t = new SyntheticTraffic(new SyntheticTraffic.Settings { Seed = seed, StationAccounts = 36, StationBudget = 16000, StationSpread = true });
        AssertOperationFound(t, "station", 0.9, "operator-evidence", "tied among its holders");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void Complete_SpreadStationsLooseAccounts_OwnedByItsPromptsOperator_AreGatheredIntoItsCampaign(int seed)
    {
        // The spread station again, a third of it working loose: each of those accounts from one residential address of
        // its own and never on the templates the rest share. Among the holders of its system prompt the operator rule
        // owns them too (its organisation names and sign-up batches), but peeling takes only the accounts that share
        // templates and exits densely, and the loose third was left out (24 of 36 flagged). The prompt being the
        // operator's own, its owned accounts are one operator cluster through it and are gathered into the campaign.
        // Seeds 2-4 were found not at all before session 31: the block of 24 shares templates, the prompt and a joint
        // pivot but no identity value (names and sign-up batches are judged among the prompt's holders, not linked), so
        // the wording-free rule read it as untied and capped it at 0.4, although its members are the operator cluster
        // that the same identity was measured on.
        var t = new SyntheticTraffic(new SyntheticTraffic.Settings { Seed = seed, StationAccounts = 36, StationBudget = 16000, StationSpread = true, StationLooseShare = 0.34 });
        var (r, _) = AssertOperationFound(t, "station", 0.85, "operator-evidence", "tied among its holders");
        AssertPublishedOnce(t, r, "station");
    }

    [Theory]
    [InlineData(1, 0)]
    [InlineData(2, 0)]
    [InlineData(3, 0)]
    [InlineData(1, 8)]
    [InlineData(2, 8)]
    [InlineData(3, 8)]
    public void Complete_StationBehindAResidentialProxyPool_IsFoundByTheExitsItsHarnessHoldersShare(int seed, int sessionTurns)
    {
        // Bought aged accounts, a card and a webmail address each, every request from a new residential network: no
        // identity value ties two of them anywhere in the log. Among the holders of its system prompt, though, nearly
        // all change networks at every few requests, where the log's customers do not. With session turns, the station
        // works as people work — a few sessions a day at each account's own hours, eight agent turns a session from one
        // residential network, a new network the next session: one new network in eight requests, below what rotation
        // asks per request, but a new one every visit.
        var t = new SyntheticTraffic(new SyntheticTraffic.Settings
        {
            Seed = seed, StationAccounts = 36, StationBudget = 16000, StationRotating = true, StationSessionTurns = sessionTurns,
        });
        var (r, _) = AssertOperationFound(t, "station", 0.9, "operator-evidence", "rotating exits");
        AssertPublishedOnce(t, r, "station");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Complete_QuietAgentHarnessWithToolsOfItsOwn_IsFoundByTheToolsAndTheExitsItsHoldersShare(int seed)
    {
        // The residential-pool station again, quieter: no system prompt, each account on a person's daytime hours at a
        // budget of its own, plain coding and tool use (nothing reads as harvest). What its harness still sends is a tool
        // set of its own — names no other client declares — and the holders of those tools change networks at every few
        // requests where the log's customers do not. The agent platform's users declare the platform's tools on its
        // prompt and stay clear (AssertOperationFound).
        var t = QuietHarness(seed);
        var (r, _) = AssertOperationFound(t, "station", 0.9, "operator-evidence", "tool set");
        AssertPublishedOnce(t, r, "station");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Complete_QuietAgentHarness_IsFoundBesideAnotherOperationThatRotates(int seed)
    {
        // A second operation in the log also harvests through rotating residential exits (150 accounts, a third of their
        // requests asking for step-by-step reasoning): its rotating accounts would make rotation look common. Accounts whose requests read as harvest are
        // not the yardstick of what the log's customers do, so the quiet harness's holders still rotate where customers do not.
        AssertOperationFound(QuietHarness(seed, rotatingHarvesters: 150), "station", 0.9, "operator-evidence", "tool set");
    }

    /// <summary>The residential-pool station with a quiet harness (no prompt, a person's hours, tools of its own) among 600
    /// ordinary users.</summary>
    private static SyntheticTraffic QuietHarness(int seed, int rotatingHarvesters = 0, bool publicTools = false) => new(new SyntheticTraffic.Settings
    {
        Seed = seed, LegitUsers = 600, StationAccounts = 36, StationBudget = 16000, StationRotating = true, StationQuiet = true,
        RotatingHarvesters = rotatingHarvesters, StationPublicTools = publicTools,
    });

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Complete_QuietAgentsOnAPlatformsPublishedTools_HaveNothingToBeFoundBy(int seed)
    {
        // The same operation declaring the agent platform's published tools, which the platform's users send too: its
        // accounts share nothing of their own, and rotating exits alone tie no one. Nobody is flagged — what the test above
        // finds is the tool set of its own, not the exits (the log's other operations are still found).
        var t = QuietHarness(seed, publicTools: true);
        var r = AnalysisHarness.Run(t);
        var pop = t.Accounts.ToDictionary(a => a.Id, a => a.Population);
        var campaignOf = t.Accounts.ToDictionary(a => a.Id, a => a.Campaign);
        Assert.Contains(r.Verdicts, v => v.Verdict == VerdictKind.Campaign && campaignOf[v.Account] == "A");   // the log's other operation still is
        var flagged = r.Verdicts.Where(v => v.Verdict == VerdictKind.Campaign && (pop[v.Account] == "station" || campaignOf[v.Account] is null)).ToList();
        Assert.True(flagged.Count == 0, $"{flagged.Count} flagged, e.g. " + string.Join(" | ", flagged.Take(2).Select(v => $"{v.Account} ({pop[v.Account]}): "
            + string.Join("; ", v.Reasons.Select(q => q.Signal + ": " + q.Detail)))));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Complete_PlatformEgressOverSeveralNetworks_IsNotRotation_ThoughAStationOnItsPromptRotates(int seed)
    {
        // The quiet station runs the agent platform's prompt, and the platform's users change networks from one session to
        // the next too: its egress spans six cloud ranges. Those exits are each shared by all forty users — an egress, not
        // a pool of anyone's own — so the platform's users are not the station's rotating holders.
        var t = new SyntheticTraffic(new SyntheticTraffic.Settings
        {
            Seed = seed, LegitUsers = 600, StationAccounts = 36, StationBudget = 16000, StationRotating = true, StationSessionTurns = 8,
            StationOnPlatformPrompt = true, PlatformEgressNetworks = 6,
        });
        var (r, _) = AssertOperationFound(t, "station", 0.9, "operator-evidence", "rotating exits");
        var pop = t.Accounts.ToDictionary(a => a.Id, a => a.Population);
        Assert.True(r.Profiles.Count(p => pop[p.Account] == "agent-platform" && p.RotatesExits()) >= 20, "the platform's users do not change networks per visit here");
        Assert.DoesNotContain(r.Profiles, p => pop[p.Account] == "agent-platform" && p.RotatesOwnExits());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Complete_PlatformUsersWhoSometimesHarvest_DoNotEgressApart_WhereThePlatformPicksTheNetwork(int seed)
    {
        // The platform's egress of the test above, and one in twenty of its users' sessions asks for step-by-step reasoning. Each
        // session leaves from whichever network the platform hands it, so a user's harvest session often lands on a network
        // its other sessions did not: the platform's choice, not the user's. Harvest that egresses apart is a trait of exits
        // of the account's own; the platform's users do not carry it, and the station is still found.
        var t = new SyntheticTraffic(new SyntheticTraffic.Settings
        {
            Seed = seed, LegitUsers = 600, StationAccounts = 36, StationBudget = 16000, StationRotating = true, StationSessionTurns = 8,
            StationOnPlatformPrompt = true, PlatformEgressNetworks = 6, PlatformSessionHarvestShare = 0.05,
        });
        var (r, _) = AssertOperationFound(t, "station", 0.9, "operator-evidence", "rotating exits");
        var pop = t.Accounts.ToDictionary(a => a.Id, a => a.Population);
        var harvesting = r.Profiles.Where(p => pop[p.Account] == "agent-platform" && p.HarvestExchanges > 0).ToList();
        Assert.True(harvesting.Count >= 10 && harvesting.All(p => p.ExitsShared), $"{harvesting.Count} of the platform's users harvest here");
        Assert.DoesNotContain(harvesting, p => p.HarvestEgressApart());
        Assert.Contains(r.Profiles, p => pop[p.Account] == "station" && p.RotatesOwnExits());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Complete_StationOnAnAgentPlatformsPrompt_LeavesThePlatformsUsersClear_ThoughOneNameIsShared(int seed)
    {
        // The station of the spread-identity test (a card each, webmail, sign-up batches) runs the platform's own system
        // prompt, so the platform's users hold its harness; they share the platform's egress addresses with one another,
        // and two of them registered under a common personal name that three station accounts carry too. A name and an address tie a member only when the address is one the
        // operation's own accounts hold: these are the platform's, and its users are not the operation's.
        var t = new SyntheticTraffic(new SyntheticTraffic.Settings { Seed = seed, LegitUsers = 600, StationAccounts = 36, StationBudget = 16000, StationSpread = true, StationOnPlatformPrompt = true });
        AssertOperationFound(t, "station", 0.9, "operator-evidence", "operator evidence");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Complete_PhoneAppUsersWhoRoam_AreNotAnOperation_WhereTheLogsCustomersRoamToo(int seed)
    {
        // Forty users of a phone agent app share its prompt, tools and parameters and change networks at every request,
        // free unverified accounts each; a third of the log's other customers roam as well. Roaming is the population's
        // habit here, not an operator's proxy pool: nothing ties the app's users.
        var t = new SyntheticTraffic(new SyntheticTraffic.Settings { Seed = seed, RoamingAppUsers = 40, RoamingShare = 0.3 });
        var r = AnalysisHarness.Run(t);
        var pop = t.Accounts.ToDictionary(a => a.Id, a => a.Population);
        Assert.True(r.Profiles.Count(p => pop[p.Account] == "roaming-app" && p.RotatesExits()) >= 30, "the app's users do not roam in this log");
        var flagged = r.Verdicts.Where(v => pop[v.Account] is "roaming-app" or "legit"
            && (v.Verdict == VerdictKind.Campaign || v.Reasons.Any(q => q.Signal is "operator-evidence" or "operator-card"))).ToList();
        Assert.True(flagged.Count == 0, string.Join(" | ", flagged.Take(3).Select(v => $"{v.Account} ({pop[v.Account]}) {v.Verdict}: {string.Join("; ", v.Reasons.Select(q => q.Signal + ": " + q.Detail))}")));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Complete_AgedStationThatMovesToANewModelAsOne_IsFoundOnTheJointPivot(int seed)
    {
        // Every account asks a budget of its own and keeps a person's hours; the operation still moves to the new model
        // within hours of its release, all together, where independent customers adopt it one by one later.
        var t = new SyntheticTraffic(new SyntheticTraffic.Settings { Seed = seed, StationAccounts = 36, StationBudget = 16000, StationAged = true, StationHuman = true, StationPivotOnly = true });
        AssertOperationFound(t, "station", 0.9, "operator-evidence", "moved to a new model together");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Complete_StationRunAsThreeCrewsOnOneCard_IsPublishedAsOneCampaign(int seed)
    {
        // Three crews, each with its own system prompt, hosting range, parameters and working hours, all paying with the
        // same card: one payer, one campaign.
        var t = new SyntheticTraffic(new SyntheticTraffic.Settings { Seed = seed, StationAccounts = 36, StationBudget = 16000, StationCrews = 3 });
        var (r, _) = AssertOperationFound(t, "station", 0.9, "operator-evidence", "operator evidence");
        AssertPublishedOnce(t, r, "station");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Complete_ThrottledHydraSignedUpInBatches_IsFoundOnItsOperatorCluster_AndLookalikesStayClear(int seed)
    {
        // A handful of ordinary-looking requests per account: no harvest signal and too little volume for a dense block.
        // What gives it away is who runs it — a card per sign-up batch, batches days apart, each far above the log's
        // sign-up rate — and that it runs one harness (one system prompt, one parameter vector).
        var t = new SyntheticTraffic(new SyntheticTraffic.Settings { Seed = seed, ThrottledHydraAccounts = 48 });
        AssertOperationFound(t, "throttled", 0.8, "operator-evidence", "signed up in bursts");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Complete_ThrottledHydraOnBoughtEnterpriseSeats_IsFound_WhileATeamOpenedInOneAfternoonStaysClear(int seed)
    {
        // Enterprise seats, three in five verified: as identified as a company's own accounts. But they were opened in
        // batches under six company names and public mail, where a company that opens its team's seats in one afternoon
        // puts its own domain on all of them (and its people run its assistant by day, on its card and office address).
        var t = new SyntheticTraffic(new SyntheticTraffic.Settings { Seed = seed, ThrottledHydraAccounts = 48, ThrottledEnterprise = true, OnboardedTeamAccounts = 24 });
        var (r, _) = AssertOperationFound(t, "throttled", 0.8, "operator-evidence", "signed up in bursts");
        var team = t.Accounts.Where(a => a.Population == "onboarded-team").Select(a => a.Id).ToHashSet();
        Assert.Equal(24, team.Count);
        Assert.DoesNotContain(r.Verdicts, v => team.Contains(v.Account) && (v.Verdict != VerdictKind.Clear || v.Reasons.Any(q => q.Signal is "operator-evidence" or "operator-card")));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Complete_AgedStationWithACardEach_IsFoundOnItsExitsAndMachineSchedule_WhileThePlatformsUsersAreNot(int seed)
    {
        // Bought aged accounts, a card and a webmail address each: the registry ties none of them. They share exits few
        // others use and one harness — as the agent platform's users share its egress and its prompt — but they run round
        // the clock, served round-robin, where the platform's users keep a person's hours (AssertOperationFound checks
        // the platform, the campus and the corporate card carry no operator evidence).
        var t = new SyntheticTraffic(new SyntheticTraffic.Settings { Seed = seed, LegitUsers = 600, StationAccounts = 36, StationBudget = 16000, StationAged = true, StationOwnCards = true });
        AssertOperationFound(t, "station", 0.9, "operator-evidence", "addresses");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Complete_AgedStationRunningMostlyByDay_IsFoundOnItsExits_AsNoneOfItsAccountsKeepsAPersonsHours(int seed)
    {
        // The aged station with a card each, its harness slowed at night to a fifth of its day rate: no account runs round
        // the clock (a tenth of its requests in its quietest eight hours, under the eighth that says so), so the exits
        // that tie them were read as a person's population and the station went unfound. None of its accounts keeps a
        // person's hours either (a few per cent at most in the quietest eight) — where the agent platform's users, on
        // their exits and prompt, all do (random 9818: a tool-use operation of 305 aged accounts, 0.28; random 9723's
        // platform users stay clear).
        var t = new SyntheticTraffic(new SyntheticTraffic.Settings { Seed = seed, LegitUsers = 600, StationAccounts = 36, StationBudget = 16000, StationAged = true, StationOwnCards = true, StationDayHeavy = true, PlatformHuman = true });
        AssertOperationFound(t, "station", 0.9, "operator-evidence", "addresses");
    }

    [Theory]
    [InlineData(1, false)]
    [InlineData(2, false)]
    [InlineData(3, false)]
    [InlineData(1, true)]
    [InlineData(2, true)]
    public void Complete_AgedStationOnAPlatformsPromptAndEgress_IsFound_AndThePlatformsUsersOnAPersonsHoursAreNotItsOwn(int seed, bool knownHosting)
    {
        // The aged station with a card each runs the agent platform's prompt from the platform's own egress addresses,
        // served round-robin day and night; the platform's users keep a person's hours on the same addresses. The
        // addresses tie all of them into one component of the prompt's holders, most of it on a machine schedule — the
        // station's. The users whose own day is a person's are not the station's accounts: before, the whole component
        // was (all 40 users flagged at each seed, where the prompt's component was judged as a whole). Where the
        // platform's addresses are known as hosting they tie an identity cluster too, judged the same way.
        var t = new SyntheticTraffic(new SyntheticTraffic.Settings
        {
            Seed = seed, LegitUsers = 600, StationAccounts = 48, StationBudget = 16000, StationAged = true, StationOwnCards = true,
            StationOnPlatformPrompt = true, StationOnPlatformEgress = true, PlatformHuman = true, PlatformEgressKnownHosting = knownHosting,
        });
        var (r, _) = AssertOperationFound(t, "station", 0.9, "operator-evidence", "addresses");
        var pop = t.Accounts.ToDictionary(a => a.Id, a => a.Population);
        Assert.True(r.Profiles.Count(p => pop[p.Account] == "agent-platform" && CoordinationMeter.OnPersonsSchedule(p)) >= 30, "the platform's users do not keep a person's hours here");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Complete_HydraReplacingItsAccountsOnTwoCards_IsFound_ThoughEachCardPaysForMoreThanOneAccountInTwenty(int seed)
    {
        // Each card pays for 60 short-lived accounts in a log of about 900: more than the one account in twenty above
        // which a value is too common to tie strangers (a webmail domain, a busy exit). A card is one payer however many
        // accounts it pays for; the cards were left out of the identity clusters, and the hydra — a handful of requests
        // per account, a third of them step-by-step reasoning — had no operator evidence (random 9822: six cards of
        // 208–248 fresh accounts each in a log of 3,990, none flagged). The corporate card pays for 80 established
        // employees, as far above the yardstick: it stays clear and carries no operator evidence (AssertOperationFound).
        var t = new SyntheticTraffic(new SyntheticTraffic.Settings { Seed = seed, LegitUsers = 600, ChurnHydraAccounts = 120, CorporateCardAccounts = 80 });
        AssertOperationFound(t, "churn-hydra", 0.8, "operator-evidence", "payment instruments");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Complete_HydraWhoseBatchesMostlySendOrdinaryRequests_IsOneCampaign_EveryAccountOnItsCards(int seed)
    {
        // Four sign-up batches, a card each, one parameter vector: an operator cluster. A third of the accounts harvest on
        // one template and are found; the rest send a handful of ordinary requests from addresses of their own. Gathered
        // as one, the cluster's members share nothing but cards and sign-up hours beside its harvesters — one kind of
        // evidence by the keys alone — and were left on watch (20 of 60 flagged at each seed; random 9829: 143 of a
        // 421-account station, random 9530: 9 of 20). The cluster was measured tied by identity and acting as one: its
        // members are corroborated by that when the group is mostly theirs.
        var t = new SyntheticTraffic(new SyntheticTraffic.Settings { Seed = seed, LegitUsers = 600, BatchHydraAccounts = 60 });
        AssertOperationFound(t, "batch-hydra", 0.9, "operator-evidence", "payment instruments");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Complete_ThrottledHydraOfManyBatches_IsPublishedAsOneCampaign_ThoughEachBatchPaysWithACardOfItsOwn(int seed)
    {
        // 120 accounts in four sign-up batches, one card per batch: four identity clusters that share nothing but the
        // harness — one system prompt and one parameter vector that no one else in the log runs. Each batch was found
        // (and published) on its own; one harness of the operators' own is one operation.
        var t = new SyntheticTraffic(new SyntheticTraffic.Settings { Seed = seed, LegitUsers = 600, ThrottledHydraAccounts = 120 });
        var (r, _) = AssertOperationFound(t, "throttled", 0.9, "operator-evidence", "signed up in bursts");
        AssertPublishedOnce(t, r, "throttled");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Complete_LargeStationBehindAProxyPool_IsPublishedAsOneCampaign(int seed)
    {
        // 120 accounts behind a residential proxy pool, a card and a webmail address each: each account shares its system
        // prompt and little else, so peeling cuts the operation where its keys thin out (two campaigns at seeds 1 and 3
        // before). The holders of its prompt that rotate where the log's customers do not are one operator cluster, and
        // that cluster is scored as a whole.
        var t = new SyntheticTraffic(new SyntheticTraffic.Settings { Seed = seed, LegitUsers = 600, StationAccounts = 120, StationBudget = 16000, StationRotating = true });
        var (r, _) = AssertOperationFound(t, "station", 0.9, "operator-evidence", "rotating exits");
        AssertPublishedOnce(t, r, "station");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Complete_StationAccountsThatOnlyRelayCustomers_AreTheOperationsByItsCards_AndCorporateCardStaysClear(int seed)
    {
        // A station's accounts that carry only its customers' ordinary requests, from homes on a human schedule, harvest
        // nothing themselves; they pay with the cards its harvesting accounts pay with, and that makes them its accounts.
        var t = new SyntheticTraffic(new SyntheticTraffic.Settings { Seed = seed, StationAccounts = 36, StationRelayAccounts = 12 });
        var (r, _) = AssertOperationFound(t, "station-relay", 0.9, "operator-card|operator-evidence", "pays with pf_|shared payment instruments");
        var relays = t.Accounts.Where(a => a.Population == "station-relay").Select(a => a.Id).ToHashSet();
        Assert.Equal(0, r.Profiles.Where(p => relays.Contains(p.Account)).Sum(p => p.HarvestExchanges));
        Assert.DoesNotContain(r.Verdicts, v => v.Reasons.Any(q => q.Signal == "operator-card") && !relays.Contains(v.Account)
            && t.Accounts.First(a => a.Id == v.Account).Population != "station");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Complete_RelayStationOnRangesOnlyItsAccountsUse_IsFound_AndLookalikesStayClear(int seed)
    {
        // A transfer station relaying its customers from three ranges only its accounts use (not known to be hosting),
        // each account with a card, a webmail address and wording of its own, on its customers' hours: nothing but the
        // ranges ties two of its accounts, and a quarter of each one's requests ask for step-by-step reasoning where few
        // of the log's accounts ever do. The ranges are identity the group owns and judged harvest against the base rate;
        // the campus NAT and the corporate card's office range are identity too, and harvest at the base rate.
        var t = new SyntheticTraffic(new SyntheticTraffic.Settings
        {
            Seed = seed, RelayStationAccounts = 30, CampaignAccounts = 0, RewardCampaignAccounts = 0, LegitCotRate = 0.002,
        });
        var (r, _) = AssertOperationFound(t, "relay-station", 0.8, "shared-prefix|shared-ip", "100.7");
        AssertPublishedOnce(t, r, "relay-station");
        // Switched off, the same station is not found: the rule is what finds it.
        var off = AnalysisHarness.Run(t, new DetectorOptions { DisabledEvidence = "group" });
        var ours = t.Accounts.Where(a => a.Population == "relay-station").Select(a => a.Id).ToHashSet();
        Assert.True(off.Verdicts.Count(v => ours.Contains(v.Account) && v.Verdict == VerdictKind.Campaign) < 0.5 * ours.Count);
    }
}
