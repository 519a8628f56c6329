using System.CommandLine;
using System.Globalization;
using DistillGuard.Cli.Output;
using DistillGuard.Provenance.Canaries;
using DistillGuard.Provenance.Detection;
using DistillGuard.Provenance.Lexicons;
using DistillGuard.Provenance.Reporting;
using DistillGuard.Provenance.Watermarking;
using static DistillGuard.Cli.Commands.CommandSupport;

namespace DistillGuard.Cli.Commands;

/// <summary>
/// <c>distillguard provenance</c>: the provenance test of a suspect model — the keyed watermark test on text sampled from it
/// (or on its continuations of prefix probes), and the canary probe results — with an optional report for a third party.
/// <c>distillguard provenance probes</c> writes the probe set to put to the suspect.
/// Exit codes: 0 done (whatever the result), 2 usage error (every problem listed), 3 unreadable input.
/// </summary>
internal static class ProvenanceCommand
{
    private const string UsageText =
        "distillguard provenance --key FILE [--key FILE …] --texts SUSPECT.jsonl [--json] [--statistic weighted|likelihood|hits] [--reference CLEAN.jsonl]\n" +
        "       [--probes PROBES.jsonl --answers ANSWERS.jsonl] [--canaries REGISTRY.jsonl --answers ANSWERS.jsonl] [--alpha A] [--suspect NAME] [--report FILE.md]";

    public static Command Create() => Create(Console.Out, Console.Error);

    internal static int Run(string[] args, TextWriter stdout, TextWriter stderr) =>
        Create(stdout, stderr).Parse(args).Invoke(new InvocationConfiguration { Output = stdout, Error = stderr });

