namespace DistillGuard.Provenance.Stats;

/// <summary>One-sample Kolmogorov-Smirnov test against the uniform distribution on [0, 1] (asymptotic p-value with
/// Stephens' small-sample correction).</summary>
public static class KolmogorovSmirnov
{
    public static (double D, double PValue) Uniform(IEnumerable<double> sample)
    {
        var x = sample.OrderBy(v => v).ToArray();
        int n = x.Length;
        if (n == 0) return (0, 1);
        double d = 0;
        for (int i = 0; i < n; i++) d = Math.Max(d, Math.Max((i + 1.0) / n - x[i], x[i] - (double)i / n));
        double sn = Math.Sqrt(n);
        return (d, Q((sn + 0.12 + 0.11 / sn) * d));
    }

    private static double Q(double lambda)
    {
        if (lambda < 1e-3) return 1;
        double sum = 0;
        for (int k = 1; k <= 100; k++)
        {
            double term = Math.Exp(-2.0 * k * k * lambda * lambda);
            sum += (k % 2 == 1 ? 1 : -1) * term;
            if (term < 1e-12) break;
        }
        return Math.Clamp(2 * sum, 0, 1);
    }
}
