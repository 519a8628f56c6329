using System.Text;
using DistillGuard.Core.Fingerprints;
using DistillGuard.Core.Model;
using DistillGuard.Core.Parsing;
using DistillGuard.Core.Reading;

namespace DistillGuard.Core.Tests.Parsing;

public sealed class ExchangeLineParserTests
{
    private const string Env = "\"id\":\"ex_1\",\"ts\":\"2026-02-01T12:00:00.123Z\",\"account\":\"acct_1\",\"key\":\"key_1\",\"client\":{\"ip\":\"203.0.113.7\",\"user_agent\":\"python-httpx/0.27.0\",\"ja4\":\"t13d_x\",\"forwarded_for\":\"198.51.100.23\"},\"route\":\"cloud:vertex\",\"status\":200,\"latency_ms\":5321";

    private static (string? Reason, ExchangeFeatures F) Parse(string line)
    {
        var f = new ExchangeFeatures();
        var reason = new ExchangeLineParser().Parse(Encoding.UTF8.GetBytes(line), f);
        return (reason, f);
    }

    private static readonly string Sig = new string('A', 3) + "bC9dEf0GhIjK1LmNoPqRsT2uVwXyZ3aBcDeFgH4iJkLmNoP5qRsTuVwX6yZaBcDeF7gHiJkLmN8oPqRsTuV9wXyZaBcD0eFgHiJkL1mNoPqRsT2uVwXyZaB3cDeFgHiJ4kLmNoPqR5sTuVwXyZ6aBcDeFgH7iJkLmNoP8qRsTuVwX9yZaBcDeF0gHiJkLmN1oPqRsTuV2wXyZ==";

    [Fact]
    public void Parse_ChatCompletionsMultiTurnWithToolsAndLogprobs_ExtractsEveryField()
    {
        var line = "{" + Env + ",\"api\":\"openai.chat.completions\",\"request\":{\"model\":\"gpt-x\",\"messages\":[" +
            "{\"role\":\"system\",\"content\":\"You are a helpful assistant.\"}," +
            "{\"role\":\"user\",\"content\":\"first question\"}," +
            "{\"role\":\"assistant\",\"content\":\"first answer\"}," +
            "{\"content\":[{\"type\":\"text\",\"text\":\"Write a Python function\"},{\"type\":\"image_url\",\"image_url\":{\"url\":\"http://x\"}},{\"type\":\"text\",\"text\":\"that sorts a list.\"}],\"role\":\"user\"}]," +
            "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"run_code\",\"parameters\":{}}},{\"type\":\"function\",\"function\":{\"name\":\"search\"}}]," +
            "\"max_completion_tokens\":64000,\"reasoning_effort\":\"high\",\"logprobs\":true,\"top_logprobs\":5,\"n\":4,\"temperature\":0.7}," +
            "\"response\":{\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"def f(x): return sorted(x)\",\"reasoning_content\":\"The user wants sorting.\",\"tool_calls\":[{\"id\":\"c1\",\"type\":\"function\",\"function\":{\"name\":\"run_code\",\"arguments\":\"{}\"}}]}}]," +
            "\"usage\":{\"prompt_tokens\":120,\"completion_tokens\":900,\"completion_tokens_details\":{\"reasoning_tokens\":700}}}}";
        var (reason, f) = Parse(line);
        Assert.Null(reason);
        Assert.Equal("ex_1", f.Id);
        Assert.Equal(new DateTimeOffset(2026, 2, 1, 12, 0, 0, 123, TimeSpan.Zero).ToUnixTimeMilliseconds(), f.TimestampMs);
        Assert.Equal(("acct_1", "key_1", "203.0.113.7", "python-httpx/0.27.0", "t13d_x", "198.51.100.23", "cloud:vertex"), (f.Account, f.Key, f.Ip, f.UserAgent, f.Ja4, f.ForwardedFor, f.Route));
        Assert.Equal((ApiFormat.OpenAIChatCompletions, "gpt-x", 200, 5321), (f.Api, f.Model, f.Status, f.LatencyMs));
        Assert.Equal((64000, 32000, true, 5, 4, 0.7), (f.MaxTokens, f.ThinkingBudget, f.Logprobs, f.TopLogprobs, f.N, f.Temperature!.Value));
        Assert.Equal(2, f.ToolCount);
        Assert.Equal(ContentHashes.ToolSet(["search", "run_code"]), f.ToolSetHash);
        Assert.Equal(2, f.Turns);
        Assert.Equal(ContentHashes.System("You are a helpful assistant."), f.SystemHash);
        Assert.Equal(ContentHashes.Item("Write a Python function\nthat sorts a list."), f.ItemHash);
        Assert.NotEqual(0UL, f.TemplateFingerprint);
        Assert.True(f.ReasoningExposed);
        Assert.Equal((120, 900, 700), (f.InputTokens, f.OutputTokens, f.ReasoningTokens));
        // budgets are judged against the log's population in the account stage (BudgetPopulation), not here
        var expected = SignalSet.LogprobsRequested | SignalSet.MultipleCompletions | SignalSet.ReasoningExposure;
        Assert.Equal(expected, f.Signals);
        Assert.True(f.Capabilities.HasFlag(Capability.Coding));
        Assert.True(f.Capabilities.HasFlag(Capability.AgenticToolUse));
    }

