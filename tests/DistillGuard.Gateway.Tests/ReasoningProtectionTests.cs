using System.Diagnostics.Metrics;
using System.Text;
using System.Text.Json.Nodes;
using DistillGuard.Gateway.Diagnostics;
using DistillGuard.Gateway.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using OpenAI.Chat;
using OpenAI.Responses;

namespace DistillGuard.Gateway.Tests;

public sealed class ReasoningProtectionTests(UpstreamFixture fx) : IClassFixture<UpstreamFixture>
{
    private static string Policy(string mode, bool hold = true) => $$"""
        rules:
          - name: protect-watch
            when: { verdict: [watch, campaign] }
            actions:
              - protect_reasoning: { mode: {{mode}}, hold_stream: {{(hold ? "true" : "false")}} }
        """;

    private const string Summary = "First I consider the question. [reasoning summarised]";

    private async Task<GatewayHarness> Start(string mode, bool hold = true)
    {
        var gw = await GatewayHarness.StartAsync(fx.Upstream, Policy(mode, hold));
        gw.Verdicts.Set("acct_a", "watch", 0.6);
        return gw;
    }

    [Fact]
    public async Task Strip_Anthropic_Streamed_SdkReadsTheWholeStream_NoThinking_TextIntact_BlocksRenumbered()
    {
        await using var gw = await Start("strip");
        var r = await SdkStreams.AnthropicAsync(gw.Anthropic("acct_a"), Sdk.Ask());
        Assert.Equal(FakeUpstream.Text, r.Text);
        Assert.Equal("", r.Reasoning);
        Assert.Empty(r.Artifacts);

        using var http = gw.Http("acct_a");
        var (_, body, _) = await Bodies.PostAsync(http, "anthropic", Bodies.Request("anthropic", true));
        var events = Bodies.JsonEvents(body).ToList();
        Assert.DoesNotContain(events, e => e.ToJsonString().Contains("thinking") || e.ToJsonString().Contains("signature"));
        Assert.All(events.Where(e => e["index"] is not null), e => Assert.Equal(0, (int)e["index"]!));
        Assert.Equal("message_stop", (string?)events[^1]["type"]);
    }

    [Fact]
    public async Task Strip_Anthropic_Buffered_SdkParses_OnlyTheTextBlockRemains()
    {
        await using var gw = await Start("strip");
        var message = await gw.Anthropic("acct_a").Messages.Create(Sdk.Ask());
        var block = Assert.Single(message.Content);
        Assert.True(block.TryPickText(out var text));
        Assert.Equal(FakeUpstream.Text, text.Text);
    }

    [Fact]
    public async Task Strip_Responses_Streamed_SdkReadsTheWholeStream_IndexesAndSequenceNumbersStayDense()
    {
        await using var gw = await Start("strip");
        var r = await SdkStreams.ResponsesAsync(gw.Responses("acct_a"));
        Assert.Equal(FakeUpstream.Text, r.Text);
        Assert.Equal("", r.Reasoning);
        Assert.Empty(r.Artifacts);

        using var http = gw.Http("acct_a");
        var (_, body, _) = await Bodies.PostAsync(http, "responses", Bodies.Request("responses", true));
        var events = Bodies.JsonEvents(body).ToList();
        Assert.DoesNotContain(events, e => e.ToJsonString().Contains("reasoning_summary") || e.ToJsonString().Contains("encrypted_content"));
        Assert.Equal(Enumerable.Range(0, events.Count), events.Select(e => (int)e["sequence_number"]!));
        Assert.All(events.Where(e => e["output_index"] is not null), e => Assert.Equal(0, (int)e["output_index"]!));
        var completed = events[^1]["response"]!["output"]!.AsArray();
        Assert.Equal("message", (string?)Assert.Single(completed)!["type"]);
    }

    [Fact]
    public async Task Strip_Responses_Buffered_SdkParses_NoReasoningItem()
    {
        await using var gw = await Start("strip");
        var result = await gw.Responses("acct_a").CreateResponseAsync(new CreateResponseOptions("o-test", [ResponseItem.CreateUserMessageItem(Bodies.Question)]));
        var (text, reasoning, items) = SdkStreams.Read(result.Value);
        Assert.Equal(FakeUpstream.Text, text);
        Assert.Equal(0, items);
        Assert.Equal("", reasoning);
    }