    internal static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var keys = new Option<string[]>("--key") { Description = "Watermark key file(s); with several, p-values are corrected for their number", HelpName = "FILE", AllowMultipleArgumentsPerToken = true };
        var texts = new Option<string?>("--texts") { Description = "Text sampled from the suspect model: JSON lines {\"text\": …}", HelpName = "SUSPECT.jsonl" };
        var probes = new Option<string?>("--probes") { Description = "Prefix probes written by `provenance probes` (with --answers)", HelpName = "PROBES.jsonl" };
        var answers = new Option<string?>("--answers") { Description = "The suspect's answers to probes: JSON lines {\"probe_id\", \"text\"}", HelpName = "ANSWERS.jsonl" };
        var canaries = new Option<string?>("--canaries") { Description = "Canary registry (JSON lines written by the canary issuer); scores canary answers in --answers", HelpName = "REGISTRY.jsonl" };
        var reference = new Option<string?>("--reference") { Description = "Unwatermarked outputs of your own model (JSON lines {\"text\"}): expected word choices for the weighted statistic", HelpName = "CLEAN.jsonl" };
        var statistic = new Option<string?>("--statistic") { Description = "weighted (default), likelihood (weighs keyed members by their rarity in the reference) or hits", DefaultValueFactory = _ => "weighted" };
        var alpha = new Option<string?>("--alpha") { Description = "Significance level for the verdict words (default 0.01)", HelpName = "A" };
        var suspect = new Option<string?>("--suspect") { Description = "Name of the suspect model, for the report" };
        var report = new Option<string?>("--report") { Description = "Write a Markdown report for a third party (commitments, test, assumptions, figures)", HelpName = "FILE.md" };
        var json = new Option<bool>("--json") { Description = "Print one JSON document: {\"p_value\", \"tokens\", \"scored\", …}" };
        var cmd = new Command("provenance",
            "Test whether a suspect model was trained on your watermarked outputs (exact p-value under the null that its text is independent of the key), " +
            "and whether it knows the canaries issued to flagged accounts.")
        {
            keys, texts, probes, answers, canaries, reference, statistic, alpha, suspect, report, json,
        };
        cmd.Subcommands.Add(Probes(stdout, stderr));
        cmd.Action = new UsageAwareAction(pr =>
        {
            var problems = ParseProblems(pr);
            var keyFiles = Value(pr, keys) ?? [];
            foreach (var k in keyFiles) RequireFile(k, "--key", true, problems);
            string? textsFile = Value(pr, texts), probesFile = Value(pr, probes), answersFile = Value(pr, answers), registryFile = Value(pr, canaries), referenceFile = Value(pr, reference);
            RequireFile(textsFile, "--texts", false, problems);
            RequireFile(probesFile, "--probes", false, problems);
            RequireFile(answersFile, "--answers", false, problems);
            RequireFile(registryFile, "--canaries", false, problems);
            RequireFile(referenceFile, "--reference", false, problems);
            if (textsFile is null && probesFile is null && registryFile is null) problems.Add("nothing to test: give --texts, or --probes/--canaries with --answers");
            if ((probesFile is not null || registryFile is not null) && answersFile is null) problems.Add("--probes and --canaries need --answers (the suspect's answers to the probes)");
            if (answersFile is not null && probesFile is null && registryFile is null) problems.Add("--answers needs --probes or --canaries");
            if ((textsFile is not null || probesFile is not null) && keyFiles.Length == 0) problems.Add("--key FILE is required for the watermark test");
            string statText = Value(pr, statistic) ?? "weighted";
            if (!Enum.TryParse<ProvenanceStatistic>(statText, ignoreCase: true, out var stat) || !Enum.IsDefined(stat)) problems.Add($"--statistic: '{statText}' is not weighted, likelihood or hits");
            double a = ParseDouble(Value(pr, alpha), "--alpha", 0, 1, problems) ?? 0.01;
            if (problems.Count > 0) return WatermarkCommand.Usage(stderr, "provenance", problems, UsageText);

            try
            {
                var keyList = keyFiles.Select(WatermarkKey.Load).ToList();
                var dupes = keyList.GroupBy(k => k.Commitment).Where(g => g.Count() > 1).Select(g => string.Join(", ", g.Select(k => k.Id))).ToList();
                if (dupes.Count > 0) return WatermarkCommand.Usage(stderr, "provenance", dupes.Select(d => $"--key: the same secret twice ({d})"), UsageText);
                var options = new ProvenanceOptions
                {
                    Statistic = stat,
                    Reference = referenceFile is null ? null : ReferenceModel.FromTexts(ReadTexts(referenceFile)),
                };
                ProvenanceResult? textResult = textsFile is null ? null : ProvenanceTest.Run(SuspectUnits.Collect(ReadTexts(textsFile)), keyList, options);
                var answerList = answersFile is null ? [] : CanaryScorer.ReadAnswers(answersFile).ToList();
                ProvenanceResult? probeResult = null;
                if (probesFile is not null)
                {
                    var probeList = WatermarkProbes.Load(probesFile);
                    probeResult = ProvenanceTest.Run(WatermarkProbes.Read(probeList, answerList), keyList, options);
                }
                List<CanarySubjectResult>? canaryResult = registryFile is null ? null : CanaryScorer.Score(JsonlCanaryRegistry.Load(registryFile), answerList);

                var main = textResult ?? probeResult;
                var best = main?.Best;
                if (Value(pr, json))
                {
                    JsonOutput.Write(stdout, new
                    {
                        PValue = best?.AdjustedPValue,
                        Tokens = main?.Tokens,
                        Scored = main?.Scored,
                        Statistic = stat,
                        Alpha = a,
                        LexiconSha256 = WatermarkLexicon.BuiltIn.Sha256,
                        Texts = textResult,
                        Probes = probeResult,
                        Canaries = canaryResult,
                    });
                }
                else
                {
                    if (textResult is not null) Print(stdout, $"watermark test on {textsFile}", textResult, a);
                    if (probeResult is not null) Print(stdout, $"watermark test on probe answers {answersFile}", probeResult, a);
                    if (canaryResult is not null)
                    {
                        stdout.WriteLine($"canaries ({registryFile}):");
                        foreach (var c in canaryResult)
                            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                                $"  {c.Subject}: {c.Matches}/{c.Answers} answers name the canary value (expected by chance {c.Expected:F3}); p = {P(c.PValue)}, corrected {P(c.AdjustedPValue)} → {(c.Answers > 0 && c.AdjustedPValue <= a ? "knows its canaries" : "no evidence")}"));
                    }
                }
                if (Value(pr, report) is { } reportPath)
                {
                    File.WriteAllText(reportPath, ProvenanceReport.Markdown(new ReportInput
                    {
                        Suspect = Value(pr, suspect) ?? "(unnamed suspect model)",
                        When = DateTimeOffset.UtcNow,
                        Texts = textResult,
                        TextsFile = textsFile,
                        TextsSha256 = textsFile is null ? null : Sha256Of(textsFile),
                        Probes = probeResult,
                        AnswersFile = answersFile,
                        AnswersSha256 = answersFile is null ? null : Sha256Of(answersFile),
                        Canaries = canaryResult,
                        RegistryFile = registryFile,
                        Alpha = a,
                    }));
                    stderr.WriteLine($"provenance: report → {reportPath}");
                }
                return ExitCodes.Success;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException or FormatException or System.Text.Json.JsonException)
            {
                stderr.WriteLine($"provenance: {e.Message}");
                return ExitCodes.InputError;
            }
        });
        return cmd;
    }

    private static string P(double p) => p == 0 ? "< 1e-300" : p.ToString(p < 1e-3 ? "0.0e+0" : "0.0000", CultureInfo.InvariantCulture);

    private static void Print(TextWriter w, string title, ProvenanceResult r, double alpha)
    {
        w.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{title}: {r.Tokens:N0} tokens, {r.Scored:N0} units scored ({r.Statistic.ToString().ToLowerInvariant()}), {r.Keys.Count} key(s)"));
        foreach (var k in r.Keys.OrderBy(k => k.PValue))
            w.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {k.KeyId} ({k.Marks}): p-value {P(k.PValue)}, corrected {P(k.AdjustedPValue)}; hits {k.Hits}/{k.Expected:F1} expected → {(k.AdjustedPValue <= alpha ? "detected" : "not detected")} at {alpha}"));
    }

    /// <summary>Prefix probes cut from the lab's clean outputs — or, when <paramref name="served"/> is given, from the
    /// originals of what it served watermarked only; with <paramref name="keep"/> &lt; 1, ranked by a trigram model and the
    /// reference counts of all the clean text (no key involved) and the best share kept, at most <paramref name="max"/>.</summary>
    internal static List<WatermarkProbe> PrefixProbes(List<string> clean, List<string>? served, int max, int perUnit, double keep)
    {
        var source = served ?? clean;
        var all = served is null ? clean : [.. clean, .. served];
        if (keep >= 1 && served is null) return WatermarkProbes.Build(source, max, perUnit);
        var candidates = WatermarkProbes.Build(source, int.MaxValue, perUnit, propensity: NGramReference.Train(all));
        return WatermarkProbes.Rank(candidates, ReferenceModel.FromTexts(all), keep).Take(max).ToList();
    }

    private static Command Probes(TextWriter stdout, TextWriter stderr)
    {
        var reference = new Option<string?>("--reference") { Description = "Unwatermarked outputs of your own model (JSON lines {\"text\"}): prefix probes are cut from them (or, with --served, they only rank them)", HelpName = "CLEAN.jsonl" };
        var served = new Option<string?>("--served") { Description = "The originals of the responses you served watermarked (JSON lines {\"text\"}, e.g. serve's watermark journal, filtered to the suspect accounts): probes are cut from these only - far stronger when the suspect trained on them", HelpName = "SERVED.jsonl" };
        var canaries = new Option<string?>("--canaries") { Description = "Canary registry: a question and a completion prompt per canary", HelpName = "REGISTRY.jsonl" };
        var output = new Option<string?>("--out", "-o") { Description = "Probe set to write (JSON lines; put each prompt to the suspect, answer with {\"probe_id\", \"text\"})", HelpName = "PROBES.jsonl" };
        var max = new Option<int>("--max") { Description = "Most prefix probes", DefaultValueFactory = _ => 20_000 };
        var perUnit = new Option<int>("--per-unit") { Description = "Candidate prefix probes per (set, previous word)", DefaultValueFactory = _ => 8 };
        var keep = new Option<double?>("--keep") { Description = "Share of candidates kept, best first: where a trigram model of the reference text is likeliest to write a member, times how far the set's choice there is from even (1 keeps all; default 0.5, with --served 1)" };
        var cmd = new Command("probes", "Write the probe set for a suspect model: prefix probes (watermark) and canary questions.") { reference, served, canaries, output, max, perUnit, keep };
        cmd.Action = new UsageAwareAction(pr =>
        {
            var problems = ParseProblems(pr);
            string? refFile = Value(pr, reference), servedFile = Value(pr, served), regFile = Value(pr, canaries), outFile = Value(pr, output);
            RequireFile(refFile, "--reference", false, problems);
            RequireFile(servedFile, "--served", false, problems);
            RequireFile(regFile, "--canaries", false, problems);
            if (refFile is null && servedFile is null && regFile is null) problems.Add("give --reference and/or --served (prefix probes) and/or --canaries (canary probes)");
            if (string.IsNullOrWhiteSpace(outFile)) problems.Add("--out FILE is required");
            if (Value(pr, max) < 1) problems.Add("--max must be at least 1");
            if (Value(pr, perUnit) < 1) problems.Add("--per-unit must be at least 1");
            double keepShare = Value(pr, keep) ?? (servedFile is null ? 0.5 : 1.0);
            if (keepShare is not (> 0 and <= 1)) problems.Add("--keep must be in (0, 1]");
            if (problems.Count > 0) return WatermarkCommand.Usage(stderr, "provenance probes", problems, "distillguard provenance probes [--reference CLEAN.jsonl] [--served SERVED.jsonl] [--canaries REGISTRY.jsonl] --out PROBES.jsonl [--max N] [--per-unit N] [--keep SHARE]");
            try
            {
                var prefix = refFile is null && servedFile is null ? []
                    : PrefixProbes(refFile is null ? [] : ReadTexts(refFile).ToList(), servedFile is null ? null : ReadTexts(servedFile).ToList(), Value(pr, max), Value(pr, perUnit), keepShare);
                var canary = regFile is null ? [] : CanaryScorer.Probes(JsonlCanaryRegistry.Load(regFile));
                using (var w = new StreamWriter(outFile!))
                {
                    var o = new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
                    foreach (var p in prefix) w.WriteLine(System.Text.Json.JsonSerializer.Serialize(p, o));
                    foreach (var p in canary) w.WriteLine(System.Text.Json.JsonSerializer.Serialize(p, o));
                }
                stdout.WriteLine($"{prefix.Count} prefix probe(s), {canary.Count} canary probe(s) → {outFile}");
                return ExitCodes.Success;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
            {
                stderr.WriteLine($"provenance probes: {e.Message}");
                return ExitCodes.InputError;
            }
        });
        return cmd;
    }
}
