using System.Text;
using System.Text.Json.Nodes;
using DistillGuard.Core.Fingerprints;
using DistillGuard.Core.Model;
using DistillGuard.Core.Parsing;
using DistillGuard.Gateway.Tests.Support;

namespace DistillGuard.Gateway.Tests;

/// <summary>The tap line is an exchange-log line the detector's own parser reads.</summary>
public sealed class TapTests(UpstreamFixture fx) : IClassFixture<UpstreamFixture>
{
    private static ExchangeFeatures Parse(byte[] line)
    {
        Assert.DoesNotContain((byte)'\n', line);
        var f = new ExchangeFeatures();
        var quarantine = new ExchangeLineParser().Parse(line, f);
        Assert.True(quarantine is null, $"quarantined ({quarantine}): {Encoding.UTF8.GetString(line)}");
        return f;
    }

    private static ulong ArtifactHash(string artifact) => Hash64.Of(Encoding.UTF8.GetBytes(artifact.Trim().TrimEnd('=')));

    [Theory]
    [InlineData("chat", false, ApiFormat.OpenAIChatCompletions, "gpt-test")]
    [InlineData("chat", true, ApiFormat.OpenAIChatCompletions, "gpt-test")]
    [InlineData("responses", false, ApiFormat.OpenAIResponses, "o-test")]
    [InlineData("responses", true, ApiFormat.OpenAIResponses, "o-test")]
    [InlineData("anthropic", false, ApiFormat.AnthropicMessages, "claude-test")]
    [InlineData("anthropic", true, ApiFormat.AnthropicMessages, "claude-test")]
    public async Task TapLine_ParsesWithExchangeLineParser_WithTheExchangesFeatures(string api, bool stream, ApiFormat format, string model)
    {
        await using var gw = await GatewayHarness.StartAsync(fx.Upstream, null);
        using var http = gw.Http("acct_a");
        http.DefaultRequestHeaders.UserAgent.ParseAdd("distill-client/1.0");
        var body = Bodies.Request(api, stream);
        if (api == "chat" && stream) body["stream_options"] = new JsonObject { ["include_usage"] = true };
        var (status, _, _) = await Bodies.PostAsync(http, api, body);
        Assert.Equal(200, status);

        var line = Assert.Single(gw.Tap.Lines);
        var f = Parse(line);
        Assert.Equal("acct_a", f.Account);
        Assert.Equal(format, f.Api);
        Assert.Equal(model, f.Model);
        Assert.Equal(200, f.Status);
        Assert.Equal("127.0.0.1", f.Ip);
        Assert.Equal("distill-client/1.0", f.UserAgent);
        Assert.StartsWith("key_", f.Key);
        Assert.DoesNotContain("sk-acct_a", Encoding.UTF8.GetString(line));
        Assert.Equal(12, f.InputTokens);
        Assert.Equal(30, f.OutputTokens);
        Assert.True(f.ReasoningExposed);
        Assert.Equal(1, f.Turns);
        if (api == "chat") Assert.Empty(f.IssuedArtifacts);
        else Assert.Equal(ArtifactHash(fx.Upstream.Artifacts.Last()), Assert.Single(f.IssuedArtifacts));
        var json = JsonNode.Parse(line)!;
        Assert.StartsWith("gw_", (string?)json["id"]);
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$", (string?)json["ts"]);
        Assert.Equal("direct", (string?)json["route"]);
        Assert.Equal(body.ToJsonString(), json["request"]!.ToJsonString());
        if (stream) Assert.Equal(true, (bool?)json["gateway"]!["streamed"]);
    }

