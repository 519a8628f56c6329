namespace DistillGuard.Core.Signals;

/// <summary>
/// The numbers of a text, read without its words: each numeric token (digits with thousands commas, a decimal part, a
/// fraction, a sign) as a hash of its digits, so that "1,234", "$1,234" and "1234" are one number. The <c>answer-echo</c>
/// signal compares the numbers of a response with those of the request it answers: a response that works toward new
/// numbers and ends on a number the request already stated was asked to reach a result it was given — reasoning
/// written up for a known answer ("reasoning trace coercion" in the public record), however the request words it.
/// </summary>
public static class AnswerEcho
{
    /// <summary>Distinct numbers a response keeps (enough to count two new ones; the rest are not needed).</summary>
    public const int ResponseCapacity = 16;
    /// <summary>Distinct numbers a request keeps (a problem states a handful; a long prompt's rest are not read).</summary>
    public const int RequestCapacity = 64;
    /// <summary>New numbers a response must work out before its last one: a derivation, not a restatement or a copy.</summary>
    public const int MinDerived = 2;

    /// <summary>Reads the numeric tokens of <paramref name="text"/> (UTF-8; raw JSON string bytes too: an escape
    /// separates) into <paramref name="seen"/> (distinct, at most its length; <paramref name="count"/> in and out),
    /// and sets <paramref name="last"/> to the last token's hash (0 when the last has fewer than two digits: "step 1",
    /// a list number, a single digit says nothing).</summary>
    public static void Scan(ReadOnlySpan<byte> text, Span<ulong> seen, ref int count, ref ulong last)
    {
        int i = 0;
        bool sep = true;   // whether the previous character ends a word (a number may start here)
        while (i < text.Length)
        {
            byte b = text[i];
            if (b != (byte)'\\' && !IsDigit(b))
            {
                // prose: jump to the next digit or escape (vectorised); whether a number may start there is read from the
                // character before it, which no escape covers (the search stops at every backslash)
                int k = text[i..].IndexOfAny(DigitsOrEscape);
                if (k < 0) return;
                i += k;
                b = text[i];
                sep = Separates(text[i - 1]);
            }
            if (b == (byte)'\\') { i += 2; sep = true; continue; }
            if (!sep)
            {
                // a digit glued to a word ("v2", "x86"): not the start of a number
                i++;
                continue;
            }
            i = ReadNumber(text, i, seen, ref count, ref last);
            sep = false;
        }
    }

    /// <summary>Reads the numeric token that starts at <paramref name="i"/> (a digit where a number may start) into
    /// <paramref name="seen"/> and <paramref name="last"/> as <see cref="Scan"/> describes, and returns the index after
    /// it (after the whole word when the digits are glued to one: an identifier, not a number).</summary>
    internal static int ReadNumber(ReadOnlySpan<byte> text, int i, Span<ulong> seen, ref int count, ref ulong last)
    {
        bool negative = i > 0 && text[i - 1] == (byte)'-' && (i == 1 || !IsDigit(text[i - 2]));
        ulong h = 14695981039346656037UL;
        if (negative) h = (h ^ '-') * 1099511628211UL;
        int digits = 0;
        bool point = false, slash = false;
        while (i < text.Length)
        {
            byte b = text[i];
            if (IsDigit(b)) { h = (h ^ b) * 1099511628211UL; digits++; i++; }
            else if (b == (byte)',' && i + 1 < text.Length && IsDigit(text[i + 1]) && !point && !slash) i++;
            else if ((b == (byte)'.' && !point && !slash || b == (byte)'/' && !slash) && i + 1 < text.Length && IsDigit(text[i + 1]))
            {
                if (b == (byte)'.') point = true; else slash = true;
                h = (h ^ b) * 1099511628211UL;
                i++;
            }
            else break;
        }
        // a trailing ".0"s-free form is not attempted: "18" and "18.00" stay two numbers
        if (i < text.Length && IsLetter(text[i]) && text[i] is not ((byte)'k' or (byte)'m' or (byte)'g' or (byte)'s' or (byte)'h' or (byte)'x'))
        {
            // a digit run glued to a word ("3rd", "v2beta") is an identifier, not a number
            while (i < text.Length && (IsLetter(text[i]) || IsDigit(text[i]))) i++;
            return i;
        }
        if (digits < 2) { last = 0; return i; }
        if (h == 0) h = 1;
        last = h;
        bool known = false;
        for (int k = 0; k < count; k++) if (seen[k] == h) { known = true; break; }
        if (!known && count < seen.Length) seen[count++] = h;
        return i;
    }

    /// <summary>Whether a response (its numbers <paramref name="response"/>, its last <paramref name="last"/>) echoes the
    /// request's (<paramref name="request"/>): it ends on a number the request states, after at least
    /// <see cref="MinDerived"/> numbers the request does not.</summary>
    public static bool Echoes(ReadOnlySpan<ulong> response, ulong last, ReadOnlySpan<ulong> request)
    {
        if (last == 0 || request.IndexOf(last) < 0) return false;
        int derived = 0;
        foreach (var h in response)
            if (request.IndexOf(h) < 0 && ++derived >= MinDerived) return true;
        return false;
    }

    private static readonly System.Buffers.SearchValues<byte> DigitsOrEscape = System.Buffers.SearchValues.Create("0123456789\\"u8);

    private static bool Separates(byte b) => !(IsDigit(b) || IsLetter(b) || b == (byte)'_' || b == (byte)'.' || b >= 0x80);

    private static bool IsDigit(byte b) => (uint)(b - '0') <= 9;
    private static bool IsLetter(byte b) => (uint)((b | 0x20) - 'a') <= 'z' - 'a';
}
