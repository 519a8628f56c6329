using System.Numerics;
using DistillGuard.Core.Model;
using DistillGuard.Core.Scoring;

namespace DistillGuard.Core.Profiles;

/// <summary>
/// Bounded per-account state built from its exchanges in one pass: every field is fixed-size (about 2 KB in all,
/// see <see cref="ApproximateBytes"/>), so memory grows with accounts, not exchanges. No prompt text is kept.
/// </summary>
public sealed class AccountProfile
{
    private ulong _days0, _days1, _days2, _days3;             // active days, day index mod 256
    private CoActivitySignature _coActivity;   // inline: no array header per account
    // One array for the small histograms: signals [0,15), hours [15,39), capabilities [39,50), harvest capabilities [50,61).
    private TallyArray _tallies;
    private const int HourBase = HarvestSignals.Count, CapBase = HourBase + 24, HarvestCapBase = CapBase + HarvestSignals.CapabilityCount;
    private ExamplePool _examples;                            // pooled example ids: (signal + 1) << 27 | arena handle
    private readonly CompactCounters _counters = new();
    private ulong[]? _pendingArtifacts;                      // presented artifacts with no issuer yet (bounded)
    private long _lastTs = long.MinValue, _lastBucket = long.MinValue;
    private double _gapMean, _gapM2;
    private int _gaps;

    public AccountProfile(int index, string account)
    {
        Index = index;
        Account = account;
        MinHash.Init(_coActivity);
    }

    public int Index { get; }
    public string Account { get; }
    public int Exchanges { get; private set; }
    public long FirstMs { get; private set; } = long.MaxValue;
    public long LastMs { get; private set; } = long.MinValue;
    public int ActiveDays => BitOperations.PopCount(_days0) + BitOperations.PopCount(_days1) + BitOperations.PopCount(_days2) + BitOperations.PopCount(_days3);
    /// <summary>Exchanges with a harvest signal (see <see cref="HarvestSignals.IsHarvest"/>).</summary>
    public int HarvestExchanges { get; private set; }
    public int FailedExchanges { get; private set; }
    public int MaxOutputTokens { get; private set; }
    public int MaxThinkingBudget { get; private set; }
    public int MaxN { get; private set; }
    public int LogprobsExchanges { get; private set; }
    public int ArtifactsIssued { get; private set; }
    public int ArtifactsPresented { get; private set; }
    /// <summary>Distinct co-activity buckets the account was active in (counts bucket changes in arrival order).</summary>
    public int ActiveBuckets { get; private set; }

    /// <summary>UTC hour-of-day histogram: used only to compare accounts' rhythms, never as evidence alone.</summary>
    public ReadOnlySpan<int> Hours => ((ReadOnlySpan<int>)_tallies).Slice(HourBase, 24);
    public ReadOnlySpan<int> Capabilities => ((ReadOnlySpan<int>)_tallies).Slice(CapBase, HarvestSignals.CapabilityCount);
    /// <summary>Capabilities counted on harvest exchanges only (what a campaign targets, without its relayed traffic).</summary>
    public ReadOnlySpan<int> HarvestCapabilities => ((ReadOnlySpan<int>)_tallies).Slice(HarvestCapBase, HarvestSignals.CapabilityCount);
    /// <summary>Top templates (SimHash) with harvest exchanges per template.</summary>
    public TopK Templates { get; } = new(6, withAux: true);
    /// <summary>Top instruction skeletons (<see cref="Fingerprints.SkeletonFingerprint"/>) of the account's harvest exchanges
    /// only: generic instruction wording ("explain … step by step, then give the answer") is everybody's; what binds
    /// accounts is one harvest skeleton. Empty unless <see cref="ProfileContext.TrackParaphrase"/>.
    public SkeletonTop Skeletons => _skeletons;

