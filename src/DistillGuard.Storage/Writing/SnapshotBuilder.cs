using DistillGuard.Core.Analysis;
using DistillGuard.Core.Campaigns;
using DistillGuard.Core.Links;
using DistillGuard.Core.Profiles;
using DistillGuard.Core.Scoring;
using DistillGuard.Core.Verdicts;
using DistillGuard.Sharing.Intel;
using DistillGuard.Storage.Model;
using DistillGuard.Storage.Sql;

namespace DistillGuard.Storage.Writing;

/// <summary>What goes into the store besides the analysis itself.</summary>
public sealed record SnapshotExtras
{
    public string Source { get; init; } = "analyze";
    public AnalysisInputs? Inputs { get; init; }
    public ActivityTally? Activity { get; init; }
    public IReadOnlyList<ExchangeSample> Samples { get; init; } = [];
    public IReadOnlyList<SuppressedCampaign> Suppressed { get; init; } = [];
    public long Quarantined { get; init; }
    public double CampaignThreshold { get; init; } = DetectorOptions.Default.CampaignThreshold;
    public DateTimeOffset? WrittenAt { get; init; }
    /// <summary>Key groups with more members than this keep only the campaign members (others are sampled up to it).</summary>
    public int MaxKeyMembers { get; init; } = 500;
}

/// <summary>Turns an <see cref="AnalysisResult"/> (after <see cref="DismissalFeedback"/>) into store rows.</summary>
public static class SnapshotBuilder
{
    /// <summary>Exchange ids the analysis cites (evidence of every campaign, up to three per reason of every flagged account),
    /// each with what cites it: the ids <see cref="ExchangeSampler"/> reads back.</summary>
    public static Dictionary<string, List<string>> CitedExchanges(AnalysisResult result, IEnumerable<Campaign>? more = null, int max = 100_000)
    {
        var cited = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        void Cite(string id, string by)
        {
            if (!cited.TryGetValue(id, out var list))
            {
                if (cited.Count >= max) return;
                cited[id] = list = new List<string>();
            }
            if (list.Count < 8 && !list.Contains(by)) list.Add(by);
        }
        foreach (var c in result.Campaigns.Concat(more ?? []))
            foreach (var e in c.Evidence) foreach (var id in e.ExchangeIds) Cite(id, $"evidence:{c.Id}:{e.Kind}");
        foreach (var v in result.Verdicts.Where(v => v.Verdict != VerdictKind.Clear))
            foreach (var r in v.Reasons) foreach (var id in r.ExchangeIds.Take(3)) Cite(id, $"reason:{v.Account}:{r.Signal}");
        return cited;
    }

