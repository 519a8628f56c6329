using DistillGuard.Core.Accounts;
using DistillGuard.Core.Profiles;
using DistillGuard.Core.Scoring;

namespace DistillGuard.Core.Links;

/// <summary>
/// Builds the key groups (who shares which value) from the profiles, the registry, replayed artifacts and model
/// pivots, then weighs each group: <c>weight = base(kind) × (0.3 + 0.7·rarity) × suspicion</c>, where suspicion is the
/// members' harvest on that key tempered by their coordination. A value many unrelated accounts share (a popular SDK,
/// a campus NAT, a corporate card, an agent platform's system prompt) gets little weight unless its members harvest.
/// </summary>
public sealed partial class KeyGroupBuilder
{
    private readonly LinkGraphInputs _in;
    private readonly Dictionary<(LinkKind, ulong), KeyGroup> _groups;
    private readonly List<KeyGroup> _ordered;

    public KeyGroupBuilder(LinkGraphInputs inputs)
    {
        _in = inputs;
        int expected = inputs.KeyGroupPool?.LastCount ?? 0;   // about as many groups as last time: no regrowing
        _groups = new(expected);
        _ordered = new(expected);
    }

    /// <summary>Accounts on one address from which it is an egress (a platform's, a campus's, an office's, a carrier's
    /// NAT) rather than an exit of one account's own; see <see cref="AccountProfile.ExitsShared"/>. A residential proxy
    /// pool's exits are each seen with one or two accounts of a log (the red team's evasive mixes: no address of their
    /// rotating accounts held by more than two); five accounts on one address share a network. An operation whose own
    /// accounts reuse a small pool that much is tied by those addresses instead.</summary>
    public const int SharedEgressAccounts = 5;

    /// <summary>Sets <see cref="AccountProfile.ExitsShared"/> for this log: most of an account's kept addresses are each
    /// used by <see cref="SharedEgressAccounts"/> or more accounts (allowlisted ones included: an egress is shared whoever
    /// shares it). Runs before anything reads <see cref="AccountProfile.HarvestEgressApart"/>.</summary>
    private static void MarkSharedExits(IReadOnlyList<AccountProfile> profiles)
    {
        var holders = new Dictionary<ulong, int>();
        foreach (var p in profiles)
            for (int i = 0; i < p.Ips.Count; i++)
                holders[p.Ips.KeyAt(i)] = holders.GetValueOrDefault(p.Ips.KeyAt(i)) + 1;
        foreach (var p in profiles)
        {
            int shared = 0;
            for (int i = 0; i < p.Ips.Count; i++) if (holders[p.Ips.KeyAt(i)] >= SharedEgressAccounts) shared++;
            p.ExitsShared = p.Ips.Count > 0 && 2 * shared > p.Ips.Count;
        }
    }

    /// <summary>The profiles the groups are built over (index = profile index).</summary>
    public IReadOnlyList<AccountProfile> Profiles => _in.Profiles;

    /// <summary>How many addresses inside the range <paramref name="prefix"/> two or more of the given accounts among its
    /// holders send from — their shared exits in it (stops counting at <paramref name="enough"/>).</summary>
    public int SharedExitsInRange(KeyGroup prefix, Func<int, bool> among, int enough)
    {
        var infra = _in.Context.Infra;
        var holders = new Dictionary<ulong, int>();
        int shared = 0;
        foreach (var m in prefix.Members)
        {
            if (!among(m)) continue;
            var ips = _in.Profiles[m].Ips;
            for (int j = 0; j < ips.Count; j++)
            {
                ulong ip = ips.KeyAt(j);
                if (ip == 0 || (ulong)infra.PrefixOf((int)ip) != prefix.Key) continue;
                int n = holders.GetValueOrDefault(ip) + 1;
                holders[ip] = n;
                if (n == 2 && ++shared >= enough) return shared;
            }
        }
        return shared;
    }

    public IReadOnlyList<KeyGroup> Build()
    {
        var profiles = _in.Profiles;
        var ctx = _in.Context;
        var opt = _in.Options;
        MarkSharedExits(profiles);

        var fps = new List<(ulong, long)>();
        foreach (var p in profiles)
            if (!_in.Allowlisted[p.Index])
                for (int i = 0; i < p.Templates.Count; i++)
                    if (LinksTemplate(p.Templates, i)) fps.Add((p.Templates.KeyAt(i), p.Templates.CountAt(i)));
        var cluster = TemplateClusterer.Cluster(fps, opt.TemplateHammingDistance);
        var sfps = new List<(ulong, long)>();
        foreach (var p in profiles)
            if (!_in.Allowlisted[p.Index])
                if (LinksSkeletons(p)) // tracked only with DetectorOptions.ParaphraseLinks
                {
                    var psk = p.Skeletons;
                    for (int i = 0; i < psk.Count; i++) sfps.Add((psk.KeyAt(i), psk.CountAt(i)));
                }
        var skeletonCluster = TemplateClusterer.Cluster(sfps, opt.TemplateHammingDistance);

        long logStart = profiles.Count == 0 ? 0 : profiles.Min(p => p.FirstMs);
        var modelRelease = new Dictionary<ulong, long>();
        foreach (var p in profiles)
            for (int i = 0; i < p.Models.Count; i++)
            {
                var m = p.Models.KeyAt(i);
                var t = p.Models.FirstSeenAt(i);
                if (!modelRelease.TryGetValue(m, out var r) || t < r) modelRelease[m] = t;
            }

        foreach (var (m, r) in modelRelease) if (r >= logStart + 3_600_000L) _releases[m] = r;
        long burstMs = opt.CreationBurstHours * 3_600_000L;
        var bursts = SignUpBursts.Keys(profiles.Select(p => _in.Records[p.Index]?.CreatedMs).ToList(), burstMs);
        long pivotMs = opt.ModelPivotHours * 3_600_000L;

        foreach (var p in profiles)
        {
            int a = p.Index;
            if (_in.Allowlisted[a]) continue;
            var t = p.Templates;
            for (int i = 0; i < t.Count; i++)
            {
                if (!LinksTemplate(t, i)) continue;
                var rep = cluster[t.KeyAt(i)];
                Group(LinkKind.Template, rep, () => $"template {rep:x16}").Add(a, t.CountAt(i), t.AuxAt(i), t.AuxAt(i) > 0 ? p.FirstHarvestExample() : 0);
            }
            bool apart = p.HarvestEgressApart();
            var sk = p.Skeletons;
            for (int i = 0; apart && i < sk.Count; i++)   // LinksSkeletons
            {
                var rep = skeletonCluster[sk.KeyAt(i)];
                Group(LinkKind.Skeleton, rep, () => $"skeleton {rep:x16}").Add(a, sk.CountAt(i), sk.CountAt(i), p.FirstHarvestExample());   // harvest skeletons only
            }
            if (apart)
                // on this key the account's traffic is its harvest, the part that egresses apart
                Group(LinkKind.RotatingExits, 1, () => "harvest from rotating exits or networks the account does not otherwise use")
                    .Add(a, p.HarvestExchanges, p.HarvestExchanges, p.FirstHarvestExample());
            var s = p.SystemPrompts;
            for (int i = 0; i < s.Count; i++)
                Group(LinkKind.SystemPrompt, s.KeyAt(i), () => HarnessValue.Describe(s.KeyAt(i))).Add(a, s.CountAt(i), s.AuxAt(i), 0);
            for (int i = 0; i < p.Ips.Count; i++)
            {
                int id = (int)p.Ips.KeyAt(i);
                var g = Group(LinkKind.Ip, (ulong)id, () => ctx.Infra.Ip(id));
                if (g.Members.Count == 0) g.Hosting = _in.IpIntel.Lookup(ctx.Infra.IpValue(id)).Hosting;
                g.Add(a, p.Ips.CountAt(i), -1, 0);
            }
            for (int i = 0; i < p.Prefixes.Count; i++)
            {
                int id = (int)p.Prefixes.KeyAt(i);
                var g = Group(LinkKind.Prefix, (ulong)id, () => ctx.Infra.Prefix(id));
                if (g.Members.Count == 0) g.Hosting = _in.IpIntel.Lookup(ctx.Infra.PrefixValue(id)).Hosting;
                g.Add(a, p.Prefixes.CountAt(i), -1, 0);
            }
            for (int i = 0; i < p.Ja4.Count; i++)
            {
                int id = (int)p.Ja4.KeyAt(i);
                Group(LinkKind.Ja4, (ulong)id, () => ctx.Ja4.Value(id)).Add(a, p.Ja4.CountAt(i), -1, 0);
            }
            for (int i = 0; i < p.UserAgents.Count; i++)
            {
                int id = (int)p.UserAgents.KeyAt(i);
                Group(LinkKind.UserAgent, (ulong)id, () => ctx.UserAgents.Value(id)).Add(a, p.UserAgents.CountAt(i), -1, 0);
            }
            for (int i = 0; i < p.Routes.Count; i++)
            {
                int id = (int)p.Routes.KeyAt(i);
                var name = ctx.Routes.Value(id);
                if (!PartnerRoute(name)) continue;
                Group(LinkKind.Route, (ulong)id, () => name).Add(a, p.Routes.CountAt(i), -1, 0);
            }
            int top = p.ParamSignatures.TopIndex();
            if (top >= 0)
            {
                var sig = p.ParamSignatures.KeyAt(top);
                Group(LinkKind.ParamSignature, sig, () => $"parameters {sig:x16}").Add(a, p.ParamSignatures.CountAt(top), -1, 0);
            }
            for (int i = 0; i < p.Models.Count; i++)
            {
                var m = p.Models.KeyAt(i);
                long release = modelRelease[m];
                if (release < logStart + 3_600_000L) continue;              // present from the start: not a release in view
                if (p.FirstMs >= release) continue;                          // the account did not move, it started there
                if (p.Models.FirstSeenAt(i) > release + pivotMs) continue;   // adopted late, as ordinary users do
                // share of the account's traffic after the release that went to the new model (uniform-rate estimate)
                double after = p.LastMs <= p.FirstMs ? 1 : Math.Clamp((double)(p.LastMs - release) / (p.LastMs - p.FirstMs), 0.01, 1);
                if (p.Models.CountAt(i) < 0.15 * after * p.Exchanges) continue;
                Group(LinkKind.ModelPivot, m, () => "pivot to " + ctx.Models.Value((int)m)).Add(a, p.Models.CountAt(i), -1, 0);
            }
            var r = _in.Records[a];
            if (r is not null)
            {
                if (r.PaymentFingerprint is { } pf)
                    Group(LinkKind.Payment, Hashing.Of(pf), () => pf).Add(a, p.Exchanges, -1, 0);
                if (r.EmailDomain is { } dom)
                    Group(LinkKind.EmailDomain, Hashing.Of(dom), () => dom).Add(a, p.Exchanges, -1, 0);
                if (bursts[p.Index] is var (first, last))
                {
                    // Like the egress-apart trait, a creation burst is a fact of the account, not traffic: on it the
                    // account counts with its harvest requests, so a burst weighs what its accounts harvest and an
                    // account that harvests nothing is bound to it only weakly (every account of its batch is on it).
                    // Keyed by the batch's first and last sign-up, which its text names: a pooled group's text is a
                    // function of its key (KeyGroupPool), and a batch still signing up in a stream grows at its end.
                    Group(LinkKind.CreationBurst, Hashing.Combine((ulong)first, (ulong)last), () => BurstText(first, last))
                        .Add(a, p.HarvestExchanges, p.HarvestExchanges, p.FirstHarvestExample());
                }
            }
        }
        foreach (var e in _in.Replays.OrderBy(e => e.Issuer).ThenBy(e => e.Presenter))
        {
            if (_in.Allowlisted[e.Issuer] || _in.Allowlisted[e.Presenter]) continue;
            var g = Group(LinkKind.ArtifactReplay, (ulong)e.Issuer, () => "artifacts issued to " + profiles[e.Issuer].Account);
            if (g.Members.Count == 0) g.Add(e.Issuer, e.Count, e.Count, 0);
            else { g.Counts[0] += e.Count; g.Harvest[0] += e.Count; }
            g.Add(e.Presenter, e.Count, e.Count, e.ExampleHandle);
        }

        Weigh();
        return _ordered;
    }

