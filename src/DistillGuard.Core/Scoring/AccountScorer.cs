using System.Globalization;
using DistillGuard.Core.Analysis;
using DistillGuard.Core.Campaigns;
using DistillGuard.Core.Links;
using DistillGuard.Core.Profiles;
using DistillGuard.Core.Verdicts;

namespace DistillGuard.Core.Scoring;

/// <summary>
/// Scores each account and decides its verdict:
/// <list type="bullet">
/// <item><c>campaign</c> (score 0.6–1): member of an accepted campaign with strong involvement and harvest on its keys;</item>
/// <item><c>watch</c> (score 0.3–0.6): strong harvest but no coordination evidence, or weak campaign membership;</item>
/// <item><c>clear</c> (score &lt; 0.3): everything else, and every allowlisted account (its would-be score is in its reasons).</item>
/// </list>
/// Reasons are the account's own signals and, for members, the campaign keys that bind it, largest weight first.
/// </summary>
public sealed class AccountScorer
{
    private readonly IReadOnlyList<AccountProfile> _profiles;
    private readonly ProfileContext _ctx;
    private readonly IReadOnlyList<double> _harvest;
    private readonly ExtractionEvidence _extraction;
    private readonly KeyGroupBuilder _builder;
    private readonly DetectorOptions _opt;
    private readonly FindingKeySlots _keySlots = new();
    private readonly VerdictCache? _cache;

    /// <param name="cache">what the previous snapshot's scorer built, reused where the account has not changed (see
    /// <see cref="VerdictCache"/>); null computes everything afresh</param>
    public AccountScorer(IReadOnlyList<AccountProfile> profiles, ProfileContext ctx, IReadOnlyList<double> harvest, ExtractionEvidence extraction, KeyGroupBuilder builder, DetectorOptions options,
        VerdictCache? cache = null)
    {
        _cache = cache;
        _extraction = extraction;
        _profiles = profiles;
        _ctx = ctx;
        _harvest = harvest;
        _builder = builder;
        _opt = options;
    }

    public AccountVerdict Score(AccountProfile p, CampaignFinding? finding, CampaignFinding? rejected, bool allowlisted)
    {
        if (_cache is null || finding is not null) return Compute(p, finding, rejected, allowlisted);
        // Outside an accepted campaign the verdict is a function of the profile and of the key below: when neither has
        // changed since the last snapshot, it is the verdict built then.
        var entry = _cache.Of(p.Index, p.Exchanges);
        var key = new VerdictCache.Key(p.Exchanges, allowlisted, rejected?.Members.Count ?? -1, rejected?.Score ?? double.NaN,
            _builder.OperatorEvidence(p.Index), _builder.OperatorDetail(p.Index));
        if (entry.Verdict is not null && entry.VerdictKey == key) return entry.Verdict;
        var v = Compute(p, null, rejected, allowlisted);
        entry.VerdictKey = key;
        entry.Verdict = v;
        return v;
    }

    /// <summary>The reason of an account adopted on a campaign's exit with its client (<c>CampaignAssembler.AdoptByExitAndClient</c>):
    /// the address it uses most, the campaign's flagged accounts on it (by their own standing or an operator key of the
    /// campaign's harvesting accounts), and its exchanges.</summary>
    private Reason ExitAndClientReason(AccountProfile p, CampaignFinding finding, KeyGroup key)
    {
        int flaggedOn = 0;
        foreach (var m in key.Members)
        {
            int q = finding.Members.BinarySearch(m);
            if (m == p.Index || q < 0 || finding.ExitAndClient[q]) continue;
            if (finding.Flags(q, _opt.MinMemberStrength)) flaggedOn++;
        }
        int on = key.Members.IndexOf(p.Index) is var i and >= 0 ? key.Counts[i] : 0;
        return new Reason
        {
            Signal = "operator-exit",
            Weight = Math.Round(0.3 * finding.Score, 4),
            ExchangeIds = Ids(p),
            Detail = $"sends {on} of its {p.Exchanges} exchanges from {key.Value}{key.HostingNote()}, an address {flaggedOn} of campaign {finding.Id}'s flagged accounts share ({key.Members.Count} accounts carry it), and most of its exchanges from addresses most of whose holders are that campaign's flagged accounts and accounts living there as they do, with the client they run there: the operation's account, whatever it asked itself",
        };
    }