    public static StoreSnapshot Build(AnalysisResult result, SnapshotExtras extras)
    {
        var snap = new StoreSnapshot
        {
            Source = extras.Source,
            WrittenAt = extras.WrittenAt ?? DateTimeOffset.UtcNow,
            Exchanges = result.Stats.Exchanges,
            Quarantined = extras.Quarantined,
            CampaignThreshold = extras.CampaignThreshold,
            Suppressed = extras.Suppressed.Count,
        };
        var profiles = result.Profiles;
        var ctx = result.Context;
        var findings = result.Findings.Where(f => f.Accepted && f.Id.Length > 0).GroupBy(f => f.Id).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var byIndex = profiles.ToDictionary(p => p.Account, p => p.Index, StringComparer.Ordinal);
        var keyIds = new HashSet<int>();
        var campaignMemberKeys = new Dictionary<int, HashSet<int>>();
        AddVerdictsAndCampaigns(snap, result.Verdicts, result.Campaigns, extras.Suppressed,
            (campaign, account) =>
            {
                if (findings.TryGetValue(campaign, out var f) && byIndex.TryGetValue(account, out int pi))
                {
                    int k = f.Members.BinarySearch(pi);
                    if (k >= 0) return (Math.Round(f.Strength[k], 4), f.Corroborated[k]);
                }
                return (0, false);
            },
            account => byIndex.TryGetValue(account, out int i) ? profiles[i].HarvestShare : 0);
        foreach (var c in result.Campaigns.Concat(extras.Suppressed.Select(s => s.Campaign)))
        {
            if (!findings.TryGetValue(c.Id, out var f)) continue;
            var memberSet = c.Accounts.Where(byIndex.ContainsKey).Select(a => byIndex[a]).ToHashSet();
            foreach (var (key, contribution, on) in f.Keys.Take(60))
            {
                snap.Add(StoreSchema.CampaignKeys, c.Id, key.Id, Math.Round(contribution, 6), on);
                keyIds.Add(key.Id);
                if (!campaignMemberKeys.TryGetValue(key.Id, out var set)) campaignMemberKeys[key.Id] = set = new HashSet<int>();
                set.UnionWith(memberSet);
            }
        }

        foreach (var g in result.KeyGroups)
        {
            if (g.Weight <= 0 && !keyIds.Contains(g.Id)) continue;
            snap.Add(StoreSchema.KeyGroups, g.Id, g.Kind.Id(), g.Value, g.Members.Count, Math.Round(g.Weight, 4), Math.Round(g.Rarity, 4), Math.Round(g.Suspicion, 4), g.Hosting);
            campaignMemberKeys.TryGetValue(g.Id, out var keep);
            int others = 0;
            for (int i = 0; i < g.Members.Count; i++)
            {
                bool member = keep is not null && keep.Contains(g.Members[i]);
                if (!member && others++ >= extras.MaxKeyMembers) continue;
                snap.Add(StoreSchema.KeyMembers, g.Id, profiles[g.Members[i]].Account, g.Counts[i], i < g.Harvest.Count ? Math.Max(0, g.Harvest[i]) : 0);
            }
        }

        foreach (var p in profiles.OrderBy(p => p.Account, StringComparer.Ordinal))
        {
            int t = p.Templates.TopIndex();
            double cv = p.TimingCv;
            snap.Add(StoreSchema.AccountProfiles, p.Account, p.Exchanges,
                DateTimeOffset.FromUnixTimeMilliseconds(p.FirstMs), DateTimeOffset.FromUnixTimeMilliseconds(p.LastMs),
                p.ActiveDays, p.HarvestExchanges, p.HarvestShare, HarvestStrength.Of(p), double.IsNaN(cv) ? null : cv,
                p.MaxOutputTokens, p.MaxThinkingBudget, p.MaxN, p.LogprobsExchanges, p.FailedExchanges, p.Items.Distinct,
                p.ArtifactsIssued, p.ArtifactsPresented,
                t >= 0 ? p.Templates.KeyAt(t).ToString("x16") : null,
                t >= 0 && p.Exchanges > 0 ? (double)p.Templates.CountAt(t) / p.Exchanges : 0.0,
                Top(p.Ips, id => ctx.Infra.Ip(id)), Top(p.Prefixes, id => ctx.Infra.Prefix(id)),
                Top(p.UserAgents, ctx.UserAgents.Value), Top(p.Ja4, ctx.Ja4.Value));
            Infra(snap, p.Account, "ip", p.Ips, id => ctx.Infra.Ip(id));
            Infra(snap, p.Account, "prefix", p.Prefixes, id => ctx.Infra.Prefix(id));
            Infra(snap, p.Account, "ja4", p.Ja4, ctx.Ja4.Value);
            Infra(snap, p.Account, "user-agent", p.UserAgents, ctx.UserAgents.Value);
            Infra(snap, p.Account, "route", p.Routes, ctx.Routes.Value);
            Infra(snap, p.Account, "model", p.Models, ctx.Models.Value);
            var reg = extras.Inputs?.Registry.Find(p.Account);
            if (reg is not null)
                snap.Add(StoreSchema.Accounts, p.Account, reg.CreatedMs is { } ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null, reg.Tier, reg.OrgName,
                    reg.EmailDomain, reg.PaymentFingerprint, reg.Country, reg.Verified);
        }

        if (extras.Activity is { } act)
        {
            foreach (var (a, h, n, hv) in act.Hours()) snap.Add(StoreSchema.Activity, a, h, n, hv);
            foreach (var (h, n, hv) in act.Traffic()) snap.Add(StoreSchema.Traffic, h, n, hv);
            foreach (var (a, m, d, n) in act.ModelDays()) snap.Add(StoreSchema.ModelActivity, a, m, d, n);
            foreach (var (m, first, n) in act.Models()) snap.Add(StoreSchema.Models, m, first, n);
            foreach (var (a, k, n) in act.Keys()) snap.Add(StoreSchema.AccountKeys, a, k, n);
        }
        if (extras.Inputs is not null && result.Campaigns.Count > 0)
            foreach (var intel in LocalAnalysis.From(result, extras.Inputs).Campaigns())
                foreach (var o in intel.Observables)
                    snap.Add(StoreSchema.CampaignObservables, intel.CampaignId, o.Kind.WireName(), o.Value, o.Members, o.Exchanges);
        foreach (var s in extras.Samples.DistinctBy(s => s.Id))
            snap.Add(StoreSchema.Exchanges, s.Id, s.Account, s.Ts, s.Api, s.Model, s.ApiKey, s.Ip, s.Status, s.Signals.ToArray(), s.Phrases.ToArray(),
                s.SystemText, s.Prompt, s.Response);
        return snap;
    }

