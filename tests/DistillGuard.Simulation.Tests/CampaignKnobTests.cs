using System.Text.Json.Nodes;
using DistillGuard.Simulation.Scenarios;
using DistillGuard.Simulation.Tests.Support;

namespace DistillGuard.Simulation.Tests;

/// <summary>Identical cot-sweep campaigns that differ in one knob each, plus one of every other archetype.</summary>
public sealed class KnobWorldFixture : IDisposable
{
    public const string Yaml = """
        name: knobs
        start: 2026-03-02
        days: 4
        release: {model: atlas-3, day: 2}
        personas:
          - {persona: developer, accounts: 80}
          - {persona: hobbyist, accounts: 40}
        campaigns:
          - {name: base, archetype: cot-sweep, accounts: 12, daily_per_account: 40}
          - {name: proxy, archetype: cot-sweep, accounts: 12, daily_per_account: 40, evasion: {residential_proxy: true}}
          - {name: throttle, archetype: cot-sweep, accounts: 12, daily_per_account: 40, evasion: {throttle: true}}
          - {name: partition, archetype: cot-sweep, accounts: 12, daily_per_account: 40, evasion: {partition_items: true}}
          - {name: payment, archetype: cot-sweep, accounts: 12, daily_per_account: 40, evasion: {distinct_payment: true}}
          - {name: aged, archetype: cot-sweep, accounts: 12, daily_per_account: 40, start_day: 1, evasion: {aged_accounts: true}}
          - {name: dilute, archetype: cot-sweep, accounts: 12, daily_per_account: 40, evasion: {dilution: 0.4}}
          - {name: paraphrase, archetype: cot-sweep, accounts: 12, daily_per_account: 40, evasion: {paraphrase: true}}
          - {name: human, archetype: cot-sweep, accounts: 12, daily_per_account: 40, evasion: {human_timing: true}}
          - {name: churn, archetype: cot-sweep, accounts: 6, daily_per_account: 40, churn_days: 1}
          - {name: agedchurn, archetype: cot-sweep, accounts: 6, daily_per_account: 40, churn_days: 1, evasion: {aged_accounts: true}}
          - {name: agentic, archetype: agentic-harvest, accounts: 8, daily_per_account: 30}
          - {name: station, archetype: transfer-station, accounts: 8, daily_per_account: 40}
          - {name: replay, archetype: reasoning-replay, accounts: 9, daily_per_account: 30}
        """;

    public SimRun Run { get; } = new(ScenarioLoader.Parse(Yaml), seed: 33);
    public void Dispose() => Run.Dispose();
}

public sealed class CampaignKnobTests(KnobWorldFixture fx) : IClassFixture<KnobWorldFixture>
{
    private readonly SimRun _run = fx.Run;

    private static JsonObject Intent(JsonObject e) => e["_intent"]!.AsObject();
    private static string Acct(JsonObject e) => (string)e["account"]!;
    private static string Ip(JsonObject e) => (string)e["client"]!["ip"]!;
    private IEnumerable<JsonObject> Accts(string campaign) => _run.Accounts.Values.Where(a => _run.Campaign((string)a["account"]!) == campaign);
    private double Day(JsonObject e) => (SimRun.TsMs(e) - new DateTimeOffset(_run.Spec.Start).ToUnixTimeMilliseconds()) / 86_400_000.0;

    private double MeanDistinctIpsPerAccount(string c) => _run.OfCampaign(c).GroupBy(Acct).Average(g => g.Select(Ip).Distinct().Count());