    private AccountVerdict Compute(AccountProfile p, CampaignFinding? finding, CampaignFinding? rejected, bool allowlisted)
    {
        double h = _harvest[p.Index];
        var reasons = SignalReasons(p);
        double score;
        VerdictKind verdict;
        string? campaignId = null;

        if (finding is not null)
        {
            int pos = finding.Members.BinarySearch(p.Index);
            double strength = finding.Strength[pos];
            double memberHarvest = finding.MemberHarvest[pos];
            reasons.AddRange(LinkReasons(p, finding, finding.Score));
            bool corroborated = finding.Corroborated[pos];
            var key = finding.Accepted && pos < finding.OperatorKey.Length ? finding.OperatorKey[pos] : null;
            if (finding.OwnStanding(pos, _opt.MinMemberStrength))
            {
                verdict = VerdictKind.Campaign;
                campaignId = finding.Id;
                score = 0.6 + 0.4 * finding.Score * Math.Min(1, 0.5 + 0.5 * strength);
            }
            else if (key is not null)
            {
                // Pays with the operation's card, or runs from its address or signed up with its domain: the operation's
                // account, whatever it asked itself.
                verdict = VerdictKind.Campaign;
                campaignId = finding.Id;
                score = 0.6 + 0.4 * finding.Score * 0.5;
                // counted on the finding as published (a split part carries the whole campaign's member values)
                int harvesting = key.Members.Count(m => finding.Members.BinarySearch(m) is var q and >= 0 && finding.Corroborated[q]
                    && finding.MemberHarvest[q] >= CampaignAssembler.MemberHarvestForCampaign);
                if (pos < finding.ExitAndClient.Length && finding.ExitAndClient[pos]) reasons.Add(ExitAndClientReason(p, finding, key));
                else reasons.Add(new Reason
                {
                    Signal = key.Kind switch { LinkKind.Payment => "operator-card", LinkKind.Ip => "operator-address", _ => "operator-domain" },
                    Weight = Math.Round(0.3 * finding.Score, 4),
                    ExchangeIds = Ids(p),
                    Detail = key.Kind switch
                    {
                        LinkKind.Payment => $"pays with {key.Value}, the card of {harvesting} of campaign {finding.Id}'s harvesting accounts ({key.Members.Count} accounts carry it): the operation's account, whatever it asked itself",
                        LinkKind.Ip => $"runs from {key.Value}, the address of {harvesting} of campaign {finding.Id}'s harvesting accounts ({key.Members.Count} accounts carry it), and is tied to them by a second kind of evidence: the operation's account, whatever it asked itself",
                        _ => $"signed up with {key.Value}, the e-mail domain of {harvesting} of campaign {finding.Id}'s harvesting accounts ({key.Members.Count} accounts carry it), and is tied to them by a second kind of evidence: the operation's account, whatever it asked itself",
                    },
                });
            }
            else
            {
                verdict = VerdictKind.Watch;
                score = 0.3 + 0.3 * Math.Max(h, strength * finding.Score);
                reasons.Add(new Reason
                {
                    Signal = "weak-campaign-membership",
                    Weight = 0.05,
                    ExchangeIds = Ids(p),
                    Detail = corroborated
                        ? $"linked to campaign {finding.Id} but weakly (involvement {strength:0.00}, harvest on its keys {memberHarvest:0.00}): watch, not campaign"
                        : $"linked to campaign {finding.Id} by one kind of evidence only (involvement {strength:0.00}, harvest on its keys {memberHarvest:0.00}): watch, not campaign",
                });
            }
        }
        else if (h >= _opt.WatchHarvestStrength && p.HarvestExchanges >= _opt.MinWatchHarvestExchanges)
        {
            verdict = VerdictKind.Watch;
            score = 0.3 + 0.3 * h;
            reasons.Add(new Reason
            {
                Signal = "no-coordination",
                Weight = 0.01,
                ExchangeIds = Ids(p),
                Detail = rejected is null
                    ? "strong harvest signals but no evidence of coordination with other accounts: watch"
                    : $"linked to {rejected.Members.Count - 1} other accounts, but the group's evidence (confidence {rejected.Score:0.00}) is below the campaign threshold: watch",
            });
        }
        else
        {
            verdict = VerdictKind.Clear;
            score = 0.3 * h;
        }

        if (allowlisted)
        {
            reasons.Insert(0, new Reason
            {
                Signal = "allowlisted",
                Weight = 1,
                ExchangeIds = Ids(p),
                Detail = $"on the operator's allowlist (licensed): profiled and reported, never linked or given a campaign verdict; unsuppressed verdict would be {verdict.WireName()} at score {score:0.00}",
            });
            verdict = VerdictKind.Clear;
            campaignId = null;
            score = Math.Min(score, 0.2);
        }

        var ordered = allowlisted
            ? reasons.Take(1).Concat(reasons.Skip(1).OrderByDescending(r => r.Weight).ThenBy(r => r.Signal, StringComparer.Ordinal)).ToList()
            : reasons.OrderByDescending(r => r.Weight).ThenBy(r => r.Signal, StringComparer.Ordinal).ToList();
        return new AccountVerdict
        {
            Account = p.Account,
            Score = Math.Round(Math.Clamp(score, 0, 1), 4),
            Verdict = verdict,
            Campaign = campaignId,
            Exchanges = p.Exchanges,
            Reasons = ordered,
        };
    }

