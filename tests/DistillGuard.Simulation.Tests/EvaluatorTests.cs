using DistillGuard.Simulation.Evaluation;
using static DistillGuard.Simulation.Tests.EvaluationFixtures;

namespace DistillGuard.Simulation.Tests;

public sealed class EvaluatorTests
{
    private const double Tol = 1e-12;

    [Fact]
    public void Evaluate_StandardFixture_CountsCampaignVerdictConfusion()
    {
        var r = Evaluate(StandardLabels, StandardVerdicts);

        var m = r.CampaignVerdict;
        Assert.Equal("campaign", m.Flagged);
        Assert.Equal(4, m.TruePositives);   // c1 c2 c3 d1
        Assert.Equal(2, m.FalsePositives);  // s1 l1
        Assert.Equal(2, m.FalseNegatives);  // c4 (watch) d2 (clear)
        Assert.Equal(4, m.TrueNegatives);   // s2 s3 w1 h1
        Assert.Equal(4.0 / 6, m.Precision, Tol);
        Assert.Equal(4.0 / 6, m.Recall, Tol);
        Assert.Equal(4.0 / 6, m.F1, Tol);
    }

    [Fact]
    public void Evaluate_StandardFixture_CountsCampaignOrWatchAsSecondaryLine()
    {
        var m = Evaluate(StandardLabels, StandardVerdicts).CampaignOrWatch;

        Assert.Equal((5L, 4L, 1L, 2L), (m.TruePositives, m.FalsePositives, m.FalseNegatives, m.TrueNegatives));
        Assert.Equal(5.0 / 9, m.Precision, Tol);
        Assert.Equal(5.0 / 6, m.Recall, Tol);
        double f1 = 2 * (5.0 / 9) * (5.0 / 6) / (5.0 / 9 + 5.0 / 6);
        Assert.Equal(f1, m.F1, Tol);
    }

    [Fact]
    public void Evaluate_StandardFixture_CountsAccountTotals()
    {
        var a = Evaluate(StandardLabels, StandardVerdicts).Accounts;

        Assert.Equal(12, a.Labelled);
        Assert.Equal(6, a.CampaignMembers);
        Assert.Equal(6, a.Legitimate);
        Assert.Equal(12, a.VerdictLines);
        Assert.Equal(12, a.WithVerdict);
    }

    [Fact]
    public void Evaluate_StandardFixture_ReportsRecallAndLandingPerLabelledCampaign()
    {
        var rows = Evaluate(StandardLabels, StandardVerdicts).LabelledCampaigns;

        Assert.Equal(["agentic-1", "cot-sweep-1"], rows.Select(x => x.Campaign));
        var agentic = rows[0];
        Assert.Equal((2L, 1L, 0L), (agentic.Members, agentic.FlaggedCampaign, agentic.FlaggedWatch));
        Assert.Equal(0.5, agentic.Recall, Tol);
        Assert.Equal([("C-B", 1L)], agentic.LandedIn.Select(l => (l.Campaign, l.Accounts)));
        Assert.Equal(1, agentic.NotInAnyDetectedCampaign);
        Assert.False(agentic.Split);

        var cot = rows[1];
        Assert.Equal((4L, 3L, 1L), (cot.Members, cot.FlaggedCampaign, cot.FlaggedWatch));
        Assert.Equal(0.75, cot.Recall, Tol);
        Assert.Equal([("C-A", 2L), ("C-B", 1L)], cot.LandedIn.Select(l => (l.Campaign, l.Accounts)));
        Assert.Equal(1, cot.NotInAnyDetectedCampaign);
        Assert.True(cot.Split);
    }

    [Fact]
    public void Evaluate_StandardFixture_ListsEveryLegitimatePersonaWithZeros()
    {
        var personas = Evaluate(StandardLabels, StandardVerdicts).LegitimatePersonas;

        Assert.Equal(
            [
                ("hobbyist", 1L, 0L, 0L, 1L),
                ("licensed-distiller", 1L, 1L, 0L, 0L),
                ("student", 3L, 1L, 1L, 1L),
                ("writer", 1L, 0L, 1L, 0L),
            ],
            personas.Select(p => (p.Persona, p.Accounts, p.FalsePositives, p.Watch, p.Clear)));
        Assert.Equal(1.0 / 3, personas.Single(p => p.Persona == "student").FalsePositiveRate, Tol);
        Assert.DoesNotContain(personas, p => p.Persona.Contains("harvester"));
    }

