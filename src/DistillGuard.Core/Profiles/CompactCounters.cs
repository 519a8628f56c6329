namespace DistillGuard.Core.Profiles;

/// <summary>
/// Several small space-saving top-K counters packed into one key array and one count array (one object instead of
/// eight): harness values (system prompts and tool sets, <see cref="HarnessValue"/>), parameter signatures, addresses,
/// prefixes, JA4, user agents, routes and models. Segment 0 also counts harvest exchanges per key; the model segment keeps
/// first-use times.
/// </summary>
public sealed class CompactCounters
{
    public const int System = 0, Params = 1, Ips = 2, Prefixes = 3, Ja4 = 4, UserAgents = 5, Routes = 6, Models = 7;
    // Three harness slots: an agent's prompt and its tools together, or two prompts and a tool set, without churning.
    private const int HarnessSlots = 3;
    private static readonly byte[] Sizes = { HarnessSlots, 2, 4, 3, 2, 2, 2, 4 };
    private static readonly byte[] Offsets = BuildOffsets();
    private const int Slots = HarnessSlots + 19;   // 19: the other segments' sizes
    // The harness segment's harvest counts live after the key counts, in the same array (one object fewer).
    private const int HarvestBase = Slots;

    private readonly ulong[] _keys = new ulong[Slots];
    private readonly int[] _counts = new int[Slots + HarnessSlots];
    private readonly long[] _modelFirst = new long[4];
    private ulong _used;   // 8 bits per segment: slots in use

    private static byte[] BuildOffsets()
    {
        var o = new byte[Sizes.Length];
        for (int i = 1; i < o.Length; i++) o[i] = (byte)(o[i - 1] + Sizes[i - 1]);
        return o;
    }

    public int Used(int seg) => (int)((_used >> (seg * 8)) & 0xFF);
    public ulong KeyAt(int seg, int i) => _keys[Offsets[seg] + i];
    public int CountAt(int seg, int i) => _counts[Offsets[seg] + i];
    public int AuxAt(int seg, int i) => seg == System ? _counts[HarvestBase + i] : 0;
    public long FirstSeenAt(int seg, int i) => seg == Models ? _modelFirst[i] : 0;

    public void Add(int seg, ulong key, bool aux = false, long timeMs = 0)
    {
        int off = Offsets[seg], used = Used(seg), size = Sizes[seg];
        int min = 0;
        for (int i = 0; i < used; i++)
        {
            if (_keys[off + i] == key)
            {
                _counts[off + i]++;
                if (seg == System && aux) _counts[HarvestBase + i]++;
                if (seg == Models && timeMs < _modelFirst[i]) _modelFirst[i] = timeMs;
                return;
            }
            if (_counts[off + i] < _counts[off + min]) min = i;
        }
        int slot, start = 0;
        if (used < size)
        {
            slot = used;
            _used += 1UL << (seg * 8);
        }
        else { slot = min; start = _counts[off + min]; }
        _keys[off + slot] = key;
        _counts[off + slot] = start + 1;
        if (seg == System) _counts[HarvestBase + slot] = aux ? 1 : 0;
        if (seg == Models) _modelFirst[slot] = timeMs;
    }

    public const long ApproximateBytes = 24 + 8 + 3 * 8 + (24 + 8 * Slots) + (24 + 4 * (Slots + HarnessSlots)) + (24 + 32);
}

/// <summary>A read view of one segment of <see cref="CompactCounters"/>, with the <see cref="TopK"/> reading API.</summary>
public readonly struct CounterView
{
    private readonly CompactCounters _c;
    private readonly int _seg;

    public CounterView(CompactCounters c, int seg) { _c = c; _seg = seg; }

    public int Count => _c.Used(_seg);
    public ulong KeyAt(int i) => _c.KeyAt(_seg, i);
    public int CountAt(int i) => _c.CountAt(_seg, i);
    public int AuxAt(int i) => _c.AuxAt(_seg, i);
    public long FirstSeenAt(int i) => _c.FirstSeenAt(_seg, i);

    public int TopIndex()
    {
        int best = -1;
        for (int i = 0; i < Count; i++)
            if (best < 0 || CountAt(i) > CountAt(best) || (CountAt(i) == CountAt(best) && KeyAt(i) < KeyAt(best))) best = i;
        return best;
    }

    public int CountOf(ulong key)
    {
        for (int i = 0; i < Count; i++) if (KeyAt(i) == key) return CountAt(i);
        return 0;
    }
}
