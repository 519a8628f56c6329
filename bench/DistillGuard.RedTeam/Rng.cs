namespace DistillGuard.RedTeam;

/// <summary>Small deterministic PRNG (xoshiro256**), seeded through splitmix64; identical output on every platform.</summary>
public sealed class Rng
{
    private ulong _s0, _s1, _s2, _s3;

    public Rng(ulong seed)
    {
        ulong x = seed;
        _s0 = SplitMix(ref x); _s1 = SplitMix(ref x); _s2 = SplitMix(ref x); _s3 = SplitMix(ref x);
    }

    public static ulong SplitMix(ref ulong x)
    {
        ulong z = x += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    public static ulong Mix(ulong a, ulong b)
    {
        ulong x = a * 0x9E3779B97F4A7C15UL ^ (b + 0x632BE59BD9B4E019UL);
        return SplitMix(ref x);
    }

    public static ulong Hash(string s)
    {
        ulong h = 1469598103934665603UL;
        foreach (char c in s) { h ^= c; h *= 1099511628211UL; }
        return h;
    }

    public ulong NextU64()
    {
        ulong result = RotL(_s1 * 5, 7) * 9;
        ulong t = _s1 << 17;
        _s2 ^= _s0; _s3 ^= _s1; _s1 ^= _s2; _s0 ^= _s3; _s2 ^= t; _s3 = RotL(_s3, 45);
        return result;
    }

    private static ulong RotL(ulong x, int k) => (x << k) | (x >> (64 - k));

    public Rng Fork(ulong salt) => new(Mix(NextU64(), salt));

    public double Next() => (NextU64() >> 11) * (1.0 / (1UL << 53));
    public int Int(int n) => n <= 1 ? 0 : (int)((NextU64() >> 33) % (ulong)n);
    public int Int(int lo, int hiInclusive) => lo + Int(hiInclusive - lo + 1);
    public bool Chance(double p) => Next() < p;
    public T Pick<T>(IReadOnlyList<T> xs) => xs[Int(xs.Count)];
    public double Range(double lo, double hi) => lo + (hi - lo) * Next();

    public double Normal()
    {
        double u1 = 1.0 - Next(), u2 = Next();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }

    public double LogNormal(double median, double sigma) => median * Math.Exp(sigma * Normal());
    public double Exp(double mean) => -mean * Math.Log(1.0 - Next());

    public int Poisson(double lambda)
    {
        if (lambda <= 0) return 0;
        if (lambda > 40) return Math.Max(0, (int)Math.Round(lambda + Math.Sqrt(lambda) * Normal()));
        double l = Math.Exp(-lambda), p = 1.0; int k = 0;
        do { k++; p *= Next(); } while (p > l);
        return k - 1;
    }

    public T Weighted<T>(IReadOnlyList<(T item, double w)> xs)
    {
        double tot = 0; foreach (var x in xs) tot += x.w;
        double r = Next() * tot;
        foreach (var x in xs) { r -= x.w; if (r <= 0) return x.item; }
        return xs[^1].item;
    }

    public string Hex(int n)
    {
        const string d = "0123456789abcdef";
        var c = new char[n];
        for (int i = 0; i < n; i++) c[i] = d[Int(16)];
        return new string(c);
    }

    public string Alnum(int n)
    {
        const string d = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        var c = new char[n];
        for (int i = 0; i < n; i++) c[i] = d[Int(d.Length)];
        return new string(c);
    }

    public string B64(int bytes)
    {
        var b = new byte[bytes];
        for (int i = 0; i < bytes; i++) b[i] = (byte)Int(256);
        return Convert.ToBase64String(b);
    }

    public void Shuffle<T>(IList<T> xs)
    {
        for (int i = xs.Count - 1; i > 0; i--) { int j = Int(i + 1); (xs[i], xs[j]) = (xs[j], xs[i]); }
    }
}
