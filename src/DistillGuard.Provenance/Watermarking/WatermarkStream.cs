using System.Text;
using DistillGuard.Provenance.Lexicons;
using DistillGuard.Provenance.Text;

namespace DistillGuard.Provenance.Watermarking;

/// <summary>
/// The watermark applied incrementally, for streamed responses (e.g. SSE text deltas): <see cref="Write"/> each delta
/// and send what it returns; <see cref="Flush"/> at the end of the response and send that too. The concatenated output
/// equals <see cref="Watermarker.Apply(string)"/> of the concatenated input, however the input was split. Held back at
/// any time: at most an incomplete word or phrase and the word after it, on one line (bounded by
/// <see cref="TextScanner.MaxChunk"/> characters a chunk); code, quotes and other protected text pass without delay.
/// Not thread-safe: one stream per response.
/// </summary>
public sealed class WatermarkStream
{
    private readonly PieceQueue _pieces;
    private readonly TextScanner _scanner;
    private readonly WatermarkingMatcher _matcher;
    private readonly StringBuilder _out = new();
    private readonly WatermarkLexicon _lexicon;
    private readonly bool _sendEarly;
    private bool _done;

    internal WatermarkStream(WatermarkKey key, ChoiceCache choices, WatermarkOptions options, bool sendEarly = true)
    {
        _matcher = new WatermarkingMatcher(key, choices, options, _out);
        _pieces = _matcher.Input;
        _scanner = new TextScanner(_pieces);
        _lexicon = options.Lexicon;
        _sendEarly = sendEarly;
    }

    /// <summary>Feeds a piece of the response; returns the transformed text that can be sent now (possibly empty).</summary>
    public string Write(ReadOnlySpan<char> delta)
    {
        Step(delta);
        return Take();
    }

    /// <summary>As <see cref="Write(ReadOnlySpan{char})"/>; returns <paramref name="delta"/> itself when what can be sent
    /// now is exactly it (the common case: most words of a response are not lexicon words and pass as they come).</summary>
    public string Write(string delta)
    {
        Step(delta);
        if (_out.Length == delta.Length && _out.Equals(delta.AsSpan()))
        {
            _out.Clear();
            return delta;
        }
        return Take();
    }

    private void Step(ReadOnlySpan<char> delta)
    {
        ObjectDisposedException.ThrowIf(_done, this);
        _scanner.Feed(delta);
        _matcher.Process(final: false);
        // With nothing pending before it, the unfinished word or space goes out now when nothing that follows can
        // change it (not the start of a lexicon word): the output is the same, it only leaves sooner.
        if (_sendEarly && _matcher.Idle) _scanner.SendSettled(_out, _lexicon);
    }

    /// <summary>Ends the response; returns the text still held back.</summary>
    public string Flush()
    {
        ObjectDisposedException.ThrowIf(_done, this);
        _scanner.Flush();
        _matcher.Process(final: true);
        _done = true;
        return Take();
    }

    public WatermarkStats Stats => _matcher.Stats;

    private string Take()
    {
        int n = _out.Length;
        if (n == 0) return "";
        if (n > ShortString)
        {
            var s = _out.ToString();
            _out.Clear();
            return s;
        }
        // A streamed answer's deltas are a token or two, and the same short texts recur ("the ", "ing ", " and"): what
        // is sent is taken from a small per-thread table of the latest short strings when it is there, instead of a new
        // string per delta (one per event of the stream otherwise). Strings are immutable, so sharing one changes nothing.
        Span<char> chars = stackalloc char[ShortString];
        _out.CopyTo(0, chars, n);
        _out.Clear();
        var text = chars[..n];
        uint h = 2166136261;
        foreach (char c in text) h = (h ^ c) * 16777619;
        var table = t_recent ??= new string?[RecentSize];
        ref var slot = ref table[(int)(h & (RecentSize - 1))];
        if (slot is { } hit && hit.AsSpan().SequenceEqual(text)) return hit;
        return slot = new string(text);
    }

    private const int ShortString = 16, RecentSize = 1024;
    [ThreadStatic] private static string?[]? t_recent;
}
