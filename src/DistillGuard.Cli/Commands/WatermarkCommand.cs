using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using DistillGuard.Cli.Output;
using DistillGuard.Provenance.Watermarking;
using static DistillGuard.Cli.Commands.CommandSupport;

namespace DistillGuard.Cli.Commands;

/// <summary>
/// <c>distillguard watermark keygen|apply</c>: make a watermark key; apply the keyed output watermark to JSON-lines text
/// (the same transform the gateway applies). Exit codes: 0 done, 2 usage error (every problem listed), 3 unreadable input.
/// </summary>
internal static class WatermarkCommand
{
    public static Command Create() => Create(Console.Out, Console.Error);

    internal static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var cmd = new Command("watermark", "Keyed output watermark: make keys, apply the meaning-preserving transform to response text.");
        cmd.Subcommands.Add(Keygen(stdout, stderr));
        cmd.Subcommands.Add(Apply(stdout, stderr));
        return cmd;
    }

    internal static int Run(string[] args, TextWriter stdout, TextWriter stderr) =>
        Create(stdout, stderr).Parse(args).Invoke(new System.CommandLine.InvocationConfiguration { Output = stdout, Error = stderr });

    private static Command Keygen(TextWriter stdout, TextWriter stderr)
    {
        var output = new Option<string?>("--out", "-o") { Description = "Key file to create (mode 600; never overwritten)", HelpName = "FILE" };
        var lab = new Option<string?>("--lab") { Description = "Your lab's name", DefaultValueFactory = _ => "lab" };
        var scope = new Option<string?>("--scope") { Description = "What the key marks: lab|account|campaign", DefaultValueFactory = _ => "lab" };
        var subject = new Option<string?>("--subject") { Description = "Account or campaign id (scope account|campaign)", HelpName = "ID" };
        var id = new Option<string?>("--id") { Description = "Key id (default: wm-<date>-<random>)" };
        var json = new Option<bool>("--json") { Description = "Print the key's public part as JSON" };
        var cmd = new Command("keygen", "Create a random 32-byte watermark key; prints its id and commitment (SHA-256 of the secret).") { output, lab, scope, subject, id, json };
        cmd.Action = new UsageAwareAction(pr =>
        {
            var problems = ParseProblems(pr);
            string? path = Value(pr, output);
            if (string.IsNullOrWhiteSpace(path)) problems.Add("--out FILE is required");
            else if (File.Exists(path) || Directory.Exists(path)) problems.Add($"--out: '{path}' exists (keys are never overwritten)");
            var sc = KeyScope.Lab;
            string scopeText = Value(pr, scope) ?? "lab";
            if (!Enum.TryParse(scopeText, ignoreCase: true, out sc) || !Enum.IsDefined(sc)) problems.Add($"--scope: '{scopeText}' is not lab, account or campaign");
            string? subj = Value(pr, subject);
            if (sc != KeyScope.Lab && string.IsNullOrWhiteSpace(subj)) problems.Add($"--scope {scopeText} needs --subject ID");
            if (string.IsNullOrWhiteSpace(Value(pr, lab))) problems.Add("--lab must not be empty");
            if (problems.Count > 0) return Usage(stderr, "watermark keygen", problems, "distillguard watermark keygen --out FILE [--lab NAME] [--scope lab|account|campaign --subject ID] [--id ID]");
            var now = DateTimeOffset.UtcNow;
            string keyId = Value(pr, id) ?? $"wm-{now:yyyyMMdd}-{Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(4))}";
            var key = WatermarkKey.Generate(keyId, Value(pr, lab)!, sc, sc == KeyScope.Lab ? null : subj, now);
            try { key.Save(path!); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                stderr.WriteLine($"watermark keygen: cannot write {path}: {e.Message}");
                return ExitCodes.InputError;
            }
            if (Value(pr, json)) JsonOutput.Write(stdout, new { key.Id, key.Lab, Scope = key.Scope.ToString().ToLowerInvariant(), key.Subject, key.Commitment, Path = path });
            else stdout.WriteLine($"key {key.Id} ({key.Describe()}) → {path}\ncommitment {key.Commitment}");
            return ExitCodes.Success;
        });
        return cmd;
    }

    private static Command Apply(TextWriter stdout, TextWriter stderr)
    {
        var key = new Option<string?>("--key") { Description = "Watermark key file", HelpName = "FILE" };
        var input = new Option<string?>("--in") { Description = "JSON lines {\"text\": …} (other members are kept)", HelpName = "IN.jsonl" };
        var output = new Option<string?>("--out", "-o") { Description = "JSON lines written in the same order, one per input line", HelpName = "OUT.jsonl" };
        var share = new Option<string?>("--max-change-share") { Description = "Most words changed, as a share of the words so far (default 0.10)", HelpName = "X" };
        var json = new Option<bool>("--json") { Description = "Print the summary as JSON" };
        var cmd = new Command("apply", "Apply the keyed watermark to every line's text (the gateway's transform); prints the share of words changed.") { key, input, output, share, json };
        cmd.Action = new UsageAwareAction(pr =>
        {
            var problems = ParseProblems(pr);
            RequireFile(Value(pr, key), "--key", true, problems);
            RequireFile(Value(pr, input), "--in", true, problems);
            string? outPath = Value(pr, output);
            if (string.IsNullOrWhiteSpace(outPath)) problems.Add("--out FILE is required");
            double? max = ParseDouble(Value(pr, share), "--max-change-share", 0, 1, problems);
            if (problems.Count > 0) return Usage(stderr, "watermark apply", problems, "distillguard watermark apply --key FILE --in IN.jsonl --out OUT.jsonl [--max-change-share X]");
            try
            {
                var wm = new Watermarker(WatermarkKey.Load(Value(pr, key)!), new WatermarkOptions { MaxChangeShare = max ?? WatermarkOptions.Default.MaxChangeShare });
                long lines = 0, words = 0, changed = 0, subs = 0, units = 0;
                double maxShare = 0;
                var bad = new List<string>();
                var outLines = new List<string>();
                int n = 0;
                foreach (var line in File.ReadLines(Value(pr, input)!))
                {
                    n++;
                    if (string.IsNullOrWhiteSpace(line)) continue;
                    JsonObject? o = null;
                    try { o = JsonNode.Parse(line) as JsonObject; } catch (JsonException) { }
                    if (o?["text"] is not JsonValue v || !v.TryGetValue(out string? text))
                    {
                        bad.Add($"line {n}: expected {{\"text\": string}}");
                        continue;
                    }
                    o["text"] = wm.Apply(text, out var st);
                    outLines.Add(o.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
                    lines++; words += st.Words; changed += st.ChangedWords; subs += st.Substitutions; units += st.Units;
                    maxShare = Math.Max(maxShare, st.ChangedShare);
                }
                if (bad.Count > 0)
                {
                    foreach (var b in bad.Take(20)) stderr.WriteLine($"watermark apply: {Value(pr, input)}: {b}");
                    return ExitCodes.InputError;
                }
                File.WriteAllLines(outPath!, outLines);
                double share2 = words == 0 ? 0 : (double)changed / words;
                if (Value(pr, json)) JsonOutput.Write(stdout, new { Lines = lines, Words = words, Units = units, Substitutions = subs, ChangedWords = changed, ChangedShare = share2, MaxLineChangedShare = maxShare, Out = outPath });
                else stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{lines} line(s), {words} words, {units} lexicon occurrences, {subs} substitutions: {changed} words changed ({share2:P2}; at most {maxShare:P1} in one line) → {outPath}"));
                return ExitCodes.Success;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
            {
                stderr.WriteLine($"watermark apply: {e.Message}");
                return ExitCodes.InputError;
            }
        });
        return cmd;
    }

    internal static int Usage(TextWriter stderr, string name, IEnumerable<string> problems, string usage)
    {
        foreach (var p in problems) stderr.WriteLine($"{name}: {p}");
        stderr.WriteLine("usage: " + usage);
        return ExitCodes.UsageError;
    }
}
