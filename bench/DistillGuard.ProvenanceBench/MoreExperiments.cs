using DistillGuard.Provenance.Canaries;
using DistillGuard.Provenance.Detection;
using DistillGuard.Provenance.Stats;
using DistillGuard.Provenance.Student;
using DistillGuard.Provenance.Watermarking;

namespace DistillGuard.ProvenanceBench;

internal static partial class Experiments
{
    private static readonly ProvenanceOptions HitsOptions = new() { Statistic = ProvenanceStatistic.Hits };
    private static readonly ProvenanceOptions LikelihoodOptions = new() { Statistic = ProvenanceStatistic.Likelihood };

    private static IEnumerable<string> ModelText() => Corpora.TauAirlineAssistant().Concat(Corpora.TauRetailAssistant());

    /// <summary>False positives on clean text: every corpus in bodies of 5 K and 20 K tokens, 60 keys, every statistic.</summary>
    public static int FalsePositives(string[] args)
    {
        int keys = int.Parse(Arg(args, "--keys", "60"));
        Console.WriteLine($"| body size | statistic | bodies | tests ({keys} keys) | p < 0.01 | p < 0.001 | min p | KS of randomised p (D, p) | KS of p (D) |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|");
        foreach (long size in new long[] { 5_000, 20_000 })
        {
            var bodies = new List<SuspectUnits>();
            foreach (var (_, _, texts) in Corpora.All())
                bodies.AddRange(Corpora.Bodies(texts(), size).Take(size == 5_000 ? 12 : 6).Select(b => SuspectUnits.Collect(b)));
            bodies = bodies.Where(b => b.Units.Count >= 10).ToList();
            foreach (var options in new[] { ProvenanceOptions.Default, LikelihoodOptions, HitsOptions })
            {
                var rng = new Random(1);
                var p = new List<double>();
                var rp = new List<double>();
                for (int k = 0; k < keys; k++)
                {
                    var key = WatermarkKey.FromSeed("fpr-" + k);
                    foreach (var b in bodies)
                    {
                        var r = ProvenanceTest.Score(b, key, 1, options);
                        p.Add(r.PValue);
                        rp.Add(r.PValueAbove + rng.NextDouble() * (r.PValue - r.PValueAbove));
                    }
                }
                var ks = KolmogorovSmirnov.Uniform(rp);
                var ksRaw = KolmogorovSmirnov.Uniform(p);
                Console.WriteLine($"| {size / 1000} K tokens | {options.Statistic.ToString().ToLowerInvariant()} | {bodies.Count} | {p.Count} | {p.Count(x => x < 0.01) / (double)p.Count:P2} | {p.Count(x => x < 0.001) / (double)p.Count:P2} | {p.Min():G3} | {ks.D:F4}, {ks.PValue:F3} | {ksRaw.D:F4} |");
            }
        }
        return 0;
    }

    /// <summary>Direct watermarked text: detection against the number of tokens, and after light paraphrase.</summary>
    public static int Paraphrase(string[] args)
    {
        var texts = ModelText().ToList();
        Console.WriteLine("| tokens of watermarked model text | units | p weighted | p hits |");
        Console.WriteLine("|---|---|---|---|");
        foreach (long n in new long[] { 500, 1_000, 2_000, 5_000, 10_000, 20_000 })
        {
            var key = WatermarkKey.FromSeed("tok-" + n);
            var wm = new Watermarker(key);
            var u = SuspectUnits.Collect(First(texts.Skip(500), n).Select(wm.Apply));
            Console.WriteLine($"| {n:N0} | {u.Units.Count} | {ProvenanceTest.Score(u, key).PValue:G3} | {ProvenanceTest.Score(u, key, 1, HitsOptions).PValue:G3} |");
        }
        Console.WriteLine();
        Console.WriteLine("| paraphrase (words changed, sentences shuffled) | seed | words changed | units | p weighted | p hits |");
        Console.WriteLine("|---|---|---|---|---|---|");
        foreach (double share in new[] { 0.1, 0.2, 0.3, 0.5 })
            for (int seed = 1; seed <= 3; seed++)
            {
                var key = WatermarkKey.FromSeed($"para-{seed}");
                var wm = new Watermarker(key);
                var rng = new Random(seed);
                long words = 0, changed = 0;
                var para = First(texts.Skip(300 * seed), 20_000).Select(t =>
                {
                    var p = LightParaphraser.Paraphrase(wm.Apply(t), rng, share, out int c);
                    words += t.Split((char[])[' ', '\n'], StringSplitOptions.RemoveEmptyEntries).Length;
                    changed += c;
                    return p;
                }).ToList();
                var u = SuspectUnits.Collect(para);
                Console.WriteLine($"| {share:P0} | {seed} | {(double)changed / words:P1} | {u.Units.Count} | {ProvenanceTest.Score(u, key).PValue:G3} | {ProvenanceTest.Score(u, key, 1, HitsOptions).PValue:G3} |");
            }
        return 0;
    }