    [Fact]
    public async Task TapLine_StreamedChat_ReassemblesTextReasoningAndToolCalls_IntoTheBufferedShape()
    {
        await using var gw = await GatewayHarness.StartAsync(fx.Upstream, null);
        using var http = gw.Http("acct_a");
        await Bodies.PostAsync(http, "chat", Bodies.Request("chat", true));
        var message = JsonNode.Parse(gw.Tap.Last)!["response"]!["choices"]![0]!["message"]!;
        Assert.Equal(FakeUpstream.Text, (string?)message["content"]);
        Assert.Equal(FakeUpstream.Reasoning, (string?)message["reasoning_content"]);
        Assert.Equal("assistant", (string?)message["role"]);
        Assert.Equal("chat.completion", (string?)JsonNode.Parse(gw.Tap.Last)!["response"]!["object"]);

        await Bodies.PostAsync(http, "chat", Bodies.Request("chat", true, model: "gpt-tools"));
        var tools = JsonNode.Parse(gw.Tap.Last)!["response"]!["choices"]![0]!;
        Assert.Equal("tool_calls", (string?)tools["finish_reason"]);
        var call = tools["message"]!["tool_calls"]![0]!;
        Assert.Equal("call_1", (string?)call["id"]);
        Assert.Equal("get_weather", (string?)call["function"]!["name"]);
        Assert.Equal("{\"city\":\"Paris\"}", (string?)call["function"]!["arguments"]);
        Assert.True((Parse(gw.Tap.Lines.Last()).Capabilities & Capability.AgenticToolUse) != 0);
    }

    [Fact]
    public async Task TapLine_ShowsWhatTheClientReceived_StrippedReasoningIsNotExposedNorIssued_ReplayIsPresented()
    {
        await using var gw = await GatewayHarness.StartAsync(fx.Upstream, "rules:\n  - when: { verdict: campaign }\n    action: { protect_reasoning: strip }\n");
        gw.Verdicts.Set("acct_b", "campaign", 0.8, "C-2");
        using var b = gw.Http("acct_b");
        await Bodies.PostAsync(b, "anthropic", Bodies.Request("anthropic", true));
        var stripped = Parse(gw.Tap.Lines.Last());
        Assert.False(stripped.ReasoningExposed);
        Assert.Empty(stripped.IssuedArtifacts);
        Assert.Equal(30, stripped.OutputTokens);

        // acct_a (clear) gets a signature, then presents it again: the tap line carries it as presented.
        using var a = gw.Http("acct_a");
        var (_, first, _) = await Bodies.PostAsync(a, "anthropic", Bodies.Request("anthropic", false));
        var content = JsonNode.Parse(first)!["content"]!.DeepClone();
        var next = Bodies.Request("anthropic", false);
        next["messages"]!.AsArray().Add(new JsonObject { ["role"] = "assistant", ["content"] = content });
        next["messages"]!.AsArray().Add(new JsonObject { ["role"] = "user", ["content"] = "And times two?" });
        Assert.Equal(200, (await Bodies.PostAsync(a, "anthropic", next)).Status);
        var replay = Parse(gw.Tap.Lines.Last());
        Assert.Contains(ArtifactHash(fx.Upstream.Artifacts.ToArray()[^2]), replay.PresentedArtifacts);
        Assert.Equal(2, replay.Turns);
    }

    [Fact]
    public async Task TapLine_RefusedRequest_HasStatusAndNoResponse_AndATapThatThrowsDoesNotFailTheRequest()
    {
        await using var gw = await GatewayHarness.StartAsync(fx.Upstream, "rules:\n  - when: { verdict: campaign }\n    action: block\n");
        gw.Verdicts.Set("acct_b", "campaign", 0.99, "C-2");
        using var b = gw.Http("acct_b");
        Assert.Equal(403, (await Bodies.PostAsync(b, "chat", Bodies.Request("chat", false))).Status);
        var f = Parse(gw.Tap.Lines.Last());
        Assert.Equal(403, f.Status);
        Assert.Equal(0, f.OutputTokens);
        var gateway = JsonNode.Parse(gw.Tap.Last)!["gateway"]!;
        Assert.Equal("campaign", (string?)gateway["verdict"]);
        Assert.Equal("C-2", (string?)gateway["campaign"]);
        Assert.Equal("block", (string?)gateway["actions"]![0]);

        gw.Tap.Throw = true;
        using var a = gw.Http("acct_a");
        var (status, body, _) = await Bodies.PostAsync(a, "chat", Bodies.Request("chat", false));
        Assert.Equal(200, status);
        Assert.Contains(FakeUpstream.Text, Encoding.UTF8.GetString(body));
    }
}