    [Fact]
    public async Task Strip_Chat_StreamedAndBuffered_NoReasoningContent_TextIntact()
    {
        await using var gw = await Start("strip");
        var r = await SdkStreams.ChatAsync(gw.Chat("acct_a"));
        Assert.Equal(FakeUpstream.Text, r.Text);
        var done = await gw.Chat("acct_a").CompleteChatAsync([new UserChatMessage(Bodies.Question)]);
        Assert.Equal(FakeUpstream.Text, done.Value.Content[0].Text);

        using var http = gw.Http("acct_a");
        var (_, streamed, _) = await Bodies.PostAsync(http, "chat", Bodies.Request("chat", true));
        Assert.DoesNotContain("reasoning", Encoding.UTF8.GetString(streamed));
        Assert.EndsWith("data: [DONE]\n\n", Encoding.UTF8.GetString(streamed));
        var (_, buffered, response) = await Bodies.PostAsync(http, "chat", Bodies.Request("chat", false));
        Assert.DoesNotContain("reasoning_content", Encoding.UTF8.GetString(buffered));
        Assert.Equal(buffered.Length, response.Content.Headers.ContentLength);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Summarise_Anthropic_Streamed_KeepsTheFirstSentenceAndTheSignature(bool hold)
    {
        await using var gw = await Start("summarise", hold);
        var r = await SdkStreams.AnthropicAsync(gw.Anthropic("acct_a"), Sdk.Ask());
        Assert.Equal(FakeUpstream.Text, r.Text);
        Assert.Equal(Summary, r.Reasoning);
        Assert.Equal(fx.Upstream.Artifacts.Last(), Assert.Single(r.Artifacts));

        using var http = gw.Http("acct_a");
        var (_, body, _) = await Bodies.PostAsync(http, "anthropic", Bodies.Request("anthropic", true));
        var types = Bodies.JsonEvents(body).Select(e => (string?)e["delta"]?["type"] ?? (string?)e["type"]).ToList();
        // The reasoning's events come as a block, before any text: start, kept sentence, tail, signature, stop.
        int first = types.IndexOf("thinking_delta"), sig = types.IndexOf("signature_delta"), text = types.IndexOf("text_delta");
        Assert.True(first > 0 && sig > first && text > sig);
        Assert.Equal(2, types.Count(t => t == "thinking_delta"));
    }

    [Fact]
    public async Task Summarise_Responses_StreamedAndBuffered_SummaryCut_EncryptedContentKept()
    {
        await using var gw = await Start("summarise");
        var r = await SdkStreams.ResponsesAsync(gw.Responses("acct_a"));
        Assert.Equal(FakeUpstream.Text, r.Text);
        Assert.Equal(Summary, r.Reasoning);
        Assert.Single(r.Artifacts);

        var result = await gw.Responses("acct_a").CreateResponseAsync(new CreateResponseOptions("o-test", [ResponseItem.CreateUserMessageItem(Bodies.Question)]));
        var (text, reasoning, items) = SdkStreams.Read(result.Value);
        Assert.Equal((FakeUpstream.Text, Summary, 1), (text, reasoning, items));

        using var http = gw.Http("acct_a");
        var (_, body, _) = await Bodies.PostAsync(http, "responses", Bodies.Request("responses", true));
        var events = Bodies.JsonEvents(body).ToList();
        Assert.Equal(Enumerable.Range(0, events.Count), events.Select(e => (int)e["sequence_number"]!));
        var done = events.Single(e => (string?)e["type"] == "response.reasoning_summary_text.done");
        Assert.Equal(Summary, (string?)done["text"]);
    }

    [Fact]
    public async Task Summarise_Chat_Streamed_ReasoningCutBeforeTheText()
    {
        await using var gw = await Start("summarise");
        using var http = gw.Http("acct_a");
        var (_, body, _) = await Bodies.PostAsync(http, "chat", Bodies.Request("chat", true));
        var deltas = Bodies.JsonEvents(body).SelectMany(e => e["choices"]!.AsArray()).Select(c => c!["delta"]!).ToList();
        var reasoning = string.Concat(deltas.Select(d => (string?)d["reasoning_content"]));
        var text = string.Concat(deltas.Select(d => (string?)d["content"]));
        Assert.Equal(Summary, reasoning);
        Assert.Equal(FakeUpstream.Text, text);
        var r = await SdkStreams.ChatAsync(gw.Chat("acct_a"));
        Assert.Equal(FakeUpstream.Text, r.Text);
    }

    [Fact]
    public async Task ClearAccount_IsNotProtected_AndProtectionIsCounted()
    {
        await using var gw = await Start("strip");
        var metrics = gw.Services.GetRequiredService<GatewayMetrics>();
        long stripped = 0;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (i, l) => { if (i.Meter == metrics.Meter) l.EnableMeasurementEvents(i); };
        listener.SetMeasurementEventCallback<long>((i, v, tags, _) => { if (i.Name == "distillguard.gateway.reasoning.protected") Interlocked.Add(ref stripped, v); });
        listener.Start();

        var clear = await SdkStreams.AnthropicAsync(gw.Anthropic("acct_b"), Sdk.Ask());
        Assert.Equal(FakeUpstream.Reasoning, clear.Reasoning);
        Assert.Equal(0, Interlocked.Read(ref stripped));
        await SdkStreams.AnthropicAsync(gw.Anthropic("acct_a"), Sdk.Ask());
        Assert.Equal(1, Interlocked.Read(ref stripped));
        var tap = JsonNode.Parse(gw.Tap.Last)!;
        Assert.Equal("strip", (string?)tap["gateway"]!["reasoning"]!["mode"]);
        Assert.Equal(1, (int)tap["gateway"]!["reasoning"]!["blocks"]!);
    }

    [Fact]
    public async Task StoredResponseReadBack_IsProtectedToo()
    {
        await using var gw = await Start("strip");
        using var risky = gw.Http("acct_a");
        var body = await risky.GetStringAsync("/v1/responses/resp_1");
        Assert.DoesNotContain("\"type\":\"reasoning\"", body);
        Assert.Contains(FakeUpstream.Text, body);
        using var clear = gw.Http("acct_b");
        Assert.Contains("\"type\":\"reasoning\"", await clear.GetStringAsync("/v1/responses/resp_1"));
    }

    [Fact]
    public async Task CompressedBodyThatMustBeRewritten_IsRefused_NotLeaked()
    {
        await using var gw = await Start("strip");
        using var risky = gw.Http("acct_a");
        var (status, body, _) = await Bodies.PostAsync(risky, "anthropic", Bodies.Request("anthropic", false, model: "gzip"));
        Assert.Equal(502, status);
        Assert.Equal("api_error", (string?)JsonNode.Parse(body)!["error"]!["type"]);
        using var clear = gw.Http("acct_b");
        var (ok, raw, response) = await Bodies.PostAsync(clear, "anthropic", Bodies.Request("anthropic", false, model: "gzip"));
        Assert.Equal(200, ok);
        Assert.Equal("gzip", response.Content.Headers.ContentEncoding.Single());
        Assert.Equal(0x1f, raw[0]);
    }
}
