using DistillGuard.Provenance.Detection;
using DistillGuard.Provenance.Lexicons;
using DistillGuard.Provenance.Stats;
using DistillGuard.Provenance.Student;
using DistillGuard.Provenance.Tests.Support;
using DistillGuard.Provenance.Watermarking;
using DistillGuard.ProvenanceBench;

namespace DistillGuard.Provenance.Tests;

public sealed class ProvenanceTests
{
    private static readonly ProvenanceOptions Hits = new() { Statistic = ProvenanceStatistic.Hits };

    private static List<string> First(IEnumerable<string> texts, long tokens)
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

    private static IEnumerable<string> ModelText() => Corpora.TauAirlineAssistant().Concat(Corpora.TauRetailAssistant());

    [SharedDataFact]
    public void WatermarkedModelText_IsDetectedFrom20KTokens()
    {
        var key = WatermarkKey.FromSeed("detect");
        var wm = new Watermarker(key);
        var marked = First(ModelText().Skip(300), 20_000).Select(wm.Apply).ToList();
        var units = SuspectUnits.Collect(marked);
        Assert.InRange(units.Tokens, 19_000, 21_000);
        Assert.True(ProvenanceTest.Score(units, key).PValue <= 1e-6);
        Assert.True(ProvenanceTest.Score(units, key, 1, Hits).PValue <= 1e-6);
    }

    [SharedDataFact]
    public void LightParaphrase_OfWatermarkedText_IsStillDetected()
    {
        var key = WatermarkKey.FromSeed("para");
        var wm = new Watermarker(key);
        var rng = new Random(5);
        long words = 0, changed = 0;
        var para = First(ModelText().Skip(900), 20_000).Select(t =>
        {
            var p = LightParaphraser.Paraphrase(wm.Apply(t), rng, 0.2, out int c);
            words += t.Split((char[])[' ', '\n'], StringSplitOptions.RemoveEmptyEntries).Length;
            changed += c;
            return p;
        }).ToList();
        Assert.InRange((double)changed / words, 0.17, 0.23);
        var units = SuspectUnits.Collect(para);
        Assert.True(ProvenanceTest.Score(units, key).PValue <= 1e-3);
        Assert.True(ProvenanceTest.Score(units, key, 1, Hits).PValue <= 1e-3);
    }

    [Fact]
    public void RepeatedPhrase_CannotMakeAResult()
    {
        string once = "I don't think it's big, however you're right and I can't help you with that. ";
        var units = SuspectUnits.Collect([string.Concat(Enumerable.Repeat(once, 2000))]);
        Assert.True(units.Occurrences > 10_000);
        Assert.True(units.Units.Count <= 12);
        // Whatever the key, a handful of units can give at most (1/2)^units.
        for (int i = 0; i < 200; i++)
        {
            var k = WatermarkKey.FromSeed("rep" + i);
            Assert.True(ProvenanceTest.Score(units, k).PValue >= 1.0 / 4096);
            Assert.True(ProvenanceTest.Score(units, k, 1, Hits).PValue >= 1.0 / 4096);
            Assert.True(ProvenanceTest.Score(units, k, 1, new ProvenanceOptions { Statistic = ProvenanceStatistic.Likelihood }).PValue >= 1.0 / 4096);
        }
    }

    [Fact]
    public void Likelihood_DetectsTheMark_AndAWrongReferenceChangesPowerNotValidity()
    {
        var clean = TestText.Docs();
        var key = WatermarkKey.FromSeed("lik");
        var likelihood = new ProvenanceOptions { Statistic = ProvenanceStatistic.Likelihood };
        Assert.True(ProvenanceTest.Score(SuspectUnits.Collect(clean.Select(new Watermarker(key).Apply)), key, 1, likelihood).PValue <= 1e-6);
        // The opposite preferences as the reference: p-values of clean text under 400 keys stay uniform.
        var flipped = ReferenceModel.FromTexts(clean.Select(t => new Watermarker(WatermarkKey.FromSeed("flip"), new WatermarkOptions { MaxChangeShare = 1, ChangeAllowanceWords = 1000 }).Apply(t)));
        var units = SuspectUnits.Collect(clean);
        NullCalibration.AssertUniform(units, "lik-", likelihood with { Reference = flipped }, seed: 9);
    }

