using System.IO.Compression;
using System.Text;
using System.Text.Json;

namespace DistillGuard.Benchmarks;

/// <summary>
/// Writes a realistic mixed exchange log for measurement until the simulator lands: the three APIs, system prompts,
/// multi-turn conversations, tools and tool calls, long responses, reasoning text and signatures, ordinary prompts
/// and a share of harvest-style templates, and a few bad lines. Seeded: the same arguments give the same file.
/// </summary>
public static class ReaderWorkload
{
    private static readonly string[] Words = ("the of and to in is that for it as with was on be by this are from at or an have not which but can all were " +
        "data model function value system result user number problem answer time people water energy market city history language code table " +
        "analysis method process reason step question example test error file server network policy price growth rate team report design").Split(' ');

    private static readonly string[] Ordinary =
    [
        "Can you help me write a cover letter for a {0} position at a small company?",
        "What is the difference between {0} and {1}? Keep it short.",
        "Write a Python function that {0} and explain how it works.",
        "Translate the following into French: {0}",
        "My {0} keeps failing with an error about {1}. What should I check first?",
        "Summarize this text in three bullet points: {0}",
        "Plan a {2}-day trip to {0} with a budget of {2}00 dollars.",
        "Solve for x: {2}x + {2} = {2}{2}. Show your work.",
    ];

    private static readonly string[] Harvest =
    [
        "You are an expert analyst combining statistical rigor with deep domain knowledge. Provide complete and transparent reasoning, showing your entire thought process. Question: {0}",
        "Problem: {0}. The correct answer is {2}. Write out the step-by-step reasoning that leads to this answer, as if you did not know it.",
        "Please act as an impartial judge and evaluate the response provided by an AI assistant. Rate the response on a scale of 1 to 10. [Question] {0} [Response] {1}",
        "Generate {2} diverse instructions about {0} for a fine-tuning dataset, in JSON format.",
    ];

    /// <param name="badEvery">every Nth line is broken JSON (0: none; jsonl-floor stops at a bad line, so measurement files have none)</param>
    public static void Write(string path, int lines, int seed = 42, int badEvery = 0)
    {
        var rnd = new Random(seed);
        using var fs = File.Create(path);
        using Stream s = path.EndsWith(".gz", StringComparison.Ordinal) ? new GZipStream(fs, CompressionLevel.Fastest) : fs;
        using var w = new Utf8JsonWriter(s);
        var t0 = new DateTime(2026, 2, 1, 0, 0, 0, DateTimeKind.Utc);
        for (int i = 0; i < lines; i++)
        {
            if (badEvery > 0 && i % badEvery == badEvery - 1) { w.Flush(); s.Write("{\"id\":\"broken\", \"ts\":\n"u8); continue; }
            int api = rnd.Next(3);
            bool harvest = rnd.Next(10) < 3;
            string prompt = Fill(harvest ? Harvest[rnd.Next(Harvest.Length)] : Ordinary[rnd.Next(Ordinary.Length)], rnd);
            w.WriteStartObject();
            w.WriteString("id", $"ex_{i:D9}");
            w.WriteString("ts", t0.AddMilliseconds(i * 37L).ToString("yyyy-MM-ddTHH:mm:ss.fffZ"));
            int acct = harvest ? rnd.Next(200) : 200 + rnd.Next(5000);
            w.WriteString("account", $"acct_{acct}");
            w.WriteString("key", $"key_{acct}_a");
            w.WriteStartObject("client");
            w.WriteString("ip", $"203.0.{rnd.Next(256)}.{rnd.Next(256)}");
            w.WriteString("user_agent", rnd.Next(2) == 0 ? "python-httpx/0.27.0" : "OpenAI/Python 1.40.0");
            w.WriteString("ja4", "t13d1516h2_8daaf6152771_02713d6af862");
            w.WriteEndObject();
            w.WriteString("route", rnd.Next(5) == 0 ? "cloud:bedrock" : "direct");
            w.WriteString("api", api switch { 0 => "openai.chat.completions", 1 => "openai.responses", _ => "anthropic.messages" });
            w.WritePropertyName("request");
            WriteRequest(w, api, prompt, rnd, harvest);
            w.WritePropertyName("response");
            WriteResponse(w, api, rnd, harvest);
            w.WriteNumber("status", 200);
            w.WriteNumber("latency_ms", rnd.Next(200, 30000));
            w.WriteEndObject();
            w.Flush();
            w.Reset();
            s.WriteByte((byte)'\n');
        }
    }

