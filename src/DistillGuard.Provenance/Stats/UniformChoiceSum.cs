namespace DistillGuard.Provenance.Stats;

/// <summary>
/// Exact upper tail of T = Σ_u V_u[G_u] where each G_u is an independent uniform choice among the integer values V_u
/// (the null distribution of a keyed score: the key picks one member per unit uniformly at random). Computed by
/// convolution over the integer support; tails below about 1e-300 are reported as 0.
/// </summary>
public static class UniformChoiceSum
{
    public static double UpperTail(IReadOnlyList<int[]> values, long observed)
    {
        long offset = 0;
        int width = 1;
        foreach (var v in values) { offset += v.Min(); width += v.Max() - v.Min(); }
        var dist = new double[width];
        var next = new double[width];
        dist[0] = 1.0;
        int used = 1;
        foreach (var v in values)
        {
            int min = v.Min();
            int span = v.Max() - min;
            double w = 1.0 / v.Length;
            Array.Clear(next, 0, used + span);
            for (int i = 0; i < used; i++)
            {
                double a = dist[i];
                if (a == 0) continue;
                a *= w;
                foreach (int x in v) next[i + x - min] += a;
            }
            (dist, next) = (next, dist);
            used += span;
        }
        double tail = 0;
        for (int i = used - 1; i >= 0 && offset + i >= observed; i--) tail += dist[i];
        return Math.Min(1.0, tail);
    }
}
