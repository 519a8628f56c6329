using System.Runtime.CompilerServices;

namespace DistillGuard.Core.Profiles;

/// <summary>
/// The networks (IPv4 /16, IPv6 /32) an account's requests came from, kept inline in the profile: a bottom-k sketch
/// of eight network hashes, exact until a ninth network is seen, with two flags per network — seen on a harvest
/// request, seen on another request. Enough to estimate how many networks the account uses and, while exact, whether
/// its harvest came from networks its other traffic never used. A mutable struct: use it only as a field.
/// </summary>
public struct NetworkSet
{
    public const int Capacity = 8;

    [InlineArray(Capacity)]
    private struct Slots { private ulong _e0; }

    [InlineArray(Capacity)]
    private struct Marks { private byte _e0; }

    private Slots _hashes;   // ascending
    private Marks _marks;    // per slot: bit 0 other request, bit 1 harvest request, bits 2–7 first-seen day (0–63)
    private byte _n;
    private bool _overflowed;

    /// <summary>Networks retained (all of them while <see cref="Exact"/>).</summary>
    public readonly int Count => _n;

    /// <summary>Whether every network the account used is retained.</summary>
    public readonly bool Exact => !_overflowed;

    public const int ApproximateBytes = Capacity * 9 + 1 + 1;

    /// <param name="day">Days since the account's first request (capped at 63).</param>
    public void Add(ulong network, bool harvest, int day = 0)
    {
        ulong h = Hashing.Mix(network);
        if (h == 0) h = 1;
        byte bit = (byte)(harvest ? 2 : 1);
        int pos = 0;
        while (pos < _n && _hashes[pos] < h) pos++;
        if (pos < _n && _hashes[pos] == h) { _marks[pos] |= bit; return; }
        if (_n == Capacity)
        {
            _overflowed = true;
            if (pos == Capacity) return;   // larger than every retained hash: not in the bottom k
            _n--;                           // drop the largest
        }
        for (int i = _n; i > pos; i--) { _hashes[i] = _hashes[i - 1]; _marks[i] = _marks[i - 1]; }
        _hashes[pos] = h;
        _marks[pos] = (byte)(bit | (Math.Clamp(day, 0, 63) << 2));
        _n++;
    }

    /// <summary>Estimated number of distinct networks (exact while <see cref="Exact"/>).</summary>
    public readonly double Distinct => !_overflowed ? _n : (Capacity - 1) / ((double)_hashes[_n - 1] / ulong.MaxValue);

    /// <summary>
    /// The account's harvest came from elsewhere than its own networks: exactly while it used at most
    /// <see cref="Capacity"/> networks, else judged on the kept sample. Exactly: either no harvest network ever carried
    /// its other requests, or (a taken-over account) the network of its first day never carried harvest and every
    /// harvest network appeared two days or more after it began.
    /// </summary>
    public readonly bool HarvestOnlyElsewhere(double harvestShare)
    {
        if (_n == 0) return false;
        int harvest = 0, other = 0, both = 0, lateHarvest = 0;
        bool quietHome = false;
        for (int i = 0; i < _n; i++)
        {
            int f = _marks[i] & 3, first = _marks[i] >> 2;
            if (f == 3) both++;
            if (f == 2) harvest++;
            if (f == 1) other++;
            if ((f & 2) != 0 && first >= 2) lateHarvest++;
            if (f == 1 && first == 0) quietHome = true;
        }
        // Sampled: the kept networks are a uniform sample; it takes none that carries both, at least two harvest-only
        // ones, and harvest-only networks at least twice as common in it as harvest is among the requests (a relay's
        // end users, who sometimes send a harvest-like request from a network of their own, are as common among its
        // networks as among its requests).
        if (_overflowed) return both == 0 && harvest >= 2 && other >= 1 && harvest >= 2 * harvestShare * _n;
        if (both == 0 && harvest >= 1 && other >= 1) return true;
        return quietHome && lateHarvest >= 2 && lateHarvest == harvest + both;
    }
}

/// <summary>
/// The account's three most frequent harvest instruction skeletons (SimHash, counted on the nearest within a Hamming
/// distance, space-saving when a fourth arrives), kept inline in the profile. A mutable struct: use it only as a field.
/// </summary>
public struct SkeletonTop
{
    public const int Capacity = 3;

    [InlineArray(Capacity)]
    private struct Keys { private ulong _e0; }

    [InlineArray(Capacity)]
    private struct Counts { private int _e0; }

    private Keys _keys;
    private Counts _counts;
    private byte _n;

    public const int ApproximateBytes = Capacity * 12 + 1;

    public readonly int Count => _n;
    public readonly ulong KeyAt(int i) => _keys[i];
    public readonly int CountAt(int i) => _counts[i];

    public void AddNear(ulong fingerprint, int maxDistance)
    {
        int best = -1, bestD = maxDistance + 1, min = 0;
        for (int i = 0; i < _n; i++)
        {
            int d = System.Numerics.BitOperations.PopCount(_keys[i] ^ fingerprint);
            if (d < bestD) { bestD = d; best = i; }
            if (_counts[i] < _counts[min]) min = i;
        }
        if (best >= 0) { _counts[best]++; return; }
        if (_n < Capacity) { _keys[_n] = fingerprint; _counts[_n] = 1; _n++; return; }
        _keys[min] = fingerprint;   // space-saving: the newcomer inherits the evicted minimum
        _counts[min]++;
    }
}