    /// <summary>Example exchange ids of the account itself (harvest examples first).</summary>
    private List<string> Ids(AccountProfile p)
    {
        if (_cache is null) return DistinctIds(p);
        var e = _cache.Of(p.Index, p.Exchanges);
        return e.Ids ??= DistinctIds(p);
    }

    /// <summary>Up to three distinct exchange ids: one exchange kept as the example of several signals is named once.</summary>
    private List<string> DistinctIds(AccountProfile p)
    {
        var ids = new List<string>(3);
        foreach (var h in p.Examples(4 * ProfileContext.ExamplesPerSignal))
        {
            var id = _ctx.Examples.Get(h);
            if (!ids.Contains(id)) ids.Add(id);
            if (ids.Count == 3) break;
        }
        return ids;
    }

    private List<Reason> SignalReasons(AccountProfile p)
    {
        if (_cache is null) return SignalReasons(p, PerSignalReasons(p), BudgetReason(p));
        var e = _cache.Of(p.Index, p.Exchanges);
        e.SignalReasons ??= PerSignalReasons(p);
        if (!e.BudgetKnown) { e.Budget = BudgetReason(p); e.BudgetKnown = true; }
        return SignalReasons(p, e.SignalReasons, e.Budget);
    }

    /// <summary>The account's signal reasons (a new list the caller may extend): one per signal that fired, then its
    /// operator evidence, then its budgets at the log's ceiling.</summary>
    private List<Reason> SignalReasons(AccountProfile p, List<Reason> perSignal, Reason? budget)
    {
        var list = new List<Reason>(perSignal.Count + 4);
        list.AddRange(perSignal);
        if (_builder.OperatorDetail(p.Index) is { } op)
            list.Add(new Reason
            {
                Signal = "operator-evidence",
                Weight = Math.Round(0.3 * _builder.OperatorEvidence(p.Index), 4),
                Detail = op,
                ExchangeIds = Ids(p),
            });
        if (budget is not null) list.Add(budget);
        return list;
    }

