using System.ClientModel;
using System.Diagnostics.Metrics;
using DistillGuard.Gateway.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using System.Text.Json.Nodes;
using Anthropic.Exceptions;
using DistillGuard.Gateway.Tests.Support;
using OpenAI.Chat;

namespace DistillGuard.Gateway.Tests;

public sealed class PolicyActionTests(UpstreamFixture fx) : IClassFixture<UpstreamFixture>
{
    private const string Policy = """
        version: 1
        detector_unavailable: open
        signature_binding: reject
        lists:
          suspects: [acct_c]
        allowlist:
          tiers: [licensed]
        rules:
          - name: block-confirmed
            when: { verdict: campaign, score: { min: 0.95 } }
            action: { block: { message: "Blocked for model distillation." } }
          - name: verify-suspects
            when: { accounts: ["@suspects"] }
            action: { verify: { message: "Verify your identity first.", url: "https://verify.example/start" } }
          - name: throttle-campaign
            when: { verdict: campaign }
            actions:
              - throttle: { rate: 1/h, burst: 2, per: campaign }
          - name: throttle-watch
            when: { verdict: watch }
            actions:
              - throttle: { rate: 1/h, burst: 2, per: account }
        """;

    private Task<GatewayHarness> Start(string policy = Policy) => GatewayHarness.StartAsync(fx.Upstream, policy);

    [Fact]
    public async Task Block_OpenAISdk_SurfacesA403WithTheOpenAIErrorBody()
    {
        await using var gw = await Start();
        gw.Verdicts.Set("acct_a", "campaign", 0.97, "C-1");
        var e = await Assert.ThrowsAsync<ClientResultException>(() => gw.Chat("acct_a").CompleteChatAsync([new UserChatMessage(Bodies.Question)]));
        Assert.Equal(403, e.Status);
        Assert.Contains("Blocked for model distillation.", e.Message);

        using var http = gw.Http("acct_a");
        var (status, body, _) = await Bodies.PostAsync(http, "responses", Bodies.Request("responses", false));
        Assert.Equal(403, status);
        var err = JsonNode.Parse(body)!["error"]!;
        Assert.Equal("permission_error", (string?)err["type"]);
        Assert.Equal("account_blocked", (string?)err["code"]);
        Assert.True(err.AsObject().ContainsKey("param"));
    }

    [Fact]
    public async Task Block_AnthropicSdk_SurfacesForbiddenWithTheAnthropicErrorBody()
    {
        await using var gw = await Start();
        gw.Verdicts.Set("acct_a", "campaign", 0.99, "C-1");
        var e = await Assert.ThrowsAsync<AnthropicForbiddenException>(() => gw.Anthropic("acct_a").Messages.Create(Sdk.Ask()));
        Assert.Contains("Blocked for model distillation.", e.Message);

        using var http = gw.Http("acct_a");
        var (status, body, _) = await Bodies.PostAsync(http, "anthropic", Bodies.Request("anthropic", true));
        Assert.Equal(403, status);
        var json = JsonNode.Parse(body)!;
        Assert.Equal("error", (string?)json["type"]);
        Assert.Equal("permission_error", (string?)json["error"]!["type"]);
        var tap = JsonNode.Parse(gw.Tap.Last)!;
        Assert.Equal(403, (int)tap["status"]!);
        Assert.Equal("block", (string?)tap["gateway"]!["refused"]);
        Assert.Null(tap["response"]);
    }

    [Fact]
    public async Task Verify_Answers401WithItsOwnCodeAndMessage_InBothFormats()
    {
        await using var gw = await Start();
        var e = await Assert.ThrowsAsync<AnthropicUnauthorizedException>(() => gw.Anthropic("acct_c").Messages.Create(Sdk.Ask()));
        Assert.Contains("Verify your identity first. Verify at https://verify.example/start", e.Message);

        var o = await Assert.ThrowsAsync<ClientResultException>(() => gw.Chat("acct_c").CompleteChatAsync([new UserChatMessage("hi")]));
        Assert.Equal(401, o.Status);
        using var http = gw.Http("acct_c");
        var (_, body, response) = await Bodies.PostAsync(http, "chat", Bodies.Request("chat", false));
        Assert.Equal("verification_required", (string?)JsonNode.Parse(body)!["error"]!["code"]);
        Assert.Equal("verification_required", response.Headers.GetValues("x-distillguard-error").Single());
    }

    [Fact]
    public async Task Throttle_PerAccount_Answers429WithRetryAfterAfterTheBurst_OtherAccountsUnaffected()
    {
        await using var gw = await Start();
        gw.Verdicts.Set("acct_b", "watch", 0.6).Set("acct_d", "watch", 0.6);
        var chat = gw.Chat("acct_b");
        await chat.CompleteChatAsync([new UserChatMessage("1")]);
        await chat.CompleteChatAsync([new UserChatMessage("2")]);
        var e = await Assert.ThrowsAsync<ClientResultException>(() => chat.CompleteChatAsync([new UserChatMessage("3")]));
        Assert.Equal(429, e.Status);

        using var http = gw.Http("acct_b");
        var (status, body, response) = await Bodies.PostAsync(http, "anthropic", Bodies.Request("anthropic", false));
        Assert.Equal(429, status);
        Assert.Equal("rate_limit_error", (string?)JsonNode.Parse(body)!["error"]!["type"]);
        var retry = response.Headers.RetryAfter!.Delta!.Value;
        Assert.InRange(retry.TotalSeconds, 1, 3600);

        await gw.Chat("acct_d").CompleteChatAsync([new UserChatMessage("d")]);      // its own bucket
    }