    [Fact]
    public void Evaluate_StandardFixture_ReportsRecallPerCampaignPersona()
    {
        var rows = Evaluate(StandardLabels, StandardVerdicts).CampaignPersonas;

        Assert.Equal(
            [("agent-harvester", 2L, 1L, 0L, 0.5), ("cot-harvester", 4L, 3L, 1L, 0.75)],
            rows.Select(p => (p.Persona, p.Accounts, p.FlaggedCampaign, p.FlaggedWatch, p.Recall)));
    }

    [Fact]
    public void Evaluate_WithoutCampaignsFile_TakesDetectedCampaignsFromVerdictsAndMeasuresPurity()
    {
        var r = Evaluate(StandardLabels, StandardVerdicts);

        Assert.Equal("verdicts", r.DetectedCampaignSource);
        Assert.Equal(["C-A", "C-B"], r.DetectedCampaigns.Select(d => d.Id));
        var a = r.DetectedCampaigns[0];
        Assert.Equal((3L, "cot-sweep-1", 2L, 1L, 0L), (a.Members, a.MajorityCampaign, a.MajorityMembers, a.Legitimate, a.Unlabelled));
        Assert.Equal(2.0 / 3, a.Purity, Tol);
        var b = r.DetectedCampaigns[1];
        // c3 (cot-sweep-1), d1 (agentic-1), s1 (legit): a tie between campaigns goes to the ordinally first name.
        Assert.Equal((3L, "agentic-1", 1L, 1L), (b.Members, b.MajorityCampaign, b.MajorityMembers, b.Legitimate));
        Assert.Equal(1.0 / 3, b.Purity, Tol);
        Assert.Equal(3.0 / 6, r.WeightedPurity, Tol);
        Assert.Equal(1, r.SplitCampaignCount);
        Assert.Equal(["cot-sweep-1"], r.SplitCampaigns);
    }

    [Fact]
    public void Evaluate_WithCampaignsFile_TakesMembershipFromItAndReportsDisagreement()
    {
        var r = Evaluate(StandardLabels, StandardVerdicts, StandardCampaigns);

        Assert.Equal("campaigns.json", r.DetectedCampaignSource);
        var a = r.DetectedCampaigns.Single(d => d.Id == "C-A");
        Assert.Equal((4L, "cot-sweep-1", 3L, 1L), (a.Members, a.MajorityCampaign, a.MajorityMembers, a.Legitimate));
        Assert.Equal(0.75, a.Purity, Tol);
        var b = r.DetectedCampaigns.Single(d => d.Id == "C-B");
        Assert.Equal((2L, "agentic-1", 0.5), (b.Members, b.MajorityCampaign, b.Purity));
        Assert.Equal(0, r.SplitCampaignCount);
        Assert.Equal([("C-A", 3L)], r.LabelledCampaigns.Single(c => c.Campaign == "cot-sweep-1").LandedIn.Select(l => (l.Campaign, l.Accounts)));

        var consistency = r.DataQuality.CampaignConsistency;
        Assert.Equal(1, consistency.Count);
        Assert.Equal("c3", consistency.Examples[0].Account);
        Assert.Contains("C-B", consistency.Examples[0].Message);
        // The account-level metrics do not depend on campaigns.json.
        Assert.Equal(Evaluate(StandardLabels, StandardVerdicts).CampaignVerdict, r.CampaignVerdict);
    }

    [Fact]
    public void Evaluate_CampaignsFileMemberWithoutCampaignVerdict_IsReported()
    {
        string campaigns = """[{"id":"C-A","accounts":["c1","c2","l1","c4","zz"]},{"id":"C-B","accounts":["c3","d1","s1"]}]""";

        var r = Evaluate(StandardLabels, StandardVerdicts, campaigns);

        var messages = r.DataQuality.CampaignConsistency.Examples.Select(e => (e.Account, e.Message)).ToArray();
        Assert.Contains(messages, m => m.Account == "c4" && m.Message.Contains("watch"));
        Assert.Contains(messages, m => m.Account == "zz" && m.Message.Contains("neither a label nor a verdict"));
        Assert.Equal(1, r.DetectedCampaigns.Single(d => d.Id == "C-A").Unlabelled);
    }

    [Fact]
    public void Evaluate_AccountInTwoDetectedCampaigns_CountsInBothAndIsReported()
    {
        string campaigns = """[{"id":"C-A","accounts":["c1","c2"]},{"id":"C-B","accounts":["c1","c3"]}]""";

        var r = Evaluate(StandardLabels, StandardVerdicts, campaigns);

        Assert.Equal(2, r.DetectedCampaigns.Single(d => d.Id == "C-B").Members);
        Assert.Contains(r.DataQuality.CampaignConsistency.Examples, e => e.Account == "c1" && e.Message.Contains("both"));
        Assert.True(r.LabelledCampaigns.Single(c => c.Campaign == "cot-sweep-1").Split);
    }