    private SkeletonTop _skeletons;
    // Networks (IPv4 /16, IPv6 /32) the account's requests came from, flagged harvest or other; empty unless
    // ProfileContext.TrackParaphrase. Read through RotatesExits and HarvestEgressApart.
    private NetworkSet _networks;
    /// <summary>The account's harness values: the system prompts it sends and the tool sets it declares (<see cref="HarnessValue"/>).</summary>
    public CounterView SystemPrompts => new(_counters, CompactCounters.System);
    public CounterView ParamSignatures => new(_counters, CompactCounters.Params);
    public CounterView Ips => new(_counters, CompactCounters.Ips);
    public CounterView Prefixes => new(_counters, CompactCounters.Prefixes);
    public CounterView Ja4 => new(_counters, CompactCounters.Ja4);
    public CounterView UserAgents => new(_counters, CompactCounters.UserAgents);
    public CounterView Routes => new(_counters, CompactCounters.Routes);
    public CounterView Models => new(_counters, CompactCounters.Models);
    public ItemSketch Items { get; } = new(ProfileContext.ItemSketchSize);

    public ReadOnlySpan<uint> CoActivity => _coActivity;
    public int SignalCount(int signal) => _tallies[signal];

    /// <summary>Arena handle of the account's first exchange id (an example for accounts no signal fired on).</summary>
    public int FirstExample { get; private set; }

    /// <summary>Up to <paramref name="max"/> distinct example exchange handles: content-harvest examples first, then
    /// other signals', then the first exchange. Every reason and evidence item can name at least one.</summary>
    public List<int> Examples(int max)
    {
        var list = new List<int>(max);
        void Take(int h) { if (h != 0 && list.Count < max && !list.Contains(h)) list.Add(h); }
        for (int pass = 0; pass < 2; pass++)
            for (int s = 0; s < HarvestSignals.Count; s++)
            {
                bool strong = ((uint)HarvestSignals.StrongHarvest & (1u << s)) != 0;
                if (strong != (pass == 0)) continue;
                foreach (var h in ExampleHandles(s)) Take(h);
            }
        Take(FirstExample);
        return list;
    }

    /// <summary>An example exchange of a content harvest signal, 0 when none was kept.</summary>
    public int FirstHarvestExample()
    {
        // (the first of ExampleHandles(s) for the first strong signal s that has one, without a list per signal)
        for (int s = 0; s < HarvestSignals.Count; s++)
            if (((uint)HarvestSignals.StrongHarvest & (1u << s)) != 0)
                foreach (var e in (ReadOnlySpan<int>)_examples)
                    if (e != 0 && (e >>> 27) == s + 1) return e & ((1 << 27) - 1);
        return 0;
    }

    /// <summary>Coefficient of variation of inter-arrival gaps (low = machine-regular); NaN with fewer than 3 gaps.</summary>
    public double TimingCv => _gaps < 3 || _gapMean <= 0 ? double.NaN : Math.Sqrt(_gapM2 / (_gaps - 1)) / _gapMean;

    public double HarvestShare => Exchanges == 0 ? 0 : (double)HarvestExchanges / Exchanges;

    public IEnumerable<int> ExampleHandles(int signal)
    {
        var found = new List<int>(ProfileContext.ExamplesPerSignal);
        foreach (var e in (ReadOnlySpan<int>)_examples)
            if (e != 0 && (e >>> 27) == signal + 1) found.Add(e & ((1 << 27) - 1));
        return found;
    }

    private int ExampleCount(int signal)
    {
        int n = 0;
        foreach (var e in (ReadOnlySpan<int>)_examples) if (e != 0 && (e >>> 27) == signal + 1) n++;
        return n;
    }

    /// <summary>Keeps up to 3 example ids per signal in a pool of 12 per account; when the pool is full a harvest
    /// signal may take the slot of a weak one (reasoning-exposed, max-output) that already has another example.</summary>
    private void KeepExample(int signal, int seen, ExchangeFeatures f, ProfileContext ctx)
    {
        if (seen >= ProfileContext.ExamplesPerSignal) return;
        int slot = ((ReadOnlySpan<int>)_examples).IndexOf(0);
        if (slot < 0)
        {
            for (int i = ProfileContext.ExamplePool - 1; i >= 0 && slot < 0 && HarvestSignals.Weights[signal] >= 0.5; i--)
            {
                int s = (_examples[i] >>> 27) - 1;
                if (HarvestSignals.Weights[s] < 0.5 && _tallies[s] > 1 && ExampleCount(s) > 1) slot = i;
            }
            // A signal with no example yet takes a slot from any signal that keeps more than one, so every signal
            // that fired can be shown with an exchange (as long as at most 12 different signals fired).
            if (slot < 0 && ExampleCount(signal) == 0)
                for (int i = ProfileContext.ExamplePool - 1; i >= 0 && slot < 0; i--)
                    if (ExampleCount((_examples[i] >>> 27) - 1) > 1) slot = i;
            if (slot < 0) return;
        }
        int h = ctx.Examples.Add(f.Id);
        if (h != 0) _examples[slot] = ((signal + 1) << 27) | h;
    }

