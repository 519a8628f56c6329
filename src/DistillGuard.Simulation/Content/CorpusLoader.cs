using System.IO.Compression;
using System.Text;
using System.Text.Json;

namespace DistillGuard.Simulation.Content;

/// <summary>
/// Reads the public corpus shapes (see docs/content.md) from a directory tree into the library builder. Each file
/// is recognised by its name; a file that is missing, unreadable or malformed is skipped with a note, and a bad
/// line inside a good file is skipped and counted. Never throws for bad data.
/// </summary>
internal static class CorpusLoader
{
    private const int MaxItemsPerFile = 20_000;
    private const int MaxTextLength = 12_000;

    public static void LoadInto(LibraryBuilder b, string corpusDir)
    {
        if (string.IsNullOrWhiteSpace(corpusDir) || !Directory.Exists(corpusDir))
        {
            b.Sources.Add(new ContentSource(corpusDir ?? "", 0, "directory not found; built-in content only"));
            return;
        }
        IEnumerable<string> files;
        try
        {
            files = Directory.EnumerateFiles(corpusDir, "*", new EnumerationOptions { RecurseSubdirectories = true, MaxRecursionDepth = 4, IgnoreInaccessible = true })
                .OrderBy(f => f, StringComparer.Ordinal).ToList();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            b.Sources.Add(new ContentSource(corpusDir, 0, "cannot list directory: " + e.Message));
            return;
        }
        foreach (var path in files)
        {
            var reader = ReaderFor(path);
            if (reader is null) continue;
            string rel = Path.GetRelativePath(corpusDir, path);
            try
            {
                var stats = new Stats();
                reader(b, path, stats);
                string note = stats.Bad > 0 ? $"{stats.Bad} record(s) skipped (malformed, empty or over {MaxTextLength} chars)" : stats.Note ?? "ok";
                if (stats.Items == 0 && stats.Bad == 0 && stats.Note is null) note = "no usable records";
                b.Sources.Add(new ContentSource(rel, stats.Items, note));
            }
            catch (Exception e) when (e is IOException or JsonException or InvalidDataException or UnauthorizedAccessException
                                          or FormatException or InvalidOperationException or DecoderFallbackException or ArgumentException)
            {
                b.Sources.Add(new ContentSource(rel, 0, "skipped: " + e.GetType().Name + ": " + e.Message));
            }
        }
    }

    private sealed class Stats
    {
        public int Items, Bad;
        public string? Note;
    }

    private delegate void FileReader(LibraryBuilder b, string path, Stats stats);

    private static FileReader? ReaderFor(string path)
    {
        string name = Path.GetFileName(path).ToLowerInvariant();
        string dir = Path.GetFileName(Path.GetDirectoryName(path) ?? "").ToLowerInvariant();
        if (name.StartsWith("gsm8k") && name.EndsWith(".jsonl")) return Gsm8k;
        if (name.StartsWith("toxic_chat") && name.EndsWith(".json")) return ToxicChat;
        if (name.StartsWith("humaneval") && (name.EndsWith(".jsonl.gz") || name.EndsWith(".jsonl"))) return HumanEval;
        if (name.StartsWith("code_alpaca") && name.EndsWith(".json")) return CodeAlpaca;
        if (dir == "bfcl" && name.EndsWith(".json")) return Bfcl;
        if (name.StartsWith("persona_hub") && name.EndsWith(".jsonl")) return PersonaHub;
        if (name.StartsWith("mt_bench_judge") && name.EndsWith(".jsonl")) return JudgePrompts;
        if (name.StartsWith("alpaca_seed") && name.EndsWith(".jsonl")) return SeedTasks;
        if (name.EndsWith("generation_prompt.txt")) return GenerationPrompt;
        if (dir == "cot_prompts" && name.EndsWith(".txt")) return FewShot;
        if (dir == "mmlu" && name.EndsWith(".csv")) return Mmlu;
        if (name.Contains("jailbreak_prompts") && name.EndsWith(".csv")) return JailbreakCsv;
        if (name.Contains("forbidden_question") && name.EndsWith(".csv")) return ForbiddenCsv;
        if (name.StartsWith("tensor_trust") && name.EndsWith(".jsonl")) return TensorTrust;
        if (dir == "legit" && name.EndsWith(".jsonl")) return PromptLines;
        return null;
    }

