using DistillGuard.Core.Analysis;
using DistillGuard.Core.Fingerprints;

namespace DistillGuard.Sharing.Intel;

/// <summary>Derives each published campaign's shareable observables from the public <see cref="AnalysisResult"/>:
/// values at least two members share and that mostly belong to the campaign (members are at least half of the
/// accounts using them locally), harvest templates members reuse, and every member's payment fingerprint and account id
/// (hashed on export). A popular SDK user agent or a campus NAT is therefore never exported as an indicator.</summary>
public static class IntelExtractor
{
    public const double MinMemberShare = 0.5;
    public const int MinTemplateUses = 3;

    public static IReadOnlyList<CampaignIntel> Extract(AnalysisResult result, LocalIndex index)
    {
        var byName = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < index.Accounts.Count; i++) byName[index.Accounts[i]] = i;
        var list = new List<CampaignIntel>();
        foreach (var c in result.Campaigns)
        {
            var members = c.Accounts.Where(byName.ContainsKey).Select(a => byName[a]).ToHashSet();
            var observables = new List<Observable>();
            var tally = new Dictionary<(ObservableKind, string), (int Members, long Exchanges)>();
            var templates = new List<(ulong Fp, int Account, int Count)>();
            foreach (var m in members.Order())
                foreach (var o in index.Of(m))
                {
                    if (o.Kind == ObservableKind.Template)
                    {
                        if (o.Count >= MinTemplateUses && o.Harvest > 0) templates.Add((Convert.ToUInt64(o.Value, 16), m, o.Count));
                        continue;
                    }
                    var t = tally.GetValueOrDefault((o.Kind, o.Value));
                    tally[(o.Kind, o.Value)] = (t.Members + 1, t.Exchanges + o.Count);
                }
            foreach (var ((kind, value), (n, ex)) in tally.OrderBy(kv => kv.Key.Item1).ThenBy(kv => kv.Key.Item2, StringComparer.Ordinal))
            {
                bool keep = kind.IsHashed()
                    || (n >= 2 && n >= MinMemberShare * index.Exact(kind, value).Count);
                if (keep) observables.Add(new Observable { Kind = kind, Value = value, Members = n, Exchanges = ex });
            }
            // Templates: leaders of near-duplicate groups (within the reader's 16-bit threshold) that two or more members
            // use and that members dominate locally.
            var used = new bool[templates.Count];
            var order = Enumerable.Range(0, templates.Count).OrderByDescending(i => templates[i].Count).ThenBy(i => templates[i].Fp).ToArray();
            foreach (var i in order)
            {
                if (used[i]) continue;
                var leader = templates[i].Fp;
                var group = order.Where(j => !used[j] && TemplateFingerprint.SameTemplate(templates[j].Fp, leader)).ToList();
                foreach (var j in group) used[j] = true;
                int n = group.Select(j => templates[j].Account).Distinct().Count();
                int local = index.SimilarTemplates(leader, TemplateFingerprint.RecommendedThreshold).Count();
                if (n >= 2 && n >= MinMemberShare * local)
                    observables.Add(new Observable { Kind = ObservableKind.Template, Value = leader.ToString("x16"), Members = n, Exchanges = group.Sum(j => (long)templates[j].Count) });
            }
            list.Add(new CampaignIntel
            {
                CampaignId = c.Id,
                Accounts = c.Accounts.Count,
                Exchanges = c.Exchanges,
                FirstSeen = c.FirstSeen,
                LastSeen = c.LastSeen,
                Targets = c.Targets,
                Tactics = c.Tactics,
                Score = c.Score,
                MemberAccounts = c.Accounts,
                Observables = observables,
            });
        }
        return list;
    }
}
