namespace DistillGuard.Core.Links;

public sealed partial class KeyGroupBuilder
{
    private readonly HashSet<int> _harnessOperator = new();
    /// <summary>Harness values whose holders were found to be an operation's own here (the value an operator was found on).</summary>
    private readonly HashSet<KeyGroup> _foundOn = new(ReferenceEqualityComparer.Instance);

    /// <summary>Whether the account is one of an operation's own among the holders of its harness
    /// (<see cref="MeasureHarnessOperators"/>): tied to the others by a card, by a burst and another kind of identity,
    /// or by its organisation name and a domain or an address.</summary>
    public bool HarnessOperator(int account) => _harnessOperator.Contains(account);

    /// <summary>Whether the account is an operator cluster's own through the strongest ties: a card it shares with other
    /// members (one payer's), exits that rotate where the log's do not, an e-mail domain few others use together with
    /// signing up in a burst with them, or (since session 56) such a domain together with a hosting address the cluster's
    /// harness runs from. Accounts tied only by an address or a name, with or without a burst, are operator
    /// evidence but not enough to gather a campaign around (<see cref="Campaigns.CampaignAssembler"/>): an agent platform's
    /// users share its cloud egress, some carry a common personal name, and some sign up in the same hours as the
    /// operation that runs the platform's prompt (random 4013: seven of them gathered with it). Since session 50, also an
    /// exit cluster's own account tied by its exact addresses alone where the cluster runs one harness on a machine's day
    /// (<see cref="MeasureExitOperators"/>): the platform's users keep a person's day.</summary>
    public bool PaysOrRotates(int account) => _strongTies.ContainsKey(account);

    private readonly Dictionary<int, List<string>> _strongTies = new();

    /// <summary>The values behind <see cref="PaysOrRotates"/>: the card, the rotating harness or the batch's domain that
    /// ties the account (accounts with one of these values in common are one payer's, one proxy pool's, one batch's).</summary>
    public IReadOnlyList<string> StrongTies(int account) => _strongTies.TryGetValue(account, out var l) ? l : Array.Empty<string>();

    private void StrongTie(int account, string value)
    {
        if (!_strongTies.TryGetValue(account, out var l)) _strongTies[account] = l = new List<string>(2);
        if (!l.Contains(value)) l.Add(value);
    }

