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
    /// <summary>The member the lab's unwatermarked text has at this point (its own choice there; key-independent), when known.</summary>
    [JsonPropertyName("member")] public int? Member { get; init; }
    /// <summary>How likely the lab's own model is to continue the prefix with some member of the set (key-independent), when scored.</summary>
    [JsonPropertyName("propensity")] public double? Propensity { get; init; }
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
    public static List<WatermarkProbe> Build(IEnumerable<string> cleanTexts, int max = 20_000, int perUnit = 1, int prefixChars = 160, WatermarkLexicon? lexicon = null,
        IMemberPredictor? propensity = null)
    {
        lexicon ??= WatermarkLexicon.BuiltIn;
        var probes = new List<WatermarkProbe>();
        var seen = new Dictionary<(int, string), int>();
        foreach (var text in cleanTexts)
        {
            if (probes.Count >= max) break;
            var found = new List<(LexiconSet Set, string Context, int Offset, int Member, string[] Written)>();
            Scan(text, lexicon, (u, offset) => { var sf = u.Surface; found.Add((u.Set, u.Context, offset, u.Member, u.Set.Members.Select(m => sf.Write(m)).ToArray())); });
            foreach (var (set, ctx, offset, member, written) in found)
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
                string prefix = text[start..offset];
                double? any = null;
                if (propensity is not null)
                {
                    var tail = new TokenTail();
                    tail.Feed(prefix);
                    var (b2, b1) = tail.Context();
                    any = propensity.Propensity(b2, b1, written);
                }
                probes.Add(new WatermarkProbe
                {
                    Id = $"wm-{probes.Count + 1:D6}",
                    Prefix = prefix,
                    Propensity = any,
                    MaxTokens = AnswerWords(set),
                    SetId = set.Id,
                    Context = ctx,
                    Member = member,
                });
            }
        }
        return probes;
    }

    /// <summary>Words of continuation a probe asks for: the set's longest member, and one more word where a constraint on
    /// the next word decides whether the member counts.</summary>
    public static int AnswerWords(LexiconSet set) =>
        set.MaxWords + (set.NextWord || set.NextNumber || set.NotNext.Count > 0 || set.NextIn is not null ? 1 : 0);

    /// <summary>Cap of a probe's informativeness in <see cref="Rank"/> (a member the reference almost never sees would otherwise decide alone).</summary>
    public const double InformationCap = 20;

    /// <summary>
    /// The <paramref name="keep"/> share of <paramref name="probes"/> where the mark can show most per suspect token: ranked
    /// by the lab model's propensity to write some member of the set there (<see cref="WatermarkProbe.Propensity"/>; 1 when
    /// not scored) times the unit's informativeness, the mean over the set's members of (1 − r) / r for the reference's
    /// expected shares r there (capped at <see cref="InformationCap"/>): a keyed member that is rare in the lab's own text
    /// moves most when a student adopts it. Uses only unwatermarked text and no key, so the test stays exact.
    /// </summary>
    public static List<WatermarkProbe> Rank(IReadOnlyList<WatermarkProbe> probes, ReferenceModel reference, double keep = 0.5, WatermarkLexicon? lexicon = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(keep);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(keep, 1.0);
        lexicon ??= WatermarkLexicon.BuiltIn;
        var sets = lexicon.Sets.ToDictionary(s => s.Id, StringComparer.Ordinal);
        double Score(WatermarkProbe p)
        {
            if (!sets.TryGetValue(p.SetId, out var set)) return 0;
            var r = reference.Expected(new ScoredUnit(set, p.Context, 0, 0, new int[set.Members.Count]));
            return (p.Propensity ?? 1.0) * Math.Min(r.Average(x => (1 - x) / x), InformationCap);
        }
        int n = (int)Math.Ceiling(keep * probes.Count);
        return probes.Select((p, i) => (p, i, s: Score(p))).OrderByDescending(x => x.s).ThenBy(x => x.i).Take(n).Select(x => x.p).ToList();
    }

    /// <summary>
    /// The units the suspect's continuations show: for each answer, the member it starts with at the probe's unit
    /// (answers that continue otherwise are not counted). Several answers to one probe, or probes of one unit, add up
    /// to one unit (one key draw).
    /// </summary>
    public static SuspectUnits Read(IReadOnlyList<WatermarkProbe> probes, IEnumerable<(string ProbeId, string Text)> answers, WatermarkLexicon? lexicon = null,
        int contextBuckets = WatermarkKey.DefaultContextBuckets, IMemberPredictor? predictor = null)
    {
        var (observed, tokens, n) = Observe(probes, answers, lexicon, predictor);
        return SuspectUnits.FromObservations(observed.Select(o => o.Observation), tokens, n, contextBuckets);
    }

    /// <summary>Each answer's observed member at its probe's unit (answers that continue otherwise are left out), with the
    /// probe it answers; the tokens and the number of answers read.</summary>
    public static (List<(WatermarkProbe Probe, Observation Observation)> Observed, long Tokens, int Answers) Observe(IReadOnlyList<WatermarkProbe> probes,
        IEnumerable<(string ProbeId, string Text)> answers, WatermarkLexicon? lexicon = null, IMemberPredictor? predictor = null)
    {
        lexicon ??= WatermarkLexicon.BuiltIn;
        var byId = probes.ToDictionary(p => p.Id, StringComparer.Ordinal);
        var observed = new List<(WatermarkProbe, Observation)>();
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
                    tail.Feed(joined.AsSpan(0, offset));
                    var (b2, b1) = tail.Context();
                    var s = u.Surface;
                    expected = predictor.Predict(b2, b1, u.Set.Members.Select(m => s.Write(m)).ToList());
                }
                hit = new Observation(u.Set, u.Context, u.Member, expected);
            });
            if (hit is { } h) observed.Add((probe, h));
        }
        return (observed, tokens, n);
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

        protected override void Emit(ReadOnlySpan<char> text) => _offset += text.Length;

        protected override int OnUnit(in UnitOccurrence unit, long wordsBefore)
        {
            found(unit, _offset);
            return unit.Member;
        }
    }
}
