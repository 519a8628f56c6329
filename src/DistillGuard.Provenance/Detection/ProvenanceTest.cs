using DistillGuard.Provenance.Stats;
using DistillGuard.Provenance.Watermarking;

namespace DistillGuard.Provenance.Detection;

/// <summary>What the provenance test counts.</summary>
public enum ProvenanceStatistic
{
    /// <summary>Units whose (majority) member is the keyed one; exact Poisson-binomial tail.</summary>
    Hits,
    /// <summary>
    /// Per unit, the excess of the keyed member over its expected share, as a clipped z-score
    /// (c − n·r) / √(n·r·(1 − r)) on a grid of 1/4; exact tail of the sum of independent uniform choices among each
    /// unit's values. Uses every occurrence, weighs rare members more, and stays exact whatever the reference.
    /// </summary>
    Weighted,
    /// <summary>
    /// Per unit and member m, the log-likelihood ratio of the unit's occurrences if the key had chosen m and the text
    /// adopted it at rate ε, against the expected shares r alone: c_m · ln(1 + ε / ((1 − ε) · r_m)), on a grid of 1/16,
    /// counts scaled down to at most <see cref="ProvenanceOptions.LikelihoodCap"/> occurrences per unit. Weighs a keyed
    /// member by how rare it is without the watermark (where a student's adoption shows most); exact tail of the sum of
    /// independent uniform choices, like <see cref="Weighted"/>, whatever the reference and ε.
    /// </summary>
    Likelihood,
}

/// <summary>Options of the provenance test.</summary>
public sealed record ProvenanceOptions
{
    public ProvenanceStatistic Statistic { get; init; } = ProvenanceStatistic.Weighted;
    /// <summary>Expected word choices; null: the suspect text's own choices in other contexts.</summary>
    public ReferenceModel? Reference { get; init; }
    /// <summary>Clip of each unit's z-score (one unit, however often repeated, moves the sum at most this much).</summary>
    public double Clip { get; init; } = 4.0;
    /// <summary>The adoption rate the likelihood statistic is tuned for (not estimated from the text; any value keeps it exact).</summary>
    public double LikelihoodRate { get; init; } = 0.1;
    /// <summary>Most occurrences of one unit the likelihood statistic counts (more are scaled down to this).</summary>
    public int LikelihoodCap { get; init; } = 32;
    public static ProvenanceOptions Default { get; } = new();
}

/// <summary>The test of suspect text under one key.</summary>
public sealed record KeyTestResult
{
    public required string KeyId { get; init; }
    /// <summary>Whose outputs the key marks ("lab acme", "account a-17 of acme").</summary>
    public required string Marks { get; init; }
    public required string Commitment { get; init; }
    /// <summary>Units whose member is the one this key chooses.</summary>
    public required long Hits { get; init; }
    /// <summary>Hits expected when the text does not depend on the key (Σ 1/|set|).</summary>
    public required double Expected { get; init; }
    /// <summary>The weighted statistic (sum of the keyed members' clipped z-scores) and its mean under the null; 0 for Hits.</summary>
    public double Score { get; init; }
    public double ExpectedScore { get; init; }
    /// <summary>Exact P(statistic ≥ observed) when the text does not depend on the key.</summary>
    public required double PValue { get; init; }
    /// <summary>P(statistic &gt; observed) under the null (for randomised p-values in calibration checks).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public double PValueAbove { get; init; }
    /// <summary>Bonferroni: min(1, keys tested × p); what to compare with the significance level when several keys were tried.</summary>
    public required double AdjustedPValue { get; init; }
}

/// <summary>The provenance test of one body of suspect text under one or more keys.</summary>
public sealed record ProvenanceResult
{
    public required long Tokens { get; init; }
    public required long Words { get; init; }
    public required long Occurrences { get; init; }
    /// <summary>Units scored: distinct (set, previous word) pairs.</summary>
    public required int Scored { get; init; }
    public required ProvenanceStatistic Statistic { get; init; }
    public required IReadOnlyList<KeyTestResult> Keys { get; init; }
    /// <summary>The key with the smallest p-value.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public KeyTestResult? Best => Keys.Count == 0 ? null : Keys.MinBy(k => k.PValue);
}