    /// <summary>Per-account keys: the harvest of one account (or two) among ten candidate keys, Bonferroni-corrected.</summary>
    public static int Attribution(string[] args)
    {
        var corpus = TeacherCorpus("model");
        var heldOut = corpus.Where((_, i) => i % 5 == 4).ToList();
        corpus = corpus.Where((_, i) => i % 5 != 4).ToList();
        var probes = WatermarkProbes.Build(heldOut, perUnit: 4);
        var originals = corpus.Concat(heldOut).ToList();
        var reference = ReferenceModel.FromTexts(originals);
        // Ranked probes from all the lab's originals, as in the student experiment.
        var ranked = WatermarkProbes.Rank(WatermarkProbes.Build(originals, max: 1_000_000, perUnit: 8, propensity: NGramReference.Train(originals)), reference);
        int first = int.Parse(Arg(args, "--first-seed", "1")), seeds = int.Parse(Arg(args, "--seeds", "2"));
        var keys = Enumerable.Range(0, 10).Select(i => WatermarkKey.FromSeed($"account-{i}", "acme", KeyScope.Account, $"acct-{i}")).ToList();
        Console.WriteLine("| harvest | seed | suspect text | true key(s): corrected p | best other key: corrected p | attributed to |");
        Console.WriteLine("|---|---|---|---|---|---|");
        foreach (var (label, share, used) in new (string, double, int[])[] { ("acct-3: 10 %", 0.10, [3]), ("acct-3: 20 %", 0.20, [3]), ("acct-3 + acct-7: 10 % each", 0.20, [3, 7]), ("none (clean)", 0.0, [3]) })
            for (int seed = first; seed < first + seeds; seed++)
            {
                var student = TrainStudent(corpus, share, used.Select(i => keys[i]).ToList(), seed);
                foreach (var (kind, units, opts) in new[]
                {
                    ("20 K sampled", SuspectUnits.Collect(Sample(student, seed, 20_000)), ProvenanceOptions.Default),
                    ("20 K probe answers", Probe(student, probes, seed, 20_000), new ProvenanceOptions { Reference = reference }),
                    ("20 K ranked probe answers (all originals)", Probe(student, ranked, seed, 20_000), new ProvenanceOptions { Reference = reference }),
                })
                {
                    var r = ProvenanceTest.Run(units, keys, opts);
                    var truth = r.Keys.Where(k => used.Any(u => keys[u].Id == k.KeyId)).ToList();
                    var other = r.Keys.Where(k => used.All(u => keys[u].Id != k.KeyId)).MinBy(k => k.AdjustedPValue)!;
                    var attributed = r.Keys.Where(k => k.AdjustedPValue <= 0.01).Select(k => k.Marks.Split(' ')[1]).ToList();
                    Console.WriteLine($"| {label} | {seed} | {kind} | {string.Join(", ", truth.Select(t => $"{t.AdjustedPValue:G3}"))} | {other.AdjustedPValue:G3} | {(attributed.Count == 0 ? "nobody" : string.Join(", ", attributed))} |");
                }
            }
        return 0;
    }

    /// <summary>What hiding reasoning costs a student: likelihood of held-out GSM8K reasoning under students trained with
    /// full reasoning, with a short summary in its place, and with none.</summary>
    public static int Reasoning(string[] args)
    {
        var all = Corpora.Gsm8k().ToList();
        var train = all.Take(all.Count - 500).Select(g => (Q: g.Question, R: g.Reasoning, A: g.Answer)).ToList();
        var held = all.Skip(all.Count - 500).ToList();
        static string Summary(string reasoning)
        {
            var words = reasoning.Split((char[])[' ', '\n'], StringSplitOptions.RemoveEmptyEntries);
            return "Summary: " + string.Join(' ', words.Take(8)) + " …";
        }
        var variants = new (string Name, Func<(string Q, string R, string A), string> Doc)[]
        {
            ("full reasoning", g => $"{g.Q}\n{g.R}\n#### {g.A}"),
            ("summary (first 8 words)", g => $"{g.Q}\n{Summary(g.R)}\n#### {g.A}"),
            ("stripped", g => $"{g.Q}\n#### {g.A}"),
        };
        var vocab = new HashSet<string>(StringComparer.Ordinal);
        foreach (var g in all) foreach (var t in NGramStudent.Tokenize($"{g.Question}\n{g.Reasoning}\n#### {g.Answer}")) vocab.Add(t);
        Console.WriteLine($"GSM8K: {train.Count} training solutions, {held.Count} held out; shared vocabulary {vocab.Count} tokens");
        Console.WriteLine();
        Console.WriteLine("| teacher output the student saw | held-out reasoning given the question: bits / token | perplexity | reasoning tokens in training |");
        Console.WriteLine("|---|---|---|---|");
        foreach (var (name, doc) in variants)
        {
            var docs = train.Select(doc).ToList();
            var student = NGramStudent.Train(docs, vocabularySize: vocab.Count + 3);
            double bits = 0;
            long n = 0;
            foreach (var g in held)
            {
                var (lp, k) = student.LogProbContinuation(g.Question, g.Reasoning);
                bits -= lp;
                n += k;
            }
            long reasoningTokens = train.Sum(g => (long)NGramStudent.Tokenize(doc(g)).Count - NGramStudent.Tokenize($"{g.Q}\n#### {g.A}").Count);
            Console.WriteLine($"| {name} | {bits / n:F2} | {Math.Pow(2, bits / n):F0} | {reasoningTokens:N0} |");
        }
        return 0;
    }