    [Fact]
    public void Baseline_IsSynchronizedFreshAccountsWithSharedCardsAndIdenticalParameters()
    {
        var accts = Accts("base").ToList();
        var start = _run.Spec.Start;
        Assert.All(accts, a => Assert.InRange(DateTime.Parse((string)a["created"]!).ToUniversalTime(), start.AddDays(-15), start));
        Assert.All(accts, a => Assert.Contains((string)a["tier"]!, new[] { "free", "edu", "startup", "research" }));
        Assert.All(accts, a => Assert.False((bool)a["verified"]!));
        Assert.True(accts.Select(a => (string)a["payment_fp"]!).Distinct().Count() <= accts.Count / 4);
        var ex = _run.OfCampaign("base").ToList();
        Assert.Single(ex.Select(e => (int)Intent(e)["thinking_budget"]!).Distinct());
        Assert.Single(ex.Select(e => e["request"]!["model"] is not null ? (string)e["api"]! : "").Distinct());
        foreach (var g in ex.GroupBy(Acct))
        {
            var gaps = g.Select(SimRun.TsMs).Order().Zip(g.Select(SimRun.TsMs).Order().Skip(1), (a, b) => (double)(b - a)).ToArray();
            double mean = gaps.Average(), sd = Math.Sqrt(gaps.Average(x => (x - mean) * (x - mean)));
            Assert.True(sd / mean < 0.1, $"synchronized clock expected, gap CV {sd / mean:F2}");
        }
    }

    [Fact]
    public void ResidentialProxy_GivesManyMoreAddressesPerAccount_FromResidentialRanges()
    {
        double on = MeanDistinctIpsPerAccount("proxy"), off = MeanDistinctIpsPerAccount("base");
        Assert.True(on >= 10 * off, $"proxy {on:F1} vs base {off:F1} distinct IPs per account");
        var residential = Network.IpSpace.BuiltIn().Ranges(Network.IpKind.Residential);
        Assert.All(_run.OfCampaign("proxy").Take(200), e =>
        {
            Assert.True(Network.IpRange.TryParseIp(Ip(e), out uint ip));
            Assert.Contains(residential, r => ip >= r.Start && ip <= r.End);
        });
    }

    [Fact]
    public void Throttle_HoldsPerAccountDailyVolumeNearTheLegitimateMedian()
    {
        double median = _run.World.LegitMedianDaily;
        double perDay(string c) => _run.OfCampaign(c).GroupBy(Acct).Average(g => g.Count()) / _run.Spec.Days;
        Assert.InRange(perDay("throttle"), median / 2.5, median * 2.5);
        Assert.True(perDay("base") > 4 * perDay("throttle"));
    }

    [Fact]
    public void PartitionItems_GivesDisjointItemsAcrossAccounts_WhileBaselineAccountsShareItems()
    {
        static List<HashSet<long>> Sets(IEnumerable<JsonObject> ex) => ex.GroupBy(Acct).Select(g => g.Select(e => (long)Intent(e)["item"]!).ToHashSet()).ToList();
        var part = Sets(_run.OfCampaign("partition"));
        for (int i = 0; i < part.Count; i++)
            for (int j = i + 1; j < part.Count; j++)
                Assert.Empty(part[i].Intersect(part[j]));
        var shared = Sets(_run.OfCampaign("base"));
        int overlapping = 0;
        for (int i = 0; i < shared.Count; i++)
            for (int j = i + 1; j < shared.Count; j++)
                if (shared[i].Overlaps(shared[j])) overlapping++;
        Assert.True(overlapping > 0);
    }

    [Fact]
    public void DistinctPayment_GivesEveryAccountItsOwnCard()
    {
        var accts = Accts("payment").ToList();
        Assert.Equal(accts.Count, accts.Select(a => (string)a["payment_fp"]!).Distinct().Count());
    }

    [Fact]
    public void AgedAccounts_WereCreatedLongBefore_AndHaveOrdinaryHistoryFirst()
    {
        var accts = Accts("aged").ToList();
        Assert.All(accts, a => Assert.True(DateTime.Parse((string)a["created"]!).ToUniversalTime() < _run.Spec.Start.AddDays(-180)));
        var ex = _run.OfCampaign("aged").ToList();
        var early = ex.Where(e => Day(e) < 1).ToList();
        Assert.NotEmpty(early);
        Assert.All(early, e => Assert.True((bool)Intent(e)["relayed"]!));
        Assert.Contains(ex, e => !(bool)Intent(e)["relayed"]! && Day(e) >= 1);
    }

