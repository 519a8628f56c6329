namespace DistillGuard.Provenance.Watermarking;

/// <summary>
/// The keyed output watermark: a meaning-preserving rewrite of response text. Wherever a member of a lexicon set occurs
/// in plain text (never in code, quotes, JSON, tags, tool calls, URLs or numbers), it writes the member that the key
/// chooses for that set and the previous word. Thread-safe and allocation-light; one instance per key.
/// <code>
/// var wm = new Watermarker(WatermarkKey.Load("lab.key"), WatermarkOptions.Default);
/// string marked = wm.Apply(text);                          // whole response
/// var s = wm.Begin(); send(s.Write(delta)); …; send(s.Flush());   // streamed response
/// </code>
/// </summary>
public sealed class Watermarker
{
    public Watermarker(WatermarkKey key, WatermarkOptions? options = null)
    {
        Key = key;
        Options = options ?? WatermarkOptions.Default;
        var errors = Options.Validate();
        if (errors.Count > 0) throw new ArgumentException(string.Join("; ", errors), nameof(options));
        _choices = new ChoiceCache(key);
    }

    private readonly ChoiceCache _choices;

    public WatermarkKey Key { get; }
    public WatermarkOptions Options { get; }

    /// <summary>Starts a streamed response.</summary>
    public WatermarkStream Begin() => new(Key, _choices, Options);

    /// <summary>The watermarked text of a whole response.</summary>
    public string Apply(string text) => Apply(text, out _);

    /// <summary>The watermarked text of a whole response, and what was changed.</summary>
    public string Apply(string text, out WatermarkStats stats)
    {
        // Nothing is sent early here (the whole text is returned at once); the streams' early sending is tested against this.
        var s = new WatermarkStream(Key, _choices, Options, sendEarly: false);
        if (text.Length <= Slice)
        {
            string a = s.Write(text);
            string b = s.Flush();
            stats = s.Stats;
            return b.Length == 0 ? a : a + b;
        }
        // Fed in slices, so that the matcher's queue stays short (the output is the same for any split: WatermarkStream).
        var sb = new System.Text.StringBuilder(text.Length + 64);
        for (int i = 0; i < text.Length; i += Slice) sb.Append(s.Write(text.AsSpan(i, Math.Min(Slice, text.Length - i))));
        sb.Append(s.Flush());
        stats = s.Stats;
        return sb.ToString();
    }

    private const int Slice = 1024;
}
