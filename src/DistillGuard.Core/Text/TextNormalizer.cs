namespace DistillGuard.Core.Text;

/// <summary>
/// The one normal form that phrase matching, item hashes and signal definitions share: lower-case (invariant),
/// every run of white space collapsed to one space, typographic quotes and dashes folded to ASCII, trimmed.
/// </summary>
public static class TextNormalizer
{
    /// <summary>Writes the normal form of <paramref name="source"/> into <paramref name="dest"/> (at least as long) and returns its length.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)] // batch reads: optimised code from the first line
    public static int Normalize(ReadOnlySpan<char> source, Span<char> dest)
    {
        int n = 0;
        bool space = true; // drops leading white space
        foreach (char c0 in source)
        {
            char c = c0;
            if (c <= ' ' || char.IsWhiteSpace(c))
            {
                if (!space) { dest[n++] = ' '; space = true; }
                continue;
            }
            space = false;
            if (c < 128)
            {
                if ((uint)(c - 'A') <= 'Z' - 'A') c = (char)(c | 0x20);
            }
            else
            {
                c = c switch
                {
                    '\u2018' or '\u2019' or '\u02BC' or '\u2032' => '\'',
                    '\u201C' or '\u201D' or '\u00AB' or '\u00BB' => '"',
                    '\u2010' or '\u2011' or '\u2012' or '\u2013' or '\u2014' => '-',
                    '\u3000' => ' ',
                    _ => char.ToLowerInvariant(c),
                };
            }
            dest[n++] = c;
        }
        if (n > 0 && dest[n - 1] == ' ') n--;
        return n;
    }

    public static string Normalize(string source)
    {
        var buf = source.Length <= 1024 ? stackalloc char[source.Length] : new char[source.Length];
        int n = Normalize(source, buf);
        return new string(buf[..n]);
    }

    /// <summary>
    /// Whether a character is part of a word for boundary checks: letters and digits of alphabetic scripts, and the
    /// combining marks that belong to their letters (Devanagari vowel signs and virama, Arabic harakat), so a word
    /// of those scripts is not cut at its first vowel sign. (A bounded phrase therefore does not match a word written
    /// with an extra final mark; the Arabic lexicons use open-ended phrases.)
    /// </summary>
    public static bool IsWordChar(char c)
    {
        if (c < 128) return (uint)((c | 0x20) - 'a') <= 'z' - 'a' || (uint)(c - '0') <= 9 || c == '_';
        if (IsCjk(c)) return false; // scripts without spaces: no word boundaries
        return char.IsLetterOrDigit(c)
            || char.GetUnicodeCategory(c) is System.Globalization.UnicodeCategory.NonSpacingMark or System.Globalization.UnicodeCategory.SpacingCombiningMark;
    }

    /// <summary>Han, kana, hangul and CJK punctuation: scripts written without spaces between words.</summary>
    public static bool IsCjk(char c) =>
        (c >= '\u3000' && c <= '\u9FFF') || (c >= '\uAC00' && c <= '\uD7AF') || (c >= '\uF900' && c <= '\uFAFF') || (c >= '\uFF00' && c <= '\uFFEF');
}