    /// <summary>Clean human and model text, 60 keys: rejections at 0.01 are at most 1 %, and randomised p-values are uniform.</summary>
    [SharedDataFact]
    public void CleanText_NeverAlarms_AndPValuesAreUniform()
    {
        var bodies = new List<List<string>>();
        foreach (var (_, _, texts) in Corpora.All())
            bodies.AddRange(Corpora.Bodies(texts(), 4_000).Take(6));
        bodies.AddRange(Corpora.Bodies(TestText.Docs(), 4_000));
        var units = bodies.Select(b => SuspectUnits.Collect(b)).Where(u => u.Units.Count >= 20).ToList();
        Assert.True(units.Count >= 40, $"only {units.Count} bodies");
        var rng = new Random(17);
        foreach (var options in new[] { ProvenanceOptions.Default, new ProvenanceOptions { Statistic = ProvenanceStatistic.Likelihood }, Hits })
        {
            var p = new List<double>();
            var randomised = new List<double>();
            for (int k = 0; k < 60; k++)
            {
                var key = WatermarkKey.FromSeed("clean-" + k);
                foreach (var u in units)
                {
                    var r = ProvenanceTest.Score(u, key, 1, options);
                    p.Add(r.PValue);
                    randomised.Add(r.PValueAbove + rng.NextDouble() * (r.PValue - r.PValueAbove));
                }
            }
            // An exact test rejects at most 1 % in expectation; the observed share of a finite run must not exceed 1 % by
            // more than sampling allows (one-sided 99 % binomial bound), and is reported by bench/provenance.sh.
            double fpr = p.Count(x => x < 0.01) / (double)p.Count;
            double bound = 0.01 + 2.33 * Math.Sqrt(0.01 * 0.99 / p.Count);
            Assert.True(fpr <= bound, $"{options.Statistic}: false-positive rate {fpr:P2} over {p.Count} tests (bound {bound:P2})");
            var ks = KolmogorovSmirnov.Uniform(randomised);
            Assert.True(ks.PValue > 0.001, $"{options.Statistic}: randomised p-values not uniform (KS D {ks.D:F4}, p {ks.PValue:G3})");
        }
    }

    [Fact]
    public void BuiltInText_WithManyKeys_IsNeverFlagged()
    {
        var units = SuspectUnits.Collect(TestText.Docs());
        Assert.True(units.Units.Count > 100, $"{units.Units.Count} units");
        var ps = Enumerable.Range(0, 100).Select(k => ProvenanceTest.Score(units, WatermarkKey.FromSeed("docs-" + k)).PValue).ToList();
        Assert.True(ps.Count(p => p < 0.01) <= 3, string.Join(", ", ps.Where(p => p < 0.05)));
        Assert.True(ps.Min() > 1e-4);
    }

    [Fact]
    public void PerAccountKeys_AttributeTextToTheAccountWhoseOutputsItCarries()
    {
        var keys = Enumerable.Range(0, 10).Select(i => WatermarkKey.FromSeed($"acct-{i}", "lab", KeyScope.Account)).ToList();
        var wm = new Watermarker(keys[3]);
        var marked = TestText.Docs().Take(300).Select(wm.Apply).ToList();
        var result = ProvenanceTest.Run(SuspectUnits.Collect(marked), keys);
        Assert.Equal(keys[3].Id, result.Best!.KeyId);
        Assert.Equal("account acct-3 of lab", result.Best.Marks);
        Assert.True(result.Best.AdjustedPValue <= 1e-6);
        Assert.All(result.Keys.Where(k => k.KeyId != keys[3].Id), k => Assert.True(k.AdjustedPValue > 0.01, $"{k.KeyId}: {k.AdjustedPValue}"));
    }

