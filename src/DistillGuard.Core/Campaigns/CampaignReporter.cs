using System.Globalization;
using DistillGuard.Core.Links;
using DistillGuard.Core.Model;
using DistillGuard.Core.Profiles;
using DistillGuard.Core.Scoring;

namespace DistillGuard.Core.Campaigns;

/// <summary>Publishes accepted findings as <see cref="Campaign"/> records: deterministic ids (largest first, then by
/// smallest member id), targets, tactics and evidence with example exchange ids.</summary>
public static class CampaignReporter
{
    public static List<Campaign> Publish(List<CampaignFinding> findings, IReadOnlyList<AccountProfile> profiles, ProfileContext ctx)
    {
        var accepted = findings.Where(f => f.Accepted)
            .OrderByDescending(f => f.Members.Count)
            .ThenBy(f => profiles[f.Members.MinBy(m => profiles[m].Account, StringComparer.Ordinal)].Account, StringComparer.Ordinal)
            .ToList();
        var result = new List<Campaign>();
        for (int n = 0; n < accepted.Count; n++)
        {
            var f = accepted[n];
            f.Id = $"C-{n + 1:0000}";
            result.Add(Build(f, profiles, ctx));
        }
        return result;
    }

    private static Campaign Build(CampaignFinding f, IReadOnlyList<AccountProfile> profiles, ProfileContext ctx)
    {
        var members = f.Members.Select(m => profiles[m]).ToList();
        long templateExchanges = 0;
        bool anyTemplate = false;
        foreach (var (key, _, _) in f.Keys.Where(k => k.Key.Kind == LinkKind.Template))
        {
            anyTemplate = true;
            for (int i = 0; i < key.Members.Count; i++) if (f.Members.BinarySearch(key.Members[i]) >= 0) templateExchanges += key.Counts[i];
        }
        long exchanges = anyTemplate ? templateExchanges : members.Sum(p => (long)p.Exchanges);

        long harvestTotal = Math.Max(1, members.Sum(p => (long)p.HarvestExchanges));
        var targets = new List<string>();
        for (int cap = 0; cap < HarvestSignals.CapabilityCount; cap++)
        {
            long n = members.Sum(p => (long)p.HarvestCapabilities[cap]);
            if (n >= 0.15 * harvestTotal) targets.Add(HarvestSignals.CapabilityNames[cap]);
        }
        long Sig(SignalSet s) => members.Sum(p => (long)p.SignalCount(System.Numerics.BitOperations.TrailingZeroCount((uint)s)));
        if (Sig(SignalSet.RubricGrading) + Sig(SignalSet.PairwiseJudging) >= 0.15 * harvestTotal && !targets.Contains("reward-grading")) targets.Add("reward-grading");
        if (Sig(SignalSet.SafeRewrite) >= 0.15 * harvestTotal && !targets.Contains("safety-rewrites")) targets.Add("safety-rewrites");

        var tactics = new List<string>();
        void T(bool cond, string t) { if (cond && !tactics.Contains(t)) tactics.Add(t); }
        T(Sig(SignalSet.CotElicitation) + Sig(SignalSet.AnswerToReasoning) + Sig(SignalSet.ReasoningReveal) >= 0.1 * harvestTotal, "cot-elicitation");
        T(Sig(SignalSet.RubricGrading) + Sig(SignalSet.PairwiseJudging) >= 0.1 * harvestTotal, "reward-data");
        T(Sig(SignalSet.SafeRewrite) >= 0.1 * harvestTotal, "safe-rewrites");
        T(Sig(SignalSet.SyntheticData) >= 0.1 * harvestTotal, "synthetic-data");
        T(Sig(SignalSet.MaxThinkingBudget) + Sig(SignalSet.MaxOutputBudget) >= 0.3 * harvestTotal, "max-budgets");
        double total = f.Keys.Sum(k => k.Contribution);
        bool Has(LinkKind kind, double share = 0.02) => f.Keys.Any(k => k.Key.Kind == kind && k.Contribution >= share * total);
        T(Has(LinkKind.Template) || Has(LinkKind.SystemPrompt) || Has(LinkKind.Skeleton), "shared-template");
        T(Has(LinkKind.RotatingExits) || f.Coordination.RotatingExits >= 0.5, "rotating-exits");
        T(f.Keys.Any(k => k.Key.Kind is LinkKind.Ip or LinkKind.Prefix && (k.Key.Hosting || k.Contribution >= 0.1 * total)), "proxy-infrastructure");
        T(Has(LinkKind.Route), "reseller-route");
        T(f.Coordination.Synchrony >= 0.5, "synchronized-timing");
        T(f.Coordination.IdenticalParams >= 0.6, "identical-params");
        T(f.Coordination.Partition >= 0.5, "partitioned-items");
        T(Has(LinkKind.Payment), "shared-payment");
        T(Has(LinkKind.EmailDomain), "shared-registration");
        T(f.Coordination.CreationBurst >= 0.5 || Has(LinkKind.CreationBurst), "creation-burst");
        T(Has(LinkKind.ModelPivot, 0), "model-release-pivot");
        T(Has(LinkKind.ArtifactReplay, 0), "reasoning-replay");
        double medianShare = members.Select(p => p.HarvestShare).Order().ElementAt(members.Count / 2);
        T(medianShare < 0.6, "mixed-with-legit-traffic");

        var evidence = new List<CampaignEvidence>();
        foreach (var (key, contrib, on) in f.Keys.Take(8))
        {
            long onCount = 0, onHarvest = 0;
            for (int i = 0; i < key.Members.Count; i++)
                if (f.Members.BinarySearch(key.Members[i]) >= 0) { onCount += key.Counts[i]; onHarvest += Math.Max(0, key.Harvest[i]); }
            string harvest = key.Harvest.Count > 0 && key.Harvest[0] >= 0 ? $", {onHarvest.ToString("N0", CultureInfo.InvariantCulture)} of them harvest" : "";
            string hosting = key.HostingNote(" range");
            evidence.Add(new CampaignEvidence
            {
                Kind = key.Kind.Id(),
                Summary = $"{key.Value}{hosting}: {on} of the campaign's accounts share it ({key.Members.Count} accounts carry it, rarity {key.Rarity:0.00}, suspicion {key.Suspicion:0.00}); {onCount.ToString("N0", CultureInfo.InvariantCulture)} exchanges on it{harvest}",
                Weight = Math.Round(contrib / total, 4),
                ExchangeIds = key.Examples.Count > 0
                    ? key.Examples.Select(ctx.Examples.Get).ToList()
                    : key.Members.Where(m => f.Members.BinarySearch(m) >= 0).Select(m => profiles[m].Examples(1)).Where(l => l.Count > 0).Take(3).Select(l => ctx.Examples.Get(l[0])).ToList(),
            });
        }
        for (int s = 0; s < HarvestSignals.Count; s++)
        {
            long n = members.Sum(p => (long)p.SignalCount(s));
            int with = members.Count(p => p.SignalCount(s) > 0);
            if (n < 0.1 * harvestTotal || HarvestSignals.Weights[s] < 0.5) continue;
            evidence.Add(new CampaignEvidence
            {
                Kind = HarvestSignals.Ids[s],
                Summary = $"{n.ToString("N0", CultureInfo.InvariantCulture)} exchanges from {with} of {members.Count} accounts",
                Weight = Math.Round(HarvestSignals.Weights[s] * n / harvestTotal, 4),
                ExchangeIds = members.SelectMany(p => p.ExampleHandles(s)).Take(5).Select(ctx.Examples.Get).ToList(),
            });
        }
        var c = f.Coordination;
        // Coordination is measured over members: its examples are one exchange from each of the first members.
        var memberIds = members.Select(p => p.Examples(1)).Where(l => l.Count > 0).Take(5).Select(l => ctx.Examples.Get(l[0])).ToList();
        if (c.Synchrony >= 0.3)
            evidence.Add(new CampaignEvidence { Kind = "synchronized-timing", Weight = Math.Round(c.Synchrony, 4), ExchangeIds = memberIds,
                Summary = $"members are active in the same time buckets (mean co-activity Jaccard {c.MeanCoActivity:0.00})" });
        if (c.CreationBurst >= 0.3)
            evidence.Add(new CampaignEvidence { Kind = "creation-burst", Weight = Math.Round(c.CreationBurst, 4), ExchangeIds = memberIds,
                Summary = $"{c.CreationBurst:P0} of members signed up in bursts (at least three within one burst window, far above the log's sign-up rate)" });
        if (c.Partition >= 0.3)
            evidence.Add(new CampaignEvidence { Kind = "partitioned-items", Weight = Math.Round(c.Partition, 4), ExchangeIds = memberIds,
                Summary = "members on the shared template cover many distinct items with almost no overlap (a set split between them)" });
        if (c.IdenticalParams >= 0.5)
            evidence.Add(new CampaignEvidence { Kind = "identical-params", Weight = Math.Round(c.IdenticalParams * 0.5, 4), ExchangeIds = memberIds,
                Summary = $"{c.IdenticalParams:P0} of sampled members use identical request parameters" });
        evidence.Sort((a, b) => b.Weight != a.Weight ? b.Weight.CompareTo(a.Weight) : string.CompareOrdinal(a.Kind, b.Kind));

        return new Campaign
        {
            Id = f.Id,
            Accounts = members.Select(p => p.Account).Order(StringComparer.Ordinal).ToList(),
            Exchanges = exchanges,
            FirstSeen = DateTimeOffset.FromUnixTimeMilliseconds(members.Min(p => p.FirstMs)),
            LastSeen = DateTimeOffset.FromUnixTimeMilliseconds(members.Max(p => p.LastMs)),
            Targets = targets,
            Tactics = tactics,
            Evidence = evidence,
            Score = Math.Round(f.Score, 4),
        };
    }
}