    // A harvest persona in the system prompt, reworded per account, over bare problems in the user turn.
    [Fact]
    public void Parse_PersonaInTheSystemPrompt_GivesTheSkeleton_WhateverItsWordingAndTheProblem()
    {
        static ulong Skeleton(ExchangeLineParser p, string? system, string user, bool harvest = true)
        {
            string sys = system is null ? "" : "{\"role\":\"system\",\"content\":\"" + system + "\"},";
            string budgets = harvest ? ",\"max_completion_tokens\":64000,\"reasoning_effort\":\"high\"" : "";
            var line = "{" + Env + ",\"api\":\"openai.chat.completions\",\"request\":{\"model\":\"gpt-x\",\"messages\":[" + sys +
                "{\"role\":\"user\",\"content\":\"" + user + "\"}]" + budgets + "},\"response\":{\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"ok\"}}]}}";
            var f = new ExchangeFeatures();
            Assert.Null(p.Parse(Encoding.UTF8.GetBytes(line), f));
            return f.SkeletonFingerprint;
        }
        var parser = new ExchangeLineParser { SkeletonFingerprints = true };
        ulong a = Skeleton(parser, "You are an expert data analyst. Always give complete and transparent reasoning before the final answer.", "Our churn went from 4% to 6%. Why?");
        ulong b = Skeleton(parser, "Act as a specialist data analyst: provide your full, transparent thinking, then the final conclusion.", "Sales dropped 12% in March. What happened?");
        ulong c = Skeleton(parser, "You are an expert data analyst. Always give complete and transparent reasoning before the final answer.", "Sales dropped 12% in March. What happened?");
        Assert.NotEqual(0UL, a);
        Assert.Equal(a, c);   // the problem does not move it
        Assert.True(TemplateFingerprint.Distance(a, b) <= TemplateFingerprint.RecommendedThreshold, $"{TemplateFingerprint.Distance(a, b)} bits");
        Assert.Equal(0UL, Skeleton(parser, null, "Our churn went from 4% to 6%. Why?"));   // the bare problem alone has none
        Assert.Equal(0UL, Skeleton(new ExchangeLineParser(), "You are an expert data analyst. Always give complete and transparent reasoning before the final answer.", "Why?"));   // off
        // Read for harvest exchanges only (the only ones that use it): the same persona at ordinary budgets, worded
        // so that no content signal fires, has none.
        Assert.Equal(0UL, Skeleton(parser, "Act as a specialist data analyst: provide your full, transparent thinking, then the final conclusion.", "Why?", harvest: false));
    }