/// <summary>
/// The provenance test. Null hypothesis: the suspect text was produced without access to outputs watermarked with the
/// key (the text is independent of the key). Under it, for each scored unit the key's choice is a uniform random member
/// of the set, independent across units (HMAC under a random key), so the number of hits is a sum of independent
/// Bernoulli(1/|set|) trials whatever the text's own word preferences are: the p-value is its exact upper tail.
/// </summary>
public static class ProvenanceTest
{
    public const int Grid = 4;
    /// <summary>Grid of the likelihood statistic's scores (1/16).</summary>
    public const int LikelihoodGrid = 16;
    private const double VarianceFloor = 0.1;

    public static KeyTestResult Score(SuspectUnits units, WatermarkKey key, int keysTested = 1, ProvenanceOptions? options = null)
    {
        options ??= ProvenanceOptions.Default;
        if (key.ContextBuckets != units.ContextBuckets)
            throw new ArgumentException($"key {key.Id} has context_buckets {key.ContextBuckets} but the units were collected with {units.ContextBuckets}", nameof(key));
        if (options.Reference is { } rf && rf.ContextBuckets != units.ContextBuckets)
            throw new ArgumentException($"the reference was collected with context_buckets {rf.ContextBuckets}, the units with {units.ContextBuckets}", nameof(options));
        if (options.Statistic is ProvenanceStatistic.Weighted or ProvenanceStatistic.Likelihood) return ScoreWeighted(units, key, keysTested, options);
        var perSize = new Dictionary<int, int>();
        long hits = 0;
        double expected = 0;
        foreach (var u in units.Units)
        {
            int k = u.Set.Members.Count;
            perSize[k] = perSize.GetValueOrDefault(k) + 1;
            expected += 1.0 / k;
            if (key.Choose(u.Set, u.Context) == u.Member) hits++;
        }
        var groups = perSize.OrderBy(kv => kv.Key).Select(kv => (kv.Value, 1.0 / kv.Key)).ToList();
        double p = PoissonBinomial.UpperTail(groups, hits);
        double above = PoissonBinomial.UpperTail(groups, hits + 1);
        return new KeyTestResult
        {
            KeyId = key.Id,
            Marks = key.Describe(),
            Commitment = key.Commitment,
            Hits = hits,
            Expected = expected,
            PValue = p,
            PValueAbove = above,
            AdjustedPValue = Math.Min(1.0, p * Math.Max(1, keysTested)),
        };
    }

    /// <summary>Each unit's integer score for each member (key-independent): what the weighted statistic sums.</summary>
    public static List<int[]> UnitScores(SuspectUnits units, ProvenanceOptions options)
    {
        var reference = options.Reference ?? ReferenceModel.FromSuspect(units);
        if (options.Statistic == ProvenanceStatistic.Likelihood) return LikelihoodScores(units, reference, options);
        var list = new List<int[]>(units.Units.Count);
        foreach (var u in units.Units)
        {
            int n = u.Occurrences;
            int k = u.Counts.Length;
            var v = new int[k];
            double[]? r = u.Expected is null ? reference.Expected(u) : null;
            for (int m = 0; m < k; m++)
            {
                // Occurrence-level expectations from a predictor when the units carry them; else the reference's shares.
                double z = u.Expected is { } e
                    ? (u.Counts[m] - e[m]) / Math.Sqrt(u.Variance![m] + VarianceFloor)
                    : (u.Counts[m] - n * r![m]) / Math.Sqrt(n * r[m] * (1 - r[m]));
                z = Math.Clamp(z, -options.Clip, options.Clip);
                v[m] = (int)Math.Round(z * Grid, MidpointRounding.AwayFromZero);
            }
            list.Add(v);
        }
        return list;
    }

