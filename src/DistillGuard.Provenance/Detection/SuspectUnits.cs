using DistillGuard.Provenance.Lexicons;
using DistillGuard.Provenance.Text;
using DistillGuard.Provenance.Watermarking;

namespace DistillGuard.Provenance.Detection;

/// <summary>One scored unit of suspect text: a lexicon set after one previous word, and the member the text uses there
/// (the most frequent one where it varies; on a tie the one seen first) and how often each member occurs there. Each (set, previous word) counts once however
/// often it repeats, so a repeated phrase adds one trial, not many.</summary>
public readonly record struct ScoredUnit(LexiconSet Set, string Context, int Member, int Occurrences, int[] Counts);

/// <summary>
/// The key-independent summary of suspect text that the provenance test scores: its units, deduplicated. Collect once,
/// score under any number of keys.
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

    public static SuspectUnits Collect(IEnumerable<string> texts, WatermarkLexicon? lexicon = null, int contextBuckets = WatermarkKey.DefaultContextBuckets)
    {
        lexicon ??= WatermarkLexicon.BuiltIn;
        var map = new Dictionary<(int, string), Acc>();
        long tokens = 0, words = 0, occurrences = 0, order = 0;
        int n = 0;
        foreach (var text in texts)
        {
            n++;
            tokens += TokenCounter.Count(text);
            var m = new CollectingMatcher(lexicon, (set, member, raw) =>
            {
                string ctx = UnitContexts.Map(raw, contextBuckets);
                occurrences++;
                if (!map.TryGetValue((set.Index, ctx), out var acc)) map[(set.Index, ctx)] = acc = new Acc(set, ctx, map.Count);
                acc.Counts[member]++;
                if (acc.First[member] < 0) acc.First[member] = order;
                order++;
            });
            var scanner = new TextScanner(m.Input);
            scanner.Feed(text);
            scanner.Flush();
            m.Process(final: true);
            words += m.Words;
        }
        var units = Summarize(map);
        return new SuspectUnits(units, tokens, words, occurrences, n, contextBuckets);
    }

    /// <summary>Units from single observed choices (e.g. continuations of prefix probes).</summary>
    public static SuspectUnits FromObservations(IEnumerable<(LexiconSet Set, string Context, int Member)> observed, long tokens, int texts, int contextBuckets = WatermarkKey.DefaultContextBuckets)
    {
        var map = new Dictionary<(int, string), Acc>();
        long order = 0, n = 0;
        foreach (var (set, raw, member) in observed)
        {
            string ctx = UnitContexts.Map(raw, contextBuckets);
            n++;
            if (!map.TryGetValue((set.Index, ctx), out var acc)) map[(set.Index, ctx)] = acc = new Acc(set, ctx, map.Count);
            acc.Counts[member]++;
            if (acc.First[member] < 0) acc.First[member] = order;
            order++;
        }
        return new SuspectUnits(Summarize(map), tokens, 0, n, texts, contextBuckets);
    }

    private static List<ScoredUnit> Summarize(Dictionary<(int, string), Acc> map)
    {
        var units = new List<ScoredUnit>(map.Count);
        foreach (var acc in map.Values.OrderBy(a => a.Order))
        {
            int best = 0;
            for (int i = 1; i < acc.Counts.Length; i++)
                if (acc.Counts[i] > acc.Counts[best] || (acc.Counts[i] == acc.Counts[best] && acc.First[i] >= 0 && (acc.First[best] < 0 || acc.First[i] < acc.First[best]))) best = i;
            units.Add(new ScoredUnit(acc.Set, acc.Context, best, acc.Counts.Sum(), acc.Counts));
        }
        return units;
    }

    private sealed class Acc
    {
        public Acc(LexiconSet set, string ctx, int order)
        {
            Set = set;
            Context = ctx;
            Counts = new int[set.Members.Count];
            First = Enumerable.Repeat(-1L, set.Members.Count).ToArray();
            Order = order;
        }

        public LexiconSet Set { get; }
        public string Context { get; }
        public int[] Counts { get; }
        public long[] First { get; }
        public int Order { get; }
    }

    private sealed class CollectingMatcher(WatermarkLexicon lexicon, Action<LexiconSet, int, string> record) : PhraseMatcher(lexicon)
    {
        protected override void Emit(string text) { }

        protected override int OnUnit(in UnitOccurrence unit, long wordsBefore)
        {
            record(unit.Set, unit.Member, unit.Context);
            return unit.Member;
        }
    }
}
