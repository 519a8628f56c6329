using System.CommandLine;
using System.CommandLine.Invocation;
using System.Globalization;
using DistillGuard.Cli.Output;
using DistillGuard.Simulation.Evaluation;
using Spectre.Console;
using static DistillGuard.Cli.Output.ConsoleTables;

namespace DistillGuard.Cli.Commands;

/// <summary>
/// <c>distillguard evaluate</c>: scores verdicts (and campaigns) against the simulator's labels.
/// Exit codes: 0 done, 1 a <c>--min-*</c> check failed, 2 usage error (every problem listed), 3 unreadable input.
/// </summary>
internal static class EvaluateCommand
{
    /// <summary>The parsed command line, before validation.</summary>
    internal sealed record Request
    {
        public string? Labels { get; init; }
        public string? Verdicts { get; init; }
        public string? Campaigns { get; init; }
        public bool Json { get; init; }
        public string? MinPrecision { get; init; }
        public string? MinRecall { get; init; }
        /// <summary>What the parser could not make sense of (unknown tokens, an option without its value), listed with the rest.</summary>
        public IReadOnlyList<string> ParseProblems { get; init; } = [];
    }

    public static Command Create() => Create(Console.Out, Console.Error);

    /// <summary>The command, writing its report to <paramref name="stdout"/> and problems to <paramref name="stderr"/>.</summary>
    internal static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var labels = new Option<string?>("--labels") { Description = "labels.jsonl written by `simulate` (.gz accepted)", HelpName = "FILE" };
        var verdicts = new Option<string?>("--verdicts") { Description = "verdicts.jsonl written by `analyze` (.gz accepted)", HelpName = "FILE" };
        var campaigns = new Option<string?>("--campaigns")
        {
            Description = "campaigns.json written by `analyze`; without it, detected campaigns are the verdicts' campaign ids",
            HelpName = "FILE",
        };
        var json = new Option<bool>("--json") { Description = "Print one JSON document (snake_case) instead of tables" };
        // Thresholds are read as text and validated here, so that a bad value is a usage error (exit 2) like every other.
        var minPrecision = new Option<string?>("--min-precision") { Description = "Exit 1 unless the campaign verdict's precision is at least X (0..1)", HelpName = "X" };
        var minRecall = new Option<string?>("--min-recall") { Description = "Exit 1 unless the campaign verdict's recall is at least Y (0..1)", HelpName = "Y" };