    [Fact]
    public async Task Throttle_PerCampaign_SharesOneBucketAcrossTheCampaignsAccounts()
    {
        await using var gw = await Start();
        gw.Verdicts.Set("acct_a", "campaign", 0.7, "C-7").Set("acct_b", "campaign", 0.7, "C-7").Set("acct_d", "campaign", 0.7, "C-8");
        await gw.Chat("acct_a").CompleteChatAsync([new UserChatMessage("1")]);
        await gw.Anthropic("acct_a").Messages.Create(Sdk.Ask());
        await Assert.ThrowsAsync<AnthropicRateLimitException>(() => gw.Anthropic("acct_b").Messages.Create(Sdk.Ask()));
        await gw.Chat("acct_d").CompleteChatAsync([new UserChatMessage("other campaign")]);
    }

    [Fact]
    public async Task Allowlisted_PassesUntouched_EvenWithABlockingVerdict_AndIsStillTapped()
    {
        await using var gw = await Start(Policy + "\ndefault: [ { protect_reasoning: strip } ]\n");
        gw.Verdicts.Set("acct_licensed", "campaign", 0.99, "C-1");
        using var http = gw.Http("acct_licensed");
        var (status, body, _) = await Bodies.PostAsync(http, "anthropic", Bodies.Request("anthropic", true));
        Assert.Equal(200, status);
        Assert.Contains("thinking_delta", System.Text.Encoding.UTF8.GetString(body));
        var tap = JsonNode.Parse(gw.Tap.Last)!;
        Assert.Equal(true, (bool?)tap["gateway"]!["allowlisted"]);
        Assert.Equal("acct_licensed", (string?)tap["account"]);

        // The same default strips reasoning for an ordinary clear account.
        using var other = gw.Http("acct_d");
        var (_, stripped, _) = await Bodies.PostAsync(other, "anthropic", Bodies.Request("anthropic", true));
        Assert.DoesNotContain("thinking", System.Text.Encoding.UTF8.GetString(stripped));
    }

    [Fact]
    public async Task DetectorDown_FailOpen_Forwards_FailClosed_Answers503()
    {
        await using (var open = await Start())
        {
            open.Verdicts.Down = true;
            var done = await open.Chat("acct_a").CompleteChatAsync([new UserChatMessage(Bodies.Question)]);
            Assert.Equal(FakeUpstream.Text, done.Value.Content[0].Text);
            Assert.Equal("unavailable", (string?)JsonNode.Parse(open.Tap.Last)!["gateway"]!["detector"]);
        }
        await using var closed = await Start(Policy.Replace("detector_unavailable: open", "detector_unavailable: closed"));
        closed.Verdicts.Down = true;
        var e = await Assert.ThrowsAsync<ClientResultException>(() => closed.Chat("acct_a").CompleteChatAsync([new UserChatMessage(Bodies.Question)]));
        Assert.Equal(503, e.Status);
        await Assert.ThrowsAsync<AnthropicServiceUnavailableException>(() => closed.Anthropic("acct_a").Messages.Create(Sdk.Ask()));
        closed.Verdicts.Down = false;
        closed.Verdicts.ReturnUnavailable = true;
        await Assert.ThrowsAsync<AnthropicServiceUnavailableException>(() => closed.Anthropic("acct_a").Messages.Create(Sdk.Ask()));
        // The allowlist does not depend on the detector.
        using var licensed = closed.Http("acct_licensed");
        Assert.Equal(200, (await Bodies.PostAsync(licensed, "chat", Bodies.Request("chat", false))).Status);
    }

    [Fact]
    public async Task OversizedRequest_Answers413_InTheApisFormat()
    {
        await using var gw = await GatewayHarness.StartAsync(fx.Upstream, null, configure: o => o with { MaxRequestBytes = 2048 });
        using var http = gw.Http("acct_a");
        var body = Bodies.Request("chat", false);
        body["messages"]!.AsArray().Add(new JsonObject { ["role"] = "user", ["content"] = new string('x', 5000) });
        var (status, bytes, _) = await Bodies.PostAsync(http, "chat", body);
        Assert.Equal(413, status);
        Assert.Equal("request_too_large", (string?)JsonNode.Parse(bytes)!["error"]!["code"]);
    }

    [Fact]
    public async Task PolicyActions_AreCountedByKind()
    {
        await using var gw = await Start();
        var metrics = gw.Services.GetRequiredService<GatewayMetrics>();
        var counts = new System.Collections.Concurrent.ConcurrentDictionary<string, long>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (i, l) => { if (i.Meter == metrics.Meter) l.EnableMeasurementEvents(i); };
        listener.SetMeasurementEventCallback<long>((i, v, tags, _) =>
        {
            if (i.Name != "distillguard.gateway.policy.actions") return;
            foreach (var t in tags) if (t.Key == "action") counts.AddOrUpdate((string)t.Value!, v, (_, old) => old + v);
        });
        listener.Start();
        gw.Verdicts.Set("acct_a", "campaign", 0.99, "C-1").Set("acct_b", "watch", 0.5);
        using var a = gw.Http("acct_a");
        using var b = gw.Http("acct_b");
        using var c = gw.Http("acct_c");
        await Bodies.PostAsync(a, "chat", Bodies.Request("chat", false));
        for (int i = 0; i < 3; i++) await Bodies.PostAsync(b, "chat", Bodies.Request("chat", false));
        await Bodies.PostAsync(c, "chat", Bodies.Request("chat", false));
        Assert.Equal(1, counts.GetValueOrDefault("block"));
        Assert.Equal(1, counts.GetValueOrDefault("throttle"));
        Assert.Equal(2, counts.GetValueOrDefault("allow"));
        Assert.Equal(1, counts.GetValueOrDefault("verify"));
    }
}