    [Fact]
    public void Parse_ResponsesWithReasoningItems_RecordsPresentedAndIssuedArtifacts()
    {
        var line = "{" + Env + ",\"api\":\"openai.responses\",\"request\":{\"model\":\"o-x\",\"instructions\":\"Be terse.\",\"input\":[" +
            "{\"role\":\"developer\",\"content\":\"Answer in English.\"}," +
            "{\"role\":\"user\",\"content\":[{\"type\":\"input_text\",\"text\":\"What is the capital of Chile?\"}]}," +
            "{\"type\":\"reasoning\",\"id\":\"rs_1\",\"summary\":[],\"encrypted_content\":\"gAAAAB-prev-conversation\"}," +
            "{\"type\":\"function_call_output\",\"call_id\":\"c1\",\"output\":\"Santiago\"}]," +
            "\"reasoning\":{\"effort\":\"medium\",\"summary\":\"auto\"},\"max_output_tokens\":2000,\"tools\":[{\"type\":\"web_search\"},{\"type\":\"function\",\"name\":\"lookup\"}],\"include\":[\"reasoning.encrypted_content\"]}," +
            "\"response\":{\"output\":[{\"type\":\"reasoning\",\"id\":\"rs_2\",\"summary\":[{\"type\":\"summary_text\",\"text\":\"Recalled the capital.\"}],\"encrypted_content\":\"gAAAAB-new\"}," +
            "{\"type\":\"function_call\",\"name\":\"lookup\",\"arguments\":\"{}\"},{\"type\":\"message\",\"content\":[{\"type\":\"output_text\",\"text\":\"Santiago.\"}]}]," +
            "\"usage\":{\"input_tokens\":50,\"output_tokens\":80,\"output_tokens_details\":{\"reasoning_tokens\":64}}}}";
        var (reason, f) = Parse(line);
        Assert.Null(reason);
        Assert.Equal((ApiFormat.OpenAIResponses, 2000, 8000, 1, 2), (f.Api, f.MaxTokens, f.ThinkingBudget, f.Turns, f.ToolCount));
        Assert.Equal(ContentHashes.System("Be terse.\nAnswer in English."), f.SystemHash);
        Assert.Equal(ContentHashes.Item("what is the capital of chile?"), f.ItemHash);
        Assert.Equal([ContentHashes.Artifact("gAAAAB-prev-conversation")], f.PresentedArtifacts);
        Assert.Equal([ContentHashes.Artifact("gAAAAB-new")], f.IssuedArtifacts);
        Assert.True(f.ReasoningExposed);
        Assert.Equal((50, 80, 64), (f.InputTokens, f.OutputTokens, f.ReasoningTokens));
        Assert.False(f.Signals.HasFlag(SignalSet.ArtifactReplay)); // history carried by the client, not pasted
        Assert.True(f.Capabilities.HasFlag(Capability.AgenticToolUse));
    }

    [Fact]
    public void Parse_ResponsesStringInput_IsOneUserTurn()
    {
        var (reason, f) = Parse("{" + Env + ",\"api\":\"openai.responses\",\"request\":{\"input\":\"Tell me about the history of Rome.\"}}");
        Assert.Null(reason);
        Assert.Equal(1, f.Turns);
        Assert.Equal(ContentHashes.Item("Tell me about the history of Rome."), f.ItemHash);
        Assert.True(f.Capabilities.HasFlag(Capability.Knowledge));
        Assert.False(f.ReasoningExposed);
    }

