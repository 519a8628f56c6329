using System.Numerics;
using System.Runtime.InteropServices;

namespace DistillGuard.Core.Fingerprints;

/// <summary>
/// A small, stable 64-bit hash (FNV-1a over 8-byte words with a murmur finaliser). Stable across processes and
/// machines, so hashes can be stored and shared; not cryptographic.
/// </summary>
public static class Hash64
{
    private const ulong Offset = 14695981039346656037UL;
    private const ulong Prime = 1099511628211UL;

    public static ulong Of(ReadOnlySpan<byte> data) => Finish(Append(Offset, data), data.Length);

    public static ulong Of(ReadOnlySpan<char> text) => Of(MemoryMarshal.AsBytes(text));

    public static ulong Of(string text) => Of(text.AsSpan());

    /// <summary>Starts an incremental hash; feed with <see cref="Append"/>, end with <see cref="Finish"/>.</summary>
    public static ulong Start => Offset;

    public static ulong Append(ulong h, ReadOnlySpan<byte> data)
    {
        int i = 0;
        for (; i + 8 <= data.Length; i += 8)
        {
            h ^= MemoryMarshal.Read<ulong>(data.Slice(i));
            h *= Prime;
            h = BitOperations.RotateLeft(h, 29);
        }
        for (; i < data.Length; i++)
        {
            h ^= data[i];
            h *= Prime;
        }
        return h;
    }

    public static ulong Finish(ulong h, long length)
    {
        h ^= (ulong)length;
        h ^= h >> 33;
        h *= 0xff51afd7ed558ccdUL;
        h ^= h >> 33;
        h *= 0xc4ceb9fe1a85ec53UL;
        h ^= h >> 33;
        return h == 0 ? 1 : h; // 0 means "none" in ExchangeFeatures
    }

    /// <summary>Combines an unordered set of hashes (e.g. tool names) into one, independent of order.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)] // per-line hot path: optimised from the first call, no tier-0 or instrumented code
    public static ulong OfSet(ReadOnlySpan<ulong> items)
    {
        if (items.IsEmpty) return 0;
        Span<ulong> sorted = items.Length <= 64 ? stackalloc ulong[items.Length] : new ulong[items.Length];
        items.CopyTo(sorted);
        sorted.Sort();
        ulong h = Offset;
        ulong prev = 0;
        bool first = true;
        foreach (var x in sorted)
        {
            if (!first && x == prev) continue; // a set: duplicates count once
            h = Append(h, MemoryMarshal.AsBytes(new ReadOnlySpan<ulong>(in x)));
            prev = x; first = false;
        }
        return Finish(h, sorted.Length);
    }
}
