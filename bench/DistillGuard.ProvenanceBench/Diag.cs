using DistillGuard.Provenance.Detection;
using DistillGuard.Provenance.Stats;
using DistillGuard.Provenance.Watermarking;

namespace DistillGuard.ProvenanceBench;

internal static partial class Experiments
{
    /// <summary>Calibration of the probe route: one student's probe answers scored under many unrelated keys.</summary>
    public static int Diag(string[] args)
    {
        var corpus = TeacherCorpus("model");
        var heldOut = corpus.Where((_, i) => i % 5 == 4).ToList();
        corpus = corpus.Where((_, i) => i % 5 != 4).ToList();
        var probes = WatermarkProbes.Build(heldOut, perUnit: 4);
        var reference = ReferenceModel.FromTexts(heldOut);
        var used = WatermarkKey.FromSeed("account-3", "acme", KeyScope.Account, "acct-3");
        var student = TrainStudent(corpus, 0.1, [used], 1);
        var units = Probe(student, probes, 1, 20_000);
        var free = SuspectUnits.Collect(Sample(student, 1, 20_000));
        foreach (var (name, u, o) in new[] { ("probes+ref", units, new ProvenanceOptions { Reference = reference }), ("probes self", units, ProvenanceOptions.Default), ("probes hits", units, HitsOptions), ("free weighted", free, ProvenanceOptions.Default) })
        {
            var rng = new Random(4);
            var ps = new List<double>(); var rp = new List<double>();
            for (int k = 0; k < 1000; k++)
            {
                var r = ProvenanceTest.Score(u, WatermarkKey.FromSeed("null-" + k), 1, o);
                ps.Add(r.PValue); rp.Add(r.PValueAbove + rng.NextDouble() * (r.PValue - r.PValueAbove));
            }
            var ks = KolmogorovSmirnov.Uniform(rp);
            Console.WriteLine($"{name}: units {u.Units.Count}, occ {u.Occurrences}; 1000 unrelated keys: p<0.01 {ps.Count(p => p < 0.01)}, p<0.001 {ps.Count(p => p < 0.001)}; KS D {ks.D:F3} p {ks.PValue:G3}; used key p {ProvenanceTest.Score(u, used, 1, o).PValue:G3}");
        }
        return 0;
    }
}

internal static partial class Experiments2
{
    /// <summary>Null check: for real bodies, randomised p-values from HMAC keys and from uniform random choices.</summary>
    public static int Check(string[] args)
    {
        var options = Experiments.Arg(args, "--statistic", "weighted") == "likelihood" ? new ProvenanceOptions { Statistic = ProvenanceStatistic.Likelihood } : ProvenanceOptions.Default;
        Console.WriteLine($"statistic: {options.Statistic.ToString().ToLowerInvariant()}");
        var bodies = new List<SuspectUnits>();
        foreach (var (_, _, texts) in Corpora.All())
            bodies.AddRange(Corpora.Bodies(texts(), 5000).Take(12).Select(b => SuspectUnits.Collect(b)));
        bodies = bodies.Where(b => b.Units.Count >= 10).ToList();
        var rng = new Random(5);
        var viaKeys = new List<double>(); var viaRng = new List<double>();
        foreach (var b in bodies)
        {
            var scores = ProvenanceTest.UnitScores(b, options);
            for (int k = 0; k < 200; k++)
            {
                var r = ProvenanceTest.Score(b, WatermarkKey.FromSeed("fpr-" + k), 1, options);
                viaKeys.Add(r.PValueAbove + rng.NextDouble() * (r.PValue - r.PValueAbove));
                long t = 0;
                foreach (var v in scores) t += v[rng.Next(v.Length)];
                double p = UniformChoiceSum.UpperTail(scores, t), pa = UniformChoiceSum.UpperTail(scores, t + 1);
                viaRng.Add(pa + rng.NextDouble() * (p - pa));
            }
        }
        var a = KolmogorovSmirnov.Uniform(viaKeys); var c = KolmogorovSmirnov.Uniform(viaRng);
        Console.WriteLine($"HMAC keys: KS D {a.D:F4} p {a.PValue:G3}; uniform random choices: KS D {c.D:F4} p {c.PValue:G3}; n {viaKeys.Count}");
        foreach (var q in new[] { 0.001, 0.01, 0.05, 0.1, 0.25, 0.5, 0.75, 0.9 })
            Console.WriteLine($"  P(p ≤ {q}): keys {viaKeys.Count(x => x <= q) / (double)viaKeys.Count:F4}  random {viaRng.Count(x => x <= q) / (double)viaRng.Count:F4}");
        return 0;
    }
}
