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
    private readonly ulong[] _days = new ulong[4];           // active days, day index mod 256
    private readonly uint[] _coActivity = new uint[ProfileContext.CoActivityHashes];
    private readonly int[] _signals = new int[SignalCatalog.Count];
    private int[]? _examples;                                 // 3 arena handles per signal, allocated on first signal
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
    public int ActiveDays => BitOperations.PopCount(_days[0]) + BitOperations.PopCount(_days[1]) + BitOperations.PopCount(_days[2]) + BitOperations.PopCount(_days[3]);
    /// <summary>Exchanges with a harvest signal (see <see cref="SignalCatalog.IsHarvest"/>).</summary>
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
    public int[] Hours { get; } = new int[24];
    public int[] Capabilities { get; } = new int[SignalCatalog.CapabilityCount];
    /// <summary>Capabilities counted on harvest exchanges only (what a campaign targets, without its relayed traffic).</summary>
    public int[] HarvestCapabilities { get; } = new int[SignalCatalog.CapabilityCount];
    public TopK Templates { get; } = new(8, withAux: true, withFirstSeen: true, withExamples: true);
    public TopK SystemPrompts { get; } = new(2, withAux: true);
    public TopK ParamSignatures { get; } = new(2);
    public TopK Ips { get; } = new(4);
    public TopK Prefixes { get; } = new(3);
    public TopK Ja4 { get; } = new(2);
    public TopK UserAgents { get; } = new(2);
    public TopK Routes { get; } = new(2);
    public TopK Models { get; } = new(4, withFirstSeen: true);
    public ItemSketch Items { get; } = new(ProfileContext.ItemSketchSize);

    public ReadOnlySpan<uint> CoActivity => _coActivity;
    public int SignalCount(int signal) => _signals[signal];

    /// <summary>Coefficient of variation of inter-arrival gaps (low = machine-regular); NaN with fewer than 3 gaps.</summary>
    public double TimingCv => _gaps < 3 || _gapMean <= 0 ? double.NaN : Math.Sqrt(_gapM2 / (_gaps - 1)) / _gapMean;

    public double HarvestShare => Exchanges == 0 ? 0 : (double)HarvestExchanges / Exchanges;

    public IEnumerable<int> ExampleHandles(int signal)
    {
        if (_examples is null) yield break;
        for (int i = 0; i < ProfileContext.ExamplesPerSignal; i++)
        {
            int h = _examples[signal * ProfileContext.ExamplesPerSignal + i];
            if (h != 0) yield return h;
        }
    }

    public ReadOnlySpan<ulong> PendingArtifacts => _pendingArtifacts is null ? default : _pendingArtifacts.AsSpan(0, _pendingCount);
    private int _pendingCount;

    /// <summary>Folds one exchange into the profile. Copies what it keeps; the caller may reuse <paramref name="f"/>.</summary>
    public void Add(ExchangeFeatures f, ProfileContext ctx)
    {
        Exchanges++;
        long ts = f.TimestampMs;
        if (ts < FirstMs) FirstMs = ts;
        if (ts > LastMs) LastMs = ts;
        long day = ts >= 0 ? ts / 86_400_000 : (ts / 86_400_000) - 1;
        int d = (int)(((day % 256) + 256) % 256);
        _days[d >> 6] |= 1UL << (d & 63);
        int hour = (int)(((ts % 86_400_000) + 86_400_000) % 86_400_000 / 3_600_000);
        Hours[hour]++;

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
        bool harvest = SignalCatalog.IsHarvest(s);
        if (harvest) HarvestExchanges++;
        if (f.Status >= 400) FailedExchanges++;
        uint bits = (uint)s;
        while (bits != 0)
        {
            int i = BitOperations.TrailingZeroCount(bits);
            bits &= bits - 1;
            if (i >= SignalCatalog.Count) continue;
            int n = _signals[i]++;
            if (n < ProfileContext.ExamplesPerSignal)
            {
                _examples ??= new int[SignalCatalog.Count * ProfileContext.ExamplesPerSignal];
                _examples[i * ProfileContext.ExamplesPerSignal + n] = ctx.Examples.Add(f.Id);
            }
        }
        uint caps = (uint)f.Capabilities;
        while (caps != 0)
        {
            int i = BitOperations.TrailingZeroCount(caps);
            caps &= caps - 1;
            if (i >= Capabilities.Length) continue;
            Capabilities[i]++;
            if (harvest) HarvestCapabilities[i]++;
        }

        if (f.TemplateFingerprint != 0) Templates.Add(f.TemplateFingerprint, harvest, ts, f.Id, ctx.Examples);
        if (f.SystemHash != 0) SystemPrompts.Add(f.SystemHash, harvest);
        ParamSignatures.Add(ParamSignature(f));
        if (f.MaxTokens > MaxOutputTokens) MaxOutputTokens = f.MaxTokens;
        if (f.ThinkingBudget > MaxThinkingBudget) MaxThinkingBudget = f.ThinkingBudget;
        if (f.N > MaxN) MaxN = f.N;
        if (f.Logprobs) LogprobsExchanges++;

        var (ip, prefix) = ctx.Infra.Intern(f.Ip);
        if (ip != 0) Ips.Add((ulong)ip);
        if (prefix != 0) Prefixes.Add((ulong)prefix);
        int ja4 = ctx.Ja4.Intern(f.Ja4);
        if (ja4 != 0) Ja4.Add((ulong)ja4);
        int ua = ctx.UserAgents.Intern(f.UserAgent);
        if (ua != 0) UserAgents.Add((ulong)ua);
        Routes.Add((ulong)ctx.Routes.Intern(f.Route));
        int model = ctx.Models.Intern(f.Model);
        if (model != 0) Models.Add((ulong)model, timeMs: ts);
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

    /// <summary>Upper bound of the bytes this profile holds (object headers, arrays, example ids in the arena).</summary>
    public long ApproximateBytes =>
        200 + (24 + 32) + (24 + 4 * 48) + (24 + 4 * 15) + (24 + 4 * 24) + 2 * (24 + 4 * 11)
        + (_examples is null ? 0 : 24 + 4 * _examples.Length + 2 * 32 * _examples.Count(h => h != 0))
        + (_pendingArtifacts is null ? 0 : 24 + 8 * _pendingArtifacts.Length)
        + Templates.ApproximateBytes + SystemPrompts.ApproximateBytes + ParamSignatures.ApproximateBytes + Ips.ApproximateBytes
        + Prefixes.ApproximateBytes + Ja4.ApproximateBytes + UserAgents.ApproximateBytes + Routes.ApproximateBytes
        + Models.ApproximateBytes + (32 + 24 + 8 * ProfileContext.ItemSketchSize) + (2 * Account.Length + 22);
}
