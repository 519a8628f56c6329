using System.Globalization;
using System.Text;
using DistillGuard.Simulation.Evaluation;

namespace DistillGuard.Simulation.Tests;

/// <summary>Hand-made label, verdict and campaign files for the evaluator tests.</summary>
internal static class EvaluationFixtures
{
    public static string Label(string account, string? campaign, string persona) =>
        $"{{\"account\":\"{account}\",\"campaign\":{(campaign is null ? "null" : $"\"{campaign}\"")},\"persona\":\"{persona}\"}}";

    public static string Verdict(string account, string verdict, string? campaign = null, double score = 0.5) =>
        $"{{\"account\":\"{account}\",\"score\":{score.ToString("R", CultureInfo.InvariantCulture)},\"verdict\":\"{verdict}\"," +
        $"\"campaign\":{(campaign is null ? "null" : $"\"{campaign}\"")},\"exchanges\":10,\"reasons\":[{{\"signal\":\"x\",\"weight\":0.1,\"detail\":\"d\"}}]}}";

    public static string Lines(params string[] lines) => string.Join("\n", lines) + "\n";

    public static Stream Utf8(string text) => new MemoryStream(Encoding.UTF8.GetBytes(text));

    public static EvaluationReport Evaluate(string labels, string verdicts, string? campaigns = null, EvaluationOptions? options = null) =>
        Evaluator.Evaluate(Utf8(labels), Utf8(verdicts), campaigns is null ? null : Utf8(campaigns), options);

    /// <summary>
    /// Two labelled campaigns (cot-sweep-1: c1..c4, agentic-1: d1..d2) and six legitimate accounts over four personas.
    /// </summary>
    public static readonly string StandardLabels = Lines(
        Label("c1", "cot-sweep-1", "cot-harvester"),
        Label("c2", "cot-sweep-1", "cot-harvester"),
        Label("c3", "cot-sweep-1", "cot-harvester"),
        Label("c4", "cot-sweep-1", "cot-harvester"),
        Label("d1", "agentic-1", "agent-harvester"),
        Label("d2", "agentic-1", "agent-harvester"),
        Label("s1", null, "student"),
        Label("s2", null, "student"),
        Label("s3", null, "student"),
        Label("l1", null, "licensed-distiller"),
        Label("w1", null, "writer"),
        Label("h1", null, "hobbyist"));

    /// <summary>
    /// campaign: c1 c2 (C-A), c3 (C-B), d1 (C-B), s1 (C-B, FP), l1 (C-A, FP); watch: c4, s2, w1; clear: d2, s3, h1.
    /// </summary>
    public static readonly string StandardVerdicts = Lines(
        Verdict("c1", "campaign", "C-A", 0.95),
        Verdict("c2", "campaign", "C-A", 0.9),
        Verdict("c3", "campaign", "C-B", 0.8),
        Verdict("c4", "watch", null, 0.6),
        Verdict("d1", "campaign", "C-B", 0.85),
        Verdict("d2", "clear", null, 0.1),
        Verdict("s1", "campaign", "C-B", 0.7),
        Verdict("s2", "watch", null, 0.55),
        Verdict("s3", "clear", null, 0.05),
        Verdict("l1", "campaign", "C-A", 0.9),
        Verdict("w1", "watch", null, 0.5),
        Verdict("h1", "clear", null, 0.0));

    /// <summary>Differs from the verdicts on purpose: c3 is listed in C-A although its verdict names C-B.</summary>
    public const string StandardCampaigns = """
        [
          {"id":"C-A","accounts":["c1","c2","c3","l1"],"exchanges":100,"first_seen":"2026-01-01T00:00:00Z","last_seen":"2026-01-02T00:00:00Z",
           "targets":["reasoning"],"tactics":["cot-elicitation"],"evidence":[],"score":0.9},
          {"id":"C-B","accounts":["d1","s1"],"exchanges":10,"targets":[],"tactics":[],"evidence":[],"score":0.6}
        ]
        """;
}