    /// <summary>Canaries end to end: flagged accounts' harvested responses carry their canary; the student is probed.</summary>
    public static int Canaries(string[] args)
    {
        var corpus = TeacherCorpus("model");
        var key = WatermarkKey.FromSeed("canary-lab");
        Console.WriteLine("| canary rate in the flagged accounts' responses | seed | accounts harvested | subjects detected (corrected p ≤ 0.01) | best harvested p | best other p |");
        Console.WriteLine("|---|---|---|---|---|---|");
        foreach (double rate in new[] { 0.01, 0.05, 0.2 })
            for (int seed = 1; seed <= 2; seed++)
            {
                var reg = new MemoryCanaryRegistry();
                var issuer = new CanaryIssuer(key, reg);
                // Twenty flagged accounts receive canaries; the distiller's harvest came through accounts 0–4 (40 % of its data).
                for (int a = 0; a < 20; a++) issuer.Issue($"acct-{a}", null, "prime");
                var rng = new Random(seed);
                var docs = corpus.Select((d, i) =>
                {
                    if (rng.NextDouble() >= 0.4) return d;
                    int acct = rng.Next(5);
                    return rng.NextDouble() < rate ? issuer.Insert(d, $"acct-{acct}", null, $"ex-{i}") : d;
                }).ToList();
                var student = NGramStudent.Train(docs);
                var probes = CanaryScorer.Probes(reg.All());
                var prng = new Random(seed + 100);
                var answers = probes.SelectMany(p => Enumerable.Range(0, 3).Select(_ => (p.Id, student.Continue(prng, p.Prompt, 6)))).ToList();
                var res = CanaryScorer.Score(reg.All(), answers);
                var harvested = res.Where(r => int.Parse(r.Subject.Split('-')[1]) < 5).ToList();
                var other = res.Where(r => int.Parse(r.Subject.Split('-')[1]) >= 5).ToList();
                var detected = res.Where(r => r.AdjustedPValue <= 0.01).Select(r => r.Subject.Replace("account:", "")).ToList();
                Console.WriteLine($"| {rate:P0} | {seed} | acct-0…4 | {(detected.Count == 0 ? "none" : string.Join(", ", detected))} | {harvested.Min(r => r.AdjustedPValue):G3} | {other.Min(r => r.AdjustedPValue):G3} |");
            }
        // False matches: real answers that know nothing of the canaries.
        var reg2 = new MemoryCanaryRegistry();
        var issuer2 = new CanaryIssuer(key, reg2);
        for (int a = 0; a < 500; a++) issuer2.Issue($"acct-{a}", null, "x");
        var probes2 = CanaryScorer.Probes(reg2.All());
        foreach (var (name, texts) in new (string, List<string>)[]
        {
            ("GSM8K solutions (number-heavy)", Corpora.Gsm8k().Select(g => g.Reasoning).Take(probes2.Count).ToList()),
            ("GPT-4o airline turns", Corpora.TauAirlineAssistant().Take(probes2.Count).ToList()),
        })
        {
            var ans = probes2.Select((p, i) => (p.Id, texts[i % texts.Count])).ToList();
            var res = CanaryScorer.Score(reg2.All(), ans);
            Console.WriteLine();
            Console.WriteLine($"false matches, {name}: {res.Sum(r => r.Matches)} of {ans.Count} answers ({res.Sum(r => r.Matches) / (double)ans.Count:P2}; expected by the exact null {res.Sum(r => r.Expected):F1}); subjects flagged at corrected p ≤ 0.01: {res.Count(r => r.AdjustedPValue <= 0.01)} of {res.Count}");
        }
        return 0;
    }
}
