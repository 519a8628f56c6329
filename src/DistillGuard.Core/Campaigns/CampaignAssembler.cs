using DistillGuard.Core.Analysis;
using DistillGuard.Core.Links;

namespace DistillGuard.Core.Campaigns;

/// <summary>
/// Turns the account–key graph into campaign findings. With <see cref="ClustererKind.DensePeeling"/>, each connected
/// component is peeled repeatedly: take the densest block, absorb the component's remaining accounts that are mostly
/// bound to the block's keys, remove them, repeat. Each block is then scored; only blocks bound by at least two
/// independent kinds of evidence (or replayed artifacts) with harvest and coordination become campaigns.
/// </summary>
public sealed class CampaignAssembler
{
    private readonly AccountKeyGraph _g;
    private readonly KeyGroupBuilder _builder;
    private readonly CoordinationMeter _meter;
    private readonly IReadOnlyList<double> _harvest;
    private readonly DetectorOptions _opt;

    public CampaignAssembler(AccountKeyGraph graph, KeyGroupBuilder builder, CoordinationMeter meter, IReadOnlyList<double> harvest, DetectorOptions options)
    {
        _g = graph;
        _builder = builder;
        _meter = meter;
        _harvest = harvest;
        _opt = options;
    }

    public List<CampaignFinding> Assemble()
    {
        var findings = new List<CampaignFinding>();
        var alive = new bool[_g.NodeCount];
        Array.Fill(alive, true);
        foreach (var comp in _g.Components())
        {
            int accounts = comp.Count(_g.IsAccount);
            if (accounts < _opt.MinCampaignAccounts) continue;
            if (_opt.Clusterer == ClustererKind.Components)
            {
                var f = Score(comp.Where(_g.IsAccount).ToList(), comp, double.NaN);
                if (f is not null) findings.Add(f);
                continue;
            }
            for (int round = 0; round < 64; round++)
            {
                var (block, density) = DensePeeler.Densest(_g, comp, alive);
                var blockAccounts = block.Where(_g.IsAccount).ToList();
                if (blockAccounts.Count < _opt.MinCampaignAccounts || density < _opt.MinBlockDensity) break;
                var blockKeys = new HashSet<int>(block.Where(x => !_g.IsAccount(x)));
                Absorb(comp, alive, blockAccounts, blockKeys);
                foreach (var part in SplitByIdentity(blockAccounts, blockKeys))
                {
                    var f = Score(part, block.Where(x => !_g.IsAccount(x)).Concat(part).ToList(), density);
                    if (f is not null) findings.Add(f);
                }
                foreach (var a in blockAccounts) alive[a] = false;
            }
        }
        return findings;
    }

    /// <summary>
    /// A dense block can join two operations that merely rent the same proxy range or use the same SDK. Within the
    /// block, accounts are connected only through identity keys (template, system prompt, payment, e-mail domain,
    /// creation burst, replayed artifacts); when that splits the block into several parts of campaign size, each part
    /// is its own finding and accounts outside every part join the part they are most bound to.
    /// </summary>
    private List<List<int>> SplitByIdentity(List<int> blockAccounts, HashSet<int> blockKeys)
    {
        var inBlock = new HashSet<int>(blockAccounts);
        var parent = blockAccounts.ToDictionary(a => a, a => a);
        int Find(int x) { while (parent[x] != x) { parent[x] = parent[parent[x]]; x = parent[x]; } return x; }
        foreach (var k in blockKeys)
        {
            var fam = _g.Key(k).Kind.Family();
            if (fam is not (LinkFamily.Content or LinkFamily.Registration or LinkFamily.Replay)) continue;
            int first = -1;
            foreach (var (a, _) in _g.Adjacency[k])
            {
                if (!inBlock.Contains(a)) continue;
                if (first < 0) { first = a; continue; }
                int ra = Find(a), rf = Find(first);
                if (ra != rf) parent[Math.Max(ra, rf)] = Math.Min(ra, rf);
            }
        }
        var parts = blockAccounts.GroupBy(Find).Select(g => g.ToList()).ToList();
        var big = parts.Where(p => p.Count >= _opt.MinCampaignAccounts).ToList();
        if (big.Count <= 1) return new List<List<int>> { blockAccounts };
        var partOf = new Dictionary<int, int>();
        for (int i = 0; i < big.Count; i++) foreach (var a in big[i]) partOf[a] = i;
        foreach (var a in blockAccounts.Where(a => !partOf.ContainsKey(a)))
        {
            var bind = new double[big.Count];
            foreach (var (k, w) in _g.Adjacency[a])
                foreach (var (b, w2) in _g.Adjacency[k])
                    if (partOf.TryGetValue(b, out var pi)) bind[pi] += Math.Min(w, w2);
            int best = Array.IndexOf(bind, bind.Max());
            if (bind[best] > 0) big[best].Add(a);
        }
        foreach (var p in big) p.Sort();
        return big;
    }

