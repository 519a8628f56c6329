namespace DistillGuard.Core.Profiles;

/// <summary>Small, fast, deterministic integer hashes (SplitMix64 finaliser).</summary>
public static class Hashing
{
    public static ulong Mix(ulong x)
    {
        x += 0x9E3779B97F4A7C15UL;
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
        return x ^ (x >> 31);
    }

    public static ulong Combine(ulong a, ulong b) => Mix(a ^ (b * 0x9E3779B97F4A7C15UL + 0x632BE59BD9B4E019UL));

    /// <summary>Stable 64-bit FNV-1a of a string (for hashing ids deterministically across runs).</summary>
    public static ulong Of(ReadOnlySpan<char> s)
    {
        ulong h = 14695981039346656037UL;
        foreach (var c in s) { h ^= c; h *= 1099511628211UL; }
        return Mix(h);
    }
}
