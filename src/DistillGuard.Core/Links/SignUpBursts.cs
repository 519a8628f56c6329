namespace DistillGuard.Core.Links;

/// <summary>
/// The creation-burst link key of each account: the log's sign-ups cut into windows of
/// <see cref="Analysis.DetectorOptions.CreationBurstHours"/>, and each window cut again wherever its own sign-ups leave
/// a gap they make improbable. Two batches a few hours apart in one window (a course signing up for a class in the
/// afternoon, an operation registering its accounts that evening) are two bursts, not one key that ties a student to
/// a harvester; a window of sign-ups at an even rate stays whole.
/// </summary>
/// <remarks>
/// The cut: with <c>n</c> sign-ups spread evenly over the window's span <c>S</c>, each of the <c>n−1</c> gaps is about
/// exponential with mean <c>S/(n−1)</c>, so the chance that any gap exceeds <c>x</c> is about
/// <c>(n−1)·exp(−x·(n−1)/S)</c>. The widest gap is cut when that chance is below 1e-3 (the tail the burst share of
/// <see cref="CoordinationMeter"/> uses), and each side is judged again on its own span.
/// </remarks>
public static class SignUpBursts
{
    private const double Tail = 1e-3;

    /// <summary>The burst of each sign-up in <paramref name="createdMs"/> (any order, milliseconds): its first and last
    /// sign-up time. Entries equal to <c>null</c> (no registry time) get <c>null</c>.</summary>
    public static (long First, long Last)?[] Keys(IReadOnlyList<long?> createdMs, long windowMs)
    {
        var keys = new (long, long)?[createdMs.Count];
        var order = new List<int>(createdMs.Count);
        for (int i = 0; i < createdMs.Count; i++) if (createdMs[i] is not null) order.Add(i);
        order.Sort((a, b) => createdMs[a]!.Value.CompareTo(createdMs[b]!.Value));
        var t = new long[order.Count];
        for (int i = 0; i < t.Length; i++) t[i] = createdMs[order[i]]!.Value;

        int lo = 0;
        while (lo < t.Length)
        {
            long window = FloorDiv(t[lo], windowMs);
            int hi = lo + 1;
            while (hi < t.Length && FloorDiv(t[hi], windowMs) == window) hi++;
            Cut(t, lo, hi, (from, to) =>
            {
                for (int i = from; i < to; i++) keys[order[i]] = (t[from], t[to - 1]);
            });
            lo = hi;
        }
        return keys;
    }

    private static long FloorDiv(long a, long b) => a >= 0 ? a / b : -((-a + b - 1) / b);

    /// <summary>Cuts sorted <paramref name="t"/>[lo, hi) at improbable gaps, calling <paramref name="emit"/> on each
    /// part left whole, in order (an explicit stack: a window of many sign-ups may be cut many times).</summary>
    internal static void Cut(long[] t, int lo, int hi, Action<int, int> emit)
    {
        var parts = new Stack<(int Lo, int Hi)>();
        parts.Push((lo, hi));
        while (parts.Count > 0)
        {
            var (a, b) = parts.Pop();
            int at = WidestImprobableGap(t, a, b);
            if (at < 0) { emit(a, b); continue; }
            parts.Push((at, b));   // the later part after the earlier one
            parts.Push((a, at));
        }
    }

    /// <summary>The index after the widest gap of sorted <paramref name="t"/>[lo, hi) when even sign-ups would leave one
    /// that wide with a chance below <see cref="Tail"/>; −1 when the part stays whole.</summary>
    private static int WidestImprobableGap(long[] t, int lo, int hi)
    {
        int n = hi - lo;
        if (n < 3) return -1;
        long span = t[hi - 1] - t[lo];
        if (span <= 0) return -1;
        int at = -1; long widest = 0;
        for (int i = lo + 1; i < hi; i++)
            if (t[i] - t[i - 1] > widest) { widest = t[i] - t[i - 1]; at = i; }
        double gaps = n - 1;
        return gaps * Math.Exp(-widest * gaps / span) < Tail ? at : -1;
    }
}
