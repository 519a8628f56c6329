using DistillGuard.Provenance.Lexicons;

namespace DistillGuard.Provenance.Detection;

/// <summary>
/// How often each member of a set is used, per set and per (set, previous word): the expected word choice without the
/// watermark, against which the weighted statistic measures excess. Any reference keeps the test exact (it only has to
/// be independent of the key); a good one (the lab's own unwatermarked outputs) makes it more powerful. Without one, the
/// suspect text's own choices in other contexts serve (leave-one-out).
/// </summary>
public sealed class ReferenceModel
{
    private const double Alpha = 1.0;
    private readonly Dictionary<int, long[]> _perSet = [];
    private readonly Dictionary<(int, string), int[]> _perUnit = [];

    private ReferenceModel(bool leaveOneOut) => LeaveOneOut = leaveOneOut;

    /// <summary>True when built from the suspect text itself: each unit's own occurrences are left out of its reference.</summary>
    public bool LeaveOneOut { get; }

    public long Occurrences { get; private set; }
    public int ContextBuckets { get; private init; }

    public static ReferenceModel FromTexts(IEnumerable<string> texts, WatermarkLexicon? lexicon = null, int contextBuckets = Watermarking.WatermarkKey.DefaultContextBuckets) =>
        From(SuspectUnits.Collect(texts, lexicon, contextBuckets), leaveOneOut: false);

    public static ReferenceModel FromSuspect(SuspectUnits units) => From(units, leaveOneOut: true);

    private static ReferenceModel From(SuspectUnits units, bool leaveOneOut)
    {
        var r = new ReferenceModel(leaveOneOut) { ContextBuckets = units.ContextBuckets };
        foreach (var u in units.Units)
        {
            if (!r._perSet.TryGetValue(u.Set.Index, out var s)) r._perSet[u.Set.Index] = s = new long[u.Set.Members.Count];
            for (int m = 0; m < s.Length; m++) s[m] += u.Counts[m];
            r._perUnit[(u.Set.Index, u.Context)] = u.Counts;
            r.Occurrences += u.Occurrences;
        }
        return r;
    }

    /// <summary>The expected member distribution at <paramref name="unit"/>: the reference's counts in the same context,
    /// shrunk towards the set's counts over all contexts (add-one smoothed).</summary>
    public double[] Expected(in ScoredUnit unit)
    {
        int k = unit.Set.Members.Count;
        var set = new double[k];
        double setTotal = 0;
        if (_perSet.TryGetValue(unit.Set.Index, out var s))
            for (int m = 0; m < k; m++) { set[m] = s[m] - (LeaveOneOut ? unit.Counts[m] : 0); setTotal += set[m]; }
        var own = new double[k];
        double ownTotal = 0;
        if (!LeaveOneOut && _perUnit.TryGetValue((unit.Set.Index, unit.Context), out var c))
            for (int m = 0; m < k; m++) { own[m] = c[m]; ownTotal += c[m]; }
        var r = new double[k];
        for (int m = 0; m < k; m++)
        {
            double q = (set[m] + 1) / (setTotal + k);
            r[m] = (own[m] + Alpha * q) / (ownTotal + Alpha);
        }
        return r;
    }
}