    private void Absorb(List<int> comp, bool[] alive, List<int> blockAccounts, HashSet<int> blockKeys)
    {
        var inBlock = new HashSet<int>(blockAccounts);
        double InWeight(int a) => _g.Adjacency[a].Where(e => blockKeys.Contains(e.Node) && alive[e.Node]).Sum(e => e.W);
        var degrees = blockAccounts.Select(InWeight).Order().ToArray();
        double median = degrees[degrees.Length / 2];
        foreach (var a in comp)
        {
            if (!_g.IsAccount(a) || !alive[a] || inBlock.Contains(a)) continue;
            double wIn = InWeight(a);
            double wAll = _g.Adjacency[a].Where(e => alive[e.Node]).Sum(e => e.W);
            if (wIn >= 0.3 * median && wIn >= 0.5 * wAll) blockAccounts.Add(a);
        }
        blockAccounts.Sort();
    }

    private CampaignFinding? Score(List<int> accountNodes, List<int> nodes, double density)
    {
        if (accountNodes.Count < _opt.MinCampaignAccounts) return null;
        var members = accountNodes.Select(a => _g.Accounts[a]).Order().ToList();
        var memberPos = new Dictionary<int, int>();
        for (int i = 0; i < members.Count; i++) memberPos[members[i]] = i;
        var keyNodes = nodes.Where(x => !_g.IsAccount(x)).ToHashSet();
        foreach (var a in accountNodes) foreach (var (k, _) in _g.Adjacency[a]) keyNodes.Add(k);

        var degIn = new double[members.Count];
        var memberHarvest = new double[members.Count];
        for (int i = 0; i < members.Count; i++) memberHarvest[i] = _harvest[members[i]];
        var keys = new List<(KeyGroup, double, int)>();
        foreach (var kn in keyNodes.Order())
        {
            var g = _g.Key(kn);
            double contrib = 0;
            int on = 0;
            for (int i = 0; i < g.Members.Count; i++)
            {
                if (!memberPos.TryGetValue(g.Members[i], out var pos)) continue;
                double w = _builder.EdgeWeight(g, i);
                contrib += w;
                degIn[pos] += w;
                on++;
                if (g.Kind is LinkKind.Template or LinkKind.SystemPrompt)
                    memberHarvest[pos] = Math.Max(memberHarvest[pos], _builder.MemberHarvest(g, i));
            }
            if (on >= 2) keys.Add((g, contrib, on));
        }
        keys.Sort((x, y) => y.Item2 != x.Item2 ? y.Item2.CompareTo(x.Item2) : x.Item1.Id.CompareTo(y.Item1.Id));
        double total = keys.Sum(k => k.Item2);
        if (total <= 0) return null;
        var families = keys.GroupBy(k => k.Item1.Kind.Family()).Where(g => g.Sum(k => k.Item2) >= 0.1 * total).Select(g => g.Key).ToList();
        var sorted = degIn.Order().ToArray();
        double median = Math.Max(1e-9, sorted[sorted.Length / 2]);
        var strength = degIn.Select(d => Math.Min(1, d / median)).ToArray();
        double harvestFrac = memberHarvest.Average(h => Math.Min(1, h / 0.5));
        var coord = _meter.Measure(members, degIn.Select(d => (int)(d * 1000)).ToList(), keys.Any(k => k.Item1.Kind == LinkKind.Template));
        // Measured coordination among the members (synchrony, identical parameters, burst, split items) is evidence
        // independent of any shared value: it counts as the behaviour family when no behaviour key carries it.
        if (coord.Score >= 0.5 && !families.Contains(LinkFamily.Behaviour)) families.Add(LinkFamily.Behaviour);
        double familyFactor = families.Count >= 3 ? 1.0 : families.Count == 2 ? 0.85 : families.Contains(LinkFamily.Replay) ? 0.85 : 0.5;
        // Members asking largely the same items are independent users of one benchmark, not one operation splitting it.
        double sameItems = Math.Clamp((coord.ItemOverlap - 0.15) / 0.35, 0, 1);
        double score = Math.Clamp(familyFactor * harvestFrac * (0.35 + 0.65 * coord.Score) * (1 - 0.6 * sameItems), 0, 1);
        if (double.IsNaN(density)) density = total / (members.Count + keys.Count);
        return new CampaignFinding
        {
            Members = members,
            Keys = keys,
            Density = density,
            Coordination = coord,
            Families = families.Count,
            HarvestFraction = harvestFrac,
            Score = score,
            Strength = strength,
            MemberHarvest = memberHarvest,
            Accepted = score >= _opt.CampaignThreshold,
        };
    }
}
