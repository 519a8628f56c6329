using System.Text;

namespace DistillGuard.Gateway.Streaming;

/// <summary>
/// Cuts reasoning to its first sentence (at most <c>maxChars</c>) and appends <see cref="Marker"/>. Streamed, it
/// sends nothing until the cut is known, then the kept prefix, then the marker at <see cref="Finish"/>; what it sends
/// in total equals <see cref="Summarise"/> of the whole text, however the text was split into deltas.
/// </summary>
internal sealed class ReasoningSummariser(int maxChars)
{
    public const string Marker = " [reasoning summarised]";

    private readonly StringBuilder _seen = new();
    private readonly StringBuilder _sent = new();
    private bool _decided, _finished;

    /// <summary>Everything sent so far (the summary once finished).</summary>
    public string Sent => _sent.ToString();

    public string Push(string delta)
    {
        if (_finished || delta.Length == 0) return "";
        if (_decided) { _seen.Append(delta); return ""; }
        _seen.Append(delta);
        int cut = Cut(_seen, maxChars, atEnd: false);
        if (cut < 0) return "";
        _decided = true;
        var kept = Kept(_seen, cut);
        _sent.Append(kept);
        return kept;
    }

    public string Finish()
    {
        if (_finished) return "";
        _finished = true;
        var tail = new StringBuilder();
        if (!_decided)
        {
            if (_seen.Length == 0) return "";
            tail.Append(Kept(_seen, Cut(_seen, maxChars, atEnd: true)));
        }
        tail.Append(Marker);
        _sent.Append(tail);
        return tail.ToString();
    }

    /// <summary>The summary of a whole reasoning text; empty text stays empty.</summary>
    public static string Summarise(string text, int maxChars)
    {
        if (string.IsNullOrEmpty(text)) return text;
        var s = new ReasoningSummariser(maxChars);
        return s.Push(text) + s.Finish();
    }

    /// <summary>Where to cut: after the first sentence end (., !, ? followed by white space, or a line break) or at
    /// <paramref name="max"/> characters, backed up to a space; -1 while that is not yet known.</summary>
    private static int Cut(StringBuilder t, int max, bool atEnd)
    {
        int n = Math.Min(t.Length, max + 1);
        for (int i = 0; i < n && i < max; i++)
        {
            char ch = t[i];
            if (ch == '\n' && i > 0) return i;
            if (ch is '.' or '!' or '?' or '。')
            {
                if (i + 1 < t.Length) { if (char.IsWhiteSpace(t[i + 1])) return i + 1; }
                else if (atEnd) return i + 1;
                else return -1;                            // is it the end of a sentence? the next character tells
            }
        }
        if (t.Length > max)
        {
            int space = -1;
            for (int i = max; i > max / 2; i--) if (char.IsWhiteSpace(t[i])) { space = i; break; }
            return space > 0 ? space : max;
        }
        return atEnd ? t.Length : -1;
    }

    private static string Kept(StringBuilder t, int cut) => t.ToString(0, cut).TrimEnd();
}