    [Fact]
    public void Evaluate_NoPositivesAndNothingFlagged_PrecisionAndRecallAreOne()
    {
        var r = Evaluate(Lines(Label("s1", null, "student"), Label("w1", null, "writer")),
                         Lines(Verdict("s1", "clear"), Verdict("w1", "watch")));

        Assert.Equal((1.0, 1.0, 1.0), (r.CampaignVerdict.Precision, r.CampaignVerdict.Recall, r.CampaignVerdict.F1));
        // watch is a prediction in the secondary line: one false positive and no positives.
        Assert.Equal((0.0, 1.0, 0.0), (r.CampaignOrWatch.Precision, r.CampaignOrWatch.Recall, r.CampaignOrWatch.F1));
        Assert.Empty(r.LabelledCampaigns);
        Assert.Empty(r.DetectedCampaigns);
        Assert.Equal(1.0, r.WeightedPurity);
    }

    [Fact]
    public void Evaluate_PositivesButNothingFlagged_PrecisionRecallAndF1AreZero()
    {
        var r = Evaluate(Lines(Label("c1", "x", "harvester"), Label("s1", null, "student")),
                         Lines(Verdict("c1", "clear"), Verdict("s1", "clear")));

        Assert.Equal((0.0, 0.0, 0.0), (r.CampaignVerdict.Precision, r.CampaignVerdict.Recall, r.CampaignVerdict.F1));
        Assert.Equal(1, r.CampaignVerdict.FalseNegatives);
    }

    [Fact]
    public void Evaluate_EmptyInputs_ProducesAnEmptyReport()
    {
        var r = Evaluate("", "");

        Assert.Equal(0, r.Accounts.Labelled);
        Assert.Equal((1.0, 1.0), (r.CampaignVerdict.Precision, r.CampaignVerdict.Recall));
        Assert.True(r.DataQuality.Clean);
        Assert.True(r.Passed);
    }

    [Theory]
    [InlineData(0.6, null, true)]
    [InlineData(0.7, null, false)]
    [InlineData(null, 0.66, true)]
    [InlineData(null, 0.67, false)]
    [InlineData(0.5, 0.9, false)]
    public void Evaluate_MinimumThresholds_PassOnlyWhenMet(double? minPrecision, double? minRecall, bool passed)
    {
        // Precision and recall of the standard fixture are both 4/6.
        var r = Evaluate(StandardLabels, StandardVerdicts, options: new EvaluationOptions { MinPrecision = minPrecision, MinRecall = minRecall });

        Assert.Equal(passed, r.Passed);
        Assert.Equal((minPrecision is null ? 0 : 1) + (minRecall is null ? 0 : 1), r.Checks.Count);
    }

    [Fact]
    public void Evaluate_CrlfBomAndBlankLines_AreAccepted()
    {
        string labels = "\uFEFF" + Label("c1", "x", "h") + "\r\n\r\n   \r\n" + Label("s1", null, "student") + "\r\n";
        string verdicts = Verdict("c1", "campaign", "K") + "\r\n" + Verdict("s1", "clear"); // no final newline

        var r = Evaluate(labels, verdicts);

        Assert.True(r.DataQuality.Clean, string.Join("; ", r.DataQuality.MalformedLines.Examples.Select(e => e.Message)));
        Assert.Equal(1, r.CampaignVerdict.TruePositives);
        Assert.Equal(1, r.CampaignVerdict.TrueNegatives);
    }

    [Fact]
    public void Evaluate_EscapedAndUnicodeAccountIds_MatchAcrossFiles()
    {
        string labels = Lines("""{"account":"acct_\u00e9\"q","campaign":"c","persona":"p"}""", """{"account":"b","campaign":null,"persona":"p"}""");
        string verdicts = Lines("""{"account":"acct_é\"q","score":1,"verdict":"campaign","campaign":"K"}""", """{"account":"b","score":0,"verdict":"clear"}""");

        var r = Evaluate(labels, verdicts);

        Assert.True(r.DataQuality.Clean);
        Assert.Equal(1, r.CampaignVerdict.TruePositives);
    }