    [Fact]
    public void BucketedContextKeys_DetectTheirOwnMark_AndRefuseUnitsOfAnotherGranularity()
    {
        var key = WatermarkKey.FromSeed("bucketed", contextBuckets: 8);
        var marked = TestText.Docs().Take(200).Select(new Watermarker(key).Apply).ToList();
        var units = SuspectUnits.Collect(marked, contextBuckets: 8);
        Assert.True(units.Units.Count <= 8 * WatermarkLexicon.BuiltIn.Sets.Count);
        Assert.True(ProvenanceTest.Score(units, key).PValue <= 1e-6);
        Assert.True(ProvenanceTest.Run(marked, [key, WatermarkKey.FromSeed("plain")]).Keys[0].PValue <= 1e-6);
        Assert.Throws<ArgumentException>(() => ProvenanceTest.Score(SuspectUnits.Collect(marked), key));
        var nulls = Enumerable.Range(0, 60).Select(k => ProvenanceTest.Score(SuspectUnits.Collect(TestText.Docs(), contextBuckets: 8), WatermarkKey.FromSeed("bn" + k, contextBuckets: 8)).PValue).ToList();
        Assert.True(nulls.Count(p => p < 0.01) <= 2);
    }

    [Fact]
    public void LabModelPredictor_KeepsTheTestExact_AndDetectsTheMark()
    {
        var docs = TestText.Docs();
        var predictor = NGramReference.Train(docs.Take(200));
        var rest = docs.Skip(200).ToList();
        var clean = SuspectUnits.Collect(rest, predictor: predictor);
        Assert.Contains(clean.Units, u => u.Expected is not null);
        var ps = Enumerable.Range(0, 200).Select(k => ProvenanceTest.Score(clean, WatermarkKey.FromSeed("pred-" + k)).PValue).ToList();
        Assert.True(ps.Count(p => p < 0.01) <= 6, $"{ps.Count(p => p < 0.01)} of 200 keys rejected at 0.01");
        var key = WatermarkKey.FromSeed("pred");
        var marked = SuspectUnits.Collect(rest.Select(new Watermarker(key).Apply), predictor: predictor);
        Assert.True(ProvenanceTest.Score(marked, key).PValue <= 1e-6);
    }

    [Fact]
    public void ReferenceModel_ChangesPowerNotValidity()
    {
        // A reference that is wildly wrong (the opposite preferences) still gives valid p-values on clean text.
        var clean = TestText.Docs();
        var units = SuspectUnits.Collect(clean);
        var flipped = ReferenceModel.FromTexts(clean.Select(t => new Watermarker(WatermarkKey.FromSeed("flip"), new WatermarkOptions { MaxChangeShare = 1, ChangeAllowanceWords = 1000 }).Apply(t)));
        NullCalibration.AssertUniform(units, "ref-", new ProvenanceOptions { Reference = flipped }, seed: 8);
    }

    [SharedDataFact]
    public void Student_TrainedOnWatermarkedOutputs_IsDetected_CleanStudentIsNot()
    {
        var docs = ModelText().ToList();
        var key = WatermarkKey.FromSeed("student");
        var wm = new Watermarker(key);
        var rng = new Random(2);
        var marked = NGramStudent.Train(docs.Select(d => rng.NextDouble() < 0.5 ? wm.Apply(d) : d));
        var clean = NGramStudent.Train(docs);
        List<string> Sample(NGramStudent s, int seed)
        {
            var r = new Random(seed);
            var list = new List<string>();
            for (long n = 0; n < 20_000;) { var t = s.Sample(r, 300); n += TokenCounter.Count(t); list.Add(t); }
            return list;
        }
        var um = SuspectUnits.Collect(Sample(marked, 9));
        double pm = ProvenanceTest.Score(um, key).PValue;
        double pc = ProvenanceTest.Score(SuspectUnits.Collect(Sample(clean, 9)), key).PValue;
        Assert.True(pm <= 1e-4, $"student of half-watermarked outputs: p = {pm} ({um.Units.Count} units, {um.Tokens} tokens)");
        Assert.True(pc > 0.01, $"student of clean outputs: p = {pc}");
    }
}
