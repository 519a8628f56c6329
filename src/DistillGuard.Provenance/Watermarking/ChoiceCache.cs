using System.Collections.Concurrent;
using DistillGuard.Provenance.Lexicons;

namespace DistillGuard.Provenance.Watermarking;

/// <summary>
/// The keyed member per (set, unit context) of one key, remembered: the choice is a pure function of the key, the set and
/// the context, and the same few thousand (set, previous word) pairs recur in every response, so the HMAC (the largest
/// cost of the transform) is computed once per pair. Thread-safe; bounded — past <see cref="Capacity"/> pairs it
/// computes without remembering.
/// </summary>
internal sealed class ChoiceCache(WatermarkKey key, int capacity = ChoiceCache.DefaultCapacity)
{
    public const int DefaultCapacity = 1 << 17;
    private readonly ConcurrentDictionary<(string Set, int Size, string Context), int> _choices = new();

    private int _count;

    public int Capacity { get; } = capacity;
    /// <summary>Pairs remembered (a counter: <c>ConcurrentDictionary.Count</c> takes every lock).</summary>
    public int Count => Volatile.Read(ref _count);

    public int Choose(LexiconSet set, string context)
    {
        var k = (set.Id, set.Members.Count, context);
        if (_choices.TryGetValue(k, out int m)) return m;
        m = key.Choose(set, context);
        if (Volatile.Read(ref _count) < Capacity && _choices.TryAdd(k, m)) Interlocked.Increment(ref _count);
        return m;
    }
}
