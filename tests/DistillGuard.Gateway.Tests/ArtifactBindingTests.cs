using System.ClientModel;
using System.Text.Json.Nodes;
using Anthropic.Exceptions;
using Anthropic.Models.Messages;
using DistillGuard.Gateway.Tests.Support;

namespace DistillGuard.Gateway.Tests;

public sealed class ArtifactBindingTests(UpstreamFixture fx) : IClassFixture<UpstreamFixture>
{
    private static List<MessageParam> NextTurn(string signature, string thinking, string firstQuestion = Bodies.Question) =>
    [
        new UserMessageParam(firstQuestion),
        new AssistantMessageParam(new MessageContentParam(new List<ContentBlockParam>
        {
            new ThinkingBlockParam { Signature = signature, Thinking = thinking },
            new TextBlockParam(FakeUpstream.Text),
        }, null)),
        new UserMessageParam("And times two?"),
    ];

    private async Task<(string Signature, string Thinking)> IssueAsync(GatewayHarness gw, string account, string model = "claude-test")
    {
        var message = await gw.Anthropic(account).Messages.Create(Sdk.Ask(model));
        Assert.True(message.Content[0].TryPickThinking(out var t));
        return (t.Signature, t.Thinking);
    }

    [Fact]
    public async Task AnthropicSignature_ReplayedByAnotherAccount_IsRejected_BySameAccount_Allowed()
    {
        await using var gw = await GatewayHarness.StartAsync(fx.Upstream, "signature_binding: reject\n");
        var (sig, thinking) = await IssueAsync(gw, "acct_a");

        var ok = await gw.Anthropic("acct_a").Messages.Create(Sdk.Ask(messages: NextTurn(sig, thinking)));
        Assert.NotNull(ok);

        var e = await Assert.ThrowsAsync<AnthropicBadRequestException>(() => gw.Anthropic("acct_b").Messages.Create(Sdk.Ask(messages: NextTurn(sig, thinking))));
        Assert.Contains("not issued to this account", e.Message);
        var tap = JsonNode.Parse(gw.Tap.Last)!;
        Assert.Equal(400, (int)tap["status"]!);
        Assert.Equal("rejected", (string?)tap["gateway"]!["replay"]!["outcome"]);
        Assert.Equal("account", (string?)tap["gateway"]!["replay"]!["artifacts"]![0]!["mismatch"]);
        Assert.Equal("acct_a", (string?)tap["gateway"]!["replay"]!["artifacts"]![0]!["issued_to"]);
    }

    [Fact]
    public async Task AnthropicSignature_InAnotherConversationOrForAnotherModel_IsRejected_UnknownSignaturesPass()
    {
        await using var gw = await GatewayHarness.StartAsync(fx.Upstream, "signature_binding: { mode: reject, checks: [account, conversation, model] }\n");
        var (sig, thinking) = await IssueAsync(gw, "acct_a");
        await Assert.ThrowsAsync<AnthropicBadRequestException>(() => gw.Anthropic("acct_a").Messages.Create(Sdk.Ask(messages: NextTurn(sig, thinking, "Another task entirely"))));
        await Assert.ThrowsAsync<AnthropicBadRequestException>(() => gw.Anthropic("acct_a").Messages.Create(Sdk.Ask("claude-other", NextTurn(sig, thinking))));
        // Issued before the gateway (or forgotten): nothing to check against.
        await gw.Anthropic("acct_b").Messages.Create(Sdk.Ask(messages: NextTurn("EqVeryOldSignatureIssuedBeforeTheGateway" + new string('x', 200), thinking)));
    }

    [Fact]
    public async Task ResponsesEncryptedContent_ReplayedByAnotherAccount_IsRejectedInTheOpenAIFormat()
    {
        await using var gw = await GatewayHarness.StartAsync(fx.Upstream, "signature_binding: reject\n");
        var first = await SdkStreams.ResponsesAsync(gw.Responses("acct_a"));
        var encrypted = Assert.Single(first.Artifacts);
        JsonObject Replay() => new()
        {
            ["model"] = "o-test",
            ["input"] = new JsonArray(
                new JsonObject { ["role"] = "user", ["content"] = Bodies.Question },
                new JsonObject { ["type"] = "reasoning", ["id"] = "rs_1", ["summary"] = new JsonArray(), ["encrypted_content"] = encrypted },
                new JsonObject { ["role"] = "user", ["content"] = "And times two?" }),
        };
        using (var a = gw.Http("acct_a")) Assert.Equal(200, (await Bodies.PostAsync(a, "responses", Replay())).Status);
        using var b = gw.Http("acct_b");
        var (status, body, _) = await Bodies.PostAsync(b, "responses", Replay());
        Assert.Equal(400, status);
        var err = JsonNode.Parse(body)!["error"]!;
        Assert.Equal("invalid_request_error", (string?)err["type"]);
        Assert.Equal("reasoning_artifact_replay", (string?)err["code"]);
    }

    [Fact]
    public async Task FlagMode_LetsTheReplayThrough_AndMarksTheTapLine()
    {
        await using var gw = await GatewayHarness.StartAsync(fx.Upstream, "signature_binding: flag\n");
        var (sig, thinking) = await IssueAsync(gw, "acct_a");
        await gw.Anthropic("acct_b").Messages.Create(Sdk.Ask(messages: NextTurn(sig, thinking)));
        var tap = JsonNode.Parse(gw.Tap.Last)!;
        Assert.Equal(200, (int)tap["status"]!);
        Assert.Equal("flagged", (string?)tap["gateway"]!["replay"]!["outcome"]);
    }

    [Fact]
    public async Task StreamedSignature_IsBoundToo()
    {
        await using var gw = await GatewayHarness.StartAsync(fx.Upstream, "signature_binding: reject\n");
        var r = await SdkStreams.AnthropicAsync(gw.Anthropic("acct_a"), Sdk.Ask());
        var sig = Assert.Single(r.Artifacts);
        await Assert.ThrowsAsync<AnthropicBadRequestException>(() => gw.Anthropic("acct_b").Messages.Create(Sdk.Ask(messages: NextTurn(sig, r.Reasoning))));
    }
}
