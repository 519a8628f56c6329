using DistillGuard.Provenance.Detection;
using DistillGuard.Provenance.Student;
using DistillGuard.Provenance.Watermarking;

namespace DistillGuard.ProvenanceBench;

internal static partial class Experiments
{
    /// <summary>The teacher's outputs a distiller harvests: real model text (tau-bench GPT-4o turns) and, to give the
    /// student a realistic amount of prose, real human prose of assistant-like registers.</summary>
    internal static List<string> TeacherCorpus(string kind = "model") => kind == "model"
        ? [.. Corpora.TauAirlineAssistant(), .. Corpora.TauRetailAssistant(), .. Corpora.TauAirlineUser(), .. Corpora.CodeAlpacaOutputs(), .. Corpora.AlpacaSeedOutputs()]
        : [
        .. Corpora.TauAirlineAssistant(), .. Corpora.TauRetailAssistant(), .. Corpora.TauAirlineUser(),
        .. Corpora.JailbreakPrompts(), .. Corpora.ChatPrompts(), .. Corpora.AlpacaSeedOutputs(),
        .. Corpora.Gsm8k().Take(3000).Select(g => g.Reasoning),
        ];

    /// <summary>For a clean student: a random <paramref name="share"/> of the harvest the lab served (unwatermarked here).</summary>
    internal static List<int> ServedFor(int count, double share, int seed)
    {
        var rng = new Random(seed * 977 + 3);
        return Enumerable.Range(0, count).Where(_ => rng.NextDouble() < share).ToList();
    }

    internal static string Arg(string[] args, string name, string dflt)
    {
        int i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : dflt;
    }

    /// <summary>Trains a student on the corpus with a share of documents watermarked (each watermarked document with
    /// one of <paramref name="keys"/>, round robin) and samples <paramref name="tokens"/> tokens from it.</summary>
    internal static NGramStudent TrainStudent(List<string> corpus, double share, IReadOnlyList<WatermarkKey> keys, int seed, List<int>? markedIndices = null)
    {
        var rng = new Random(seed);
        var docs = new List<string>(corpus.Count);
        int marked = 0;
        var wms = keys.Select(k => new Watermarker(k)).ToList();
        foreach (var d in corpus)
        {
            if (rng.NextDouble() < share) { markedIndices?.Add(docs.Count); docs.Add(wms[marked++ % wms.Count].Apply(d)); }
            else docs.Add(d);
        }
        return NGramStudent.Train(docs);
    }

    /// <summary>Asks the student to continue prefix probes until <paramref name="tokens"/> tokens are spent.</summary>
    internal static SuspectUnits Probe(NGramStudent student, IReadOnlyList<WatermarkProbe> probes, int seed, long tokens, int buckets = 0, IMemberPredictor? predictor = null)
        => WatermarkProbes.Read(probes, Experiments.Answers(student, probes, seed, tokens), contextBuckets: buckets, predictor: predictor);

    internal static List<string> TrainAndSample(List<string> corpus, double share, IReadOnlyList<WatermarkKey> keys, int seed, long tokens) =>
        Sample(TrainStudent(corpus, share, keys, seed), seed, tokens);

    internal static List<string> Sample(NGramStudent student, int seed, long tokens)
    {
        var samples = new List<string>();
        long n = 0;
        var srng = new Random(seed * 7919 + 1);
        while (n < tokens)
        {
            var s = student.Sample(srng, 300);
            long c = TokenCounter.Count(s);
            if (c == 0) continue;
            if (n + c > tokens) s = Trim(s, tokens - n);
            samples.Add(s);
            n += TokenCounter.Count(s);
        }
        return samples;
    }

    private static string Trim(string s, long tokens)
    {
        var toks = NGramStudent.Tokenize(s);
        var keep = new List<string>();
        long n = 0;
        foreach (var t in toks)
        {
            long c = TokenCounter.Count(t);
            if (n + c > tokens) break;
            keep.Add(t);
            n += c;
        }
        return NGramStudent.Detokenize(keep);
    }

