using System.Text.Json;
using DistillGuard.Core.Verdicts;
using DistillGuard.Dashboard.Tests.Support;
using DistillGuard.Storage;
using DistillGuard.Storage.Model;

namespace DistillGuard.Dashboard.Tests;

/// <summary>The store interface answers the same on DuckDB and on PostgreSQL, and answers what the analysis says.</summary>
[Collection(ScenarioCollection.Name)]
public sealed class StoreContractTests
{
    private readonly ScenarioFixture _fx;

    public StoreContractTests(ScenarioFixture fx)
    {
        _fx = fx;
    }

    private IResultStore Store(string kind) => _fx.Shared(kind);

    [Theory, MemberData(nameof(StoreKinds.All), MemberType = typeof(StoreKinds))]
    public void Summary_CountsWhatTheAnalysisFound(string kind)
    {
        var s = Store(kind).Summary();
        var r = _fx.Result;
        Assert.NotNull(s.Run);
        Assert.Equal(r.Stats.Exchanges, s.Run!.Exchanges);
        Assert.Equal(r.Verdicts.Count, s.Accounts);
        Assert.Equal(r.Campaigns.Count, s.Campaigns);
        Assert.Equal(r.Verdicts.Count(v => v.Verdict == VerdictKind.Campaign), s.CampaignAccounts);
        Assert.Equal(r.Verdicts.Count(v => v.Verdict == VerdictKind.Watch), s.WatchAccounts);
        Assert.True(s.Exchanges > 0, "cited exchanges were read back from the log");
        Assert.Contains(s.Tactics, t => t.Name == "cot-elicitation");
    }

    [Theory, MemberData(nameof(StoreKinds.All), MemberType = typeof(StoreKinds))]
    public void Campaigns_FilterSortAndPage(string kind)
    {
        var store = Store(kind);
        var byAccounts = store.Campaigns(new CampaignQuery { Sort = "accounts" });
        Assert.Equal(_fx.Result.Campaigns.Count, byAccounts.Total);
        Assert.Equal(_fx.Result.Campaigns.Max(c => c.Accounts.Count), byAccounts.Items[0].Accounts);
        var ascending = store.Campaigns(new CampaignQuery { Sort = "score", Descending = false });
        Assert.True(ascending.Items.Zip(ascending.Items.Skip(1)).All(p => p.First.Score <= p.Second.Score));
        var page = store.Campaigns(new CampaignQuery { Sort = "id", Descending = false, Limit = 1, Offset = 1 });
        Assert.Single(page.Items);
        Assert.Equal(_fx.Result.Campaigns.OrderBy(c => c.Id, StringComparer.Ordinal).ElementAt(1).Id, page.Items[0].Id);
        var target = _fx.Result.Campaigns.SelectMany(c => c.Targets).GroupBy(t => t).OrderBy(g => g.Count()).First().Key;
        var withTarget = store.Campaigns(new CampaignQuery { Target = target });
        Assert.Equal(_fx.Result.Campaigns.Count(c => c.Targets.Contains(target)), withTarget.Total);
        var member = _fx.Result.Campaigns[^1].Accounts[0];
        Assert.Contains(store.Campaigns(new CampaignQuery { Text = member }).Items, c => c.Id == _fx.Result.Campaigns[^1].Id);
    }

    [Theory, MemberData(nameof(StoreKinds.All), MemberType = typeof(StoreKinds))]
    public void Campaign_HasMembersEvidenceKeysExamplesGraphAndActivity(string kind)
    {
        var store = Store(kind);
        foreach (var c in _fx.Result.Campaigns)
        {
            var d = store.Campaign(c.Id)!;
            Assert.Equal(c.Accounts.Count, d.MemberTotal);
            Assert.Equal(c.Evidence.Count, d.Evidence.Count);
            Assert.Equal(c.Evidence[0].Kind, d.Evidence[0].Kind);
            Assert.NotEmpty(d.Keys);
            Assert.NotEmpty(d.Examples);
            Assert.Contains(d.Examples.Values, e => e.Prompt.Length > 0);
            Assert.Contains(d.Overlaps, o => o.Kind == "payment" || o.Kind == "email-domain" || o.Kind == "signup-hour");
            var g = store.CampaignGraph(c.Id);
            Assert.Contains(g.Nodes, n => n.Type == "account");
            Assert.Contains(g.Nodes, n => n.Type == "key");
            Assert.NotEmpty(g.Edges);
            var a = store.CampaignActivity(c.Id);
            Assert.Equal(c.Accounts.Sum(m => (long)_fx.Result.Verdicts.First(v => v.Account == m).Exchanges), a.Campaign.Sum(p => p.Exchanges));
            Assert.Equal(_fx.Result.Stats.Exchanges, a.All.Sum(p => p.Exchanges));
            Assert.NotEmpty(a.Models);
            Assert.True(a.HoursOfDay.Sum() > 0);
        }
    }