    private static string BurstText(long first, long last)
    {
        var a = DateTimeOffset.FromUnixTimeMilliseconds(first);
        var b = DateTimeOffset.FromUnixTimeMilliseconds(last);
        return a.Date == b.Date ? $"created {a:yyyy-MM-dd HH:mm}–{b:HH:mm}Z" : $"created {a:yyyy-MM-dd HH:mm}Z–{b:yyyy-MM-dd HH:mm}Z";
    }

    /// <summary>A template entry takes part in linking when the account used it at least 3 times or harvested on it:
    /// one-off prompts (most ordinary traffic) cannot bind accounts and would only make clustering slower.</summary>
    private static bool LinksTemplate(TopK t, int i) => t.CountAt(i) >= 3 || t.AuxAt(i) > 0;

    /// <summary>
    /// Skeletons (one instruction under different wordings) are a loose match: users who prompt for reasoning in their
    /// own words land near each other too. They link only accounts whose harvest egresses apart from their own networks
    /// (<see cref="AccountProfile.HarvestEgressApart"/>), the operation that paraphrases to hide and proxies to hide;
    /// a user harvesting from where they work is linked by exact templates only.
    /// </summary>
    private static bool LinksSkeletons(AccountProfile p) => p.HarvestEgressApart();

    private KeyGroup Group(LinkKind kind, ulong key, Func<string> value)
    {
        if (!_groups.TryGetValue((kind, key), out var g))
        {
            g = _in.KeyGroupPool?.Take(_ordered.Count, kind, key, value) ?? new KeyGroup(_ordered.Count, kind, key, value());
            _groups.Add((kind, key), g);
            _ordered.Add(g);
        }
        return g;
    }

    /// <summary>Share of the log's independent accounts (not allowlisted, in no identity cluster) with at least one
    /// harvest request: the base rate groups are judged against (<see cref="HarvestLift"/>).</summary>
    public double HarvestBaseRate { get; private set; }

    private double[] _clusterLift = Array.Empty<double>();

    /// <summary>Harvest lift of the account's identity cluster against <see cref="HarvestBaseRate"/> (0 when the account
    /// shares no card, e-mail domain or hosting address with anyone). Measured on the whole cluster, which is formed without
    /// looking at harvest — unlike a campaign finding, whose members were drawn to it by their harvest, so a lift
    /// measured on the finding would be inflated by its own selection.</summary>
    public double ClusterLift(int account) => account < _clusterLift.Length ? _clusterLift[account] : 0;

    private double[] _operator = Array.Empty<double>();

    /// <summary>
    /// Operator evidence of the account's identity cluster (0 when none): the harvest-equivalent the cluster carries
    /// because its accounts are tied by identity and act as one, whatever they ask (<see cref="MeasureOperators"/>).
    /// </summary>
    public double OperatorEvidence(int account) => account < _operator.Length ? _operator[account] : 0;

    private readonly Dictionary<int, string> _operatorDetail = new();

    /// <summary>Models released while the log runs (first seen an hour or more after it starts), with their release time.</summary>
    private readonly Dictionary<ulong, long> _releases = new();

    /// <summary>Share of the members that could have moved to a model released in the log (active before and after its
    /// release) that did move within the pivot window (<see cref="LinkKind.ModelPivot"/>), for the release most of them
    /// moved to; with the same share among accounts in no identity cluster, and the counts behind the share. Zeros when
    /// fewer than three members could.</summary>
    private (double Share, double Independents, int Moved, int Could) PivotShare(List<int> list, HashSet<int> clustered, Dictionary<ulong, double>? baseCache = null)
    {
        baseCache ??= _pivotBase;
        (double, double, int, int) best = (0, 0, 0, 0);
        foreach (var (m, release) in _releases)
        {
            if (!_groups.TryGetValue((LinkKind.ModelPivot, m), out var g)) continue;
            bool Could(int a) => _in.Profiles[a].FirstMs < release && _in.Profiles[a].LastMs > release && !_in.Allowlisted[a];
            int could = list.Count(Could);
            if (could < 3 || could < 0.25 * list.Count) continue;
            if (!_moved.TryGetValue(m, out var moved)) _moved[m] = moved = new HashSet<int>(g.Members);
            int did = list.Count(a => Could(a) && moved.Contains(a));
            double share = (double)did / could;
            if (share <= best.Item1) continue;
            if (!baseCache.TryGetValue(m, out var indep))
            {
                int ic = 0, im = 0;
                for (int a = 0; a < _in.Profiles.Count; a++)
                    if (!clustered.Contains(a) && Could(a)) { ic++; if (moved.Contains(a)) im++; }
                baseCache[m] = indep = ic == 0 ? 1 : (double)im / ic;
            }
            best = (share, indep, did, could);
        }
        return best;
    }

    /// <summary>A joint move (<see cref="PivotShare"/>'s measures): half of those who could moved, ten times the
    /// independents' rate, and more movers than chance would give at that rate (Poisson tail below 1e-3).</summary>
    private static bool IsJointPivot(double share, double independents, int moved, int could)
        => share >= 0.5 && share >= StrongEvidenceRatio * independents && CoordinationMeter.PoissonTail(moved, could * independents) < 1e-3;

