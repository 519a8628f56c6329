using System.Text.Json;
using DistillGuard.Core.Model;
using DistillGuard.Simulation.Content;
using static DistillGuard.Simulation.Tests.ContentTestSupport;

namespace DistillGuard.Simulation.Tests;

public sealed class ContentRendererShapeTests
{
    public static TheoryData<ApiFormat, ContentKind> KindsByApi()
    {
        var data = new TheoryData<ApiFormat, ContentKind>();
        foreach (var api in Enum.GetValues<ApiFormat>())
            foreach (var kind in Enum.GetValues<ContentKind>())
                data.Add(api, kind);
        return data;
    }

    [Theory]
    [MemberData(nameof(KindsByApi))]
    public void Write_EveryKindAndApi_ProducesParsableBodiesWithTheApisShape(ApiFormat api, ContentKind kind)
    {
        var renderer = new TemplateContentRenderer(BuiltIn);
        for (ulong seed = 0; seed < 12; seed++)
        {
            var intent = Intent(api, kind, seed);
            intent.Turns = 1 + (int)(seed % 3);
            intent.SystemPrompt = seed % 2 == 0 ? (int)seed : -1;
            intent.ToolSet = seed % 3 == 0 ? (int)seed : -1;
            intent.ToolCallInResponse = seed % 6 == 0;
            intent.ThinkingBudget = seed % 4 == 1 ? 8000 : 0;
            intent.IssuedArtifact = seed % 4 == 1 ? "ART-" + seed : null;
            intent.Template = (int)seed;
            intent.Paraphrase = seed;
            intent.Item = (long)seed * 7;
            using var doc = Render(renderer, intent, out var result);
            var root = doc.RootElement;
            var request = root.GetProperty("request");
            var response = root.GetProperty("response");
            Assert.Equal(intent.Model, request.GetProperty("model").GetString());
            switch (api)
            {
                case ApiFormat.OpenAIChatCompletions: AssertChat(request, response, intent); break;
                case ApiFormat.OpenAIResponses: AssertResponses(request, response, intent); break;
                default: AssertAnthropic(request, response, intent); break;
            }
            Assert.True(result.InputTokens > 0);
            Assert.True(result.OutputTokens > 0);
        }
    }

    private static void AssertChat(JsonElement request, JsonElement response, ExchangeIntent intent)
    {
        var messages = request.GetProperty("messages");
        Assert.True(messages.GetArrayLength() >= 1);
        var last = messages[messages.GetArrayLength() - 1];
        Assert.Equal("user", last.GetProperty("role").GetString());
        foreach (var m in messages.EnumerateArray())
            Assert.Contains(m.GetProperty("role").GetString(), new[] { "system", "developer", "user", "assistant", "tool" });
        Assert.True(request.TryGetProperty("max_tokens", out _) || request.TryGetProperty("max_completion_tokens", out _));
        var tools = ToolNames(request, "tools", t => t.GetProperty("function").GetProperty("name").GetString()!);
        if (intent.ToolSet >= 0) foreach (var t in request.GetProperty("tools").EnumerateArray()) Assert.Equal("function", t.GetProperty("type").GetString());

        Assert.StartsWith("chatcmpl-", response.GetProperty("id").GetString());
        Assert.Equal("chat.completion", response.GetProperty("object").GetString());
        Assert.True(response.GetProperty("created").GetInt64() > 0);
        var choices = response.GetProperty("choices");
        Assert.Equal(Math.Max(1, intent.N), choices.GetArrayLength());
        foreach (var choice in choices.EnumerateArray())
        {
            var message = choice.GetProperty("message");
            Assert.Equal("assistant", message.GetProperty("role").GetString());
            Assert.Contains(choice.GetProperty("finish_reason").GetString(), new[] { "stop", "length", "tool_calls" });
            if (message.TryGetProperty("tool_calls", out var calls))
                foreach (var call in calls.EnumerateArray())
                {
                    Assert.StartsWith("call_", call.GetProperty("id").GetString());
                    Assert.Contains(call.GetProperty("function").GetProperty("name").GetString()!, tools);
                    using var _ = JsonDocument.Parse(call.GetProperty("function").GetProperty("arguments").GetString()!);
                }
        }
        var usage = response.GetProperty("usage");
        Assert.Equal(usage.GetProperty("prompt_tokens").GetInt32() + usage.GetProperty("completion_tokens").GetInt32(), usage.GetProperty("total_tokens").GetInt32());
        Assert.True(usage.GetProperty("completion_tokens_details").GetProperty("reasoning_tokens").GetInt32() >= 0);
    }

