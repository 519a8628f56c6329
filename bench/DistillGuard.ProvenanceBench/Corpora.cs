using System.IO.Compression;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace DistillGuard.ProvenanceBench;

/// <summary>
/// Real public text from ../shared/data (read in place, never copied): model outputs (GPT-4o agent turns from tau-bench,
/// code_alpaca and persona-hub generations) and human text (GSM8K solutions, jailbreak and chatbot prompts, MMLU).
/// Shared by the bench and the tests (linked source).
/// </summary>
public static partial class Corpora
{
    public static string? Root()
    {
        foreach (var root in new[]
        {
            Environment.GetEnvironmentVariable("DISTILLGUARD_SHARED_DATA") ?? "",
            Path.Combine(AppContext.BaseDirectory, "../../../../../../shared/data"),
            Path.Combine(AppContext.BaseDirectory, "../../../../../shared/data"),
            "../shared/data", "../../shared/data", "/work/shared/data",
        })
        {
            if (root.Length > 0 && Directory.Exists(Path.Combine(root, "harvest"))) return Path.GetFullPath(root);
        }
        return null;
    }

    private static string Need() => Root() ?? throw new DirectoryNotFoundException("../shared/data not found (set DISTILLGUARD_SHARED_DATA)");

    /// <summary>Assistant turns of GPT-4o in tau-bench's airline trajectories.</summary>
    public static IEnumerable<string> TauAirlineAssistant() => TauAirline("assistant");

    /// <summary>Simulated-user turns (also GPT-4o) in tau-bench's airline trajectories.</summary>
    public static IEnumerable<string> TauAirlineUser() => TauAirline("user");

