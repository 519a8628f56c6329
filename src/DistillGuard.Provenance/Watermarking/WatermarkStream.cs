using System.Text;
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
    private readonly List<Piece> _pieces;
    private readonly TextScanner _scanner;
    private readonly WatermarkingMatcher _matcher;
    private readonly StringBuilder _out = new();
    private bool _done;

    internal WatermarkStream(WatermarkKey key, ChoiceCache choices, WatermarkOptions options)
    {
        _matcher = new WatermarkingMatcher(key, choices, options, _out);
        _pieces = _matcher.Input;
        _scanner = new TextScanner(_pieces);
    }

    /// <summary>Feeds a piece of the response; returns the transformed text that can be sent now (possibly empty).</summary>
    public string Write(ReadOnlySpan<char> delta)
    {
        ObjectDisposedException.ThrowIf(_done, this);
        _scanner.Feed(delta);
        _matcher.Process(final: false);
        return Take();
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
        var s = _out.ToString();
        _out.Clear();
        return s;
    }
}
