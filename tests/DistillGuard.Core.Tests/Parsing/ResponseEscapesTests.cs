using System.Text;
using System.Text.Json;
using DistillGuard.Core.Model;
using DistillGuard.Core.Parsing;

namespace DistillGuard.Core.Tests.Parsing;

/// <summary>
/// The reader blanks escapes inside the response before tokenizing it (a speed measure). It must not change what is
/// extracted: every line of a generated log with escapes, artifacts, odd property names and broken JSON in the response
/// gives the same quarantine reason and the same value of every <see cref="ExchangeFeatures"/> property as the reference
/// parser that reads the line as written.
/// </summary>
public sealed class ResponseEscapesTests
{
    private static readonly string[] Pieces =
    [
        "plain words here ", "line\\nbreak", "\\t", "quote \\\"inside\\\" ", "back\\\\slash", "\\/", "caf\\u00e9 ", "\\ud83d\\ude00",
        "émoji 😀 ", "中文字符 ", "x", " ", "```py\\nprint(1)\\n``` ", "\\r\\n", "\\b\\f",
    ];

    private static readonly string[] BadPieces = ["\\x", "\\u12G4", "\u0001", "\\", "\"", "\\u00"];

    private static string Text(Random rnd, bool bad)
    {
        var sb = new StringBuilder();
        int n = rnd.Next(0, 12);
        for (int i = 0; i < n; i++) sb.Append(Pieces[rnd.Next(Pieces.Length)]);
        if (bad) sb.Insert(rnd.Next(sb.Length + 1), BadPieces[rnd.Next(BadPieces.Length)]);
        return sb.ToString();
    }

    private static string Artifact(Random rnd) => rnd.Next(3) switch
    {
        0 => "EqQBCkYIBxgCKkC\\/abc+def\\/0123456789ABCDEFGHIJabcdefghij==",
        1 => "gAAAAABo\\u0041xyz0123456789" + new string('Q', rnd.Next(0, 40)),
        _ => "",
    };

    /// <summary>A line whose response carries escapes in long texts, artifacts, types and (sometimes) escaped or unusual names.</summary>
    private static string Line(Random rnd, int i)
    {
        bool bad = rnd.Next(6) == 0;
        string T() => Text(rnd, bad && rnd.Next(3) == 0);
        string typeKey = rnd.Next(8) == 0 ? "t\\u0079pe" : "type";
        string thinkingKey = rnd.Next(8) == 0 ? "thinkin\\u0067" : "thinking";
        string env = $"\"id\":\"ex_{i}\",\"ts\":\"2026-02-01T12:00:00.000Z\",\"account\":\"acct_{i % 7}\"";
        string user = $"{{\"role\":\"user\",\"content\":\"{T()} explain every intermediate step {T()}\"}}";
        switch (rnd.Next(3))
        {
            case 0:
                return $"{{{env},\"api\":\"openai.chat.completions\",\"request\":{{\"messages\":[{user}],\"logprobs\":true}}," +
                       $"\"response\":{{\"id\":\"{T()}\",\"choices\":[{{\"message\":{{\"role\":\"assistant\",\"content\":\"{T()}\",\"reasoning_content\":\"{T()}\"" +
                       (rnd.Next(3) == 0 ? $",\"tool_calls\":[{{\"id\":\"c\",\"function\":{{\"name\":\"f\",\"arguments\":\"{{\\\"a\\\":\\\"{T()}\\\"}}\"}}}}]" : "") +
                       $"}},\"logprobs\":{{\"content\":[{{\"token\":\"{T()}\",\"logprob\":-0.5,\"top_logprobs\":[{{\"token\":\"\\n\",\"logprob\":-1}}]}}]}}}}]," +
                       $"\"usage\":{{\"prompt_tokens\":{rnd.Next(500)},\"completion_tokens\":{rnd.Next(900)}}}}}}}";
            case 1:
                return $"{{{env},\"api\":\"openai.responses\",\"request\":{{\"input\":[{user}]}}," +
                       $"\"response\":{{\"output\":[{{\"{typeKey}\":\"reasoning\",\"encrypted_content\":\"{Artifact(rnd)}\",\"summary\":[{{\"type\":\"summary_text\",\"text\":\"{T()}\"}}]}}," +
                       $"{{\"type\":\"{(rnd.Next(4) == 0 ? "function\\u005fcall" : "message")}\",\"content\":[{{\"type\":\"output_text\",\"text\":\"{T()}\"}}]}}]," +
                       $"\"usage\":{{\"input_tokens\":{rnd.Next(500)},\"output_tokens\":{rnd.Next(900)},\"output_tokens_details\":{{\"reasoning_tokens\":{rnd.Next(300)}}}}}}}" +
                       (rnd.Next(4) == 0 ? $",\"status\":200,\"latency_ms\":{rnd.Next(9000)}" : "") + "}";
            default:
                string api = rnd.Next(5) == 0 ? "" : ",\"api\":\"anthropic.messages\"";   // api after the response: re-read from the copy
                return $"{{{env},\"request\":{{\"max_tokens\":1000,\"messages\":[{user}]}}," +
                       $"\"response\":{{\"content\":[{{\"type\":\"thinking\",\"{thinkingKey}\":\"{T()}\",\"signature\":\"{Artifact(rnd)}\"}}," +
                       $"{{\"type\":\"redacted_thinking\",\"data\":\"{Artifact(rnd)}\"}},{{\"{typeKey}\":\"tool_use\",\"input\":{{\"q\":\"{T()}\"}}}},{{\"type\":\"text\",\"text\":\"{T()}\"}}]," +
                       $"\"usage\":{{\"input_tokens\":{rnd.Next(500)},\"output_tokens\":{rnd.Next(900)}}}}}" +
                       (api.Length > 0 ? api : ",\"api\":\"anthropic.messages\"") + "}";
        }
    }