    private static void AssertResponses(JsonElement request, JsonElement response, ExchangeIntent intent)
    {
        var input = request.GetProperty("input");
        Assert.True(input.ValueKind is JsonValueKind.String or JsonValueKind.Array);
        Assert.True(request.GetProperty("max_output_tokens").GetInt32() > 0);
        var tools = ToolNames(request, "tools", t => t.GetProperty("name").GetString()!);
        if (intent.IssuedArtifact is not null)
            Assert.Contains(request.GetProperty("include").EnumerateArray(), e => e.GetString() == "reasoning.encrypted_content");

        Assert.StartsWith("resp_", response.GetProperty("id").GetString());
        Assert.Equal("response", response.GetProperty("object").GetString());
        foreach (var item in response.GetProperty("output").EnumerateArray())
        {
            string type = item.GetProperty("type").GetString()!;
            Assert.Contains(type, new[] { "reasoning", "message", "function_call" });
            if (type == "message")
                Assert.All(item.GetProperty("content").EnumerateArray(), c => Assert.Equal("output_text", c.GetProperty("type").GetString()));
            if (type == "function_call")
            {
                Assert.Contains(item.GetProperty("name").GetString()!, tools);
                Assert.StartsWith("call_", item.GetProperty("call_id").GetString());
                using var _ = JsonDocument.Parse(item.GetProperty("arguments").GetString()!);
            }
            if (type == "reasoning" && intent.IssuedArtifact is not null)
                Assert.Equal(intent.IssuedArtifact, item.GetProperty("encrypted_content").GetString());
        }
        var usage = response.GetProperty("usage");
        Assert.Equal(usage.GetProperty("input_tokens").GetInt32() + usage.GetProperty("output_tokens").GetInt32(), usage.GetProperty("total_tokens").GetInt32());
        Assert.True(usage.GetProperty("output_tokens_details").GetProperty("reasoning_tokens").GetInt32() >= 0);
    }

    private static void AssertAnthropic(JsonElement request, JsonElement response, ExchangeIntent intent)
    {
        Assert.Equal(intent.MaxTokens, request.GetProperty("max_tokens").GetInt32());
        var messages = request.GetProperty("messages");
        string expected = "user";
        foreach (var m in messages.EnumerateArray())
        {
            Assert.Equal(expected, m.GetProperty("role").GetString());
            expected = expected == "user" ? "assistant" : "user";
            var content = m.GetProperty("content");
            if (content.ValueKind == JsonValueKind.Array)
                foreach (var block in content.EnumerateArray())
                {
                    string type = block.GetProperty("type").GetString()!;
                    Assert.Contains(type, new[] { "text", "thinking", "tool_use", "tool_result" });
                    if (type == "thinking") Assert.False(string.IsNullOrEmpty(block.GetProperty("signature").GetString()));
                }
        }
        Assert.Equal("assistant", expected); // the last message was the user's
        var tools = ToolNames(request, "tools", t => t.GetProperty("name").GetString()!);
        if (intent.ToolSet >= 0) foreach (var t in request.GetProperty("tools").EnumerateArray()) Assert.Equal("object", t.GetProperty("input_schema").GetProperty("type").GetString());
        if (intent.ThinkingBudget > 0)
        {
            Assert.Equal("enabled", request.GetProperty("thinking").GetProperty("type").GetString());
            Assert.Equal(intent.ThinkingBudget, request.GetProperty("thinking").GetProperty("budget_tokens").GetInt32());
        }

        Assert.StartsWith("msg_", response.GetProperty("id").GetString());
        Assert.Equal("message", response.GetProperty("type").GetString());
        Assert.Equal("assistant", response.GetProperty("role").GetString());
        Assert.Contains(response.GetProperty("stop_reason").GetString(), new[] { "end_turn", "max_tokens", "tool_use" });
        bool sawThinking = false;
        foreach (var block in response.GetProperty("content").EnumerateArray())
        {
            string type = block.GetProperty("type").GetString()!;
            if (type == "thinking")
            {
                sawThinking = true;
                if (intent.IssuedArtifact is not null) Assert.Equal(intent.IssuedArtifact, block.GetProperty("signature").GetString());
            }
            if (type == "tool_use")
            {
                Assert.Contains(block.GetProperty("name").GetString()!, tools);
                Assert.StartsWith("toolu_", block.GetProperty("id").GetString());
                Assert.Equal(JsonValueKind.Object, block.GetProperty("input").ValueKind);
            }
        }
        Assert.Equal(intent.ThinkingBudget > 0, sawThinking);
        var usage = response.GetProperty("usage");
        Assert.True(usage.GetProperty("input_tokens").GetInt32() > 0);
        Assert.True(usage.GetProperty("output_tokens").GetInt32() > 0);
    }

