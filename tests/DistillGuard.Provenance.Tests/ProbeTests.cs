using DistillGuard.Provenance.Detection;
using DistillGuard.Provenance.Stats;
using DistillGuard.Provenance.Student;
using DistillGuard.Provenance.Tests.Support;
using DistillGuard.Provenance.Watermarking;
using DistillGuard.ProvenanceBench;

namespace DistillGuard.Provenance.Tests;

public sealed class ProbeTests
{
    [Fact]
    public void ProbeAnswer_OfTheAskedLength_ReadsBackAsWellAsALongerOne()
    {
        // The original text's own continuation, cut to the words a probe asks for, reads back as the original's member
        // exactly as often as one a word longer: asking for no extra word where no constraint needs one loses no answer.
        int probes = 0, read = 0, readLonger = 0;
        foreach (var doc in TestText.Docs().Append(TestText.Assistant))
        {
            var built = WatermarkProbes.Build([doc], perUnit: 100);
            foreach (var p in built)
            {
                int at = doc.IndexOf(p.Prefix, StringComparison.Ordinal) + p.Prefix.Length;
                var tokens = NGramStudent.Tokenize(doc[at..]);
                bool Reads(int words)
                {
                    var (observed, _, _) = WatermarkProbes.Observe(built, [(p.Id, NGramStudent.Detokenize(tokens.Take(words)))]);
                    return observed.Count == 1 && observed[0].Observation.Member == p.Member;
                }
                probes++;
                if (Reads(p.MaxTokens)) read++;
                if (Reads(p.MaxTokens + 1)) readLonger++;
            }
        }
        Assert.True(probes > 200, $"{probes} probes");
        Assert.Equal(readLonger, read);
        Assert.True(read >= probes * 0.95, $"{read} of {probes} answers read back as the original member");
    }

    [Fact]
    public void Rank_KeepsTheRequestedShare_MostPromisingFirst_WithoutAKey()
    {
        var docs = TestText.Docs();
        var model = NGramReference.Train(docs);
        var reference = ReferenceModel.FromTexts(docs);
        var all = WatermarkProbes.Build(docs, perUnit: 4, propensity: model);
        Assert.All(all, p => Assert.InRange(p.Propensity!.Value, 0.0, 1.0));
        var kept = WatermarkProbes.Rank(all, reference, 0.5);
        Assert.Equal((int)Math.Ceiling(all.Count * 0.5), kept.Count);
        Assert.Equal(kept.Count, kept.Select(p => p.Id).Distinct().Count());
        // Deterministic: the same clean text gives the same probes (nothing key-dependent or random enters).
        Assert.Equal(kept.Select(p => p.Id), WatermarkProbes.Rank(all, reference, 0.5).Select(p => p.Id));
        Assert.True(kept.Average(p => p.Propensity!.Value) >= all.Average(p => p.Propensity!.Value));
    }

    [Fact]
    public void RankedProbes_AnsweredByAModelThatNeverSawTheKey_GiveUniformPValues()
    {
        // Probes ranked with the lab's clean text, answered by a student of clean text: the test stays exact.
        var docs = TestText.Docs();
        var model = NGramReference.Train(docs);
        var reference = ReferenceModel.FromTexts(docs);
        var probes = WatermarkProbes.Rank(WatermarkProbes.Build(docs, perUnit: 4, propensity: model), reference, 0.5);
        var units = WatermarkProbes.Read(probes, Answer(NGramStudent.Train(docs), probes, new Random(3), answers: 4 * probes.Count));
        Assert.True(units.Units.Count >= 50, $"{units.Units.Count} units");
        NullCalibration.AssertUniform(units, "probe-null-", new ProvenanceOptions { Reference = reference }, seed: 4);
    }

    [SharedDataFact]
    public void Student_OfTenPercentWatermarkedOutputs_IsDetectedByRankedProbes_CleanStudentIsNot()
    {
        // As bench/provenance.sh student: model-written originals, four fifths harvested, a tenth of those watermarked.
        var originals = ModelOriginals();
        var harvest = originals.Where((_, i) => i % 5 != 4).ToList();
        var reference = ReferenceModel.FromTexts(originals);
        var probes = WatermarkProbes.Rank(WatermarkProbes.Build(originals, max: 1_000_000, perUnit: 8, propensity: NGramReference.Train(originals)), reference);
        var key = WatermarkKey.FromSeed("probe-student");
        var wm = new Watermarker(key);
        var options = new ProvenanceOptions { Reference = reference };
        double P(double share)
        {
            var rng = new Random(7);
            var student = NGramStudent.Train(harvest.Select(d => rng.NextDouble() < share ? wm.Apply(d) : d));
            return ProvenanceTest.Score(WatermarkProbes.Read(probes, Answer(student, probes, rng, tokens: 20_000)), key, 1, options).PValue;
        }
        double marked = P(0.1), clean = P(0);
        Assert.True(marked <= 1e-4, $"student of 10 % watermarked outputs: p = {marked}");
        Assert.True(clean > 0.01, $"student of clean outputs: p = {clean}");
    }

