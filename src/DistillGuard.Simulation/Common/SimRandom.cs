namespace DistillGuard.Simulation.Common;

/// <summary>
/// A small, fast, seedable generator (xoshiro256**) whose sequence is fixed by its seed on every
/// platform and runtime, so simulated output is byte-identical for the same seed. Each simulated
/// entity derives its own stream with <see cref="Derive"/> so that entities do not disturb each other.
/// </summary>
public struct SimRandom
{
    private ulong _s0, _s1, _s2, _s3;

    public SimRandom(ulong seed)
    {
        ulong x = seed;
        _s0 = SplitMix(ref x); _s1 = SplitMix(ref x); _s2 = SplitMix(ref x); _s3 = SplitMix(ref x);
    }

    /// <summary>A new independent stream for the child named by <paramref name="a"/> and <paramref name="b"/>.</summary>
    public static SimRandom Derive(ulong seed, ulong a, ulong b = 0)
    {
        ulong x = seed ^ 0x9E3779B97F4A7C15UL * (a + 1) ^ 0xC2B2AE3D27D4EB4FUL * (b + 7);
        return new SimRandom(Mix(x));
    }

    public static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    private static ulong SplitMix(ref ulong x)
    {
        x += 0x9E3779B97F4A7C15UL;
        return Mix(x);
    }

    public ulong NextUInt64()
    {
        ulong result = RotL(_s1 * 5, 7) * 9;
        ulong t = _s1 << 17;
        _s2 ^= _s0; _s3 ^= _s1; _s1 ^= _s2; _s0 ^= _s3;
        _s2 ^= t;
        _s3 = RotL(_s3, 45);
        return result;
    }

    private static ulong RotL(ulong x, int k) => (x << k) | (x >> (64 - k));

    /// <summary>Uniform in [0, 1).</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform integer in [0, maxExclusive).</summary>
    public int Next(int maxExclusive)
    {
        if (maxExclusive <= 0) throw new ArgumentOutOfRangeException(nameof(maxExclusive));
        return (int)((NextUInt64() >> 32) * (ulong)maxExclusive >> 32);
    }

    /// <summary>Uniform integer in [minInclusive, maxExclusive).</summary>
    public int Next(int minInclusive, int maxExclusive) => minInclusive + Next(maxExclusive - minInclusive);

    public bool Chance(double p) => NextDouble() < p;

    public T Pick<T>(IReadOnlyList<T> items) => items[Next(items.Count)];

    /// <summary>Standard normal by Box–Muller.</summary>
    public double NextGaussian()
    {
        double u1 = 1.0 - NextDouble();
        double u2 = NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    public double NextLogNormal(double mu, double sigma) => Math.Exp(mu + sigma * NextGaussian());

    /// <summary>Exponential with the given mean.</summary>
    public double NextExponential(double mean) => -mean * Math.Log(1.0 - NextDouble());

    /// <summary>Pareto (type I) with scale <paramref name="xm"/> and shape <paramref name="alpha"/>: heavy-tailed.</summary>
    public double NextPareto(double xm, double alpha) => xm / Math.Pow(1.0 - NextDouble(), 1.0 / alpha);
}