        var cmd = new Command("evaluate",
            "Score verdicts against labels: precision/recall/F1, recall per campaign, false positives per legitimate persona, " +
            "campaign purity and data-quality checks.")
        {
            labels, verdicts, campaigns, json, minPrecision, minRecall,
        };
        cmd.Action = new UsageAwareAction(pr =>
        {
            var problems = pr.Errors.Select(e => e.Message).Concat(pr.UnmatchedTokens.Select(t => $"unexpected argument '{t}'")).ToArray();
            return Execute(new Request
            {
                Labels = problems.Length == 0 ? pr.GetValue(labels) : Safe(pr, labels),
                Verdicts = problems.Length == 0 ? pr.GetValue(verdicts) : Safe(pr, verdicts),
                Campaigns = problems.Length == 0 ? pr.GetValue(campaigns) : Safe(pr, campaigns),
                Json = problems.Length == 0 && pr.GetValue(json),
                MinPrecision = problems.Length == 0 ? pr.GetValue(minPrecision) : Safe(pr, minPrecision),
                MinRecall = problems.Length == 0 ? pr.GetValue(minRecall) : Safe(pr, minRecall),
                ParseProblems = problems,
            }, stdout, stderr);
        });
        return cmd;
    }

    /// <summary>Reads an option's value when the parse had errors: a value that cannot be read counts as absent.</summary>
    private static string? Safe(ParseResult pr, Option<string?> option)
    {
        try
        {
            return pr.GetValue(option);
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>
    /// Runs even when parsing failed (<see cref="CommandLineAction.ClearsParseErrors"/>), so that parse errors are reported
    /// together with every other problem and exit with <see cref="ExitCodes.UsageError"/> rather than the parser's own 1,
    /// which this CLI reserves for failed checks.
    /// </summary>
    private sealed class UsageAwareAction(Func<ParseResult, int> run) : SynchronousCommandLineAction
    {
        public override bool ClearsParseErrors => true;

        public override int Invoke(ParseResult parseResult) => run(parseResult);
    }

    /// <summary>Runs <c>evaluate</c> in-process with <paramref name="args"/> (without the word <c>evaluate</c>); returns the exit code.</summary>
    internal static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        return Create(stdout, stderr).Parse(args).Invoke(new InvocationConfiguration { Output = stdout, Error = stderr });
    }

    /// <summary>Validates the request (listing every problem), evaluates and prints.</summary>
    internal static int Execute(Request request, TextWriter stdout, TextWriter stderr)
    {
        var problems = new List<string>(request.ParseProblems);
        RequireFile(request.Labels, "--labels", required: true, problems);
        RequireFile(request.Verdicts, "--verdicts", required: true, problems);
        RequireFile(request.Campaigns, "--campaigns", required: false, problems);
        double? minPrecision = ParseRatio(request.MinPrecision, "--min-precision", problems);
        double? minRecall = ParseRatio(request.MinRecall, "--min-recall", problems);
        if (problems.Count > 0)
        {
            foreach (string p in problems)
            {
                stderr.WriteLine($"evaluate: {p}");
            }
            stderr.WriteLine("usage: distillguard evaluate --labels FILE --verdicts FILE [--campaigns FILE] [--json] [--min-precision X] [--min-recall Y]");
            return ExitCodes.UsageError;
        }

        EvaluationReport report;
        try
        {
            report = Evaluator.EvaluateFiles(request.Labels!, request.Verdicts!, request.Campaigns,
                new EvaluationOptions { MinPrecision = minPrecision, MinRecall = minRecall });
        }
        catch (EvaluationInputException ex)
        {
            stderr.WriteLine($"evaluate: cannot read {ex.Message}");
            return ExitCodes.InputError;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            stderr.WriteLine($"evaluate: cannot read input: {ex.Message}");
            return ExitCodes.InputError;
        }

        if (request.Json)
        {
            JsonOutput.Write(stdout, report);
            if (!report.DataQuality.Clean)
            {
                stderr.WriteLine($"evaluate: data-quality findings: {DataQualitySummary(report.DataQuality)} (see data_quality)");
            }
        }
        else
        {
            Render(ConsoleFactory.Create(stdout), report, request.Verdicts!, request.Labels!);
        }
        foreach (var check in report.Checks.Where(c => !c.Passed))
        {
            stderr.WriteLine($"evaluate: {check.Metric} {Ratio(check.Actual)} is below the required {Ratio(check.Minimum)}");
        }
        return report.Passed ? ExitCodes.Success : ExitCodes.CheckFailed;
    }

    private static void RequireFile(string? path, string option, bool required, List<string> problems)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            if (required && !problems.Any(p => p.Contains($"'{option}'", StringComparison.Ordinal)))
            {
                problems.Add($"{option} FILE is required");
            }
        }
        else if (Directory.Exists(path))
        {
            problems.Add($"{option}: '{path}' is a directory, not a file");
        }
        else if (!File.Exists(path))
        {
            problems.Add($"{option}: file not found: {path}");
        }
    }

    private static double? ParseRatio(string? text, string option, List<string> problems)
    {
        if (text is null)
        {
            return null;
        }
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || !(value >= 0 && value <= 1))
        {
            problems.Add($"{option}: '{text}' is not a number between 0 and 1");
            return null;
        }
        return value;
    }

    /// <summary>"id (count), …" for the five largest, then how many more.</summary>
    private static string Counts(IReadOnlyList<CampaignCount> counts)
    {
        string text = string.Join(", ", counts.Take(5).Select(l => $"{l.Campaign} ({Count(l.Accounts)})"));
        return counts.Count > 5 ? text + $", … {counts.Count - 5} more" : text;
    }

    private static string DataQualitySummary(DataQualityReport q)
    {
        var parts = new List<string>();
        void Add(string name, IssueSummary s)
        {
            if (s.Count > 0)
            {
                parts.Add($"{s.Count} {name}");
            }
        }
        Add("missing from verdicts", q.MissingFromVerdicts);
        Add("not in labels", q.NotInLabels);
        Add("duplicate verdicts", q.DuplicateVerdicts);
        Add("duplicate labels", q.DuplicateLabels);
        Add("malformed", q.MalformedLines);
        Add("invalid verdict values", q.InvalidVerdictValues);
        Add("bad scores", q.ScoresOutOfRange);
        Add("campaign inconsistencies", q.CampaignConsistency);
        return string.Join(", ", parts);
    }

    /// <summary>Prints the report as tables (also used by <c>demo</c>).</summary>
    internal static void Render(IAnsiConsole console, EvaluationReport r, string verdictsName, string labelsName)
    {
        var a = r.Accounts;
        console.WriteLine($"Evaluation of {verdictsName} against {labelsName}");
        console.WriteLine($"{Count(a.Labelled)} labelled accounts ({Count(a.CampaignMembers)} in campaigns, {Count(a.Legitimate)} legitimate); " +
                          $"{Count(a.WithVerdict)} have a verdict; {Count(a.VerdictLines)} verdict lines read.");
        if (a.DormantCampaignAccounts > 0)
        {
            console.WriteLine($"{Count(a.DormantCampaignAccounts)} dormant campaign accounts (only their former owner's traffic in the log) left out of the metrics; " +
                              $"{Count(a.DormantFlaggedCampaign)} got campaign, {Count(a.DormantFlaggedWatch)} watch.");
        }
        console.WriteLine();

        var metrics = ConsoleTables.Create("Account-level detection (positive = labelled campaign member)",
            "flagged as", "TP", "FP", "FN", "TN", "precision", "recall", "F1").RightAlign(1, 2, 3, 4, 5, 6, 7);
        foreach (var m in new[] { r.CampaignVerdict, r.CampaignOrWatch })
        {
            metrics.Row(m.Flagged, Count(m.TruePositives), Count(m.FalsePositives), Count(m.FalseNegatives), Count(m.TrueNegatives),
                Ratio(m.Precision), Ratio(m.Recall), Ratio(m.F1));
        }
        console.Write(metrics);

        var campaigns = ConsoleTables.Create("Recall per labelled campaign",
            "labelled campaign", "members", "campaign", "watch", "no verdict", "recall", "landed in detected campaigns").RightAlign(1, 2, 3, 4, 5);
        foreach (var c in r.LabelledCampaigns)
        {
            string landed = Counts(c.LandedIn);
            if (c.NotInAnyDetectedCampaign > 0)
            {
                landed += (landed.Length > 0 ? ", " : "") + $"none ({Count(c.NotInAnyDetectedCampaign)})";
            }
            campaigns.Row(c.Campaign, Count(c.Members), Count(c.FlaggedCampaign), Count(c.FlaggedWatch), Count(c.MissingVerdicts), Ratio(c.Recall), landed);
        }
        if (r.LabelledCampaigns.Count == 0)
        {
            campaigns.Row("(no labelled campaigns)", "", "", "", "", "", "");
        }
        console.Write(campaigns);

        var personas = ConsoleTables.Create("Legitimate personas (campaign null)",
            "persona", "accounts", "false positives", "watch", "clear", "FP rate").RightAlign(1, 2, 3, 4, 5);
        foreach (var p in r.LegitimatePersonas)
        {
            personas.Row(p.Persona, Count(p.Accounts), Count(p.FalsePositives), Count(p.Watch), Count(p.Clear), Ratio(p.FalsePositiveRate));
        }
        if (r.LegitimatePersonas.Count == 0)
        {
            personas.Row("(no legitimate accounts)", "", "", "", "", "");
        }
        console.Write(personas);

        var roles = ConsoleTables.Create("Campaign personas (archetypes and roles)",
            "persona", "accounts", "campaign", "watch", "recall").RightAlign(1, 2, 3, 4);
        foreach (var p in r.CampaignPersonas)
        {
            roles.Row(p.Persona, Count(p.Accounts), Count(p.FlaggedCampaign), Count(p.FlaggedWatch), Ratio(p.Recall));
        }
        if (r.CampaignPersonas.Count > 0)
        {
            console.Write(roles);
        }

        var detected = ConsoleTables.Create($"Detected campaigns (from {r.DetectedCampaignSource})",
            "detected campaign", "members", "majority labelled campaign", "purity", "legitimate", "unlabelled", "labelled campaigns inside")
            .RightAlign(1, 3, 4, 5);
        foreach (var d in r.DetectedCampaigns)
        {
            detected.Row(d.Id, Count(d.Members), d.MajorityCampaign ?? "(none)", Ratio(d.Purity), Count(d.Legitimate), Count(d.Unlabelled),
                Counts(d.LabelledCampaigns));
        }
        if (r.DetectedCampaigns.Count == 0)
        {
            detected.Row("(no detected campaigns)", "", "", "", "", "", "");
        }
        console.Write(detected);
        console.WriteLine($"Weighted purity {Ratio(r.WeightedPurity)}; {r.SplitCampaignCount} labelled campaign(s) split across detected campaigns" +
                          (r.SplitCampaignCount > 0 ? ": " + string.Join(", ", r.SplitCampaigns) : "."));
        console.WriteLine();

        var q = r.DataQuality;
        var quality = ConsoleTables.Create("Data quality", "finding", "count", "first examples").RightAlign(1);
        void Add(string name, IssueSummary s)
        {
            string examples = string.Join("\n", s.Examples.Take(5).Select(e =>
                $"{e.File}{(e.Line > 0 ? ":" + e.Line.ToString(CultureInfo.InvariantCulture) : "")}{(e.Account is null ? "" : " " + e.Account)}: {e.Message}"));
            if (s.Count > 5)
            {
                examples += $"\n… and {Count(s.Count - 5)} more";
            }
            quality.Row(name, Count(s.Count), examples);
        }
        Add("labelled, missing from verdicts (counted clear)", q.MissingFromVerdicts);
        Add("in verdicts, not in labels (ignored)", q.NotInLabels);
        Add("duplicate verdicts (first used)", q.DuplicateVerdicts);
        Add("duplicate labels (first used)", q.DuplicateLabels);
        Add("malformed lines (skipped)", q.MalformedLines);
        Add("verdict values outside clear/watch/campaign", q.InvalidVerdictValues);
        Add("scores missing or outside [0, 1]", q.ScoresOutOfRange);
        Add("campaign id inconsistencies", q.CampaignConsistency);
        console.Write(quality);

        foreach (var check in r.Checks)
        {
            console.WriteLine($"check: {check.Metric} {Ratio(check.Actual)} >= {Ratio(check.Minimum)}: {(check.Passed ? "passed" : "FAILED")}");
        }
    }
}
