using DistillGuard.Core.Analysis;
using DistillGuard.Core.Scoring;
using DistillGuard.Core.Tests.Analysis;
using DistillGuard.Core.Verdicts;

namespace DistillGuard.Core.Tests.Campaigns;

/// <summary>Who belongs to a campaign once it is found: binding by shared facts, not by volume; corroboration by two
/// independent kinds of evidence; replay issuers.</summary>
public sealed class MembershipTests
{
    [Fact]
    public void Complete_EveryReasonNamesEachExampleExchangeOnce()
    {
        // One exchange kept as the example of several signals (a replayed artifact that also asked for the full budget) is
        // one piece of evidence: a reason that names it three times shows an analyst one exchange as three (random 9809:
        // "ex_000146520" thrice on every reason of a campaign member).
        var t = new SyntheticTraffic(new SyntheticTraffic.Settings { Seed = 1, Replacements = 10, ReplayIssuers = 6, ReplayPresenters = 12, StationAccounts = 24 });
        var r = AnalysisHarness.Run(t);
        var repeated = r.Verdicts.SelectMany(v => v.Reasons.Where(q => q.ExchangeIds.Distinct().Count() < q.ExchangeIds.Count)
            .Select(q => $"{v.Account} {q.Signal}: {string.Join(", ", q.ExchangeIds)}")).ToList();
        Assert.True(repeated.Count == 0, $"{repeated.Count} reasons repeat an exchange id, e.g. " + string.Join(" | ", repeated.Take(3)));
        Assert.Contains(r.Verdicts, v => v.Reasons.Any(q => q.ExchangeIds.Count >= 2));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Complete_ReplacementAccountsWithAFewRequests_JoinTheirCampaign(int seed)
    {
        var t = new SyntheticTraffic(new SyntheticTraffic.Settings { Seed = seed, Replacements = 10 });
        var r = AnalysisHarness.Run(t);
        var a = t.Accounts.Where(x => x.Campaign == "A").Select(x => x.Id).ToHashSet();
        var byId = r.Verdicts.ToDictionary(v => v.Account);
        var ids = a.Select(x => byId[x].Campaign).Distinct().ToList();
        Assert.True(ids.Count == 1, string.Join("; ", a.Where(x => byId[x].Verdict != VerdictKind.Campaign).Select(x => $"{x} {byId[x].Verdict} {byId[x].Exchanges} ex: {string.Join(" | ", byId[x].Reasons.Select(q => q.Signal + " " + q.Detail))}")));
        Assert.NotNull(ids[0]);
        var missed = a.Where(x => byId[x].Verdict != VerdictKind.Campaign).Select(x => $"{x} ({byId[x].Exchanges} exchanges)").ToList();
        Assert.Empty(missed);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Complete_IndependentUsersOfTheCampaignsPromptFormat_AreNotCampaign(int seed)
    {
        var t = new SyntheticTraffic(new SyntheticTraffic.Settings { Seed = seed, BenchmarkUsers = 8 });
        var r = AnalysisHarness.Run(t);
        var users = t.Accounts.Where(x => x.Population == "benchmark-user").Select(x => x.Id).ToHashSet();
        Assert.Equal(8, users.Count);
        var wrong = r.Verdicts.Where(v => users.Contains(v.Account) && v.Verdict == VerdictKind.Campaign).Select(v => $"{v.Account}: {string.Join(" | ", v.Reasons.Select(q => q.Signal + " " + q.Detail))}").ToList();
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
        // and the campaign itself is still found whole
        var a = t.Accounts.Where(x => x.Campaign == "A").Select(x => x.Id).ToHashSet();
        Assert.All(r.Verdicts.Where(v => a.Contains(v.Account)), v => Assert.Equal(VerdictKind.Campaign, v.Verdict));
    }

    [Theory]
    [InlineData(1, 1, 0.3)]
    [InlineData(5, 5, 0.7)]
    [InlineData(10, 3, 0.2)]
    public void SmallSample_ShrinksTheShareByTwoPseudoExchanges(int count, int harvest, double atLeast)
    {
        double s = HarvestStrength.SmallSample(count, harvest);
        Assert.InRange(s, atLeast, atLeast + 0.1);
        Assert.True(s >= HarvestStrength.OnKey(count, harvest));
        Assert.Equal(0, HarvestStrength.SmallSample(count, 0));
    }
}