    private static List<int[]> LikelihoodScores(SuspectUnits units, ReferenceModel reference, ProvenanceOptions options)
    {
        double eps = options.LikelihoodRate;
        if (!(eps > 0 && eps < 1)) throw new ArgumentOutOfRangeException(nameof(options), $"likelihood rate must be in (0, 1) (was {eps})");
        var list = new List<int[]>(units.Units.Count);
        foreach (var u in units.Units)
        {
            int n = u.Occurrences;
            int k = u.Counts.Length;
            double[] r = u.Expected is { } e ? e.Select(x => x / Math.Max(1, n)).ToArray() : reference.Expected(u);
            double scale = n > options.LikelihoodCap ? (double)options.LikelihoodCap / n : 1.0;
            var v = new int[k];
            for (int m = 0; m < k; m++)
            {
                double rm = Math.Max(r[m], 1e-6);
                v[m] = (int)Math.Round(LikelihoodGrid * scale * u.Counts[m] * Math.Log(1 + eps / ((1 - eps) * rm)), MidpointRounding.AwayFromZero);
            }
            list.Add(v);
        }
        return list;
    }

    private static KeyTestResult ScoreWeighted(SuspectUnits units, WatermarkKey key, int keysTested, ProvenanceOptions options)
    {
        var scores = UnitScores(units, options);
        long t = 0, hits = 0;
        double expected = 0, mean = 0;
        for (int i = 0; i < scores.Count; i++)
        {
            var u = units.Units[i];
            int g = key.Choose(u.Set, u.Context);
            t += scores[i][g];
            mean += scores[i].Average();
            expected += 1.0 / u.Set.Members.Count;
            if (g == u.Member) hits++;
        }
        double p = UniformChoiceSum.UpperTail(scores, t);
        double above = UniformChoiceSum.UpperTail(scores, t + 1);
        return new KeyTestResult
        {
            KeyId = key.Id,
            Marks = key.Describe(),
            Commitment = key.Commitment,
            Hits = hits,
            Expected = expected,
            Score = t / (double)(options.Statistic == ProvenanceStatistic.Likelihood ? LikelihoodGrid : Grid),
            ExpectedScore = mean / (options.Statistic == ProvenanceStatistic.Likelihood ? LikelihoodGrid : Grid),
            PValue = p,
            PValueAbove = above,
            AdjustedPValue = Math.Min(1.0, p * Math.Max(1, keysTested)),
        };
    }

    public static ProvenanceResult Run(SuspectUnits units, IReadOnlyList<WatermarkKey> keys, ProvenanceOptions? options = null) => new()
    {
        Tokens = units.Tokens,
        Words = units.Words,
        Occurrences = units.Occurrences,
        Scored = units.Units.Count,
        Statistic = (options ?? ProvenanceOptions.Default).Statistic,
        Keys = keys.Select(k => Score(units, k, keys.Count, options)).ToList(),
    };

    public static ProvenanceResult Run(IEnumerable<string> texts, IReadOnlyList<WatermarkKey> keys, ProvenanceOptions? options = null)
    {
        var list = texts as IReadOnlyList<string> ?? texts.ToList();
        var byBuckets = keys.Select(k => k.ContextBuckets).Append(keys.Count == 0 ? 0 : keys[0].ContextBuckets).Distinct()
            .ToDictionary(b => b, b => SuspectUnits.Collect(list, contextBuckets: b));
        var first = byBuckets[keys.Count == 0 ? 0 : keys[0].ContextBuckets];
        return new ProvenanceResult
        {
            Tokens = first.Tokens,
            Words = first.Words,
            Occurrences = first.Occurrences,
            Scored = first.Units.Count,
            Statistic = (options ?? ProvenanceOptions.Default).Statistic,
            Keys = keys.Select(k => Score(byBuckets[k.ContextBuckets], k, keys.Count, options)).ToList(),
        };
    }
}
