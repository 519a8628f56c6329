using System.IO.Compression;
using System.Text;
using DistillGuard.Simulation.Evaluation;
using static DistillGuard.Simulation.Tests.EvaluationFixtures;

namespace DistillGuard.Simulation.Tests;

public sealed class EvaluationDataQualityTests
{
    [Fact]
    public void Evaluate_LabelledAccountWithoutVerdict_CountsAsClearAndIsReportedWithItsLabelLine()
    {
        var r = Evaluate(Lines(Label("c1", "x", "h"), Label("s1", null, "student"), Label("c2", "x", "h")),
                         Lines(Verdict("c1", "campaign", "K")));

        Assert.Equal(1, r.CampaignVerdict.FalseNegatives); // c2
        Assert.Equal(1, r.CampaignVerdict.TrueNegatives);  // s1
        Assert.Equal(1, r.LabelledCampaigns[0].MissingVerdicts);
        Assert.Equal(1, r.LegitimatePersonas[0].Clear);
        Assert.Equal(1, r.Accounts.WithVerdict);
        var missing = r.DataQuality.MissingFromVerdicts;
        Assert.Equal(2, missing.Count);
        Assert.Equal([("s1", 2L), ("c2", 3L)], missing.Examples.Select(e => (e.Account!, e.Line)));
        Assert.All(missing.Examples, e => Assert.Equal("labels.jsonl", e.File));
    }

    [Fact]
    public void Evaluate_VerdictForUnlabelledAccount_IsReportedAndLeftOutOfMetrics()
    {
        var r = Evaluate(Lines(Label("c1", "x", "h")),
                         Lines(Verdict("c1", "campaign", "K"), Verdict("ghost", "campaign", "K")));

        Assert.Equal(0, r.CampaignVerdict.FalsePositives);
        Assert.Equal(1, r.DataQuality.NotInLabels.Count);
        Assert.Equal(("ghost", 2L), (r.DataQuality.NotInLabels.Examples[0].Account, r.DataQuality.NotInLabels.Examples[0].Line));
        // It still sits in its detected campaign, as an unlabelled member lowering purity.
        var k = r.DetectedCampaigns.Single();
        Assert.Equal((2L, 1L, 0.5), (k.Members, k.Unlabelled, k.Purity));
    }

    [Fact]
    public void Evaluate_DuplicateVerdicts_UseTheFirstAndReportTheRestWithLineNumbers()
    {
        var r = Evaluate(Lines(Label("c1", "x", "h"), Label("s1", null, "student")),
                         Lines(Verdict("c1", "campaign", "K"), Verdict("s1", "clear"), Verdict("c1", "clear"), Verdict("c1", "watch"),
                               Verdict("u", "clear"), Verdict("u", "clear")));

        Assert.Equal(1, r.CampaignVerdict.TruePositives);
        var d = r.DataQuality.DuplicateVerdicts;
        Assert.Equal(3, d.Count);
        Assert.Equal([3L, 4L, 6L], d.Examples.Select(e => e.Line));
        Assert.Contains("line 1", d.Examples[0].Message);
    }

    [Fact]
    public void Evaluate_DuplicateLabels_UseTheFirstAndAreReported()
    {
        var r = Evaluate(Lines(Label("a", "x", "h"), Label("a", null, "student")), Lines(Verdict("a", "campaign", "K")));

        Assert.Equal(1, r.Accounts.Labelled);
        Assert.Equal(1, r.CampaignVerdict.TruePositives);
        Assert.Equal(1, r.DataQuality.DuplicateLabels.Count);
        Assert.Equal(2, r.DataQuality.DuplicateLabels.Examples[0].Line);
    }

    [Fact]
    public void Evaluate_MalformedLines_AreSkippedAndReportedWithFileAndLine()
    {
        string labels = Lines(
            Label("c1", "x", "h"),
            "{\"account\":\"broken\"",                                   // 2: truncated
            "[1,2]",                                                     // 3: not an object
            "{\"account\":42,\"campaign\":null,\"persona\":\"p\"}",       // 4: account not a string
            "{\"account\":\"n\",\"campaign\":null}",                      // 5: persona missing
            "{\"account\":\"m\",\"campaign\":7,\"persona\":\"p\"}",       // 6: campaign not string/null
            Label("s1", null, "student") + " {}");                       // 7: trailing content
        string verdicts = Lines(
            Verdict("c1", "campaign", "K"),
            "{\"account\":\"s1\",\"score\":0.1}",                         // 2: verdict missing
            "garbage");                                                  // 3

        var r = Evaluate(labels, verdicts);

        var bad = r.DataQuality.MalformedLines;
        Assert.Equal(8, bad.Count);
        Assert.Equal(
            [("labels.jsonl", 2L), ("labels.jsonl", 3L), ("labels.jsonl", 4L), ("labels.jsonl", 5L), ("labels.jsonl", 6L), ("labels.jsonl", 7L),
             ("verdicts.jsonl", 2L), ("verdicts.jsonl", 3L)],
            bad.Examples.Select(e => (e.File, e.Line)));
        Assert.Contains("persona", bad.Examples[3].Message);
        Assert.Contains("verdict", bad.Examples[6].Message);
        Assert.DoesNotContain(bad.Examples, e => e.Message.Contains("LineNumber"));
        Assert.Equal(1, r.Accounts.Labelled);
    }

