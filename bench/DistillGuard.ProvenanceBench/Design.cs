using DistillGuard.Provenance.Detection;
using DistillGuard.Provenance.Lexicons;
using DistillGuard.Provenance.Stats;
using DistillGuard.Provenance.Watermarking;

namespace DistillGuard.ProvenanceBench;

/// <summary>Development only: probe selection and statistics compared on development seeds.</summary>
internal static partial class Experiments
{
    public static int Design(string[] args)
    {
        var all = TeacherCorpus("model");
        var heldOut = all.Where((_, i) => i % 5 == 4).ToList();
        var corpus = all.Where((_, i) => i % 5 != 4).ToList();
        var reference = ReferenceModel.FromTexts(all);
        var seeds = Arg(args, "--seeds", "1,2,3").Split(',').Select(int.Parse).ToArray();
        var shares = Arg(args, "--shares", "0,0.1").Split(',').Select(double.Parse).ToArray();
        long tokens = long.Parse(Arg(args, "--tokens", "20000"));
        int perUnit = int.Parse(Arg(args, "--per-unit", "2"));
        double top = double.Parse(Arg(args, "--top", "1"));
        int cap = int.Parse(Arg(args, "--cap", "8"));
        var epsilons = Arg(args, "--eps", "0.1").Split(',').Select(double.Parse).ToArray();
        var lex = WatermarkLexicon.BuiltIn;
        var byId = lex.Sets.ToDictionary(s => s.Id);
        var labModel = NGramReference.Train(all);
        var cands = WatermarkProbes.Build(Arg(args, "--probes", "all") == "all" ? all : heldOut, max: 1_000_000, perUnit: perUnit, propensity: labModel);
        string order = Arg(args, "--order", "info");
        double Info(WatermarkProbe p)
        {
            var set = byId[p.SetId];
            var q = reference.Expected(new ScoredUnit(set, p.Context, 0, 0, new int[set.Members.Count]));
            return q.Average(x => (1 - x) / x);
        }
        double Rank(WatermarkProbe p) => order switch { "prop" => p.Propensity!.Value, "both" => p.Propensity!.Value * Math.Min(Info(p), 20), _ => Info(p) };
        var probes = cands.OrderByDescending(Rank).Take((int)Math.Ceiling(top * cands.Count)).ToList();
        var lambdas = Arg(args, "--lambda", "0.5,0.9").Split(',').Select(double.Parse).ToArray();
        Console.WriteLine($"candidates {cands.Count}, used {probes.Count}; lambdas {string.Join(",", lambdas)}");
        Console.WriteLine("| share | seed | free units | free z | " + string.Join(" | ", epsilons.Select(e => $"free llr {e}")) + " | probe units | probe z | " + string.Join(" | ", epsilons.Select(e => $"probe llr {e}")) + " |");
        foreach (var share in shares)
            foreach (var seed in seeds)
            {
                var key = WatermarkKey.FromSeed($"student-{seed}");
                var student = TrainStudent(corpus, share, [key], seed);
                var su = SuspectUnits.Collect(Sample(student, seed, tokens));
                var answers = Answers(student, probes, seed, tokens);
                var pu = WatermarkProbes.Read(probes, answers);
                var (obs, _, _) = WatermarkProbes.Observe(probes, answers);
                var o = new ProvenanceOptions { Reference = reference };
                string Row(SuspectUnits u) => $"{u.Units.Count} | {ProvenanceTest.Score(u, key, 1, o).PValue:G3} | " + string.Join(" | ", epsilons.Select(e => $"{Llr(u, key, reference, e, cap):G3}"));
                {
                    int a = 0, b = 0, c = 0, d = 0;
                    foreach (var (pr, ob) in obs)
                    {
                        int g = key.Choose(ob.Set, ob.Context);
                        if (pr.Member != g) { a++; if (ob.Member == g) b++; } else { c++; if (ob.Member == g) d++; }
                    }
                    Console.Error.WriteLine($"share {share} seed {seed}: draws {obs.Count}; orig≠keyed: {a}, keyed written {b} ({(double)b / a:P1}); orig=keyed: {c}, keyed written {d} ({(double)d / c:P1})");
                }
                string lam = string.Join(" | ", lambdas.SelectMany(l => epsilons.Select(e => $"{ProbeLlr(obs, key, reference, e, l):G3}")));
                Console.WriteLine($"| {share:P0} | {seed} | {Row(su)} | {Row(pu)} | {lam} |");
            }
        return 0;
    }

    /// <summary>The student's answers to prefix probes, round-robin, until <paramref name="tokens"/> tokens are spent.</summary>
    internal static List<(string, string)> Answers(DistillGuard.Provenance.Student.NGramStudent student, IReadOnlyList<WatermarkProbe> probes, int seed, long tokens)
    {
        var rng = new Random(seed * 31 + 7);
        var answers = new List<(string, string)>();
        long n = 0;
        for (int i = 0; n < tokens; i = (i + 1) % probes.Count)
        {
            var p = probes[i];
            var c = student.Continue(rng, p.Prefix, p.MaxTokens);
            n += Math.Max(1, TokenCounter.Count(c));
            answers.Add((p.Id, c));
        }
        return answers;
    }

    internal static double ProbeLlr(List<(WatermarkProbe Probe, Observation O)> obs, WatermarkKey key, ReferenceModel reference, double eps, double lambda, double scale = 16)
    {
        var units = new Dictionary<(int, string), (LexiconSet Set, string Ctx, double[] S)>();
        foreach (var (p, o) in obs)
        {
            if (!units.TryGetValue((o.Set.Index, o.Context), out var u)) units[(o.Set.Index, o.Context)] = u = (o.Set, o.Context, new double[o.Set.Members.Count]);
            var q = reference.Expected(new ScoredUnit(o.Set, o.Context, 0, 0, new int[o.Set.Members.Count]));
            int k = q.Length;
            double qm = (1 - lambda) * q[o.Member] + (p.Member == o.Member ? lambda : 0);
            u.S[o.Member] += Math.Log(1 + eps / ((1 - eps) * qm));
        }
        var scores = new List<int[]>();
        long t = 0;
        foreach (var u in units.Values)
        {
            var v = u.S.Select(x => (int)Math.Round(scale * x)).ToArray();
            scores.Add(v);
            t += v[key.Choose(u.Set, u.Ctx)];
        }
        return UniformChoiceSum.UpperTail(scores, t);
    }

    internal static double Llr(SuspectUnits units, WatermarkKey key, ReferenceModel reference, double eps, int cap = 8, double scale = 16)
    {
        var scores = new List<int[]>();
        long t = 0;
        foreach (var u in units.Units)
        {
            var q = reference.Expected(u);
            int n = u.Occurrences;
            double f = n > cap ? (double)cap / n : 1.0;
            var v = new int[q.Length];
            for (int m = 0; m < q.Length; m++)
                v[m] = (int)Math.Round(scale * f * u.Counts[m] * Math.Log(1 + eps / ((1 - eps) * q[m])));
            scores.Add(v);
            t += v[key.Choose(u.Set, u.Context)];
        }
        return UniformChoiceSum.UpperTail(scores, t);
    }
}
