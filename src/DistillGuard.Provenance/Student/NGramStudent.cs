using System.Text;

namespace DistillGuard.Provenance.Student;

/// <summary>
/// A simulated student: a word trigram language model with interpolated Kneser-Ney smoothing, trained in process on
/// harvested outputs. Tokens are the runs of non-space characters of the text (words with their punctuation, as the
/// watermark sees them) and line breaks, so its samples read back exactly as text. Used to measure, end to end, whether
/// a model trained on watermarked outputs carries the mark, and what hiding reasoning costs a student.
/// </summary>
public sealed class NGramStudent
{
    private const int Bos = 0, Eos = 1, Unk = 2;
    private readonly Dictionary<string, int> _ids = new(StringComparer.Ordinal) { ["<s>"] = Bos, ["</s>"] = Eos, ["<unk>"] = Unk };
    private readonly List<string> _words = ["<s>", "</s>", "<unk>"];
    private readonly double _d;
    private readonly int _vocabulary;

    // Trigram level: context (u, v) → continuations w with counts.
    private readonly Dictionary<long, Level> _tri = [];
    // Bigram level (continuation counts): v → w with the number of distinct u seen before (v, w).
    private readonly Dictionary<int, Level> _bi = [];
    // Unigram level: number of distinct v seen before w.
    private Level _uni = new();

    private sealed class Level
    {
        public readonly Dictionary<int, int> Counts = [];
        public int[] Keys = [];
        public double[] Cum = [];
        public long Total;
        public void Add(int w, int by = 1) { Counts[w] = Counts.GetValueOrDefault(w) + by; Total += by; }

        public void Freeze(double d)
        {
            Keys = Counts.Keys.ToArray();
            Array.Sort(Keys);
            Cum = new double[Keys.Length];
            double acc = 0;
            for (int i = 0; i < Keys.Length; i++) { acc += Math.Max(Counts[Keys[i]] - d, 0); Cum[i] = acc; }
        }

        /// <summary>Share of the mass on seen continuations (the rest is backed off).</summary>
        public double Own => Total == 0 ? 0 : Cum.Length == 0 ? 0 : Cum[^1] / Total;
        public double Backoff(double d) => Total == 0 ? 1 : d * Counts.Count / Total;
    }

    private NGramStudent(double discount, int vocabulary)
    {
        _d = discount;
        _vocabulary = vocabulary;
    }

    /// <summary>Trains on <paramref name="documents"/>. <paramref name="vocabularySize"/> fixes the size of the uniform floor
    /// (so that likelihoods of students trained on different data are comparable); by default the training vocabulary.</summary>
    public static NGramStudent Train(IEnumerable<string> documents, double discount = 0.75, int? vocabularySize = null)
    {
        var docs = documents.Select(Tokenize).ToList();
        var vocab = new HashSet<string>(docs.SelectMany(d => d), StringComparer.Ordinal);
        var m = new NGramStudent(discount, Math.Max(vocabularySize ?? 0, vocab.Count + 3));
        foreach (var doc in docs)
        {
            int u = Bos, v = Bos;
            foreach (var tok in doc.Append("</s>"))
            {
                int w = m.Id(tok, add: true);
                long ctx = Pack(u, v);
                if (!m._tri.TryGetValue(ctx, out var t)) m._tri[ctx] = t = new Level();
                bool newTri = !t.Counts.ContainsKey(w);
                t.Add(w);
                if (newTri)
                {
                    // Kneser-Ney: the bigram level counts distinct left contexts.
                    if (!m._bi.TryGetValue(v, out var b)) m._bi[v] = b = new Level();
                    b.Add(w);
                }
                u = v;
                v = w;
            }
        }
        // _uni counts, per w, the distinct v with a (v, w) continuation.
        m._uni = new Level();
        foreach (var (v, b) in m._bi) foreach (var w in b.Counts.Keys) m._uni.Add(w);
        foreach (var t in m._tri.Values) t.Freeze(discount);
        foreach (var b in m._bi.Values) b.Freeze(discount);
        m._uni.Freeze(0);
        return m;
    }

    public int VocabularySize => _vocabulary;
    public int Types => _words.Count;

    private static long Pack(int a, int b) => ((long)a << 32) | (uint)b;

    private int Id(string tok, bool add)
    {
        if (_ids.TryGetValue(tok, out int id)) return id;
        if (!add) return Unk;
        id = _words.Count;
        _ids[tok] = id;
        _words.Add(tok);
        return id;
    }

    /// <summary>Splits text into the student's tokens: runs of non-space characters, and "\n" / "\n\n" for line breaks.</summary>
    public static List<string> Tokenize(string text)
    {
        var list = new List<string>();
        int i = 0;
        while (i < text.Length)
        {
            if (char.IsWhiteSpace(text[i]))
            {
                int nl = 0;
                while (i < text.Length && char.IsWhiteSpace(text[i])) { if (text[i] == '\n') nl++; i++; }
                if (nl > 0 && list.Count > 0) list.Add(nl > 1 ? "\n\n" : "\n");
                continue;
            }
            int s = i;
            while (i < text.Length && !char.IsWhiteSpace(text[i])) i++;
            list.Add(text[s..i]);
        }
        while (list.Count > 0 && list[^1][0] == '\n') list.RemoveAt(list.Count - 1);
        return list;
    }