    [Fact]
    public void BoughtReplacements_AreTakenOverBeforeTheyAreBurned_AndKeepTheirHistory()
    {
        // Every account of a churning campaign of bought accounts is used before it is replaced: its takeover
        // precedes its burn, a replacement is put to work at once, and its ordinary history comes first.
        var plans = _run.Plans.Values.Where(p => p.Campaign == "agedchurn").ToList();
        Assert.True(plans.Count > 6, "churn replaced some accounts");
        Assert.All(plans, p => Assert.True(p.HarvestFromDay < p.ActiveToDay, $"{p.AccountId}: takeover {p.HarvestFromDay} after burn {p.ActiveToDay}"));
        Assert.All(plans, p => Assert.Equal(0, p.ActiveFromDay));
        var replaced = plans.Where(p => p.ActiveToDay < _run.Spec.Days).Select(p => p.ActiveToDay).ToHashSet();
        Assert.Contains(plans, p => replaced.Contains(p.HarvestFromDay));
    }

    [Fact]
    public void Labels_MarkBoughtAccountsThatShowedOnlyTheirHistory_AsDormant()
    {
        foreach (var (account, label) in _run.Labels)
        {
            bool operated = _run.Exchanges.Any(e => Acct(e) == account && !((bool)Intent(e)["relayed"]! && _run.Plans[account].HistoryKinds is not null
                && Day(e) < _run.Plans[account].HarvestFromDay));
            bool dormant = label["dormant"] is JsonNode d && (bool)d;
            if (_run.Campaign(account) is null) Assert.False(dormant, account);
            else Assert.Equal(!operated, dormant);
        }
    }

    [Fact]
    public void Dilution_MakesThatShareOfTrafficOrdinaryRelayedContent()
    {
        var ex = _run.OfCampaign("dilute").ToList();
        double share = ex.Count(e => (bool)Intent(e)["relayed"]!) / (double)ex.Count;
        Assert.InRange(share, 0.3, 0.5);
        Assert.All(ex.Where(e => (bool)Intent(e)["relayed"]!), e => Assert.DoesNotContain("Cot", (string)Intent(e)["kind"]!));
        Assert.DoesNotContain(_run.OfCampaign("base"), e => (bool)Intent(e)["relayed"]!);
    }

    [Fact]
    public void Paraphrase_GivesEachAccountItsOwnSeed_AndBaselineUsesCanonicalWording()
    {
        var seeds = _run.OfCampaign("paraphrase").GroupBy(Acct).Select(g => g.Select(e => (ulong)Intent(e)["paraphrase"]!).Distinct().Single()).ToList();
        Assert.DoesNotContain(0UL, seeds);
        Assert.Equal(seeds.Count, seeds.Distinct().Count());
        Assert.All(_run.OfCampaign("base"), e => Assert.Equal(0UL, (ulong)Intent(e)["paraphrase"]!));
    }

    [Fact]
    public void HumanTiming_BreaksTheClock_IntoSessionsAtLocalDaytime()
    {
        var ex = _run.OfCampaign("human").ToList();
        foreach (var g in ex.GroupBy(Acct).Where(g => g.Count() > 10))
        {
            var ts = g.Select(SimRun.TsMs).Order().ToArray();
            var gaps = ts.Zip(ts.Skip(1), (a, b) => (double)(b - a)).ToArray();
            double mean = gaps.Average(), sd = Math.Sqrt(gaps.Average(x => (x - mean) * (x - mean)));
            Assert.True(sd / mean > 0.8, $"gap CV {sd / mean:F2} looks like a clock");
        }
        int tz = _run.Plans[Acct(ex[0])].TzOffsetMinutes;
        int night = ex.Count(e => DateTimeOffset.FromUnixTimeMilliseconds(SimRun.TsMs(e)).AddMinutes(tz).Hour is >= 1 and < 6);
        Assert.True(night < 0.1 * ex.Count);
    }

    [Fact]
    public void ModelRelease_CampaignsPivotToAboutHalfWithinADay_WhileLegitimateUsersAdoptSlowly()
    {
        double release = _run.Spec.Release!.Day;
        var after = _run.OfCampaign("base").Where(e => Day(e) >= release + 1).ToList();
        double share = after.Count(e => (string)e["request"]!["model"]! == "atlas-3") / (double)after.Count;
        Assert.InRange(share, 0.35, 0.65);
        Assert.DoesNotContain(_run.Exchanges, e => Day(e) < release && (string)e["request"]!["model"]! == "atlas-3");
        var legit = _run.Exchanges.Where(e => _run.Campaign(Acct(e)) is null && Day(e) >= release && Day(e) < release + 1).ToList();
        double legitShare = legit.Count(e => (string)e["request"]!["model"]! == "atlas-3") / (double)legit.Count;
        Assert.True(legitShare < 0.2, $"legitimate adoption on day one {legitShare:P0}");
    }

