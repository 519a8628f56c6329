using System.CommandLine;
using System.CommandLine.Invocation;
using System.Globalization;
using System.Text.Json;

namespace DistillGuard.Cli.Commands;

/// <summary>Helpers of the provenance commands: parse problems reported with every other problem (exit 2), JSON-lines input.</summary>
internal static class CommandSupport
{
    /// <summary>Runs even when parsing failed, so that parse errors are listed with the command's own checks.</summary>
    internal sealed class UsageAwareAction(Func<ParseResult, int> run) : SynchronousCommandLineAction
    {
        public override bool ClearsParseErrors => true;

        public override int Invoke(ParseResult parseResult) => run(parseResult);
    }

    public static List<string> ParseProblems(ParseResult pr) =>
        pr.Errors.Select(e => e.Message).Concat(pr.UnmatchedTokens.Select(t => $"unexpected argument '{t}'")).ToList();

    public static T? Value<T>(ParseResult pr, Option<T> option)
    {
        try { return pr.GetValue(option); }
        catch (InvalidOperationException) { return default; }
    }

    public static void RequireFile(string? path, string option, bool required, List<string> problems)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            if (required) problems.Add($"{option} FILE is required");
        }
        else if (Directory.Exists(path)) problems.Add($"{option}: '{path}' is a directory, not a file");
        else if (!File.Exists(path)) problems.Add($"{option}: file not found: {path}");
    }

    public static double? ParseDouble(string? text, string option, double min, double max, List<string> problems)
    {
        if (text is null) return null;
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) || !(v >= min && v <= max))
        {
            problems.Add($"{option}: '{text}' is not a number between {min.ToString(CultureInfo.InvariantCulture)} and {max.ToString(CultureInfo.InvariantCulture)}");
            return null;
        }
        return v;
    }

    /// <summary>The "text" member of every line of a JSON-lines file (every malformed line listed in the exception).</summary>
    public static List<string> ReadTexts(string path)
    {
        var texts = new List<string>();
        var problems = new List<string>();
        int n = 0;
        foreach (var line in File.ReadLines(path))
        {
            n++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            try
            {
                using var doc = JsonDocument.Parse(line);
                if (doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("text", out var t) && t.ValueKind == JsonValueKind.String) texts.Add(t.GetString()!);
                else problems.Add($"line {n}: expected {{\"text\": string}}");
            }
            catch (JsonException e) { problems.Add($"line {n}: not JSON ({e.Message})"); }
            if (problems.Count >= 20) break;
        }
        if (problems.Count > 0) throw new InvalidDataException($"{path}: " + string.Join("; ", problems));
        return texts;
    }

    public static string Sha256Of(string path)
    {
        using var f = File.OpenRead(path);
        return Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(f));
    }
}
