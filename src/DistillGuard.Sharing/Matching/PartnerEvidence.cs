using System.Globalization;
using DistillGuard.Core.Analysis;
using DistillGuard.Core.Campaigns;
using DistillGuard.Core.Verdicts;
using DistillGuard.Sharing.Intel;

namespace DistillGuard.Sharing.Matching;

/// <summary>Local verdicts and campaigns with partners' matches added as evidence.</summary>
public sealed record AdjustedResult(IReadOnlyList<AccountVerdict> Verdicts, IReadOnlyList<Campaign> Campaigns, IReadOnlyList<IndicatorMatch> Matches);

/// <summary>Post-processing that makes partners' indicators count in local verdicts without changing the detector.
/// Every matched account gets one <c>partner-indicator</c> reason per partner indicator ("partner lab-a indicator
/// indicator--… (template) seen 2026-03-02, matched by template SimHash distance 3 bits"). Scores move only on
/// identifying evidence: an account matched by a partner's template or payment fingerprint AND by at least one of its
/// network/client indicators is raised to at least <c>watch</c> (0.45, +0.05 per further partner); a member of a local
/// campaign gains up to +0.1. Network or client matches alone (a shared cloud range, a popular SDK) only add a
/// reason. Allowlisted accounts keep their verdict. Campaigns whose members matched gain one evidence item per partner.</summary>
public static class PartnerEvidence
{
    public const string Signal = "partner-indicator";
    public const double WatchFloor = 0.45;

    public static AdjustedResult Apply(AnalysisResult result, IReadOnlyList<IndicatorMatch> matches)
    {
        var byAccount = matches.GroupBy(m => m.Account, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var verdicts = new List<AccountVerdict>(result.Verdicts.Count);
        foreach (var v in result.Verdicts)
        {
            if (!byAccount.TryGetValue(v.Account, out var ms)) { verdicts.Add(v); continue; }
            var reasons = new List<Reason>(v.Reasons);
            bool strong = ms.Any(m => m.Indicator.Kind.IsStrong() && m.Indicator.Kind != ObservableKind.AccountHmac);
            bool network = ms.Any(m => !m.Indicator.Kind.IsStrong());
            int partners = ms.Select(m => m.Indicator.Partner).Distinct(StringComparer.Ordinal).Count();
            double weight = strong && network ? 0.3 : strong ? 0.15 : 0.05;
            foreach (var m in ms.OrderByDescending(m => m.Indicator.Kind.IsStrong()).ThenBy(m => m.Indicator.Partner, StringComparer.Ordinal).ThenBy(m => m.Indicator.Id, StringComparer.Ordinal))
                reasons.Add(new Reason
                {
                    Signal = Signal,
                    Weight = Math.Round(m.Indicator.Kind.IsStrong() ? weight : weight / 2, 3),
                    Detail = $"partner {m.Indicator.Partner} indicator {m.Indicator.Id} ({m.Indicator.Kind.WireName()}" +
                        (m.Indicator.CampaignName is null ? "" : $", campaign '{m.Indicator.CampaignName}'") +
                        $") seen {m.Indicator.ValidFrom.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}" +
                        (m.Indicator.LastSeen is { } ls ? $" to {ls.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}" : "") +
                        $"; matched by {m.How}",
                });
            bool allowlisted = v.Reasons.Count > 0 && v.Reasons[0].Signal == "allowlisted";
            double score = v.Score;
            var kind = v.Verdict;
            if (!allowlisted)
            {
                if (v.Verdict == VerdictKind.Campaign) score = Math.Min(1.0, score + (strong ? 0.1 : 0.03));
                else if (strong && network)
                {
                    score = Math.Max(score, Math.Min(0.59, WatchFloor + 0.05 * (partners - 1)));
                    kind = VerdictKind.Watch;
                }
            }
            reasons.Sort((a, b) => b.Weight.CompareTo(a.Weight));
            verdicts.Add(v with { Score = Math.Round(score, 4), Verdict = kind, Reasons = reasons });
        }

        var campaigns = new List<Campaign>(result.Campaigns.Count);
        foreach (var c in result.Campaigns)
        {
            var members = c.Accounts.ToHashSet(StringComparer.Ordinal);
            var hits = matches.Where(m => members.Contains(m.Account)).ToList();
            if (hits.Count == 0) { campaigns.Add(c); continue; }
            var evidence = new List<CampaignEvidence>(c.Evidence);
            foreach (var g in hits.GroupBy(m => m.Indicator.Partner, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                var indicators = g.Select(m => m.Indicator).DistinctBy(i => i.Id).ToList();
                var kinds = indicators.Select(i => i.Kind.WireName()).Distinct().Order(StringComparer.Ordinal);
                var names = indicators.Select(i => i.CampaignName).OfType<string>().Distinct().Order(StringComparer.Ordinal).ToList();
                evidence.Add(new CampaignEvidence
                {
                    Kind = Signal,
                    Summary = $"partner {g.Key}: {indicators.Count} indicator(s) ({string.Join(", ", kinds)})" +
                        (names.Count > 0 ? $" of {string.Join("; ", names)}" : "") +
                        $" match {g.Select(m => m.Account).Distinct().Count()} of {c.Accounts.Count} members; seen from {indicators.Min(i => i.ValidFrom).UtcDateTime:yyyy-MM-dd}; " +
                        $"e.g. {string.Join(", ", indicators.Take(3).Select(i => i.Id))}",
                    Weight = Math.Round(Math.Min(1.0, 0.2 * indicators.Count(i => i.Kind.IsStrong()) + 0.05 * indicators.Count(i => !i.Kind.IsStrong())), 3),
                });
            }
            campaigns.Add(c with { Evidence = evidence });
        }
        return new AdjustedResult(verdicts, campaigns, matches);
    }
}
