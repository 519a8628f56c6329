using System.Diagnostics;
using DistillGuard.Provenance.Detection;
using DistillGuard.Provenance.Watermarking;

namespace DistillGuard.ProvenanceBench;

internal static partial class Experiments
{
    public static int Run(string name, string[] args) => name switch
    {
        "stats" => Stats(args),
        "fpr" => FalsePositives(args),
        "paraphrase" => Paraphrase(args),
        "student" => Student(args),
        "attribution" => Attribution(args),
        "reasoning" => Reasoning(args),
        "canaries" => Canaries(args),
        _ => 2,
    };

    /// <summary>Per corpus: lexicon occurrences and units per 1 K tokens, share of words changed, and the test on 20 K
    /// tokens of watermarked and of clean text.</summary>
    public static int Stats(string[] args)
    {
        var key = WatermarkKey.FromSeed("stats");
        var wm = new Watermarker(key, new WatermarkOptions { MaxChangeShare = args.Contains("--unbounded") ? 1.0 : 0.10 });
        Console.WriteLine("| corpus | kind | texts | tokens | occurrences / 1K tok | changed words (all) | changed, p99 per text | capped | 20K tok: units | p watermarked | p clean |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var (name, kind, texts) in Corpora.All())
        {
            var all = texts().ToList();
            long tokens = 0, words = 0, changed = 0, capped = 0, units = 0;
            var shares = new List<double>();
            var marked = new List<string>(all.Count);
            foreach (var t in all)
            {
                marked.Add(wm.Apply(t, out var st));
                tokens += TokenCounter.Count(t);
                words += st.Words; changed += st.ChangedWords; capped += st.Capped; units += st.Units;
                if (st.Words >= 20) shares.Add(st.ChangedShare);
            }
            shares.Sort();
            double p99 = shares.Count == 0 ? 0 : shares[(int)(0.99 * (shares.Count - 1))];
            var body = First(marked, 20_000);
            var clean = First(all, 20_000);
            var su = SuspectUnits.Collect(body);
            var pw = ProvenanceTest.Score(su, key).PValue;
            var pc = ProvenanceTest.Score(SuspectUnits.Collect(clean), key).PValue;
            Console.WriteLine($"| {name} | {kind} | {all.Count} | {tokens} | {1000.0 * units / Math.Max(1, tokens):F1} | {100.0 * changed / Math.Max(1, words):F2} % | {100 * p99:F1} % | {capped} | {su.Units.Count} | {pw:G3} | {pc:G3} |");
        }
        if (args.Contains("--diff"))
        {
            foreach (var t in Corpora.TauAirlineAssistant().Take(400).Concat(Corpora.JailbreakPrompts().Take(30)))
            {
                var m = wm.Apply(t);
                if (m != t) { Console.WriteLine("--- " + t.Replace("\n", " / ")); Console.WriteLine("+++ " + m.Replace("\n", " / ")); }
            }
        }
        return 0;
    }

    internal static List<string> First(IEnumerable<string> texts, long tokens)
    {
        var list = new List<string>();
        long n = 0;
        foreach (var t in texts)
        {
            if (n >= tokens) break;
            list.Add(t);
            n += TokenCounter.Count(t);
        }
        return list;
    }
}
