using DistillGuard.Core.Analysis;
using DistillGuard.Core.Tests.Analysis;
using DistillGuard.Core.Verdicts;
using Xunit.Abstractions;

namespace DistillGuard.Core.Tests.Campaigns;

public sealed class CampaignDetectionTests(ITestOutputHelper output)
{
    private static readonly string[] HardNegatives = { "campus-nat", "corporate-card", "agent-platform", "enterprise-batch", "researcher", "licensed-distiller" };

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Complete_CampaignHidingAmong70PercentRelayedTraffic_IsFoundWhole(int seed)
    {
        var t = new SyntheticTraffic(new SyntheticTraffic.Settings { Seed = seed, Camouflage = 0.7 });
        var r = AnalysisHarness.Run(t);
        var a = t.Accounts.Where(x => x.Campaign == "A").Select(x => x.Id).ToHashSet();
        var ids = r.Verdicts.Where(v => a.Contains(v.Account)).Select(v => v.Campaign).Distinct().ToList();
        Assert.Single(ids);
        Assert.NotNull(ids[0]);
        Assert.All(r.Verdicts.Where(v => a.Contains(v.Account)), v => Assert.Equal(VerdictKind.Campaign, v.Verdict));
        var c = r.Campaigns.Single(x => x.Id == ids[0]);
        Assert.Equal(a.Order(StringComparer.Ordinal), c.Accounts);
        Assert.Contains("mixed-with-legit-traffic", c.Tactics);
        Assert.Contains("cot-elicitation", c.Tactics);
        Assert.Contains("reasoning", c.Targets);
        Assert.NotEmpty(c.Evidence);
        Assert.All(c.Evidence.Where(e => e.Kind is "shared-template" or "cot-elicitation"), e => Assert.NotEmpty(e.ExchangeIds));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void Complete_HardNegatives_AreNeverCampaign(int seed)
    {
        var t = new SyntheticTraffic(new SyntheticTraffic.Settings { Seed = seed });
        var r = AnalysisHarness.Run(t);
        var pop = t.Accounts.ToDictionary(x => x.Id, x => x.Population);
        var wrong = r.Verdicts.Where(v => v.Verdict == VerdictKind.Campaign && pop[v.Account] != "campaign").Select(v => $"{v.Account} ({pop[v.Account]})").ToList();
        Assert.Empty(wrong);
        Assert.Contains(r.Verdicts, v => HardNegatives.Contains(pop[v.Account]));
    }

    [Fact]
    public void Complete_StrangersOnOnePopularSdkAndOneProxyRange_AreNotMerged()
    {
        var t = new SyntheticTraffic(new SyntheticTraffic.Settings { SharedEgress = true });
        var r = AnalysisHarness.Run(t);
        var m = AnalysisHarness.Evaluate(t, r);
        Assert.Equal(0, m.MergedCampaigns);
        Assert.Equal(0, m.SplitCampaigns);
        Assert.Equal(1.0, m.Precision);
        Assert.True(m.Recall >= 0.95, m.ToString());
        Assert.Equal(2, r.Campaigns.Count);
    }

    // Campaign B sends a share of its requests on campaign A's template (a published prompt both operations run).
    [Theory]
    [InlineData(0.3, 7)]
    [InlineData(0.3, 11)]
    [InlineData(0.5, 7)]
    public void Complete_TwoOperationsBridgedByOneTemplate_AreReportedApart_WithTheSameVerdicts(double bridge, int seed)
    {
        var t = new SyntheticTraffic(new SyntheticTraffic.Settings { Seed = seed, BridgeShare = bridge });
        var split = AnalysisHarness.Run(t);
        var whole = AnalysisHarness.Run(t, new DetectorOptions { SplitCommunities = false });
        var m = AnalysisHarness.Evaluate(t, split);
        Assert.Equal(0, m.MergedCampaigns);
        Assert.Equal(0, m.SplitCampaigns);
        Assert.Equal(whole.Verdicts.Select(v => (v.Account, v.Verdict)), split.Verdicts.Select(v => (v.Account, v.Verdict)));
        output.WriteLine($"bridge {bridge}: {whole.Campaigns.Count} campaign(s) without the split, {split.Campaigns.Count} with it; {m}");
    }

    [Fact]
    public void Complete_TwoOperationsBridgedByOneTemplate_AreMergedWithoutTheSplit()
    {
        // The case the split exists for: the dense block holds both operations.
        var t = new SyntheticTraffic(new SyntheticTraffic.Settings { BridgeShare = 0.5 });
        var whole = AnalysisHarness.Run(t, new DetectorOptions { SplitCommunities = false, SplitCapabilities = false });
        Assert.True(AnalysisHarness.Evaluate(t, whole).MergedCampaigns > 0);
    }

    // The same two operations harvest different things (A chain-of-thought, B grading): without the community split, the
    // split by target alone reports them apart, and no verdict changes.
    [Theory]
    [InlineData(0.5, 7)]
    [InlineData(0.3, 11)]
    public void Complete_TwoOperationsBridgedByOneTemplate_AreReportedApartByWhatTheyHarvest(double bridge, int seed)
    {
        var t = new SyntheticTraffic(new SyntheticTraffic.Settings { Seed = seed, BridgeShare = bridge });
        var byTarget = AnalysisHarness.Run(t, new DetectorOptions { SplitCommunities = false });
        var whole = AnalysisHarness.Run(t, new DetectorOptions { SplitCommunities = false, SplitCapabilities = false });
        var m = AnalysisHarness.Evaluate(t, byTarget);
        Assert.True(AnalysisHarness.Evaluate(t, whole).MergedCampaigns > 0);
        Assert.Equal(0, m.MergedCampaigns);
        Assert.Equal(whole.Verdicts.Select(v => (v.Account, v.Verdict)), byTarget.Verdicts.Select(v => (v.Account, v.Verdict)));
        output.WriteLine($"bridge {bridge}: {whole.Campaigns.Count} campaign(s) without either split, {byTarget.Campaigns.Count} split by target; {m}");
    }

    [Fact]
    public void Complete_OrdinaryUsersOfThePopularSdk_AreAllClear()
    {
        var t = new SyntheticTraffic();
        var r = AnalysisHarness.Run(t);
        var legit = t.Accounts.Where(x => x.Population == "legit").Select(x => x.Id).ToHashSet();
        Assert.All(r.Verdicts.Where(v => legit.Contains(v.Account)), v => Assert.Equal(VerdictKind.Clear, v.Verdict));
    }

    [Fact]
    public void Complete_ResearcherSweepingABenchmarkAlone_IsWatchNotCampaign()
    {
        var t = new SyntheticTraffic();
        var r = AnalysisHarness.Run(t);
        var id = t.Accounts.Single(x => x.Population == "researcher").Id;
        var v = r.Verdicts.Single(x => x.Account == id);
        Assert.Equal(VerdictKind.Watch, v.Verdict);
        Assert.Null(v.Campaign);
        Assert.Contains(v.Reasons, x => x.Signal == "cot-elicitation" && x.ExchangeIds.Count > 0);
    }

    [Fact]
    public void Complete_LicensedDistillerOnTheAllowlist_IsClearAndSaysWhy()
    {
        var t = new SyntheticTraffic();
        var r = AnalysisHarness.Run(t);
        var ids = t.Accounts.Where(x => x.Population == "licensed-distiller").Select(x => x.Id).ToHashSet();
        foreach (var v in r.Verdicts.Where(v => ids.Contains(v.Account)))
        {
            Assert.Equal(VerdictKind.Clear, v.Verdict);
            Assert.Equal("allowlisted", v.Reasons[0].Signal);
            Assert.Contains("never", v.Reasons[0].Detail);
        }
        Assert.DoesNotContain(r.Campaigns, c => c.Accounts.Any(ids.Contains));
    }

    [Fact]
    public void Complete_WithoutRegistryOrIpIntel_StillFindsBothCampaignsWithoutFalsePositives()
    {
        var t = new SyntheticTraffic();
        var r = AnalysisHarness.Run(t, withInputs: false);
        var m = AnalysisHarness.Evaluate(t, r);
        Assert.Equal(1.0, m.Precision);
        Assert.True(m.Recall >= 0.9, m.ToString());
    }

    [Fact]
    public void Complete_DensePeeling_DoesNotPullOrdinaryUsersIntoCampaigns()
    {
        for (int seed = 1; seed <= 3; seed++)
        {
            var t = new SyntheticTraffic(new SyntheticTraffic.Settings { Seed = seed, SharedEgress = true });
            var peel = AnalysisHarness.Evaluate(t, AnalysisHarness.Run(t));
            Assert.Equal(0, peel.FalsePositives);
            Assert.Equal(0, peel.MergedCampaigns);
        }
    }
}
