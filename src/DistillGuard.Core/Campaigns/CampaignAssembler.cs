using DistillGuard.Core.Analysis;
using DistillGuard.Core.Links;
using DistillGuard.Core.Scoring;

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
    private readonly double[] _evidence;
    private readonly DetectorOptions _opt;

    public CampaignAssembler(AccountKeyGraph graph, KeyGroupBuilder builder, CoordinationMeter meter, IReadOnlyList<double> harvest, DetectorOptions options)
    {
        _g = graph;
        _builder = builder;
        _meter = meter;
        _evidence = Enumerable.Range(0, builder.Profiles.Count).Select(i => HarvestStrength.Evidence(builder.Profiles[i])).ToArray();
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

    /// <summary>
    /// The account's binding to the given keys as facts about it (<see cref="KeyGroupBuilder.Binding"/>), whatever
    /// its volume: for each kind of key, the strongest key of that kind it shares, summed over kinds. An account that
    /// rotated through four of the campaign's addresses, or presented artifacts of six issuers, is not more a member
    /// than one that used one address or replayed one issuer's reasoning (the issuer itself included).
    /// </summary>
    private double Coverage(int a, Func<int, bool> keyIn, double[]? byFamily = null)
    {
        Span<double> best = stackalloc double[16];
        best.Clear();
        var adj = _g.Adjacency[a];
        var slots = _g.Slots[a];
        for (int e = 0; e < adj.Count; e++)
        {
            int kn = adj[e].Node;
            if (!keyIn(kn)) continue;
            var g = _g.Key(kn);
            int k = (int)g.Kind;
            best[k] = Math.Max(best[k], _builder.Binding(g, slots[e]));
        }
        double c = 0;
        for (int k = 0; k < best.Length; k++)
        {
            if (best[k] <= 0) continue;
            c += best[k];
            if (byFamily is not null) byFamily[(int)((LinkKind)k).Family()] += best[k];
        }
        return c;
    }

    /// <summary>
    /// Adds the component's other accounts that belong to the block: most of their binding (≥ 50 %) is to the block's
    /// keys and it is at least 30 % of the block's median binding. Binding, not edge weight, so low-volume accounts
    /// (replacements, accounts kept below per-account thresholds) join on what they share, not on how much they sent.
    /// </summary>
    private void Absorb(List<int> comp, bool[] alive, List<int> blockAccounts, HashSet<int> blockKeys)
    {
        var inBlock = new HashSet<int>(blockAccounts);
        bool KeyIn(int k) => blockKeys.Contains(k) && alive[k];
        var degrees = blockAccounts.Select(a => Coverage(a, KeyIn)).Order().ToArray();
        double median = degrees[degrees.Length / 2];
        var add = new List<int>();
        foreach (var a in comp)
        {
            if (!_g.IsAccount(a) || !alive[a] || inBlock.Contains(a)) continue;
            double wIn = Coverage(a, KeyIn);
            if (wIn < 0.3 * median) continue;
            double wAll = Coverage(a, k => alive[k]);
            if (wIn >= 0.5 * wAll) add.Add(a);
        }
        blockAccounts.AddRange(add);
        blockAccounts.Sort();
    }

    /// <summary>
    /// One shared attribute never makes a campaign, and it does not make a member either: a member is corroborated
    /// when at least two independent families (content, network, client, registration, behaviour) each carry a fair
    /// share of its binding to the group and one of them says who operates it (registration or network), or when
    /// replayed reasoning artifacts do (an artifact issued to one account and presented by another is itself proof
    /// of a shared operator). Independent users of one benchmark share its prompt format and its harness's
    /// parameters, nothing else; a replacement account shares payment, address and templates.
    /// </summary>
    private bool Corroborated(double[] byFamily, double total)
    {
        if (total <= 0) return false;
        double min = _opt.MinMemberFamilyShare * total;
        if (byFamily[(int)LinkFamily.Replay] >= min) return true;
        if (byFamily[(int)LinkFamily.Registration] < min && byFamily[(int)LinkFamily.Network] < min) return false;
        int n = 0;
        for (int f = 0; f < byFamily.Length; f++) if (byFamily[f] >= min) n++;
        return n >= 2;
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
        for (int i = 0; i < members.Count; i++) memberHarvest[i] = _evidence[members[i]];
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
                if (g.Kind is LinkKind.Template or LinkKind.SystemPrompt or LinkKind.Skeleton)
                    memberHarvest[pos] = Math.Max(memberHarvest[pos], _builder.MemberEvidence(g, i));
            }
            if (on >= 2) keys.Add((g, contrib, on));
        }
        // Involvement for the verdict: each member's binding to the keys the group shares, relative to the median member.
        var shared = keys.Select(k => k.Item1.Id).ToHashSet();
        var cover = new double[members.Count];
        var corroborated = new bool[members.Count];
        int familyCount = Enum.GetValues<LinkFamily>().Length;
        foreach (var a in accountNodes)
        {
            int pos = memberPos[_g.Accounts[a]];
            var fam = new double[familyCount];
            cover[pos] = Coverage(a, k => shared.Contains(_g.Key(k).Id), fam);
            corroborated[pos] = Corroborated(fam, cover[pos]);
        }
        keys.Sort((x, y) => y.Item2 != x.Item2 ? y.Item2.CompareTo(x.Item2) : x.Item1.Id.CompareTo(y.Item1.Id));
        double total = keys.Sum(k => k.Item2);
        if (total <= 0) return null;
        var families = keys.GroupBy(k => k.Item1.Kind.Family()).Where(g => g.Sum(k => k.Item2) >= 0.1 * total).Select(g => g.Key).ToList();
        var sorted = cover.Order().ToArray();
        double median = Math.Max(1e-9, sorted[sorted.Length / 2]);
        var strength = cover.Select(d => Math.Min(1, d / median)).ToArray();
        double harvestFrac = memberHarvest.Average(h => Math.Min(1, h / 0.5));
        var coord = _meter.Measure(members, degIn.Select(d => (int)(d * 1000)).ToList(), keys.Any(k => k.Item1.Kind is LinkKind.Template or LinkKind.Skeleton));
        // Measured coordination among the members (synchrony, identical parameters, burst, split items) is evidence
        // independent of any shared value: it counts as the behaviour family when no behaviour key carries it.
        if (coord.Score >= 0.5 && !families.Contains(LinkFamily.Behaviour)) families.Add(LinkFamily.Behaviour);
        double familyFactor = families.Count >= 3 ? 1.0 : families.Count == 2 ? 0.85 : families.Contains(LinkFamily.Replay) ? 0.85 : 0.5;
        // Content and behaviour keys say what is asked and how; users of one public benchmark or tool share both.
        // Attribution needs evidence of who: shared registration, shared infrastructure, replayed artifacts, or
        // measured lockstep timing or a creation burst. Without any of it, the group is at most one kind of evidence.
        bool operatorEvidence = families.Any(f => f is LinkFamily.Registration or LinkFamily.Network or LinkFamily.Replay)
            || coord.Synchrony >= 0.5 || coord.CreationBurst >= 0.5;
        if (!operatorEvidence) familyFactor = Math.Min(familyFactor, 0.5);
        // A group is what most of its members corroborate: a leftover block where a few members carry the operator
        // evidence and the rest only a popular template or parameter set is not one operation.
        double corroboratedShare = corroborated.Count(x => x) / (double)members.Count;
        familyFactor *= Math.Min(1, corroboratedShare / 0.5);
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
            Corroborated = corroborated,
            MemberHarvest = memberHarvest,
            Accepted = score >= _opt.CampaignThreshold,
        };
    }
}
