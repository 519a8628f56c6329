using DistillGuard.Provenance.Lexicons;
using DistillGuard.Provenance.Text;
using DistillGuard.Provenance.Watermarking;

namespace DistillGuard.Provenance.Detection;

/// <summary>One scored unit of suspect text: a lexicon set after one previous word (or bucket of words), the member the
/// text uses there (the most frequent one where it varies; on a tie the one seen first) and how often each member occurs
/// there. Each unit counts once however often it repeats, so a repeated phrase adds one trial, not many.
/// <see cref="Expected"/> and <see cref="Variance"/>, when a predictor was given, sum each occurrence's expected member
/// probabilities and their Bernoulli variances.</summary>
public readonly record struct ScoredUnit(LexiconSet Set, string Context, int Member, int Occurrences, int[] Counts, double[]? Expected = null, double[]? Variance = null);

/// <summary>One observed choice (e.g. a probe continuation), with the predictor's expectation for it when known.</summary>
public readonly record struct Observation(LexiconSet Set, string Context, int Member, double[]? Expected = null);

/// <summary>
/// The key-independent summary of suspect text that the provenance test scores: its units, deduplicated. Collect once,
/// score under any number of keys (of the same context granularity).
/// </summary>
public sealed class SuspectUnits
{
    private SuspectUnits(IReadOnlyList<ScoredUnit> units, long tokens, long words, long occurrences, int texts, int buckets)
    {
        ContextBuckets = buckets;
        Units = units;
        Tokens = tokens;
        Words = words;
        Occurrences = occurrences;
        Texts = texts;
    }

    public IReadOnlyList<ScoredUnit> Units { get; }
    /// <summary>Tokens of the suspect text: runs of letters or digits and single punctuation marks (about one BPE token each).</summary>
    public long Tokens { get; }
    /// <summary>Plain-text words (runs of non-space characters outside protected spans).</summary>
    public long Words { get; }
    /// <summary>Lexicon occurrences before deduplication.</summary>
    public long Occurrences { get; }
    public int Texts { get; }
    /// <summary>The context granularity the units were collected at; only keys with the same can score them.</summary>
    public int ContextBuckets { get; }

    public static SuspectUnits Collect(IEnumerable<string> texts, WatermarkLexicon? lexicon = null, int contextBuckets = WatermarkKey.DefaultContextBuckets, IMemberPredictor? predictor = null)
    {
        lexicon ??= WatermarkLexicon.BuiltIn;
        var acc = new Accumulator(contextBuckets);
        long tokens = 0, words = 0;
        int n = 0;
        foreach (var text in texts)
        {
            n++;
            tokens += TokenCounter.Count(text);
            var m = new CollectingMatcher(lexicon, predictor, (set, member, ctx, expected) => acc.Add(set, ctx, member, expected));
            var scanner = new TextScanner(m.Input);
            scanner.Feed(text);
            scanner.Flush();
            m.Process(final: true);
            words += m.Words;
        }
        return new SuspectUnits(acc.Units(), tokens, words, acc.Count, n, contextBuckets);
    }

    /// <summary>Units from single observed choices (e.g. continuations of prefix probes).</summary>
    public static SuspectUnits FromObservations(IEnumerable<Observation> observed, long tokens, int texts, int contextBuckets = WatermarkKey.DefaultContextBuckets)
    {
        var acc = new Accumulator(contextBuckets);
        foreach (var o in observed) acc.Add(o.Set, o.Context, o.Member, o.Expected);
        return new SuspectUnits(acc.Units(), tokens, 0, acc.Count, texts, contextBuckets);
    }

    private sealed class Accumulator(int buckets)
    {
        private readonly Dictionary<(int, string), Acc> _map = [];
        private long _order;

        public long Count { get; private set; }

        public void Add(LexiconSet set, string rawContext, int member, double[]? expected)
        {
            string ctx = UnitContexts.Map(rawContext, buckets);
            Count++;
            if (!_map.TryGetValue((set.Index, ctx), out var a)) _map[(set.Index, ctx)] = a = new Acc(set, ctx, _map.Count);
            a.Counts[member]++;
            if (a.First[member] < 0) a.First[member] = _order;
            _order++;
            if (expected is not null)
            {
                a.Expected ??= new double[expected.Length];
                a.Variance ??= new double[expected.Length];
                for (int i = 0; i < expected.Length; i++) { a.Expected[i] += expected[i]; a.Variance[i] += expected[i] * (1 - expected[i]); }
                a.Predicted++;
            }
        }

        public List<ScoredUnit> Units()
        {
            var units = new List<ScoredUnit>(_map.Count);
            foreach (var a in _map.Values.OrderBy(a => a.Order))
            {
                int best = 0;
                for (int i = 1; i < a.Counts.Length; i++)
                    if (a.Counts[i] > a.Counts[best] || (a.Counts[i] == a.Counts[best] && a.First[i] >= 0 && (a.First[best] < 0 || a.First[i] < a.First[best]))) best = i;
                int total = a.Counts.Sum();
                bool predicted = a.Predicted == total;
                units.Add(new ScoredUnit(a.Set, a.Context, best, total, a.Counts, predicted ? a.Expected : null, predicted ? a.Variance : null));
            }
            return units;
        }
    }

    private sealed class Acc(LexiconSet set, string ctx, int order)
    {
        public LexiconSet Set { get; } = set;
        public string Context { get; } = ctx;
        public int[] Counts { get; } = new int[set.Members.Count];
        public long[] First { get; } = Enumerable.Repeat(-1L, set.Members.Count).ToArray();
        public int Order { get; } = order;
        public double[]? Expected;
        public double[]? Variance;
        public int Predicted;
    }

    private sealed class CollectingMatcher(WatermarkLexicon lexicon, IMemberPredictor? predictor, Action<LexiconSet, int, string, double[]?> record) : PhraseMatcher(lexicon)
    {
        private readonly TokenTail? _tail = predictor is null ? null : new TokenTail();

        protected override void Emit(ReadOnlySpan<char> text) => _tail?.Feed(text);

        protected override int OnUnit(in UnitOccurrence unit, long wordsBefore)
        {
            double[]? expected = null;
            if (predictor is not null)
            {
                var (u, v) = _tail!.Context();
                var s = unit.Surface;
                expected = predictor.Predict(u, v, unit.Set.Members.Select(m => s.Write(m)).ToList());
            }
            record(unit.Set, unit.Member, unit.Context, expected);
            return unit.Member;
        }
    }
}
