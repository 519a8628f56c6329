using DistillGuard.Provenance.Detection;
using DistillGuard.Provenance.Student;
using DistillGuard.Provenance.Watermarking;

namespace DistillGuard.ProvenanceBench;

internal static partial class Experiments
{
    /// <summary>The teacher's outputs a distiller harvests: real model text (tau-bench GPT-4o turns) and, to give the
    /// student a realistic amount of prose, real human prose of assistant-like registers.</summary>
    internal static List<string> TeacherCorpus() =>
    [
        .. Corpora.TauAirlineAssistant(), .. Corpora.TauRetailAssistant(), .. Corpora.TauAirlineUser(),
        .. Corpora.JailbreakPrompts(), .. Corpora.ChatPrompts(), .. Corpora.AlpacaSeedOutputs(),
        .. Corpora.Gsm8k().Take(3000).Select(g => g.Reasoning),
    ];

    internal static string Arg(string[] args, string name, string dflt)
    {
        int i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : dflt;
    }

    /// <summary>Trains a student on the corpus with a share of documents watermarked (each watermarked document with
    /// one of <paramref name="keys"/>, round robin) and samples <paramref name="tokens"/> tokens from it.</summary>
    internal static List<string> TrainAndSample(List<string> corpus, double share, IReadOnlyList<WatermarkKey> keys, int seed, long tokens)
    {
        var rng = new Random(seed);
        var docs = new List<string>(corpus.Count);
        int marked = 0;
        var wms = keys.Select(k => new Watermarker(k)).ToList();
        foreach (var d in corpus)
        {
            if (rng.NextDouble() < share) docs.Add(wms[marked++ % wms.Count].Apply(d));
            else docs.Add(d);
        }
        var student = NGramStudent.Train(docs);
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
        var corpus = TeacherCorpus();
        long tokens = long.Parse(Arg(args, "--tokens", "20000"));
        int seeds = int.Parse(Arg(args, "--seeds", "3"));
        var shares = Arg(args, "--shares", "0,0.01,0.02,0.05,0.1,0.2").Split(',').Select(double.Parse).ToArray();
        Console.WriteLine($"teacher corpus: {corpus.Count} documents, {corpus.Sum(d => TokenCounter.Count(d))} tokens; student: word trigram, interpolated Kneser-Ney; samples: {tokens} tokens per student");
        Console.WriteLine();
        Console.WriteLine("| watermarked share | seed | units scored | hits / expected | p (lab key) |");
        Console.WriteLine("|---|---|---|---|---|");
        foreach (var share in shares)
            for (int seed = 1; seed <= seeds; seed++)
            {
                var key = WatermarkKey.FromSeed($"student-{seed}");
                var samples = TrainAndSample(corpus, share, [key], seed, tokens);
                var su = SuspectUnits.Collect(samples);
                var r = ProvenanceTest.Score(su, key);
                Console.WriteLine($"| {share:P0} | {seed} | {su.Units.Count} | {r.Hits} / {r.Expected:F0} | {r.PValue:G3} |");
            }
        return 0;
    }
}
