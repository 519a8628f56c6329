namespace DistillGuard.Core.Fingerprints;

/// <summary>
/// The output schema an instruction asks for: the field names of the first JSON object shape written into the text
/// (<c>{"clause_type": string, "obligations": [{"party": string}]}</c>) — every quoted name followed by a colon inside
/// one balanced pair of braces, nested objects included — hashed as a set, so neither the wording around the shape nor
/// the order of its fields changes it. A harvest that rewords its instructions per account still asks every account for
/// the one record shape its training set needs (the public record: "variants of one skeleton"). Fewer than
/// <see cref="MinFields"/> distinct names is no schema: <c>{"a": 1}</c> in a coding question is an example, not a shape.
/// </summary>
public static class OutputSchema
{
    /// <summary>Fewest distinct field names for a shape to be a schema.</summary>
    public const int MinFields = 3;

    /// <summary>Most field names read from one shape (a longer one is still a schema, hashed by its first names).</summary>
    internal const int MaxFields = 64;

    /// <summary>Longest field name read; a longer quoted string is text, not a name.</summary>
    internal const int MaxNameLength = 64;

    /// <summary>The order-independent hash of the field names of the first schema in <paramref name="text"/>; 0 when none.</summary>
    public static ulong Hash(ReadOnlySpan<char> text)
    {
        Span<ulong> names = stackalloc ulong[MaxFields];
        int start = 0;
        while (start < text.Length)
        {
            int open = text[start..].IndexOf('{');
            if (open < 0) return 0;
            open += start;
            int count = 0, end = ReadShape(text, open, names, ref count);
            if (end < 0) return 0;   // braces left open: no shape, and none after it
            ulong hash = OfNames(names[..count]);
            if (hash != 0) return hash;
            start = end;
        }
        return 0;
    }

    /// <summary>The set hash of field-name hashes (each <c>Hash64.Of</c> of the name's characters), or 0 when fewer than
    /// <see cref="MinFields"/> are distinct. Sorts <paramref name="names"/> in place.</summary>
    public static ulong OfNames(Span<ulong> names)
    {
        if (names.Length < MinFields) return 0;
        names.Sort();
        int n = 1;
        for (int i = 1; i < names.Length; i++) if (names[i] != names[n - 1]) names[n++] = names[i];
        return n >= MinFields ? Hash64.OfSet(names[..n]) : 0;
    }

    /// <summary>Reads the brace block opening at <paramref name="open"/>: the hashes of the quoted names followed by a colon
    /// into <paramref name="names"/>; returns the position after its closing brace, or -1 when the text ends first.</summary>
    private static int ReadShape(ReadOnlySpan<char> text, int open, Span<ulong> names, ref int count)
    {
        int depth = 0, i = open;
        while (i < text.Length)
        {
            char c = text[i];
            if (c == '{') depth++;
            else if (c == '}') { if (--depth == 0) return i + 1; }
            else if (c == '"')
            {
                int close = text[(i + 1)..].IndexOf('"');
                if (close < 0) return -1;
                var name = text.Slice(i + 1, close);
                i += close + 2;
                int j = i;
                while (j < text.Length && (text[j] == ' ' || text[j] == '\t')) j++;
                if (j < text.Length && text[j] == ':' && name.Length > 0 && name.Length <= MaxNameLength && count < names.Length
                    && !name.ContainsAny(' ', '\n'))
                    names[count++] = Hash64.Of(name);
                continue;
            }
            i++;
        }
        return -1;
    }
}
