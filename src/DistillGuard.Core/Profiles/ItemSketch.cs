namespace DistillGuard.Core.Profiles;

/// <summary>
/// K-minimum-values sketch of the distinct items (exact prompt hashes) an account sent: estimates how many distinct
/// items it covered and, against another account's sketch, how much the two sets overlap — accounts that split one
/// benchmark between them cover many items each with almost no overlap.
/// </summary>
public sealed class ItemSketch
{
    private readonly ulong[] _mins;
    private int _n;

    public ItemSketch(int k) => _mins = new ulong[k];

    public int Size => _n;
    public ReadOnlySpan<ulong> Values => _mins.AsSpan(0, _n);

    public void Add(ulong item)
    {
        if (item == 0) return;
        ulong h = Hashing.Mix(item);
        if (_n == _mins.Length && h >= _mins[_n - 1]) return;
        int pos = _mins.AsSpan(0, _n).BinarySearch(h);
        if (pos >= 0) return;
        pos = ~pos;
        if (_n < _mins.Length) _n++;
        Array.Copy(_mins, pos, _mins, pos + 1, _n - 1 - pos);
        _mins[pos] = h;
    }

    /// <summary>Estimated number of distinct items.</summary>
    public double Distinct => _n < _mins.Length ? _n : (_mins.Length - 1) / ((double)_mins[_n - 1] / ulong.MaxValue);

    /// <summary>Estimated Jaccard overlap of two item sets (fraction of the union's k smallest present in both).</summary>
    public static double Overlap(ItemSketch a, ItemSketch b)
    {
        if (a._n == 0 || b._n == 0) return 0;
        int k = Math.Min(a._mins.Length, b._mins.Length);
        int i = 0, j = 0, taken = 0, both = 0;
        while (taken < k && (i < a._n || j < b._n))
        {
            if (j >= b._n || (i < a._n && a._mins[i] < b._mins[j])) { i++; }
            else if (i >= a._n || b._mins[j] < a._mins[i]) { j++; }
            else { both++; i++; j++; }
            taken++;
        }
        return taken == 0 ? 0 : (double)both / taken;
    }
}
