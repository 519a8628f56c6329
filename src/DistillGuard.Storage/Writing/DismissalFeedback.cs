using DistillGuard.Core.Analysis;
using DistillGuard.Core.Campaigns;
using DistillGuard.Core.Verdicts;

namespace DistillGuard.Storage.Writing;

/// <summary>An analyst's standing dismissal: the accounts it covered and the kinds of evidence they were flagged on.</summary>
public sealed record DismissalRule(long DecisionId, string Actor, DateTimeOffset At, string TargetKind, string Target, string Reason,
    IReadOnlySet<string> Accounts, IReadOnlySet<string> EvidenceKinds);

/// <summary>A campaign a dismissal kept out of the published campaigns.</summary>
public sealed record SuppressedCampaign(Campaign Campaign, DismissalRule Rule);

/// <summary>The analysis after the dismissals: what is published (files, store) and what was held back.</summary>
public sealed record FeedbackResult(IReadOnlyList<AccountVerdict> Verdicts, IReadOnlyList<Campaign> Campaigns, IReadOnlyList<SuppressedCampaign> Suppressed,
    IReadOnlyDictionary<string, DismissalRule> ClearedAccounts);

/// <summary>
/// Feeds analysts' dismissals back into a new analysis, so the same accounts are not flagged again on the same evidence.
/// <list type="bullet">
/// <item>A <b>campaign dismissal</b> (accounts A, evidence kinds K) suppresses a new campaign C when at least half of C's
/// members are in A and every evidence kind of C is in K (no new kind of evidence appeared). C is not published; its
/// <c>campaign</c> members become <c>watch</c> (score at most 0.59, campaign null) with an <c>analyst-dismissed</c> reason.</item>
/// <item>An <b>account dismissal</b> (account a, kinds K = a's reason signals then) clears a when a's new verdict is
/// <c>watch</c> or <c>campaign</c> and all its reason signals are in K: verdict <c>clear</c> (score at most 0.29), removed
/// from its campaign; a campaign left with fewer than the minimum members is suppressed as above.</item>
/// </list>
/// New evidence kinds (e.g. a shared payment fingerprint that was not there) lift the dismissal: the accounts are flagged again.
/// </summary>
public static class DismissalFeedback
{
    public const string Signal = "analyst-dismissed";
    public const double CampaignOverlap = 0.5;

    public static IReadOnlySet<string> KindsOf(Campaign c) => c.Evidence.Select(e => e.Kind).ToHashSet(StringComparer.Ordinal);

    public static IReadOnlySet<string> KindsOf(AccountVerdict v)
        => v.Reasons.Select(r => r.Signal).Where(s => s != Signal).ToHashSet(StringComparer.Ordinal);

    /// <summary>The analysis with its verdicts and campaigns after the dismissals (profiles and findings unchanged).</summary>
    public static (AnalysisResult Result, FeedbackResult Feedback) Apply(AnalysisResult result, IReadOnlyList<DismissalRule> rules, int minCampaignAccounts = 3)
    {
        var fb = Apply(result.Verdicts, result.Campaigns, rules, minCampaignAccounts);
        return (fb.Suppressed.Count == 0 && fb.ClearedAccounts.Count == 0 ? result : result with { Verdicts = fb.Verdicts, Campaigns = fb.Campaigns }, fb);
    }

    public static FeedbackResult Apply(IReadOnlyList<AccountVerdict> resultVerdicts, IReadOnlyList<Campaign> resultCampaigns, IReadOnlyList<DismissalRule> rules, int minCampaignAccounts = 3)
    {
        var accountRules = rules.Where(r => r.TargetKind == "account").GroupBy(r => r.Target, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.OrderByDescending(r => r.At).ToList(), StringComparer.Ordinal);
        var campaignRules = rules.Where(r => r.TargetKind == "campaign").OrderByDescending(r => r.At).ToList();
        if (accountRules.Count == 0 && campaignRules.Count == 0) return new FeedbackResult(resultVerdicts, resultCampaigns, [], new Dictionary<string, DismissalRule>());

        var verdicts = resultVerdicts.ToDictionary(v => v.Account, StringComparer.Ordinal);
        var cleared = new Dictionary<string, DismissalRule>(StringComparer.Ordinal);
        foreach (var v in resultVerdicts)
        {
            if (v.Verdict == VerdictKind.Clear || !accountRules.TryGetValue(v.Account, out var rs)) continue;
            var kinds = KindsOf(v);
            var rule = rs.FirstOrDefault(r => kinds.All(r.EvidenceKinds.Contains));
            if (rule is null) continue;
            cleared[v.Account] = rule;
            verdicts[v.Account] = v with
            {
                Verdict = VerdictKind.Clear,
                Score = Math.Min(v.Score, 0.29),
                Campaign = null,
                Reasons = [Note(rule, $"account dismissed as a false positive by {rule.Actor} on {rule.At:yyyy-MM-dd} ({rule.Reason}); flagged again on no new kind of evidence"), .. v.Reasons],
            };
        }

        var published = new List<Campaign>();
        var suppressed = new List<SuppressedCampaign>();
        foreach (var c0 in resultCampaigns)
        {
            var c = c0;
            if (c.Accounts.Any(cleared.ContainsKey))
                c = c with { Accounts = c.Accounts.Where(a => !cleared.ContainsKey(a)).ToList() };
            var kinds = KindsOf(c);
            var rule = campaignRules.FirstOrDefault(r =>
                c.Accounts.Count(r.Accounts.Contains) >= CampaignOverlap * Math.Max(1, c.Accounts.Count) && kinds.All(r.EvidenceKinds.Contains));
            if (rule is null && c.Accounts.Count < minCampaignAccounts && c.Accounts.Count < c0.Accounts.Count)
                rule = c0.Accounts.Where(cleared.ContainsKey).Select(a => cleared[a]).First();
            if (rule is null) { published.Add(c); continue; }
            suppressed.Add(new SuppressedCampaign(c0, rule));
            foreach (var a in c.Accounts)
            {
                var v = verdicts[a];
                if (v.Campaign != c.Id) continue;
                verdicts[a] = v with
                {
                    Verdict = v.Verdict == VerdictKind.Campaign ? VerdictKind.Watch : v.Verdict,
                    Score = Math.Min(v.Score, 0.59),
                    Campaign = null,
                    Reasons = [Note(rule, $"campaign {c.Id} matches the dismissal of {rule.Target} by {rule.Actor} on {rule.At:yyyy-MM-dd} ({rule.Reason}): " +
                        "same accounts, no new kind of evidence; watch, not campaign"), .. v.Reasons],
                };
            }
        }
        return new FeedbackResult(resultVerdicts.Select(v => verdicts[v.Account]).ToList(), published, suppressed, cleared);
    }

    private static Reason Note(DismissalRule rule, string detail) => new() { Signal = Signal, Weight = 0, Detail = detail + $" [decision {rule.DecisionId}]" };
}
