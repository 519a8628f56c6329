namespace DistillGuard.Provenance.Detection;

/// <summary>Counts tokens the way the figures in docs/provenance.md do: each run of letters or digits is one token and
/// each other non-space character is one (close to a BPE tokenizer's count for English prose).</summary>
public static class TokenCounter
{
    public static long Count(ReadOnlySpan<char> text)
    {
        long n = 0;
        bool inWord = false;
        foreach (char c in text)
        {
            if (char.IsLetterOrDigit(c)) { if (!inWord) { n++; inWord = true; } }
            else
            {
                inWord = false;
                if (!char.IsWhiteSpace(c) && c is not ('\'' or '\u2019')) n++;
            }
        }
        return n;
    }
}