    [Fact]
    public void Evaluate_VerdictValueOutsideTheContract_CountsAsClearAndIsReported()
    {
        var r = Evaluate(Lines(Label("c1", "x", "h"), Label("s1", null, "student")),
                         Lines(Verdict("c1", "Campaign", "K"), Verdict("s1", "block")));

        Assert.Equal((0L, 0L, 1L, 1L), (r.CampaignVerdict.TruePositives, r.CampaignVerdict.FalsePositives,
                                        r.CampaignVerdict.FalseNegatives, r.CampaignVerdict.TrueNegatives));
        Assert.Equal(2, r.DataQuality.InvalidVerdictValues.Count);
        Assert.Contains("\"Campaign\"", r.DataQuality.InvalidVerdictValues.Examples[0].Message);
        Assert.Equal(1, r.LegitimatePersonas[0].Clear);
    }

    [Fact]
    public void Evaluate_BadScores_AreReportedButTheVerdictIsStillUsed()
    {
        string verdicts = Lines(
            Verdict("a", "campaign", "K", 1.5),
            Verdict("b", "campaign", "K", -0.01),
            "{\"account\":\"c\",\"verdict\":\"campaign\",\"campaign\":\"K\"}",
            "{\"account\":\"d\",\"score\":\"high\",\"verdict\":\"campaign\",\"campaign\":\"K\"}",
            Verdict("e", "campaign", "K", 1.0),
            Verdict("f", "clear", null, 0.0));
        string labels = Lines(new[] { "a", "b", "c", "d", "e", "f" }.Select(a => Label(a, "x", "h")).ToArray());

        var r = Evaluate(labels, verdicts);

        Assert.Equal(5, r.CampaignVerdict.TruePositives);
        var scores = r.DataQuality.ScoresOutOfRange;
        Assert.Equal(4, scores.Count);
        Assert.Equal(["a", "b", "c", "d"], scores.Examples.Select(e => e.Account));
        Assert.Contains("1.5", scores.Examples[0].Message);
        Assert.Contains("missing", scores.Examples[2].Message);
    }

    [Fact]
    public void Evaluate_CampaignVerdictWithoutCampaignId_IsACampaignPositiveAndAConsistencyFinding()
    {
        var r = Evaluate(Lines(Label("c1", "x", "h")), Lines(Verdict("c1", "campaign", null)));

        Assert.Equal(1, r.CampaignVerdict.TruePositives);
        Assert.Equal(1, r.DataQuality.CampaignConsistency.Count);
        Assert.Equal(1, r.LabelledCampaigns[0].NotInAnyDetectedCampaign);
    }

    [Fact]
    public void Evaluate_ManyFindings_CountsAllButKeepsOnlyMaxExamples()
    {
        string labels = Lines(Enumerable.Range(0, 50).Select(i => Label($"a{i}", null, "p")).ToArray());

        var r = Evaluate(labels, "", options: new EvaluationOptions { MaxExamples = 3 });

        Assert.Equal(50, r.DataQuality.MissingFromVerdicts.Count);
        Assert.Equal(3, r.DataQuality.MissingFromVerdicts.Examples.Count);
        Assert.True(r.DataQuality.MissingFromVerdicts.Truncated);
        Assert.False(r.DataQuality.Clean);
    }

    [Fact]
    public void Evaluate_FileWithNoValidLine_ThrowsInputErrorNamingTheFile()
    {
        var ex = Assert.Throws<EvaluationInputException>(() => Evaluate(Lines(Label("a", null, "p")), "\u001f\u008b binary\nmore binary\n"));

        Assert.Equal("verdicts.jsonl", ex.File);
        Assert.Contains("line 1", ex.Message);
    }

    [Theory]
    [InlineData("{\"id\":\"C\"}")]
    [InlineData("[{\"id\":\"C\",\"accounts\":[\"a\"]}")]
    [InlineData("not json")]
    public void Evaluate_CampaignsFileNotAJsonArray_ThrowsInputError(string campaigns)
    {
        var ex = Assert.Throws<EvaluationInputException>(() => Evaluate(Lines(Label("a", null, "p")), Lines(Verdict("a", "clear")), campaigns));

        Assert.Equal("campaigns.json", ex.File);
    }

    [Fact]
    public void Evaluate_CampaignsFileElementWithoutId_IsReportedAsMalformed()
    {
        var r = Evaluate(Lines(Label("a", "x", "p")), Lines(Verdict("a", "campaign", "C")),
                         """[{"accounts":["a"]},{"id":"C","accounts":["a", 5]}]""");

        Assert.Equal(2, r.DataQuality.MalformedLines.Count);
        Assert.Equal(1, r.DetectedCampaigns.Single().Members);
    }

    [Fact]
    public void EvaluateFiles_GzipAndPlainFiles_GiveTheSameReport()
    {
        string dir = Directory.CreateTempSubdirectory("dg-eval-").FullName;
        try
        {
            string labels = Path.Combine(dir, "labels.jsonl.gz");
            using (var gz = new GZipStream(File.Create(labels), CompressionLevel.Fastest))
            {
                gz.Write(Encoding.UTF8.GetBytes(StandardLabels));
            }
            string verdicts = Path.Combine(dir, "verdicts.jsonl");
            File.WriteAllText(verdicts, StandardVerdicts);

            var fromFiles = Evaluator.EvaluateFiles(labels, verdicts, null);

            Assert.Equal(Evaluate(StandardLabels, StandardVerdicts).CampaignVerdict, fromFiles.CampaignVerdict);
            Assert.True(fromFiles.DataQuality.Clean);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
