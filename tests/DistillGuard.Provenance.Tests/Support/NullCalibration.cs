using DistillGuard.Provenance.Detection;
using DistillGuard.Provenance.Stats;
using DistillGuard.Provenance.Watermarking;

namespace DistillGuard.Provenance.Tests.Support;

/// <summary>The exactness check the provenance tests share: text no key marked, scored against 400 unrelated keys.</summary>
internal static class NullCalibration
{
    /// <summary>
    /// Scores <paramref name="units"/> against 400 keys seeded "<paramref name="keyPrefix"/>0…399": at most 10 reject at
    /// 0.01 (4 expected) and the randomised p-values (uniform within each discrete step, drawn with
    /// <paramref name="seed"/>) pass a Kolmogorov–Smirnov test of uniformity at 0.001.
    /// </summary>
    public static void AssertUniform(SuspectUnits units, string keyPrefix, ProvenanceOptions options, int seed)
    {
        var rng = new Random(seed);
        var results = Enumerable.Range(0, 400).Select(k => ProvenanceTest.Score(units, WatermarkKey.FromSeed(keyPrefix + k), 1, options)).ToList();
        int rejected = results.Count(r => r.PValue < 0.01);
        Assert.True(rejected <= 10, $"{rejected} of 400 keys rejected at 0.01 (expected at most 4)");
        var ks = KolmogorovSmirnov.Uniform(results.Select(r => r.PValueAbove + rng.NextDouble() * (r.PValue - r.PValueAbove)));
        Assert.True(ks.PValue > 0.001, $"KS D {ks.D:F3}");
    }
}
