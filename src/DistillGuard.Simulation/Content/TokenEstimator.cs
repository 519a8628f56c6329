namespace DistillGuard.Simulation.Content;

/// <summary>Cheap token estimate used for usage figures.</summary>
internal static class TokenEstimator
{
    public static int Estimate(ReadOnlySpan<char> s)
    {
        // Fast (vectorised) path: no character outside Latin/Greek/Cyrillic/Arabic/Hebrew ranges.
        if (s.IndexOfAnyExceptInRange('\0', '\u07FF') < 0) return (s.Length + 3) / 4;
        int latin = 0, wide = 0;
        foreach (char c in s)
        {
            if (c < 0x0800) latin++; else wide++;
        }
        return (latin + 3) / 4 + wide;
    }
}
