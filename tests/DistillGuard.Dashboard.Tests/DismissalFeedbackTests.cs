using DistillGuard.Core.Verdicts;
using DistillGuard.Dashboard.Tests.Support;
using DistillGuard.Storage.Model;
using DistillGuard.Storage.Writing;

namespace DistillGuard.Dashboard.Tests;

/// <summary>A dismissal keeps the same accounts from being flagged again on the same evidence, and only that.</summary>
[Collection(ScenarioCollection.Name)]
public sealed class DismissalFeedbackTests
{
    private readonly ScenarioFixture _fx;

    public DismissalFeedbackTests(ScenarioFixture fx) => _fx = fx;

    private static DismissalRule Rule(string kind, string target, IEnumerable<string> accounts, IEnumerable<string> kinds) =>
        new(7, "alice", new DateTimeOffset(2026, 3, 20, 0, 0, 0, TimeSpan.Zero), kind, target, "a customer's evaluation harness",
            accounts.ToHashSet(StringComparer.Ordinal), kinds.ToHashSet(StringComparer.Ordinal));

    [Fact]
    public void CampaignDismissal_SameAccountsSameEvidence_SuppressesTheCampaignAndLowersItsMembersToWatch()
    {
        var c = _fx.Result.Campaigns[1];
        var (result, fb) = DismissalFeedback.Apply(_fx.Result, [Rule("campaign", c.Id, c.Accounts, DismissalFeedback.KindsOf(c))]);

        Assert.DoesNotContain(result.Campaigns, x => x.Id == c.Id);
        Assert.Equal(_fx.Result.Campaigns.Count - 1, result.Campaigns.Count);
        Assert.Single(fb.Suppressed);
        foreach (var a in c.Accounts)
        {
            var v = result.Verdicts.First(v => v.Account == a);
            Assert.NotEqual(VerdictKind.Campaign, v.Verdict);
            Assert.Null(v.Campaign);
            Assert.True(v.Score < 0.6);
            if (_fx.Result.Verdicts.First(x => x.Account == a).Verdict == VerdictKind.Campaign)
                Assert.Equal(DismissalFeedback.Signal, v.Reasons[0].Signal);
        }
        // Everyone else is untouched.
        var others = _fx.Result.Verdicts.Where(v => !c.Accounts.Contains(v.Account)).ToList();
        Assert.All(others, v => Assert.Same(v, result.Verdicts.First(x => x.Account == v.Account)));
    }

    [Fact]
    public void CampaignDismissal_NewKindOfEvidence_DoesNotSuppress()
    {
        var c = _fx.Result.Campaigns[1];
        var fewer = DismissalFeedback.KindsOf(c).Skip(1);   // the campaign now shows a kind the analyst did not see
        var (result, fb) = DismissalFeedback.Apply(_fx.Result, [Rule("campaign", c.Id, c.Accounts, fewer)]);
        Assert.Empty(fb.Suppressed);
        Assert.Same(_fx.Result, result);
    }

    [Fact]
    public void CampaignDismissal_OtherAccounts_DoesNotSuppress()
    {
        var c = _fx.Result.Campaigns[1];
        var few = c.Accounts.Take(c.Accounts.Count / 2 - 1);   // fewer than half of the campaign was dismissed
        var (_, fb) = DismissalFeedback.Apply(_fx.Result, [Rule("campaign", c.Id, few, DismissalFeedback.KindsOf(c))]);
        Assert.Empty(fb.Suppressed);
    }

    [Fact]
    public void AccountDismissal_SameSignals_ClearsTheAccountAndTakesItOutOfItsCampaign()
    {
        var c = _fx.Result.Campaigns[0];
        var v = _fx.Result.Verdicts.First(x => x.Campaign == c.Id);
        var (result, fb) = DismissalFeedback.Apply(_fx.Result, [Rule("account", v.Account, [v.Account], DismissalFeedback.KindsOf(v))]);
        var now = result.Verdicts.First(x => x.Account == v.Account);
        Assert.Equal(VerdictKind.Clear, now.Verdict);
        Assert.True(now.Score < 0.3);
        Assert.DoesNotContain(v.Account, result.Campaigns.First(x => x.Id == c.Id).Accounts);
        Assert.Equal(c.Accounts.Count - 1, result.Campaigns.First(x => x.Id == c.Id).Accounts.Count);
        Assert.Single(fb.ClearedAccounts);

        var (again, fb2) = DismissalFeedback.Apply(_fx.Result, [Rule("account", v.Account, [v.Account], DismissalFeedback.KindsOf(v).Skip(1))]);
        Assert.Empty(fb2.ClearedAccounts);
        Assert.Equal(v.Verdict, again.Verdicts.First(x => x.Account == v.Account).Verdict);
    }

    /// <summary>The whole loop through a store: dismiss on the dashboard's store, analyse again into it, the campaign stays
    /// down (suppressed, shown as such); reopen it, analyse again, it is back.</summary>
    [Theory, MemberData(nameof(StoreKinds.All), MemberType = typeof(StoreKinds))]
    public void Store_DismissThenRewrite_TheSameCampaignIsNotFlaggedAgainUntilReopened(string kind)
    {
        using var store = _fx.NewStore(kind);
        _fx.Publish(store);
        var c = _fx.Result.Campaigns[1];
        var d = store.Decide(new DecisionRequest("alice", "analyst", "dismiss", "campaign", c.Id, "known partner's red-team exercise", "127.0.0.1"));
        Assert.Equal("dismissed", store.Campaigns(new CampaignQuery { Status = "dismissed" }).Items.Single().Decision);

        var second = _fx.Publish(store);
        Assert.Single(second.Feedback.Suppressed);
        Assert.DoesNotContain(second.Result.Campaigns, x => x.Id == c.Id);
        var sum = store.Summary();
        Assert.Equal(_fx.Result.Campaigns.Count - 1, sum.Campaigns);
        Assert.Equal(1, sum.SuppressedCampaigns);
        Assert.Equal(2, sum.Runs);
        var suppressed = store.Campaigns(new CampaignQuery { Status = "suppressed" }).Items.Single();
        Assert.Equal(c.Id, suppressed.Id);
        var m = c.Accounts.First(a => _fx.Result.Verdicts.First(v => v.Account == a).Verdict == VerdictKind.Campaign);
        var member = store.Account(m)!;
        Assert.NotEqual("campaign", member.Verdict.Verdict);
        Assert.Equal(c.Id, member.Verdict.SuppressedCampaign);
        Assert.Equal(DismissalFeedback.Signal, member.Reasons[0].Signal);
        Assert.Contains($"decision {d.Id}", member.Reasons[0].Detail);
        Assert.True(member.History.Count >= 2, "the verdict change is in the account's history");

        store.Decide(new DecisionRequest("alice", "analyst", "reopen", "campaign", c.Id, "exercise ended", null));
        var third = _fx.Publish(store);
        Assert.Empty(third.Feedback.Suppressed);
        Assert.Equal(_fx.Result.Campaigns.Count, store.Summary().Campaigns);
        Assert.Equal("campaign", store.Account(m)!.Verdict.Verdict);
    }
}