    private static HashSet<string> ToolNames(JsonElement request, string property, Func<JsonElement, string> name)
    {
        var set = new HashSet<string>();
        if (request.TryGetProperty(property, out var tools))
            foreach (var t in tools.EnumerateArray()) set.Add(name(t));
        return set;
    }

    [Theory]
    [InlineData("en", ContentKind.CotElicitation)]
    [InlineData("en", ContentKind.Extraction)]
    [InlineData("en", ContentKind.Coding)]
    [InlineData("zh", ContentKind.Math)]
    [InlineData("es", ContentKind.GeneralChat)]
    public void Write_ChatWithNChoicesAndLogprobs_WritesEveryChoiceWithTokenLogprobs(string language, ContentKind kind)
    {
        var intent = Intent(ApiFormat.OpenAIChatCompletions, kind, 5);
        intent.N = 4; intent.Logprobs = true; intent.TopLogprobs = 5; intent.Language = language;
        using var doc = Render(intent);
        var request = doc.RootElement.GetProperty("request");
        Assert.Equal(4, request.GetProperty("n").GetInt32());
        Assert.True(request.GetProperty("logprobs").GetBoolean());
        Assert.Equal(5, request.GetProperty("top_logprobs").GetInt32());
        var choices = doc.RootElement.GetProperty("response").GetProperty("choices");
        Assert.Equal(4, choices.GetArrayLength());
        var texts = new HashSet<string>();
        foreach (var choice in choices.EnumerateArray())
        {
            texts.Add(choice.GetProperty("message").GetProperty("content").GetString()!);
            var content = choice.GetProperty("logprobs").GetProperty("content");
            Assert.True(content.GetArrayLength() > 3);
            var rebuilt = new System.Text.StringBuilder();
            foreach (var token in content.EnumerateArray())
            {
                Assert.True(token.GetProperty("logprob").GetDouble() <= 0);
                Assert.Equal(5, token.GetProperty("top_logprobs").GetArrayLength());
                var bytes = token.GetProperty("bytes").EnumerateArray().Select(b => (byte)b.GetInt32()).ToArray();
                Assert.Equal(token.GetProperty("token").GetString(), System.Text.Encoding.UTF8.GetString(bytes));
                rebuilt.Append(token.GetProperty("token").GetString());
            }
            Assert.Equal(choice.GetProperty("message").GetProperty("content").GetString(), rebuilt.ToString());
        }
        Assert.Equal(4, texts.Count);
    }

    [Fact]
    public void Write_LogprobsNotAsked_WritesNullLogprobs()
    {
        using var doc = Render(Intent(ApiFormat.OpenAIChatCompletions, ContentKind.GeneralChat, 2));
        var choice = doc.RootElement.GetProperty("response").GetProperty("choices")[0];
        Assert.Equal(JsonValueKind.Null, choice.GetProperty("logprobs").ValueKind);
        Assert.False(doc.RootElement.GetProperty("request").TryGetProperty("logprobs", out _));
    }

