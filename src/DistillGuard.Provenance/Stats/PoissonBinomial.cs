namespace DistillGuard.Provenance.Stats;

/// <summary>
/// Exact upper tail of a sum of independent Bernoulli trials whose success probabilities take a few values (1/2, 1/3, …):
/// the sum of independent binomials, each pmf computed in log space and convolved. Tails below about 1e-300 are reported as 0.
/// </summary>
public static class PoissonBinomial
{
    /// <summary>P(X ≥ <paramref name="observed"/>) where X = Σ Binomial(n, p) over <paramref name="groups"/>.</summary>
    public static double UpperTail(IEnumerable<(int N, double P)> groups, long observed)
    {
        if (observed <= 0) return 1.0;
        double[] dist = [1.0];
        int offset = 0;     // dist[i] is P(X = offset + i)
        foreach (var (n, p) in groups)
        {
            if (n == 0) continue;
            var (pmf, lo) = Binomial(n, p);
            var next = new double[dist.Length + pmf.Length - 1];
            for (int i = 0; i < dist.Length; i++)
            {
                double a = dist[i];
                if (a == 0) continue;
                for (int j = 0; j < pmf.Length; j++) next[i + j] += a * pmf[j];
            }
            offset += lo;
            (dist, offset) = Trim(next, offset);
        }
        double tail = 0;
        for (int i = dist.Length - 1; i >= 0 && offset + i >= observed; i--) tail += dist[i];
        return Math.Min(1.0, tail);
    }

    /// <summary>P(X ≥ <paramref name="observed"/>) for X a sum of independent Bernoulli(p_i) (exact dynamic programme).</summary>
    public static double UpperTail(IReadOnlyList<double> ps, long observed)
    {
        if (observed <= 0) return 1.0;
        if (observed > ps.Count) return 0.0;
        var dist = new double[ps.Count + 1];
        dist[0] = 1.0;
        for (int i = 0; i < ps.Count; i++)
        {
            double p = ps[i];
            for (int k = i + 1; k >= 1; k--) dist[k] = dist[k] * (1 - p) + dist[k - 1] * p;
            dist[0] *= 1 - p;
        }
        double tail = 0;
        for (long k = ps.Count; k >= observed; k--) tail += dist[k];
        return Math.Min(1.0, tail);
    }

    /// <summary>The binomial pmf on the part of its support where it is not below double's range.</summary>
    internal static (double[] Pmf, int Lo) Binomial(int n, double p)
    {
        double lp = Math.Log(p), lq = Math.Log(1 - p);
        var lf = LogFactorials(n);
        var pmf = new double[n + 1];
        for (int k = 0; k <= n; k++) pmf[k] = Math.Exp(lf[n] - lf[k] - lf[n - k] + k * lp + (n - k) * lq);
        return Trim(pmf, 0);
    }

    private static (double[], int) Trim(double[] a, int offset)
    {
        int lo = 0, hi = a.Length - 1;
        while (lo < hi && a[lo] == 0) lo++;
        while (hi > lo && a[hi] == 0) hi--;
        if (lo == 0 && hi == a.Length - 1) return (a, offset);
        return (a[lo..(hi + 1)], offset + lo);
    }

    private static double[] _lf = [0.0];

    private static double[] LogFactorials(int n)
    {
        var lf = _lf;
        if (lf.Length > n) return lf;
        var bigger = new double[Math.Max(n + 1, lf.Length * 2)];
        Array.Copy(lf, bigger, lf.Length);
        for (int i = lf.Length; i < bigger.Length; i++) bigger[i] = bigger[i - 1] + Math.Log(i);
        _lf = bigger;
        return bigger;
    }
}