    [Fact]
    public void Evaluate_ManyRandomAccounts_ConfusionCountsAddUpAndAgreeWithBreakdowns()
    {
        var rng = new Random(20261126);
        var labels = new List<string>();
        var verdicts = new List<string>();
        string[] campaigns = ["k1", "k2", "k3"];
        string[] personas = ["student", "writer", "developer"];
        string[] values = ["clear", "watch", "campaign"];
        long tp = 0, fp = 0;
        for (int i = 0; i < 3000; i++)
        {
            string? campaign = rng.Next(4) == 0 ? campaigns[rng.Next(3)] : null;
            labels.Add(Label($"a{i}", campaign, campaign is null ? personas[rng.Next(3)] : "harvester"));
            string v = values[rng.Next(3)];
            verdicts.Add(Verdict($"a{i}", v, v == "campaign" ? $"D{rng.Next(5)}" : null, rng.NextDouble()));
            if (v == "campaign")
            {
                if (campaign is null) { fp++; } else { tp++; }
            }
        }
        // Verdicts in a different order from labels.
        verdicts.Reverse();

        var r = Evaluate(Lines([.. labels]), Lines([.. verdicts]));

        var m = r.CampaignVerdict;
        Assert.Equal(3000, m.TruePositives + m.FalsePositives + m.FalseNegatives + m.TrueNegatives);
        Assert.Equal((tp, fp), (m.TruePositives, m.FalsePositives));
        Assert.Equal(m.TruePositives, r.LabelledCampaigns.Sum(c => c.FlaggedCampaign));
        Assert.Equal(m.FalsePositives, r.LegitimatePersonas.Sum(p => p.FalsePositives));
        Assert.Equal(r.Accounts.Legitimate, r.LegitimatePersonas.Sum(p => p.Accounts));
        Assert.Equal(m.TruePositives + m.FalsePositives, r.DetectedCampaigns.Sum(d => d.Members));
        Assert.All(r.DetectedCampaigns, d => Assert.InRange(d.Purity, 0.0, 1.0));
        Assert.True(r.DataQuality.Clean);
    }
}

public sealed class DormantLabelTests
{
    /// <summary>Campaign c1: a1, a2 operated; a3, a4 bought and dormant; l1 a customer.</summary>
    private static readonly string Labels = EvaluationFixtures.Lines(
        EvaluationFixtures.Label("a1", "c1", "cot-sweep"),
        EvaluationFixtures.Label("a2", "c1", "cot-sweep"),
        """{"account":"a3","campaign":"c1","persona":"cot-sweep","dormant":true}""",
        """{"account":"a4","campaign":"c1","persona":"cot-sweep","dormant":true}""",
        EvaluationFixtures.Label("l1", null, "developer"));

    [Fact]
    public void DormantCampaignAccounts_AreLeftOutOfTheMetrics_AndTheirVerdictsCounted()
    {
        string verdicts = EvaluationFixtures.Lines(
            EvaluationFixtures.Verdict("a1", "campaign", "C-1"),
            EvaluationFixtures.Verdict("a2", "clear"),
            EvaluationFixtures.Verdict("a3", "clear"),
            EvaluationFixtures.Verdict("a4", "campaign", "C-1"),
            EvaluationFixtures.Verdict("l1", "clear"));
        var r = EvaluationFixtures.Evaluate(Labels, verdicts);
        Assert.Equal(3, r.Accounts.Labelled);
        Assert.Equal(2, r.Accounts.CampaignMembers);
        Assert.Equal(0.5, r.CampaignVerdict.Recall);
        Assert.Equal(1.0, r.CampaignVerdict.Precision);
        Assert.Equal(2, r.Accounts.DormantCampaignAccounts);
        Assert.Equal(1, r.Accounts.DormantFlaggedCampaign);
        Assert.Equal(0, r.DataQuality.NotInLabels.Count);
    }

    [Fact]
    public void DormantMembersListedInCampaignsJson_NeitherCountAsMembersNorLowerPurity()
    {
        // The detector tied the two bought accounts to their operation (its cards) and listed them in its campaign: they
        // are left out of purity as out of every other metric, not counted as members with no label.
        string verdicts = EvaluationFixtures.Lines(
            EvaluationFixtures.Verdict("a1", "campaign", "C-1"),
            EvaluationFixtures.Verdict("a2", "campaign", "C-1"),
            EvaluationFixtures.Verdict("a3", "campaign", "C-1"),
            EvaluationFixtures.Verdict("a4", "campaign", "C-1"),
            EvaluationFixtures.Verdict("l1", "clear"));
        string campaigns = """[{"id":"C-1","accounts":["a1","a2","a3","a4"]}]""";
        var r = EvaluationFixtures.Evaluate(Labels, verdicts, campaigns);
        var d = Assert.Single(r.DetectedCampaigns);
        Assert.Equal(2, d.Members);
        Assert.Equal(2, d.Dormant);
        Assert.Equal(0, d.Unlabelled);
        Assert.Equal(1.0, d.Purity);
        Assert.Equal(1.0, r.WeightedPurity);
        Assert.Equal(0, r.DataQuality.CampaignConsistency.Count);
    }
}
