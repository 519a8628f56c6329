using System.Text.Json;
using DistillGuard.Gateway.Seams;
using DistillGuard.Provenance.Watermarking;

namespace DistillGuard.Bench;

/// <summary>
/// The keyed watermark as the gateway's text seam, wired as <c>distillguard serve --watermark-key</c> wires it
/// (ServeHost.PolicyWatermark), and a pass-through transformer that walks the same seam without changing text. Linked
/// into the BenchmarkDotNet project and the gateway bench so both drive the seam the same way.
/// </summary>
internal sealed class BenchWatermarkTransformer(Watermarker w) : IResponseTextTransformer
{
    public string Apply(string text) => w.Apply(text);
    public IResponseTextStream Begin() => new Stream(w.Begin());

    private sealed class Stream(WatermarkStream s) : IResponseTextStream
    {
        public string Push(string delta) => s.Write(delta);
        public string Flush() => s.Flush();
    }
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
