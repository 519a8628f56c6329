using System.Text.Json;
using DistillGuard.Gateway.Seams;
using DistillGuard.Provenance.Watermarking;

namespace DistillGuard.Bench;

/// <summary>
/// The keyed watermark through the gateway's own seam (<c>WatermarkTransform</c>, as <c>distillguard serve
/// --watermark-key</c> wires it), and a pass-through transformer that walks the same seam without changing text. Linked
/// into the BenchmarkDotNet project and the gateway bench so both drive the seam the same way.
/// </summary>
internal static class BenchWatermark
{
    private static readonly ResponseTextContext Context = new()
    {
        Account = "bench", Verdict = new VerdictLookup(true, "clear", 0, null), Api = "openai.chat.completions", Watermark = true, ExchangeId = "bench",
    };

    /// <summary>The watermark's transformer for one exchange (no journal).</summary>
    public static IResponseTextTransformer Transformer(Watermarker w) => new DistillGuard.Gateway.Watermarking.WatermarkTransform(w, "bench").For(Context)!;
}

/// <summary>The seam with no transform: every delta passes as it came.</summary>
internal sealed class BenchIdentityTransformer : IResponseTextTransformer, IResponseTextStream
{
    public string Apply(string text) => text;
    public IResponseTextStream Begin() => this;
    public string Push(string delta) => delta;
    public string Flush() => "";
}

internal static class BenchTexts
{
    /// <summary>Every string of at least 20 characters in a JSON value, depth first (texts for the dump tools).</summary>
    public static IEnumerable<string> Strings(JsonElement e)
    {
        switch (e.ValueKind)
        {
            case JsonValueKind.String when e.GetString() is { Length: >= 20 } s: yield return s; break;
            case JsonValueKind.Object: foreach (var p in e.EnumerateObject()) foreach (var s in Strings(p.Value)) yield return s; break;
            case JsonValueKind.Array: foreach (var x in e.EnumerateArray()) foreach (var s in Strings(x)) yield return s; break;
        }
    }
}