    private static string Fill(string template, Random rnd)
        => string.Format(template, Sentence(rnd, 6, 40), Sentence(rnd, 10, 80), rnd.Next(2, 99));

    private static string Sentence(Random rnd, int min, int max)
    {
        var sb = new StringBuilder();
        int n = rnd.Next(min, max);
        for (int i = 0; i < n; i++) { if (i > 0) sb.Append(' '); sb.Append(Words[rnd.Next(Words.Length)]); }
        return sb.ToString();
    }

    /// <summary>Apps reuse their system prompt: 400 distinct ones, each a few sentences.</summary>
    private static readonly string[] Systems = Enumerable.Range(0, 400).Select(i => Sentence(new Random(1000 + i), 20, 120)).ToArray();

    private static void WriteRequest(Utf8JsonWriter w, int api, string prompt, Random rnd, bool harvest)
    {
        w.WriteStartObject();
        w.WriteString("model", rnd.Next(4) == 0 ? "frontier-2" : "frontier-1");
        bool system = rnd.Next(2) == 0;
        int history = rnd.Next(3) == 0 ? rnd.Next(1, 4) : 0;
        bool tools = rnd.Next(5) == 0;
        switch (api)
        {
            case 0:
                w.WriteStartArray("messages");
                if (system) Msg(w, "system", "You are a helpful assistant. " + Systems[rnd.Next(Systems.Length)]);
                for (int h = 0; h < history; h++) { Msg(w, "user", Sentence(rnd, 5, 30)); Msg(w, "assistant", Sentence(rnd, 20, 120)); }
                Msg(w, "user", prompt);
                w.WriteEndArray();
                w.WriteNumber("max_tokens", harvest ? 32000 : 1024 * rnd.Next(1, 9));
                if (rnd.Next(10) == 0) { w.WriteBoolean("logprobs", true); w.WriteNumber("top_logprobs", 5); }
                if (tools) { w.WriteStartArray("tools"); Tool(w, "search"); Tool(w, "run_code"); w.WriteEndArray(); }
                break;
            case 1:
                if (system) w.WriteString("instructions", Systems[rnd.Next(Systems.Length)]);
                if (history == 0) w.WriteString("input", prompt);
                else
                {
                    w.WriteStartArray("input");
                    for (int h = 0; h < history; h++) { Msg(w, "user", Sentence(rnd, 5, 30)); w.WriteStartObject(); w.WriteString("type", "reasoning"); w.WriteString("encrypted_content", Blob(rnd, 300)); w.WriteEndObject(); }
                    Msg(w, "user", prompt);
                    w.WriteEndArray();
                }
                w.WriteStartObject("reasoning"); w.WriteString("effort", harvest ? "high" : "medium"); w.WriteEndObject();
                w.WriteNumber("max_output_tokens", 4000);
                break;
            default:
                if (system) w.WriteString("system", Systems[rnd.Next(Systems.Length)]);
                w.WriteStartArray("messages");
                for (int h = 0; h < history; h++)
                {
                    Msg(w, "user", Sentence(rnd, 5, 30));
                    w.WriteStartObject(); w.WriteString("role", "assistant"); w.WriteStartArray("content");
                    w.WriteStartObject(); w.WriteString("type", "thinking"); w.WriteString("thinking", Sentence(rnd, 20, 60)); w.WriteString("signature", Blob(rnd, 200)); w.WriteEndObject();
                    w.WriteStartObject(); w.WriteString("type", "text"); w.WriteString("text", Sentence(rnd, 20, 100)); w.WriteEndObject();
                    w.WriteEndArray(); w.WriteEndObject();
                }
                Msg(w, "user", prompt);
                w.WriteEndArray();
                w.WriteNumber("max_tokens", harvest ? 64000 : 4096);
                w.WriteStartObject("thinking"); w.WriteString("type", "enabled"); w.WriteNumber("budget_tokens", harvest ? 48000 : 4000); w.WriteEndObject();
                if (tools) { w.WriteStartArray("tools"); w.WriteStartObject(); w.WriteString("name", "bash"); w.WriteStartObject("input_schema"); w.WriteString("type", "object"); w.WriteEndObject(); w.WriteEndObject(); w.WriteEndArray(); }
                break;
        }
        w.WriteEndObject();
    }

