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
        int eq = 0;
        for (int i = 0; i < a.Length; i++) if (a[i] == b[i]) eq++;
        return (double)eq / a.Length;
    }
}