    [Fact]
    public void Write_AnthropicMultiTurnWithThinking_SendsEarlierThinkingBlocksWithSignaturesBack()
    {
        var intent = Intent(ApiFormat.AnthropicMessages, ContentKind.Math, 9);
        intent.Turns = 3; intent.ThinkingBudget = 4000; intent.IssuedArtifact = "SIGNED-NOW";
        using var doc = Render(intent);
        var messages = doc.RootElement.GetProperty("request").GetProperty("messages");
        int thinkingBlocks = 0;
        foreach (var m in messages.EnumerateArray())
        {
            if (m.GetProperty("role").GetString() != "assistant") continue;
            var first = m.GetProperty("content")[0];
            Assert.Equal("thinking", first.GetProperty("type").GetString());
            Assert.True(first.GetProperty("signature").GetString()!.Length > 100);
            thinkingBlocks++;
        }
        Assert.Equal(2, thinkingBlocks);
        var block = doc.RootElement.GetProperty("response").GetProperty("content")[0];
        Assert.Equal("thinking", block.GetProperty("type").GetString());
        Assert.Equal("SIGNED-NOW", block.GetProperty("signature").GetString());
        Assert.False(string.IsNullOrWhiteSpace(block.GetProperty("thinking").GetString()));
    }

    [Theory]
    [InlineData(ApiFormat.OpenAIChatCompletions, ContentKind.ReasoningReplay)]
    [InlineData(ApiFormat.OpenAIChatCompletions, ContentKind.CotElicitation)]
    [InlineData(ApiFormat.OpenAIResponses, ContentKind.ReasoningReplay)]
    [InlineData(ApiFormat.OpenAIResponses, ContentKind.Math)]
    [InlineData(ApiFormat.AnthropicMessages, ContentKind.ReasoningReplay)]
    [InlineData(ApiFormat.AnthropicMessages, ContentKind.GeneralChat)]
    public void Write_ReplayedArtifact_AppearsInTheRequest(ApiFormat api, ContentKind kind)
    {
        int inHistory = 0, inText = 0;
        for (ulong seed = 0; seed < 40; seed++)
        {
            var intent = Intent(api, kind, seed);
            intent.ReplayedArtifact = "REPLAY-" + seed + "-Zm9vYmFy";
            intent.ThinkingBudget = 2000;
            using var doc = Render(intent);
            var request = doc.RootElement.GetProperty("request");
            Assert.Contains(intent.ReplayedArtifact, request.GetRawText());
            string? where = FindArtifact(request, api, intent.ReplayedArtifact);
            Assert.NotNull(where);
            if (where == "history") inHistory++; else inText++;
        }
        if (api == ApiFormat.OpenAIChatCompletions) Assert.Equal(40, inText);
        else Assert.True(inHistory > 0);
        if (api != ApiFormat.OpenAIChatCompletions && kind == ContentKind.ReasoningReplay) Assert.True(inText > 0);
    }

    private static string? FindArtifact(JsonElement request, ApiFormat api, string artifact)
    {
        if (api == ApiFormat.AnthropicMessages)
        {
            foreach (var m in request.GetProperty("messages").EnumerateArray())
            {
                var content = m.GetProperty("content");
                if (content.ValueKind == JsonValueKind.String) { if (content.GetString()!.Contains(artifact)) return "text"; continue; }
                foreach (var b in content.EnumerateArray())
                {
                    if (b.GetProperty("type").GetString() == "thinking" && b.GetProperty("signature").GetString() == artifact) return "history";
                    if (b.TryGetProperty("text", out var t) && t.GetString()!.Contains(artifact)) return "text";
                }
            }
            return null;
        }
        if (api == ApiFormat.OpenAIResponses)
        {
            var input = request.GetProperty("input");
            if (input.ValueKind == JsonValueKind.String) return input.GetString()!.Contains(artifact) ? "text" : null;
            foreach (var item in input.EnumerateArray())
            {
                if (item.TryGetProperty("type", out var type) && type.GetString() == "reasoning" && item.GetProperty("encrypted_content").GetString() == artifact) return "history";
                if (item.GetRawText().Contains(artifact)) return "text";
            }
            return null;
        }
        var last = request.GetProperty("messages").EnumerateArray().Last();
        return last.GetRawText().Contains(artifact) ? "text" : null;
    }

