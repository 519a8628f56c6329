using System.Text.Json;
using System.Text.Json.Serialization;
using DistillGuard.Provenance.Lexicons;
using DistillGuard.Provenance.Text;
using DistillGuard.Provenance.Watermarking;

namespace DistillGuard.Provenance.Detection;

/// <summary>
/// A prefix probe: text the lab's own model wrote without the watermark, cut just before a lexicon occurrence. The
/// suspect model is asked to continue it by a few tokens; which member it writes there is one draw at that unit.
/// Probes are built from unwatermarked text and chosen without the key, so the test stays exact; they spend the
/// suspect's tokens only where the watermark can show.
/// </summary>
public sealed record WatermarkProbe
{
    [JsonPropertyName("probe_id")] public required string Id { get; init; }
    [JsonPropertyName("kind")] public string Kind { get; init; } = "watermark-prefix";
    /// <summary>The text to continue.</summary>
    [JsonPropertyName("prefix")] public required string Prefix { get; init; }
    /// <summary>How many tokens of continuation to ask for (the longest member of the set).</summary>
    [JsonPropertyName("max_tokens")] public required int MaxTokens { get; init; }
    [JsonPropertyName("set")] public required string SetId { get; init; }
    [JsonPropertyName("context")] public required string Context { get; init; }
}

/// <summary>Builds prefix probes and reads the suspect's continuations into scored units.</summary>
public static class WatermarkProbes
{
    private static readonly JsonSerializerOptions Json = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>
    /// Up to <paramref name="perUnit"/> probes for each (set, previous word) unit found in <paramref name="cleanTexts"/>
    /// (unwatermarked outputs of the lab's model), each with up to <paramref name="prefixChars"/> characters of preceding
    /// text cut at a space; in the order found, at most <paramref name="max"/>.
    /// </summary>
    public static List<WatermarkProbe> Build(IEnumerable<string> cleanTexts, int max = 20_000, int perUnit = 1, int prefixChars = 160, WatermarkLexicon? lexicon = null)
    {
        lexicon ??= WatermarkLexicon.BuiltIn;
        var probes = new List<WatermarkProbe>();
        var seen = new Dictionary<(int, string), int>();
        foreach (var text in cleanTexts)
        {
            if (probes.Count >= max) break;
            var found = new List<(LexiconSet Set, string Context, int Offset)>();
            Scan(text, lexicon, (u, offset) => found.Add((u.Set, u.Context, offset)));
            foreach (var (set, ctx, offset) in found)
            {
                if (probes.Count >= max) break;
                if (offset == 0 || ctx is "^") continue;
                int n = seen.GetValueOrDefault((set.Index, ctx));
                if (n >= perUnit) continue;
                int start = Math.Max(0, offset - prefixChars);
                if (start > 0)
                {
                    int sp = text.IndexOfAny([' ', '\n'], start);
                    if (sp < 0 || sp >= offset) continue;
                    start = sp + 1;
                }
                seen[(set.Index, ctx)] = n + 1;
                probes.Add(new WatermarkProbe
                {
                    Id = $"wm-{probes.Count + 1:D6}",
                    Prefix = text[start..offset],
                    MaxTokens = set.MaxWords + 1,
                    SetId = set.Id,
                    Context = ctx,
                });
            }
        }
        return probes;
    }

    /// <summary>
    /// The units the suspect's continuations show: for each answer, the member it starts with at the probe's unit
    /// (answers that continue otherwise are not counted). Several answers to one probe, or probes of one unit, add up
    /// to one unit (one key draw).
    /// </summary>
    public static SuspectUnits Read(IReadOnlyList<WatermarkProbe> probes, IEnumerable<(string ProbeId, string Text)> answers, WatermarkLexicon? lexicon = null,
        int contextBuckets = WatermarkKey.DefaultContextBuckets, IMemberPredictor? predictor = null)
    {
        lexicon ??= WatermarkLexicon.BuiltIn;
        var byId = probes.ToDictionary(p => p.Id, StringComparer.Ordinal);
        var observed = new List<Observation>();
        long tokens = 0;
        int n = 0;
        foreach (var (id, text) in answers)
        {
            if (!byId.TryGetValue(id, out var probe)) continue;
            n++;
            tokens += TokenCounter.Count(text);
            string prefix = probe.Prefix;
            string joined = prefix.Length > 0 && !char.IsWhiteSpace(prefix[^1]) && text.Length > 0 && !char.IsWhiteSpace(text[0]) ? prefix + " " + text : prefix + text;
            int at = prefix.TrimEnd().Length;
            Observation? hit = null;
            Scan(joined, lexicon, (u, offset) =>
            {
                if (hit is not null || offset < at || u.Set.Id != probe.SetId || u.Context != probe.Context) return;
                double[]? expected = null;
                if (predictor is not null)
                {
                    var tail = new TokenTail();
                    tail.Feed(joined[..offset]);
                    var (b2, b1) = tail.Context();
                    var s = u.Surface;
                    expected = predictor.Predict(b2, b1, u.Set.Members.Select(m => s.Write(m)).ToList());
                }
                hit = new Observation(u.Set, u.Context, u.Member, expected);
            });
            if (hit is { } h) observed.Add(h);
        }
        return SuspectUnits.FromObservations(observed, tokens, n, contextBuckets);
    }

    public static void Write(string path, IEnumerable<WatermarkProbe> probes)
    {
        using var w = new StreamWriter(path);
        foreach (var p in probes) w.WriteLine(JsonSerializer.Serialize(p, Json));
    }

    public static List<WatermarkProbe> Load(string path)
    {
        var list = new List<WatermarkProbe>();
        int line = 0;
        foreach (var l in File.ReadLines(path))
        {
            line++;
            if (string.IsNullOrWhiteSpace(l)) continue;
            using var doc = JsonDocument.Parse(l);
            if (doc.RootElement.TryGetProperty("kind", out var k) && k.GetString() != "watermark-prefix") continue;
            list.Add(JsonSerializer.Deserialize<WatermarkProbe>(l, Json) ?? throw new InvalidDataException($"{path}:{line}: not a probe"));
        }
        return list;
    }

    private static void Scan(string text, WatermarkLexicon lexicon, Action<UnitOccurrence, int> found)
    {
        var m = new OffsetMatcher(lexicon, found);
        var scanner = new TextScanner(m.Input);
        scanner.Feed(text);
        scanner.Flush();
        m.Process(final: true);
    }

    private sealed class OffsetMatcher(WatermarkLexicon lexicon, Action<UnitOccurrence, int> found) : PhraseMatcher(lexicon)
    {
        private int _offset;

        protected override void Emit(string text) => _offset += text.Length;

        protected override int OnUnit(in UnitOccurrence unit, long wordsBefore)
        {
            found(unit, _offset);
            return unit.Member;
        }
    }
}