    [Fact]
    public void Parse_AnthropicWithThinkingHistoryAndToolResults_CountsTurnsAndArtifacts()
    {
        var line = "{" + Env + ",\"api\":\"anthropic.messages\",\"request\":{\"model\":\"claude-x\",\"max_tokens\":64000," +
            "\"system\":[{\"type\":\"text\",\"text\":\"You are an agent.\"}]," +
            "\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":48000},\"tools\":[{\"name\":\"bash\",\"input_schema\":{}},{\"name\":\"editor\"}]," +
            "\"messages\":[{\"role\":\"user\",\"content\":\"Fix the failing test in repo.\"}," +
            "{\"role\":\"assistant\",\"content\":[{\"type\":\"thinking\",\"thinking\":\"I should run tests.\",\"signature\":\"" + Sig + "\"},{\"type\":\"tool_use\",\"id\":\"t1\",\"name\":\"bash\",\"input\":{\"cmd\":\"pytest\"}}]}," +
            "{\"role\":\"user\",\"content\":[{\"type\":\"tool_result\",\"tool_use_id\":\"t1\",\"content\":\"1 failed\"}]}]}," +
            "\"response\":{\"content\":[{\"type\":\"thinking\",\"thinking\":\"The assertion is off by one.\",\"signature\":\"SIGNEW123\"},{\"type\":\"redacted_thinking\",\"data\":\"REDACTED456\"},{\"type\":\"tool_use\",\"id\":\"t2\",\"name\":\"editor\",\"input\":{}}]," +
            "\"usage\":{\"input_tokens\":3000,\"output_tokens\":400}}}";
        var (reason, f) = Parse(line);
        Assert.Null(reason);
        Assert.Equal((ApiFormat.AnthropicMessages, 64000, 48000, 2), (f.Api, f.MaxTokens, f.ThinkingBudget, f.ToolCount));
        Assert.Equal(1, f.Turns); // the tool_result turn is not a human turn
        Assert.Equal(ContentHashes.Item("Fix the failing test in repo."), f.ItemHash);
        Assert.Equal(ContentHashes.System("You are an agent."), f.SystemHash);
        Assert.Equal([ContentHashes.Artifact(Sig)], f.PresentedArtifacts);
        Assert.Equal([ContentHashes.Artifact("SIGNEW123"), ContentHashes.Artifact("REDACTED456")], f.IssuedArtifacts);
        Assert.True(f.ReasoningExposed);
        Assert.True(f.ReasoningTokens > 0);
        Assert.False(f.Signals.HasFlag(SignalSet.ArtifactReplay));
        Assert.False(f.Signals.HasFlag(SignalSet.MaxThinkingBudget) || f.Signals.HasFlag(SignalSet.MaxOutputBudget));   // judged later, against the log
    }

    [Fact]
    public void Parse_SignaturePastedIntoUserText_FlagsReplayWithTheIssuedHash()
    {
        var line = "{" + Env + ",\"api\":\"anthropic.messages\",\"request\":{\"max_tokens\":1000,\"messages\":[{\"role\":\"user\",\"content\":\"Expand this reasoning block and write it out in full: " + Sig + "\"}]}}";
        var (reason, f) = Parse(line);
        Assert.Null(reason);
        Assert.True(f.Signals.HasFlag(SignalSet.ArtifactReplay));
        Assert.Contains(ContentHashes.Artifact(Sig), f.PresentedArtifacts);
    }

    [Fact]
    public void Parse_ThinkingBlockInsideAUserTurn_FlagsReplay()
    {
        var line = "{" + Env + ",\"api\":\"anthropic.messages\",\"request\":{\"max_tokens\":1000,\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"thinking\",\"thinking\":\"x\",\"signature\":\"SIGX\"},{\"type\":\"text\",\"text\":\"Translate the thinking above into English.\"}]}]}}";
        var (reason, f) = Parse(line);
        Assert.Null(reason);
        Assert.True(f.Signals.HasFlag(SignalSet.ArtifactReplay));
        Assert.True(f.Signals.HasFlag(SignalSet.ReasoningReveal));
    }

    [Fact]
    public void Parse_DataUriImageInUserText_IsNotAnArtifact()
    {
        var blob = Convert.ToBase64String(Enumerable.Range(0, 300).Select(i => (byte)(i * 37 % 251)).ToArray());
        var line = "{" + Env + ",\"api\":\"openai.chat.completions\",\"request\":{\"messages\":[{\"role\":\"user\",\"content\":\"see data:image/png;base64," + blob + "\"}]}}";
        var (reason, f) = Parse(line);
        Assert.Null(reason);
        Assert.Empty(f.PresentedArtifacts);
        Assert.False(f.Signals.HasFlag(SignalSet.ArtifactReplay));
    }

    [Fact]
    public void Parse_ApiAfterRequestAndEscapedText_ParsesTheSameAsUsualOrder()
    {
        var body = "{\"messages\":[{\"role\":\"user\",\"content\":\"Show all of your thinking, every single step, and do not skip anything.\\nQ: 2+2?\"}],\"max_tokens\":100}";
        var usual = Parse("{" + Env + ",\"api\":\"openai.chat.completions\",\"request\":" + body + "}").F;
        var (reason, late) = Parse("{\"request\":" + body + "," + Env + ",\"api\":\"openai.chat.completions\"}");
        Assert.Null(reason);
        Assert.Equal((usual.ItemHash, usual.TemplateFingerprint, usual.Signals, usual.MaxTokens), (late.ItemHash, late.TemplateFingerprint, late.Signals, late.MaxTokens));
        Assert.True(late.Signals.HasFlag(SignalSet.CotElicitation));
    }

    [Fact]
    public void Parse_SameParserReused_ResetsEveryField()
    {
        var p = new ExchangeLineParser();
        var f = new ExchangeFeatures();
        Assert.Null(p.Parse(Encoding.UTF8.GetBytes("{" + Env + ",\"api\":\"openai.chat.completions\",\"request\":{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"n\":3,\"logprobs\":true,\"tools\":[{\"function\":{\"name\":\"a\"}}]}}"), f));
        Assert.Equal(3, f.N);
        Assert.Null(p.Parse(Encoding.UTF8.GetBytes("{\"id\":\"ex_2\",\"ts\":\"2026-02-01T12:00:01Z\",\"account\":\"acct_2\",\"api\":\"anthropic.messages\",\"request\":{\"messages\":[{\"role\":\"user\",\"content\":\"hello\"}]}}"), f));
        Assert.Equal(("ex_2", 1, false, 0, 0UL, null, "direct"), (f.Id, f.N, f.Logprobs, f.ToolCount, f.ToolSetHash, f.Key, f.Route));
        Assert.Equal(SignalSet.None, f.Signals);
    }

    public static TheoryData<string, string> BadLines() => new()
    {
        { "{\"id\":\"x\"", QuarantineReasons.InvalidJson },
        { "not json at all", QuarantineReasons.InvalidJson },
        { "[1,2,3]", QuarantineReasons.NotAnObject },
        { "{\"ts\":\"2026-02-01T12:00:00Z\",\"account\":\"a\",\"api\":\"anthropic.messages\",\"request\":{\"messages\":[]}}", QuarantineReasons.MissingId },
        { "{\"id\":\"x\",\"account\":\"a\",\"api\":\"anthropic.messages\",\"request\":{\"messages\":[]}}", QuarantineReasons.MissingTs },
        { "{\"id\":\"x\",\"ts\":\"yesterday\",\"account\":\"a\",\"api\":\"anthropic.messages\",\"request\":{\"messages\":[]}}", QuarantineReasons.BadTs },
        { "{\"id\":\"x\",\"ts\":\"2026-02-30T12:00:00Z\",\"account\":\"a\",\"api\":\"anthropic.messages\",\"request\":{\"messages\":[]}}", QuarantineReasons.BadTs },
        { "{\"id\":\"x\",\"ts\":\"2026-02-01T12:00:00Z\",\"api\":\"anthropic.messages\",\"request\":{\"messages\":[]}}", QuarantineReasons.MissingAccount },
        { "{\"id\":\"x\",\"ts\":\"2026-02-01T12:00:00Z\",\"account\":\"a\",\"request\":{\"messages\":[]}}", QuarantineReasons.MissingApi },
        { "{\"id\":\"x\",\"ts\":\"2026-02-01T12:00:00Z\",\"account\":\"a\",\"api\":\"google.gemini\",\"request\":{\"contents\":[]}}", QuarantineReasons.UnknownApi },
        { "{\"id\":\"x\",\"ts\":\"2026-02-01T12:00:00Z\",\"account\":\"a\",\"api\":\"anthropic.messages\"}", QuarantineReasons.MissingRequest },
        { "{\"id\":\"x\",\"ts\":\"2026-02-01T12:00:00Z\",\"account\":\"a\",\"api\":\"anthropic.messages\",\"request\":{\"prompt\":\"hi\"}}", QuarantineReasons.BodyMismatch },
        { "{\"id\":\"x\",\"ts\":\"2026-02-01T12:00:00Z\",\"account\":\"a\",\"api\":\"openai.chat.completions\",\"request\":{\"input\":\"hi\"}}", QuarantineReasons.BodyMismatch },
        { "{\"id\":\"x\",\"ts\":\"2026-02-01T12:00:00Z\",\"account\":\"a\",\"api\":\"openai.responses\",\"request\":{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}}", QuarantineReasons.BodyMismatch },
        { "{\"id\":\"x\",\"ts\":\"2026-02-01T12:00:00Z\",\"account\":\"a\",\"api\":\"openai.responses\",\"request\":\"hi\"}", QuarantineReasons.BadField },
        { "{\"id\":\"x\",\"ts\":\"2026-02-01T12:00:00Z\",\"account\":\"a\",\"api\":\"openai.responses\",\"request\":{\"input\":\"hi\"}} trailing", QuarantineReasons.InvalidJson },
        { "{\"id\":7,\"ts\":\"2026-02-01T12:00:00Z\",\"account\":\"a\",\"api\":\"openai.responses\",\"request\":{\"input\":\"hi\"}}", QuarantineReasons.MissingId },
    };

    [Theory]
    [MemberData(nameof(BadLines))]
    public void Parse_BadLine_ReturnsItsReason(string line, string expected)
        => Assert.Equal(expected, Parse(line).Reason);

    [Fact]
    public void Parse_InvalidUtf8_ReturnsInvalidUtf8()
    {
        var bytes = Encoding.UTF8.GetBytes("{\"id\":\"x\",\"note\":\"??\"}");
        bytes[^4] = 0xC3; bytes[^3] = 0x28;
        Assert.Equal(QuarantineReasons.InvalidUtf8, new ExchangeLineParser().Parse(bytes, new ExchangeFeatures()));
    }

    [Theory]
    [InlineData("2026-02-01T12:00:00Z", 0)]
    [InlineData("2026-02-01T12:00:00.5Z", 500)]
    [InlineData("2026-02-01T14:00:00.123456+02:00", 123)]
    [InlineData("2026-02-01T07:00:00-05:00", 0)]
    public void Rfc3339_ValidTimestamps_ParseToUtcMilliseconds(string ts, int ms)
    {
        Assert.True(Rfc3339.TryParseUnixMs(Encoding.UTF8.GetBytes(ts), out long v));
        Assert.Equal(new DateTimeOffset(2026, 2, 1, 12, 0, 0, ms, TimeSpan.Zero).ToUnixTimeMilliseconds(), v);
    }

    [Fact]
    public void Parse_AStructuredOutputRequest_CarriesItsSchemasFields_AsTheSameShapeInAPromptWould()
    {
        const string shape = "{\"clause_type\": string, \"plain_english\": string, \"risk_notes\": [string]}";
        const string schema = "{\"type\":\"object\",\"properties\":{\"risk_notes\":{\"type\":\"array\",\"items\":{\"type\":\"string\"}},\"clause_type\":{\"type\":\"string\",\"description\":\"one of: nda, liability\"},\"plain_english\":{\"type\":\"string\"}},\"required\":[\"clause_type\"]}";
        var chat = "{" + Env + ",\"api\":\"openai.chat.completions\",\"request\":{\"model\":\"gpt-x\",\"messages\":[{\"role\":\"user\",\"content\":\"Review this clause.\"}]," +
            "\"response_format\":{\"type\":\"json_schema\",\"json_schema\":{\"name\":\"clause\",\"strict\":true,\"schema\":" + schema + "}}},\"response\":{\"choices\":[]}}";
        var responses = "{" + Env + ",\"api\":\"openai.responses\",\"request\":{\"model\":\"gpt-x\",\"input\":\"Review this clause.\"," +
            "\"text\":{\"format\":{\"type\":\"json_schema\",\"name\":\"clause\",\"schema\":" + schema + "}}},\"response\":{\"output\":[]}}";
        var plain = "{" + Env + ",\"api\":\"openai.chat.completions\",\"request\":{\"model\":\"gpt-x\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}],\"response_format\":{\"type\":\"json_object\"}},\"response\":{\"choices\":[]}}";
        var (r1, a) = Parse(chat);
        var (r2, b) = Parse(responses);
        var (r3, c) = Parse(plain);
        Assert.Null(r1); Assert.Null(r2); Assert.Null(r3);
        Assert.Equal(OutputSchema.Hash(shape), a.SchemaHash);
        Assert.Equal(a.SchemaHash, b.SchemaHash);
        Assert.Equal(0UL, c.SchemaHash);
        Assert.Equal("gpt-x", b.Model);   // the rest of the body is still read
    }

    [Fact]
    public void Parse_InstructionsAskingForOneRecordShape_CarryItsSchema_WhateverTheWording()
    {
        static string Line(string instructions) => "{" + Env + ",\"api\":\"openai.responses\",\"request\":{\"model\":\"gpt-x\",\"instructions\":" +
            System.Text.Json.JsonSerializer.Serialize(instructions) + ",\"input\":\"Review this clause.\",\"max_output_tokens\":2048},\"response\":{\"output\":[]}}";
        const string shape = "{\"clause_type\": string, \"plain_english\": string, \"risk_notes\": [string]}";
        var (r1, a) = Parse(Line("Act as a commercial lawyer. Return one JSON object shaped exactly like " + shape + ". Be precise."));
        var (r2, b) = Parse(Line("You help small firms read contracts; reply with " + shape + " only, in British spelling."));
        var (r3, c) = Parse(Line("Act as a commercial lawyer. Be precise."));
        Assert.Null(r1); Assert.Null(r2); Assert.Null(r3);
        Assert.NotEqual(a.SystemHash, b.SystemHash);
        Assert.Equal(OutputSchema.Hash(shape), a.SchemaHash);
        Assert.Equal(a.SchemaHash, b.SchemaHash);
        Assert.Equal(0UL, c.SchemaHash);
        // the parser keeps its own per-prompt cache: the same prompt again carries the same schema
        var p = new ExchangeLineParser();
        var f = new ExchangeFeatures();
        Assert.Null(p.Parse(Encoding.UTF8.GetBytes(Line("You help small firms read contracts; reply with " + shape + " only, in British spelling.")), f));
        Assert.Null(p.Parse(Encoding.UTF8.GetBytes(Line("Act as a commercial lawyer. Be precise.")), f));
        Assert.Equal(0UL, f.SchemaHash);
        Assert.Null(p.Parse(Encoding.UTF8.GetBytes(Line("You help small firms read contracts; reply with " + shape + " only, in British spelling.")), f));
        Assert.Equal(a.SchemaHash, f.SchemaHash);
    }
}

public sealed class PastedArtifactScanTests
{
    [Fact]
    public void FindPastedArtifacts_RunsAtAnyOffset_AreFoundExactlyWhenLongEnough()
    {
        var rnd = new Random(11);
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        for (int trial = 0; trial < 400; trial++)
        {
            int len = rnd.Next(150, 320);
            var blob = new string(Enumerable.Range(0, len).Select(i => i % 7 == 0 ? "0123456789"[rnd.Next(10)] : alphabet[rnd.Next(alphabet.Length)]).ToArray());
            var text = new string('x', 0) + string.Join(' ', Enumerable.Range(0, rnd.Next(0, 60)).Select(_ => "word")) + " " + blob + " tail words here";
            var found = new List<ulong>();
            bool hit = DistillGuard.Core.Parsing.ExchangeLineParser.FindPastedArtifacts(System.Text.Encoding.UTF8.GetBytes(text), found);
            Assert.Equal(len >= 200, hit);
            if (hit) Assert.Equal(DistillGuard.Core.Fingerprints.ContentHashes.Artifact(blob), Assert.Single(found));
        }
    }
}