    [Fact]
    public void Write_SmallMaxTokens_StopsAtTheLimitWithALengthReason()
    {
        foreach (var api in Enum.GetValues<ApiFormat>())
            for (ulong seed = 0; seed < 20; seed++)
            {
                var intent = Intent(api, ContentKind.CotElicitation, seed);
                intent.MaxTokens = 60;
                using var doc = Render(new TemplateContentRenderer(BuiltIn), intent, out var result);
                Assert.True(result.OutputTokens <= 60, $"{api}: {result.OutputTokens} tokens for max 60");
                string raw = doc.RootElement.GetProperty("response").GetRawText();
                Assert.True(raw.Contains("\"length\"") || raw.Contains("\"max_tokens\"") || raw.Contains("\"incomplete\""), $"{api}: not marked as cut off");
            }
    }

    [Fact]
    public void Write_FailedRequest_WritesRequestButNoResponse()
    {
        var intent = Intent(ApiFormat.AnthropicMessages, ContentKind.Coding, 3);
        intent.Failed = true;
        using var doc = Render(intent);
        Assert.True(doc.RootElement.TryGetProperty("request", out _));
        Assert.False(doc.RootElement.TryGetProperty("response", out _));
    }

    [Fact]
    public void Write_ResultTokens_MatchTheUsageInTheBody()
    {
        var renderer = new TemplateContentRenderer(BuiltIn);
        foreach (var api in Enum.GetValues<ApiFormat>())
        {
            var intent = Intent(api, ContentKind.CotElicitation, 77);
            intent.ThinkingBudget = 10000;
            using var doc = Render(renderer, intent, out var result);
            var usage = doc.RootElement.GetProperty("response").GetProperty("usage");
            int input = api == ApiFormat.OpenAIChatCompletions ? usage.GetProperty("prompt_tokens").GetInt32() : usage.GetProperty("input_tokens").GetInt32();
            int output = api == ApiFormat.OpenAIChatCompletions ? usage.GetProperty("completion_tokens").GetInt32() : usage.GetProperty("output_tokens").GetInt32();
            Assert.Equal(result.InputTokens, input);
            Assert.Equal(result.OutputTokens, output);
            Assert.True(output <= intent.MaxTokens, $"{api}: output {output} exceeds max_tokens {intent.MaxTokens}");
        }
    }

    [Fact]
    public void Write_ChatReasoningExposed_WritesReasoningContentAndEffort()
    {
        var intent = Intent(ApiFormat.OpenAIChatCompletions, ContentKind.ReasoningReveal, 4);
        intent.ThinkingBudget = 20000; intent.ExposeReasoning = true; intent.MaxTokens = 32000;
        using var doc = Render(intent);
        var request = doc.RootElement.GetProperty("request");
        Assert.Equal("high", request.GetProperty("reasoning_effort").GetString());
        Assert.True(request.TryGetProperty("max_completion_tokens", out _));
        var message = doc.RootElement.GetProperty("response").GetProperty("choices")[0].GetProperty("message");
        Assert.False(string.IsNullOrWhiteSpace(message.GetProperty("reasoning_content").GetString()));
        Assert.True(doc.RootElement.GetProperty("response").GetProperty("usage").GetProperty("completion_tokens_details").GetProperty("reasoning_tokens").GetInt32() > 0);
    }

    [Fact]
    public void Write_ToolCallInResponse_CallsAnOfferedToolInEveryApi()
    {
        foreach (var api in Enum.GetValues<ApiFormat>())
            for (int set = 0; set < BuiltIn.ToolSetCount; set++)
            {
                var intent = Intent(api, ContentKind.AgentStep, (ulong)set);
                intent.ToolSet = set; intent.ToolCallInResponse = true; intent.SystemPrompt = 0;
                using var doc = Render(intent);
                string raw = doc.RootElement.GetProperty("response").GetRawText();
                Assert.True(raw.Contains("tool_calls") || raw.Contains("function_call") || raw.Contains("tool_use"), $"{api} set {set}: no tool call");
            }
    }
}
