using DistillGuard.Provenance.Stats;

namespace DistillGuard.Provenance.Tests;

public sealed class StatisticsTests
{
    [Fact]
    public void PoissonBinomial_Groups_MatchesBruteForce()
    {
        // X = Bin(3, 1/2) + Bin(2, 1/3): enumerate all 2^5 outcomes.
        var ps = new[] { 0.5, 0.5, 0.5, 1 / 3.0, 1 / 3.0 };
        for (int x = 0; x <= 6; x++)
        {
            double brute = 0;
            for (int mask = 0; mask < 32; mask++)
            {
                double pr = 1;
                int s = 0;
                for (int i = 0; i < 5; i++) { bool on = (mask >> i & 1) == 1; pr *= on ? ps[i] : 1 - ps[i]; s += on ? 1 : 0; }
                if (s >= x) brute += pr;
            }
            Assert.Equal(brute, PoissonBinomial.UpperTail([(3, 0.5), (2, 1 / 3.0)], x), 12);
            Assert.Equal(brute, PoissonBinomial.UpperTail(ps, x), 12);
        }
    }

    [Fact]
    public void PoissonBinomial_LargeTail_IsTinyButPositive()
    {
        double p = PoissonBinomial.UpperTail([(1000, 0.5)], 700);
        Assert.InRange(p, 1e-40, 1e-30);
    }

    [Fact]
    public void UniformChoiceSum_MatchesBruteForce()
    {
        var values = new List<int[]> { new[] { -3, 5 }, new[] { 0, 2, 7 }, new[] { 1, 1, -4, 9 } };
        for (int t = -8; t <= 22; t++)
        {
            int count = 0, total = 0;
            foreach (var a in values[0]) foreach (var b in values[1]) foreach (var c in values[2]) { total++; if (a + b + c >= t) count++; }
            Assert.Equal((double)count / total, UniformChoiceSum.UpperTail(values, t), 12);
        }
    }

    [Fact]
    public void KolmogorovSmirnov_AcceptsUniform_RejectsSkewed()
    {
        var rng = new Random(3);
        var u = Enumerable.Range(0, 2000).Select(_ => rng.NextDouble()).ToList();
        Assert.True(KolmogorovSmirnov.Uniform(u).PValue > 0.01);
        Assert.True(KolmogorovSmirnov.Uniform(u.Select(x => x * x)).PValue < 1e-6);
    }
}