    /// <summary>A snapshot of what the streaming service knows (verdicts and campaigns; no profiles, links or activity).</summary>
    public static StoreSnapshot BuildLive(IReadOnlyList<AccountVerdict> verdicts, IReadOnlyList<Campaign> campaigns, IReadOnlyList<SuppressedCampaign> suppressed,
        long exchanges, string source = "serve", double campaignThreshold = 0.5)
    {
        var snap = new StoreSnapshot { Source = source, Exchanges = exchanges, CampaignThreshold = campaignThreshold, Suppressed = suppressed.Count };
        AddVerdictsAndCampaigns(snap, verdicts.OrderBy(v => v.Account, StringComparer.Ordinal).ToList(), campaigns, suppressed, (_, _) => (0, false), _ => 0);
        return snap;
    }

    private static void AddVerdictsAndCampaigns(StoreSnapshot snap, IReadOnlyList<AccountVerdict> verdicts, IReadOnlyList<Campaign> campaigns,
        IReadOnlyList<SuppressedCampaign> suppressed, Func<string, string, (double Strength, bool Corroborated)> member, Func<string, double> harvestShare)
    {
        var suppressedOf = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var s in suppressed) foreach (var a in s.Campaign.Accounts) suppressedOf.TryAdd(a, s.Campaign.Id);
        foreach (var v in verdicts)
        {
            snap.Add(StoreSchema.Verdicts, v.Account, v.Score, v.Verdict.WireName(), v.Campaign, v.Exchanges, suppressedOf.GetValueOrDefault(v.Account));
            for (int i = 0; i < v.Reasons.Count; i++)
            {
                var r = v.Reasons[i];
                snap.Add(StoreSchema.Reasons, v.Account, i + 1, r.Signal, r.Weight, r.Detail, r.ExchangeIds.ToArray());
                foreach (var id in r.ExchangeIds) snap.Add(StoreSchema.ExchangeRefs, id, v.Account, v.Campaign, "reason:" + r.Signal);
            }
        }
        var all = campaigns.Select(c => (Campaign: c, Status: "open", By: (long?)null))
            .Concat(suppressed.Select(s => (s.Campaign, Status: "suppressed", By: (long?)s.Rule.DecisionId)));
        foreach (var (c, status, by) in all)
        {
            double harvest = c.Accounts.Count == 0 ? 0 : c.Accounts.Average(harvestShare);
            snap.Add(StoreSchema.Campaigns, c.Id, c.Score, c.Accounts.Count, c.Exchanges, c.FirstSeen, c.LastSeen, c.Targets.ToArray(), c.Tactics.ToArray(),
                status, by, Math.Round(harvest, 4), c.Evidence.Count > 0 ? c.Evidence[0].Kind + ": " + c.Evidence[0].Summary : null,
                status == "suppressed" ? "dismissed" : null, by);
            foreach (var a in c.Accounts)
            {
                var (strength, corroborated) = member(c.Id, a);
                snap.Add(StoreSchema.CampaignMembers, c.Id, a, strength, corroborated);
            }
            for (int i = 0; i < c.Evidence.Count; i++)
            {
                var e = c.Evidence[i];
                snap.Add(StoreSchema.Evidence, c.Id, i + 1, e.Kind, e.Summary, e.Weight, e.ExchangeIds.ToArray());
                foreach (var id in e.ExchangeIds) snap.Add(StoreSchema.ExchangeRefs, id, null, c.Id, "evidence:" + e.Kind);
            }
        }
    }

    private static string? Top(CounterView v, Func<int, string> name)
    {
        int i = v.TopIndex();
        return i < 0 ? null : name((int)v.KeyAt(i));
    }

    private static void Infra(StoreSnapshot snap, string account, string kind, CounterView v, Func<int, string> name)
    {
        for (int i = 0; i < v.Count; i++)
        {
            if (v.CountAt(i) <= 0) continue;
            string value = name((int)v.KeyAt(i));
            if (value.Length > 0) snap.Add(StoreSchema.AccountInfra, account, kind, value, v.CountAt(i));
        }
    }
}