    public ReadOnlySpan<ulong> PendingArtifacts => _pendingArtifacts is null ? default : _pendingArtifacts.AsSpan(0, _pendingCount);
    private int _pendingCount;

    /// <summary>Folds one exchange into the profile. Copies what it keeps; the caller may reuse <paramref name="f"/>.</summary>
    public void Add(ExchangeFeatures f, ProfileContext ctx)
    {
        Exchanges++;
        if (FirstExample == 0 && f.Id.Length > 0) FirstExample = ctx.Examples.Add(f.Id);
        long ts = f.TimestampMs;
        if (ts < FirstMs) FirstMs = ts;
        if (ts > LastMs) LastMs = ts;
        long day = ts >= 0 ? ts / 86_400_000 : (ts / 86_400_000) - 1;
        int d = (int)(((day % 256) + 256) % 256);
        switch (d >> 6)
        {
            case 0: _days0 |= 1UL << (d & 63); break;
            case 1: _days1 |= 1UL << (d & 63); break;
            case 2: _days2 |= 1UL << (d & 63); break;
            default: _days3 |= 1UL << (d & 63); break;
        }
        int hour = (int)(((ts % 86_400_000) + 86_400_000) % 86_400_000 / 3_600_000);
        _tallies[HourBase + hour]++;

        if (_lastTs != long.MinValue)
        {
            double gap = Math.Abs(ts - _lastTs);
            _gaps++;
            double delta = gap - _gapMean;
            _gapMean += delta / _gaps;
            _gapM2 += delta * (gap - _gapMean);
        }
        _lastTs = ts;

        long bucket = ts / ctx.CoActivityBucketMs;
        if (bucket != _lastBucket)
        {
            _lastBucket = bucket;
            ActiveBuckets++;
            MinHash.Add(_coActivity, (ulong)bucket);
        }

        var s = f.Signals;
        bool harvest = HarvestSignals.IsHarvest(s);
        if (harvest) HarvestExchanges++;
        if (f.Status >= 400) FailedExchanges++;
        uint bits = (uint)s;
        while (bits != 0)
        {
            int i = BitOperations.TrailingZeroCount(bits);
            bits &= bits - 1;
            if (i >= HarvestSignals.Count) continue;
            int n = _tallies[i]++;
            if (n < ProfileContext.ExamplesPerSignal) KeepExample(i, n, f, ctx);
        }
        uint caps = (uint)f.Capabilities;
        while (caps != 0)
        {
            int i = BitOperations.TrailingZeroCount(caps);
            caps &= caps - 1;
            if (i >= HarvestSignals.CapabilityCount) continue;
            _tallies[CapBase + i]++;
            if (harvest) _tallies[HarvestCapBase + i]++;
        }

        if (f.TemplateFingerprint != 0) Templates.AddNear(f.TemplateFingerprint, ctx.TemplateDistance, harvest);
        if (ctx.TrackParaphrase)
        {
            // harvest skeletons only, so ordinary wording cannot crowd them out
            if (harvest && f.SkeletonFingerprint != 0) _skeletons.AddNear(f.SkeletonFingerprint, ctx.TemplateDistance);
            if (f.Ip is { } addr) _networks.Add(NetworkOf(addr), harvest, (int)Math.Min(63, (ts - FirstMs) / 86_400_000L));
        }
        if (f.SystemHash != 0) _counters.Add(CompactCounters.System, HarnessValue.OfPrompt(f.SystemHash), harvest);
        if (f.ToolSetHash != 0) _counters.Add(CompactCounters.System, HarnessValue.OfTools(f.ToolSetHash), harvest);
        if (f.SchemaHash != 0) _counters.Add(CompactCounters.System, HarnessValue.OfSchema(f.SchemaHash), harvest);
        _counters.Add(CompactCounters.Params, ParamSignature(f));
        if (f.MaxTokens > MaxOutputTokens) MaxOutputTokens = f.MaxTokens;
        if (f.ThinkingBudget > MaxThinkingBudget) MaxThinkingBudget = f.ThinkingBudget;
        if (f.N > MaxN) MaxN = f.N;
        if (f.Logprobs) LogprobsExchanges++;

        var (ip, prefix) = ctx.Infra.Intern(f.Ip);
        if (ip != 0) _counters.Add(CompactCounters.Ips, (ulong)ip);
        if (prefix != 0) _counters.Add(CompactCounters.Prefixes, (ulong)prefix);
        int ja4 = ctx.Ja4.Intern(f.Ja4);
        if (ja4 != 0) _counters.Add(CompactCounters.Ja4, (ulong)ja4);
        int ua = ctx.UserAgents.Intern(f.UserAgent);
        if (ua != 0) _counters.Add(CompactCounters.UserAgents, (ulong)ua);
        _counters.Add(CompactCounters.Routes, (ulong)ctx.Routes.Intern(f.Route));
        int model = ctx.Models.Intern(f.Model);
        if (model != 0) _counters.Add(CompactCounters.Models, (ulong)model, timeMs: ts);
        Items.Add(f.ItemHash);

        ArtifactsIssued += f.IssuedArtifacts.Count;
        ArtifactsPresented += f.PresentedArtifacts.Count;
    }