    /// <summary>One reason per harvest signal that fired on the account, in signal order (from the profile alone).</summary>
    private List<Reason> PerSignalReasons(AccountProfile p)
    {
        var list = new List<Reason>();
        for (int s = 0; s < HarvestSignals.Count; s++)
        {
            int n = p.SignalCount(s);
            if (n == 0) continue;
            var ids = p.ExampleHandles(s).Select(_ctx.Examples.Get).ToList();
            double share = (double)n / p.Exchanges;
            list.Add(new Reason
            {
                Signal = HarvestSignals.Ids[s],
                Weight = Math.Round(0.3 * HarvestSignals.Weights[s] * (1 - Math.Exp(-n / 20.0)) * (0.5 + 0.5 * Math.Min(1, share / 0.25)), 4),
                Detail = $"{n.ToString("N0", CultureInfo.InvariantCulture)} of {p.Exchanges.ToString("N0", CultureInfo.InvariantCulture)} exchanges ({share:P0}), e.g. {string.Join(", ", ids)}",
                ExchangeIds = ids,
            });
        }
        return list;
    }

    /// <summary>The account's budgets at the log's ceiling as a reason (from the profile alone: <see cref="ExtractionEvidence.Measure(AccountProfile)"/>), or null.</summary>
    private Reason? BudgetReason(AccountProfile p)
    {
        var x = _extraction.Of(p);
        if (x.Score < 0.05) return null;
        var ids = p.ExampleHandles(x.Signal).Select(_ctx.Examples.Get).ToList();
        return new Reason
        {
            Signal = "budget-at-ceiling",
            Weight = Math.Round(0.3 * x.Score, 4),
            Detail = ExtractionEvidence.Describe(x, p.Exchanges) + (ids.Count > 0 ? ", e.g. " + string.Join(", ", ids) : ""),
            ExchangeIds = ids,
        };
    }

    private IEnumerable<Reason> LinkReasons(AccountProfile p, CampaignFinding f, double campaignScore)
    {
        var mine = new List<(KeyGroup Key, int MembersOnKey, int Count, int Harvest, double W)>();
        foreach (var (k, i) in _keySlots.Of(f, p.Index))
        {
            var (key, _, on) = f.Keys[k];
            mine.Add((key, on, key.Counts[i], key.Harvest[i], _builder.EdgeWeight(key, i)));
        }
        double total = mine.Sum(m => m.W);
        foreach (var m in mine.OrderByDescending(m => m.W).Take(6))
        {
            string harvest = m.Harvest >= 0 ? $", {m.Harvest} harvest" : "";
            yield return new Reason
            {
                Signal = m.Key.Kind.Id(),
                Weight = Math.Round(total <= 0 ? 0 : 0.7 * campaignScore * m.W / total, 4),
                Detail = $"{m.Key.Value}{m.Key.HostingNote()}: shared with {m.MembersOnKey - 1} other accounts of campaign {f.Id} ({m.Key.Members.Count} accounts carry it; link weight {m.Key.Weight:0.00}); {m.Count} of this account's {p.Exchanges} exchanges on it{harvest}",
                ExchangeIds = Ids(p),
            };
        }
        var c = f.Coordination;
        if (c.Synchrony >= 0.5)
            yield return new Reason { Signal = "synchronized-timing", Weight = Math.Round(0.1 * c.Synchrony * campaignScore, 4), ExchangeIds = Ids(p),
                Detail = $"active in the same time buckets as other members of {f.Id} (mean co-activity Jaccard {c.MeanCoActivity:0.00})" };
        if (c.CreationBurst >= 0.5)
            yield return new Reason { Signal = "creation-burst", Weight = Math.Round(0.08 * c.CreationBurst * campaignScore, 4), ExchangeIds = Ids(p),
                Detail = $"created in a burst with other members of {f.Id}" };
    }
}