    /// <summary>
    /// Operator evidence found from the harness side. <see cref="MeasureOperators"/> starts from identity clusters built
    /// over the whole log, where only cards, e-mail domains few others use and hosting addresses connect — a value more
    /// common than that would chain strangers together. An operation that pays with a card per account, signs up on a
    /// handful of its own domains that each carry hundreds of its accounts, and egresses from a pool of addresses not
    /// known to be hosting forms no such cluster, however alike its accounts are.
    /// <para>
    /// Here the candidates are the holders of one harness value (a parameter vector, a system prompt), and identity is
    /// judged among them: a card, an e-mail domain, an organisation name or an address (IP or range) ties the holders that
    /// share it when at least half of that value's holders in the whole log hold the harness value too — a value few
    /// others use, whatever its size. Public mail providers, a campus's network or an SDK's defaults are held mostly by
    /// accounts outside the group and tie nothing. The tied components (connected through such values) are then judged
    /// as <see cref="MeasureOperators"/> judges a cluster: tied when half share cards, or when half signed up in bursts far
    /// above the log's sign-up rate and half share one other kind of identity — an institution's accounts share a
    /// domain, a name and a network but sign up over months; and not an organisation's declared fleet nor two thirds
    /// established accounts. The harness must be the operators' own: at least half its holders in such components and
    /// at least <see cref="StrongEvidenceRatio"/> times as common among them as among accounts in none — or, on a public
    /// harness, a component opened in batches where the harness's other holders were not (<see cref="BatchApart"/>).
    /// </para>
    /// </summary>
    private void MeasureHarnessOperators(CoordinationMeter meter, int clusterKeyLimit)
    {
        var opt = _in.Options;
        if (opt.Disabled("group") || opt.Disabled("registration")) return;
        int n = _in.Profiles.Count;
        int minSize = Math.Max(3, opt.MinCampaignAccounts);
        int population = _in.Allowlisted.Count(x => !x);

        // identity values: key groups of cards, e-mail domains, addresses and ranges, plus organisation names
        var sets = new List<(List<int> Members, byte Bit)>();
        var exactAddress = new Dictionary<int, KeyGroup>();   // the sets that are one IP address (for VectorOfTheirExits' pool)
        var ranges = new HashSet<int>();   // the sets that are an address range
        foreach (var g in _ordered)
        {
            if (!IdentityClusterKind(g.Kind) || g.Members.Count < 2 || g.Members.Count > clusterKeyLimit) continue;
            byte bit = g.Kind switch { LinkKind.Payment => 1, LinkKind.EmailDomain => 2, _ => 4 };
            if (g.Kind == LinkKind.Ip) exactAddress[sets.Count] = g;
            if (g.Kind == LinkKind.Prefix) ranges.Add(sets.Count);
            sets.Add((g.Members, bit));
        }
        var orgs = new Dictionary<string, List<int>>(StringComparer.OrdinalIgnoreCase);
        for (int i = 0; i < n; i++)
        {
            if (_in.Allowlisted[i] || _in.Records[i]?.OrgName is not { } org || string.IsNullOrWhiteSpace(org)) continue;
            var key = org.Trim();
            if (!orgs.TryGetValue(key, out var l)) orgs[key] = l = new List<int>();
            l.Add(i);
        }
        foreach (var (_, l) in orgs) if (l.Count >= 2 && l.Count <= clusterKeyLimit) sets.Add((l, 8));
        var setsOf = new List<int>?[n];
        for (int s = 0; s < sets.Count; s++)
            foreach (var m in sets[s].Members) (setsOf[m] ??= new List<int>()).Add(s);

        var harnessExits = HarnessExits(setsOf, exactAddress, minSize);

        // each candidate with what was measured (for OperatorCandidates) and its members' strong ties (StrongTies)
        var candidates = new List<(KeyGroup Harness, List<int> Members, List<int> Own, byte Kinds, double Burst, string Source, string Ties,
            List<(int Account, string Value)> Strong, HashSet<int>? Exits)>();
        var count = new Dictionary<int, int>();
        foreach (var h in _ordered)
        {
            if (h.Kind is not (LinkKind.ParamSignature or LinkKind.SystemPrompt) || h.Members.Count < minSize) continue;
            var holders = h.Members.Where(m => !_in.Allowlisted[m]).ToList();
            if (holders.Count < minSize) continue;
            count.Clear();
            foreach (var m in holders)
                if (setsOf[m] is { } ss) foreach (var s in ss) count[s] = count.GetValueOrDefault(s) + 1;
            var pos = new Dictionary<int, int>(holders.Count);
            for (int i = 0; i < holders.Count; i++) pos[holders[i]] = i;
            var parent = Enumerable.Range(0, holders.Count).ToArray();
            int Find(int x) => Root(parent, x);
            var bits = new byte[holders.Count];
            var tying = new List<int>?[holders.Count];   // the tying values each holder holds
            foreach (var (s, k) in count)
            {
                var (members, bit) = sets[s];
                // an address the harness is bound to ties its holders there when most of the address's holders run it or
                // values that go wherever it goes (HarnessExits)
                if (!Ties(k, members.Count, bit) && !(k >= MinExitPool && exactAddress.ContainsKey(s) && harnessExits.Ties(h, s, members.Count))) continue;
                int first = -1;
                foreach (var m in members)
                {
                    if (!pos.TryGetValue(m, out var p)) continue;
                    bits[p] |= bit;
                    (tying[p] ??= new List<int>()).Add(s);
                    if (first < 0) first = p; else Join(parent, p, first);
                }
            }
            // Rotating exits tie the holders that use them when most of the harness's holders do and the rest of the log
            // mostly does not (StrongEvidenceRatio times as common among the holders as among accounts on no harness
            // mostly held from rotating exits): an operation hiding one harness
            // behind a proxy pool, where independent users of a shared prompt or client (an agent platform's, a popular
            // SDK's) rotate as often as everybody else. A log whose customers roam across mobile networks sets that rate
            // itself; no address is ever named.
            if (_mostlyRotating.TryGetValue(h, out var onHarness) && (double)onHarness.Rotating / onHarness.Holders >= StrongEvidenceRatio * _rotationRate)
            {
                int first = -1;
                for (int p = 0; p < holders.Count; p++)
                {
                    if (!_rotates[holders[p]]) continue;
                    bits[p] |= 32;
                    if (first < 0) first = p; else Join(parent, p, first);
                }
            }
            // Within a component, a holder is the operation's own when it shares a card with the others; another kind of
            // identity (a domain, a name, an address or range) together with signing up in a burst with them — an
            // operation's batch; or the organisation name it registered under together with a domain or an address that
            // the same accounts hold; or exits that rotate where the log's do not. A
            // mail provider and an exit range alone are what strangers share too: a VPN's range and a webmail provider
            // that carry most of a large operation's accounts still carry a few ordinary users (random 4003: a jailbreak
            // tinkerer on outlook.com and a station's VPN range, holding the station's common parameter vector). The
            // component as a whole is still the yardstick's: its other members are not independent customers holding the
            // harness.
            var burstOf = meter.BurstMembers(holders);
            for (int i = 0; i < holders.Count; i++) if (burstOf[i]) bits[i] |= 16;
            // A burst ties a holder together with a domain, name or address only when that value is a batch's: most of its
            // holders here signed up in bursts. Signing up in the hours of an operation's batch is a coincidence every
            // account of those hours shares; an agent platform's egress address is held by users who signed up over
            // months, and one of them who signed up beside the operation's batch is not its account (random 4013: 25
            // platform users tied to a tool-use operation that runs the platform's prompt from its egress).
            var onValue = new Dictionary<int, (int Holders, int Burst)>();
            for (int p = 0; p < holders.Count; p++)
                if (tying[p] is { } tv)
                    foreach (var t in tv)
                    {
                        var (hn, bn) = onValue.GetValueOrDefault(t);
                        onValue[t] = (hn + 1, bn + (burstOf[p] ? 1 : 0));
                    }
            for (int p = 0; p < holders.Count; p++)
                if (burstOf[p] && tying[p] is { } tv && tv.Any(t => sets[t].Bit is 2 or 4 or 8 && onValue[t].Burst >= 0.5 * onValue[t].Holders))
                    bits[p] |= 128;
            static bool Core(byte b) => (b & 1) != 0 || (b & 128) != 0 || (b & 32) != 0;
            // A name is evidence of one registrant only with a domain or an address that the operation's core accounts
            // (the card, burst or exits ties above) hold too: a personal name in the organisation field ("Maria P.") is
            // shared by strangers, and a holder tied to an operation by a common name and to its own platform's users by
            // the platform's egress is two coincidences, not one operator (random 7028: agent-platform users whose
            // platform prompt a tool-use operation also runs).
            var coreValues = new HashSet<int>();
            for (int p = 0; p < holders.Count; p++)
                if (Core(bits[p]) && tying[p] is { } tp) foreach (var t in tp) if (sets[t].Bit is 2 or 4) coreValues.Add(t);
            for (int p = 0; p < holders.Count; p++)
                if ((bits[p] & 8) != 0 && !Core(bits[p]) && tying[p] is { } tp && tp.Any(t => sets[t].Bit is 2 or 4 && coreValues.Contains(t)))
                    bits[p] |= 64;
            static bool Own(byte b) => Core(b) || (b & 64) != 0;
            foreach (var comp in Enumerable.Range(0, holders.Count).GroupBy(Find))
            {
                var idx = comp.ToList();
                if (idx.Count < minSize) continue;
                string source = $"holders of {(h.Kind == LinkKind.SystemPrompt ? "" : "parameter vector ")}{h.Value}";
                // An organisation's declared fleet joined to the other holders by a hosting range alone — no card, mail
                // domain, name or exact address it shares with them — is another tenant of the same cloud range (as
                // TenantsApart judges a range's pools) and is judged on its own: the declared organisation it is. A range
                // still ties an operation spread over its addresses, and a part under no declared name stays with the
                // rest (random 13919: a fleet of 15 verified accounts under one name, on its own card, domain and office
                // address, on a system prompt a tool-use operation sends too; 3 of the operation's 79 accounts send from
                // the fleet's cloud /24, which made the 94 holders one operator and the fleet's accounts were flagged).
                foreach (var part in PartsWithoutRanges(idx, tying, bits, ranges))
                {
                    var partList = part.Select(p => holders[p]).ToList();
                    if (meter.DeclaredFleetMembers(partList).Count < CoordinationMeter.DeclaredShare * partList.Count) continue;
                    Candidate(source, partList, Inv($"tied to {idx.Count - partList.Count} other holders by a range alone"), "declared organisation");
                    var cut = part.ToHashSet();
                    idx.RemoveAll(cut.Contains);
                }
                if (idx.Count < minSize) continue;
                var list = idx.Select(p => holders[p]).ToList();
                double Share(byte bit) => (double)idx.Count(p => (bits[p] & bit) != 0) / idx.Count;
                bool paying = Share(1) >= 0.5;
                bool other = Share(2) >= 0.5 || Share(4) >= 0.5 || Share(8) >= 0.5;
                bool exits = Share(32) >= 0.5;
                string ties = Inv($"cards {Share(1):F2} domains {Share(2):F2} addresses {Share(4):F2} names {Share(8):F2} rotating {Share(32):F2}");
                if (!paying && !other && !exits) { Candidate(source, list, ties, "not tied: no kind of identity shared by half"); continue; }
                var c = meter.Measure(list);
                double burst = c.CreationBurst;
                ties += Inv($" burst {burst:F2} fresh {c.Freshness:F2} declared {c.DeclaredOrganisation:F2}");
                // Exits alone — addresses few others use, no card, burst or rotation — are what an agent platform's users
                // share with the platform's prompt; a station on bought aged accounts with a card each shares the same.
                // They differ in how the accounts run: a person's day has quiet hours, a harness served round-robin has
                // none. Holders tied by exits alone count when most run on a machine schedule — or when fewer than a quarter
                // of those whose day can be judged keep a person's hours (CoordinationMeter.PersonShare): a harness slowed at
                // night has a quiet third too, but not a person's (random 9818: a tool-use operation of 305 aged accounts with
                // a tenth of their requests in their quietest eight hours, a few of them under a twenty-fourth; an agent
                // platform's users on their exits nearly all under it). A group too sparse to judge stays out.
                bool exitsOnly = !paying && !exits && burst < 0.5 && Share(4) >= 0.5;
                // A parameter vector whose holders are, all but a few, accounts tied by exits of their own (judged below, on
                // all its holders) ties its holders whatever their hours (VectorOfTheirExits).
                HashSet<int>? wholeExits = null;
                if (exitsOnly)
                {
                    bool personal = PersonsSchedule(meter, list, c.Regularity, out double machine, out double person);
                    ties += Inv($" machine {machine:F2} person {person:F2}");
                    // without a registry, a machine's day on one egress the accounts all share is also an organisation's
                    // own fleet (OneEgress): one operator still, which campaign assembly reads as it reads a declared one
                    if (!personal && OneEgress(list, h))
                    {
                        _egressOrganisation.UnionWith(list);
                        ties += " one-egress";
                    }
                    if (personal)
                    {
                        if (opt.Disabled("behaviour")) { Candidate(source, list, ties, PersonsHours); continue; }
                        wholeExits = new HashSet<int>();
                        foreach (var p in idx) if (tying[p] is { } tp) foreach (var t in tp) if (exactAddress.ContainsKey(t)) wholeExits.Add(t);
                    }
                }
                else if (!paying && !exits && burst < 0.5) { Candidate(source, list, ties, "not tied: no card, no rotation, no burst"); continue; }
                // A component that passed on a machine's schedule as a whole may hold sites that are a person's: holders
                // connected to the rest by a name or a card one of them shares, not by any address. Each site (holders
                // connected by addresses alone) of at least minSize accounts is judged on its own hours, and the holders of
                // a site on a person's schedule are not taken by exits (fresh random 11408: 144 agent-platform users on the
                // platform's egress, tied to a tool-use operation's 90 accounts on exits of its own by a card a few share;
                // machine share 0.50 over all of them, 0.05 over the platform's site).
                HashSet<int>? personSites = exitsOnly && wholeExits is null ? PersonSites(idx, tying, sets, holders, meter, minSize) : null;
                if (personSites is { Count: > 0 }) ties += Inv($" person-site-holders {personSites.Count}");
                if (c.DeclaredOrganisation >= CoordinationMeter.DeclaredShare) { Candidate(source, list, ties, "declared organisation"); continue; }
                // a pool's pieces are judged established together (below): a piece of four or five accounts is two thirds
                // verified by chance where the whole pool is not
                if (wholeExits is null && Established(list, burst)) { Candidate(source, list, ties, "established accounts"); continue; }
                byte kinds = 0;
                foreach (byte bit in new byte[] { 1, 2, 4, 8, 32 }) if (Share(bit) >= 0.5) kinds |= bit;
                // on a pool (VectorOfTheirExits), a member exits mostly from the component's addresses: a customer who used one
                // of them now and then, from home otherwise, is not the pool's
                var fromExits = wholeExits is null ? null : ExchangesFrom(wholeExits.Select(t => exactAddress[t]));
                var own = idx.Where(p => Own(bits[p]) || (exitsOnly && (bits[p] & 4) != 0 && personSites?.Contains(p) != true
                    && (fromExits is not null ? MostlyFrom(holders[p], fromExits) : OwnByExitsOnHarness(holders[p])))).Select(p => holders[p]).ToList();
                var strong = new List<(int, string)>();
                foreach (var p in idx)
                {
                    if (!Own(bits[p])) continue;
                    var rec = _in.Records[holders[p]];
                    if ((bits[p] & 1) != 0 && rec?.PaymentFingerprint is { } card) strong.Add((holders[p], "card " + card));
                    if ((bits[p] & 32) != 0) strong.Add((holders[p], "rotating " + h.Value));
                    if ((bits[p] & 128) != 0 && (bits[p] & 2) != 0 && rec?.EmailDomain is { } domain) strong.Add((holders[p], "batch domain " + domain));
                }
                candidates.Add((h, list, own, kinds, burst, source, ties, strong, wholeExits));
            }
        }

        // the harness must be the operators' own: judged against the accounts in no tied component
        var tied = new HashSet<int>();
        foreach (var c in candidates) tied.UnionWith(c.Members);
        int independents = 0;
        for (int i = 0; i < n; i++) if (!_in.Allowlisted[i] && !tied.Contains(i)) independents++;
        var accepted = new List<List<int>>();
        var pooled = new Dictionary<KeyGroup, List<int>>(ReferenceEqualityComparer.Instance);
        // exits of their own per parameter vector, over its components on a person's schedule (VectorOfTheirExits)
        var vectorExits = new Dictionary<KeyGroup, HashSet<int>>(ReferenceEqualityComparer.Instance);
        var vectorPool = new Dictionary<KeyGroup, List<int>>(ReferenceEqualityComparer.Instance);
        foreach (var c in candidates)
            if (c.Exits is { } ex)
            {
                if (!vectorExits.TryGetValue(c.Harness, out var all)) { vectorExits[c.Harness] = all = new HashSet<int>(); vectorPool[c.Harness] = new List<int>(); }
                all.UnionWith(ex);
                vectorPool[c.Harness].AddRange(c.Members);
            }
        // pools that stand on their pinned sites alone (PinnedSites): the sites' addresses and how many sites
        var pinnedPool = new Dictionary<KeyGroup, (HashSet<int> Addresses, int Sites)>(ReferenceEqualityComparer.Instance);
        // Each pool judged once, for all its components: its senders from addresses of their own, then (established, one
        // product) with every account that exits mostly from its addresses. Null: the pool stands.
        var poolJudged = new Dictionary<KeyGroup, (int Alone, string? Refused)>(ReferenceEqualityComparer.Instance);
        foreach (var (h, ex) in vectorExits)
        {
            var pool = vectorPool[h];
            var members = new HashSet<int>(pool);
            var from = ExchangesFrom(ex.Select(t => exactAddress[t]));
            foreach (var m in from.Keys.Order()) if (!_in.Allowlisted[m] && MostlyFrom(m, from) && members.Add(m)) pool.Add(m);
            int holders = h.Members.Count(m => !_in.Allowlisted[m]);
            int alone = h.Members.Count(m => !_in.Allowlisted[m] && !tied.Contains(m) && (_addressesOf.Length <= m || _addressesOf[m] is null));
            // (its components are tied by exits alone, none signed up in bursts: Established reads the registry alone)
            string? refused = !VectorOfTheirExits(alone, holders, ex.Count) ? PersonsHours
                : Established(pool, burst: 0) ? "established accounts (the pool's)"
                : null;
            if (refused is null && (h.Kind != LinkKind.ParamSignature || OneProduct(pool)))
            {
                // a product's harness, or an operation's run the way a product runs it: it stands on pinned sites only
                var (addresses, sites) = PinnedSites(h, pool, ex, exactAddress);
                if (sites >= MinExitPool) pinnedPool[h] = (addresses, sites);
                else refused = h.Kind == LinkKind.ParamSignature ? "one system prompt on most of the pool: a product's users"
                    : Inv($"{PersonsHours} (pinned sites {sites}: a product's egress)");
            }
            poolJudged[h] = (alone, refused);
        }
        // a pool on pinned sites joins accounts from those sites' addresses only (JoinPool, below)
        foreach (var (h, pinned) in pinnedPool) vectorExits[h] = pinned.Addresses;
        foreach (var (h, component, ownOf, kinds, burst, source, ties, strong, wholeExits) in candidates)
        {
            var list = ownOf;
            int holders = h.Members.Count(m => !_in.Allowlisted[m]);
            // holders on the tied holders' own exits count with them (KeyGroupBuilder.ClusteredHolders)
            int tiedHolders = TiedLikeHolders(h.Members, tied.Contains);
            string measured = $"{ties} tied-holders {tiedHolders}/{holders} own {list.Count}";
            if (tiedHolders < 0.5 * holders)
            {
                // A public harness (a coding agent's prompt that many customers run) says nothing of who runs its holders,
                // but a component of its holders opened in batches where its other holders signed up like everybody else
                // is a population apart on it: an operation riding the product's prompt with accounts it opened for the
                // purpose (random 12117: 98 accounts of a tool-use harvest, program-tier, opened in bursts with shared
                // names and addresses, on an agent's prompt 208 accounts run — held at 0). Judged as the harness's own
                // is judged against independents: the burst share at least StrongEvidenceRatio times theirs.
                bool apart = BatchApart(meter, h, tied, list, burst, out double othersBurst);
                if (!double.IsNaN(othersBurst)) measured += Inv($" others-burst {othersBurst:F2}");
                if (!apart) { Candidate(source, component, measured, "harness not theirs: most holders untied"); continue; }
            }
            string? poolDetail = null;
            bool inPool = wholeExits is not null;
            if (wholeExits is not null)
            {
                int pool = vectorExits[h].Count;
                var (alone, refused) = poolJudged[h];
                measured += Inv($" exits {pool} alone {alone}");
                bool batched = burst >= CoordinationMeter.BatchShare;
                bool personsHours = refused is not null && refused.StartsWith(PersonsHours, StringComparison.Ordinal);
                double succession = 0;
                var succeeded = personsHours && !batched ? Succeeding(component, meter, out succession) : null;
                if (personsHours && (batched || succeeded is not null))
                {
                    // A pool turned down for a person's hours: a component of it a quarter opened in batches
                    // (CoordinationMeter.BatchShare) is an operation pacing its accounts like people (random 14103: 90
                    // holders of a harvest's tool set on its own two exits, 0.37 in bursts, 27 % found). It stands alone,
                    // with only its batches' accounts: a product's users on the same exits signed up one by one. So does
                    // a component whose accounts replace one another (CoordinationMeter.Succession), with only its brief
                    // accounts: a product's users keep theirs.
                    var burstOf = batched ? meter.BurstMembers(component) : null;
                    var batch = succeeded ?? new HashSet<int>(component.Where((m, j) => burstOf![j]));
                    list = list.Where(batch.Contains).ToList();
                    measured += batched ? Inv($" batched {list.Count}") : Inv($" churned {succession:F2} {list.Count}");
                    if (list.Count < minSize) { Candidate(source, component, measured, refused!); continue; }
                    inPool = false;
                }
                else if (refused is not null) { Candidate(source, component, measured, refused); continue; }
                else if (pinnedPool.TryGetValue(h, out var pinned))
                {
                    // only the accounts of the pinned sites: a product's site in the same component is its users'
                    var fromPinned = ExchangesFrom(pinned.Addresses.Select(t => exactAddress[t]));
                    list = list.Where(m => MostlyFrom(m, fromPinned)).ToList();
                    measured += Inv($" pinned-sites {pinned.Sites} on-sites {list.Count}");
                    if (list.Count < minSize) { Candidate(source, component, measured, "not at the pool's pinned sites"); continue; }
                    string harness = h.Kind == LinkKind.SystemPrompt ? DistillGuard.Core.Profiles.HarnessValue.What(h.Key) : "parameter vector";
                    poolDetail = Inv($"one of {list.Count} accounts (of {component.Count} tied) on one {harness} ({h.Value}) that {tiedHolders} of its {holders} holders send from addresses few others use, at {pinned.Sites} sites sharing no address, range or account, each account at its site pinned to one address: operator evidence, whatever the requests ask and whatever the hours");
                }
                else
                    poolDetail = Inv($"one of {list.Count} accounts (of {component.Count} tied) on one parameter vector ({h.Value}) that {tiedHolders} of its {holders} holders send from a pool of {pool} addresses few others use, and {alone} from an address of its own: operator evidence, whatever the requests ask and whatever the hours");
            }
            double rate = (double)(holders - tiedHolders) / Math.Max(1, independents);
            if (1.0 < StrongEvidenceRatio * rate) { Candidate(source, component, measured, "harness not theirs: common among independents"); continue; }
            int fresh = list.Count(m => _operator[m] == 0);
            if (fresh < minSize) { Candidate(source, component, measured, "already an operator cluster"); continue; }   // already an operator cluster of its own
            Candidate(source, component, measured, $"operator: {list.Count} own accounts");
            foreach (var m in list) { _operator[m] = OperatorStrength; _harnessOperator.Add(m); }
            foreach (var (a, v) in strong) StrongTie(a, v);
            if (inPool)
            {
                // the vector's pieces, one per exit or two, are one pool's: one operator cluster, gathered as one
                foreach (var m in list) StrongTie(m, "exits of " + h.Value);
                if (pooled.TryGetValue(h, out var first)) first.AddRange(list);
                else { pooled[h] = list; accepted.Add(list); }
            }
            else
            {
                // a system prompt that is the operator's own (most of its holders tied like them): its accounts are one
                // operator cluster through it, gathered as one even where they share no card or exit among themselves
                // (not a parameter vector or a tool set: unrelated operations choose one alike — a tool set two
                // resellers' harnesses both declared joined them, held-out random 10717)
                if (h.Kind == LinkKind.SystemPrompt && !DistillGuard.Core.Profiles.HarnessValue.IsShape(h.Key))
                    foreach (var m in list) StrongTie(m, "harness " + h.Value);
                accepted.Add(list);
            }
            _foundOn.Add(h);
            string tiedBy = string.Join(", ", new[] { (1, "payment instruments"), (2, "e-mail domains"), (4, "addresses"), (8, "organisation names"), (32, "rotating exits") }
                .Where(t => (kinds & t.Item1) != 0).Select(t => t.Item2));
            string what = h.Kind == LinkKind.SystemPrompt ? DistillGuard.Core.Profiles.HarnessValue.What(h.Key) : "parameter vector";
            string detail = string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"one of {list.Count} accounts (of {component.Count} tied) on one {what} ({h.Value}; {tiedHolders} of its {holders} holders tied like them, {holders - tiedHolders} independent of {independents}) tied among its holders by shared {tiedBy} few others use ({burst:P0} signed up in bursts): operator evidence, whatever the requests ask");
            foreach (var m in list) _operatorDetail.TryAdd(m, poolDetail ?? detail);
        }
        // A pool's other accounts: an operation spreads its harness over several vectors (a client per API, a budget per
        // model), and on any one address only some of its accounts send any one of them — too few to tie there. Accounts
        // that exit mostly from the pool's addresses are the pool's (the addresses were tied because the vector's holders
        // are most of their holders).
        // Then the pool's other vectors — those most of whose holders are the pool's accounts now — mark its other exits:
        // addresses at least three of whose holders, and most, send one of them (an operation's exits where each of its
        // vectors has too few accounts to tie), and the accounts that exit mostly from those join it as well.
        foreach (var (h, list) in pooled)
        {
            var onVector = list.Count;
            var pool = new HashSet<int>(vectorExits[h]);   // exact addresses (wholeExits)
            int added = JoinPool(h, list, pool, exactAddress, onVector);
            var poolSet = new HashSet<int>(list);
            var onOwnVector = new HashSet<int>();
            foreach (var g in _ordered)
            {
                if (g.Kind != LinkKind.ParamSignature) continue;
                int inPool = 0, holders = 0;
                foreach (var m in g.Members) if (!_in.Allowlisted[m]) { holders++; if (poolSet.Contains(m)) inPool++; }
                if (inPool >= MinExitPool && 2 * inPool >= holders) onOwnVector.UnionWith(g.Members);
            }
            int before = pool.Count;
            foreach (var (t, g) in exactAddress)
            {
                if (pool.Contains(t)) continue;
                int k = g.Members.Count(onOwnVector.Contains);
                if (k >= MinExitPool && 2 * k >= g.Members.Count) pool.Add(t);
            }
            if (pool.Count > before) added += JoinPool(h, list, pool, exactAddress, onVector);
            if (added > 0) Candidate("exits of parameter vector " + h.Value, list, Inv($"addresses {pool.Count} on-vector {onVector}"), $"operator: {added} more accounts on the same exits");
        }
        MeasureDeniedDays(meter, minSize, accepted);
        foreach (var cluster in MergeByIdentity(accepted, sets, setsOf)) _operatorClusters.Add(cluster);
    }

    /// <summary>
    /// The exact addresses harness values are bound to (<see cref="HarnessExits"/>): per bound value, its footprint and
    /// its holders at each address of it.
    /// </summary>
    private sealed class BoundExits
    {
        public readonly Dictionary<KeyGroup, Dictionary<int, List<int>>> At = new(ReferenceEqualityComparer.Instance);
        private readonly Dictionary<KeyGroup, List<Dictionary<int, List<int>>>> _family = new(ReferenceEqualityComparer.Instance);

        /// <summary>Whether the address ties the harness's holders there as the harness's own: most of the address's holders
        /// (<see cref="Ties"/>) run the harness or a value that goes wherever it goes (<see cref="Family"/>).</summary>
        public bool Ties(KeyGroup h, int address, int holders)
        {
            if (!At.TryGetValue(h, out var fp) || !fp.ContainsKey(address)) return false;
            var runners = new HashSet<int>();
            foreach (var vfp in Family(h, fp)) if (vfp.TryGetValue(address, out var here)) runners.UnionWith(here);
            return KeyGroupBuilder.Ties(runners.Count, holders, 4);
        }

        /// <summary>The footprints of the harness and of the bound values that go wherever it goes: bound to all but one in
        /// <see cref="StrongEvidenceRatio"/> of the addresses it is bound to (worked out once per harness).</summary>
        private List<Dictionary<int, List<int>>> Family(KeyGroup h, Dictionary<int, List<int>> fp)
        {
            if (_family.TryGetValue(h, out var family)) return family;
            family = new List<Dictionary<int, List<int>>>();
            foreach (var (v, vfp) in At)
            {
                if (!ReferenceEquals(v, h))
                {
                    int common = 0;
                    foreach (var t in fp.Keys) if (vfp.ContainsKey(t)) common++;
                    if (common * StrongEvidenceRatio < (StrongEvidenceRatio - 1) * fp.Count) continue;
                }
                family.Add(vfp);
            }
            return _family[h] = family;
        }
    }

    /// <summary>
    /// The exact addresses each harness value is bound to. A value (a parameter vector, a system prompt or a tool set held
    /// by at least minSize accounts) is bound to the addresses at least <see cref="MinExitPool"/> of its holders send from,
    /// when all but one in <see cref="StrongEvidenceRatio"/> of its holders send from one of them: a harness that lives on
    /// shared exits and nowhere else. An operation that spreads its harness over several vectors and tool sets (one per
    /// API, one per task) has none that half of any one of its addresses' holders run, so the addresses tie none of them
    /// (<see cref="Ties"/>), however exclusively its accounts hold them (random 13303: 635 accounts of an agentic harvest on
    /// fourteen hosting addresses nobody else uses, 33 to 51 accounts each, on three vectors and three tool sets of their
    /// own, each a third of every address — found at 0). Counted together with the values that go wherever it goes
    /// (<see cref="BoundExits.Ties"/>), such an address is the harness's as much as one held by a single vector's holders;
    /// what the holders it ties are is judged as before (schedule, pool, established accounts, one product). A default
    /// vector is not bound: most of its holders send from addresses of their own. A value two operations share (a public
    /// agent framework's tool set) is bound to both operations' addresses, and neither operation's own values go
    /// everywhere it goes, so they do not tie its holders for it (random 11420: two tool-use operations on one public tool
    /// set, gathered as one pool when every bound value counted).
    /// </summary>
    private BoundExits HarnessExits(List<int>?[] setsOf, Dictionary<int, KeyGroup> exactAddress, int minSize)
    {
        var bound = new BoundExits();
        var onAddress = new Dictionary<int, List<int>>();
        foreach (var h in _ordered)
        {
            if (h.Kind is not (LinkKind.ParamSignature or LinkKind.SystemPrompt) || h.Members.Count < minSize) continue;
            onAddress.Clear();
            int holders = 0;
            foreach (var m in h.Members)
            {
                if (_in.Allowlisted[m]) continue;
                holders++;
                if (setsOf[m] is { } ss)
                    foreach (var s in ss)
                        if (exactAddress.ContainsKey(s)) { if (!onAddress.TryGetValue(s, out var l)) onAddress[s] = l = new List<int>(); l.Add(m); }
            }
            if (holders < minSize) continue;
            var fp = onAddress.Where(kv => kv.Value.Count >= MinExitPool).ToDictionary(kv => kv.Key, kv => kv.Value);
            if (fp.Count == 0) continue;
            var on = new HashSet<int>();
            foreach (var l in fp.Values) on.UnionWith(l);
            if (on.Count * StrongEvidenceRatio < (StrongEvidenceRatio - 1) * holders) continue;
            bound.At[h] = fp;
        }
        return bound;
    }

    /// <summary>
    /// Holders tied by exits alone, on a person's hours or too few requests to tell, are an operation's when the parameter
    /// vector they are found on is theirs through and through: most of its holders in the log are tied like them (as for
    /// any harness here), at most one in <see cref="StrongEvidenceRatio"/> sends it from an address of its own that it
    /// shares with no other account (a customer at home; the operation's other holders exit from addresses that others
    /// of its accounts use, if too few of them on this vector to tie), and their exits are a pool — at least
    /// <see cref="MinExitPool"/> addresses few others use — not one site's. An agent platform's users share its prompt
    /// and tools and its egress, but choose their own budgets, or reach it from home as well; an office or a lab behind
    /// its NAT is one or two addresses; a product that sets its users' prompt as well as their budgets is left to the
    /// other rules (<see cref="OneProduct"/>). A bought-account station that paces its accounts like
    /// people, pays with a card per account and keeps each on one of a few dozen exits of its own still sends the one
    /// vector its harness sets (random 10528: 182 accounts on vectors nobody else sends, 97 of them on one, from 28
    /// addresses nobody else uses, 3 to 11 accounts each — found at 0). A system prompt or a tool set counts here only
    /// when its pool spans at least <see cref="MinExitPool"/> sites at which its accounts are pinned (<see cref="PinnedSites"/>): they are what a product's users
    /// share, and a product sends its users from its own egress, one site however many addresses, where an operation
    /// that pins a few accounts to each proxy in ranges of their own is as many sites as ranges (random 11023: 282
    /// accounts on one prompt nobody else sends, in 44 components of 3 to 20 accounts on hosting and VPN exits, each
    /// on a person's hours — found at 0). The same holds for a vector whose pool runs one system prompt
    /// (<see cref="OneProduct"/> asks it only of a pool at fewer sites).
    /// </summary>
    private static bool VectorOfTheirExits(int alone, int holders, int exits)
        => exits >= MinExitPool && alone <= holders / StrongEvidenceRatio;

    /// <summary>
    /// The sites of a pool of exits at which its accounts are pinned, and how many. Addresses are one site when an account
    /// of the pool sends from both or they share a network range (/24, /48); an account belongs to the site of the address
    /// it sends most from, and is pinned when all but one in <see cref="StrongEvidenceRatio"/> of its requests leave from
    /// that one address. A site counts when at least two of its accounts are, and most, and it is not a product's
    /// (<see cref="ProductSites"/>). A product's egress is one site
    /// however many addresses it has, and its users' requests are spread over them by its load balancer (random 11015:
    /// an agent platform's users on three addresses in three ranges, ten of 129 pinned); an operation that keeps each
    /// account on one proxy of its own — one account, one address — in ranges of their own is as many sites as ranges.
    /// </summary>
    private (HashSet<int> Addresses, int Sites) PinnedSites(KeyGroup h, List<int> pool, HashSet<int> exits, Dictionary<int, KeyGroup> exactAddress)
    {
        var infra = _in.Context.Infra;
        var addresses = exits.ToList();
        var parent = Enumerable.Range(0, addresses.Count).ToArray();
        var firstOnPrefix = new Dictionary<int, int>();
        var firstOfAccount = new Dictionary<int, int>();
        var top = new Dictionary<int, (int Address, int Count)>();
        var inPool = new HashSet<int>(pool);
        for (int i = 0; i < addresses.Count; i++)
        {
            var g = exactAddress[addresses[i]];
            int prefix = infra.PrefixOf((int)g.Key);
            if (prefix != 0) { if (firstOnPrefix.TryGetValue(prefix, out var o)) Join(parent, i, o); else firstOnPrefix[prefix] = i; }
            for (int k = 0; k < g.Members.Count; k++)
            {
                int m = g.Members[k];
                if (!inPool.Contains(m)) continue;
                if (firstOfAccount.TryGetValue(m, out var f)) Join(parent, i, f); else firstOfAccount[m] = i;
                if (!top.TryGetValue(m, out var t) || g.Counts[k] > t.Count) top[m] = (i, g.Counts[k]);
            }
        }
        var onSite = new Dictionary<int, (int Accounts, int Pinned)>();
        foreach (var (m, t) in top)
        {
            int site = Root(parent, t.Address);
            bool pinned = PinnedBy(t.Count, _in.Profiles[m].Exchanges);
            var (n, p) = onSite.GetValueOrDefault(site);
            onSite[site] = (n + 1, p + (pinned ? 1 : 0));
        }
        var counted = new HashSet<int>(onSite.Where(kv => kv.Value.Pinned >= 2 && 2 * kv.Value.Pinned > kv.Value.Accounts).Select(kv => kv.Key));
        if (counted.Count > 0) counted.ExceptWith(ProductSites(h, counted, top, parent));
        var kept = new HashSet<int>();
        for (int i = 0; i < addresses.Count; i++) if (counted.Contains(Root(parent, i))) kept.Add(addresses[i]);
        return (kept, counted.Count);
    }

    /// <summary>
    /// Counted sites of a pool on <paramref name="h"/> that are a product's: most of the site's accounts run another harness
    /// value (a system prompt or tool set) most of whose holders in the log are at this site and none at the pool's other
    /// counted sites. A product's users run the product's tools, only they and all of them, from its egress; an operation
    /// that runs <paramref name="h"/> at several sites runs its harness at all of them. On an egress of one address every
    /// user is pinned, so pinning alone counted the site (fresh random 14207 with the corpus: an agent platform's 94 users
    /// on one address, on the platform's tool set that only they hold, made the third site of a tool-use operation riding the
    /// platform's prompt, and were flagged). Over the development logs with counted pinned sites, no operation's site was
    /// set aside this way.
    /// </summary>
    private HashSet<int> ProductSites(KeyGroup h, HashSet<int> counted, Dictionary<int, (int Address, int Count)> top, int[] parent)
    {
        var siteOf = new Dictionary<int, int>();
        var accountsAt = new Dictionary<int, List<int>>();
        foreach (var (m, t) in top)
        {
            int site = Root(parent, t.Address);
            if (!counted.Contains(site)) continue;
            siteOf[m] = site;
            if (!accountsAt.TryGetValue(site, out var at)) accountsAt[site] = at = new List<int>();
            at.Add(m);
        }
        var product = new HashSet<int>();
        foreach (var (site, at) in accountsAt)
        {
            int accounts = at.Count;
            var tally = new Dictionary<ulong, int>();
            foreach (var m in at)
            {
                var sp = _in.Profiles[m].SystemPrompts;
                for (int i = 0; i < sp.Count; i++)
                {
                    ulong key = sp.KeyAt(i);
                    if (h.Kind == LinkKind.SystemPrompt && key == h.Key) continue;
                    tally[key] = tally.GetValueOrDefault(key) + 1;
                }
            }
            foreach (var (v, c) in tally)
            {
                if (2 * c <= accounts || !_groups.TryGetValue((LinkKind.SystemPrompt, v), out var g)) continue;
                int here = 0, elsewhere = 0;
                foreach (var m in g.Members)
                    if (siteOf.TryGetValue(m, out var s2)) { if (s2 == site) here++; else elsewhere++; }
                if (elsewhere == 0 && 2 * here > g.Members.Count) { product.Add(site); break; }
            }
        }
        return product;
    }

    /// <summary>Adds to a pool's accounts those that exit mostly from its addresses; returns how many.</summary>
    private int JoinPool(KeyGroup h, List<int> list, HashSet<int> pool, Dictionary<int, KeyGroup> exactAddress, int onVector)
    {
        var inList = new HashSet<int>(list);
        var onPool = ExchangesFrom(pool.Select(t => exactAddress[t]));
        int added = 0;
        foreach (var m in onPool.Keys.Order())
        {
            if (inList.Contains(m) || _in.Allowlisted[m] || !MostlyFrom(m, onPool)) continue;
            list.Add(m);
            _operator[m] = OperatorStrength;
            _harnessOperator.Add(m);
            StrongTie(m, "exits of " + h.Value);
            _operatorDetail.TryAdd(m, Inv($"one of the accounts exiting mostly from a pool of {pool.Count} addresses few others use, from which {onVector} accounts send one parameter vector ({h.Value}) that customers do not send from addresses of their own: operator evidence, whatever the requests ask"));
            added++;
        }
        return added;
    }

    /// <summary>Whether a tied component on harness <paramref name="h"/> signed up in batches (<paramref name="burst"/> at
    /// least one half) where the harness's untied holders did not: their burst share (judged among themselves,
    /// <see cref="CoordinationMeter.BurstMembers"/>) at most 1/<see cref="StrongEvidenceRatio"/> of the component's — and
    /// its own accounts (<paramref name="own"/>) do not sign up on a mail domain that is the intake's (<see cref="OwnValueOnHalf"/>
    /// among the harness's tied holders).</summary>
    private bool BatchApart(CoordinationMeter meter, KeyGroup h, HashSet<int> tied, List<int> own, double burst, out double othersBurst)
    {
        othersBurst = double.NaN;
        if (burst < 0.5) return false;
        // A class or a new team opened together on the campus's or the company's network, all on one popular agent, is a
        // batch too; it signs up on its institution's mail domain: one domain on half of these accounts, at least half of
        // whose carriers in the log are the harness's tied holders (the intake, whichever of its addresses each is on),
        // where an operation's batch uses public mail or many domains.
        if (OwnValueOnHalf(own, r => r.EmailDomain, h.Members.Where(tied.Contains))) return false;
        var others = h.Members.Where(m => !_in.Allowlisted[m] && !tied.Contains(m)).ToList();
        if (others.Count == 0) return false;
        othersBurst = (double)meter.BurstMembers(others).Count(b => b) / others.Count;
        return StrongEvidenceRatio * othersBurst <= burst;
    }

    /// <summary>Exchanges each account sent from these addresses.</summary>
    private static Dictionary<int, int> ExchangesFrom(IEnumerable<KeyGroup> addresses)
    {
        var from = new Dictionary<int, int>();
        foreach (var g in addresses)
            for (int i = 0; i < g.Members.Count; i++) from[g.Members[i]] = from.GetValueOrDefault(g.Members[i]) + g.Counts[i];
        return from;
    }

    /// <summary>Whether more than half the account's exchanges came from the addresses <paramref name="from"/> counts.</summary>
    private bool MostlyFrom(int account, Dictionary<int, int> from)
        => from.TryGetValue(account, out var k) && 2L * k > _in.Profiles[account].Exchanges;

    /// <summary>Whether most of the accounts run one system prompt (tool sets aside: each is the modal prompt of at least half
    /// of them). A product that sets its users' prompt, tools and budgets and sends their requests from its own addresses
    /// — an agent platform whose users bring their own keys — is exactly a vector sent from a pool of exits of its own
    /// (<c>GroupHarvestTests</c>: the platform's 40 users on its ten egress addresses, one vector of its own, each on a
    /// person's hours). What tells such a product's users from an operation that runs one prompt the same way is what the
    /// accounts ask and how they are paid, which the other rules read; this one leaves them be.</summary>
    private bool OneProduct(List<int> accounts)
    {
        var modal = new Dictionary<ulong, int>();
        foreach (var m in accounts)
        {
            var sp = _in.Profiles[m].SystemPrompts;
            int best = -1;
            for (int i = 0; i < sp.Count; i++)
                if (!DistillGuard.Core.Profiles.HarnessValue.IsShape(sp.KeyAt(i)) && (best < 0 || sp.CountAt(i) > sp.CountAt(best))) best = i;
            if (best >= 0) modal[sp.KeyAt(best)] = modal.GetValueOrDefault(sp.KeyAt(best)) + 1;
        }
        return modal.Count > 0 && 2 * modal.Values.Max() >= accounts.Count;
    }

    /// <summary>The outcome of holders tied by exits alone and turned down for keeping a person's hours.</summary>
    private const string PersonsHours = "exits only, on a person's schedule";

    /// <summary>Addresses that make a pool of exits rather than one site's network (<see cref="VectorOfTheirExits"/>): three,
    /// the count at which a name, a domain or an address stops being a coincidence of two (<see cref="Ties"/>).</summary>
    internal const int MinExitPool = 3;

    /// <summary>
    /// Whether an account tied to an operation by exits alone (addresses few others use; no card, burst or rotation) is
    /// the operation's own: when its own day is not plainly a person's (<see cref="CoordinationMeter.OnPersonsSchedule"/>).
    /// A group tied that way counts when most of it runs on a machine schedule, and that schedule may be the operation's
    /// only: a platform's users on its egress beside a machine-run operation that shares the platform's prompt and cloud
    /// are tied to it by those addresses (random 9723: 76 agent-platform users with 55 of a tool-use operation, machine
    /// share 0.50). Used by the harness rule here and the identity-cluster rule (<see cref="MeasureOperators"/>).
    /// </summary>
    private bool OwnByExits(int account) => !CoordinationMeter.OnPersonsSchedule(_in.Profiles[account]);

    /// <summary>
    /// <see cref="OwnByExits"/> among one harness's holders: an account whose day cannot be judged (too few requests, too
    /// few days) is the operation's only when it is pinned to one address (<see cref="Pinned"/>). The harness may be a
    /// product's that the operation runs too, from addresses of the product's egress, and the product's light users,
    /// spread by its load balancer over those addresses, have too little traffic for their hours to clear them (fresh
    /// random 11408: an agent platform's users tied by its egress to a tool-use operation on its prompt, machine share
    /// 0.50; 93 of 163 flagged, most with under twenty requests over four addresses).
    /// </summary>
    private bool OwnByExitsOnHarness(int account)
    {
        var p = _in.Profiles[account];
        return CoordinationMeter.KeepsPersonsHours(p) is bool person ? !person : Pinned(p);
    }

    /// <summary>
    /// Positions (into <paramref name="holders"/>) of a component's holders at sites on a person's schedule: the component's
    /// holders connected by shared addresses and ranges alone, each site of at least <paramref name="minSize"/> judged as a
    /// component tied by exits alone is (no machine's schedule for half, and a person's for a quarter or more of those
    /// whose day can be judged). Empty when the component is one site.
    /// </summary>
    private static HashSet<int> PersonSites(List<int> idx, List<int>?[] tying, List<(List<int> Members, byte Bit)> sets, List<int> holders,
        CoordinationMeter meter, int minSize)
    {
        var parent = Enumerable.Range(0, idx.Count).ToArray();
        var firstOn = new Dictionary<int, int>();
        for (int i = 0; i < idx.Count; i++)
            if (tying[idx[i]] is { } tp)
                foreach (var t in tp)
                    if (sets[t].Bit == 4) { if (firstOn.TryGetValue(t, out var o)) Join(parent, i, o); else firstOn[t] = i; }
        var sites = Enumerable.Range(0, idx.Count).GroupBy(i => Root(parent, i)).Select(g => g.Select(i => idx[i]).ToList()).ToList();
        var result = new HashSet<int>();
        if (sites.Count < 2) return result;
        foreach (var site in sites)
        {
            if (site.Count < minSize) continue;
            var accounts = site.Select(p => holders[p]).ToList();
            if (PersonsSchedule(meter, accounts, meter.Measure(accounts).Regularity, out _, out _)) result.UnionWith(site);
        }
        return result;
    }

    /// <summary>Whether all but one in <see cref="StrongEvidenceRatio"/> of the account's requests leave from one address.</summary>
    private static bool Pinned(DistillGuard.Core.Profiles.AccountProfile p)
    {
        var ips = p.Ips;
        int top = 0;
        for (int i = 0; i < ips.Count; i++) top = Math.Max(top, ips.CountAt(i));
        return PinnedBy(top, p.Exchanges);
    }

    /// <summary>Whether <paramref name="fromTop"/> requests from one address are all but one in <see cref="StrongEvidenceRatio"/>
    /// of <paramref name="exchanges"/>.</summary>
    private static bool PinnedBy(int fromTop, int exchanges) => fromTop * StrongEvidenceRatio >= (StrongEvidenceRatio - 1) * exchanges;

    /// <summary>The schedule test for accounts tied by exits alone: on a person's schedule when no machine's schedule holds
    /// for half of them (regular arrivals, or round the clock) and a person's holds for a quarter or more of those whose day
    /// can be judged (or too few can be judged).</summary>
    private static bool PersonsSchedule(CoordinationMeter meter, List<int> accounts, double regularity, out double machine, out double person)
    {
        machine = Math.Max(regularity, meter.RoundTheClockShare(accounts));
        person = meter.PersonShare(accounts);
        return machine < 0.5 && !(person < 0.25);
    }

    /// <summary>Share of an account's requests that read as harvest above which it is not one of the log's customers for the
    /// rotation yardstick (<see cref="MeasureRotation"/>): one request in ten. Ordinary users ask the odd step-by-step
    /// question (the synthetic tests' customers 3 %); the red team's quiet sweeps harvest in a fifth to a quarter of theirs
    /// (read), while a station diluted with relayed traffic (7 %) stays in and still raises the rate.</summary>
    private const double HarvestingShare = 0.1;

    private bool[] _rotates = Array.Empty<bool>();
    private double _rotationRate;
    /// <summary>Harness values (system prompts, parameter vectors) at least half of whose holders rotate: holders and rotating holders.</summary>
    private readonly Dictionary<KeyGroup, (int Holders, int Rotating)> _mostlyRotating = new(ReferenceEqualityComparer.Instance);

    /// <summary>
    /// Exits that rotate across networks (<see cref="Profiles.AccountProfile.RotatesExits"/>): residential or proxy pools
    /// that give an account a new network every few requests. The yardstick is the rate among accounts on no harness value
    /// mostly held from rotating exits: operations that each rotate make rotation common in a log (random 4020: three of
    /// them, a quarter of its accounts), as a hydra's own accounts would raise a base rate. Nor are accounts whose requests
    /// read as harvest more than <see cref="HarvestingShare"/> of the time: they are what is being judged, not the log's
    /// customers (the red team's evasive mix: three rotating operations without a harness of their own, 9 % of the log,
    /// set the rate at which a fourth one's tool-set holders, all rotating, no longer looked rare). Accounts that ask
    /// the odd step-by-step question stay in the yardstick, so where customers roam, roaming is still common
    /// (<c>GroupHarvestTests</c>: a phone app's roaming users). Rotation is network evidence: with that family switched
    /// off no account rotates, here and for <see cref="RareRotation"/>.
    /// </summary>
    private void MeasureRotation()
    {
        int n = _in.Profiles.Count;
        _rotates = new bool[n];
        _mostlyRotating.Clear();
        if (_in.Options.Disabled("network")) return;
        int minSize = Math.Max(3, _in.Options.MinCampaignAccounts);
        int population = _in.Allowlisted.Count(x => !x);
        for (int i = 0; i < n; i++)
            if (!_in.Allowlisted[i] && _in.Profiles[i].RotatesOwnExits()) _rotates[i] = true;
        var onRotatingHarness = new HashSet<int>();
        foreach (var h in _ordered)
        {
            if (h.Kind is not (LinkKind.ParamSignature or LinkKind.SystemPrompt)) continue;
            int holders = 0, rot = 0;
            foreach (var m in h.Members)
                if (!_in.Allowlisted[m]) { holders++; if (_rotates[m]) rot++; }
            if (holders < minSize || rot < minSize || rot < 0.5 * holders) continue;
            _mostlyRotating[h] = (holders, rot);
            foreach (var m in h.Members) if (!_in.Allowlisted[m]) onRotatingHarness.Add(m);
        }
        int elsewhere = 0, harvesting = 0;
        for (int i = 0; i < n; i++)
        {
            if (_in.Allowlisted[i] || onRotatingHarness.Contains(i)) continue;
            if (_in.Profiles[i].HarvestExchanges > HarvestingShare * _in.Profiles[i].Exchanges) { harvesting++; continue; }
            if (_rotates[i]) elsewhere++;
        }
        _rotationRate = (double)elsewhere / Math.Max(1, population - onRotatingHarness.Count - harvesting);
    }

    /// <summary>Whether the account's exits rotate across networks (<see cref="Profiles.AccountProfile.RotatesExits"/>).</summary>
    public bool Rotates(int account) => account < _rotates.Length && _rotates[account];

    /// <summary>Share of <paramref name="members"/> whose exits rotate, when at least half do and that is at least
    /// <see cref="StrongEvidenceRatio"/> times the log's rate (<see cref="MeasureRotation"/>); 0 otherwise.</summary>
    public double RareRotation(IReadOnlyList<int> members)
    {
        if (members.Count == 0 || _rotates.Length == 0) return 0;
        int rot = 0;
        foreach (var m in members) if (m < _rotates.Length && _rotates[m]) rot++;
        double share = (double)rot / members.Count;
        return share >= 0.5 && share >= StrongEvidenceRatio * _rotationRate ? share : 0;
    }

    /// <summary>
    /// One operation runs its harness as several values (two or three parameter vectors, a system prompt per crew), and
    /// each value's holders are found apart. Clusters that share an identity value mostly held by their accounts (a
    /// card two of them pay with, a domain, a name or an address three of them hold) are one operation's and become one
    /// candidate, so it is assembled and published once.
    /// </summary>
    private static List<List<int>> MergeByIdentity(List<List<int>> clusters, List<(List<int> Members, byte Bit)> sets, List<int>?[] setsOf)
    {
        if (clusters.Count <= 1) return clusters;
        var parent = Enumerable.Range(0, clusters.Count).ToArray();
        var clusterOf = new Dictionary<int, int>();
        for (int c = 0; c < clusters.Count; c++) foreach (var m in clusters[c]) clusterOf.TryAdd(m, c);
        var count = new Dictionary<int, int>();
        foreach (var m in clusterOf.Keys)
            if (setsOf[m] is { } ss) foreach (var s in ss) count[s] = count.GetValueOrDefault(s) + 1;
        foreach (var (s, k) in count)
        {
            var (members, bit) = sets[s];
            if (!Ties(k, members.Count, bit)) continue;
            int first = -1;
            foreach (var m in members)
            {
                if (!clusterOf.TryGetValue(m, out var c)) continue;
                if (first < 0) first = c; else Join(parent, c, first);
            }
        }
        return Enumerable.Range(0, clusters.Count).GroupBy(x => Root(parent, x))
            .Select(g => g.SelectMany(c => clusters[c]).Distinct().ToList()).ToList();
    }

    /// <summary>Whether an identity value held by <paramref name="inGroup"/> of a group's accounts, and by
    /// <paramref name="holders"/> in the whole log, ties those accounts: at least half its holders in the group (a value
    /// mostly held outside it — a public mail provider, a campus network — ties nothing), and at least three of them for a
    /// name, a domain or an address, which two strangers share by coincidence (random 4003: "Wei H.", a customer's name and
    /// a station account's); two accounts paying with one card are one payer.</summary>
    private static bool Ties(int inGroup, int holders, byte bit) => inGroup >= (bit == 1 ? 2 : 3) && inGroup >= 0.5 * holders;

    /// <summary>The parts a tied component falls into when address ranges tie nothing (the other values, and rotating exits,
    /// still do), each with fewer holders than the component; none when no range ties a holder of it. Positions into the
    /// harness's holders, as <paramref name="idx"/>.</summary>
    private static List<List<int>> PartsWithoutRanges(List<int> idx, List<int>?[] tying, byte[] bits, HashSet<int> ranges)
    {
        var parts = new List<List<int>>();
        if (ranges.Count == 0 || !idx.Any(p => tying[p] is { } tp && tp.Any(ranges.Contains))) return parts;
        var parent = Enumerable.Range(0, idx.Count).ToArray();
        var firstOn = new Dictionary<int, int>();
        int rotating = -1;
        for (int i = 0; i < idx.Count; i++)
        {
            if (tying[idx[i]] is { } tp)
                foreach (var t in tp)
                    if (!ranges.Contains(t)) { if (firstOn.TryGetValue(t, out var o)) Join(parent, i, o); else firstOn[t] = i; }
            if ((bits[idx[i]] & 32) != 0) { if (rotating < 0) rotating = i; else Join(parent, i, rotating); }
        }
        foreach (var g in Enumerable.Range(0, idx.Count).GroupBy(i => Root(parent, i)))
            if (g.Count() < idx.Count) parts.Add(g.Select(i => idx[i]).ToList());
        return parts;
    }

    /// <summary>
    /// Whether accounts tied by exits alone, on a machine's day, are one organisation's own fleet, judged where no registry
    /// says who they are (most of them have no record): with a registry, the declared organisation does
    /// (<see cref="Coordination.DeclaredOrganisation"/>). An organisation that runs many accounts of its own sends them
    /// all through its servers (most of their requests direct: through a partner, the addresses the log records are the
    /// partner's, <see cref="ThroughPartner"/>): every exact address that ties them is one most of them send from, and no
    /// address is shared by a part of them (three or more, as <see cref="Ties"/> counts an address, and no more than half)
    /// — where an operation that wants its accounts to pass for customers parcels its exits out, a few accounts to each,
    /// or draws each account's requests from a pool. They run a harness value of their own (the one they were found on, or the
    /// system prompt or parameter vector most of them send most: most of them run it, and they are most of its holders);
    /// most of them were active through the log, from its first tenth to its last (a fleet serving a product, where a
    /// campaign's accounts come and go: development logs, accounts of the stations and harvests this would otherwise take
    /// were active over 0.45–0.69 of it, the fleets 0.98–0.99); and they did not move to a newly released model together
    /// (<see cref="JointPivot"/>). Such accounts are still one operator — the organisation — and
    /// <see cref="EgressOrganisation"/> names them for campaign assembly, which reads them as it reads a declared fleet.
    /// </summary>
    private bool OneEgress(List<int> accounts, params KeyGroup?[] harness)
    {
        if (2 * accounts.Count(m => _in.Records[m] is not null) >= accounts.Count) return false;
        // their own servers: requests through a partner (a cloud marketplace, a reseller) leave from the partner's
        if (2 * accounts.Sum(m => (long)ThroughPartner(_in.Profiles[m])) >= accounts.Sum(m => (long)_in.Profiles[m].Exchanges)) return false;
        var on = new Dictionary<KeyGroup, int>(ReferenceEqualityComparer.Instance);
        foreach (var m in accounts)
            if (_addressesOf.Length > m && _addressesOf[m] is { } held)
                foreach (var g in held)
                    if (g.Kind == LinkKind.Ip) on[g] = on.GetValueOrDefault(g) + 1;
        if (!on.Values.Any(c => 2 * c > accounts.Count) || on.Values.Any(c => c >= 3 && 2 * c <= accounts.Count)) return false;
        var (vector, system) = HarnessOf(accounts);
        var set = accounts.ToHashSet();
        bool theirs = harness.Append(_groups.GetValueOrDefault((LinkKind.SystemPrompt, system))).Append(_groups.GetValueOrDefault((LinkKind.ParamSignature, vector)))
            .Any(h => h is not null && h.Members.Count(set.Contains) is var held && 2 * held > accounts.Count
                && 2 * held > h.Members.Count(m => !_in.Allowlisted[m]));
        if (!theirs) return false;
        var (first, last) = LogSpan();
        double span = Math.Max(1, last - first);
        int through = accounts.Count(m => (_in.Profiles[m].LastMs - _in.Profiles[m].FirstMs) * StrongEvidenceRatio >= (StrongEvidenceRatio - 1) * span);
        return 2 * through > accounts.Count && !JointPivot(accounts);
    }

    /// <summary>Accounts <see cref="OneEgress"/> found to be an organisation's own fleet.</summary>
    private readonly HashSet<int> _egressOrganisation = new();

    /// <summary>Whether the account is one of an organisation's own accounts on the egress they all share, found where no
    /// registry says who runs it (<see cref="OneEgress"/>). Its operator evidence stands (one operator: the organisation);
    /// campaign assembly reads it as it reads a declared fleet (<see cref="Coordination.OneEgress"/>).</summary>
    public bool EgressOrganisation(int account) => _egressOrganisation.Contains(account);

    /// <summary>Whether the accounts moved to a newly released model together, as the identity-cluster rule judges a joint
    /// pivot (<see cref="PivotShare"/>), against the rate of all the log's accounts that could have.</summary>
    private bool JointPivot(List<int> accounts)
    {
        var (pivot, pivotBase, moved, could) = PivotShare(accounts, new HashSet<int>(), _egressPivotBase);
        return IsJointPivot(pivot, pivotBase, moved, could);
    }

    private readonly Dictionary<ulong, double> _egressPivotBase = new();

    /// <summary>The first and last request of the log (over every account), read once.</summary>
    private (long First, long Last) LogSpan()
    {
        if (_logSpan is { } known) return known;
        long first = long.MaxValue, last = long.MinValue;
        foreach (var p in _in.Profiles) { first = Math.Min(first, p.FirstMs); last = Math.Max(last, p.LastMs); }
        return (_logSpan = first <= last ? (first, last) : (0, 0)).Value;
    }

    private (long First, long Last)? _logSpan;

    private static int Root(int[] parent, int x)
    {
        while (parent[x] != x) { parent[x] = parent[parent[x]]; x = parent[x]; }
        return x;
    }

    private static void Join(int[] parent, int a, int b)
    {
        int ra = Root(parent, a), rb = Root(parent, b);
        if (ra != rb) parent[Math.Max(ra, rb)] = Math.Min(ra, rb);
    }
}
