using DistillGuard.Core.Analysis;
using DistillGuard.Core.Links;
using DistillGuard.Core.Profiles;
using DistillGuard.Core.Scoring;

namespace DistillGuard.Core.Campaigns;

/// <summary>
/// Turns the account–key graph into campaign findings. With <see cref="ClustererKind.DensePeeling"/>, each connected
/// component is peeled repeatedly: take the densest block, absorb the component's remaining accounts that are mostly
/// bound to the block's keys (and the keys most of whose carriers are tied to the block), remove them, repeat. Each block is then scored; only blocks bound by at least two
/// independent kinds of evidence (or replayed artifacts) with harvest and coordination become campaigns.
/// </summary>
public sealed class CampaignAssembler
{
    private readonly AccountKeyGraph _g;
    private readonly KeyGroupBuilder _builder;
    private readonly CoordinationMeter _meter;
    private readonly double[] _evidence;   // harvest evidence: content or wording-free, the larger
    private readonly double[] _content;    // content harvest evidence only
    private readonly DetectorOptions _opt;
    private static readonly int FamilyCount = Enum.GetValues<LinkFamily>().Length;
    // Binding by family (see Coverage) carries more slots: the egress-apart trait key's, the registration binding that is
    // coincidence rather than identity (creation burst, popular e-mail domain), the joint pivot's, and the network binding
    // that is neighbourhood rather than a shared exit (a range the account shares with the group, no address of it).
    private static readonly int EgressSlot = FamilyCount, BurstSlot = FamilyCount + 1, PivotSlot = FamilyCount + 2,
        RangeSlot = FamilyCount + 3, FamilySlots = FamilyCount + 4;