    // ---- helpers ----

    private static IEnumerable<string> Lines(string path)
    {
        Stream s = File.OpenRead(path);
        if (path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase)) s = new GZipStream(s, CompressionMode.Decompress);
        using var reader = new StreamReader(s, new UTF8Encoding(false, false));
        string? line;
        while ((line = reader.ReadLine()) is not null)
            if (line.Length > 0) yield return line;
    }

    /// <summary>Parses each JSON line; a line that is not a JSON object counts as bad.</summary>
    private static void JsonLines(string path, Stats stats, Action<JsonElement> onObject)
    {
        foreach (var line in Lines(path))
        {
            if (stats.Items >= MaxItemsPerFile) { stats.Note = $"capped at {MaxItemsPerFile} items"; break; }
            JsonDocument doc;
            try { doc = JsonDocument.Parse(line); }
            catch (JsonException) { stats.Bad++; continue; }
            using (doc)
            {
                if (doc.RootElement.ValueKind != JsonValueKind.Object) { stats.Bad++; continue; }
                int before = stats.Items;
                try { onObject(doc.RootElement); }
                catch (Exception e) when (e is InvalidOperationException or KeyNotFoundException or FormatException) { stats.Bad++; }
                if (stats.Items == before && stats.Bad == 0) { }
            }
        }
    }

    private static string? Str(JsonElement e, string name)
        => e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static bool Usable(string? s) => !string.IsNullOrWhiteSpace(s) && s.Length <= MaxTextLength;

    private static void Add(LibraryBuilder b, Stats stats, CorpusPool pool, ContentItem item)
    {
        b.Add(pool, item);
        stats.Items++;
    }

    // ---- readers ----

    private static void Gsm8k(LibraryBuilder b, string path, Stats stats) => JsonLines(path, stats, o =>
    {
        string? q = Str(o, "question"), a = Str(o, "answer");
        if (!Usable(q) || a is null) { stats.Bad++; return; }
        int mark = a.LastIndexOf("####", StringComparison.Ordinal);
        string final = mark >= 0 ? a[(mark + 4)..].Trim() : a.Trim();
        Add(b, stats, CorpusPool.MathWord, new ContentItem(q!, final));
    });

    private static void PromptLines(LibraryBuilder b, string path, Stats stats)
    {
        bool mtBench = Path.GetFileName(path).StartsWith("mt_bench", StringComparison.OrdinalIgnoreCase);
        JsonLines(path, stats, o =>
        {
            string? text = Str(o, "prompt") ?? Str(o, "question");
            if (text is null && o.TryGetProperty("turns", out var turns) && turns.ValueKind == JsonValueKind.Array && turns.GetArrayLength() > 0
                && turns[0].ValueKind == JsonValueKind.String)
                text = turns[0].GetString();
            if (text is null && Str(o, "instruction") is { } instruction)
            {
                text = instruction;
                if (o.TryGetProperty("instances", out var inst) && inst.ValueKind == JsonValueKind.Array && inst.GetArrayLength() > 0
                    && Str(inst[0], "input") is { Length: > 0 } input)
                    text = instruction + "\n\n" + input;
            }
            if (!Usable(text)) { stats.Bad++; return; }
            string? category = Str(o, "category");
            var pool = mtBench && category == "writing" ? CorpusPool.Writing
                : mtBench && category == "coding" ? CorpusPool.Coding
                : CorpusPool.Chat;
            Add(b, stats, pool, new ContentItem(text!));
        });
    }

    private static void ToxicChat(LibraryBuilder b, string path, Stats stats)
    {
        using var stream = File.OpenRead(path);
        using var doc = JsonDocument.Parse(stream);
        if (!doc.RootElement.TryGetProperty("instances", out var instances) || instances.ValueKind != JsonValueKind.Array)
        {
            stats.Note = "no 'instances' array";
            return;
        }
        foreach (var inst in instances.EnumerateArray())
        {
            if (stats.Items >= MaxItemsPerFile) break;
            string? text = Str(inst, "instance");
            if (!Usable(text)) { stats.Bad++; continue; }
            string? toxic = null, jailbreak = null;
            if (inst.TryGetProperty("annotations", out var ann) && ann.ValueKind == JsonValueKind.Object)
            {
                if (ann.TryGetProperty("toxicity", out var t)) toxic = Str(t, "majority_human");
                if (ann.TryGetProperty("jailbreaking", out var j)) jailbreak = Str(j, "majority_human");
            }
            if (jailbreak == "1") Add(b, stats, CorpusPool.Jailbreak, new ContentItem(text!));
            else if (toxic != "1") Add(b, stats, CorpusPool.Chat, new ContentItem(text!));
        }
    }

    private static void HumanEval(LibraryBuilder b, string path, Stats stats) => JsonLines(path, stats, o =>
    {
        string? prompt = Str(o, "prompt"), entry = Str(o, "entry_point");
        if (!Usable(prompt)) { stats.Bad++; return; }
        Add(b, stats, CorpusPool.Coding, new ContentItem("Complete this Python function:\n\n```python\n" + prompt!.TrimEnd() + "\n```", null, entry));
    });

    private static void CodeAlpaca(LibraryBuilder b, string path, Stats stats)
    {
        using var stream = File.OpenRead(path);
        using var doc = JsonDocument.Parse(stream);
        if (doc.RootElement.ValueKind != JsonValueKind.Array) { stats.Note = "not a JSON array"; return; }
        foreach (var o in doc.RootElement.EnumerateArray())
        {
            if (stats.Items >= MaxItemsPerFile) break;
            string? instruction = Str(o, "instruction");
            if (!Usable(instruction)) { stats.Bad++; continue; }
            string? input = Str(o, "input");
            Add(b, stats, CorpusPool.Coding, new ContentItem(string.IsNullOrWhiteSpace(input) ? instruction! : instruction + "\n\n" + input));
        }
    }

    private static void Bfcl(LibraryBuilder b, string path, Stats stats) => JsonLines(path, stats, o =>
    {
        string? question = null;
        if (o.TryGetProperty("question", out var q) && q.ValueKind == JsonValueKind.Array)
            foreach (var turn in q.EnumerateArray())
                if (turn.ValueKind == JsonValueKind.Array)
                    foreach (var m in turn.EnumerateArray())
                        if (Str(m, "role") == "user") question = Str(m, "content");
        if (!Usable(question) || !o.TryGetProperty("function", out var fns) || fns.ValueKind != JsonValueKind.Array) { stats.Bad++; return; }
        var tools = new List<ToolSpec>();
        foreach (var fn in fns.EnumerateArray())
            if (ToolFromSchema(fn) is { } tool) tools.Add(tool);
        if (tools.Count == 0) { stats.Bad++; return; }
        b.ToolSets.Add(tools.ToArray());
        b.ToolSetQuestions.Add(question!);
        stats.Items++;
    });

    /// <summary>Turns a BFCL function (Python-flavoured types such as "dict", "float", "tuple") into a JSON Schema tool.</summary>
    private static ToolSpec? ToolFromSchema(JsonElement fn)
    {
        string? name = Str(fn, "name");
        if (string.IsNullOrEmpty(name) || !fn.TryGetProperty("parameters", out var parameters) || parameters.ValueKind != JsonValueKind.Object) return null;
        var ps = new List<ToolParam>();
        var required = new HashSet<string>(StringComparer.Ordinal);
        if (parameters.TryGetProperty("required", out var req) && req.ValueKind == JsonValueKind.Array)
            foreach (var r in req.EnumerateArray()) if (r.ValueKind == JsonValueKind.String) required.Add(r.GetString()!);
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms)) WriteSchema(w, parameters);
        if (parameters.TryGetProperty("properties", out var props) && props.ValueKind == JsonValueKind.Object)
            foreach (var p in props.EnumerateObject())
            {
                string type = JsonType(Str(p.Value, "type"));
                string[]? en = null;
                if (p.Value.TryGetProperty("enum", out var e) && e.ValueKind == JsonValueKind.Array)
                    en = e.EnumerateArray().Where(x => x.ValueKind == JsonValueKind.String).Select(x => x.GetString()!).ToArray();
                ps.Add(new ToolParam(p.Name, type, required.Contains(p.Name), en is { Length: > 0 } ? en : null));
            }
        // Function names with dots are not allowed by the APIs: real clients replace them.
        return new ToolSpec(name.Replace('.', '_'), Str(fn, "description") ?? name, Encoding.UTF8.GetString(ms.ToArray()), ps.ToArray());
    }

    private static string JsonType(string? t) => t switch
    {
        "dict" or "object" => "object", "float" or "number" => "number", "integer" or "int" => "integer",
        "boolean" or "bool" => "boolean", "array" or "list" or "tuple" => "array", _ => "string",
    };

    private static void WriteSchema(Utf8JsonWriter w, JsonElement e)
    {
        switch (e.ValueKind)
        {
            case JsonValueKind.Object:
                w.WriteStartObject();
                foreach (var p in e.EnumerateObject())
                {
                    if (p.NameEquals("type") && p.Value.ValueKind == JsonValueKind.String)
                    {
                        w.WriteString("type", JsonType(p.Value.GetString()));
                        continue;
                    }
                    w.WritePropertyName(p.Name);
                    WriteSchema(w, p.Value);
                }
                w.WriteEndObject();
                break;
            case JsonValueKind.Array:
                w.WriteStartArray();
                foreach (var x in e.EnumerateArray()) WriteSchema(w, x);
                w.WriteEndArray();
                break;
            default:
                e.WriteTo(w);
                break;
        }
    }

    private static void PersonaHub(LibraryBuilder b, string path, Stats stats) => JsonLines(path, stats, o =>
    {
        string? persona = Str(o, "input persona") ?? Str(o, "persona");
        if (!Usable(persona)) { stats.Bad++; return; }
        Add(b, stats, CorpusPool.Persona, new ContentItem(persona!));
    });

    private static void JudgePrompts(LibraryBuilder b, string path, Stats stats) => JsonLines(path, stats, o =>
    {
        string? template = Str(o, "prompt_template"), system = Str(o, "system_prompt"), type = Str(o, "type");
        if (!Usable(template)) { stats.Bad++; return; }
        var kind = type == "pairwise" ? ContentKind.PairwiseJudging : ContentKind.RubricGrading;
        var sb = new StringBuilder();
        if (!string.IsNullOrWhiteSpace(system)) sb.Append(system).Append("\n\n");
        sb.Append(template);
        string text = MapPlaceholders(sb.ToString());
        b.RawSkeletons[(int)kind].Add(text);
        stats.Items++;
    });

    /// <summary>Maps a judge template's {question}/{answer_a}/... placeholders onto slots.</summary>
    internal static string MapPlaceholders(string template)
    {
        var sb = new StringBuilder(template.Length);
        int i = 0;
        while (i < template.Length)
        {
            char c = template[i];
            if (c == '{')
            {
                int end = template.IndexOf('}', i + 1);
                if (end > i + 1 && end - i < 32)
                {
                    string name = template[(i + 1)..end];
                    char? slot = name switch
                    {
                        _ when name.StartsWith("question") => 'q',
                        _ when name.StartsWith("answer_a") => 'x',
                        _ when name.StartsWith("answer_b") || name.StartsWith("answer") => 'y',
                        _ when name.StartsWith("ref_answer") => 'a',
                        _ when name.StartsWith("rating") || name.StartsWith("score") => 'k',
                        _ => null,
                    };
                    if (slot is char s) { sb.Append(Skeleton.RawSlot).Append(s); i = end + 1; continue; }
                }
            }
            if (c == Skeleton.RawSlot) { i++; continue; }
            sb.Append(c);
            i++;
        }
        return sb.ToString();
    }

    private static void SeedTasks(LibraryBuilder b, string path, Stats stats) => JsonLines(path, stats, o =>
    {
        string? instruction = Str(o, "instruction");
        if (!Usable(instruction)) { stats.Bad++; return; }
        var sb = new StringBuilder("Instruction: ").Append(instruction);
        if (o.TryGetProperty("instances", out var inst) && inst.ValueKind == JsonValueKind.Array && inst.GetArrayLength() > 0)
        {
            if (Str(inst[0], "input") is { Length: > 0 } input) sb.Append("\nInput: ").Append(input);
            if (Str(inst[0], "output") is { Length: > 0 } output) sb.Append("\nOutput: ").Append(output);
        }
        Add(b, stats, CorpusPool.SeedTask, new ContentItem(sb.ToString()));
    });

    private static void GenerationPrompt(LibraryBuilder b, string path, Stats stats)
    {
        string text = File.ReadAllText(path).Trim();
        if (!Usable(text)) { stats.Note = "empty or too long"; return; }
        b.RawSkeletons[(int)ContentKind.SyntheticData].Add(text.Replace(Skeleton.RawSlot, ' '));
        stats.Items++;
    }

    private static void FewShot(LibraryBuilder b, string path, Stats stats)
    {
        if (Path.GetFileName(path).Equals("LICENSE", StringComparison.OrdinalIgnoreCase)) return;
        string text = File.ReadAllText(path).Replace("\r\n", "\n");
        // Keep the first three worked examples: a realistic few-shot prefix, not the whole file.
        var blocks = text.Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (blocks.Length == 0) { stats.Note = "empty"; return; }
        string prefix = string.Join("\n\n", blocks.Take(3));
        if (!Usable(prefix)) { stats.Note = "too long"; return; }
        Add(b, stats, CorpusPool.FewShot, new ContentItem(prefix));
    }

    private static void Mmlu(LibraryBuilder b, string path, Stats stats)
    {
        using var reader = new StreamReader(path, new UTF8Encoding(false, false));
        foreach (var rec in CsvRecords.Read(reader))
        {
            if (stats.Items >= MaxItemsPerFile) break;
            if (rec.Count < 6 || rec[5].Trim().Length != 1 || !Usable(rec[0])) { if (rec.Count > 1) stats.Bad++; continue; }
            var sb = new StringBuilder(rec[0].Trim());
            for (int i = 0; i < 4; i++) sb.Append("\n(").Append((char)('A' + i)).Append(") ").Append(rec[1 + i].Trim());
            Add(b, stats, CorpusPool.MultipleChoice, new ContentItem(sb.ToString(), rec[5].Trim()));
        }
    }

    private static void JailbreakCsv(LibraryBuilder b, string path, Stats stats) => CsvWithHeader(path, stats, (header, rec) =>
    {
        int p = header.IndexOf("prompt"), j = header.IndexOf("jailbreak");
        if (p < 0 || p >= rec.Count || !Usable(rec[p])) { stats.Bad++; return; }
        if (j >= 0 && j < rec.Count && !rec[j].Equals("true", StringComparison.OrdinalIgnoreCase)) return;
        Add(b, stats, CorpusPool.Jailbreak, new ContentItem(rec[p].Trim()));
    });

    private static void ForbiddenCsv(LibraryBuilder b, string path, Stats stats) => CsvWithHeader(path, stats, (header, rec) =>
    {
        int q = header.IndexOf("question");
        if (q < 0 || q >= rec.Count || !Usable(rec[q])) { stats.Bad++; return; }
        Add(b, stats, CorpusPool.Forbidden, new ContentItem(rec[q].Trim()));
    });

    private static void CsvWithHeader(string path, Stats stats, Action<List<string>, List<string>> onRecord)
    {
        using var reader = new StreamReader(path, new UTF8Encoding(false, false));
        List<string>? header = null;
        foreach (var rec in CsvRecords.Read(reader))
        {
            if (header is null) { header = rec.Select(h => h.Trim().ToLowerInvariant()).ToList(); continue; }
            if (stats.Items >= MaxItemsPerFile) { stats.Note = $"capped at {MaxItemsPerFile} items"; break; }
            if (rec.Count == 1 && rec[0].Length == 0) continue;
            onRecord(header, rec);
        }
    }

    private static void TensorTrust(LibraryBuilder b, string path, Stats stats)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        JsonLines(path, stats, o =>
        {
            string? attack = Str(o, "attack"), pre = Str(o, "pre_prompt");
            if (!Usable(attack)) { stats.Bad++; return; }
            Add(b, stats, CorpusPool.ExtractionAttack, new ContentItem(attack!));
            if (Usable(pre) && b.DefensePrompts.Count < 2000 && seen.Add(pre!)) b.DefensePrompts.Add(pre!.Trim());
        });
    }
}
