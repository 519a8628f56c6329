using System.Text;
using System.Text.Json.Nodes;
using DistillGuard.Gateway.Seams;
using DistillGuard.Gateway.Tests.Support;
using OpenAI.Chat;
using OpenAI.Responses;

namespace DistillGuard.Gateway.Tests;

/// <summary>
/// Upper-cases assistant text and, streamed, holds back the last character of what it has seen until the next delta
/// or the end of the block — so every SSE text path has to carry Flush()'s output too.
/// </summary>
public sealed class UpperTransform : IResponseTextTransform
{
    public List<ResponseTextContext> Seen { get; } = [];

    public IResponseTextTransformer? For(ResponseTextContext context)
    {
        lock (Seen) Seen.Add(context);
        return context.Watermark ? new Transformer() : null;
    }

    private sealed class Transformer : IResponseTextTransformer
    {
        public string Apply(string text) => text.ToUpperInvariant();
        public IResponseTextStream Begin() => new Stream();
    }

    private sealed class Stream : IResponseTextStream
    {
        private string _pending = "";
        public string Push(string delta)
        {
            var all = _pending + delta;
            if (all.Length == 0) return "";
            _pending = all[^1..];
            return all[..^1].ToUpperInvariant();
        }
        public string Flush() { var p = _pending.ToUpperInvariant(); _pending = ""; return p; }
    }
}

public sealed class TransformSeamTests(UpstreamFixture fx) : IClassFixture<UpstreamFixture>
{
    private const string Upper = "THE ANSWER IS 42.";
    private const string Policy = """
        rules:
          - name: mark
            when: { accounts: [acct_a] }
            actions: [ { watermark: { scheme: upper } } ]
          - name: mark-and-strip
            when: { accounts: [acct_c] }
            actions: [ watermark, { protect_reasoning: strip } ]
        """;

    private async Task<(GatewayHarness, UpperTransform)> Start()
    {
        var t = new UpperTransform();
        return (await GatewayHarness.StartAsync(fx.Upstream, Policy, transform: t), t);
    }

    [Fact]
    public async Task Anthropic_Streamed_SdkSeesTransformedText_ReasoningUntouched()
    {
        var (gw, t) = await Start();
        await using var _ = gw;
        var r = await SdkStreams.AnthropicAsync(gw.Anthropic("acct_a"), Sdk.Ask());
        Assert.Equal(Upper, r.Text);
        Assert.Equal(FakeUpstream.Reasoning, r.Reasoning);
        var ctx = t.Seen.Last();
        Assert.True(ctx.Watermark);
        Assert.Equal("upper", ctx.WatermarkParameters["scheme"]);
        Assert.Equal("anthropic.messages", ctx.Api);
        Assert.Equal("claude-test", ctx.Model);

        var other = await SdkStreams.AnthropicAsync(gw.Anthropic("acct_b"), Sdk.Ask());
        Assert.Equal(FakeUpstream.Text, other.Text);
    }

    [Fact]
    public async Task Chat_StreamedAndBuffered_SdkSeesTransformedText()
    {
        var (gw, _) = await Start();
        await using var _ = gw;
        Assert.Equal(Upper, (await SdkStreams.ChatAsync(gw.Chat("acct_a"))).Text);
        var done = await gw.Chat("acct_a").CompleteChatAsync([new UserChatMessage(Bodies.Question)]);
        Assert.Equal(Upper, done.Value.Content[0].Text);
    }

    [Fact]
    public async Task Responses_Streamed_DeltasDoneEventsAndCompletedResponseAgree()
    {
        var (gw, _) = await Start();
        await using var _ = gw;
        var r = await SdkStreams.ResponsesAsync(gw.Responses("acct_a"));
        Assert.Equal(Upper, r.Text);
        Assert.Equal(FakeUpstream.Reasoning, r.Reasoning);

        using var http = gw.Http("acct_a");
        var (_, body, _) = await Bodies.PostAsync(http, "responses", Bodies.Request("responses", true));
        var events = Bodies.JsonEvents(body).ToList();
        Assert.Equal(Enumerable.Range(0, events.Count), events.Select(e => (int)e["sequence_number"]!));
        Assert.Equal(Upper, string.Concat(events.Where(e => (string?)e["type"] == "response.output_text.delta").Select(e => (string?)e["delta"])));
        Assert.Equal(Upper, (string?)events.Single(e => (string?)e["type"] == "response.output_text.done")["text"]);
        Assert.Equal(Upper, (string?)events.Single(e => (string?)e["type"] == "response.content_part.done")["part"]!["text"]);
        var completed = events.Single(e => (string?)e["type"] == "response.completed")["response"]!["output"]!.AsArray();
        Assert.Equal(Upper, (string?)completed.Single(i => (string?)i!["type"] == "message")!["content"]![0]!["text"]);

        var buffered = await gw.Responses("acct_a").CreateResponseAsync(new CreateResponseOptions("o-test", [ResponseItem.CreateUserMessageItem(Bodies.Question)]));
        Assert.Equal(Upper, SdkStreams.Read(buffered.Value).Text);
    }

    [Fact]
    public async Task TransformAndStrip_Together_Anthropic()
    {
        var (gw, _) = await Start();
        await using var _ = gw;
        var r = await SdkStreams.AnthropicAsync(gw.Anthropic("acct_c"), Sdk.Ask());
        Assert.Equal(Upper, r.Text);
        Assert.Equal("", r.Reasoning);
        var message = await gw.Anthropic("acct_c").Messages.Create(Sdk.Ask());
        Assert.True(Assert.Single(message.Content).TryPickText(out var text));
        Assert.Equal(Upper, text.Text);
        var tap = JsonNode.Parse(gw.Tap.Last)!;
        Assert.Equal(true, (bool?)tap["gateway"]!["text_transformed"]);
        Assert.Equal(Upper, (string?)tap["response"]!["content"]![0]!["text"]);
    }
}