    public CampaignAssembler(AccountKeyGraph graph, KeyGroupBuilder builder, CoordinationMeter meter, ExtractionEvidence extraction, DetectorOptions options)
    {
        _g = graph;
        _builder = builder;
        _meter = meter;
        _content = Enumerable.Range(0, builder.Profiles.Count).Select(i => HarvestStrength.Evidence(builder.Profiles[i])).ToArray();
        _evidence = _content.Select((c, i) => Math.Max(c, extraction.Of(i))).ToArray();
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
                if (density < _opt.MinBlockDensity || blockAccounts.Count == 0) break;
                if (blockAccounts.Count < _opt.MinCampaignAccounts)
                {
                    // A pair bound by a strong key of its own is not a campaign, but its accounts may belong to one:
                    // the pair's keys are set aside (they still count when a campaign is scored) and peeling goes on.
                    foreach (var k in block) if (!_g.IsAccount(k)) alive[k] = false;
                    continue;
                }
                var blockKeys = new HashSet<int>(block.Where(x => !_g.IsAccount(x)));
                Absorb(comp, alive, blockAccounts, blockKeys);
                for (int grow = 0; grow < 3 && Grow(alive, blockAccounts, blockKeys); grow++) Absorb(comp, alive, blockAccounts, blockKeys);
                foreach (var part in SplitByIdentity(blockAccounts, blockKeys))
                {
                    var nodes = block.Where(x => !_g.IsAccount(x)).Concat(part).ToList();
                    var f = Score(part, nodes, density);
                    if (f is null) continue;
                    if (_opt.SplitCommunities && f.Accepted && SplitCommunities(part, block, density, f) is { } parts) findings.AddRange(parts);
                    else if (_opt.SplitCommunities && !f.Accepted && SplitTurnedDown(part, block, density) is { } pieces) findings.AddRange(pieces);
                    else findings.Add(f);
                }
                foreach (var a in blockAccounts) alive[a] = false;
            }
            if (_opt.Clusterer == ClustererKind.DensePeeling && _builder.OperatorClusters.Count > 0) SeedOperators(comp, alive, findings);
        }
        JoinByPayer(findings);
        if (_opt.Clusterer == ClustererKind.DensePeeling) GatherOperators(findings);
        JoinByHarness(findings);
        JoinByExit(findings);
        JoinPiecesByExit(findings);
        JoinByWhoAndHow(findings);
        AdoptStrays(findings);
        if (_opt.SplitCapabilities) SplitByCapability(findings);
        if (_opt.SplitCapabilities) SplitBy(findings, OperatorParts, joinUnflagged: true, secondHandFlagsMayGo: true);
        RehomeByIdentity(findings);
        AdoptByExitAndClient(findings);
        return findings;
    }

    /// <summary>
    /// One exit and one client, one operation. An account that sends most of its exchanges from exact addresses most of
    /// whose holders (three or more) are one accepted finding's flagged accounts — or, with three or more of them and most
    /// of the address's flagged accounts, its flagged accounts and accounts that live there as they do
    /// (<see cref="ActsAsFlagged"/>) — with the client (user agent) that one of those accounts runs there, is that
    /// operation's account whatever it asked itself: it is flagged with the finding
    /// through the address (<see cref="CampaignFinding.OperatorKey"/>, marked <see cref="CampaignFinding.ExitAndClient"/>).
    /// Two things at once, each of which a customer may share with an operation alone: its exit (a VPN or proxy exit, a
    /// cloud NAT — where the operation's accounts are then a minority of the holders, or the address is a product's
    /// egress) and a popular SDK. Where the operation's accounts on the addresses run day and night, an account that keeps
    /// a person's day is a person on the same exits and stays out. An account that sends half its exchanges or more through a
    /// partner (<c>route</c> a reseller or a cloud marketplace) is not judged: the exits and the client the log records for
    /// them are the partner's, which its other customers share (red team shadow 34: 25 customers of a reseller whose egress
    /// addresses a campaign's accounts held most of, all on the reseller's client). Peeling leaves such accounts in no finding when the
    /// address is all they share with it: random 11428, 63 of a tool-use operation's 276 accounts, each on one of the
    /// operation's hosting addresses (25 holders, all its own) with its SDK, at score 0 with no reason at all. Only accounts
    /// no other accepted finding holds; the finding's own unflagged members (watch) too.
    /// </summary>
    private void AdoptByExitAndClient(List<CampaignFinding> findings)
    {
        if (_opt.Disabled("network")) return;
        var flaggedIn = new Dictionary<int, int>();   // profile -> the accepted finding that flags it
        var heldBy = new Dictionary<int, int>();      // profile -> the first accepted finding holding it (-2: two or more)
        for (int fi = 0; fi < findings.Count; fi++)
        {
            var f = findings[fi];
            if (!f.Accepted) continue;
            for (int j = 0; j < f.Members.Count; j++)
            {
                int m = f.Members[j];
                heldBy[m] = heldBy.TryGetValue(m, out var other) && other != fi ? -2 : fi;
                if (Flags(f, j)) flaggedIn.TryAdd(m, fi);
            }
        }
        if (flaggedIn.Count == 0) return;
        // the addresses each finding's flagged accounts hold most of; or most of whose holders are its flagged accounts and
        // accounts that live there as they do (ActsAsFlagged): an operation's own exits, where a paraphrased or diluted
        // harvest leaves most of its accounts unflagged (random 13406: a paraphrased CoT sweep on hosting addresses of
        // 10-14 holders, all its own, 3-6 flagged on each; random 11509: a station found at 0.16, 0.93 with this)
        var owned = new Dictionary<KeyGroup, int>(ReferenceEqualityComparer.Instance);
        var on = new Dictionary<int, int>();
        foreach (var g in _g.Groups)
        {
            if (g.Kind != LinkKind.Ip || g.Members.Count < 3) continue;
            on.Clear();
            foreach (var m in g.Members) if (flaggedIn.TryGetValue(m, out var fi)) on[fi] = on.GetValueOrDefault(fi) + 1;
            int flaggedHere = on.Values.Sum();
            foreach (var (fi, n) in on.OrderBy(kv => kv.Key))
            {
                if (n < 3) continue;
                if (n >= OwnedKeyShare * g.Members.Count) { owned[g] = fi; break; }
                if (n >= OwnedKeyShare * flaggedHere && n + ActsAsFlagged(g, fi, flaggedIn) >= OwnedKeyShare * g.Members.Count) { owned[g] = fi; break; }
            }
        }
        if (owned.Count == 0) return;
        // each unflagged holder's owned addresses, with its exchanges on each (accounts ascending, addresses in log order)
        var addressesOf = new SortedDictionary<int, List<(KeyGroup Address, int Finding, int Exchanges)>>();
        foreach (var (g, fi) in owned)
            for (int i = 0; i < g.Members.Count; i++)
            {
                int m = g.Members[i];
                if (flaggedIn.ContainsKey(m)) continue;
                if (!addressesOf.TryGetValue(m, out var held)) addressesOf[m] = held = new List<(KeyGroup, int, int)>();
                held.Add((g, fi, g.Counts[i]));
            }
        var adopt = new Dictionary<int, List<(int Account, KeyGroup Address)>>();
        var clients = new HashSet<ulong>();
        var holders = new HashSet<int>();
        var memberPos = new Dictionary<int, Dictionary<int, int>>();
        foreach (var (a, held) in addressesOf)
        {
            var p = _builder.Profiles[a];
            if (p.Exchanges == 0 || p.UserAgents.TopIndex() is var ti && ti < 0) continue;
            // through a partner (a reseller, a cloud marketplace) the exit and the client are the partner's, not the account's
            if (_builder.ThroughPartner(p) >= 0.5 * p.Exchanges) continue;
            // the finding whose addresses carry most of its exchanges (more than half of them), if any
            int fi = -1;
            foreach (var f0 in held.Select(x => x.Finding).Distinct().Order())
                if (held.Where(x => x.Finding == f0).Sum(x => x.Exchanges) > 0.5 * p.Exchanges) { fi = f0; break; }
            if (fi < 0 || heldBy.TryGetValue(a, out var h) && h != fi) continue;   // another finding holds it: not decided here
            var f = findings[fi];
            if (!memberPos.TryGetValue(fi, out var pos))
            {
                memberPos[fi] = pos = new Dictionary<int, int>();
                for (int j = 0; j < f.Members.Count; j++) pos[f.Members[j]] = j;
            }
            // the finding's flagged holders of these addresses: the clients they run and their hours
            clients.Clear();
            holders.Clear();
            KeyGroup? top = null;
            int topCount = 0;
            bool product = false;
            foreach (var (g, gfi, n) in held)
            {
                if (gfi != fi) continue;
                if (ProductEgress(g, pos)) { product = true; break; }
                if (n > topCount) (top, topCount) = (g, n);
                foreach (var m in g.Members)
                    if (flaggedIn.TryGetValue(m, out var mf) && mf == fi && holders.Add(m) && _builder.Profiles[m].UserAgents.TopIndex() is var qi and >= 0)
                        clients.Add(_builder.Profiles[m].UserAgents.KeyAt(qi));
            }
            if (product || top is null || holders.Count < 3 || !clients.Contains(p.UserAgents.KeyAt(ti))) continue;
            int persons = holders.Count(m => CoordinationMeter.OnPersonsSchedule(_builder.Profiles[m]));
            if (persons < 0.5 * holders.Count && CoordinationMeter.OnPersonsSchedule(p)) continue;
            if (!adopt.TryGetValue(fi, out var list)) adopt[fi] = list = new List<(int, KeyGroup)>();
            list.Add((a, top));
        }
        foreach (var (fi, list) in adopt.OrderBy(kv => kv.Key)) findings[fi] = WithExitAdoptions(findings[fi], list);
    }

    /// <summary>
    /// The unflagged holders of address <paramref name="g"/> that live there as finding <paramref name="fi"/>'s flagged
    /// holders do: more than half of their exchanges from it, not through a partner, on a client one of those flagged
    /// holders runs there, and not on a person's day where most of them run round the clock. Counted with the flagged
    /// holders, they say whether the address acts as one operation's: customers on a shared exit (a VPN's, a proxy's) come
    /// with clients, schedules and other addresses of their own, and an exit most of whose holders are such customers stays
    /// the customers'.
    /// </summary>
    private int ActsAsFlagged(KeyGroup g, int fi, Dictionary<int, int> flaggedIn)
    {
        var clients = new HashSet<ulong>();
        int flagged = 0, persons = 0;
        foreach (var m in g.Members)
        {
            if (!flaggedIn.TryGetValue(m, out var mf) || mf != fi) continue;
            flagged++;
            var q = _builder.Profiles[m];
            if (q.UserAgents.TopIndex() is var qi and >= 0) clients.Add(q.UserAgents.KeyAt(qi));
            if (CoordinationMeter.OnPersonsSchedule(q)) persons++;
        }
        bool machine = persons < 0.5 * flagged;
        int alike = 0;
        for (int i = 0; i < g.Members.Count; i++)
        {
            int m = g.Members[i];
            if (flaggedIn.ContainsKey(m)) continue;
            var p = _builder.Profiles[m];
            if (p.Exchanges == 0 || 2 * g.Counts[i] <= p.Exchanges) continue;
            if (_builder.ThroughPartner(p) >= 0.5 * p.Exchanges) continue;
            if (p.UserAgents.TopIndex() is not (var ti and >= 0) || !clients.Contains(p.UserAgents.KeyAt(ti))) continue;
            if (machine && CoordinationMeter.OnPersonsSchedule(p)) continue;
            alike++;
        }
        return alike;
    }

    /// <summary>The finding with the accounts <see cref="AdoptByExitAndClient"/> adopts: each a member flagged through its
    /// address (added where it is not a member yet), everything else as it was.</summary>
    private static CampaignFinding WithExitAdoptions(CampaignFinding f, List<(int Account, KeyGroup Address)> adopted)
    {
        var byAccount = adopted.ToDictionary(x => x.Account, x => x.Address);
        var members = f.Members.Union(byAccount.Keys).Order().ToList();
        int n = members.Count;
        var strength = new double[n];
        var corroborated = new bool[n];
        var harvest = new double[n];
        var key = new KeyGroup?[n];
        var exitAndClient = new bool[n];
        for (int j = 0; j < n; j++)
        {
            int m = members[j];
            int old = f.Members.BinarySearch(m);
            if (old >= 0)
            {
                strength[j] = f.Strength[old];
                corroborated[j] = f.Corroborated[old];
                harvest[j] = f.MemberHarvest[old];
                if (old < f.OperatorKey.Length) key[j] = f.OperatorKey[old];
                if (old < f.ExitAndClient.Length) exitAndClient[j] = f.ExitAndClient[old];
            }
            if (key[j] is null && byAccount.TryGetValue(m, out var address)) { key[j] = address; exitAndClient[j] = true; }
        }
        return new CampaignFinding
        {
            Members = members,
            Keys = f.Keys,
            Density = f.Density,
            Coordination = f.Coordination,
            Families = f.Families,
            HarvestFraction = f.HarvestFraction,
            Score = f.Score,
            Strength = strength,
            Corroborated = corroborated,
            MemberHarvest = harvest,
            OperatorKey = key,
            ExitAndClient = exitAndClient,
            Id = f.Id,
            Accepted = f.Accepted,
        };
    }

    /// <summary>
    /// One account, the operator it belongs to. Peeling takes each block with every account mostly bound to its keys, and
    /// a key can be content two operations drew from one public source: an operation's accounts that ran another's
    /// templates are absorbed into the other's block before their own is peeled, and are published in its campaign
    /// (random 11412: one account of an agentic operation of 150, paying with the operation's card and sending its
    /// parameter vector, in a tool-use campaign of 845 through templates both drew). A flagged member goes to another
    /// accepted finding when values that say who runs it — a card, an exact address that is nobody's shared egress, an
    /// e-mail domain no more common than <see cref="DomainLimit"/>, a replayed artifact — tie it there and none ties it
    /// to its own (<see cref="TiesTo"/>, <see cref="IdentityHome"/>), unless its harness ties it to its own finding more.
    /// Accounts that one finding's identity gives another move together, the largest such set first, and only when both
    /// findings, scored again, are accepted; then the ties are counted again. A finding all of whose flagged accounts go
    /// to one other is a piece of that operation and joins it whole, when the whole is accepted (random 11406: a sweep of
    /// 100 published as 89 and 11, each of the 11 on cards, addresses or a domain the 89 hold). Moving says where an account belongs, not
    /// whether it is flagged by its own standing: every account keeps its verdict (flags are carried over), and the only
    /// flag added is an operator key the joined operation completes (<see cref="KeepOnlyFlags(CampaignFinding, CampaignFinding, CampaignFinding)"/>).
    /// </summary>
    private void RehomeByIdentity(List<CampaignFinding> findings)
    {
        var tried = new HashSet<(ulong, ulong, ulong)>();
        for (int round = 0; round < 64 && RehomeOnce(findings, tried); round++) { }
    }

    /// <summary>One move of <see cref="RehomeByIdentity"/>: the largest set of accounts one finding's identity gives
    /// another that both findings, scored again, accept; false when no untried move is accepted.</summary>
    private bool RehomeOnce(List<CampaignFinding> findings, HashSet<(ulong, ulong, ulong)> tried)
    {
        var (accepted, _, findingOf, _) = FlaggedMembers(findings, harness: false);
        if (accepted.Count < 2) return false;
        var who = new Dictionary<int, Dictionary<int, int>>();   // flagged member -> finding (position in accepted) -> who values tying it there
        var how = new Dictionary<int, Dictionary<int, int>>();   // the same for harness values
        for (int k = _g.AccountCount; k < _g.NodeCount; k++)
        {
            var key = _g.Key(k);
            bool isWho = IsWho(key), isHow = IsHow(key);
            if (key.Members.Count < 2 || !isWho && !isHow) continue;
            if (HeldBy(k, findingOf) is not { } on) continue;
            int others = key.Members.Count - 1;
            foreach (var (a, _) in _g.Adjacency[k])
            {
                int m = _g.Accounts[a];
                if (!findingOf.TryGetValue(m, out var own)) continue;
                foreach (var (fi, n) in on)
                {
                    if (!TiesTo(fi == own ? n - 1 : n, others, key.Kind is LinkKind.Payment or LinkKind.ArtifactReplay)) continue;
                    var ties = isWho ? who : how;
                    if (!ties.TryGetValue(m, out var t)) ties[m] = t = new Dictionary<int, int>();
                    t[fi] = t.GetValueOrDefault(fi) + 1;
                }
            }
        }
        var moves = new Dictionary<(int From, int To), List<int>>();
        foreach (var (m, t) in who)
        {
            int own = findingOf[m], home = IdentityHome(own, t, how.GetValueOrDefault(m));
            if (home < 0) continue;
            if (!moves.TryGetValue((own, home), out var list)) moves[(own, home)] = list = new List<int>();
            list.Add(m);
        }
        foreach (var ((from, to), moved) in moves.OrderByDescending(kv => kv.Value.Count).ThenBy(kv => kv.Key))
        {
            moved.Sort();
            var a = findings[accepted[from]];
            var b = findings[accepted[to]];
            if (!tried.Add((SetHash(a.Members), SetHash(b.Members), SetHash(moved)))) continue;
            var stay = a.Members.Where(m => moved.BinarySearch(m) < 0).ToList();
            if (stay.Count == a.Members.Count) continue;
            if (!stay.Any(m => findingOf.ContainsKey(m)))
            {
                // every account the finding flags belongs with the other: the finding is a piece of that operation
                var wholeNodes = a.Members.Concat(b.Members).Distinct().Select(_g.NodeOf).ToList();
                var whole = Score(wholeNodes, wholeNodes, Math.Max(a.Density, b.Density));
                if (whole is not { Accepted: true }) continue;
                KeepOnlyFlags(whole, a, b);
                KeepFlags(whole, a);
                KeepFlags(whole, b);
                findings[accepted[to]] = whole;
                findings.RemoveAt(accepted[from]);
                return true;
            }
            if (stay.Count < _opt.MinCampaignAccounts) continue;
            var leftNodes = stay.Select(_g.NodeOf).ToList();
            var left = Score(leftNodes, leftNodes, a.Density);
            var grownNodes = b.Members.Concat(moved).Distinct().Select(_g.NodeOf).ToList();
            var grown = Score(grownNodes, grownNodes, b.Density);
            if (left is not { Accepted: true } || grown is not { Accepted: true }) continue;
            KeepOnlyFlags(left, a, b);
            KeepOnlyFlags(grown, a, b);
            KeepFlags(left, a);
            KeepFlags(grown, a);
            KeepFlags(grown, b);
            findings[accepted[from]] = left;
            findings[accepted[to]] = grown;
            return true;
        }
        return false;
    }

    /// <summary>Capability counts on harvest exchanges a member needs before its own mix says what it harvests.</summary>
    internal const int MinCapabilityProfile = 5;

    /// <summary>Two parts whose targets are at most this alike (<see cref="TargetAlike"/>: one part asks for the other's
    /// top capability at most a quarter as much as the other does) are separate operations.</summary>
    internal const double MaxTargetAlike = 0.25;

    /// <summary>
    /// One campaign, one target. The public record describes each operation as aimed at a narrow capability ("all on
    /// one narrow capability"): a finding whose members split into parts that harvest different things — one part's
    /// harvest on chain-of-thought, another's on pairwise grading, one of them asking for the other's target at most a
    /// quarter as much as the other does (<see cref="TargetParts"/>) — is two operations that something popular bridged (a prompting skeleton
    /// every chain-of-thought sweep words alike, rotating residential exits many operations buy; the blind red team's
    /// evasive mix: a CoT sweep, a grading farm and a station published as one of 169 accounts). Each part is scored
    /// as a campaign of its own and the split stands only when every part is accepted and every member keeps its verdict.
    /// An operation that spreads several capabilities over each of its accounts has members with alike mixes and stays
    /// whole; one that gives each capability accounts of their own is published as one campaign per capability.
    /// </summary>
    private void SplitByCapability(List<CampaignFinding> findings) => SplitBy(findings, CapabilityParts);

    /// <summary>
    /// One campaign, one operator. A finding can hold two operations that harvest the same thing and that something
    /// public bridges — prompting skeletons every chain-of-thought request words alike, templates from public text,
    /// the rotation trait of bought proxy pools — while each pays, signs up and exits on its own (random 11217: a
    /// replay ring and a CoT sweep in one campaign of 1,069, purity 0.866; 11222: a replay ring and a station). The
    /// split by target (<see cref="SplitByCapability"/>) leaves them whole, their targets being alike. Here the members
    /// are connected only through identity the finding owns — at least half of a value's holders are members, and at
    /// most half the finding holds it (a value the whole finding shares says nothing about its sub-groups): cards,
    /// e-mail domains, sign-up bursts, replayed artifacts and exits that are nobody's shared egress. Those components are
    /// the starting communities; communities linked like one operation are merged as in the community split
    /// (<see cref="Regroup"/>); and then parts that run one harness — a parameter vector or system prompt held by at
    /// least a fifth of each part (two members at least) — and harvest alike by what they ask (<see cref="HarvestAlike"/>)
    /// are merged back: one operation's batches (a card per batch, a domain per batch) send the same vectors and run the
    /// same prompts, where two operations bridged by public content each send their own. Two operations that chose a
    /// vector alike and harvest alike stay one campaign. As with the split by target, every part must score as a
    /// campaign on its own and every member keep its verdict, or the finding stays whole — except a member the whole
    /// flags only second hand, through an address or domain it shares with the whole's harvesting accounts
    /// (<see cref="SecondHandFlag"/>), which stays in its part, on watch.
    /// <para>
    /// A sign-up window is a time, not a payer, a popular mail domain (more holders than <see cref="DomainLimit"/>)
    /// is where strangers sign up, and a range is a neighbourhood: none joins accounts of two operator clusters found apart
    /// (<see cref="KeyGroupBuilder.OperatorClusters"/>; session 39, held-out random 12001; for ranges session 55, random 11217).
    /// </para>
    /// <para>
    /// A system prompt is harness, not identity (until session 37 it was both): a public agent's prompt, and each of its
    /// variants, is run by whoever uses that agent. The blind red team's realistic mix gives a tool-use harvest and a
    /// relay station whose customers run the same coding agent one prompt variant held by one account of the harvest and
    /// three of the station — as identity, that variant made the two operations one component, and they were published
    /// as one campaign in three of four logs (purity 0.906–0.908). A private prompt that an operation's batches share
    /// still brings them back together, through the merge-back.
    /// </para>
    /// </summary>
    private List<List<int>>? OperatorParts(List<int> members)
    {
        int n = members.Count;
        int minPart = MinPart(n);
        if (n < 2 * minPart) return null;
        var pos = new Dictionary<int, int>(n);
        for (int i = 0; i < n; i++) pos[_g.NodeOf(members[i])] = i;
        var parent = Enumerable.Range(0, n).ToArray();
        int Find(int x) { while (parent[x] != x) x = parent[x] = parent[parent[x]]; return x; }
        var keys = new HashSet<int>();
        foreach (var m in members) foreach (var (k, _) in _g.Adjacency[_g.NodeOf(m)]) keys.Add(k);
        foreach (var k in keys)
        {
            var g = _g.Key(k);
            bool who = g.Kind is LinkKind.Payment or LinkKind.EmailDomain or LinkKind.CreationBurst or LinkKind.ArtifactReplay
                || (g.Kind is LinkKind.Ip or LinkKind.Prefix && !g.Egress);
            if (!who) continue;
            var on = new List<int>();
            foreach (var (a, _) in _g.Adjacency[k]) if (pos.TryGetValue(a, out var i)) on.Add(i);
            if (on.Count < 2 || on.Count < OwnedKeyShare * g.Members.Count || on.Count > n / 2) continue;
            // A range two accounts share is what a residential or mobile proxy pool gives two of its customers by chance;
            // an operation's own hosting range holds more of its accounts. Components are joined by a single key, so a
            // pair's range would join two operations (random 10213 with --log only: a 333-account replay operation and a
            // 162-account replay ring, each on rotating residential exits, joined by three /24s each held by one account
            // of each). An address two accounts share exactly still ties them. Three: the count at which a shared value
            // stops being a coincidence of two, as for a pool of exits.
            if (g.Kind == LinkKind.Prefix && on.Count < KeyGroupBuilder.MinExitPool) continue;
            // A sign-up window is a time, not a payer: two operations that both open accounts around the clock share
            // windows by coincidence. A window whose accounts here belong to two operator clusters found apart (each tied
            // by identity and acting as one, KeyGroupBuilder.OperatorClusters) does not make them one (held-out random
            // 12001: a tool-use harvest and a transfer station, each found as an operator of its own, signed up in the same
            // hours and were published as one campaign, purity 0.65).
            // Likewise a mail domain as common as the log's yardstick of a popular one (a webmail provider, where two
            // operations' sign-ups meet; that 12001 sweep's harvest and station held two thirds of qq.com's, outlook.com's
            // and proton.me's accounts between them).
            if ((g.Kind == LinkKind.CreationBurst || (g.Kind == LinkKind.EmailDomain && g.Members.Count > DomainLimit)) && SpansOperators(on, members)) continue;
            // And a range (a /24) whose accounts here belong to two operator clusters found apart is a neighbourhood both
            // rent in (session 48), not a payer: random 11217, a CoT sweep's accounts (73) and a replay ring's (22) on one
            // hosting /24 made the two one identity component once the sweep's churned exit clusters stood as operators
            // (CoordinationMeter.Succession), and they were published as one campaign (purity 0.509).
            if (g.Kind == LinkKind.Prefix && SpansOperators(on, members)) continue;
            for (int j = 1; j < on.Count; j++) if (Find(on[j]) is var r && r != Find(on[0])) parent[r] = Find(on[0]);
        }
        // the identity components are the starting communities, merged where linked like one operation (Regroup)
        var roots = new Dictionary<int, int>();
        var community = new int[n];
        for (int i = 0; i < n; i++) { int r = Find(i); if (!roots.TryGetValue(r, out var c)) roots[r] = c = roots.Count; community[i] = c; }
        if (roots.Count < 2) return null;
        var nodes = members.Select(_g.NodeOf).ToList();
        var edges = PairEdges(nodes);
        if (edges is null) return null;
        var assign = Regroup(n, community, edges, minPart, SameOperationLinkage);
        if (assign is null) return null;
        var placed = Enumerable.Range(0, assign.Max() + 1).Select(g => members.Where((_, i) => assign[i] == g).Order().ToList()).Where(p => p.Count > 0).ToList();
        // parts that run one harness (a vector or prompt held by a fifth of each) are one operation's batches: merged back
        var main = placed.Select(p =>
        {
            var c = new Dictionary<(bool Prompt, ulong Key), int>();
            foreach (var m in p)
            {
                var v = _builder.Profiles[m].ParamSignatures;
                for (int t = 0; t < v.Count; t++) c[(false, v.KeyAt(t))] = c.GetValueOrDefault((false, v.KeyAt(t))) + 1;
                var sp = _builder.Profiles[m].SystemPrompts;
                for (int u = 0; u < sp.Count; u++) c[(true, sp.KeyAt(u))] = c.GetValueOrDefault((true, sp.KeyAt(u))) + 1;
            }
            return c.Where(kv => kv.Value >= 2 && kv.Value >= 0.2 * p.Count).Select(kv => kv.Key).ToHashSet();
        }).ToList();
        var up = Enumerable.Range(0, placed.Count).ToArray();
        int F(int x) { while (up[x] != x) x = up[x] = up[up[x]]; return x; }
        var reads = placed.Select(ContentShare).ToList();
        for (int a = 0; a < placed.Count; a++)
            for (int b = a + 1; b < placed.Count; b++)
                if (main[a].Overlaps(main[b]) && HarvestAlike(reads[a], reads[b]) && F(a) != F(b)) up[F(b)] = F(a);
        placed = Enumerable.Range(0, placed.Count).GroupBy(F).Select(g => g.SelectMany(i => placed[i]).Order().ToList()).ToList();
        return placed.Count >= 2 && placed.All(p => p.Count >= _opt.MinCampaignAccounts) ? placed : null;
    }

    /// <summary>Operator cluster index per account (<see cref="KeyGroupBuilder.OperatorClusters"/>), or -1; built on first use.</summary>
    private int[]? _operatorClusterOf;

    /// <summary>Whether the accounts at <paramref name="on"/> (positions in <paramref name="members"/>) include at least
    /// two of each of two different operator clusters.</summary>
    private bool SpansOperators(List<int> on, List<int> members)
    {
        var clusterOf = OperatorClusterOf();
        return SpansTwoOperators(on.Select(i => clusterOf[members[i]]));
    }

    /// <summary>The operator cluster index of every account (the first cluster that holds it; -1: in none), built on first
    /// use.</summary>
    private int[] OperatorClusterOf()
    {
        if (_operatorClusterOf is not null) return _operatorClusterOf;
        _operatorClusterOf = new int[_builder.Profiles.Count];
        Array.Fill(_operatorClusterOf, -1);
        var clusters = _builder.OperatorClusters;
        for (int c = 0; c < clusters.Count; c++)
            foreach (var m in clusters[c]) if (_operatorClusterOf[m] < 0) _operatorClusterOf[m] = c;
        return _operatorClusterOf;
    }

    /// <summary>Whether operator-cluster indices (-1: in none) hold at least two accounts of each of two clusters: the
    /// smallest pair on each side, so one stray of another operation on a key does not count.</summary>
    internal static bool SpansTwoOperators(IEnumerable<int> clusterOf)
    {
        var count = new Dictionary<int, int>();
        foreach (var c in clusterOf) if (c >= 0) count[c] = count.GetValueOrDefault(c) + 1;
        return count.Values.Count(v => v >= 2) >= 2;
    }

    /// <summary>Whether the account is one of an organisation's own on the egress its accounts all share, found without a
    /// registry (<see cref="KeyGroupBuilder.EgressOrganisation"/>), and its own requests do not read as harvest: an
    /// organisation's product may ask for reasoning, but a fleet that asks for harvest at volume from one server is what a
    /// harvester on one server looks like too, and without a registry nothing says otherwise.</summary>
    private bool EgressFleet(int m) => _builder.EgressOrganisation(m) && HarvestRead(_content[m]) < 0.5;

    /// <summary>Share of <paramref name="part"/>'s members whose own requests read as harvest (content evidence, as
    /// <see cref="Score"/> counts it: each member's content harvest over one half, capped at 1).</summary>
    private double ContentShare(List<int> part) => part.Count == 0 ? 0 : part.Average(m => HarvestRead(_content[m]));

    /// <summary>A member's harvest evidence read on the assembler's scale: one half counts fully (capped at 1).</summary>
    private static double HarvestRead(double evidence) => Math.Min(1, evidence / 0.5);

    /// <summary>Whether two parts harvest alike by what they ask: not when most of one part's members ask for harvest in
    /// their own requests and the other's do at most <see cref="MaxTargetAlike"/> as much. One operation's batches run one
    /// harness and ask alike; two operations that one public harness bridges (an agent scaffold's system prompt and tool
    /// sets, a common parameter vector) need not: the blind red team's realistic mix gives a tool-use harvest on burst
    /// sign-ups and a relay station harvesting chain-of-thought for its customers the same agent's prompt and tools, and
    /// the two were published as one campaign (purity 0.906 in three of four logs).</summary>
    internal static bool HarvestAlike(double a, double b)
    {
        double hi = Math.Max(a, b), lo = Math.Min(a, b);
        return hi < 0.5 || lo > MaxTargetAlike * hi;
    }

    /// <summary>Replaces each accepted finding by the parts <paramref name="partsOf"/> gives its members when every part
    /// scores as a campaign of its own and no member's verdict changes (see <see cref="SplitByCapability"/>); with
    /// <paramref name="secondHandFlagsMayGo"/> (the split by operator), a member the whole flags only second hand
    /// (<see cref="SecondHandFlag"/>) may lose its flag, and no member gains one (a flag a part would give that the whole
    /// did not is left off).</summary>
    private void SplitBy(List<CampaignFinding> findings, Func<List<int>, List<List<int>>?> partsOf, bool joinUnflagged = false, bool secondHandFlagsMayGo = false)
    {
        for (int fi = 0; fi < findings.Count; fi++)
        {
            var whole = findings[fi];
            if (!whole.Accepted) continue;
            var parts = partsOf(whole.Members);
            if (parts is null) continue;
            if (joinUnflagged) parts = JoinUnflaggedParts(parts, whole);
            if (parts is null) continue;
            var result = new List<CampaignFinding>();
            foreach (var part in parts)
            {
                var nodes = part.Select(_g.NodeOf).ToList();
                var f = Score(nodes, nodes, whole.Density);
                if (f is null || !f.Accepted) { result = null; break; }
                KeepWholeStanding(f, whole);
                // In the split by operator a part gains no flag the whole did not give: one that a part's own operator key
                // would give (an address its harvesting accounts share) is left off rather than refuse the split (held-out
                // random 12322: a station of 326 and an agentic harvest of 314, each its own operator, split into exactly
                // those two parts and kept as one campaign because one account of a part would have gained a flag).
                if (secondHandFlagsMayGo) KeepOnlyFlags(f, whole);
                result.Add(f);
            }
            if (result is null || result.Any(f => LosesFlag(f, whole)) || whole.Members.Any(m => !WholeFlagKept(m) && !(secondHandFlagsMayGo && SecondHandFlag(whole, m)))) continue;
            findings.RemoveAt(fi);
            findings.InsertRange(fi, result);
            fi += result.Count - 1;

            bool WholeFlagKept(int m)
            {
                int w = whole.Members.BinarySearch(m);
                if (!Flags(whole, w)) return true;
                foreach (var f in result!)
                    if (f.Members.BinarySearch(m) is var q and >= 0) return Flags(f, q);
                return false;
            }
        }
    }

    /// <summary>Whether the whole flags member <paramref name="m"/> only second hand: through an address or mail domain it
    /// shares with the whole's harvesting accounts (<see cref="CampaignFinding.OperatorKey"/>), not by its own standing nor
    /// by a card. Split into the operations its identity tells apart (<see cref="OperatorParts"/>), such a member may lose
    /// the flag the mixture gave it — the harvesting accounts behind its address can be the other operation's — and stays
    /// a member of its part, on watch (held-out random 12001: a transfer station of 978 accounts and a tool-use harvest of
    /// 498, each an operator of its own, published as one campaign at purity 0.65 because nine of the station's accounts
    /// were flagged through exits the harvest's accounts used too).</summary>
    private bool SecondHandFlag(CampaignFinding whole, int m)
    {
        int w = whole.Members.BinarySearch(m);
        if (w < 0 || w >= whole.OperatorKey.Length || whole.OperatorKey[w] is not { } key || key.Kind == LinkKind.Payment) return false;
        return !OwnStanding(whole, w);
    }

    /// <summary>
    /// A split's parts none of whose members the whole flags (accounts it only holds: users of a platform whose prompt an
    /// operation runs, researchers on one of its templates) are no operation of their own and cannot stand as one; they
    /// join the largest part rather than keep the operations joined (fresh random 11414: a tool-use operation of 160 and a
    /// station of 124, each on identity of its own, published as one because a third part of 15 unflagged accounts did not
    /// score as a campaign). Null when fewer than two parts would be left.
    /// </summary>
    private List<List<int>>? JoinUnflaggedParts(List<List<int>> parts, CampaignFinding whole)
    {
        var kept = new List<List<int>>();
        var unflagged = new List<int>();
        foreach (var part in parts)
        {
            if (part.Any(m => Flags(whole, whole.Members.BinarySearch(m)))) kept.Add(part);
            else unflagged.AddRange(part);
        }
        if (unflagged.Count == 0) return parts;
        if (kept.Count < 2) return null;
        var largest = kept.MaxBy(p => p.Count)!;
        largest.AddRange(unflagged);
        largest.Sort();
        return kept;
    }

    /// <summary>
    /// The members of a finding by what they harvest, or null when they are one population (<see cref="TargetParts"/>
    /// over the members with a profile of their own). The other members join the part whose mix their own harvest fits
    /// best or, with no harvest capability at all, the part with whose members they share the most key weight. Accounts
    /// chained by payment instruments or replayed artifacts then go whole to the part that holds most of the chain.
    /// </summary>
    private List<List<int>>? CapabilityParts(List<int> members)
    {
        int n = members.Count;
        int minPart = MinPart(n);
        if (n < 2 * minPart) return null;
        const int C = HarvestSignals.CapabilityCount;
        var profiled = new List<int>();
        var mixes = new List<int[]>();
        var rest = new List<int>();
        foreach (var m in members)
        {
            var caps = _builder.Profiles[m].HarvestCapabilities;
            int total = 0;
            foreach (var c in caps) total += c;
            if (total < MinCapabilityProfile) { rest.Add(m); continue; }
            profiled.Add(m);
            mixes.Add(caps.ToArray());
        }
        var assign = TargetParts(mixes, minPart);
        if (assign is null || ChanceSplits(mixes, minPart) > 0) return null;
        int count = assign.Max() + 1;
        var placed = Enumerable.Range(0, count).Select(_ => new List<int>()).ToArray();
        var mix = Enumerable.Range(0, count).Select(_ => new double[C]).ToArray();
        for (int i = 0; i < profiled.Count; i++)
        {
            placed[assign[i]].Add(profiled[i]);
            for (int c = 0; c < C; c++) mix[assign[i]][c] += mixes[i][c];
        }
        // For the members with no harvest capability: which parts hold each key (one bit per part).
        var keyParts = new Dictionary<int, int>();
        for (int i = 0; i < count; i++)
            foreach (var m in placed[i])
                foreach (var (k, _) in _g.Adjacency[_g.NodeOf(m)]) keyParts[k] = keyParts.GetValueOrDefault(k) | (1 << i);
        foreach (var m in rest)
        {
            var caps = _builder.Profiles[m].HarvestCapabilities;
            int into = -1;
            double best = 0;
            for (int i = 0; i < count; i++)
            {
                double sum = mix[i].Sum(), fit = 0;
                for (int c = 0; c < C; c++) fit += caps[c] * mix[i][c] / sum;
                if (fit > best) (into, best) = (i, fit);
            }
            if (into < 0)
            {
                int node = _g.NodeOf(m);
                for (int i = 0; i < count; i++)
                {
                    int bit = 1 << i;
                    double w = Coverage(node, k => (keyParts.GetValueOrDefault(k) & bit) != 0);
                    if (w > best) (into, best) = (i, w);
                }
            }
            placed[Math.Max(0, into)].Add(m);
        }
        // Accounts on one payment instrument, or presenting reasoning artifacts issued to one another, are one operator's
        // whatever each asks (a replay ring's issuers ask for reasoning, its presenters for it to be written out).
        var all = placed.SelectMany(p => p).ToList();
        var index = new Dictionary<int, int>();   // account node -> position in all
        for (int i = 0; i < all.Count; i++) index[_g.NodeOf(all[i])] = i;
        var part = new int[all.Count];
        for (int i = 0, pos = 0; i < count; i++) foreach (var _ in placed[i]) part[pos++] = i;
        var chains = new List<List<int>>();
        for (int k = _g.AccountCount; k < _g.NodeCount; k++)
        {
            if (_g.Key(k).Kind is not (LinkKind.Payment or LinkKind.ArtifactReplay)) continue;
            var on = new List<int>();
            foreach (var (a, _) in _g.Adjacency[k]) if (index.TryGetValue(a, out var i)) on.Add(i);
            if (on.Count >= 2) chains.Add(on);
        }
        GatherChains(part, count, chains);
        var result = Enumerable.Range(0, count).Select(p => all.Where((_, i) => part[i] == p).Order().ToList()).Where(p => p.Count > 0).ToList();
        return result.Count >= 2 && result.All(p => p.Count >= _opt.MinCampaignAccounts) ? result : null;
    }

    /// <summary>A split regroups; it never changes who is flagged: each member of <paramref name="part"/> keeps the
    /// involvement, harvest and corroboration it had in <paramref name="whole"/>.</summary>
    private static void KeepWholeStanding(CampaignFinding part, CampaignFinding whole)
    {
        for (int pos = 0; pos < part.Members.Count; pos++)
        {
            int w = whole.Members.BinarySearch(part.Members[pos]);
            part.Strength[pos] = whole.Strength[w];
            part.MemberHarvest[pos] = whole.MemberHarvest[w];
            part.Corroborated[pos] = whole.Corroborated[w];
        }
    }

    /// <summary>The smallest part a split of a finding of <paramref name="n"/> members keeps on its own: 5 % of the
    /// finding, at least a campaign's size.</summary>
    private int MinPart(int n) => Math.Max(_opt.MinCampaignAccounts, (int)Math.Ceiling(0.05 * n));

    /// <summary>
    /// Sends each chain of members — members linked through the keys of <paramref name="keys"/> (each a list of member
    /// positions holding one payment instrument or replayed artifact), directly or through one another — whole to the part
    /// of <paramref name="part"/> that holds most of it (the lowest such part on a tie).
    /// </summary>
    internal static void GatherChains(int[] part, int parts, IReadOnlyList<IReadOnlyList<int>> keys)
    {
        var parent = Enumerable.Range(0, part.Length).ToArray();
        int Find(int x) { while (parent[x] != x) x = parent[x] = parent[parent[x]]; return x; }
        foreach (var key in keys)
            for (int i = 1; i < key.Count; i++)
                if (Find(key[i]) is var r && r != Find(key[0])) parent[r] = Find(key[0]);
        foreach (var chain in Enumerable.Range(0, part.Length).GroupBy(Find))
        {
            var votes = new int[parts];
            foreach (var i in chain) votes[part[i]]++;
            int to = Array.IndexOf(votes, votes.Max());
            foreach (var i in chain) part[i] = to;
        }
    }

    /// <summary>
    /// Parts of members by what they harvest: each member's part (0-based), or null when fewer than two parts of at least
    /// <paramref name="minPart"/> members remain. <paramref name="mixes"/> holds each member's capability counts on its
    /// harvest exchanges. Members start in the part of their top capability; parts whose targets are more alike than
    /// <see cref="MaxTargetAlike"/> are merged, most alike first — an operation that draws each request from one mix gives
    /// its members alike mixes whatever their own top capability, and one whose requests each exercise two capabilities
    /// (reasoning on math, tool use in code) holds both in every part — and parts smaller than
    /// <paramref name="minPart"/> then join the part most alike.
    /// </summary>
    internal static int[]? TargetParts(IReadOnlyList<int[]> mixes, int minPart)
    {
        var parts = new List<(List<int> Members, double[] Mix)>();
        var byTop = new Dictionary<int, int>();
        for (int i = 0; i < mixes.Count; i++)
        {
            var caps = mixes[i];
            int top = 0;
            for (int c = 1; c < caps.Length; c++) if (caps[c] > caps[top]) top = c;
            if (caps[top] == 0) continue;
            if (!byTop.TryGetValue(top, out var pi)) { byTop[top] = pi = parts.Count; parts.Add((new List<int>(), new double[caps.Length])); }
            parts[pi].Members.Add(i);
            for (int c = 0; c < caps.Length; c++) parts[pi].Mix[c] += caps[c];
        }
        void Merge(int i, int j)
        {
            if (i > j) (i, j) = (j, i);
            parts[i].Members.AddRange(parts[j].Members);
            for (int c = 0; c < parts[i].Mix.Length; c++) parts[i].Mix[c] += parts[j].Mix[c];
            parts.RemoveAt(j);
        }
        while (parts.Count >= 2)
        {
            (int I, int J, double A) best = (-1, -1, -1);
            for (int i = 0; i < parts.Count; i++)
                for (int j = i + 1; j < parts.Count; j++)
                    if (TargetAlike(parts[i].Mix, parts[j].Mix) is var a && a > best.A) best = (i, j, a);
            if (best.A <= MaxTargetAlike) break;
            Merge(best.I, best.J);
        }
        while (parts.Count >= 2)
        {
            int small = 0;
            for (int i = 1; i < parts.Count; i++) if (parts[i].Members.Count < parts[small].Members.Count) small = i;
            if (parts[small].Members.Count >= minPart) break;
            int into = -1;
            double best = -1;
            for (int j = 0; j < parts.Count; j++)
                if (j != small && TargetAlike(parts[small].Mix, parts[j].Mix) is var a && a > best) (into, best) = (j, a);
            Merge(small, into);
        }
        if (parts.Count < 2 || parts.Sum(p => p.Members.Count) < mixes.Count) return null;
        var assign = new int[mixes.Count];
        for (int p = 0; p < parts.Count; p++) foreach (var i in parts[p].Members) assign[i] = p;
        return assign;
    }

    /// <summary>Draws of the members' harvest under one mix in <see cref="ChanceSplits"/>.</summary>
    internal const int ChanceDraws = 20;

    /// <summary>
    /// How many of <see cref="ChanceDraws"/> redraws of the members' harvest from one mix — the finding's pooled mix, each
    /// member keeping its count — <see cref="TargetParts"/> still splits. Parts built from each member's top capability
    /// are apart by construction: a member with five requests whose chance draws favoured coding lands with coding. An
    /// operation drawing every request from one mix, with few requests per member, can look like two targets (sixty
    /// members of five requests each from one three-capability mix: a "second target" of six); a split stands only when
    /// chance alone never makes one. Deterministic (a fixed seed).
    /// </summary>
    internal static int ChanceSplits(IReadOnlyList<int[]> mixes, int minPart)
    {
        int caps = mixes[0].Length;
        var pooled = new double[caps];
        foreach (var m in mixes) for (int c = 0; c < caps; c++) pooled[c] += m[c];
        double total = pooled.Sum();
        if (total <= 0) return 0;
        var cumulative = new double[caps];
        for (int c = 0, acc = 0; c < caps; c++) { acc += (int)pooled[c]; cumulative[c] = acc / total; }
        var rng = new Random(mixes.Count);
        var drawn = mixes.Select(_ => new int[caps]).ToList();
        var counts = mixes.Select(m => m.Sum()).ToArray();
        int splits = 0;
        for (int r = 0; r < ChanceDraws; r++)
        {
            for (int i = 0; i < mixes.Count; i++)
            {
                Array.Clear(drawn[i]);
                for (int k = 0; k < counts[i]; k++)
                {
                    double u = rng.NextDouble();
                    int c = 0;
                    while (c < caps - 1 && u >= cumulative[c]) c++;
                    drawn[i][c]++;
                }
            }
            if (TargetParts(drawn, minPart) is not null) splits++;
        }
        return splits;
    }

    /// <summary>
    /// How alike two capability mixes' targets are: the share that one mix's top capability has in the other, against
    /// its share in its own, the smaller of the two ways round — 1 for one target, 0 when one of them does not ask for
    /// what the other harvests. A chain-of-thought sweep and a grading farm drawing items from one benchmark share its
    /// domains (math, knowledge), not their targets; an agentic harvest whose agents also reason step by step asks for
    /// reasoning, but the sweep does not ask for tool use. Members of one operation that draws every request from one
    /// mix differ only by chance, and both ways round alike.
    /// </summary>
    internal static double TargetAlike(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        double sa = 0, sb = 0;
        int ta = 0, tb = 0;
        for (int c = 0; c < a.Length; c++)
        {
            sa += a[c]; sb += b[c];
            if (a[c] > a[ta]) ta = c;
            if (b[c] > b[tb]) tb = c;
        }
        if (sa <= 0 || sb <= 0) return 1;
        return Math.Min(b[ta] / sb / (a[ta] / sa), a[tb] / sa / (b[tb] / sb));
    }

    /// <summary>
    /// One operation, one campaign, for the accounts no accepted finding holds: an account whose binding is mostly to keys an
    /// accepted finding owns (at least two of its members and half of the key's holders), corroborated on them as
    /// <see cref="Absorb"/> asks and bound at least 30 % as strongly as the finding's median member, is scored with that
    /// finding, and the whole replaces it when it is accepted and keeps every flag. Peeling and the community split leave
    /// such accounts out when the block they fell in is cut below campaign size (random 10227: 63 presenters of a replay
    /// ring, each on the ring's replay keys, templates and addresses, in no finding at all once the ring was found as one
    /// block). The whole is scored as any finding is: an account that joins is flagged only on its own harvest and
    /// corroboration.
    /// </summary>
    private void AdoptStrays(List<CampaignFinding> findings)
    {
        var findingOf = new Dictionary<int, int>();
        for (int fi = 0; fi < findings.Count; fi++)
            if (findings[fi].Accepted) foreach (var m in findings[fi].Members) findingOf.TryAdd(m, fi);
        if (findingOf.Count == 0) return;
        var owner = new Dictionary<int, int>();   // key node -> the accepted finding that owns it
        var on = new Dictionary<int, int>();
        for (int k = _g.AccountCount; k < _g.NodeCount; k++)
        {
            on.Clear();
            foreach (var (a, _) in _g.Adjacency[k])
                if (findingOf.TryGetValue(_g.Accounts[a], out var fi)) on[fi] = on.GetValueOrDefault(fi) + 1;
            if (KeyOwner(on, _g.Key(k).Members.Count) is var fo and >= 0) owner[k] = fo;
        }
        if (owner.Count == 0) return;
        var strays = new Dictionary<int, List<int>>();   // finding -> account nodes to score with it
        var median = new Dictionary<int, double>();
        var owners = new HashSet<int>();   // the findings owning one of an account's keys
        var near = new Dictionary<int, Func<int, bool>>();   // finding -> its neighbourhood ranges (Neighbourhoods)
        for (int a = 0; a < _g.AccountCount; a++)
        {
            if (findingOf.ContainsKey(_g.Accounts[a])) continue;
            owners.Clear();
            foreach (var (k, _) in _g.Adjacency[a])
                if (owner.TryGetValue(k, out var fi)) owners.Add(fi);
            int best = -1;
            double bestIn = 0;
            foreach (var fi in owners.Order())
            {
                double w = Coverage(a, x => owner.TryGetValue(x, out var o) && o == fi);
                if (w > bestIn) (best, bestIn) = (fi, w);
            }
            if (best < 0) continue;
            var fam = new double[FamilySlots];
            if (!near.TryGetValue(best, out var nearBest))
            {
                var members = findings[best].Members;
                near[best] = nearBest = Neighbourhoods(m => members.BinarySearch(m) >= 0);
            }
            double wIn = Coverage(a, x => owner.TryGetValue(x, out var o) && o == best, fam, nearBest);
            if (!median.TryGetValue(best, out var med))
            {
                var degrees = findings[best].Members.Select(m => Coverage(_g.NodeOf(m), x => owner.TryGetValue(x, out var o) && o == best)).Order().ToArray();
                median[best] = med = degrees[degrees.Length / 2];
            }
            if (!Adopts(wIn, Coverage(a, _ => true), Corroborated(fam, wIn), med)) continue;
            if (!strays.TryGetValue(best, out var list)) strays[best] = list = new List<int>();
            list.Add(a);
        }
        foreach (var (fi, list) in strays.OrderBy(kv => kv.Key))
        {
            var f = findings[fi];
            var nodes = f.Members.Select(_g.NodeOf).Concat(list).ToList();
            var whole = Score(nodes, nodes, f.Density);
            if (whole is null || !whole.Accepted || LosesFlag(f, whole)) continue;
            bool adds = false;
            for (int j = 0; j < whole.Members.Count && !adds; j++) adds = f.Members.BinarySearch(whole.Members[j]) < 0 && Flags(whole, j);
            if (adds) findings[fi] = whole;
        }
    }

    /// <summary>
    /// One exit, one operation, for the pieces a split turned down: a finding that was not accepted, most of whose
    /// members egress from addresses an accepted finding's flagged members also use — each address held by at least two
    /// of them and mostly by the two findings' accounts — is scored together with that finding, and the whole replaces
    /// both when it is accepted and flags every account the accepted one flagged. Peeling and the community split cut an
    /// operation by how densely its accounts share keys; a piece whose members share only the exits is then judged alone
    /// and turned down as "exits only", although the same exits are what tie the accepted part (the red team's
    /// adaptive 22: a transfer station's 28 accounts on 12 addresses of its own, published as 16, the other 10 a piece
    /// at score 0). Exact addresses and no shared egress, as in <see cref="JoinByExit"/>; the whole is scored as any
    /// finding is, so a piece of customers that merely share a cloud NAT with a campaign adds no one it would not flag.
    /// </summary>
    private void JoinPiecesByExit(List<CampaignFinding> findings)
    {
        if (_opt.Disabled(LinkFamily.Network.ToString())) return;
        var (accepted, flagged, findingOf, _) = FlaggedMembers(findings, harness: false);
        if (accepted.Count == 0) return;
        var pieceOf = new Dictionary<int, int>();   // profile -> piece (a finding not accepted), members no accepted finding flags
        var pieces = new List<int>();
        var pieceSize = new List<int>();
        for (int i = 0; i < findings.Count; i++)
        {
            var f = findings[i];
            if (f.Accepted || f.Members.Count < _opt.MinCampaignAccounts) continue;
            int n = 0;
            foreach (var m in f.Members) if (!findingOf.ContainsKey(m) && pieceOf.TryAdd(m, pieces.Count)) n++;
            if (n == 0) continue;
            pieces.Add(i);
            pieceSize.Add(n);
        }
        if (pieces.Count == 0) return;
        var exits = new List<(int Holders, IReadOnlyDictionary<int, int> Flagged, IReadOnlyDictionary<int, List<int>> Pieces)>();
        for (int k = _g.AccountCount; k < _g.NodeCount; k++)
        {
            var key = _g.Key(k);
            if (key.Kind != LinkKind.Ip || key.Egress) continue;
            Dictionary<int, int>? byFinding = null;
            Dictionary<int, List<int>>? byPiece = null;
            foreach (var (a, _) in _g.Adjacency[k])
            {
                int profile = _g.Accounts[a];
                if (findingOf.TryGetValue(profile, out var fi)) (byFinding ??= new())[fi] = byFinding.GetValueOrDefault(fi) + 1;
                else if (pieceOf.TryGetValue(profile, out var pi))
                {
                    byPiece ??= new();
                    if (!byPiece.TryGetValue(pi, out var list)) byPiece[pi] = list = new List<int>();
                    list.Add(profile);
                }
            }
            if (byFinding is not null && byPiece is not null) exits.Add((key.Members.Count, byFinding, byPiece));
        }
        var target = PieceJoins(pieceSize, exits);
        var join = new Dictionary<int, List<int>>();   // accepted finding -> pieces
        for (int p = 0; p < target.Length; p++)
        {
            if (target[p] < 0) continue;
            if (!join.TryGetValue(target[p], out var list)) join[target[p]] = list = new List<int>();
            list.Add(p);
        }
        var remove = new HashSet<int>();
        var add = new List<CampaignFinding>();
        foreach (var (fi, candidates) in join.OrderBy(kv => kv.Key))
        {
            var ps = candidates;
            var whole = Whole(fi, ps);
            if (whole is null && ps.Count > 1)
            {
                // all together did not hold: the pieces one by one, largest first, each kept only if the whole holds
                var kept = new List<int>();
                foreach (var p in ps.OrderByDescending(p => pieceSize[p]).ThenBy(p => p))
                    if (Whole(fi, [.. kept, p]) is not null) kept.Add(p);
                if (kept.Count > 0) { ps = kept; whole = Whole(fi, ps); }
            }
            if (whole is null) continue;
            add.Add(whole);
            remove.Add(accepted[fi]);
            foreach (var p in ps) remove.Add(pieces[p]);
        }
        Replace(findings, remove, add);

        CampaignFinding? Whole(int fi, List<int> ps)
        {
            var a = findings[accepted[fi]];
            var members = new HashSet<int>(a.Members);
            foreach (var p in ps) members.UnionWith(findings[pieces[p]].Members.Where(m => !findingOf.ContainsKey(m) || findingOf[m] == fi));
            var nodes = members.Select(_g.NodeOf).Where(n => n >= 0).ToList();
            var joined = Score(nodes, nodes, a.Density);
            if (joined is null || !joined.Accepted) return null;
            if (LosesFlag(a, joined)) return null;
            // a whole that flags none of the pieces' accounts is the accepted finding again
            int gained = 0;
            for (int j = 0; j < joined.Members.Count; j++)
                if (pieceOf.TryGetValue(joined.Members[j], out var pj) && ps.Contains(pj) && Flags(joined, j)) gained++;
            return gained > 0 ? joined : null;
        }
    }

    /// <summary>
    /// Who and how, one campaign: two accepted findings that run one harness of their own and are tied by who runs them
    /// are one operation that peeling cut by how densely its parts share their other keys (random 11214: a 311-account
    /// agentic operation published as seven campaigns, all on one parameter vector 281 of whose 287 senders it flagged, and
    /// on two e-mail domains only its accounts use; 11211: a station as six, on addresses of its own and one vector).
    /// How: a system prompt or a parameter vector held by at least half the flagged members of each finding, at least half
    /// of whose holders in the log are flagged members of the accepted findings. Who: the smaller finding's flagged members
    /// that hold a card, an e-mail domain no more common than the log's yardstick of a popular one (√N accounts), an exact
    /// address that is nobody's shared egress, or a replayed artifact, that flagged members of the larger also hold, at
    /// least half of them, and two of the larger's. Not a range, a template or a tool set: operations rent from one
    /// hosting provider and use public text and published agents' tools. The harness is held by most of both: a finding
    /// that took in a few of another operation's accounts holds that operation's card and vector through them alone
    /// (random 10217: a station of 74 flagged holding two accounts of another, whose card and vector 51 of its 53 use).
    /// Pairs are joined one at a time, the most strongly tied first, when the two (or the wholes they are part of) score
    /// as one campaign; the whole keeps every account either flagged.
    /// </summary>
    private void JoinByWhoAndHow(List<CampaignFinding> findings)
    {
        var (accepted, flagged, findingOf, _) = FlaggedMembers(findings, harness: false);
        if (accepted.Count < 2) return;
        var how = new List<Dictionary<int, int>>();
        var whoHolders = new Dictionary<(int Finding, int Value), List<int>>();   // flagged members of a finding on a who value
        int whoValues = 0;
        foreach (var key in _g.Groups)
        {
            bool isWho = IsWho(key), isHow = IsHow(key);
            if (!isWho && !isHow || key.Members.Count < 2) continue;
            Dictionary<int, List<int>>? on = null;
            foreach (var m in key.Members)
                if (findingOf.TryGetValue(m, out var fi))
                {
                    on ??= new();
                    if (!on.TryGetValue(fi, out var list)) on[fi] = list = new List<int>();
                    list.Add(m);
                }
            if (on is not { Count: >= 2 } || on.Values.Sum(l => l.Count) < OwnedKeyShare * key.Members.Count) continue;
            if (isHow) how.Add(on.ToDictionary(kv => kv.Key, kv => kv.Value.Count));
            else { foreach (var (fi, list) in on) whoHolders[(fi, whoValues)] = list; whoValues++; }
        }
        var whoOf = new Dictionary<int, List<int>>();   // finding -> who values its flagged members hold
        foreach (var (fi, v) in whoHolders.Keys) { if (!whoOf.TryGetValue(fi, out var l)) whoOf[fi] = l = new(); l.Add(v); }
        var pairs = WhoAndHowPairs(flagged, how, (small, large) =>
        {
            if (!whoOf.TryGetValue(small, out var values) || !whoOf.ContainsKey(large)) return (0, 0);
            var inSmall = new HashSet<int>();
            var inLarge = new HashSet<int>();
            foreach (var v in values)
                if (whoHolders.TryGetValue((large, v), out var l))
                {
                    inSmall.UnionWith(whoHolders[(small, v)]);
                    inLarge.UnionWith(l);
                }
            return (inSmall.Count, inLarge.Count);
        });
        var parent = Enumerable.Range(0, accepted.Count).ToArray();
        var current = accepted.Select(i => findings[i]).ToArray();
        int Find(int x) { while (parent[x] != x) x = parent[x] = parent[parent[x]]; return x; }
        foreach (var (a, b, _) in pairs)
        {
            int ra = Find(a), rb = Find(b);
            if (ra == rb) continue;
            var nodes = current[ra].Members.Concat(current[rb].Members).Distinct().Select(_g.NodeOf).Where(n => n >= 0).ToList();
            var joined = Score(nodes, nodes, Math.Max(current[ra].Density, current[rb].Density));
            if (joined is null || !joined.Accepted) continue;
            KeepFlags(joined, current[ra]);
            KeepFlags(joined, current[rb]);
            int r = Math.Min(ra, rb);
            parent[Math.Max(ra, rb)] = r;
            current[r] = joined;
        }
        var remove = new HashSet<int>();
        var add = new List<CampaignFinding>();
        foreach (var g in Enumerable.Range(0, accepted.Count).GroupBy(Find).Where(g => g.Count() >= 2))
        {
            add.Add(current[g.Key]);
            foreach (var i in g) remove.Add(accepted[i]);
        }
        Replace(findings, remove, add);
    }

    /// <summary>Removes the findings at positions <paramref name="remove"/> and puts <paramref name="add"/> first, the
    /// rest after them in their order (nothing when there is nothing to add).</summary>
    private static void Replace(List<CampaignFinding> findings, HashSet<int> remove, List<CampaignFinding> add)
    {
        if (add.Count == 0) return;
        var kept = findings.Where((_, i) => !remove.Contains(i)).ToList();
        findings.Clear();
        findings.AddRange(add);
        findings.AddRange(kept);
    }

    /// <summary>The log's yardstick of a popular value: √N accounts (at least three). An e-mail domain more common than this
    /// is public mail or a large organisation's, not one payer's.</summary>
    private int DomainLimit => Math.Max(3, (int)Math.Sqrt(_builder.Profiles.Count));

    /// <summary>A value that says who runs its holders (<see cref="IsIdentity"/>) or a replayed artifact: the "who" of
    /// <see cref="JoinByWhoAndHow"/> and <see cref="RehomeByIdentity"/>.</summary>
    private bool IsWho(KeyGroup g) => g.Kind == LinkKind.ArtifactReplay || IsIdentity(g);

    /// <summary>A value that says how its holders run: a system prompt (not a tool set, which published agents share) or a
    /// parameter vector, each unless its family is switched off.</summary>
    private bool IsHow(KeyGroup g) => g.Kind switch
    {
        LinkKind.SystemPrompt => !HarnessValue.IsShape(g.Key) && !_opt.Disabled(LinkFamily.Content.ToString()),
        LinkKind.ParamSignature => !_opt.Disabled(LinkFamily.Behaviour.ToString()),
        _ => false,
    };

    /// <summary>Whether a value says who runs its holders: a card, an exact address that is nobody's shared egress, or an
    /// e-mail domain no more common than <see cref="DomainLimit"/> (each unless its family is switched off).</summary>
    private bool IsIdentity(KeyGroup g) => g.Kind switch
    {
        LinkKind.Payment => !_opt.Disabled(LinkFamily.Registration.ToString()),
        LinkKind.EmailDomain => g.Members.Count <= DomainLimit && !_opt.Disabled(LinkFamily.Registration.ToString()),
        LinkKind.Ip => !g.Egress && !_opt.Disabled(LinkFamily.Network.ToString()),
        _ => false,
    };

    /// <summary>Gives each account <paramref name="part"/> flags the member values it was flagged on, where
    /// <paramref name="whole"/> (which holds every member of the part) would not flag it.</summary>
    private void KeepFlags(CampaignFinding whole, CampaignFinding part)
    {
        for (int pos = 0; pos < part.Members.Count; pos++)
        {
            if (!Flags(part, pos)) continue;
            int w = whole.Members.BinarySearch(part.Members[pos]);
            if (w < 0 || Flags(whole, w)) continue;
            whole.Strength[w] = part.Strength[pos];
            whole.MemberHarvest[w] = part.MemberHarvest[pos];
            whole.Corroborated[w] = part.Corroborated[pos];
            if (pos < part.OperatorKey.Length && w < whole.OperatorKey.Length) whole.OperatorKey[w] ??= part.OperatorKey[pos];
        }
    }

    /// <summary>The pairs of findings <see cref="JoinByWhoAndHow"/> joins, most strongly tied first: a harness value of
    /// <paramref name="how"/> (each: how many flagged members of each finding hold it) held by at least half the flagged
    /// members of both (<paramref name="flagged"/>, by position), and <paramref name="who"/> (for the smaller finding and
    /// the larger: how many of each one's flagged members hold a who value the other's also hold) at least half the smaller
    /// one's and two of the larger's. Strength: the smaller finding's members on the who values; ties by position.</summary>
    internal static List<(int A, int B, int Strength)> WhoAndHowPairs(IReadOnlyList<int> flagged, IReadOnlyList<IReadOnlyDictionary<int, int>> how,
        Func<int, int, (int Small, int Large)> who)
    {
        var harness = new HashSet<(int, int)>();
        foreach (var on in how)
        {
            var fs = on.Keys.Where(f => on[f] >= 0.5 * flagged[f]).Order().ToArray();
            for (int i = 0; i < fs.Length; i++)
                for (int j = i + 1; j < fs.Length; j++) harness.Add((fs[i], fs[j]));
        }
        var pairs = new List<(int, int, int)>();
        foreach (var (a, b) in harness)
        {
            var (small, large) = flagged[a] < flagged[b] || (flagged[a] == flagged[b] && a < b) ? (a, b) : (b, a);
            var (s, l) = who(small, large);
            if (s >= 0.5 * flagged[small] && l >= 2) pairs.Add((a, b, s));
        }
        return pairs.OrderByDescending(p => p.Item3).ThenBy(p => p.Item1).ThenBy(p => p.Item2).ToList();
    }

    /// <summary>Which accepted finding each piece (<see cref="JoinPiecesByExit"/>) goes with, or -1. <paramref name="pieceSize"/>:
    /// the members of each piece that no accepted finding flags; <paramref name="exits"/>: per address, its holders in the
    /// log, the flagged members of each accepted finding on it and the members of each piece on it. An address counts for a
    /// piece and a finding when at least two of the finding's flagged members are on it and the two findings' accounts
    /// are at least half its holders; a piece goes with the finding whose such addresses hold most of its members, when they
    /// hold at least half of them.</summary>
    internal static int[] PieceJoins(IReadOnlyList<int> pieceSize,
        IReadOnlyList<(int Holders, IReadOnlyDictionary<int, int> Flagged, IReadOnlyDictionary<int, List<int>> Pieces)> exits)
    {
        var on = new Dictionary<(int Piece, int Finding), HashSet<int>>();
        foreach (var (holders, byFinding, byPiece) in exits)
            foreach (var (fi, nf) in byFinding)
            {
                if (nf < 2) continue;
                foreach (var (pi, members) in byPiece)
                {
                    if (nf + members.Count < 0.5 * holders) continue;
                    if (!on.TryGetValue((pi, fi), out var set)) on[(pi, fi)] = set = new HashSet<int>();
                    set.UnionWith(members);
                }
            }
        var target = new int[pieceSize.Count];
        Array.Fill(target, -1);
        foreach (var grp in on.GroupBy(kv => kv.Key.Piece))
        {
            var best = grp.OrderByDescending(kv => kv.Value.Count).ThenBy(kv => kv.Key.Finding).First();
            if (best.Value.Count >= 0.5 * pieceSize[grp.Key]) target[grp.Key] = best.Key.Finding;
        }
        return target;
    }

    /// <summary>
    /// One harness, one campaign: accepted findings that run the same harness of their own — the system prompts and
    /// templates most of each one's flagged members run, of which at least half the holders in the whole log are flagged
    /// members of these findings — are pieces of one operation that peeling cut by how densely each part shares its other
    /// keys (random 4001: a tool-use operation on a prompt of its own, 136 holders, published as ten campaigns of 3–31
    /// accounts). They are scored as one finding, which replaces them when it is accepted and holds every account they
    /// flagged; each of those keeps the flag its piece gave it (<see cref="WholeFlags.Carried"/>, as the whole of
    /// <see cref="JoinByWhoAndHow"/> keeps them). Until session 45 the whole had to flag each of them by its own scoring,
    /// and a few accounts a piece corroborated that the whole did not refused the join (random 11401, `--log`: a tool-use
    /// operation on a prompt 532 accounts run, all of them its own, stayed fourteen campaigns because the whole of ten of
    /// them would not have corroborated 4 of the 205 accounts one piece flagged). A finding that also runs a harness value
    /// of its own that none of the other's accounts run is another
    /// operation that borrowed a template (<c>CampaignDetectionTests</c>: two operations bridged by one template stay
    /// apart; the first version, which joined on any one value in common, merged them; requiring the same own harness
    /// instead joined almost nothing, since a small piece's few accounts make a small template "most of theirs"). A public prompt or a generic template is held
    /// mostly by accounts nobody flagged and joins nothing. Instruction skeletons do not join: one skeleton is one
    /// instruction under many wordings, and different operations that ask for reasoning the same way share it (the red
    /// team's evasive mix: weighted purity 0.63 → 0.53 with skeletons joining). Nor does any network or registration value.
    /// <para>
    /// A parameter vector joins as a prompt does — most of each piece's flagged members send it, most of its senders in the
    /// log are flagged members of these findings — with two differences. It is not part of the veto (pieces of one
    /// operation on one template may ask budgets of their own). And it does not join two payers — findings one of which
    /// pays with cards (two or more of its flagged members on one) where no card has flagged members in both: temperature 0
    /// with a round output budget is a choice unrelated operations make alike, and did join a station and two sweeps of
    /// random 10210, each sweep on cards of its own. Pieces that peeling cut from one payer share a card (random 10205: an
    /// agentic operation published as eleven campaigns, each small piece on a card the largest also pays with, all on one
    /// vector 382 of its accounts send). Without the registry (`analyze --log` alone) nothing else ties the crews of one sweep that
    /// exits from ranges of their own (random 10315: one sweep published as fifteen campaigns of 2–31 accounts, all on one
    /// vector that 339 accounts send, none of them a customer). (<see cref="OneHarnessOneOperator"/> still joins no operator
    /// cluster on a vector: in session 13 one a few dozen customers also send joined two stations of random 4027 there; this
    /// rule leaves today's 4027's two stations apart, with the registry and without.)
    /// </para>
    /// </summary>
    private void JoinByHarness(List<CampaignFinding> findings)
    {
        if (_opt.Disabled(LinkFamily.Content.ToString())) return;
        // Prompts and templates first, then vectors on what that left: a vector can put pieces that one template joins
        // into a larger group whose whole does not hold, and those pieces would then stay apart (random 10511: a station's
        // two pieces on a template of theirs, joined before vectors counted, grouped by its vector with two more).
        foreach (bool vectors in (ReadOnlySpan<bool>)[false, true])
        {
            var (accepted, flagged, findingOf, values) = FlaggedMembers(findings, vectors);
            if (accepted.Count < 2) return;
            var root = HarnessJoins(flagged, values.Select(v => (v.Holders, v.Held)).ToList(),
                vectors ? values.Select(v => v.Vector).ToList() : null, vectors ? HeldByFindings(findingOf, LinkKind.Payment) : null);
            // the whole must hold every account its pieces flagged: pieces are not traded for a smaller whole
            ReplaceByWholes(findings, accepted, x => root[x], WholeFlags.Carried);
        }
    }

    /// <summary>What a whole that replaces accepted findings (<see cref="ReplaceByWholes"/>) owes the accounts they flagged.</summary>
    private enum WholeFlags
    {
        /// <summary>Nothing: the whole stands on its own scoring (one payer's pieces).</summary>
        Own,
        /// <summary>It must flag every one of them by its own scoring, or the findings stay as they are (one exit).</summary>
        Required,
        /// <summary>It must hold every one of them, and keeps the flag each piece gave (one harness of their own).</summary>
        Carried,
    }

    /// <summary>
    /// Scores each group of two or more accepted findings (positions <paramref name="accepted"/>, grouped by
    /// <paramref name="group"/>) as one finding, which replaces the group when it is accepted and owes the accounts the
    /// group's findings flagged what <paramref name="flags"/> says.
    /// </summary>
    private void ReplaceByWholes(List<CampaignFinding> findings, List<int> accepted, Func<int, int> group, WholeFlags flags,
        bool satellites = false)
    {
        var remove = new HashSet<int>();
        var add = new List<CampaignFinding>();
        foreach (var g in Enumerable.Range(0, accepted.Count).GroupBy(group).Where(g => g.Count() >= 2))
        {
            var members = g.ToList();
            var joined = Whole(members);
            // With satellites, a group whose whole does not hold is tried once more without its largest finding: the
            // small pieces of one operation's exits are one campaign beside it, even where the whole would not flag
            // their accounts (one address each is a small part of what the largest one's members share).
            if (joined is null && satellites && members.Count >= 3)
            {
                members.Remove(members.MaxBy(i => findings[accepted[i]].Members.Count));
                joined = Whole(members);
            }
            if (joined is null) continue;
            add.Add(joined);
            foreach (var i in members) remove.Add(accepted[i]);
        }
        CampaignFinding? Whole(List<int> group)
        {
            var parts = group.Select(i => findings[accepted[i]]).ToList();
            var nodes = parts.SelectMany(f => f.Members).Distinct().Select(_g.NodeOf).Where(n => n >= 0).ToList();
            var joined = Score(nodes, nodes, parts.Max(f => f.Density));
            if (joined is null || !joined.Accepted) return null;
            if (flags == WholeFlags.Required && parts.Any(f => LosesFlag(f, joined))) return null;
            if (flags == WholeFlags.Carried)
            {
                if (parts.Any(f => LosesFlag(f, joined, heldIsEnough: true))) return null;
                foreach (var f in parts) KeepFlags(joined, f);
            }
            return joined;
        }
        Replace(findings, remove, add);
    }

    /// <summary>Each finding's own harness (positions in <paramref name="values"/>): the system prompts and templates held
    /// by most of its flagged members and, in the whole log, mostly by flagged members of these findings.</summary>
    private static List<int>?[] OwnHarness(IReadOnlyList<int> flagged, IReadOnlyList<(int Holders, IReadOnlyDictionary<int, int> Held)> values,
        Func<int, bool>? include = null)
    {
        var own = new List<int>?[flagged.Count];
        for (int v = 0; v < values.Count; v++)
        {
            if (include is not null && !include(v)) continue;
            var (holders, held) = values[v];
            if (held.Values.Sum() < 0.5 * holders) continue;
            foreach (var (fi, n) in held)
                if (n >= 0.5 * flagged[fi]) (own[fi] ??= new List<int>()).Add(v);
        }
        return own;
    }

    /// <summary>Whether finding <paramref name="x"/> runs a harness value of its own that none of <paramref name="y"/>'s
    /// flagged members run: another operation that borrowed a template or shares a network (two operations bridged by one
    /// template stay apart).</summary>
    private static bool ForeignHarness(List<int>?[] own, IReadOnlyList<(int Holders, IReadOnlyDictionary<int, int> Held)> values, int x, int y)
        => own[x] is { } o && o.Any(v => !values[v].Held.ContainsKey(y));

    /// <summary>The accepted findings, their flagged members (profile index → position among them) and, per harness value
    /// (system prompt, template; with <paramref name="vectors"/> parameter vectors too) the log's holders and how many flagged
    /// members of each finding hold it — none unless <paramref name="harness"/>.</summary>
    private (List<int> Accepted, List<int> Flagged, Dictionary<int, int> FindingOf, List<(int Holders, IReadOnlyDictionary<int, int> Held, bool Vector)> Harness)
        FlaggedMembers(List<CampaignFinding> findings, bool vectors = false, bool harness = true)
    {
        var accepted = new List<int>();
        var findingOf = new Dictionary<int, int>();
        var flagged = new List<int>();
        for (int i = 0; i < findings.Count; i++)
        {
            var f = findings[i];
            if (!f.Accepted) continue;
            int n = 0;
            for (int j = 0; j < f.Members.Count; j++)
                if (Flags(f, j) && findingOf.TryAdd(f.Members[j], accepted.Count)) n++;
            accepted.Add(i);
            flagged.Add(n);
        }
        var values = new List<(int, IReadOnlyDictionary<int, int>, bool)>();
        if (harness && accepted.Count >= 2)
            for (int k = _g.AccountCount; k < _g.NodeCount; k++)
            {
                var key = _g.Key(k);
                bool vector = key.Kind == LinkKind.ParamSignature;
                if (key.Kind is not (LinkKind.SystemPrompt or LinkKind.Template) && !(vectors && vector)) continue;
                if (HeldBy(k, findingOf) is { } on) values.Add((key.Members.Count, on, vector));
            }
        return (accepted, flagged, findingOf, values);
    }

    /// <summary>How many flagged members of each finding (<paramref name="findingOf"/>) hold graph key <paramref name="k"/>;
    /// null when none does.</summary>
    private Dictionary<int, int>? HeldBy(int k, Dictionary<int, int> findingOf)
    {
        Dictionary<int, int>? on = null;
        foreach (var (a, _) in _g.Adjacency[k])
            if (findingOf.TryGetValue(_g.Accounts[a], out var fi)) (on ??= new())[fi] = on.GetValueOrDefault(fi) + 1;
        return on;
    }

    /// <summary>Per graph key of <paramref name="kind"/> that flagged members hold: how many of each finding's.</summary>
    private List<IReadOnlyDictionary<int, int>> HeldByFindings(Dictionary<int, int> findingOf, LinkKind kind)
    {
        var list = new List<IReadOnlyDictionary<int, int>>();
        for (int k = _g.AccountCount; k < _g.NodeCount; k++)
            if (_g.Key(k).Kind == kind && HeldBy(k, findingOf) is { } on) list.Add(on);
        return list;
    }

    /// <summary>
    /// One exit, one operation: accepted findings that egress from the same addresses — each address mostly held by
    /// flagged members of these findings, by at least two of each — are pieces of one operation when those addresses
    /// carry at least half the smaller finding's flagged members, unless each of the two runs a harness of its own that
    /// the other's accounts never run (<see cref="ForeignHarness"/>: two operations that happen to share an exit).
    /// Peeling cuts an operation by how densely its accounts share keys; without the registry (`analyze --log` alone)
    /// nothing else ties the pieces (random 10203: one transfer station published fifteen times, its pieces on addresses
    /// whose other holders were in the largest). Exact addresses only: a range is what unrelated tenants of one cloud
    /// share; and not a shared egress (<see cref="KeyGroup.Egress"/>). As in <see cref="JoinByHarness"/>, the pieces are
    /// scored as one finding, which replaces them only when it is accepted and flags every account they flagged; failing
    /// that, the pieces without the largest are tried together (<see cref="ReplaceByWholes"/>' satellites).
    /// </summary>
    private void JoinByExit(List<CampaignFinding> findings)
    {
        if (_opt.Disabled(LinkFamily.Network.ToString())) return;
        var (accepted, flagged, findingOf, values) = FlaggedMembers(findings);
        if (accepted.Count < 2) return;
        var exits = new List<(int, IReadOnlyDictionary<int, List<int>>)>();
        for (int k = _g.AccountCount; k < _g.NodeCount; k++)
        {
            var key = _g.Key(k);
            if (key.Kind != LinkKind.Ip || key.Egress) continue;
            Dictionary<int, List<int>>? on = null;   // finding -> its flagged members on the address
            foreach (var (a, _) in _g.Adjacency[k])
            {
                if (!findingOf.TryGetValue(_g.Accounts[a], out var fi)) continue;
                on ??= new();
                if (!on.TryGetValue(fi, out var list)) on[fi] = list = new List<int>();
                list.Add(_g.Accounts[a]);
            }
            if (on is { Count: >= 2 }) exits.Add((key.Members.Count, on));
        }
        var root = ExitJoins(flagged, exits, values.Select(v => (v.Holders, v.Held)).ToList());
        ReplaceByWholes(findings, accepted, x => root[x], WholeFlags.Required, satellites: true);
    }

    /// <summary>Which findings <see cref="JoinByExit"/> joins: for each finding (by its count of flagged members), the first
    /// finding of its group. <paramref name="exits"/>: per address, its holders in the log and the flagged members of each
    /// finding on it; <paramref name="harness"/>: as for <see cref="HarnessJoins"/>, for the veto of a harness of one's own.</summary>
    internal static int[] ExitJoins(IReadOnlyList<int> flagged, IReadOnlyList<(int Holders, IReadOnlyDictionary<int, List<int>> On)> exits,
        IReadOnlyList<(int Holders, IReadOnlyDictionary<int, int> Held)> harness)
    {
        var own = OwnHarness(flagged, harness);
        // per pair of findings, the flagged members of each on addresses the two share (each address mostly held by flagged
        // members of these findings, by at least two of each)
        var shared = new Dictionary<(int, int), (HashSet<int> X, HashSet<int> Y)>();
        foreach (var (holders, on) in exits)
        {
            if (on.Values.Sum(l => l.Count) < 0.5 * holders) continue;
            var sharing = on.Where(kv => kv.Value.Count >= 2).Select(kv => kv.Key).Order().ToList();
            for (int a = 0; a < sharing.Count; a++)
                for (int b = a + 1; b < sharing.Count; b++)
                {
                    var pair = (sharing[a], sharing[b]);
                    if (!shared.TryGetValue(pair, out var sets)) shared[pair] = sets = (new HashSet<int>(), new HashSet<int>());
                    sets.X.UnionWith(on[pair.Item1]);
                    sets.Y.UnionWith(on[pair.Item2]);
                }
        }
        var parent = Enumerable.Range(0, flagged.Count).ToArray();
        int Find(int x) { while (parent[x] != x) { parent[x] = parent[parent[x]]; x = parent[x]; } return x; }
        foreach (var ((x, y), (sx, sy)) in shared.OrderBy(kv => kv.Key))
        {
            // the smaller finding's flagged members mostly on the shared addresses: a piece of the other's exits, not a
            // finding that drew a few of another operation's accounts
            double share = flagged[x] <= flagged[y] ? (double)sx.Count / Math.Max(1, flagged[x]) : (double)sy.Count / Math.Max(1, flagged[y]);
            // two operations each with a harness of its own that the other's accounts never run stay apart; a piece
            // without one (relayed traffic, the accounts a peeling left over) is not another operation for lacking it
            if (share < 0.5 || (ForeignHarness(own, harness, x, y) && ForeignHarness(own, harness, y, x))) continue;
            int ra = Find(x), rb = Find(y);
            if (ra != rb) parent[Math.Max(ra, rb)] = Math.Min(ra, rb);
        }
        return Enumerable.Range(0, flagged.Count).Select(Find).ToArray();
    }

    /// <summary>Which findings <see cref="JoinByHarness"/> joins: for each finding (by its count of flagged members), the
    /// first finding of its group. <paramref name="values"/>: per harness value, its holders in the log and how many flagged
    /// members of each finding hold it. Two findings are joined when they share a value of their own harness — one most of
    /// each one's flagged members run, mostly held by flagged members — and neither runs a value of its own harness that
    /// none of the other's flagged members run.</summary>
    internal static int[] HarnessJoins(IReadOnlyList<int> flagged, IReadOnlyList<(int Holders, IReadOnlyDictionary<int, int> Held)> values,
        IReadOnlyList<bool>? vector = null, IReadOnlyList<IReadOnlyDictionary<int, int>>? cards = null)
    {
        var own = OwnHarness(flagged, values);
        // the veto reads prompts and templates only: pieces of one operation on one template may ask budgets of their own
        var ownWording = vector is null ? own : OwnHarness(flagged, values, v => !vector[v]);
        bool Foreign(int x, int y) => ForeignHarness(ownWording, values, x, y);
        // two payers: one of them pays with cards (two or more of its flagged members on one) and no card has flagged
        // members in both
        bool PayersApart(int x, int y) => cards is not null
            && cards.Any(c => c.GetValueOrDefault(x) >= 2 || c.GetValueOrDefault(y) >= 2)
            && !cards.Any(c => c.ContainsKey(x) && c.ContainsKey(y));
        var parent = Enumerable.Range(0, flagged.Count).ToArray();
        int Find(int x) { while (parent[x] != x) { parent[x] = parent[parent[x]]; x = parent[x]; } return x; }
        for (int v = 0; v < values.Count; v++)
        {
            var sharing = values[v].Held.Keys.Where(fi => own[fi]?.Contains(v) == true).Order().ToList();
            for (int a = 0; a < sharing.Count; a++)
                for (int b = a + 1; b < sharing.Count; b++)
                {
                    int x = sharing[a], y = sharing[b];
                    if (Foreign(x, y) || Foreign(y, x)) continue;
                    // a parameter vector is a choice unrelated operations can make alike (temperature 0 and a round output
                    // budget): it does not join two payers
                    if (vector?[v] == true && PayersApart(x, y)) continue;
                    int ra = Find(x), rb = Find(y);
                    if (ra != rb) parent[Math.Max(ra, rb)] = Math.Min(ra, rb);
                }
        }
        return Enumerable.Range(0, flagged.Count).Select(Find).ToArray();
    }

    /// <summary>
    /// The operator clusters to gather (<see cref="GatherOperators"/>): each cluster's members tied by a card, rotating
    /// exits or a batch's domain (<see cref="KeyGroupBuilder.PaysOrRotates"/>), in parts connected by those values (an
    /// identity cluster that a hosting range two operations rent connects holds both), and parts that run one harness joined: when most members of
    /// each run the same system prompt, and most of that prompt's holders in the log are in such clusters (the operators'
    /// own, not a public agent's prompt), a hydra that paid with one card per sign-up batch is one operation, not one per
    /// card. A parameter vector does not join them: two stations of random 4027, each on cards of its own, shared an SDK's
    /// parameter vector that a few dozen customers also send, and were published as one.
    /// </summary>
    private List<List<int>> OneHarnessOneOperator()
    {
        // each cluster's strongly tied members, in parts connected by the values that tie them: an identity cluster
        // connected through a hosting range two operations rent holds both (each on cards of its own)
        var clusters = new List<List<int>>();
        foreach (var whole in _builder.OperatorClusters)
        {
            var members = whole.Where(_builder.PaysOrRotates).ToList();
            var byValue = new Dictionary<string, int>();
            var part = Enumerable.Range(0, members.Count).ToArray();
            int Root(int x) { while (part[x] != x) { part[x] = part[part[x]]; x = part[x]; } return x; }
            for (int i = 0; i < members.Count; i++)
                foreach (var v in _builder.StrongTies(members[i]))
                {
                    if (!byValue.TryGetValue(v, out var j)) { byValue[v] = i; continue; }
                    int ra = Root(i), rb = Root(j);
                    if (ra != rb) part[Math.Max(ra, rb)] = Math.Min(ra, rb);
                }
            foreach (var g in Enumerable.Range(0, members.Count).GroupBy(Root))
                if (g.Count() >= _opt.MinCampaignAccounts) clusters.Add(g.Select(i => members[i]).ToList());
        }
        var inClusters = new HashSet<int>(clusters.SelectMany(c => c));
        var parent = Enumerable.Range(0, clusters.Count).ToArray();
        int Find(int x) { while (parent[x] != x) { parent[x] = parent[parent[x]]; x = parent[x]; } return x; }
        var first = new Dictionary<ulong, int>();   // system prompt -> the first part that runs it
        for (int c = 0; c < clusters.Count; c++)
        {
            var top = new Dictionary<ulong, int>();
            foreach (var m in clusters[c])
            {
                var v = _builder.Profiles[m].SystemPrompts;
                int t = v.TopIndex();
                if (t >= 0) top[v.KeyAt(t)] = top.GetValueOrDefault(v.KeyAt(t)) + 1;
            }
            foreach (var (key, n) in top)
            {
                if (n < 0.5 * clusters[c].Count || _builder.HoldersOf(LinkKind.SystemPrompt, key) is not { } holders) continue;
                if (holders.Count(inClusters.Contains) < 0.5 * holders.Count) continue;
                if (!first.TryGetValue(key, out var other)) { first[key] = c; continue; }
                int ra = Find(c), rb = Find(other);
                if (ra != rb) parent[Math.Max(ra, rb)] = Math.Min(ra, rb);
            }
        }
        return Enumerable.Range(0, clusters.Count).GroupBy(Find).Select(g => g.SelectMany(c => clusters[c]).Distinct().Order().ToList()).ToList();
    }

    /// <summary>A hash of an ascending list of profile indexes: a move once turned down is not scored again.</summary>
    private static ulong SetHash(List<int> sorted)
    {
        ulong h = (ulong)sorted.Count;
        foreach (var m in sorted) h = Hashing.Combine(h, (ulong)m);
        return h;
    }

    /// <summary>Whether a value ties an account to a finding (<see cref="RehomeByIdentity"/>): <paramref name="held"/> of the
    /// finding's flagged members, not counting the account, hold it — at least half of the value's
    /// <paramref name="otherHolders"/> (its holders in the log other than the account), and at least two unless the value
    /// is one only its payer or recipient holds (<paramref name="personal"/>: a card, a replayed artifact). Two accounts
    /// of two operations can sign up on one small domain or buy one residential exit; they do not share a card.</summary>
    internal static bool TiesTo(int held, int otherHolders, bool personal) => held >= (personal ? 1 : 2) && held >= OwnedKeyShare * otherHolders;

    /// <summary>
    /// The finding a flagged member of finding <paramref name="own"/> belongs with (<see cref="RehomeByIdentity"/>), or -1
    /// to stay: the finding most of its who values tie it to (<paramref name="who"/>: per finding, how many), when none
    /// ties it to its own, no other finding is tied as often, and its harness (<paramref name="how"/>: system prompts and
    /// parameter vectors, counted alike) ties it to its own finding no more than to that one.
    /// </summary>
    internal static int IdentityHome(int own, IReadOnlyDictionary<int, int> who, IReadOnlyDictionary<int, int>? how)
    {
        if (who.Count == 0 || who.ContainsKey(own)) return -1;
        int most = who.Values.Max();
        var top = who.Where(kv => kv.Value == most).ToList();
        if (top.Count != 1) return -1;
        int home = top[0].Key;
        return how is not null && how.GetValueOrDefault(own) > how.GetValueOrDefault(home) ? -1 : home;
    }

    /// <summary>Leaves <paramref name="f"/> flagging no account by its own standing that neither <paramref name="x"/> nor
    /// <paramref name="y"/> flagged: a regrouping says where accounts belong, and an account's involvement and harvest
    /// measured against a regrouped median are not new evidence about it. An operator key the regrouping completes stays
    /// (<see cref="Score"/>: a card, or an exact address or small domain at least half of whose holders are the finding's
    /// corroborated harvesting accounts, on which a corroborated member runs): an operation whose harvesting accounts were
    /// split over two findings left no piece holding half of its own address's holders, and once they are one finding the
    /// address is the operation's, as it would have been had they been peeled as one (random 11515: an agentic harvest of
    /// 77 on hosting addresses all of whose holders are its accounts; a piece of it held 10 of 21 holders of one of them,
    /// the regrouped finding 14, and the accounts that run from it with little harvest of their own stayed at watch).</summary>
    private void KeepOnlyFlags(CampaignFinding f, CampaignFinding x, CampaignFinding y)
        => KeepOnlyFlags(f, m => FlaggedBy(x, m) || FlaggedBy(y, m), keepOperatorKeys: true);

    /// <summary>Leaves <paramref name="part"/> flagging no account that <paramref name="whole"/> did not flag.</summary>
    private void KeepOnlyFlags(CampaignFinding part, CampaignFinding whole) => KeepOnlyFlags(part, m => FlaggedBy(whole, m));

    /// <summary>Takes from <paramref name="f"/> every flag on an account <paramref name="keep"/> refuses (its strength and,
    /// unless <paramref name="keepOperatorKeys"/>, its operator key: what <see cref="Flags"/> reads).</summary>
    private void KeepOnlyFlags(CampaignFinding f, Func<int, bool> keep, bool keepOperatorKeys = false)
    {
        for (int j = 0; j < f.Members.Count; j++)
        {
            if (!Flags(f, j) || keep(f.Members[j])) continue;
            f.Strength[j] = 0;
            if (!keepOperatorKeys && j < f.OperatorKey.Length) f.OperatorKey[j] = null;
        }
    }

    /// <summary>Whether finding <paramref name="f"/> holds account <paramref name="m"/> and flags it.</summary>
    private bool FlaggedBy(CampaignFinding f, int m) => f.Members.BinarySearch(m) is var q and >= 0 && Flags(f, q);

    /// <summary>Whether <paramref name="whole"/> leaves out, or (unless <paramref name="heldIsEnough"/>) does not flag, an
    /// account <paramref name="part"/> flagged.</summary>
    private bool LosesFlag(CampaignFinding part, CampaignFinding whole, bool heldIsEnough = false)
    {
        for (int j = 0; j < part.Members.Count; j++)
            if (Flags(part, j) && (whole.Members.BinarySearch(part.Members[j]) is var q && (q < 0 || (!heldIsEnough && !Flags(whole, q))))) return true;
        return false;
    }

    /// <summary>Whether the member at <paramref name="pos"/> of an accepted finding gets the campaign verdict from it
    /// (as <see cref="Scoring.AccountScorer"/> decides).</summary>
    private bool Flags(CampaignFinding f, int pos) => f.Flags(pos, _opt.MinMemberStrength);

    /// <summary>Whether the member at <paramref name="pos"/> is flagged by its own standing in the finding (involvement,
    /// harvest on its keys, corroboration), not through an operator key.</summary>
    private bool OwnStanding(CampaignFinding f, int pos)
        => f.OwnStanding(pos, _opt.MinMemberStrength);

    /// <summary>
    /// One operator, one campaign. An operator cluster (<see cref="KeyGroupBuilder.OperatorClusters"/>: accounts tied by
    /// identity that act as one) is found over the whole log, but peeling cuts the graph by how densely accounts share
    /// keys: an operation behind a proxy pool, each of whose accounts shares a few keys with a few others, ends in
    /// several blocks — some too thin to publish, some pieces of another operation's block where its accounts are not
    /// corroborated (random 4001: a tool-use operation of 137 accounts, 126 of them tied as one operator, was published
    /// as pieces holding 40). Each cluster with members left unflagged, or published in two or more pieces that are
    /// mostly its own, is scored once more as a whole — its members tied by a card they share, rotating exits or a
    /// batch's domain (<see cref="OneHarnessOneOperator"/>; with only an address or a name, agent-platform users whose
    /// platform's prompt an operation runs were gathered with it): its members not
    /// flagged by another operation's finding, together with the findings it makes up most of (its pieces). When that
    /// finding is accepted and flags every account its pieces flagged (and more, unless it joins pieces), it replaces its pieces (members a piece held without flagging them are left to their other
    /// findings, if any). Otherwise the cluster's members nobody flags are scored by themselves and, when accepted, published
    /// beside the pieces (random 4006: a piece also held a replay ring's accounts, which the whole did not flag). Findings
    /// made mostly of other accounts keep the cluster's members they flag.
    /// </summary>
    private void GatherOperators(List<CampaignFinding> findings)
    {
        if (_builder.OperatorClusters.Count == 0) return;
        foreach (var cluster in OneHarnessOneOperator()) GatherOperator(findings, cluster);
    }

    private void GatherOperator(List<CampaignFinding> findings, List<int> cluster)
    {
        var inCluster = new HashSet<int>(cluster);
        var flaggedBy = new Dictionary<int, int>();   // cluster member -> finding that flags it
        var pieces = new List<int>();
        for (int i = 0; i < findings.Count; i++)
        {
            var f = findings[i];
            if (!f.Accepted) continue;
            int flagged = 0, ours = 0;
            for (int j = 0; j < f.Members.Count; j++)
            {
                if (!Flags(f, j)) continue;
                flagged++;
                if (!inCluster.Contains(f.Members[j])) continue;
                ours++;
                flaggedBy.TryAdd(f.Members[j], i);
            }
            if (ours > 0 && ours >= 0.5 * flagged) pieces.Add(i);
        }
        int unflagged = cluster.Count(m => !flaggedBy.ContainsKey(m));
        if (unflagged < _opt.MinCampaignAccounts && pieces.Count < 2) return;
        var pieceSet = new HashSet<int>(pieces);
        // a piece's flagged members come along; the accounts it holds without flagging them are not the cluster's
        var before = new List<int>();
        foreach (var i in pieces)
            for (int j = 0; j < findings[i].Members.Count; j++) if (Flags(findings[i], j)) before.Add(findings[i].Members[j]);
        var accounts = new SortedSet<int>(before);
        foreach (var m in cluster)
            if (!flaggedBy.TryGetValue(m, out var by) || pieceSet.Contains(by)) accounts.Add(m);
        var nodes = accounts.Select(_g.NodeOf).Where(n => n >= 0).ToList();
        if (nodes.Count < _opt.MinCampaignAccounts) return;
        var gathered = Score(nodes, nodes, pieces.Count > 0 ? pieces.Max(i => findings[i].Density) : double.NaN, inCluster);
        if (gathered is null || !gathered.Accepted) return;
        // it must flag every account its pieces flagged, and more: a cluster's members are not traded for others
        int gained = 0;
        for (int j = 0; j < gathered.Members.Count; j++) if (Flags(gathered, j)) gained++;
        if (gained < before.Count || (gained == before.Count && pieces.Count < 2)
            || before.Any(m => gathered.Members.BinarySearch(m) is var q && (q < 0 || !Flags(gathered, q))))
        {
            if (unflagged < _opt.MinCampaignAccounts) return;
            // Otherwise the members nobody flags are scored on their own, beside the pieces.
            var left = cluster.Where(m => !flaggedBy.ContainsKey(m)).Select(_g.NodeOf).Where(n => n >= 0).ToList();
            if (left.Count < _opt.MinCampaignAccounts || Score(left, left, double.NaN, inCluster) is not { Accepted: true } rest) return;
            if (!Enumerable.Range(0, rest.Members.Count).Any(j => Flags(rest, j))) return;
            findings.Insert(0, rest);
            return;
        }
        Replace(findings, pieceSet, [gathered]);
    }

    /// <summary>
    /// One payer, one campaign: two accepted findings, at least half of whose corroborated members each pay with cards
    /// that both hold at least two of (<see cref="SamePayerShare"/>), are one operation that peeling or the community
    /// split cut in pieces (random 4004: one card, 57 accounts, published as four campaigns of 39, 8, 6 and 4). Pieces
    /// joined so, transitively, are scored as one finding, which replaces them when it is accepted. A finding that drew
    /// a few of another operation's accounts (1–17 % of its members on the development logs) is not joined to it.
    /// </summary>
    private void JoinByPayer(List<CampaignFinding> findings)
    {
        if (_opt.Disabled("registration")) return;
        var accepted = new List<int>();
        var findingOf = new Dictionary<int, int>();   // profile index -> position in accepted
        for (int i = 0; i < findings.Count; i++)
        {
            if (!findings[i].Accepted) continue;
            var f = findings[i];
            for (int j = 0; j < f.Members.Count; j++)
                if (j < f.Corroborated.Length && f.Corroborated[j]) findingOf.TryAdd(f.Members[j], accepted.Count);
            accepted.Add(i);
        }
        if (accepted.Count < 2) return;
        var parent = Enumerable.Range(0, accepted.Count).ToArray();
        int Find(int x) { while (parent[x] != x) { parent[x] = parent[parent[x]]; x = parent[x]; } return x; }
        // cards at least two corroborated members of each of two findings pay with: the pair's shared payers
        var shared = new Dictionary<(int, int), List<int>>();
        var on = new Dictionary<int, int>();
        for (int k = _g.AccountCount; k < _g.NodeCount; k++)
        {
            if (_g.Key(k).Kind != LinkKind.Payment) continue;
            on.Clear();
            foreach (var (a, _) in _g.Adjacency[k])
                if (findingOf.TryGetValue(_g.Accounts[a], out var fi)) on[fi] = on.GetValueOrDefault(fi) + 1;
            var holding = on.Where(kv => kv.Value >= 2).Select(kv => kv.Key).Order().ToList();
            for (int x = 0; x < holding.Count; x++)
                for (int y = x + 1; y < holding.Count; y++)
                {
                    if (!shared.TryGetValue((holding[x], holding[y]), out var cards)) shared[(holding[x], holding[y])] = cards = new List<int>();
                    cards.Add(k);
                }
        }
        // joined when each finding's corroborated members mostly pay with those shared cards: two pieces of one payer's
        // operation, not a finding that drew a few of another operation's accounts (development logs: such stragglers
        // are 1–17 % of the finding that drew them)
        int Paying(int fi, List<int> cards)
        {
            var members = new HashSet<int>();
            foreach (var k in cards)
                foreach (var (a, _) in _g.Adjacency[k])
                    if (findingOf.TryGetValue(_g.Accounts[a], out var f) && f == fi) members.Add(a);
            return members.Count;
        }
        var corroborated = new int[accepted.Count];
        foreach (var fi in findingOf.Values) corroborated[fi]++;
        int Corroborated(int fi) => corroborated[fi];
        foreach (var ((x, y), cards) in shared)
        {
            if (Paying(x, cards) < SamePayerShare * Corroborated(x) || Paying(y, cards) < SamePayerShare * Corroborated(y)) continue;
            int ra = Find(x), rb = Find(y);
            if (ra != rb) parent[Math.Max(ra, rb)] = Math.Min(ra, rb);
        }
        ReplaceByWholes(findings, accepted, Find, WholeFlags.Own);
    }

    /// <summary>
    /// Identity clusters with operator evidence (<see cref="KeyGroupBuilder.OperatorClusters"/>) that peeling left
    /// behind — a throttled operation whose accounts each send a few requests shares its keys too thinly for a dense
    /// block — are candidates of their own: the cluster's members still in this component, grown like a peeled block
    /// by the accounts corroborated on its keys, then scored like any block.
    /// </summary>
    private void SeedOperators(List<int> comp, bool[] alive, List<CampaignFinding> findings)
    {
        HashSet<int>? inComp = null;
        foreach (var cluster in _builder.OperatorClusters)
        {
            var blockAccounts = new List<int>();
            foreach (var m in cluster)
            {
                int node = _g.NodeOf(m);
                if (node < 0 || !alive[node]) continue;
                inComp ??= new HashSet<int>(comp);
                if (inComp.Contains(node)) blockAccounts.Add(node);
            }
            if (blockAccounts.Count < _opt.MinCampaignAccounts) continue;
            // the cluster's keys: those at least two of its members share
            var count = new Dictionary<int, int>();
            foreach (var a in blockAccounts)
                foreach (var (k, _) in _g.Adjacency[a])
                    if (alive[k]) count[k] = count.GetValueOrDefault(k) + 1;
            var blockKeys = count.Where(kv => kv.Value >= 2).Select(kv => kv.Key).ToHashSet();
            if (blockKeys.Count == 0) continue;
            Absorb(comp, alive, blockAccounts, blockKeys);
            for (int grow = 0; grow < 3 && Grow(alive, blockAccounts, blockKeys); grow++) Absorb(comp, alive, blockAccounts, blockKeys);
            foreach (var part in SplitByIdentity(blockAccounts, blockKeys))
            {
                var f = Score(part, blockKeys.Concat(part).ToList(), double.NaN);
                if (f is not null) findings.Add(f);
            }
            foreach (var a in blockAccounts) alive[a] = false;
        }
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

    /// <summary>Most holders a key may have for all its pairs to be enumerated in <see cref="SplitCommunities"/>; a
    /// larger key links each holder to <see cref="SampledPartners"/> random others instead.</summary>
    private const int ExactPairHolders = 64;
    private const int SampledPartners = 24;

    private static ulong Mix(ulong a, ulong b, ulong c)
    {
        ulong z = a * 0x9E3779B97F4A7C15UL ^ b * 0xC2B2AE3D27D4EB4FUL ^ c * 0x165667B19E3779F9UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>
    /// Two parts of a campaign whose pairs are linked at least this fraction as densely as the campaign's average pair
    /// are one operation (<see cref="SplitCommunities"/>). Measured on the simulator's scenarios: fragments of one
    /// operation 0.7–1.0 × the average, distinct operations bridged by a shared skeleton or parameter set 0.1–0.2 ×.
    /// </summary>
    private const double SameOperationLinkage = 1.0 / 3;

    /// <summary>Share of a key's holders that must be members of a group for the group to own it: more of its holders
    /// are in the group than outside it (an operation found in two parts still owns its cards in each).</summary>
    private const double OwnedKeyShare = 0.5;

    /// <summary>Share of each of two findings' corroborated members that must pay with cards both hold for the two to be one
    /// payer's operation (<see cref="JoinByPayer"/>): most of each, so a few stragglers of one operation in another's
    /// finding do not join them.</summary>
    private const double SamePayerShare = 0.5;

    /// <summary>Harvest on its keys a corroborated member needs for a campaign verdict (<see cref="Scoring.AccountScorer"/>).</summary>
    public const double MemberHarvestForCampaign = 0.3;

    /// <summary>Share of a finding's (sampled) members that must be one organisation's declared accounts for it to be that
    /// organisation's fleet (<see cref="CoordinationMeter.DeclaredShare"/>).</summary>
    public const double DeclaredShare = CoordinationMeter.DeclaredShare;

    /// <summary>
    /// An accepted campaign may still be two operations that one popular thing bridges (a skeleton every chain-of-
    /// thought sweep uses, a shared parameter set, the same release pivot). Its members are projected onto an account
    /// graph — two accounts weigh what they share: for each key held by at most half the campaign, min of their edge
    /// weights over the key's holders − 1 (a key everyone holds says nothing about sub-groups) — and partitioned by
    /// Louvain modularity. The campaign is split only when the partition is clear (modularity ≥
    /// <see cref="DetectorOptions.MinSplitModularity"/>), the communities still form two or more operations once those
    /// linked like one are merged (<see cref="Regroup"/>; parts smaller than 5 % of the campaign then join the part
    /// they are most bound to), each part scores as a campaign of its own, and no member's verdict changes. Otherwise null.
    /// </summary>
    /// <summary>The account graph of <paramref name="accounts"/> (account nodes) as weighted pairs (see <see cref="SplitCommunities"/>), or null when no key links two of them.</summary>
    private List<(int, int, double)>? PairEdges(List<int> accounts)
    {
        int n = accounts.Count;
        var index = new Dictionary<int, int>(n);
        for (int i = 0; i < n; i++) index[accounts[i]] = i;
        var keys = new SortedSet<int>();
        foreach (var a in accounts) foreach (var (k, _) in _g.Adjacency[a]) keys.Add(k);
        // Pair weights as (pair, weight) entries, summed after a sort: a large campaign makes millions of them.
        var entries = PairBuffer.Rent();
        var holders = new List<(int Index, double W)>();
        foreach (var k in keys)
        {
            holders.Clear();
            foreach (var (a, w) in _g.Adjacency[k]) if (index.TryGetValue(a, out int ai)) holders.Add((ai, w));
            int h = holders.Count;
            if (h < 2 || h > n / 2) continue;
            holders.Sort((x, y) => x.Index.CompareTo(y.Index));
            if (h <= ExactPairHolders)
            {
                for (int x = 0; x < h; x++)
                    for (int y = x + 1; y < h; y++)
                        entries.Add(((long)holders[x].Index * n + holders[y].Index, Math.Min(holders[x].W, holders[y].W) / (h - 1)));
                continue;
            }
            // A large key: each holder is linked to SampledPartners others drawn at random (deterministically), a
            // sparse random graph with each holder's total as in the full clique — random, so it has no community
            // structure of its own for the partition to find.
            for (int x = 0; x < h; x++)
                for (int d = 0; d < SampledPartners; d++)
                {
                    int y = (x + 1 + (int)(Mix((ulong)k, (ulong)x, (ulong)d) % (ulong)(h - 1))) % h;
                    var (i, wi) = holders[x];
                    var (j, wj) = holders[y];
                    long pk = i < j ? (long)i * n + j : (long)j * n + i;
                    entries.Add((pk, Math.Min(wi, wj) * 0.5 / SampledPartners));
                }
        }
        if (entries.Count == 0) { PairBuffer.Return(entries); return null; }
        entries.Sort((x, y) => x.Pair.CompareTo(y.Pair));
        var edges = new List<(int, int, double)>();
        for (int e = 0; e < entries.Count;)
        {
            long pk = entries[e].Pair;
            double w = 0;
            for (; e < entries.Count && entries[e].Pair == pk; e++) w += entries[e].W;
            edges.Add(((int)(pk / n), (int)(pk % n), w));
        }
        PairBuffer.Return(entries);
        entries = null;
        return edges;
    }

    /// <summary>
    /// A turned-down block may hold an operation bridged to accounts that dilute it: the block is then split by communities
    /// as an accepted one is (<see cref="SplitCommunities"/>), each part scored on its own, and the parts replace it when at
    /// least one of them is accepted. Nothing is flagged that its own part's score does not flag; the parts turned down stay
    /// turned down. A transfer station whose relayed customers send a course's homework template was peeled together with
    /// that course's seventy students (the blind red team's adaptive 25: 26 station accounts and 70 students in one block
    /// of 96, turned down at 0.23 on the students' diluted harvest), and the station was in no other block.
    /// </summary>
    private List<CampaignFinding>? SplitTurnedDown(List<int> accounts, List<int> block, double density)
    {
        if (CommunityParts(accounts) is not { } parts) return null;
        int minPart = MinPart(accounts.Count);
        var keyNodes = block.Where(x => !_g.IsAccount(x)).ToList();
        var result = new List<CampaignFinding>();
        foreach (var part in parts)
        {
            if (Score(part, keyNodes.Concat(part).ToList(), density) is not { } f) continue;
            // A part stands as a campaign of its own only when it flags as many accounts as a part must hold: what it
            // recovers is an operation, and two colleagues on a small domain of their own are the known limit on pairs
            // (development random 11404: a developer and a benchmark researcher, a three-account part flagging two).
            if (f.Accepted && Enumerable.Range(0, f.Members.Count).Count(pos => Flags(f, pos)) < minPart) f.Accepted = false;
            result.Add(f);
        }
        return result.Any(f => f.Accepted) ? result : null;
    }

    /// <summary>The operations in a block's accounts by their pair graph: Louvain communities merged by <see cref="Regroup"/>,
    /// or null when the graph is not modular enough or fewer than two parts of <see cref="MinPart"/> accounts remain.</summary>
    private List<List<int>>? CommunityParts(List<int> accounts)
    {
        int n = accounts.Count;
        int minPart = MinPart(n);
        if (n < 2 * minPart) return null;
        var edges = PairEdges(accounts);
        if (edges is null) return null;
        var (community, q) = Louvain.Partition(n, edges);
        if (q < _opt.MinSplitModularity) return null;
        var assign = Regroup(n, community, edges, minPart, SameOperationLinkage);
        if (assign is null) return null;
        return Enumerable.Range(0, assign.Max() + 1).Select(g => accounts.Where((_, i) => assign[i] == g).ToList()).ToList();
    }

    private List<CampaignFinding>? SplitCommunities(List<int> accounts, List<int> block, double density, CampaignFinding whole, int depth = 0)
    {
        if (CommunityParts(accounts) is not { } parts) return null;
        var keyNodes = block.Where(x => !_g.IsAccount(x)).ToList();
        var result = new List<CampaignFinding>();
        foreach (var part in parts)
        {
            var f = Score(part, keyNodes.Concat(part).ToList(), density);
            // The one exception to "a split never changes a verdict": a part that is an organisation's own declared
            // fleet, bridged to an operation by something popular, is reported on its own (rejected), not flagged.
            if (f is not null && !f.Accepted && f.Coordination.Organisation >= DeclaredShare) { result.Add(f); continue; }
            if (f is null || !f.Accepted) return null;
            KeepWholeStanding(f, whole);
            // A part may itself hold two operations (its own average is the yardstick now).
            if (depth < 3 && SplitCommunities(part, block, density, f, depth + 1) is { } sub) result.AddRange(sub);
            else result.Add(f);
        }
        return result;
    }

    /// <summary>
    /// Turns a modularity partition of a finding's account graph into operations: communities whose pairs are linked at
    /// least <paramref name="linkage"/> × as densely as the finding's average pair are one operation and are merged,
    /// closest first (average linkage) — modularity also finds one operation's own sub-structure, its churn chains and
    /// template variants. Only then are sizes judged: merged parts smaller than <paramref name="minPart"/> join the part
    /// they are most bound to (isolated ones: the largest part). Merging first matters: one large operation can come
    /// out of the partition as thirty communities each below the size floor, beside a smaller operation that came out
    /// whole; judged before merging, the large operation would have no part of campaign size and the two would stay one.
    /// Returns each account's part (0-based, parts ordered by their first account), or null when fewer than two parts
    /// of at least <paramref name="minPart"/> accounts remain.
    /// </summary>
    internal static int[]? Regroup(int n, int[] community, IReadOnlyList<(int A, int B, double W)> edges, int minPart, double linkage)
    {
        if (n < 2) return null;
        int count = community.Max() + 1;
        var size = new double[count];
        foreach (var c in community) size[c]++;
        var bond = new Dictionary<int, double>[count];
        for (int c = 0; c < count; c++) bond[c] = new Dictionary<int, double>();
        double sum = 0;
        foreach (var (i, j, w) in edges)
        {
            sum += w;
            int ci = community[i], cj = community[j];
            if (ci == cj) continue;
            bond[ci][cj] = bond[ci].GetValueOrDefault(cj) + w;
            bond[cj][ci] = bond[cj].GetValueOrDefault(ci) + w;
        }
        double threshold = linkage * sum / (n * (n - 1) / 2.0);
        // Closest pair first; a pair's entry is stale once either side has merged since it was queued.
        var version = new int[count];
        var alive = new bool[count];
        Array.Fill(alive, true);
        var queue = new PriorityQueue<(int X, int Y, int Vx, int Vy), (double, int, int)>();
        void Offer(int x, int y)
        {
            if (x > y) (x, y) = (y, x);
            double cross = bond[x][y] / (size[x] * size[y]);
            if (cross >= threshold && cross > 0) queue.Enqueue((x, y, version[x], version[y]), (-cross, x, y));
        }
        for (int x = 0; x < count; x++) foreach (var y in bond[x].Keys) if (x < y) Offer(x, y);
        var root = Enumerable.Range(0, count).ToArray();
        while (queue.TryDequeue(out var e, out _))
        {
            if (!alive[e.X] || !alive[e.Y] || version[e.X] != e.Vx || version[e.Y] != e.Vy) continue;
            int keep = e.X, gone = e.Y;
            foreach (var (z, w) in bond[gone])
            {
                if (z == keep) continue;
                bond[keep][z] = bond[keep].GetValueOrDefault(z) + w;
                bond[z].Remove(gone);
                bond[z][keep] = bond[keep][z];
            }
            bond[keep].Remove(gone);
            bond[gone].Clear();
            size[keep] += size[gone];
            alive[gone] = false;
            root[gone] = keep;
            version[keep]++;
            foreach (var z in bond[keep].Keys) Offer(keep, z);
        }
        int Root(int c) { while (root[c] != c) c = root[c]; return c; }

        var large = Enumerable.Range(0, count).Where(c => alive[c] && size[c] >= minPart).ToList();
        if (large.Count < 2) return null;
        int largest = large.MaxBy(c => size[c]);
        var part = new int[count];   // merged community -> large part it belongs to
        for (int c = 0; c < count; c++)
        {
            if (!alive[c]) continue;
            part[c] = size[c] >= minPart ? c : large.MaxBy(l => (bond[c].GetValueOrDefault(l), l == largest ? 1 : 0, -l));
        }
        var assign = new int[n];
        var number = new Dictionary<int, int>();
        for (int i = 0; i < n; i++)
        {
            int p = part[Root(community[i])];
            if (!number.TryGetValue(p, out int k)) number[p] = k = number.Count;
            assign[i] = k;
        }
        return assign;
    }

    /// <summary>The accepted finding that owns a key (<paramref name="onKey"/>: its holders in each accepted finding; the
    /// key has <paramref name="holders"/> holders): at least two of its members and half of the key's holders; -1 for none.</summary>
    internal static int KeyOwner(IReadOnlyDictionary<int, int> onKey, int holders)
    {
        foreach (var (fi, n) in onKey.OrderBy(kv => kv.Key))
            if (n >= 2 && n >= OwnedKeyShare * holders) return fi;
        return -1;
    }

    /// <summary>Whether an account in no accepted finding is scored with the finding whose keys bind it most
    /// (<see cref="AdoptStrays"/>): that binding (<paramref name="onFinding"/>) is at least half of all its binding
    /// (<paramref name="all"/>), corroborated by two families (<see cref="Corroborated"/>), and at least 30 % of the
    /// finding's median member's on the same keys (<paramref name="median"/>), as <see cref="Absorb"/> asks of a block.</summary>
    internal static bool Adopts(double onFinding, double all, bool corroborated, double median)
        => corroborated && onFinding > 0 && onFinding >= 0.5 * all && onFinding >= 0.3 * median;

    /// <summary>
    /// Whether most of an address's holders run one system prompt (not a tool set) that most of its own holders run outside
    /// the group: the address is then that product's egress, not an exit of the group's (<see cref="ProductEgress(int, IEnumerable{ValueTuple{ulong, int}}, Func{ulong, ValueTuple{int, int}})"/>).
    /// </summary>
    private bool ProductEgress(KeyGroup address, Dictionary<int, int> memberPos)
    {
        if (!_addressPrompts.TryGetValue(address.Id, out var prompts))
        {
            // the system prompts (not tool sets) on at least half of the address's holders: a fact of the address, kept
            var onPrompt = new Dictionary<ulong, int>();
            foreach (var m in address.Members)
            {
                var sp = _builder.Profiles[m].SystemPrompts;
                for (int i = 0; i < sp.Count; i++)
                {
                    var key = sp.KeyAt(i);
                    if (!HarnessValue.IsShape(key)) onPrompt[key] = onPrompt.GetValueOrDefault(key) + 1;
                }
            }
            _addressPrompts[address.Id] = prompts = onPrompt.Where(kv => kv.Value >= OwnedKeyShare * address.Members.Count)
                .OrderBy(kv => kv.Key).Select(kv => (kv.Key, kv.Value)).ToArray();
        }
        return ProductEgress(address.Members.Count, prompts, prompt =>
        {
            var holders = _builder.HoldersOf(LinkKind.SystemPrompt, prompt);
            if (holders is null) return (0, 0);
            int inside = 0;
            foreach (var h in holders) if (memberPos.ContainsKey(h)) inside++;
            return (holders.Count, inside);
        });
    }

    private readonly Dictionary<int, (ulong, int)[]> _addressPrompts = new();

    /// <summary>An address of <paramref name="holders"/> holders is a product's egress when a system prompt runs on at least
    /// half of them (<paramref name="prompts"/>: each prompt with its holders on the address) and fewer than half of that
    /// prompt's holders in the log are in the group (<paramref name="promptHolders"/>: its holders, and those in the group).</summary>
    internal static bool ProductEgress(int holders, IEnumerable<(ulong Prompt, int OnAddress)> prompts, Func<ulong, (int Holders, int InGroup)> promptHolders)
    {
        foreach (var (prompt, on) in prompts)
        {
            if (on < OwnedKeyShare * holders) continue;
            var (all, inside) = promptHolders(prompt);
            if (all > 0 && inside < OwnedKeyShare * all) return true;
        }
        return false;
    }

    /// <summary>
    /// The account's binding to the given keys as facts about it (<see cref="KeyGroupBuilder.Binding"/>), whatever
    /// its volume: for each kind of key, the strongest key of that kind it shares, summed over kinds. An account that
    /// rotated through four of the campaign's addresses, or presented artifacts of six issuers, is not more a member
    /// than one that used one address or replayed one issuer's reasoning (the issuer itself included).
    /// </summary>
    /// <param name="neighbourhood">Ranges holding fewer of the group's shared exits (addresses two or more of its accounts
    /// use) than a pool: a member that shares such a range and no address with the group is its neighbour, not on its
    /// exits (RangeSlot).</param>
    private double Coverage(int a, Func<int, bool> keyIn, double[]? byFamily = null, Func<int, bool>? neighbourhood = null)
    {
        Span<double> best = stackalloc double[16];
        best.Clear();
        double bestPoolRange = 0;   // the strongest range that is not a neighbourhood
        bool rareDomain = false;
        var adj = _g.Adjacency[a];
        var slots = _g.Slots[a];
        for (int e = 0; e < adj.Count; e++)
        {
            int kn = adj[e].Node;
            if (!keyIn(kn)) continue;
            var g = _g.Key(kn);
            int k = (int)g.Kind;
            double b = _builder.Binding(g, slots[e]);
            best[k] = Math.Max(best[k], b);
            if (g.Kind == LinkKind.Prefix && (neighbourhood is null || !neighbourhood(kn))) bestPoolRange = Math.Max(bestPoolRange, b);
            if (g.Kind == LinkKind.EmailDomain) rareDomain |= g.Rarity >= 0.5;
        }
        double c = 0;
        for (int k = 0; k < best.Length; k++)
        {
            if (best[k] <= 0) continue;
            c += best[k];
            if (byFamily is null) continue;
            byFamily[(int)((LinkKind)k).Family()] += best[k];
            if ((LinkKind)k == LinkKind.RotatingExits) byFamily[EgressSlot] = best[k];
            if ((LinkKind)k == LinkKind.ModelPivot) byFamily[PivotSlot] = best[k];
            if ((LinkKind)k == LinkKind.CreationBurst) byFamily[BurstSlot] += best[k];
            if ((LinkKind)k == LinkKind.EmailDomain && !rareDomain) byFamily[BurstSlot] += best[k];
        }
        if (byFamily is not null && best[(int)LinkKind.Ip] <= 0) byFamily[RangeSlot] = best[(int)LinkKind.Prefix] - bestPoolRange;
        return c;
    }

    /// <summary>
    /// Which key nodes are ranges that are a group's neighbourhood rather than its pool of exits: fewer than a pool
    /// (<see cref="KeyGroupBuilder.MinExitPool"/>) of the addresses in them are used by two or more of the group's accounts
    /// (<paramref name="inGroup"/>, by profile index). Judged once per range and group, when first asked (see Coverage).
    /// </summary>
    private Func<int, bool> Neighbourhoods(Func<int, bool> inGroup)
    {
        var judged = new Dictionary<int, bool>();
        return kn =>
        {
            var g = _g.Key(kn);
            if (g.Kind != LinkKind.Prefix) return false;
            if (!judged.TryGetValue(kn, out var near))
                judged[kn] = near = _builder.SharedExitsInRange(g, inGroup, KeyGroupBuilder.MinExitPool) < KeyGroupBuilder.MinExitPool;
            return near;
        };
    }

    /// <summary>
    /// Adds to the block the keys of which most carriers (by edge weight) are tied to it: its members, and accounts
    /// that share one of its operator keys (network, registration). A campaign's own templates and skeletons come in
    /// this way, even where the densest core was bound by others or a few of its accounts share one template among
    /// themselves; a popular key most of whose carriers are strangers does not. The accounts still join only through
    /// <see cref="Absorb"/>, which asks for corroboration.
    /// </summary>
    private bool Grow(bool[] alive, List<int> blockAccounts, HashSet<int> blockKeys)
    {
        // Accounts tied to the block: its members, and accounts that share one of its operator keys (network, registration).
        var inBlock = new HashSet<int>(blockAccounts);
        foreach (var k in blockKeys)
            if (alive[k] && _g.Key(k).Kind.Family() is LinkFamily.Network or LinkFamily.Registration)
                foreach (var (a, _) in _g.Adjacency[k])
                    if (alive[a]) inBlock.Add(a);
        var candidates = new HashSet<int>();
        foreach (var a in inBlock)
            foreach (var (k, _) in _g.Adjacency[a])
                if (alive[k] && !blockKeys.Contains(k)) candidates.Add(k);
        bool grew = false;
        foreach (var k in candidates.Order())
        {
            double wIn = 0, wAll = 0;
            int nIn = 0;
            foreach (var (a, w) in _g.Adjacency[k])
            {
                if (!alive[a]) continue;
                wAll += w;
                if (inBlock.Contains(a)) { wIn += w; nIn++; }
            }
            if (nIn >= 2 && wIn >= 0.5 * wAll) { blockKeys.Add(k); grew = true; }
        }
        return grew;
    }

    /// <summary>
    /// Adds the component's other accounts that belong to the block: most of their binding (≥ 50 %) is to the block's
    /// keys, it is at least 30 % of the block's median binding, and it is corroborated (<see cref="Corroborated"/>), so
    /// an account tied to the block by a popular parameter set or client alone stays out. Binding, not edge weight, so low-volume accounts
    /// (replacements, accounts kept below per-account thresholds) join on what they share, not on how much they sent.
    /// </summary>
    private void Absorb(List<int> comp, bool[] alive, List<int> blockAccounts, HashSet<int> blockKeys)
    {
        var inBlock = new HashSet<int>(blockAccounts);
        bool KeyIn(int k) => blockKeys.Contains(k) && alive[k];
        var degrees = blockAccounts.Select(a => Coverage(a, KeyIn)).Order().ToArray();
        double median = degrees[degrees.Length / 2];
        var blockProfiles = blockAccounts.Select(a => _g.Accounts[a]).ToHashSet();
        var near = Neighbourhoods(blockProfiles.Contains);
        var add = new List<int>();
        foreach (var a in comp)
        {
            if (!_g.IsAccount(a) || !alive[a] || inBlock.Contains(a)) continue;
            var fam = new double[FamilySlots];
            double wIn = Coverage(a, KeyIn, fam, near);
            if (wIn < 0.3 * median || !Corroborated(fam, wIn)) continue;
            double wAll = Coverage(a, k => alive[k]);
            if (wIn >= 0.5 * wAll) add.Add(a);
        }
        // A card is one payer's: the block's accounts holding at least half of a card's holders (three or more) make it
        // the block's card, and its other holders join whatever they asked (a station's accounts that carry relayed
        // customers' traffic, replacements that have not harvested yet). Whether they are the operation's is decided
        // when the group is scored (OperatorKey).
        var chosen = new HashSet<int>(add);
        foreach (var k in blockKeys)
        {
            if (!alive[k] || _g.Key(k).Kind != LinkKind.Payment) continue;
            var holders = _g.Adjacency[k];
            int inside = holders.Count(h => inBlock.Contains(h.Node));
            if (inside < 3 || inside < OwnedKeyShare * _g.Key(k).Members.Count) continue;
            foreach (var (a, _) in holders)
                if (alive[a] && !inBlock.Contains(a) && chosen.Add(a)) add.Add(a);
        }
        blockAccounts.AddRange(add);
        blockAccounts.Sort();
    }

    /// <summary>
    /// One shared attribute never makes a campaign, and it does not make a member either: a member is corroborated
    /// when at least two independent families (content, network, client, registration, behaviour) each carry a fair
    /// share of its binding to the group and one of them says who operates it (payment, e-mail domain, network), or when
    /// replayed reasoning artifacts do (an artifact issued to one account and presented by another is itself proof
    /// of a shared operator). Independent users of one benchmark share its prompt format and its harness's
    /// parameters, nothing else; a replacement account shares payment, address and templates.
    /// </summary>
    private bool Corroborated(double[] byFamily, double total)
    {
        if (total <= 0) return false;
        double min = _opt.MinMemberFamilyShare * total;
        if (byFamily[(int)LinkFamily.Replay] >= min) return true;
        // Egress apart from the account (rotating exits, harvest from networks it does not otherwise use) is a yes/no
        // trait of the account, not a value whose weight grows with sharing: holding it is network evidence whatever
        // share of the binding it carries.
        bool egress = byFamily[EgressSlot] > 0;
        // Being created in the same hours as a campaign's accounts is a coincidence every account of those hours shares,
        // and so is a popular e-mail domain (more than √N accounts): each counts as a kind of evidence, but says who
        // operates the account only alongside a payment instrument or a small domain.
        // So is a range the account shares with the group without sharing an address, where the group has fewer exits in it
        // (addresses two or more of its accounts use) than a pool: a cloud's, a VPN's or an ISP's /24 holds unrelated
        // tenants on neighbouring addresses (random 13530: a jailbreak tinkerer and an agent-platform user on a VPN
        // provider's /24, one address of which carried 49 of a sweep's accounts). It is network evidence, and says who only
        // together with an address the account shares, or where the group rotates through the range (a pool of its own, a
        // new address of which is one more of its exits).
        double identity = byFamily[(int)LinkFamily.Registration] - byFamily[BurstSlot];
        double network = byFamily[(int)LinkFamily.Network] - byFamily[EgressSlot] - byFamily[RangeSlot];
        if (identity < min && network < min)
        {
            // Egress apart is a trait many operations share, not a value: on its own it says who only together with
            // shared harvest content (what is asked) or a joint model-release pivot, not with a popular parameter set
            // or client.
            if (!egress || (byFamily[(int)LinkFamily.Content] < min && byFamily[PivotSlot] < min)) return false;
        }
        int n = egress && byFamily[(int)LinkFamily.Network] < min ? 1 : 0;   // the trait counts as the network family
        for (int f = 0; f < FamilyCount; f++) if (byFamily[f] >= min) n++;
        return n >= 2;
    }

    /// <summary>Members of a declared fleet that share an identity key (<see cref="IsIdentity"/>) with at least two of the
    /// group's accounts under another name or none — an e-mail domain only where the member does not pay with its name's
    /// own card (<see cref="NamesOwnCards"/>).</summary>
    private HashSet<int> CrossingNames(List<(KeyGroup, double, int)> keys, Dictionary<int, int> memberPos, HashSet<int> fleet, HashSet<int> elsewhere)
    {
        var crossing = new HashSet<int>();
        HashSet<int>? ownCard = null;
        foreach (var (g, _, on) in keys)
        {
            if (on < 3 || elsewhere.Contains(g.Id) || !IsIdentity(g)) continue;
            var names = new List<(int Account, string? Name)>();
            foreach (var m in g.Members) if (memberPos.ContainsKey(m)) names.Add((m, _meter.OrgNameOf(m)));
            foreach (var (m, name) in names)
            {
                if (!fleet.Contains(m) || crossing.Contains(m)) continue;
                // a mail domain says less of who runs an account than its card: a member that pays with its name's own
                // card is not crossed by a domain alone (random 13803: a company's team on its corporate card, whose
                // company domain a dozen accounts of an agentic operation under other names had also signed up with)
                if (g.Kind == LinkKind.EmailDomain && (ownCard ??= NamesOwnCards(keys, fleet)).Contains(m)) continue;
                int other = names.Count(x => x.Name is null || !string.Equals(x.Name, name, StringComparison.OrdinalIgnoreCase));
                if (other >= 2) crossing.Add(m);
            }
        }
        return crossing;
    }

    /// <summary>Fleet members that pay with a card two or more accounts hold, all of them under the member's declared name:
    /// the name's own card. An operation that signs its accounts up under several names pays them with cards that cross
    /// those names; an organisation pays its own accounts with its own.</summary>
    private HashSet<int> NamesOwnCards(List<(KeyGroup, double, int)> keys, HashSet<int> fleet)
    {
        var own = new HashSet<int>();
        foreach (var (g, _, _) in keys)
        {
            if (g.Kind != LinkKind.Payment || g.Members.Count < 2) continue;
            string? name = _meter.OrgNameOf(g.Members[0]);
            if (name is null || g.Members.Any(m => !string.Equals(_meter.OrgNameOf(m), name, StringComparison.OrdinalIgnoreCase))) continue;
            foreach (var m in g.Members) if (fleet.Contains(m)) own.Add(m);
        }
        return own;
    }

    /// <param name="gathering">The operator cluster being gathered as one (<see cref="GatherOperators"/>), whose members a
    /// group mostly made of them corroborates; null otherwise.</param>
    private CampaignFinding? Score(List<int> accountNodes, List<int> nodes, double density, HashSet<int>? gathering = null)
    {
        if (accountNodes.Count < _opt.MinCampaignAccounts) return null;
        var members = accountNodes.Select(a => _g.Accounts[a]).Order().ToList();
        var memberPos = new Dictionary<int, int>();
        for (int i = 0; i < members.Count; i++) memberPos[members[i]] = i;
        var keyNodes = nodes.Where(x => !_g.IsAccount(x)).ToHashSet();
        foreach (var a in accountNodes) foreach (var (k, _) in _g.Adjacency[a]) keyNodes.Add(k);

        var degIn = new double[members.Count];
        var memberHarvest = new double[members.Count];
        var memberContent = new double[members.Count];
        for (int i = 0; i < members.Count; i++) { memberHarvest[i] = _evidence[members[i]]; memberContent[i] = _content[members[i]]; }
        var keys = new List<(KeyGroup, double, int)>();
        // requests on replayed artifacts, pooled over each member's replay keys (below)
        var replayed = new (int Count, int Harvest)[members.Count];
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
                // An issuer whose reasoning others replay had its outputs harvested; a presenter replayed them. Judged on all
                // the member's replay keys together: a presenter that pasted two issuers' artifacts once each replayed
                // twice, not once twice (random 9606: presenters at 1 of 1 on each key, 0.18, left on watch).
                if (g.Kind == LinkKind.ArtifactReplay)
                    replayed[pos] = (replayed[pos].Count + g.Counts[i], replayed[pos].Harvest + Math.Max(0, g.Harvest[i]));
                if (g.Kind is LinkKind.Template or LinkKind.SystemPrompt or LinkKind.Skeleton or LinkKind.RotatingExits)
                {
                    double onKey = _builder.MemberEvidence(g, i);
                    memberHarvest[pos] = Math.Max(memberHarvest[pos], onKey);
                    memberContent[pos] = Math.Max(memberContent[pos], onKey);
                }
            }
            if (on >= 2) keys.Add((g, contrib, on));
        }
        for (int i = 0; i < members.Count; i++)
            if (replayed[i].Count > 0) memberHarvest[i] = Math.Max(memberHarvest[i], HarvestStrength.OnKey(replayed[i].Count, replayed[i].Harvest));
        // Involvement for the verdict: each member's binding to the keys the group shares, relative to the median member.
        var shared = keys.Select(k => k.Item1.Id).ToHashSet();
        // A card or e-mail domain most of whose holders are outside the group is the member's tie to them — its
        // organisation, its fleet — not to this group: it does not corroborate membership (it still counts as binding).
        var elsewhere = keys.Where(k => k.Item1.Kind is LinkKind.Payment or LinkKind.EmailDomain && k.Item3 < OwnedKeyShare * k.Item1.Members.Count)
            .Select(k => k.Item1.Id).ToHashSet();
        // So is a product's: a system prompt most of whose holders are outside the group ties its users to the product, and
        // so does the product's egress — an address or range most of whose holders run that prompt. An agent platform's
        // users on its prompt and its two egress addresses are not the operation's accounts that also run its prompt
        // (random 4013: an operation on a platform's prompt took 24 of the platform's 289 users along once a few more of its
        // requests read as harvest).
        // A tool set most of whose holders are outside the group ties nobody to it either, but it marks no product's egress:
        // only a set an operation was found on links at all (KeyGroupBuilder), so its holders are that operation's
        // accounts, not a product's users.
        var products = keys.Where(k => k.Item1.Kind == LinkKind.SystemPrompt && k.Item3 < OwnedKeyShare * k.Item1.Members.Count)
            .Select(k => k.Item1).ToList();
        foreach (var g in products) elsewhere.Add(g.Id);
        products.RemoveAll(g => HarnessValue.IsShape(g.Key));
        if (products.Count > 0)
        {
            var productKeys = products.Select(g => g.Key).ToHashSet();
            foreach (var (g, _, _) in keys)
            {
                if (g.Kind is not (LinkKind.Ip or LinkKind.Prefix)) continue;
                int onProduct = 0;
                foreach (var m in g.Members)
                {
                    var sp = _builder.Profiles[m].SystemPrompts;
                    for (int i = 0; i < sp.Count; i++) if (productKeys.Contains(sp.KeyAt(i))) { onProduct++; break; }
                }
                if (onProduct >= OwnedKeyShare * g.Members.Count) elsewhere.Add(g.Id);
            }
        }
        // The same holds when the product's prompt is not one of the group's keys (a popular prompt links nobody): an address
        // or range most of whose holders are outside the group, and most of whose holders run one system prompt most of whose
        // holders are outside the group too, is that product's egress (random 10227: a CoT sweep's group took ten users of
        // an agent platform along on their platform's three exits, whose prompt was not a link).
        foreach (var (g, _, on) in keys)
        {
            if (g.Kind is not (LinkKind.Ip or LinkKind.Prefix) || elsewhere.Contains(g.Id) || on >= OwnedKeyShare * g.Members.Count) continue;
            if (ProductEgress(g, memberPos)) elsewhere.Add(g.Id);
        }
        var near = Neighbourhoods(memberPos.ContainsKey);
        var cover = new double[members.Count];
        var corroborated = new bool[members.Count];
        foreach (var a in accountNodes)
        {
            int pos = memberPos[_g.Accounts[a]];
            var fam = new double[FamilySlots];
            cover[pos] = Coverage(a, k => shared.Contains(_g.Key(k).Id));
            double own = Coverage(a, k => shared.Contains(_g.Key(k).Id) && !elsewhere.Contains(_g.Key(k).Id), fam, near);
            corroborated[pos] = Corroborated(fam, own);
        }
        // Members of operator clusters (tied by identity among the holders of one harness of their own) are corroborated
        // by that, in a group that is mostly theirs: an operation split across two findings shares its keys between
        // them, so neither part's members hold keys of their own (random 4003: a 1,120-account station whose second
        // part had 11 % corroborated on its keys and was dropped).
        // Only those found that way: an identity cluster of the whole log can mix an operation with customers who share
        // its cards' holders (random 4013: 295 accounts, 84 of them customers, would have been published).
        if (members.Count(_builder.HarnessOperator) >= 0.5 * members.Count)
            for (int i = 0; i < members.Count; i++) if (_builder.HarnessOperator(members[i])) corroborated[i] = true;
        // So are an operator cluster's members when the cluster is gathered as one (GatherOperators): each is tied to the
        // others by a card it shares or rotating exits, and the cluster was measured acting as one — two kinds of
        // evidence, whatever the keys this group happens to share say. Not the identity cluster at large: it can hold
        // customers who share a domain or an address with the operation (random 4013).
        bool gatheredOperator = gathering is not null && members.Count(gathering.Contains) >= 0.5 * members.Count;
        if (gatheredOperator)
            for (int i = 0; i < members.Count; i++) if (gathering!.Contains(members[i])) corroborated[i] = true;
        // And, in any group, a member tied to its operator cluster by the strongest ties (a card it shares with the
        // cluster's accounts, exits that rotate with theirs, a small domain with a sign-up burst: PaysOrRotates) when at
        // least half that cluster is in the group: the cluster is tied by identity and was measured acting as one, and it
        // is here, so the member is tied to this group by two kinds of evidence whatever keys it shares with the rest.
        // Half the cluster, not the member alone: an operation's accounts that another's block took in are tied to their
        // own cluster, which is elsewhere (random 11524: with the member alone, 36 more accounts of an agentic operation of
        // 290 were published inside a sweep's campaign, purity 0.976 -> 0.913). Random 11717: one account of a sweep of 27,
        // tied to four others by a sign-up batch on a small domain, all five in a group of 25, is corroborated there; the
        // sweep, published in three pieces before (12, 5 and 2 of its accounts; recall 0.70), is one campaign of 25 (0.93).
        var clusterOf = OperatorClusterOf();
        var clusterHere = new Dictionary<int, int>();
        foreach (var m in members) if (clusterOf[m] >= 0) clusterHere[clusterOf[m]] = clusterHere.GetValueOrDefault(clusterOf[m]) + 1;
        for (int i = 0; i < members.Count; i++)
            if (clusterOf[members[i]] is var c and >= 0 && _builder.PaysOrRotates(members[i])
                && clusterHere[c] >= OwnedKeyShare * _builder.OperatorClusters[c].Count)
                corroborated[i] = true;
        // Accounts of an organisation's declared fleet inside a group that is mostly something else were linked to it by
        // what they share with strangers (a popular template, a cloud route); they are not the operation's accounts.
        // Unless they are members of the operator cluster gathered here: tied to its other accounts by a card they share or
        // by exits that rotate with theirs, not by anything strangers share. A name declared by a few verified accounts is
        // a registration detail a hydra can give its own accounts too (random 10217: twelve of a 24-account tool-use
        // operation, on its own prompt and its rotating exits, carried one of two verified names and were held at watch).
        var declaredFleet = _meter.DeclaredFleetMembers(members);
        // (without a registry, an organisation's own accounts on the egress they all share, as KeyGroupBuilder found them)
        foreach (var m in members) if (EgressFleet(m)) declaredFleet.Add(m);
        if (gatheredOperator) declaredFleet.ExceptWith(gathering!);
        // Nor are accounts under a declared name that share an exact address (not a shared egress), a card or a small e-mail
        // domain with two or more of the group's accounts under other names or none: an organisation's fleet shares its
        // exits, cards and domain with its own accounts, not with strangers; an operation that signs its accounts up under
        // many company names does (random 11307: a 203-account agentic harvest on enterprise seats under a dozen names,
        // eight accounts of several names to each hosting address, 51 of them held at watch as organisations' fleets).
        // A domain alone does not cross names for a member that pays with its name's own card (session 51).
        if (declaredFleet.Count > 0) declaredFleet.ExceptWith(CrossingNames(keys, memberPos, declaredFleet, elsewhere));
        if (declaredFleet.Count > 0 && declaredFleet.Count < DeclaredShare * members.Count)
            for (int i = 0; i < members.Count; i++) if (declaredFleet.Contains(members[i])) corroborated[i] = false;
        keys.Sort((x, y) => y.Item2 != x.Item2 ? y.Item2.CompareTo(x.Item2) : x.Item1.Id.CompareTo(y.Item1.Id));
        double total = keys.Sum(k => k.Item2);
        if (total <= 0) return null;
        var families = keys.GroupBy(k => k.Item1.Kind.Family()).Where(g => g.Sum(k => k.Item2) >= 0.1 * total).Select(g => g.Key).ToList();
        var sorted = cover.Order().ToArray();
        double median = Math.Max(1e-9, sorted[sorted.Length / 2]);
        var strength = cover.Select(d => Math.Min(1, d / median)).ToArray();
        // Operator evidence that stands on its own (KeyGroupBuilder.OperatorEvidence) counts as harvest evidence.
        for (int i = 0; i < members.Count; i++) memberHarvest[i] = Math.Max(memberHarvest[i], _builder.OperatorEvidence(members[i]));
        // The group against the log's base rate: a member that asked at least one harvest request in an identity
        // cluster (its cards, domains, addresses) whose accounts mostly do, where a minority of the log's independent
        // accounts do, counts with the cluster's lift — its own requests are samples of that group harvest. The lift is
        // the cluster's, not this finding's: the finding's members were drawn to it by their harvest.
        for (int i = 0; i < members.Count; i++)
            if (_builder.Profiles[members[i]].HarvestExchanges > 0)
            {
                double lift = _builder.ClusterLift(members[i]);
                memberHarvest[i] = Math.Max(memberHarvest[i], lift);
                memberContent[i] = Math.Max(memberContent[i], lift);
            }
        double harvestFrac = memberHarvest.Average(HarvestRead);
        var coord = _meter.Measure(members, degIn.Select(d => (int)(d * 1000)).ToList(), keys.Any(k => k.Item1.Kind is LinkKind.Template or LinkKind.Skeleton));
        coord = coord with { OneEgress = (double)members.Count(EgressFleet) / members.Count };
        // Measured coordination among the members (synchrony, identical parameters, burst, split items) is evidence
        // independent of any shared value: it counts as the behaviour family when no behaviour key carries it.
        if (coord.Score >= 0.5 && !families.Contains(LinkFamily.Behaviour)) families.Add(LinkFamily.Behaviour);
        if (gatheredOperator && !families.Contains(LinkFamily.Behaviour)) families.Add(LinkFamily.Behaviour);
        // Tied by an identity the group owns, whose holders harvest where the log does not: most members hold an address, a
        // range or a card most of whose holders are in the group (a relay's own exits, whatever IP intelligence says of
        // them) and that key is judged harvest against the log's base rate (HarvestLift: most of its holders harvest,
        // where a minority of the log's accounts do), with harvest read from content on most members. The identity key
        // is then those members' second family: a transfer station relaying its customers from ranges only its accounts
        // use, each account with a card and wording of its own and its customers' hours, shares nothing else (red team
        // adaptive: 0 in three seeds). A corporate card's employees, a campus NAT's students harvest at the base rate
        // and their keys carry no lift; researchers at maximal budgets behind their lab's NAT harvest by budgets, which
        // keep to the stricter rule below.
        var ownedIdentity = new HashSet<int>();
        double contentShare = memberContent.Average(HarvestRead);
        if (!_opt.Disabled("group") && contentShare >= 0.5 && contentShare >= 0.5 * harvestFrac)
        {
            foreach (var (g, _, on) in keys)
            {
                if (on < 3 || on < OwnedKeyShare * g.Members.Count || g.HarvestShare < 0.5) continue;
                if (g.Kind is not (LinkKind.Ip or LinkKind.Prefix or LinkKind.Payment)) continue;
                foreach (var m in g.Members) if (memberPos.ContainsKey(m) && !declaredFleet.Contains(m)) ownedIdentity.Add(m);
            }
            if (ownedIdentity.Count >= 0.5 * members.Count)
            {
                foreach (var m in ownedIdentity) corroborated[memberPos[m]] = true;
                if (!families.Contains(LinkFamily.Behaviour)) families.Add(LinkFamily.Behaviour);
            }
            else ownedIdentity.Clear();
        }
        // Members that mostly hide behind rotating exits where the log's customers do not (KeyGroupBuilder.RareRotation).
        // Rotation is network evidence with no shared value to carry it (KeyGroupBuilder.MeasureRotation): where no network
        // key carries the group, it is the group's network family. An operation that rotates its own exits and shares no
        // address, card or sign-up batch was one kind of evidence short of the operator its members were found to be
        // (random 10206 with --log only: a 298-account tool-use operator on rotating exits scored 0.45 on its own and was
        // published merged with another operation that brought addresses). What the group scores without it is kept
        // (NoRotation, below): where only the rotation makes the group, only the members that rotate are corroborated.
        double rotation = _builder.RareRotation(members);
        bool rotationFamily = rotation > 0 && !families.Contains(LinkFamily.Network);
        double FamilyFactorOf(List<LinkFamily> fams)
        {
            double factor = fams.Count >= 3 ? 1.0 : fams.Count == 2 ? 0.85 : fams.Contains(LinkFamily.Replay) ? 0.85 : 0.5;
            // Content and behaviour keys say what is asked and how; users of one public benchmark or tool share both.
            // Attribution needs evidence of who: shared registration, shared infrastructure, replayed artifacts, or
            // measured lockstep timing or a creation burst. Without any of it, the group is at most one kind of evidence.
            bool operatorEvidence = fams.Any(f => f is LinkFamily.Registration or LinkFamily.Network or LinkFamily.Replay)
                || coord.Synchrony >= 0.5 || coord.CreationBurst >= 0.5 || coord.RotatingExits >= 0.5;
            return operatorEvidence ? factor : Math.Min(factor, 0.5);
        }
        double familyFactorNoRotation = FamilyFactorOf(families);
        if (rotationFamily) families.Add(LinkFamily.Network);
        double familyFactor = FamilyFactorOf(families);
        double cap = 1;   // the caps below, which hold with the rotation's family or without it
        // (Both caps below are strictly under the campaign threshold at full harvest and coordination.)
        // Harvest read from budgets rather than words (a station whose harvest is ordinary-looking coding and tool use)
        // stands only where the operator evidence is strong on both sides: the accounts are tied by identity (shared
        // registration or infrastructure) *and* act as one (lockstep timing, a creation burst, a joint model pivot, or
        // one parameter vector on a machine schedule). Researchers at maximal budgets, agent-platform users and
        // corporate teams each share one of these, not both.
        // The cluster lift counts harvest requests, which are content signals (or both budgets maximal at once): it is
        // read as content (above), so a group found through it is not held to the wording-free rule below.
        // Members on the group's replay keys: accounts that presented reasoning artifacts issued to another member, or were
        // issued artifacts another member presented.
        var onReplay = new HashSet<int>();
        foreach (var (g, _, _) in keys)
            if (g.Kind == LinkKind.ArtifactReplay)
                foreach (var m in g.Members) if (memberPos.ContainsKey(m)) onReplay.Add(m);
        bool replayRing = onReplay.Count >= 0.5 * members.Count;
        double contentFrac = memberContent.Average(HarvestRead);
        // Members of an operator cluster (KeyGroupBuilder.OperatorEvidence): tied by identity and running one harness.
        int inOperatorClusters = members.Count(m => _builder.OperatorEvidence(m) > 0);
        // An operator cluster gathered as one (GatherOperators) from operators found on the harness side is tied whether or
        // not the values that tie it link in this graph: that rule measures identity among the holders of one harness
        // (organisation names and sign-up batches, addresses judged against the harness's holders), and those values need
        // not be keys of the group at all. A station of 36 whose 24 template-sharing accounts and 8 loose ones share the
        // operator's own prompt and a joint pivot, every member one of the operator's own, was read as untied and held at
        // 0.4 whole and in pieces (GroupHarvestTests, the spread station with a loose third, seeds 2-4: 0 of 36 found); it
        // acts as one by the same measure (asOne, below).
        // Only the gathered whole (scored with its gathering): a peeled block or a part of a split is a piece of the
        // harness's holders, and the tie says the whole is one operator, not that a piece is one on its own (random 10311:
        // with every block tied this way, a 330-account operation was published as twelve pieces).
        bool operatorTied = gathering is not null && members.Count(_builder.HarnessOperator) >= 0.5 * members.Count;
        bool rotationTies = false;   // whether only the rotation ties the group (below)
        if (contentFrac < 0.5 * harvestFrac)
        {
            // Exits that rotate where the log's do not are network evidence with no shared value to carry it.
            // A shared egress (an address whose holders nothing else ties: a platform's, a NAT's) ties no one here.
            bool tiedByValues = families.Contains(LinkFamily.Registration)
                || keys.Where(k => k.Item1.Kind.Family() == LinkFamily.Network && !k.Item1.Egress).Sum(k => k.Item2) >= 0.1 * total;
            bool tied = tiedByValues || rotation > 0 || operatorTied;
            bool asOne = coord.Synchrony >= 0.5 || coord.CreationBurst >= 0.5
                || keys.Any(k => k.Item1.Kind == LinkKind.ModelPivot && k.Item3 >= 0.5 * members.Count)
                // one parameter vector on most members, run on a machine's schedule: regular arrivals, or no quiet third of
                // the day (a harness served round the clock; the operator rule of KeyGroupBuilder reads the same pair)
                || (coord.IdenticalParams >= 0.5 && (coord.Regularity >= 0.5 || _meter.RoundTheClockShare(members) >= 0.5))
                || inOperatorClusters >= 0.5 * members.Count;   // an operator cluster (tied, one harness)
            // Reasoning artifacts that one account was issued and others present in conversations of their own: the
            // accounts hand each other what only the issuing session held (tied) and one's output drives the other's
            // requests (acting as one), whatever the requests say (the blind red team's shadow mix: a ring that resends
            // issued thinking with tool results of its own choosing and no instruction text, 40 accounts at 0.4).
            if (replayRing) { tied = true; asOne = true; }
            if (!tied || !asOne) cap = Math.Min(cap, 0.4);
            else rotationTies = !tiedByValues && !replayRing && !operatorTied;
        }
        // An organisation that openly runs many accounts of its own — two thirds verified, paid or enterprise accounts
        // under one organisation name (a fleet keeps some accounts unverified; a hydra's bought or fresh accounts carry
        // names of their own or none verified) — is tied by identity and acts as one by design; that is a customer's fleet, not a hydra of
        // fresh program-tier accounts hiding who runs them. Its members can still be reviewed (watch), not flagged.
        // Without a registry, the same holds for accounts that share one egress openly through the whole log on a harness
        // of theirs and do not ask for harvest themselves (Coordination.OneEgress).
        if (coord.Organisation >= DeclaredShare) cap = Math.Min(cap, 0.4);
        // A group is what most of its members corroborate: a leftover block where a few members carry the operator
        // evidence and the rest only a popular template or parameter set is not one operation.
        double corroboratedShare = corroborated.Count(x => x) / (double)members.Count;
        double corroboration = Math.Min(1, corroboratedShare / 0.5);
        familyFactor = Math.Min(familyFactor, cap) * corroboration;
        double beforeCorroborationNoRotation = Math.Min(familyFactorNoRotation, cap);
        familyFactorNoRotation = beforeCorroborationNoRotation * corroboration;
        // Members asking largely the same items are independent users of one benchmark, not one operation splitting it.
        // When most members are tied by who operates them, asking the same items is an operation that does not split
        // its work, so the discount applies to the uncorroborated share only.
        double sameItems = Math.Clamp((coord.ItemOverlap - 0.15) / 0.35, 0, 1) * (1 - corroboratedShare);
        double ScoreOf(double family, double act) => Math.Clamp(family * harvestFrac * (0.35 + 0.65 * act) * (1 - 0.6 * sameItems), 0, 1);
        // A reasoning artifact issued to one account and presented by another in a conversation of its own is coordination
        // as direct as it gets: the share of members on the group's replay keys counts as coordination.
        // So is identity the group owns, used the way one operator uses it (each key counted when at least half its
        // holders are in the group; "shared payment instruments", "bursts of new accounts", "heavy use of free-credit,
        // edu, research and startup programs" in the public record): a payment instrument shared by fresh or
        // program-tier accounts — a company's established accounts on its corporate card do not count — and a hosting
        // address or range (known from IP intelligence) from which the accounts run one system prompt that is theirs
        // (one harness from hosting exits). An office behind a hosting range whose employees use a popular agent's
        // prompt does not count; neither does an address that is not known to be hosting (a campus or office NAT) or an
        // e-mail domain (an organisation's). It counts as the share of members held that way.
        var owned = new HashSet<int>();
        if (!_opt.Disabled("group"))
        {
            var hosting = new HashSet<int>();
            var prompt = new HashSet<int>();
            foreach (var (g, _, on) in keys)
            {
                if (on < 2 || on < OwnedKeyShare * g.Members.Count) continue;
                bool payment = g.Kind == LinkKind.Payment;
                bool exits = g.Kind is LinkKind.Ip or LinkKind.Prefix && g.OperatorExit;
                bool system = g.Kind == LinkKind.SystemPrompt;
                if (!payment && !exits && !system) continue;
                foreach (var m in g.Members)
                {
                    if (!memberPos.ContainsKey(m)) continue;
                    if (payment && _meter.IsFresh(m)) owned.Add(m);
                    if (exits) hosting.Add(m);
                    if (system) prompt.Add(m);
                }
            }
            hosting.IntersectWith(prompt);
            owned.UnionWith(hosting);
        }
        // And members of an operator cluster act as one by definition.
        double acting = Math.Max(coord.Score, (double)Math.Max(Math.Max(Math.Max(onReplay.Count, owned.Count), inOperatorClusters), ownedIdentity.Count) / members.Count);
        // Coordination's score is a weighted sum, so a group that acts as one in two independent ways at once (every member
        // signed up in bursts and two thirds on one parameter vector, say) scored below one that half-does four. Two
        // behaviours each shared by most members are two independent witnesses: the weaker of the two strongest counts
        // as acting. Items split without overlap are left out (independent users rarely overlap either).
        Span<double> behaviours = [coord.Synchrony, coord.IdenticalParams, coord.CreationBurst, coord.Regularity, coord.RotatingExits];
        behaviours.Sort();
        acting = Math.Max(acting, behaviours[^2]);
        // Members that mostly hide behind rotating exits where the log's customers do not: one operator's proxy pool, the
        // one thing an operation that words, times and pays like strangers still shares, acts as one. Where the group
        // stands only on that, only its members that rotate are corroborated by it: one that harvested once from a network
        // of its own and shares a skeleton with them is not (red team evasive 2: two students). A group that stands
        // without it keeps its corroboration (frontier 1: a sweep half of whose accounts rotate, found before).
        if (rotation > 0)
        {
            double without = ScoreOf(rotationTies ? Math.Min(beforeCorroborationNoRotation, 0.4) * corroboration : familyFactorNoRotation, acting);
            acting = Math.Max(acting, rotation);
            if (without < _opt.CampaignThreshold)
                for (int i = 0; i < members.Count; i++) if (!_builder.Rotates(members[i])) corroborated[i] = false;
        }
        // The operator's identity: a card, an exact address (not a shared egress, not a product's) or an e-mail domain no
        // more common than the log's yardstick of a popular one (√N accounts), at least half of whose holders (three or
        // more) are corroborated members with harvest evidence. Every member paying with such a card is the operation's
        // account, whatever it asked itself (a hydra's accounts that relay ordinary customers' traffic, or have not
        // harvested yet). On such an address or domain, a member tied to the group by a second kind of evidence is too,
        // where its requests do not read as harvest (a capability no lexicon names, relayed customers' traffic); on an
        // address, only where it runs mostly from it (half its exchanges or more: a customer who passed through the same
        // VPN exit a few times is not). Random 11317: 98 accounts of a 304-account sweep of medical coding, on
        // seven-account hosting addresses, created in its bursts and pivoting with it, were held at watch with harvest
        // 0.01 on their keys; random 10213: a hobbyist that sent 3 of 13 requests from one of a station's addresses.
        // Judged after the score: it names members, it does not make the group.
        var operatorKey = new KeyGroup?[members.Count];
        foreach (var (g, _, on) in keys)
        {
            if (on < 3 || !IsIdentity(g)) continue;
            bool card = g.Kind == LinkKind.Payment, address = g.Kind == LinkKind.Ip;
            if (!card && elsewhere.Contains(g.Id)) continue;   // an address or domain most of whose holders are a product's or elsewhere
            // The value is the operation's when most of its holders are corroborated members and most of those harvest:
            // the members that do not are the ones the key is for (relayed traffic, plain tool use), so they count toward
            // whose the value is, not against it (random 11710: a station's small mail domain, all nine of its carriers
            // the station's, eight of them corroborated members and four of those harvesting — under half of nine).
            int harvesters = 0, onPersonsHours = 0, corroboratedOn = 0;
            foreach (var m in g.Members)
                if (memberPos.TryGetValue(m, out var pos) && corroborated[pos])
                {
                    corroboratedOn++;
                    if (memberHarvest[pos] < MemberHarvestForCampaign) continue;
                    harvesters++;
                    if (CoordinationMeter.OnPersonsSchedule(_builder.Profiles[m])) onPersonsHours++;
                }
            if (harvesters < 3 || corroboratedOn < OwnedKeyShare * g.Members.Count || harvesters < OwnedKeyShare * corroboratedOn) continue;
            // Where the operation's accounts on the key run day and night, one that keeps a person's day is a person on the
            // same exits or domain (a platform's users on the egress an operation rides: GroupHarvestTests, the aged station
            // on a platform's prompt and egress), not the operation's.
            bool machineHours = onPersonsHours < 0.5 * harvesters;
            for (int i = 0; i < g.Members.Count; i++)
            {
                if (!memberPos.TryGetValue(g.Members[i], out var pos)) continue;
                var p = _builder.Profiles[g.Members[i]];
                if (!card && (!corroborated[pos] || machineHours && CoordinationMeter.OnPersonsSchedule(p))) continue;
                if (address && g.Counts[i] < 0.5 * p.Exchanges) continue;
                operatorKey[pos] ??= g;
            }
        }
        double score = ScoreOf(familyFactor, acting);
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
            OperatorKey = operatorKey,
            Accepted = score >= _opt.CampaignThreshold,
        };
    }
}
