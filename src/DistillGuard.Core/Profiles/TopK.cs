namespace DistillGuard.Core.Profiles;

/// <summary>
/// Space-saving top-K counter (Metwally et al.) over 64-bit keys, fixed size, no allocation after construction.
/// Optionally carries a second count per key (e.g. harvest exchanges on that key) and the key's first-seen time.
/// Counts of evicted-and-replaced keys are over-estimates by at most the evicted minimum, as in the algorithm.
/// </summary>
public sealed class TopK
{
    private readonly ulong[] _keys;
    private readonly int[] _counts;
    private readonly int[]? _aux;
    private readonly long[]? _first;
    private int[]? _example;
    private int _exampleBudget;
    private int _used;

    public TopK(int k, bool withAux = false, bool withFirstSeen = false, bool withExamples = false)
    {
        if (withExamples) { _example = new int[k]; _exampleBudget = k; }
        _keys = new ulong[k];
        _counts = new int[k];
        if (withAux) _aux = new int[k];
        if (withFirstSeen) _first = new long[k];
    }

    public int Count => _used;
    public ulong KeyAt(int i) => _keys[i];
    public int CountAt(int i) => _counts[i];
    public int AuxAt(int i) => _aux is null ? 0 : _aux[i];
    public long FirstSeenAt(int i) => _first is null ? 0 : _first[i];
    /// <summary>Arena handle of an example exchange on key i, 0 when none was kept.</summary>
    public int ExampleAt(int i) => _example is null ? 0 : _example[i];

    /// <summary>Like <see cref="Add(ulong, bool, long)"/>, and keeps an example exchange id for keys seen at least twice
    /// (at most K example ids per counter, so a churning counter cannot grow the arena).</summary>
    public void Add(ulong key, bool aux, long timeMs, string exchangeId, TextArena arena)
    {
        Add(key, aux, timeMs);
        if (_example is null || _exampleBudget == 0) return;
        for (int i = 0; i < _used; i++)
        {
            if (_keys[i] != key) continue;
            if (_example[i] == 0 && _counts[i] >= 2) { _example[i] = arena.Add(exchangeId); _exampleBudget--; }
            return;
        }
    }

    public void Add(ulong key, bool aux = false, long timeMs = 0)
    {
        int min = 0;
        for (int i = 0; i < _used; i++)
        {
            if (_keys[i] == key)
            {
                _counts[i]++;
                if (aux && _aux is not null) _aux[i]++;
                if (_first is not null && timeMs < _first[i]) _first[i] = timeMs;
                return;
            }
            if (_counts[i] < _counts[min]) min = i;
        }
        int slot;
        int start = 0;
        if (_used < _keys.Length) slot = _used++;
        else { slot = min; start = _counts[min]; }
        _keys[slot] = key;
        _counts[slot] = start + 1;
        if (_example is not null) _example[slot] = 0;
        if (_aux is not null) _aux[slot] = aux ? 1 : 0;
        if (_first is not null) _first[slot] = timeMs;
    }

    /// <summary>
    /// Adds a SimHash: counted on the entry whose key is nearest within <paramref name="maxDistance"/> bits (so one
    /// template's instances share an entry even when their fingerprints differ by a few bits), else inserted.
    /// </summary>
    public void AddNear(ulong fingerprint, int maxDistance, bool aux = false)
    {
        int best = -1, bestD = maxDistance + 1;
        for (int i = 0; i < _used; i++)
        {
            int d = System.Numerics.BitOperations.PopCount(_keys[i] ^ fingerprint);
            if (d < bestD) { bestD = d; best = i; if (d == 0) break; }
        }
        if (best >= 0)
        {
            _counts[best]++;
            if (aux && _aux is not null) _aux[best]++;
            return;
        }
        Add(fingerprint, aux);
    }

    /// <summary>Index of the key with the highest count, -1 when empty.</summary>
    public int TopIndex()
    {
        int best = -1;
        for (int i = 0; i < _used; i++) if (best < 0 || _counts[i] > _counts[best] || (_counts[i] == _counts[best] && _keys[i] < _keys[best])) best = i;
        return best;
    }

    public int CountOf(ulong key)
    {
        for (int i = 0; i < _used; i++) if (_keys[i] == key) return _counts[i];
        return 0;
    }

    internal long ApproximateBytes => 32 + 24 + _keys.Length * 8L + 24 + _counts.Length * 4L + (_aux is null ? 0 : 24 + _aux.Length * 4L) + (_first is null ? 0 : 24 + _first.Length * 8L) + (_example is null ? 0 : 24 + _example.Length * 4L + 41L * _example.Length);
}