    [Theory, MemberData(nameof(StoreKinds.All), MemberType = typeof(StoreKinds))]
    public void Account_HasProfileRegistryReasonsLinksExchangesAndTimeline(string kind)
    {
        var store = Store(kind);
        var member = _fx.Result.Verdicts.First(v => v.Verdict == VerdictKind.Campaign);
        var a = store.Account(member.Account)!;
        Assert.Equal("campaign", a.Verdict.Verdict);
        Assert.Equal(member.Campaign, a.Verdict.Campaign);
        Assert.Equal(member.Exchanges, Convert.ToInt32(a.Profile["exchanges"]));
        Assert.NotNull(a.Registry);
        Assert.Equal(member.Reasons.Count, a.Reasons.Count);
        Assert.Contains(a.Infra, i => i.Kind == "ip");
        Assert.NotEmpty(a.Keys);
        Assert.NotEmpty(a.Links);
        Assert.NotEmpty(a.Exchanges);
        Assert.Contains(a.History, h => h.Verdict == "campaign");
        Assert.Equal(member.Exchanges, store.AccountTimeline(member.Account).Sum(p => p.Exchanges));
        Assert.Null(store.Account("no-such-account"));
    }

    [Theory, MemberData(nameof(StoreKinds.All), MemberType = typeof(StoreKinds))]
    public void Search_FindsAccountsByKeyIpPrefixPaymentAndExchangeId(string kind)
    {
        var store = Store(kind);
        var member = _fx.Result.Campaigns[0].Accounts[0];
        var a = store.Account(member)!;
        var ip = a.Infra.First(i => i.Kind == "ip" && i.Value.Count(ch => ch == '.') == 3).Value;
        var cidr = string.Join('.', ip.Split('.').Take(3)) + ".0/24";
        Assert.Contains(store.Search(cidr, 200), h => h.Kind == "ip" && h.Account == member);
        Assert.Contains(store.Search(string.Join('.', ip.Split('.').Take(2)) + ".", 200), h => h.Kind == "ip" && h.Value.StartsWith(string.Join('.', ip.Split('.').Take(2)), StringComparison.Ordinal));
        Assert.Contains(store.Search(a.Keys[0].Value), h => h.Kind == "api-key" && h.Account == member);
        Assert.Contains(store.Search(a.Registry!.PaymentFp!), h => h.Kind == "payment" && h.Account == member);
        Assert.Contains(store.Search(member), h => h.Kind == "account" && h.Value == member);
        var ex = a.Exchanges[0].Id;
        Assert.Contains(store.Search(ex), h => h.Kind == "exchange" && h.Account == member);
        var sample = store.Exchange(ex)!;
        Assert.Equal(member, sample.Account);
        Assert.NotEmpty(sample.CitedBy);
        Assert.Empty(store.Search("zz-nothing-like-this"));
    }

    [Theory, MemberData(nameof(StoreKinds.All), MemberType = typeof(StoreKinds))]
    public void Decide_RecordsTheDecisionAndAuditsIt(string kind)
    {
        var store = Store(kind);
        var account = _fx.Result.Verdicts.First(v => v.Verdict == VerdictKind.Watch).Account;
        var d = store.Decide(new DecisionRequest("alice", "analyst", "confirm", "account", account, null, "127.0.0.1"));
        Assert.Equal("confirm", d.Action);
        Assert.Equal([account], d.Accounts);
        Assert.Contains(store.Decisions(), x => x.Id == d.Id && x.Actor == "alice");
        Assert.Contains(store.AuditLog(), x => x.Actor == "alice" && x.Action == "decision:confirm" && x.Target == "account:" + account && x.Remote == "127.0.0.1");
        Assert.Throws<ArgumentException>(() => store.Decide(new DecisionRequest("alice", "analyst", "dismiss", "account", account, null, null)));
        Assert.Throws<ArgumentException>(() => store.Decide(new DecisionRequest("alice", "analyst", "delete", "account", account, "x", null)));
        Assert.Throws<KeyNotFoundException>(() => store.Decide(new DecisionRequest("alice", "analyst", "confirm", "campaign", "C-9999", null, null)));
    }

    [PostgresFact]
    public void DuckDbAndPostgres_AnswerTheSameQueriesTheSame()
    {
        var duck = Store("duckdb");
        var pg = Store("postgres");
        string J(object o) => JsonSerializer.Serialize(o, DashboardJson.Options);
        Assert.Equal(J(duck.Summary() with { Run = null, Decisions = 0 }), J(pg.Summary() with { Run = null, Decisions = 0 }));
        Assert.Equal(J(duck.Campaigns(new CampaignQuery { Status = "all", Limit = 500 })), J(pg.Campaigns(new CampaignQuery { Status = "all", Limit = 500 })));
        foreach (var c in _fx.Result.Campaigns)
        {
            Assert.Equal(J(duck.Campaign(c.Id)! with { Decisions = [] }), J(pg.Campaign(c.Id)! with { Decisions = [] }));
            Assert.Equal(J(duck.CampaignGraph(c.Id)), J(pg.CampaignGraph(c.Id)));
            Assert.Equal(J(duck.CampaignActivity(c.Id)), J(pg.CampaignActivity(c.Id)));
        }
        var member = _fx.Result.Campaigns[0].Accounts[0];
        Assert.Equal(J(duck.Account(member)! with { History = [], Decisions = [] }), J(pg.Account(member)! with { History = [], Decisions = [] }));
        Assert.Equal(J(duck.Search("193.")), J(pg.Search("193.")));
        Assert.Equal(J(duck.ScoreHistogram()), J(pg.ScoreHistogram()));
    }
}