    [Fact]
    public void ProbesFromWhatWasServedWatermarked_AnsweredByAStudentOfItsOriginals_GiveUniformPValues()
    {
        // The lab probes only with the originals of a chosen third of its outputs (those it served watermarked); a student
        // trained on all of them unwatermarked answers. Choosing the documents is policy, not key: the test stays exact.
        var docs = TestText.Docs();
        var served = docs.Where((_, i) => i % 3 == 0).ToList();
        var reference = ReferenceModel.FromTexts(docs);
        var probes = WatermarkProbes.Rank(WatermarkProbes.Build(served, perUnit: 8, propensity: NGramReference.Train(docs)), reference, 1.0);
        var units = WatermarkProbes.Read(probes, Answer(NGramStudent.Train(docs), probes, new Random(5), answers: 6 * probes.Count));
        Assert.True(units.Units.Count >= 30, $"{units.Units.Count} units");
        NullCalibration.AssertUniform(units, "served-null-", new ProvenanceOptions { Reference = reference }, seed: 6);
    }

    [SharedDataFact]
    public void Student_OfTwoPercentWatermarkedOutputs_IsDetectedByProbesFromWhatWasServedWatermarked_CleanStudentIsNot()
    {
        // As bench/provenance.sh student, column "served watermarked": a fiftieth of the harvest was served watermarked,
        // and the lab cuts its probes from the originals of exactly those responses (its watermark journal).
        var originals = ModelOriginals();
        var harvest = originals.Where((_, i) => i % 5 != 4).ToList();
        var reference = ReferenceModel.FromTexts(originals);
        var labModel = NGramReference.Train(originals);
        var key = WatermarkKey.FromSeed("served-student");
        var wm = new Watermarker(key);
        var options = new ProvenanceOptions { Reference = reference };
        var pick = new Random(11);
        var served = harvest.Where(_ => pick.NextDouble() < 0.02).ToHashSet();
        var probes = WatermarkProbes.Rank(WatermarkProbes.Build(served, max: 1_000_000, perUnit: 8, propensity: labModel), reference, 1.0);
        double P(bool marked)
        {
            var rng = new Random(7);
            var student = NGramStudent.Train(harvest.Select(d => marked && served.Contains(d) ? wm.Apply(d) : d));
            return ProvenanceTest.Score(WatermarkProbes.Read(probes, Answer(student, probes, rng, tokens: 20_000)), key, 1, options).PValue;
        }
        double p2 = P(true), clean = P(false);
        Assert.True(p2 <= 1e-4, $"student of 2 % watermarked outputs: p = {p2}");
        Assert.True(clean > 0.01, $"student of clean outputs: p = {clean}");
    }

    /// <summary>The student bench's model-written originals (bench/provenance.sh student).</summary>
    private static List<string> ModelOriginals() =>
        [.. Corpora.TauAirlineAssistant(), .. Corpora.TauRetailAssistant(), .. Corpora.TauAirlineUser(), .. Corpora.CodeAlpacaOutputs(), .. Corpora.AlpacaSeedOutputs()];

    /// <summary>The student continues the probes round robin: a given number of answers, or until a token budget is spent.</summary>
    private static List<(string, string)> Answer(NGramStudent student, IReadOnlyList<WatermarkProbe> probes, Random rng, int answers = int.MaxValue, long tokens = long.MaxValue)
    {
        var list = new List<(string, string)>();
        long spent = 0;
        for (int i = 0; list.Count < answers && spent < tokens; i = (i + 1) % probes.Count)
        {
            string a = student.Continue(rng, probes[i].Prefix, probes[i].MaxTokens);
            spent += Math.Max(1, TokenCounter.Count(a));
            list.Add((probes[i].Id, a));
        }
        return list;
    }
}
