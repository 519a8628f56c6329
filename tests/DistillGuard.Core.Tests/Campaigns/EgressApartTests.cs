using DistillGuard.Core.Analysis;
using DistillGuard.Core.Tests.Analysis;
using DistillGuard.Core.Verdicts;

namespace DistillGuard.Core.Tests.Campaigns;

/// <summary>
/// Bought accounts that keep their former owner's traffic and harvest a little each, reworded, through rotating exits:
/// found by what their harvest shares (egress apart from the account, one instruction skeleton), while users who word
/// their questions the same way from home, or once ask from a café, stay clear.
/// </summary>
public sealed class EgressApartTests
{
    private static SyntheticTraffic Traffic(int seed) => new(new SyntheticTraffic.Settings
    {
        Seed = seed, BoughtAccounts = 40, SkeletonUsers = 12, TravellingUsers = 30,
    });

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Complete_BoughtAccountsHarvestingThroughRotatingExits_AreOneCampaign(int seed)
    {
        var t = Traffic(seed);
        var r = AnalysisHarness.Run(t);
        var c = t.Accounts.Where(a => a.Campaign == "C").Select(a => a.Id).ToHashSet();
        var flagged = r.Verdicts.Where(v => c.Contains(v.Account) && v.Verdict == VerdictKind.Campaign).ToList();
        Assert.True(flagged.Count >= 0.9 * c.Count, $"{flagged.Count} of {c.Count} bought accounts flagged; e.g. " + string.Join("\n", r.Verdicts.Where(v => c.Contains(v.Account) && v.Verdict != VerdictKind.Campaign).Take(3).Select(v => $"{v.Account} {v.Verdict} {v.Exchanges}: {string.Join(" | ", v.Reasons.Select(q => q.Signal + " " + q.Detail))}")));
        Assert.All(flagged, v => Assert.Contains(v.Reasons, q => q.Signal == "rotating-exits"));
        Assert.All(flagged, v => Assert.Contains(v.Reasons, q => q.Signal == "shared-skeleton"));
        // they are one operation, not merged with campaign A or B
        Assert.Single(flagged.Select(v => v.Campaign).Distinct());
        var other = r.Verdicts.Where(v => v.Verdict == VerdictKind.Campaign && t.Accounts.First(a => a.Id == v.Account).Campaign is "A" or "B")
            .Select(v => v.Campaign).ToHashSet();
        Assert.DoesNotContain(flagged[0].Campaign, other);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Complete_SameWordingFromHomeOrOneRequestFromACafe_IsNotCampaign(int seed)
    {
        var t = Traffic(seed);
        var r = AnalysisHarness.Run(t);
        var lookalikes = t.Accounts.Where(a => a.Population is "skeleton-user" or "traveller").Select(a => a.Id).ToHashSet();
        var wrong = r.Verdicts.Where(v => lookalikes.Contains(v.Account) && v.Verdict == VerdictKind.Campaign)
            .Select(v => $"{v.Account}: {string.Join(" | ", v.Reasons.Select(q => q.Signal + " " + q.Detail))}").ToList();
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
        var m = AnalysisHarness.Evaluate(t, r);
        Assert.Equal(0, m.FalsePositives);
    }

    [Fact]
    public void Complete_WithoutParaphraseLinks_DoesNotFindTheBoughtAccounts()
    {
        // the template-only detector cannot see them: what the option adds is measured, not assumed
        var t = Traffic(1);
        var r = AnalysisHarness.Run(t, DetectorOptions.Default with { ParaphraseLinks = false });
        var c = t.Accounts.Where(a => a.Campaign == "C").Select(a => a.Id).ToHashSet();
        Assert.True(r.Verdicts.Count(v => c.Contains(v.Account) && v.Verdict == VerdictKind.Campaign) < c.Count / 2);
    }
}
