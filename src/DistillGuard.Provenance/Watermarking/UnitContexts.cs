namespace DistillGuard.Provenance.Watermarking;

/// <summary>Maps a previous word to the context a keyed choice depends on: the word itself, or one of B buckets
/// (FNV-1a of the word modulo B; public and key-independent).</summary>
public static class UnitContexts
{
    public static string Map(string previousWord, int buckets)
    {
        if (buckets <= 0) return previousWord;
        uint h = 2166136261;
        foreach (char c in previousWord) { h ^= c; h *= 16777619; }
        return "b" + (h % (uint)buckets).ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