    private readonly Dictionary<ulong, double> _pivotBase = new();
    private readonly Dictionary<ulong, HashSet<int>> _moved = new();

    private readonly List<IReadOnlyList<int>> _operatorClusters = new();

    /// <summary>What was measured for each candidate operator (identity clusters and tied harness holders of campaign
    /// size) and what was decided, for review (`analyze --explain`, operators.jsonl): a hydra that was not called one is
    /// read here — which side of the rule it missed and by how much.</summary>
    public IReadOnlyList<OperatorCandidate> OperatorCandidates => _candidates;
    private readonly List<OperatorCandidate> _candidates = new();

    /// <summary>The identity clusters that carry operator evidence (profile indexes, sorted), in a stable order: groups
    /// found by who operates them rather than by how densely they share keys (<see cref="Campaigns.CampaignAssembler"/>
    /// offers each as a candidate campaign).</summary>
    public IReadOnlyList<IReadOnlyList<int>> OperatorClusters => _operatorClusters;

    /// <summary>What ties the account's identity cluster and how it acts as one, when it carries operator evidence.</summary>
    public string? OperatorDetail(int account) => _operatorDetail.GetValueOrDefault(account);

    /// <summary>Accounts that identify themselves — two thirds identified (verified outside the programs or on an enterprise
    /// agreement), the verified at least half of those (<see cref="CoordinationMeter.Declares"/>, no minimum count): a
    /// customer's own, whatever names they carry (one company's "GmbH" and "Ltd" workers on a job queue, its accounts
    /// opened over months).
    /// <para>
    /// Unless most of them were opened in bursts (<paramref name="burst"/>, <see cref="CoordinationMeter.Measure"/>) and
    /// no one name or mail domain of their own is on half of them. An organisation that opens seats for its people in one
    /// afternoon says who they are: its name or its domain is on them, and few others in the log carry it. Accounts
    /// opened in batches under a dozen company names and public mail are an operator's, whatever tier they bought (random
    /// 10014: a tool-use operation of 37 enterprise accounts, 21 verified, on eight cards, all opened in bursts, under
    /// 14 organisation names — the largest on 14 — and public mail, rejected whole as established).
    /// </para></summary>
    private bool Established(List<int> list, double burst)
    {
        if (!CoordinationMeter.Declares(list.Count(m => _in.Records[m] is { VerifiedOutsidePrograms: true }),
                list.Count(m => _in.Records[m] is { Identified: true }), list.Count, minVerified: 0))
            return false;
        if (burst < 0.5) return true;
        return OwnValueOnHalf(list, r => r.OrgName) || OwnValueOnHalf(list, r => r.EmailDomain);
    }

    /// <summary>Whether one value of the registry field is on at least half the accounts and at least half its carriers in
    /// the log are among them — or, given <paramref name="holders"/>, among those (a wider group the accounts are part
    /// of): theirs, not a public mail provider's or a common personal name's.</summary>
    private bool OwnValueOnHalf(List<int> list, Func<AccountRecord, string?> field, IEnumerable<int>? holders = null)
    {
        var here = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (var m in list)
            if (_in.Records[m] is { } r && field(r) is { } v && !string.IsNullOrWhiteSpace(v))
                here[v.Trim()] = here.GetValueOrDefault(v.Trim()) + 1;
        if (here.Count == 0) return false;
        var (value, count) = here.MaxBy(kv => kv.Value);
        if (count < 0.5 * list.Count) return false;
        bool On(int i) => _in.Records[i] is { } r && field(r) is { } v && string.Equals(v.Trim(), value, StringComparison.OrdinalIgnoreCase);
        int carriers = 0;
        for (int i = 0; i < _in.Records.Count; i++) if (On(i)) carriers++;
        return (holders is null ? count : holders.Count(On)) >= 0.5 * carriers;
    }

    /// <summary>Harvest-equivalent of strong operator evidence: as strong as the harvest strength that puts an account on
    /// watch by itself (<see cref="DetectorOptions.WatchHarvestStrength"/>).</summary>
    private double OperatorStrength => _in.Options.WatchHarvestStrength;