    private static IEnumerable<string> TauAirline(string role)
    {
        using var doc = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(Need(), "agentic/tau-bench/gpt-4o-airline.json")));
        var list = new List<string>();
        foreach (var task in doc.RootElement.EnumerateArray())
            foreach (var m in task.GetProperty("traj").EnumerateArray())
                if (m.TryGetProperty("role", out var r) && r.GetString() == role && m.TryGetProperty("content", out var c) && c.ValueKind == JsonValueKind.String && c.GetString() is { Length: > 0 } s)
                    list.Add(s);
        return list;
    }

    /// <summary>Assistant turns in tau-bench's retail few-shot conversations.</summary>
    public static IEnumerable<string> TauRetailAssistant()
    {
        var list = new List<string>();
        foreach (var line in File.ReadLines(Path.Combine(Need(), "agentic/tau-bench/MockRetailDomainEnv-few_shot.jsonl")))
        {
            if (line.Length == 0) continue;
            var display = JsonDocument.Parse(line).RootElement.GetProperty("messages_display").GetString() ?? "";
            foreach (var part in Turn().Split(display))
            {
                if (!part.StartsWith("assistant: ", StringComparison.Ordinal)) continue;
                var s = part["assistant: ".Length..].Trim();
                if (s.Length > 0 && s != "None") list.Add(s);
            }
        }
        return list;
    }

    [GeneratedRegex(@"\n(?=(?:user|assistant|tool): )")]
    private static partial Regex Turn();

    public static IEnumerable<string> CodeAlpacaOutputs()
    {
        using var doc = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(Need(), "harvest/code_alpaca_2k.json")));
        return doc.RootElement.EnumerateArray().Select(e => e.GetProperty("output").GetString() ?? "").Where(s => s.Length > 0).ToList();
    }

    public static IEnumerable<string> PersonaHub()
    {
        var list = new List<string>();
        foreach (var line in File.ReadLines(Path.Combine(Need(), "harvest/persona_hub_tool_2k.jsonl")))
        {
            if (line.Length == 0) continue;
            var s = JsonDocument.Parse(line).RootElement.GetProperty("synthesized text").GetString() ?? "";
            try { if (s.StartsWith('"')) s = JsonSerializer.Deserialize<string>(s) ?? s; } catch (JsonException) { }
            list.Add(s);
        }
        return list;
    }

    /// <summary>GSM8K solutions (human-written step-by-step reasoning), calculator annotations removed.</summary>
    public static IEnumerable<(string Question, string Reasoning, string Answer)> Gsm8k()
    {
        foreach (var line in File.ReadLines(Path.Combine(Need(), "harvest/gsm8k_train.jsonl")))
        {
            if (line.Length == 0) continue;
            var e = JsonDocument.Parse(line).RootElement;
            var q = e.GetProperty("question").GetString() ?? "";
            var a = Calc().Replace(e.GetProperty("answer").GetString() ?? "", "");
            int cut = a.LastIndexOf("####", StringComparison.Ordinal);
            yield return cut < 0 ? (q, a.Trim(), "") : (q, a[..cut].Trim(), a[(cut + 4)..].Trim());
        }
    }

    [GeneratedRegex(@"<<[^>]*>>")]
    private static partial Regex Calc();

    public static IEnumerable<string> JailbreakPrompts() => Csv(Path.Combine(Need(), "jailbreak/jailbreak_llms_jailbreak_prompts_2023_12_25.csv")).Skip(1).Select(r => r.Length > 2 ? r[2] : "").Where(s => s.Length > 0);

    public static IEnumerable<string> ChatPrompts()
    {
        var root = Need();
        foreach (var line in File.ReadLines(Path.Combine(root, "legit/arena_hard_v0.1_question.jsonl")))
            if (line.Length > 0) yield return JsonDocument.Parse(line).RootElement.GetProperty("prompt").GetString() ?? "";
        foreach (var line in File.ReadLines(Path.Combine(root, "legit/koala_test_set.jsonl")))
            if (line.Length > 0) yield return JsonDocument.Parse(line).RootElement.GetProperty("prompt").GetString() ?? "";
        using var doc = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(root, "legit/toxic_chat_human_train.json")));
        foreach (var i in doc.RootElement.GetProperty("instances").EnumerateArray())
            yield return i.GetProperty("instance").GetString() ?? "";
    }

    public static IEnumerable<string> AlpacaSeedOutputs()
    {
        foreach (var line in File.ReadLines(Path.Combine(Need(), "harvest/alpaca_seed_tasks.jsonl")))
        {
            if (line.Length == 0) continue;
            var e = JsonDocument.Parse(line).RootElement;
            foreach (var i in e.GetProperty("instances").EnumerateArray())
                yield return i.GetProperty("output").GetString() ?? "";
        }
    }

    public static IEnumerable<string> HumanEvalPrompts()
    {
        using var gz = new GZipStream(File.OpenRead(Path.Combine(Need(), "harvest/HumanEval.jsonl.gz")), CompressionMode.Decompress);
        using var r = new StreamReader(gz);
        while (r.ReadLine() is { } line)
            if (line.Length > 0) yield return JsonDocument.Parse(line).RootElement.GetProperty("prompt").GetString() ?? "";
    }

    /// <summary>Named corpora for the false-positive measurements.</summary>
    public static IReadOnlyList<(string Name, string Kind, Func<IEnumerable<string>> Texts)> All() =>
    [
        ("tau-airline-assistant", "model", TauAirlineAssistant),
        ("tau-airline-user", "model", TauAirlineUser),
        ("tau-retail-assistant", "model", TauRetailAssistant),
        ("code-alpaca", "model", CodeAlpacaOutputs),
        ("persona-hub", "model", PersonaHub),
        ("gsm8k", "human", () => Gsm8k().Select(g => g.Question + "\n" + g.Reasoning)),
        ("jailbreak-prompts", "human", JailbreakPrompts),
        ("chat-prompts", "human", ChatPrompts),
        ("alpaca-seeds", "human", AlpacaSeedOutputs),
    ];

    /// <summary>Consecutive texts grouped into bodies of at least <paramref name="tokens"/> tokens each.</summary>
    public static IEnumerable<List<string>> Bodies(IEnumerable<string> texts, long tokens)
    {
        var cur = new List<string>();
        long n = 0;
        foreach (var t in texts)
        {
            cur.Add(t);
            n += DistillGuard.Provenance.Detection.TokenCounter.Count(t);
            if (n >= tokens) { yield return cur; cur = []; n = 0; }
        }
    }

    /// <summary>A minimal RFC 4180 reader (quoted fields with doubled quotes and newlines).</summary>
    public static IEnumerable<string[]> Csv(string path)
    {
        using var r = new StreamReader(path, Encoding.UTF8);
        var field = new StringBuilder();
        var row = new List<string>();
        bool quoted = false;
        int ch;
        while ((ch = r.Read()) >= 0)
        {
            char c = (char)ch;
            if (quoted)
            {
                if (c == '"') { if (r.Peek() == '"') { r.Read(); field.Append('"'); } else quoted = false; }
                else field.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { row.Add(field.ToString()); field.Clear(); }
            else if (c == '\n') { row.Add(field.ToString()); field.Clear(); yield return row.ToArray(); row.Clear(); }
            else if (c != '\r') field.Append(c);
        }
        if (field.Length > 0 || row.Count > 0) { row.Add(field.ToString()); yield return row.ToArray(); }
    }
}