    public static int Student(string[] args)
    {
        string kind = Arg(args, "--corpus", "model");
        int buckets = int.Parse(Arg(args, "--buckets", WatermarkKey.DefaultContextBuckets.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        var corpus = TeacherCorpus(kind);
        long tokens = long.Parse(Arg(args, "--tokens", "20000"));
        int seeds = int.Parse(Arg(args, "--seeds", "3"));
        int first = int.Parse(Arg(args, "--first-seed", "1"));
        var shares = Arg(args, "--shares", "0,0.01,0.02,0.05,0.1,0.2").Split(',').Select(double.Parse).ToArray();
        Console.WriteLine($"context buckets: {buckets}; teacher corpus ({kind}): {corpus.Count} documents, {corpus.Sum(d => TokenCounter.Count(d))} tokens; student: word trigram, interpolated Kneser-Ney; samples: {tokens} tokens per student; seeds {first}..{first + seeds - 1}");
        Console.WriteLine();
        // Every fifth document is held out (never trained on); the harvest is drawn from the other four fifths.
        var heldOut = corpus.Where((_, i) => i % 5 == 4).ToList();
        corpus = corpus.Where((_, i) => i % 5 != 4).ToList();
        var originals = corpus.Concat(heldOut).ToList();
        // The lab's reference: its own unwatermarked outputs (it keeps the originals of what it served, watermarked or not),
        // as counts per (set, previous word) and as a trigram model of its text.
        var reference = ReferenceModel.FromTexts(originals, contextBuckets: buckets);
        var labModel = NGramReference.Train(originals);
        // Prefix probes, all cut from unwatermarked originals and chosen without the key: (a) as first measured, from held-out
        // documents in the order found; ranked by the lab model's propensity to write a member there times the unit's
        // informativeness, keeping the better half, (b) from held-out documents only and (c) from all the lab's originals
        // (the responses it served to the harvesting accounts included).
        var plain = WatermarkProbes.Build(heldOut, perUnit: 4);
        int perUnit = int.Parse(Arg(args, "--per-unit", "8"));
        double keep = double.Parse(Arg(args, "--keep", "0.5"));
        var rankedHeld = WatermarkProbes.Rank(WatermarkProbes.Build(heldOut, max: 1_000_000, perUnit: perUnit, propensity: labModel), reference, keep);
        var rankedAll = WatermarkProbes.Rank(WatermarkProbes.Build(originals, max: 1_000_000, perUnit: perUnit, propensity: labModel), reference, keep);
        Console.WriteLine($"prefix probes: {plain.Count} from {heldOut.Count} held-out documents; ranked: {rankedHeld.Count} of held-out, {rankedAll.Count} of all {originals.Count} originals");
        Console.WriteLine("| watermarked share | seed | free samples: units | p weighted (self) | p weighted (lab counts) | p likelihood (self) | p likelihood (lab counts) | probes (held-out, unranked): units | p | ranked probes (held-out): units | p | ranked probes (all originals): units | p | p likelihood | ranked probes (served watermarked): units | p | p likelihood | served watermarked, half never harvested: units | p | p likelihood |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        double servedKeep = double.Parse(Arg(args, "--served-keep", "1"));
        int servedPerUnit = int.Parse(Arg(args, "--served-per-unit", "8"));
        double servedShare = double.Parse(Arg(args, "--served-share", "0.02"));
        var labOptions = new ProvenanceOptions { Reference = reference };
        var lik = new ProvenanceOptions { Statistic = ProvenanceStatistic.Likelihood };
        var labLik = lik with { Reference = reference };
        foreach (var share in shares)
            for (int seed = first; seed < first + seeds; seed++)
            {
                var key = WatermarkKey.FromSeed($"student-{seed}", contextBuckets: buckets);
                var markedIdx = new List<int>();
                var student = TrainStudent(corpus, share, [key], seed, markedIdx);
                var samples = Sample(student, seed, tokens);
                var su = SuspectUnits.Collect(samples, contextBuckets: buckets);
                var w = ProvenanceTest.Score(su, key, 1);
                var wr = ProvenanceTest.Score(su, key, 1, labOptions);
                double ls = ProvenanceTest.Score(su, key, 1, lik).PValue, lr = ProvenanceTest.Score(su, key, 1, labLik).PValue;
                string P(IReadOnlyList<WatermarkProbe> probes, bool likelihood = false)
                {
                    var u = Probe(student, probes, seed, tokens, buckets);
                    return $"{u.Units.Count} | {ProvenanceTest.Score(u, key, 1, labOptions).PValue:G3}" + (likelihood ? $" | {ProvenanceTest.Score(u, key, 1, labLik).PValue:G3}" : "");
                }
                // (d) Probes cut from the originals of the responses the lab served watermarked (its gateway knows which; the
                // choice of whom to watermark is policy, not key), and (e) the same with as many again that it served
                // watermarked but the distiller never trained on (held-out documents). For the clean student, the same
                // documents' originals: the lab would probe what it served the suspect accounts either way.
                var servedIdx = markedIdx.Count > 0 ? markedIdx : ServedFor(corpus.Count, servedShare, seed);
                var served = servedIdx.Select(i => corpus[i]).ToList();
                var servedMore = served.Concat(heldOut.OrderBy(_ => new Random(seed * 131 + served.Count).Next()).Take(served.Count)).ToList();
                var rankedServed = WatermarkProbes.Rank(WatermarkProbes.Build(served, max: 1_000_000, perUnit: servedPerUnit, propensity: labModel), reference, servedKeep);
                var rankedServedMore = WatermarkProbes.Rank(WatermarkProbes.Build(servedMore, max: 1_000_000, perUnit: servedPerUnit, propensity: labModel), reference, servedKeep);
                Console.WriteLine($"| {share:P0} | {seed} | {su.Units.Count} | {w.PValue:G3} | {wr.PValue:G3} | {ls:G3} | {lr:G3} | {P(plain)} | {P(rankedHeld)} | {P(rankedAll, true)} | {P(rankedServed, true)} | {P(rankedServedMore, true)} |");
            }
        return 0;
    }
}