    /// <summary>Remembers a presented artifact whose issuer is not known yet (at most 4 are kept).</summary>
    internal void AddPendingArtifact(ulong artifact)
    {
        _pendingArtifacts ??= new ulong[4];
        if (_pendingCount < _pendingArtifacts.Length) _pendingArtifacts[_pendingCount++] = artifact;
    }

    /// <summary>Hash of the request parameters that campaigns fix in their harness (budgets, n, logprobs, temperature).</summary>
    public static ulong ParamSignature(ExchangeFeatures f)
    {
        ulong h = Hashing.Combine((ulong)f.MaxTokens, (ulong)f.ThinkingBudget);
        ulong flags = (uint)f.N | ((f.Logprobs ? 1UL : 0UL) << 16) | ((ulong)(uint)f.TopLogprobs << 17) | ((f.ToolCount > 0 ? 1UL : 0UL) << 30);
        h = Hashing.Combine(h, flags);
        long temp = f.Temperature is double t ? (long)Math.Round(t * 100) : -1;
        return Hashing.Combine(h, (ulong)temp) | 1;
    }

    /// <summary>Upper bound of the bytes this profile holds: object and arrays, example ids in the arena (at most 32
    /// UTF-8 bytes each counted), its share of the engine's account map.</summary>
    public long ApproximateBytes =>
        16 + 4 + 8 + 4 + 16 + 9 * 4 + 16 + 16 + 4 + 32 + 4 + 10 * 8       // this object's header and fields
        + 4 * ProfileContext.CoActivityHashes + 4 * TallyArray.Length
        + 4 * ProfileContext.ExamplePool + 33 * (ProfileContext.ExamplePool - ((ReadOnlySpan<int>)_examples).Count(0))
        + (_pendingArtifacts is null ? 0 : 24 + 8 * _pendingArtifacts.Length)
        + Templates.ApproximateBytes + SkeletonTop.ApproximateBytes + NetworkSet.ApproximateBytes + CompactCounters.ApproximateBytes
        + (24 + 24 + 8 * ProfileContext.ItemSketchSize) + (22 + 2 * Account.Length) + 40;