    public static string Detokenize(IEnumerable<string> tokens)
    {
        var sb = new StringBuilder();
        bool lineStart = true;
        foreach (var t in tokens)
        {
            if (t[0] == '\n') { sb.Append(t); lineStart = true; continue; }
            if (!lineStart) sb.Append(' ');
            sb.Append(t);
            lineStart = false;
        }
        return sb.ToString();
    }

    private double PUni(int w)
    {
        double seen = _uni.Total == 0 ? 0 : (double)_uni.Counts.GetValueOrDefault(w) / _uni.Total;
        return 0.99 * seen + 0.01 / _vocabulary;
    }

    private double PBi(int v, int w)
    {
        if (!_bi.TryGetValue(v, out var b) || b.Total == 0) return PUni(w);
        return Math.Max(b.Counts.GetValueOrDefault(w) - _d, 0) / b.Total + b.Backoff(_d) * PUni(w);
    }

    private double PTri(int u, int v, int w)
    {
        if (!_tri.TryGetValue(Pack(u, v), out var t) || t.Total == 0) return PBi(v, w);
        return Math.Max(t.Counts.GetValueOrDefault(w) - _d, 0) / t.Total + t.Backoff(_d) * PBi(v, w);
    }

    /// <summary>Probability of <paramref name="tokens"/> following the tokens <paramref name="before2"/>, <paramref name="before1"/>.</summary>
    public double SequenceProbability(string before2, string before1, IReadOnlyList<string> tokens)
    {
        int u = before2 == "<s>" ? Bos : Id(before2, add: false), v = before1 == "<s>" ? Bos : Id(before1, add: false);
        double p = 1;
        foreach (var t in tokens)
        {
            int w = Id(t, add: false);
            p *= PTri(u, v, w);
            u = v;
            v = w;
        }
        return p;
    }

    /// <summary>Log2-probability of the tokens of <paramref name="continuation"/> following the document start and the
    /// tokens of <paramref name="prefix"/> (no end marker), and their count.</summary>
    public (double Log2Prob, int Tokens) LogProbContinuation(string prefix, string continuation)
    {
        int u = Bos, v = Bos;
        foreach (var tok in Tokenize(prefix))
        {
            u = v;
            v = Id(tok, add: false);
        }
        double lp = 0;
        int n = 0;
        foreach (var tok in Tokenize(continuation))
        {
            int w = Id(tok, add: false);
            lp += Math.Log2(PTri(u, v, w));
            n++;
            u = v;
            v = w;
        }
        return (lp, n);
    }

    /// <summary>Log2-probability of <paramref name="text"/> (as one document, end marker included) and its token count.</summary>
    public (double Log2Prob, int Tokens) LogProb(string text)
    {
        int u = Bos, v = Bos;
        double lp = 0;
        int n = 0;
        foreach (var tok in Tokenize(text).Append("</s>"))
        {
            int w = Id(tok, add: false);
            lp += Math.Log2(PTri(u, v, w));
            n++;
            u = v;
            v = w;
        }
        return (lp, n);
    }

    /// <summary>Samples one document (at temperature 1) of at most <paramref name="maxTokens"/> tokens.</summary>
    public string Sample(Random rng, int maxTokens = 400) => Detokenize(SampleTokens(rng, maxTokens));

    /// <summary>Samples a continuation of <paramref name="prefix"/> of at most <paramref name="maxTokens"/> tokens (a prefix probe).</summary>
    public string Continue(Random rng, string prefix, int maxTokens)
    {
        var toks = Tokenize(prefix);
        int u = toks.Count >= 2 ? Id(toks[^2], add: false) : Bos;
        int v = toks.Count >= 1 ? Id(toks[^1], add: false) : Bos;
        return Detokenize(SampleTokens(rng, maxTokens, u, v));
    }

    public List<string> SampleTokens(Random rng, int maxTokens, int u = Bos, int v = Bos)
    {
        var list = new List<string>();
        while (list.Count < maxTokens)
        {
            int w = Draw(rng, u, v);
            if (w == Eos) break;
            if (w is Bos or Unk) continue;
            list.Add(_words[w]);
            u = v;
            v = w;
        }
        while (list.Count > 0 && list[^1][0] == '\n') list.RemoveAt(list.Count - 1);
        return list;
    }

    private int Draw(Random rng, int u, int v)
    {
        if (_tri.TryGetValue(Pack(u, v), out var t) && t.Total > 0)
        {
            double r = rng.NextDouble();
            if (r < t.Own) return Pick(t, r * t.Total);
        }
        if (_bi.TryGetValue(v, out var b) && b.Total > 0)
        {
            double r = rng.NextDouble();
            if (r < b.Own) return Pick(b, r * b.Total);
        }
        double x = rng.NextDouble() * _uni.Total;
        int i = Array.BinarySearch(_uni.Cum, x);
        if (i < 0) i = ~i;
        return _uni.Keys[Math.Min(i, _uni.Keys.Length - 1)];
    }

    private static int Pick(Level l, double x)
    {
        int i = Array.BinarySearch(l.Cum, x);
        if (i < 0) i = ~i;
        return l.Keys[Math.Min(i, l.Keys.Length - 1)];
    }
}
