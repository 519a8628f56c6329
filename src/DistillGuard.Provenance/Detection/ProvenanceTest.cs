using DistillGuard.Provenance.Stats;
using DistillGuard.Provenance.Watermarking;

namespace DistillGuard.Provenance.Detection;

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
    /// <summary>Exact P(hits ≥ observed) when the text does not depend on the key.</summary>
    public required double PValue { get; init; }
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
    public required IReadOnlyList<KeyTestResult> Keys { get; init; }
    /// <summary>The key with the smallest p-value.</summary>
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
    public static KeyTestResult Score(SuspectUnits units, WatermarkKey key, int keysTested = 1)
    {
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
        double p = PoissonBinomial.UpperTail(perSize.OrderBy(kv => kv.Key).Select(kv => (kv.Value, 1.0 / kv.Key)), hits);
        return new KeyTestResult
        {
            KeyId = key.Id,
            Marks = key.Describe(),
            Commitment = key.Commitment,
            Hits = hits,
            Expected = expected,
            PValue = p,
            AdjustedPValue = Math.Min(1.0, p * Math.Max(1, keysTested)),
        };
    }

    public static ProvenanceResult Run(SuspectUnits units, IReadOnlyList<WatermarkKey> keys) => new()
    {
        Tokens = units.Tokens,
        Words = units.Words,
        Occurrences = units.Occurrences,
        Scored = units.Units.Count,
        Keys = keys.Select(k => Score(units, k, keys.Count)).ToList(),
    };

    public static ProvenanceResult Run(IEnumerable<string> texts, IReadOnlyList<WatermarkKey> keys) => Run(SuspectUnits.Collect(texts), keys);
}