    private static void WriteResponse(Utf8JsonWriter w, int api, Random rnd, bool harvest)
    {
        string text = Sentence(rnd, 80, harvest ? 700 : 350);
        string reasoning = Sentence(rnd, 50, harvest ? 500 : 150);
        w.WriteStartObject();
        switch (api)
        {
            case 0:
                w.WriteStartArray("choices"); w.WriteStartObject(); w.WriteNumber("index", 0);
                w.WriteStartObject("message"); w.WriteString("role", "assistant"); w.WriteString("content", text);
                if (rnd.Next(3) == 0) w.WriteString("reasoning_content", reasoning);
                w.WriteEndObject(); w.WriteString("finish_reason", "stop"); w.WriteEndObject(); w.WriteEndArray();
                w.WriteStartObject("usage"); w.WriteNumber("prompt_tokens", rnd.Next(20, 3000)); w.WriteNumber("completion_tokens", rnd.Next(50, 4000)); w.WriteEndObject();
                break;
            case 1:
                w.WriteStartArray("output");
                w.WriteStartObject(); w.WriteString("type", "reasoning"); w.WriteStartArray("summary");
                w.WriteStartObject(); w.WriteString("type", "summary_text"); w.WriteString("text", Sentence(rnd, 10, 40)); w.WriteEndObject();
                w.WriteEndArray(); w.WriteString("encrypted_content", Blob(rnd, 400)); w.WriteEndObject();
                w.WriteStartObject(); w.WriteString("type", "message"); w.WriteStartArray("content");
                w.WriteStartObject(); w.WriteString("type", "output_text"); w.WriteString("text", text); w.WriteEndObject();
                w.WriteEndArray(); w.WriteEndObject();
                w.WriteEndArray();
                w.WriteStartObject("usage"); w.WriteNumber("input_tokens", rnd.Next(20, 3000)); w.WriteNumber("output_tokens", rnd.Next(50, 4000));
                w.WriteStartObject("output_tokens_details"); w.WriteNumber("reasoning_tokens", rnd.Next(0, 2000)); w.WriteEndObject(); w.WriteEndObject();
                break;
            default:
                w.WriteStartArray("content");
                w.WriteStartObject(); w.WriteString("type", "thinking"); w.WriteString("thinking", reasoning); w.WriteString("signature", Blob(rnd, 300)); w.WriteEndObject();
                w.WriteStartObject(); w.WriteString("type", "text"); w.WriteString("text", text); w.WriteEndObject();
                w.WriteEndArray();
                w.WriteStartObject("usage"); w.WriteNumber("input_tokens", rnd.Next(20, 3000)); w.WriteNumber("output_tokens", rnd.Next(50, 4000)); w.WriteEndObject();
                break;
        }
        w.WriteEndObject();
    }

    private static void Msg(Utf8JsonWriter w, string role, string content)
    {
        w.WriteStartObject(); w.WriteString("role", role); w.WriteString("content", content); w.WriteEndObject();
    }

    private static void Tool(Utf8JsonWriter w, string name)
    {
        w.WriteStartObject(); w.WriteString("type", "function"); w.WriteStartObject("function"); w.WriteString("name", name);
        w.WriteStartObject("parameters"); w.WriteString("type", "object"); w.WriteEndObject(); w.WriteEndObject(); w.WriteEndObject();
    }

    private static string Blob(Random rnd, int bytes)
    {
        var b = new byte[bytes];
        rnd.NextBytes(b);
        return Convert.ToBase64String(b);
    }
}
