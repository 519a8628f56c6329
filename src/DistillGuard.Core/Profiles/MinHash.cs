using System.Runtime.Intrinsics;

namespace DistillGuard.Core.Profiles;

/// <summary>MinHash helpers over fixed-size uint signatures (double hashing to derive k hash functions from two).</summary>
public static class MinHash
{
    public static void Init(Span<uint> sig) => sig.Fill(uint.MaxValue);

    public static void Add(Span<uint> sig, ulong element)
    {
        ulong h0 = Hashing.Mix(element);
        ulong h1 = Hashing.Mix(element ^ 0xD6E8FEB86659FD93UL) | 1;
        for (int i = 0; i < sig.Length; i++)
        {
            uint h = (uint)((h0 + (ulong)i * h1) >> 32);
            if (h < sig[i]) sig[i] = h;
        }
    }

    /// <summary>Estimated Jaccard similarity of the two sets; 0 when either is empty.</summary>
    public static double Jaccard(ReadOnlySpan<uint> a, ReadOnlySpan<uint> b)
    {
        if (a.Length == 0 || a[0] == uint.MaxValue || b[0] == uint.MaxValue) return 0;
        // an exact count of equal positions, so the vector width does not change the result
        int eq = 0, i = 0;
        if (Vector256.IsHardwareAccelerated && b.Length >= a.Length)
            for (; i + 8 <= a.Length; i += 8)
                eq += System.Numerics.BitOperations.PopCount(Vector256.Equals(
                    Vector256.Create(a.Slice(i, 8)), Vector256.Create(b.Slice(i, 8))).ExtractMostSignificantBits());
        for (; i < a.Length; i++) if (a[i] == b[i]) eq++;
        return (double)eq / a.Length;
    }
}