    /// <summary>The network an address belongs to: IPv4 /16, IPv6 /32 (first two groups).</summary>
    internal static ulong NetworkOf(string address)
    {
        var a = address.AsSpan();
        char sep = a.Contains(':') ? ':' : '.';
        int first = a.IndexOf(sep);
        if (first < 0) return Fingerprints.Hash64.Of(a);
        int second = a[(first + 1)..].IndexOf(sep);
        return Fingerprints.Hash64.Of(second < 0 ? a : a[..(first + 1 + second)]);
    }

    /// <summary>
    /// Exits that rotate across networks: requests from at least <paramref name="minNetworks"/> different networks,
    /// a new one for at least <paramref name="minShare"/> of the account's visits (its active half-hours,
    /// <see cref="ActiveBuckets"/>, or its requests when fewer). A residential-proxy or rotating-exit pattern; a
    /// traveller, a phone on two carriers or an office with a backup line stays well below it. Counted per visit since
    /// session 14: a pool that hands out a new exit per session rotates as much as one that hands out one per request,
    /// and an agent's twenty turns in one session are one visit, not twenty chances to stay put (the red team's quiet
    /// agent harvest: 43 of 50 accounts rotate per visit, 6 per request).
    /// </summary>
    public bool RotatesExits(int minNetworks = 4, double minShare = 0.2)
        => _networks.Distinct >= minNetworks && _networks.Distinct >= minShare * Math.Min(Exchanges, ActiveBuckets);

    /// <summary>
    /// Most of the account's addresses (its most used, up to four) are each used by many accounts
    /// (<see cref="Links.KeyGroupBuilder.SharedEgressAccounts"/>): an egress — an agent platform's cloud pool, a campus,
    /// an office proxy. Set by <see cref="Links.KeyGroupBuilder"/> for the log being analysed.
    /// </summary>
    public bool ExitsShared { get; internal set; }

    /// <summary>
    /// <see cref="RotatesExits"/> through exits of the account's own: a platform whose egress spans several networks
    /// hands each user a different one per visit, which is rotation by networks alone (random 4001: 46 of 387 platform
    /// users once rotation was counted per visit), but its exits are everybody's. A proxy pool's exits are each used by
    /// one or two accounts; an operation on a shared hosting pool is tied by those addresses instead.
    /// </summary>
    public bool RotatesOwnExits() => !ExitsShared && RotatesExits();

    /// <summary>
    /// Harvest that egresses apart from the account: it rotates exits of its own (<see cref="RotatesOwnExits"/>), or every network its
    /// harvest requests came from is one its other requests never used (<see cref="NetworkSet.HarvestOnlyElsewhere"/>:
    /// exact up to <see cref="NetworkSet.Capacity"/> networks, judged on a sample beyond). A bought or taken-over account keeps its
    /// former owner's traffic on the owner's network while the operator's requests come through proxy exits; a user who
    /// harvests does so from where they also work. One harvest request from a café is the same trait: what separates it
    /// from a campaign is that nothing else binds it to one (the trait alone never makes a member).
    /// <para>
    /// Both only through exits of the account's own (not <see cref="ExitsShared"/>): behind a platform's, a campus's or a
    /// carrier's egress each visit gets whichever of its addresses and networks the egress hands out, so a user's harvest
    /// request lands on a network its other requests happened not to, which is the egress's choice and not the account's
    /// (random 11719: two agent-platform users whose few harvest requests came out of other networks of the platform's
    /// pool carried the trait and a station's skeleton, and were flagged with it).
    /// </para>
    /// </summary>
    public bool HarvestEgressApart() => HarvestExchanges > 0 && !ExitsShared && (RotatesExits() || _networks.HarvestOnlyElsewhere(HarvestShare));
}

[System.Runtime.CompilerServices.InlineArray(ProfileContext.CoActivityHashes)]
internal struct CoActivitySignature { private uint _e0; }

/// <summary>Per-account tallies: signals, hours of day, capabilities, harvest capabilities.</summary>
[System.Runtime.CompilerServices.InlineArray(Length)]
internal struct TallyArray
{
    public const int Length = HarvestSignals.Count + 24 + 2 * HarvestSignals.CapabilityCount;
    private int _e0;
}

[System.Runtime.CompilerServices.InlineArray(ProfileContext.ExamplePool)]
internal struct ExamplePool { private int _e0; }