    private static string Dump(string? reason, ExchangeFeatures f)
    {
        if (reason is not null) return "quarantined: " + reason;
        var sb = new StringBuilder();
        foreach (var p in typeof(ExchangeFeatures).GetProperties())
        {
            var v = p.GetValue(f);
            sb.Append(p.Name).Append('=').Append(v is List<ulong> l ? string.Join(",", l) : Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture)).Append(';');
        }
        return sb.ToString();
    }

    [Fact]
    public void Parse_GeneratedLinesWithEscapedResponses_ExtractsExactlyWhatTheReferenceParserExtracts()
    {
        var rnd = new Random(20260201);
        var fast = new ExchangeLineParser();
        var reference = new ExchangeLineParser { BlankResponseEscapes = false };
        int quarantined = 0, blanked = 0;
        for (int i = 0; i < 3000; i++)
        {
            var bytes = Encoding.UTF8.GetBytes(Line(rnd, i));
            var copy = (byte[])bytes.Clone();
            var f1 = new ExchangeFeatures();
            var f2 = new ExchangeFeatures();
            string? r1 = fast.Parse(bytes, f1);
            string? r2 = reference.Parse(bytes, f2);
            Assert.Equal(Dump(r2, f2), Dump(r1, f1));
            Assert.Equal(copy, bytes); // the caller's line is never modified (quarantine writes it as read)
            if (r1 is not null) quarantined++;
            int start = Encoding.UTF8.GetString(bytes).IndexOf("\"response\":", StringComparison.Ordinal);
            var work = (byte[])bytes.Clone();
            if (start >= 0)
            {
                int open = Array.IndexOf(work, (byte)'{', start);
                ResponseEscapes.Blank(work.AsSpan(open));
                if (!work.AsSpan().SequenceEqual(bytes)) blanked++;
            }
        }
        // The generator exercises both paths: lines the blanking changes, and broken lines.
        Assert.InRange(quarantined, 100, 2000);
        Assert.True(blanked > 1000, $"only {blanked} lines had escapes blanked");
    }

    [Fact]
    public void Blank_AnyResponseText_KeepsLengthAndJsonValidity()
    {
        var rnd = new Random(7);
        for (int i = 0; i < 3000; i++)
        {
            var json = Encoding.UTF8.GetBytes($"{{\"a\":\"{Text(rnd, rnd.Next(3) == 0)}\",\"type\":\"{Text(rnd, false)}\",\"b\":[\"{Text(rnd, rnd.Next(4) == 0)}\",{{\"c\":\"{Text(rnd, false)}\"}}]}}");
            var blanked = (byte[])json.Clone();
            ResponseEscapes.Blank(blanked);
            Assert.Equal(json.Length, blanked.Length);
            Assert.Equal(IsValidJson(json), IsValidJson(blanked));
            if (IsValidJson(json))
            {
                using var d1 = JsonDocument.Parse(json);
                using var d2 = JsonDocument.Parse(blanked);
                Assert.Equal(d1.RootElement.GetProperty("type").GetString(), d2.RootElement.GetProperty("type").GetString()); // kept as written
                Assert.Equal(d1.RootElement.GetProperty("a").GetRawText().Length, d2.RootElement.GetProperty("a").GetRawText().Length);
            }
        }
    }

    private static bool IsValidJson(byte[] json)
    {
        try { var r = new Utf8JsonReader(json); while (r.Read()) { } return true; }
        catch (JsonException) { return false; }
    }
}