    [Fact]
    public void AgenticHarvest_SpreadsOverRoutes_AndTurnsToReasoningExtractionLater()
    {
        var ex = _run.OfCampaign("agentic").ToList();
        var routes = ex.Select(e => (string)e["route"]!).ToHashSet();
        Assert.Contains("direct", routes);
        Assert.Contains("cloud:bedrock", routes);
        Assert.Contains("cloud:vertex", routes);
        Assert.Contains(routes, r => r.StartsWith("reseller:", StringComparison.Ordinal));
        double turn = 0.6 * _run.Spec.Days;
        var before = ex.Where(e => Day(e) < turn).Select(e => (string)Intent(e)["kind"]!).ToList();
        var later = ex.Where(e => Day(e) >= turn).Select(e => (string)Intent(e)["kind"]!).ToList();
        Assert.All(before, k => Assert.Contains(k, new[] { "AgenticHarvest", "CodingHarvest" }));
        Assert.All(later, k => Assert.Contains(k, new[] { "ReasoningReveal", "CotElicitation", "AnswerToReasoning" }));
        Assert.True(ex.Where(e => Day(e) < turn).All(e => (int)Intent(e)["tool_set"]! >= 0));
    }

    [Fact]
    public void TransferStation_MixesHarvestWithRelayedTraffic_FromSharedHostingAddresses()
    {
        var ex = _run.OfCampaign("station").ToList();
        double relayed = ex.Count(e => (bool)Intent(e)["relayed"]!) / (double)ex.Count;
        Assert.InRange(relayed, 0.35, 0.65);
        Assert.True(ex.GroupBy(Ip).Max(g => g.Select(Acct).Distinct().Count()) >= 2);
    }

    [Fact]
    public void Churn_ReplacesBurnedAccountsAtOnceWithFreshOnesCreatedInsideTheWindow()
    {
        var accts = Accts("churn").ToList();
        Assert.True(accts.Count >= 12, $"6 slots over 4 days with 1-day lifetimes should need many accounts, got {accts.Count}");
        var inWindow = accts.Where(a => DateTime.Parse((string)a["created"]!).ToUniversalTime() >= _run.Spec.Start).ToList();
        Assert.True(inWindow.Count >= 6);
        var ex = _run.OfCampaign("churn").ToList();
        Assert.InRange(ex.Count, 6 * 40 * 4 * 0.85, 6 * 40 * 4 * 1.15); // the slots keep the campaign's volume
        foreach (var a in inWindow)
        {
            string id = (string)a["account"]!;
            var first = ex.Where(e => Acct(e) == id).Select(SimRun.TsMs).DefaultIfEmpty(long.MaxValue).Min();
            Assert.True(first >= new DateTimeOffset(DateTime.Parse((string)a["created"]!).ToUniversalTime()).ToUnixTimeMilliseconds(), "no traffic before sign-up");
        }
    }

    [Fact]
    public void ReasoningReplay_PastesArtifactsIssuedToOtherAccounts()
    {
        var ex = _run.OfCampaign("replay").ToList();
        var issuedBy = new Dictionary<string, string>();
        int replays = 0, crossAccount = 0;
        foreach (var e in ex)
        {
            var i = Intent(e);
            if (i["replayed"] is JsonNode r)
            {
                replays++;
                Assert.True(issuedBy.TryGetValue((string)r!, out var issuer), "a replayed artifact was issued earlier");
                if (issuer != Acct(e)) crossAccount++;
                Assert.Equal("ReasoningReplay", (string)i["kind"]!);
            }
            if (i["issued"] is JsonNode s) issuedBy.TryAdd((string)s!, Acct(e));
        }
        Assert.True(replays > 20);
        Assert.True(crossAccount > replays / 2);
        Assert.All(issuedBy.Keys, a => Assert.True(a.Length >= 300));
    }
}