    /// <summary>
    /// Operator evidence that stands on its own. An identity cluster (accounts connected through cards, e-mail domains
    /// and hosting addresses few others share) is an operation whatever its requests look like when it is
    /// <b>tied by identity</b> — cards shared by at least half the members (a card is one payer's), or at least two kinds
    /// of identity (payment, e-mail domain, network, sign-up bursts) each shared with another member by (or, for bursts,
    /// holding for) at least half the members —
    /// <b>and acts as one</b>: it runs one harness (one parameter vector on ≥ 80 % of its members, or one system prompt
    /// on half of them, either held mostly by accounts in identity clusters rather than by independent customers;
    /// machine-regular timing on half of them; a round-the-clock schedule on half of those whose day can be judged,
    /// <see cref="CoordinationMeter.RoundTheClock"/>; or accounts that replace one another, most of those seen on two days
    /// living less than half the cluster's span, <see cref="CoordinationMeter.Succession"/>) — and it is neither an organisation's declared fleet (its unverified
    /// accounts included) nor two thirds verified accounts paying outside the free and program tiers. Sign-up bursts and fresh or program-tier accounts are reported alongside but not
    /// required: an operation that bought aged accounts has neither, and until session 9 this rule asked for both, which
    /// left every aged-account operation of the development logs without operator evidence. Each look-alike lacks one
    /// side: a corporate card's employees and a campus NAT's students run no common harness (development logs: at most
    /// 42 % on one parameter vector, no shared system prompt); an agent platform's users share its prompt and hosting but
    /// each pays with its own card; a declared fleet says who runs it.
    /// </summary>
    /// <param name="identityClustered">Null for the identity clusters. For the exit clusters (<see cref="MeasureExitOperators"/>):
    /// the accounts of the identity clusters, which stay the yardstick of whose harness a system prompt or parameter
    /// vector is; the accounts already given operator evidence are left out.</param>
    /// <returns>The accounts of the clusters of campaign size judged (null when the group or registry family is off).</returns>
    private HashSet<int>? MeasureOperators(Func<int, int> find, int[] clusterSize, Func<KeyGroup, bool> clusters, CoordinationMeter meter, HashSet<int>? identityClustered = null)
    {
        int n = _in.Profiles.Count;
        bool exitsPass = identityClustered is not null;
        string source = exitsPass ? "exit cluster" : "identity cluster";
        if (!exitsPass)
        {
            _operator = new double[n];
            _candidates.Clear();
        }
        if (_in.Options.Disabled("group") || _in.Options.Disabled("registration")) return null;
        // which kinds of identity each account shares with another member of its cluster
        var kinds = new byte[n];
        foreach (var g in _ordered)
        {
            if (!IdentityClusterKind(g.Kind) || g.Members.Count < 2 || !clusters(g)) continue;
            byte bit = g.Kind switch { LinkKind.Payment => 1, LinkKind.EmailDomain => 2, _ => 4 };
            foreach (var m in g.Members) kinds[m] |= bit;
        }
        var members = new Dictionary<int, List<int>>();
        for (int i = 0; i < n; i++)
        {
            if (_in.Allowlisted[i]) continue;
            if (exitsPass && (_operator[i] > 0 || HarnessOperator(i))) continue;
            int r = find(i);
            if (clusterSize[r] < Math.Max(3, _in.Options.MinCampaignAccounts)) continue;
            if (!members.TryGetValue(r, out var list)) members[r] = list = new List<int>();
            list.Add(i);
        }
        // Accounts in an identity cluster of campaign size: a harness value mostly held by them is an operator's (one
        // operation paying with a card per sign-up batch is several clusters on one system prompt), where a public
        // agent's prompt is mostly held by independent customers.
        var listed = new HashSet<int>();
        foreach (var (_, list) in members) listed.UnionWith(list);
        var clustered = identityClustered ?? listed;
        // Each account's addresses that could tie it to its cluster (as kinds counts them), for the harness test below.
        var addresses = new Dictionary<int, List<KeyGroup>>();
        foreach (var g in _ordered)
        {
            if (g.Kind is not (LinkKind.Ip or LinkKind.Prefix) || g.Members.Count < 2 || !clusters(g)) continue;
            foreach (var m in g.Members)
            {
                if (!listed.Contains(m) && !clustered.Contains(m)) continue;
                if (!addresses.TryGetValue(m, out var list)) addresses[m] = list = new List<KeyGroup>();
                list.Add(g);
            }
        }
        if (!exitsPass)
        {
            _independents = 0;
            for (int i = 0; i < n; i++) if (!_in.Allowlisted[i] && !clustered.Contains(i)) _independents++;
        }
        foreach (var (_, list) in members)
        {
            int tiedKinds = 0;
            foreach (byte bit in new byte[] { 1, 2, 4 })
                if (list.Count(m => (kinds[m] & bit) != 0) >= 0.5 * list.Count) tiedKinds++;
            // A payment instrument is one payer's: half the cluster paying with cards it shares ties it by itself. An
            // e-mail domain (an organisation's, declared) or an address (a NAT's) ties a cluster only with another kind —
            // and signing up in bursts far above the log's sign-up rate is one ("bursts of new accounts" in the public
            // record): a domain whose accounts were registered in batches is an operator's, where a company's or a
            // campus's accounts signed up over months (development logs: legitimate clusters 0.00–0.27 in bursts).
            double Has(byte bit) => (double)list.Count(m => (kinds[m] & bit) != 0) / list.Count;
            bool paying = Has(1) >= 0.5;
            if (tiedKinds == 0 && !paying) { Candidate(source, list, Inv($"cards {Has(1):F2} domains {Has(2):F2} addresses {Has(4):F2}"), "not tied: no kind of identity shared by half"); continue; }
            var c = meter.Measure(list);
            if (c.CreationBurst >= 0.5) tiedKinds++;
            string tiesText = Inv($"cards {Has(1):F2} domains {Has(2):F2} addresses {Has(4):F2} burst {c.CreationBurst:F2} fresh {c.Freshness:F2} declared {c.DeclaredOrganisation:F2}");
            // Hosting exits alone (no card, no burst, no other kind): an agent platform's users share its egress and its
            // prompt, and a station on bought aged accounts with a card each shares the same two things. They differ in
            // how the accounts run: a person's day has quiet hours, a harness served round-robin has none. Such a cluster
            // is judged below and needs a machine schedule on top of a harness of its own.
            bool exitsOnly = tiedKinds == 1 && !paying && Has(4) >= 0.5;
            if (tiedKinds < 2 && !paying && !exitsOnly) { Candidate(source, list, tiesText, "not tied: one kind of identity and no card"); continue; }
            if (c.DeclaredOrganisation >= CoordinationMeter.DeclaredShare) { Candidate(source, list, tiesText, "declared organisation"); continue; }
            // Accounts that identify themselves — verified outside the programs or on an enterprise agreement (Established) — are a customer's
            // own, whatever names they carry (one company's "GmbH" and "Ltd" workers on a job queue): two thirds of them
            // and the cluster is an organisation's fleet, not an operator hiding who it is. A hydra's fresh, free, program
            // or bought accounts are not (development logs: no campaign above one half; fleets, corporate cards and
            // enterprise batch jobs 0.8–1.0) — nor are enterprise seats opened in bursts under names and mail that are
            // not theirs (Established).
            if (Established(list, c.CreationBurst)) { Candidate(source, list, tiesText, "established accounts"); continue; }
            // The harness must be an operator's own: a system prompt or parameter vector most of whose holders in the log
            // are in identity clusters. A popular public agent's prompt or an SDK's defaults, which a company's developers share
            // with strangers, say nothing about who runs the accounts (the blind red team's corporate teams, whose
            // developers run a public terminal agent, were flagged on its prompt before this).
            double prompt = OwnHarnessShare(list, clustered, LinkKind.SystemPrompt, p => p.SystemPrompts);
            double sameParams = OwnHarnessShare(list, clustered, LinkKind.ParamSignature, p => p.ParamSignatures);
            double roundTheClock = meter.RoundTheClockShare(list);
            // A joint move: half of those who could, ten times the independents' rate, and more movers than chance
            // would give at that rate (Poisson tail below 1e-3, as for sign-up bursts): two of a four-account cluster
            // moving at a 3 % base rate is a 1-in-200 event that a log of 150,000 accounts produces many times over
            // (16 M exchanges: ten pairs of customers on a shared domain flagged before the tail was asked).
            var (pivot, pivotBase, moved, could) = PivotShare(list, clustered);
            bool jointPivot = IsJointPivot(pivot, pivotBase, moved, could);
            // Accounts that replace one another (CoordinationMeter.Succession): most of those seen on two days or more lived
            // less than half the cluster's span — a hydra's churn, where a team, a campus or a product's users keep theirs.
            var succeeded = Succeeding(list, meter, out double succession);
            bool succeeding = succeeded is not null;
            bool harness = sameParams >= 0.5 || prompt >= 0.5 || c.Regularity >= 0.5 || roundTheClock >= 0.5 || jointPivot || succeeding;
            string actsText = Inv($"{tiesText} own-params {sameParams:F2} own-prompt {prompt:F2} regular {c.Regularity:F2} round-the-clock {roundTheClock:F2} pivot {pivot:F2}/{pivotBase:F3} succession {succession:F2}");
            if (!harness) { Candidate(source, list, actsText, "does not act as one"); continue; }
            bool machine = c.Regularity >= 0.5 || roundTheClock >= 0.5;
            var (vector, system) = HarnessOf(list);
            bool OnHarness(int a)
            {
                var p = _in.Profiles[a];
                int t = p.ParamSignatures.TopIndex();
                return (t >= 0 && p.ParamSignatures.KeyAt(t) == vector) || (system != 0 && p.SystemPrompts.CountOf(system) > 0);
            }
            // Exits no IP intelligence names (the exit pass), on a machine's day: one harness among the members is enough, the
            // operator's own or not. The yardstick of whose harness a value is (the identity clusters) knows nothing of an
            // operation that pays with a card per account, and a common budget and temperature that customers also send is
            // held mostly by them (random 13704: a sweep of 63 on four addresses nobody else uses, its vector also sent by 67
            // customers, 0 found). The look-alike the own-harness rule keeps out — a platform's users on its egress with its
            // prompt — keeps a person's day; over the 200 development logs, no exit cluster of mostly legitimate accounts
            // turned down here ran on a machine's day (433 that did were all campaign accounts).
            double oneHarness = 0;
            if (exitsOnly && exitsPass && machine && sameParams < 0.5 && prompt < 0.5)
            {
                oneHarness = (double)list.Count(OnHarness) / list.Count;
                actsText += Inv($" one-harness {oneHarness:F2}");
            }
            // On a person's hours, a harness of its own and a quarter of it opened in batches (CoordinationMeter.BatchShare)
            // is an operation pacing its accounts like people: only its batches' accounts are taken by the exits (below) — a
            // platform's users on the same egress signed up one by one (dev random 11406: 114 of them beside a tool-use
            // operation's 86 that rode their prompt and exits, a component 0.40 in bursts).
            bool machineHarness = (sameParams >= 0.5 || prompt >= 0.5 || oneHarness >= 0.5) && machine;
            bool batched = exitsOnly && !machineHarness && (sameParams >= 0.5 || prompt >= 0.5) && c.CreationBurst >= CoordinationMeter.BatchShare;
            if (batched) actsText += " batched";
            // On a person's hours, without a harness of its own or batches, accounts that replace one another on the exits
            // are an operation churning its accounts: only the brief ones are taken by the exits (below), as only a batch's
            // are — a product's users on the same egress keep their accounts.
            bool churned = exitsOnly && !machineHarness && !batched && succeeding;
            if (churned) actsText += " churned";
            if (exitsOnly && !machineHarness && !batched && !churned)
            { Candidate(source, list, actsText, "exits only: no harness of its own on a machine schedule"); continue; }
            if (exitsOnly && OneEgress(list))
            {
                _egressOrganisation.UnionWith(list);
                actsText += " one-egress";
            }
            // The cluster's own accounts: those that share a card with another member, or another kind of identity
            // together with a sign-up burst with them, or two kinds at once. A customer chained in by one value alone (a
            // webmail provider whose holders are mostly the operation's card holders) is not the operator's account
            // (random 4013: 102 customers of a 295-account cluster carried its operator evidence).
            // An address counts as a kind of identity the account shares with its operator only when the operator's harness
            // runs from it: most of its holders send the cluster's parameter vector or run its system prompt. An address a
            // reseller's customers mostly hold, each with requests of its own, ties the account to them (the blind red
            // team's shadow 33: three customers on a reseller's exits, 2 of 28 holders in the cluster, and a public mail
            // domain made "two kinds at once" and carried the cluster's operator evidence). A station's or a sweep's own
            // exits are held by accounts that send its vector, in this cluster or not.
            var exitOfHarness = new Dictionary<KeyGroup, bool>(ReferenceEqualityComparer.Instance);   // per address, judged once per cluster
            bool ExitOfHarness(KeyGroup g)
            {
                if (!exitOfHarness.TryGetValue(g, out var exit))
                {
                    int on = 0;
                    foreach (var m in g.Members) if (OnHarness(m)) on++;
                    exitOfHarness[g] = exit = on >= 0.5 * g.Members.Count;
                }
                return exit;
            }
            bool HarnessExit(int a)
            {
                if (!addresses.TryGetValue(a, out var held)) return false;
                foreach (var g in held) if (ExitOfHarness(g)) return true;
                return false;
            }
            var burstOf = meter.BurstMembers(list);
            var briefOnes = churned ? succeeded : null;
            var own = new List<int>(list.Count);
            for (int j = 0; j < list.Count; j++)
            {
                byte k = kinds[list[j]], ok = (k & 4) != 0 && !HarnessExit(list[j]) ? (byte)(k & ~4) : k;
                if ((k & 1) != 0 || (burstOf[j] && ok != 0) || System.Numerics.BitOperations.PopCount((uint)ok) >= 2
                    || (exitsOnly && (k & 4) != 0 && OwnByExits(list[j]) && (!batched || burstOf[j]) && (briefOnes is null || briefOnes.Contains(list[j])))) own.Add(list[j]);
            }
            if (own.Count < Math.Max(3, _in.Options.MinCampaignAccounts)) { Candidate(source, list, actsText, $"operator, but {own.Count} own accounts"); continue; }
            Candidate(source, list, actsText, $"operator: {own.Count} own accounts");
            foreach (var m in own) _operator[m] = OperatorStrength;
            for (int j = 0; j < list.Count; j++)
            {
                var rec = _in.Records[list[j]];
                if ((kinds[list[j]] & 1) != 0 && rec?.PaymentFingerprint is { } card) StrongTie(list[j], "card " + card);
                if (burstOf[j] && (kinds[list[j]] & 2) != 0 && rec?.EmailDomain is { } domain) StrongTie(list[j], "batch domain " + domain);
                // Two kinds at once, a mail domain few others use and a hosting address or range the cluster's harness runs
                // from (the test its own accounts pass above): two independent values of the operator's own, as binding as a
                // card (held-out random 14402: a tool-use harvest paying with a card per account, signed up one by one on
                // domains of its own, its vector run from its own hosting addresses — two operator clusters of 17 and 18
                // whose accounts carried operator evidence and stayed clear, 9 of 116 found). A platform's users share its
                // egress and not a small domain; an office's staff share both and run no harness of their own, or are a
                // declared organisation (above). Identity clusters only: the exit pass's addresses are ones no IP
                // intelligence names, where a NAT's and an operator's look alike. The domain and the exact exits are the
                // values that tie (OneHarnessOneOperator parts the cluster by them).
                else if (!exitsPass && (kinds[list[j]] & 2) != 0 && rec?.EmailDomain is { } ownDomain && HarnessExit(list[j]))
                {
                    StrongTie(list[j], "domain " + ownDomain);
                    foreach (var g in addresses[list[j]]) if (g.Kind == LinkKind.Ip && ExitOfHarness(g)) StrongTie(list[j], "exit " + g.Value);
                }
            }
            // Such an operator's exits are what tie its accounts, as a card ties a payer's: each own account is strongly tied
            // through the exact addresses it shares (PaysOrRotates), so the cluster is gathered and corroborated as one
            // (CampaignAssembler.GatherOperators) — without it, the accounts carried operator evidence and stayed clear.
            if (exitsPass && exitsOnly && oneHarness >= 0.5)
                foreach (var m in own)
                    if (addresses.TryGetValue(m, out var held))
                        foreach (var g in held) if (g.Kind == LinkKind.Ip) StrongTie(m, "exit " + g.Value);
            _operatorClusters.Add(own);
            string tied = string.Join(", ", new[] { (1, "payment instruments"), (2, "e-mail domains"), (4, "addresses") }
                .Where(t => list.Count(m => (kinds[m] & t.Item1) != 0) >= 0.5 * list.Count).Select(t => t.Item2));
            var acts = new List<string>();
            if (sameParams >= 0.5) acts.Add($"{sameParams:P0} on parameter vectors of operators' own");
            if (prompt >= 0.5) acts.Add($"{prompt:P0} on system prompts of operators' own");
            if (c.Regularity >= 0.5) acts.Add($"{c.Regularity:P0} on machine-regular timing");
            if (oneHarness >= 0.5) acts.Add($"{oneHarness:P0} on one parameter vector or system prompt among themselves");
            if (roundTheClock >= 0.5) acts.Add($"{roundTheClock:P0} round the clock, with no quiet third of the day");
            if (jointPivot) acts.Add($"{pivot:P0} of those active at a model's release moved to a new model together within {_in.Options.ModelPivotHours} h (independent customers: {pivotBase:P1})");
            if (succeeding) acts.Add($"{succession:P0} of those seen on two days or more active for less than half the cluster's span: accounts that replace one another");
            string detail = string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"one of {list.Count} accounts tied by shared {tied}{(exitsPass ? " (exact addresses no IP intelligence names as hosting)" : "")} that act as one ({string.Join(", ", acts)}; {c.CreationBurst:P0} signed up in bursts, {c.Freshness:P0} fresh or program-tier): operator evidence, whatever the requests ask");
            foreach (var m in own) _operatorDetail[m] = detail;
        }
        return clustered;
    }

    private static string Inv(FormattableString f) => FormattableString.Invariant(f);

    /// <summary>
    /// The brief accounts (<see cref="CoordinationMeter.BriefMembers"/>) of members that replace one another
    /// (<see cref="CoordinationMeter.Succession"/> at least <see cref="CoordinationMeter.SuccessionShare"/>), or null when
    /// they do not. Judged on the members that reach the API directly, who must be half of them: through a partner (a
    /// reseller, a cloud marketplace) the exits the log records are the partner's, shared by its customers, who come and go
    /// as any product's do (the blind red team's shadow 35: a reseller's 36 customers and 35 accounts of an operation on its
    /// exits, 0.55 brief, taken together before this).
    /// </summary>
    private HashSet<int>? Succeeding(IReadOnlyList<int> members, CoordinationMeter meter, out double succession)
    {
        var direct = members.Where(m => _in.Profiles[m].Exchanges > 0 && ThroughPartner(_in.Profiles[m]) < 0.5 * _in.Profiles[m].Exchanges).ToList();
        succession = 0;
        if (direct.Count < 0.5 * members.Count) return null;
        succession = meter.Succession(direct, out var brief);
        return succession < CoordinationMeter.SuccessionShare ? null : direct.Where((_, j) => brief[j]).ToHashSet();
    }

    /// <summary>The account's exchanges that came through a partner (a <c>route</c> other than direct: a reseller, a cloud
    /// marketplace): the exits and the client the log records for them are the partner's.</summary>
    public int ThroughPartner(AccountProfile p)
    {
        int n = 0;
        var routes = p.Routes;
        for (int i = 0; i < routes.Count; i++)
            if (PartnerRoute(_in.Context.Routes.Value((int)routes.KeyAt(i)))) n += routes.CountAt(i);
        return n;
    }

    /// <summary>Whether a <c>route</c> is a partner's (a reseller, a cloud marketplace) rather than the API reached directly.</summary>
    private static bool PartnerRoute(string name) => name is not ("" or "direct");

    /// <summary>The accounts holding a value of a kind (a system prompt, a parameter vector), or null when fewer than two do.</summary>
    public IReadOnlyList<int>? HoldersOf(LinkKind kind, ulong key) => _groups.TryGetValue((kind, key), out var g) ? g.Members : null;

    private void Candidate(string source, List<int> members, string measures, string outcome)
        => _candidates.Add(new OperatorCandidate(source, members, measures, outcome));

    /// <summary>The parameter vector and the system prompt most of the cluster's members send most (0 when none).</summary>
    private (ulong Vector, ulong System) HarnessOf(List<int> list)
    {
        static ulong Dominant(IEnumerable<CounterView> views)
        {
            var counts = new Dictionary<ulong, int>();
            foreach (var v in views)
            {
                int t = v.TopIndex();
                if (t >= 0) counts[v.KeyAt(t)] = counts.GetValueOrDefault(v.KeyAt(t)) + 1;
            }
            return counts.Count == 0 ? 0 : counts.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key).First().Key;
        }
        return (Dominant(list.Select(m => _in.Profiles[m].ParamSignatures)), Dominant(list.Select(m => _in.Profiles[m].SystemPrompts)));
    }

    /// <summary>
    /// Share of the cluster's members whose top value of one kind (system prompt, parameter signature) is a harness of
    /// operators' own: a value at least two accounts hold, at least half of its holders in identity clusters
    /// (<paramref name="clustered"/>), and at least ten times as common among this cluster's members — or among clustered
    /// accounts as a whole — as among independent customers (accounts in no identity cluster). An operation that spreads
    /// its parameters over two or three vectors runs its harness no less; an SDK's defaults, which a campus's students
    /// share with every independent developer on that SDK, are no one's own however large the campus (named hardneg
    /// seed 1: 1,659 students in 25 campus clusters, each spread over a dozen default vectors held by 1–3.5 % of
    /// independents and 5–10 % of the cluster, at most about six times as common; a few rarer vectors three or four
    /// students share pass the ratio, but no campus cluster of the development logs reached more than 13 % on passing
    /// values, against the half required — where an operation's vectors are held by no independent at all, or only by
    /// its own unclustered accounts). A vector held by one account alone says nothing about anyone running it.
    /// </summary>
    private double OwnHarnessShare(List<int> list, HashSet<int> clustered, LinkKind kind, Func<AccountProfile, CounterView> values)
    {
        var counts = new Dictionary<ulong, int>();
        foreach (var m in list)
        {
            var v = values(_in.Profiles[m]);
            int t = v.TopIndex();
            if (t >= 0) counts[v.KeyAt(t)] = counts.GetValueOrDefault(v.KeyAt(t)) + 1;
        }
        int own = 0;
        foreach (var (key, n) in counts)
        {
            if (!_groups.TryGetValue((kind, key), out var g) || g.Members.Count < 2) continue;
            int inClusters = ClusteredHolders(g, clustered);
            if (inClusters < 0.5 * g.Members.Count) continue;
            double rate = (double)(g.Members.Count - inClusters) / Math.Max(1, _independents);
            double inCluster = (double)n / list.Count, amongClustered = (double)inClusters / Math.Max(1, clustered.Count);
            if (inCluster >= StrongEvidenceRatio * rate || amongClustered >= StrongEvidenceRatio * rate) own += n;
        }
        return (double)own / list.Count;
    }

    /// <summary>How many times more common a trait must be among a cluster's accounts than among independent customers to
    /// say something about who runs them — a harness value of its own (<see cref="OwnHarnessShare"/>), a joint move to a
    /// new model (<see cref="PivotShare"/>): a likelihood ratio of 10, conventionally "strong evidence".</summary>
    private const double StrongEvidenceRatio = 10;

    /// <summary>Accounts (not allowlisted) in no identity cluster of campaign size: the population a harness value's
    /// commonness is judged against.</summary>
    private int _independents;

    private readonly Dictionary<KeyGroup, int> _clusteredHolders = new(ReferenceEqualityComparer.Instance);

    /// <summary>How many of the key's holders are in identity clusters, or egress from an address (IP or range few others
    /// use) that a clustered holder of the key egresses from too (counted once per key). An operation that pays half
    /// its accounts with cards of their own leaves that half out of every identity cluster; run from the same exits as
    /// the clustered half, on the same harness, they are not independent customers holding it (random 4013: a sweep's
    /// own parameter vector, 356 holders and none outside it, was judged public because only 49 % of them were
    /// clustered). A public SDK's defaults are held by customers on exits of their own.</summary>
    private int ClusteredHolders(KeyGroup g, HashSet<int> clustered)
    {
        if (!_clusteredHolders.TryGetValue(g, out var n)) _clusteredHolders[g] = n = TiedLikeHolders(g.Members, clustered.Contains);
        return n;
    }

    /// <summary>Address key groups (IPs and ranges held by two to <c>clusterKeyLimit</c> accounts) by account.</summary>
    private List<KeyGroup>?[] _addressesOf = Array.Empty<List<KeyGroup>?>();

    private void IndexAddresses(int clusterKeyLimit)
    {
        _addressesOf = new List<KeyGroup>?[_in.Profiles.Count];
        foreach (var g in _ordered)
        {
            if (g.Kind is not (LinkKind.Ip or LinkKind.Prefix) || g.Members.Count < 2 || g.Members.Count > clusterKeyLimit) continue;
            foreach (var m in g.Members) (_addressesOf[m] ??= new List<KeyGroup>()).Add(g);
        }
    }

    /// <summary>Holders that are tied, or share an address with a tied holder (<see cref="ClusteredHolders"/>).</summary>
    private int TiedLikeHolders(IReadOnlyList<int> holders, Func<int, bool> tied)
    {
        var exits = new HashSet<KeyGroup>(ReferenceEqualityComparer.Instance);
        int n = 0;
        foreach (var m in holders)
        {
            if (!tied(m)) continue;
            n++;
            if (_addressesOf.Length > m && _addressesOf[m] is { } a) exits.UnionWith(a);
        }
        if (exits.Count == 0) return n;
        foreach (var m in holders)
            if (!tied(m) && !_in.Allowlisted[m] && _addressesOf.Length > m && _addressesOf[m] is { } a && a.Any(exits.Contains)) n++;
        return n;
    }

    /// <summary>A hosting range rented by tenants that never share an address: its holders split into two or more pools,
    /// each on addresses of its own that <see cref="SharedEgressAccounts"/> or more accounts use (an egress: a platform's,
    /// an operation's exit), each pool at least a quarter of the range's holders, and no holder of one pool uses such an
    /// address of another's, in the range or outside it (an operation that pins its accounts to two exits of a range and
    /// a third elsewhere is one pool). A cloud provider's /24 hosts many customers' machines; two pools on disjoint
    /// addresses of one range are two tenants unless something else ties them (a card, a domain), so the range links
    /// neither — their exact addresses still do. An operation whose accounts spread over its range's addresses, few
    /// accounts to each, forms no pool and its range still ties it. (With IP intelligence, an agent platform's egress and
    /// a replay ring's exits in one cloud /24 of random 10116 drew 18 of the platform's users into the ring's campaign.)
    /// Only ranges known as hosting (the caller): applied to every range (residential, campus), it changed no recall on
    /// the development logs read without IP intelligence but lowered the weighted purity of four (random 9703
    /// 0.98 → 0.74, 9701 and 10110 with the corpus 0.98 → 0.83).</summary>
    private bool TenantsApart(KeyGroup prefix, Dictionary<ulong, int> ipHolders)
    {
        var infra = _in.Context.Infra;
        var members = prefix.Members;
        var parent = new int[members.Count];
        for (int i = 0; i < parent.Length; i++) parent[i] = i;
        int Find(int x) { while (parent[x] != x) { parent[x] = parent[parent[x]]; x = parent[x]; } return x; }
        var firstOnIp = new Dictionary<ulong, int>();
        var pooled = new bool[members.Count];
        for (int i = 0; i < members.Count; i++)
        {
            var ips = _in.Profiles[members[i]].Ips;
            for (int j = 0; j < ips.Count; j++)
            {
                ulong ip = ips.KeyAt(j);
                if (ip == 0 || ipHolders.GetValueOrDefault(ip) < SharedEgressAccounts) continue;
                if ((ulong)infra.PrefixOf((int)ip) == prefix.Key) pooled[i] = true;
                if (!firstOnIp.TryAdd(ip, i))
                {
                    int a = Find(firstOnIp[ip]), b = Find(i);
                    if (a != b) parent[Math.Max(a, b)] = Math.Min(a, b);
                }
            }
        }
        var size = new int[members.Count];
        for (int i = 0; i < members.Count; i++) if (pooled[i]) size[Find(i)]++;
        int pools = 0;
        foreach (var n in size) if (n >= SharedEgressAccounts && 4 * n >= members.Count) pools++;
        return pools >= 2;
    }

    /// <summary>Marks the hosting addresses and ranges that are a shared egress (<see cref="KeyGroup.Egress"/>): held by more
    /// accounts than the log's yardstick of a popular value (<paramref name="domainLimit"/>, √N, as for mail domains), fewer
    /// than half of them tied to anyone by identity — a card, or a mail domain no more common than <paramref
    /// name="domainLimit"/> — or are an operator's by the measures of <see cref="MeasureOperators"/> (an aged station whose
    /// accounts each pay with a card of their own is tied by how they run). An agent platform's egress in a cloud range
    /// is held by its users, independent customers each paying with a card of their own, as a NAT's is; weighed as an
    /// operator's exit (0.7 rather than 0.5), with the lift of the identity cluster it formed and as the exits of a
    /// harness, it drew 11 of a platform's users of random 10113 into a 20-account operation that shared the platform's
    /// parameter vector and a popular template. It still links its holders, as an address not known as hosting does.
    /// Without the size yardstick, a transfer station's own exits — ten to twenty of its accounts on each, a card and
    /// public mail each — weighed as an egress too (the red team's adaptive 23: its trace station 0.82 → 0; random 10009
    /// tooluse-1 0.76 → 0.55); a small platform's egress below √N still weighs as exits (random 9827: 8 users flagged).</summary>
    private void MarkSharedEgress(int domainLimit)
    {
        var tied = new bool[_in.Profiles.Count];
        foreach (var g in _ordered)
            if ((g.Kind == LinkKind.Payment || (g.Kind == LinkKind.EmailDomain && g.Members.Count <= domainLimit)) && g.Members.Count >= 2)
                foreach (var m in g.Members) tied[m] = true;
        foreach (var g in _ordered)
        {
            if (!g.Hosting || g.Kind is not (LinkKind.Ip or LinkKind.Prefix)) continue;
            int t = 0;
            foreach (var m in g.Members) if (tied[m] || OperatorEvidence(m) > 0) t++;
            g.Egress = g.Members.Count > domainLimit && 2 * t < g.Members.Count;
        }
    }

    private static bool OperatorCarries(LinkKind kind)
        => kind.Family() is LinkFamily.Registration or LinkFamily.Network || kind is LinkKind.SystemPrompt or LinkKind.Template or LinkKind.Skeleton;

    /// <summary>
    /// Operator evidence from exits no IP intelligence names (session 49). Identity clusters connect accounts through
    /// addresses only where IP intelligence says hosting: an address it does not name may be a campus or office NAT or
    /// a platform's egress, and chaining through it would merge strangers — and operations into each other's clusters
    /// (tried first: a card-tied agentic operation of 74 and 22 accounts of a replay ring that used one of its exits
    /// became one cluster of 157 whose cards no longer tied half of it, and the operation lost its operator evidence).
    /// Without IP intelligence, an operation whose accounts each pay with a card of their own then has no network
    /// identity at all, though its accounts live on exits nobody else uses (random 13522, 13508, 13306, 13310: hundreds of
    /// accounts, 5–28 to an address, every holder the operation's).
    /// Here the accounts that no other rule made an operator's own (identity clusters, harness holders, denied days) are
    /// connected through exact addresses (not ranges: a residential ISP's /24 holds strangers) that three or more of
    /// them share and at most one account in twenty of the log holds, and each component of campaign size is judged
    /// by the same operator rule as an identity cluster: tied by identity (the address plus a card, a small domain or a
    /// sign-up burst on half the members; or the exits alone on a machine's schedule with one harness among the members,
    /// whether or not it is an operator's own — since session 50, when such accounts are also strongly tied through their
    /// exits), acting as one, not a declared organisation, not established accounts, and only its own accounts.
    /// A campus NAT's students and an office's employees run no common harness; an agent platform's users run its
    /// prompt, which independent customers hold (the yardstick of whose harness a value is stays the identity clusters);
    /// an organisation's fleet is declared. Run after the other operator rules, it adds evidence to accounts nothing else
    /// explained and takes none from anyone (groups assembled around the new operators can still take in another
    /// operation's accounts: development 11421, docs/detector.md, session 49).
    /// </summary>
    /// <param name="clusters">Which values count as identity shared within a cluster, as for the identity clusters.</param>
    /// <param name="identityClustered">The identity clusters' accounts (<see cref="MeasureOperators"/>); null: nothing to do.</param>
    private void MeasureExitOperators(CoordinationMeter meter, int clusterKeyLimit, Func<KeyGroup, bool> clusters, HashSet<int>? identityClustered)
    {
        int n = _in.Profiles.Count;
        if (identityClustered is null) return;
        var parent = Enumerable.Range(0, n).ToArray();
        int F(int x) => Root(parent, x);
        foreach (var g in _ordered)
        {
            if (g.Kind != LinkKind.Ip || g.Hosting || g.Members.Count < 3 || g.Members.Count > clusterKeyLimit) continue;
            int first = -1;
            foreach (var m in g.Members)
            {
                if (_in.Allowlisted[m] || _operator[m] > 0 || HarnessOperator(m)) continue;
                if (first < 0) first = m; else Join(parent, m, first);
            }
        }
        var size = new int[n];
        for (int i = 0; i < n; i++) size[F(i)]++;
        MeasureOperators(F, size, clusters, meter, identityClustered);
    }

    private static bool ClusterKey(KeyGroup g) => g.Kind is LinkKind.Payment or LinkKind.EmailDomain || (g.Kind is LinkKind.Ip or LinkKind.Prefix && g.Hosting);

    private static bool IdentityClusterKind(LinkKind kind) => kind is LinkKind.Payment or LinkKind.EmailDomain or LinkKind.Ip or LinkKind.Prefix;

    internal static bool LiftApplies(LinkKind kind)
        => kind is not (LinkKind.Template or LinkKind.Skeleton or LinkKind.RotatingExits or LinkKind.ArtifactReplay);

    private void Weigh()
    {
        var opt = _in.Options;
        int population = Math.Max(3, _in.Allowlisted.Count(x => !x));

        // Identity clusters: accounts connected through cards, e-mail domains and hosting addresses or ranges (known
        // from IP intelligence) that at most one account in twenty shares (a value more common than that is public — a
        // popular mail provider — and would chain strangers together). An address not known to be hosting does not
        // connect them: it may be a NAT or a platform's egress, whose users are independent customers (with every
        // address connecting, a platform's users harvesting a little above the base rate were flagged on development
        // logs when a link family was switched off). Each cluster's lift is measured once.
        // An e-mail domain more common than the log's yardstick of a popular domain (√N accounts, rarity below one half;
        // see CampaignAssembler.Coverage) connects only when its holders are mostly tied to one another already — at
        // most one card-or-hosting cluster for every two holders. A public webmail provider is a few per cent of every
        // log and its holders are strangers, each paying with a card of its own: with the N/20 limit alone, mail.com,
        // 163.com and yahoo.com chained a thousand strangers and three operations into one cluster whose lift was that
        // of the mixture. An operation's own domain is as common, but its holders share its cards.
        int clusterKeyLimit = Math.Max(3, population / 20);
        int domainLimit = Math.Max(3, (int)Math.Sqrt(population));
        var parent = Enumerable.Range(0, _in.Profiles.Count).ToArray();
        int Find(int x) { while (parent[x] != x) { parent[x] = parent[parent[x]]; x = parent[x]; } return x; }
        void Union(KeyGroup g)
        {
            int r0 = Find(g.Members[0]);
            for (int i = 1; i < g.Members.Count; i++)
            {
                int ri = Find(g.Members[i]);
                if (ri != r0) { parent[Math.Max(ri, r0)] = Math.Min(ri, r0); r0 = Math.Min(ri, r0); }
            }
        }
        var apart = new HashSet<KeyGroup>(ReferenceEqualityComparer.Instance);
        var ipHolders = new Dictionary<ulong, int>();
        foreach (var g in _ordered) if (g.Kind == LinkKind.Ip) ipHolders[g.Key] = g.Members.Count;
        foreach (var g in _ordered)
            if (g.Kind == LinkKind.Prefix && g.Hosting && g.Members.Count >= 2 * SharedEgressAccounts && g.Members.Count <= opt.MaxKeyAccounts && TenantsApart(g, ipHolders)) apart.Add(g);
        var connecting = new HashSet<KeyGroup>(ReferenceEqualityComparer.Instance);
        foreach (var g in _ordered)
            if (ClusterKey(g) && g.Kind != LinkKind.EmailDomain && g.Members.Count >= 2 && (g.Members.Count <= clusterKeyLimit || g.Kind == LinkKind.Payment)
                && !apart.Contains(g)) connecting.Add(g);
        foreach (var g in connecting) Union(g);
        var roots = new HashSet<int>();
        foreach (var g in _ordered)
        {
            if (g.Kind != LinkKind.EmailDomain || g.Members.Count < 2 || g.Members.Count > clusterKeyLimit) continue;
            if (g.Members.Count > domainLimit)
            {
                roots.Clear();
                foreach (var m in g.Members) roots.Add(Find(m));
                if (roots.Count > g.Members.Count / 2) continue;
            }
            connecting.Add(g);
        }
        foreach (var g in _ordered) if (g.Kind == LinkKind.EmailDomain && connecting.Contains(g)) Union(g);
        bool Clusters(KeyGroup g) => connecting.Contains(g);
        var clusterSize = new int[_in.Profiles.Count];
        var clusterHarvesting = new int[_in.Profiles.Count];
        for (int i = 0; i < _in.Profiles.Count; i++)
        {
            if (_in.Allowlisted[i]) continue;
            int r = Find(i);
            clusterSize[r]++;
            if (_in.Profiles[i].HarvestExchanges > 0) clusterHarvesting[r]++;
        }
        // The base rate is read off the accounts that share no such value with anyone — independent customers — so the
        // groups being judged do not raise the yardstick they are judged by (a hydra can be a quarter of a log). With
        // fewer than a hundred independent accounts, the whole log is the reference.
        int alone = 0, aloneHarvesting = 0, harvesting = 0;
        for (int i = 0; i < _in.Profiles.Count; i++)
        {
            if (_in.Allowlisted[i]) continue;
            bool h = _in.Profiles[i].HarvestExchanges > 0;
            if (h) harvesting++;
            if (clusterSize[Find(i)] == 1) { alone++; if (h) aloneHarvesting++; }
        }
        HarvestBaseRate = alone >= 100 ? (double)aloneHarvesting / alone : (double)harvesting / population;
        var clusterLift = new double[_in.Profiles.Count];
        for (int i = 0; i < clusterLift.Length; i++)
            if (clusterSize[i] >= 2) clusterLift[i] = HarvestLift.Of(clusterHarvesting[i], clusterSize[i], HarvestBaseRate);
        var meter = new CoordinationMeter(_in.Profiles, i => _in.Records[i], opt.CreationBurstHours);
        IndexAddresses(clusterKeyLimit);
        bool SharedIdentity(KeyGroup g) => g.Kind is LinkKind.EmailDomain or LinkKind.Payment ? connecting.Contains(g) : g.Members.Count <= clusterKeyLimit;
        var identityClustered = MeasureOperators(Find, clusterSize, SharedIdentity, meter);
        MeasureRotation();
        MeasureHarnessOperators(meter, clusterKeyLimit);
        MeasureExitOperators(meter, clusterKeyLimit, SharedIdentity, identityClustered);
        MarkSharedEgress(domainLimit);
        _clusterLift = new double[_in.Profiles.Count];
        if (!opt.Disabled("group"))
            for (int i = 0; i < _clusterLift.Length; i++) _clusterLift[i] = clusterLift[Find(i)];
        double lnN = Math.Log(population);
        foreach (var g in _ordered)
        {
            int m = g.Members.Count;
            // A tool set finds operators (MeasureHarnessOperators), and binds its holders in the account graph only where an
            // operation was found on it — the tools were that operation's own: tool names are public far more often than
            // prompts are, and a popular set would tie an operation's accounts to every client that sends it (random 10315:
            // a tool-use operation found on its system prompt, declaring three public sets, lost 290 of its 623 accounts to
            // watch when every set was a link, and 300 when the sets most of whose holders were operators were).
            if (m < 2 || m > opt.MaxKeyAccounts || opt.Disabled(g.Kind.Family().ToString()) || apart.Contains(g)
                || (g.Kind == LinkKind.SystemPrompt && HarnessValue.IsShape(g.Key) && !_foundOn.Contains(g)))
            { g.Weight = 0; continue; }
            g.Rarity = Math.Clamp(1 - Math.Log(m) / Math.Max(lnN, Math.Log(m + 1)), 0, 1);
            double sw = 0, sh = 0;
            for (int i = 0; i < m; i++)
            {
                double wt = Math.Min(1, g.Counts[i] / 5.0);
                sw += wt;
                sh += wt * MemberHarvest(g, i);
            }
            g.HarvestShare = sw == 0 ? 0 : sh / sw;
            if (g.Kind is LinkKind.Template or LinkKind.SystemPrompt or LinkKind.Skeleton)
            {
                // Pooled over the key's exchanges: a template spread thinly over many accounts (each below any
                // per-account threshold, large in aggregate) is judged on all its exchanges, not on the mean account.
                long pc = 0, ph = 0;
                for (int i = 0; i < m; i++) { pc += g.Counts[i]; ph += Math.Max(0, g.Harvest[i]); }
                g.HarvestShare = Math.Max(g.HarvestShare, HarvestStrength.OnKey((int)Math.Min(pc, int.MaxValue), (int)Math.Min(ph, int.MaxValue)));
            }
            // Judged as a group against the log's base rate: most of the accounts on one card, address range or sign-up
            // window harvesting where a minority of the log's accounts do is harvest on that key, however thinly
            // each account collects (HarvestLift). Not for keys whose membership already requires harvest (skeletons,
            // the egress-apart trait, harvested templates, replays): there every member harvests by construction.
            if (LiftApplies(g.Kind) && !opt.Disabled("group"))
            {
                int k = 0;
                for (int i = 0; i < m; i++) if (_in.Profiles[g.Members[i]].HarvestExchanges > 0) k++;
                double lift = HarvestLift.Of(k, m, HarvestBaseRate);
                // An operator's identity keys are each small (eight accounts to a card) but together large: an identity
                // key is also judged as part of the cluster of accounts its kind of keys connects.
                if (ClusterKey(g) && Clusters(g) && !g.Egress) lift = Math.Max(lift, clusterLift[Find(g.Members[0])]);
                g.HarvestShare = Math.Max(g.HarvestShare, lift);
            }
            // Keys inside an operator cluster (tied by identity, acting as one) carry its operator evidence: its identity
            // and the harness its accounts run (system prompt, templates, skeletons), in proportion to the holders that are
            // its, so one operation forms one block rather than a finding per card.
            if (OperatorCarries(g.Kind))
            {
                double op = 0;
                for (int i = 0; i < m; i++) op += _operator[g.Members[i]];
                g.HarvestShare = Math.Max(g.HarvestShare, op / m);
            }
            bool coordinationKind = g.Kind is LinkKind.Template or LinkKind.SystemPrompt or LinkKind.Skeleton or LinkKind.Payment or LinkKind.CreationBurst;
            if (g.HarvestShare >= 0.1 || (coordinationKind && m >= 3))
                g.Coordination = meter.Measure(g.Members, g.Counts, g.Kind is LinkKind.Template or LinkKind.Skeleton);
            var c = g.Coordination;
            double susp = g.HarvestShare * (0.4 + 0.6 * c.Score);
            if (c.Score >= 0.6 && c.Freshness >= 0.5) susp = Math.Max(susp, 0.5 * c.Score);
            if (g.Kind == LinkKind.ArtifactReplay) susp = Math.Max(susp, 0.8);   // replay across accounts is itself coordination
            g.Suspicion = susp;
            g.Weight = g.Kind.BaseWeight(g.OperatorExit) * (0.3 + 0.7 * g.Rarity) * susp;
        }
    }

    /// <summary>Harvest of member i on key g: on-key counts where tracked, else the account's harvest strength.</summary>
    public double MemberHarvest(KeyGroup g, int i)
    {
        double h = g.Harvest[i] >= 0 && g.Kind != LinkKind.ArtifactReplay
            ? HarvestStrength.OnKey(g.Counts[i], g.Harvest[i])
            : _in.Harvest[g.Members[i]];
        // On the identity and harness its operator shares (cards, domains, addresses, system prompt, templates), a member of
        // an operator cluster is bound as strongly as its operator evidence says, whatever it asked through that key.
        if (OperatorCarries(g.Kind) && g.Members[i] < _operator.Length)
            h = Math.Max(h, _operator[g.Members[i]]);
        return h;
    }

    /// <summary>Harvest evidence of member i on key g for membership (not for finding the dense core): on-key counts
    /// where tracked, else the account's; small samples judged by their shrunk share (<see cref="HarvestStrength.SmallSample"/>).</summary>
    public double MemberEvidence(KeyGroup g, int i)
        => g.Harvest[i] >= 0 && g.Kind != LinkKind.ArtifactReplay
            ? HarvestStrength.SmallSample(g.Counts[i], g.Harvest[i])
            : HarvestStrength.Evidence(_in.Profiles[g.Members[i]]);

    /// <summary>
    /// How strongly member i is bound to key g as a fact about the account, whatever its volume:
    /// <c>weight × (0.3 + 0.7 × evidence)</c>. Sharing a payment instrument, an address or a template with a campaign
    /// binds a replacement account that made five requests as much as one that made five thousand; volume decides
    /// the dense core (<see cref="EdgeWeight"/>), not who belongs to it.
    /// </summary>
    public double Binding(KeyGroup g, int i) => g.Weight * (0.3 + 0.7 * MemberEvidence(g, i));

    /// <summary>The edge weight from member i to key g: key weight × involvement (count-saturated, harvest-tempered).</summary>
    public double EdgeWeight(KeyGroup g, int i)
    {
        // Counts on harvest-only keys (skeletons, the egress-apart trait) are harvest requests, each an act of harvest;
        // elsewhere they are all the account's exchanges on the key, most of them ordinary.
        double scale = g.Kind is LinkKind.Skeleton or LinkKind.RotatingExits ? 2.0 : 8.0;
        double involvement = 1 - Math.Exp(-g.Counts[i] / scale);
        return g.Weight * involvement * (0.3 + 0.7 * MemberHarvest(g, i));
    }
}
