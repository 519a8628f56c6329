using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace DistillGuard.Streaming.Tests;

/// <summary>`serve` with ingest and the gateway in one process: a verdict the detector reached is enforced inline, and
/// what passes the gateway is tapped into the same detector.</summary>
public sealed class ServeGatewayTests(TinyTraffic traffic) : IClassFixture<TinyTraffic>
{
    private const string Answer = "However, you can use a large buffer to begin with, and it is also important to start small because the answer often depends on many factors. Additionally, we should help users understand the main idea quickly.";

    private static async Task<WebApplication> FakeUpstream()
    {
        var b = WebApplication.CreateSlimBuilder();
        b.Logging.ClearProviders();
        b.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = b.Build();
        app.MapPost("/v1/chat/completions", async (HttpContext ctx) =>
        {
            string body = await new StreamReader(ctx.Request.Body).ReadToEndAsync();
            if (!body.Contains("\"stream\":true", StringComparison.Ordinal))
                return Results.Text("""
                {"id":"chatcmpl-1","object":"chat.completion","created":1770000000,"model":"gpt-x","choices":[{"index":0,"message":{"role":"assistant","content":"Paris. ANSWER"},"finish_reason":"stop"}],"usage":{"prompt_tokens":9,"completion_tokens":2,"total_tokens":11}}
                """.Replace("ANSWER", Answer), "application/json");
            // streamed: the answer in deltas of a few characters each, then [DONE]
            var sse = new StringBuilder();
            string text = "Streamed. " + Answer;
            for (int i = 0; i < text.Length; i += 7)
                sse.Append("data: ").Append(JsonSerializer.Serialize(new { id = "chatcmpl-2", @object = "chat.completion.chunk", created = 1770000000, model = "gpt-x",
                    choices = new[] { new { index = 0, delta = new { content = text.Substring(i, Math.Min(7, text.Length - i)) } } } })).Append("\n\n");
            sse.Append("data: [DONE]\n\n");
            return Results.Text(sse.ToString(), "text/event-stream");
        });
        await app.StartAsync();
        return app;
    }

    [Fact]
    public async Task AFlaggedAccount_IsBlockedAtTheGateway_AClearOnePasses_AndBothAreTappedIntoTheDetector()
    {
        using var dir = new TempDir();
        await using var upstream = await FakeUpstream();
        // ingest the log first, so the detector has verdicts; then pick a flagged and a clear account for keys
        string state = Path.Combine(dir.Path, "state");
        var keys = Path.Combine(dir.Path, "keys.jsonl");
        var policy = Path.Combine(dir.Path, "policy.yaml");
        File.WriteAllText(policy, """
            detector_unavailable: closed
            rules:
              - name: block-campaigns
                when: { verdict: campaign }
                action: { block: { message: "Access suspended: model distillation." } }
            default: allow
            """);
        string flagged = traffic.Labels.First(kv => kv.Value is not null).Key;
        string clear = traffic.Labels.First(kv => kv.Value is null).Key;
        File.WriteAllText(keys, $"{{\"key\":\"sk-flagged-0123456789\",\"account\":\"{flagged}\"}}\n{{\"key\":\"sk-clear-0123456789ab\",\"account\":\"{clear}\"}}\n");
        using var serve = new ServeProcess("--ingest-port", "0", "--state", state, "--accounts", traffic.Accounts, "--allow", traffic.Allow,
            "--gateway-port", "0", "--upstream", upstream.Urls.First(), "--keys", keys, "--policy", policy);
        using var ingest = new HttpClient { BaseAddress = serve.WaitReady("ingest") };
        var gatewayUrl = serve.WaitReady("gateway");
        (await ingest.PostAsync("v1/exchanges", new ByteArrayContent(TinyTraffic.Body(traffic.Lines)))).EnsureSuccessStatusCode();
        await ingest.PostAsync("v1/reassemble", null);
        var verdict = JsonDocument.Parse(await ingest.GetStringAsync($"v1/accounts/{flagged}")).RootElement.GetProperty("verdict").GetString();
        Assert.Equal("campaign", verdict);

        using var gw = new HttpClient { BaseAddress = gatewayUrl };
        async Task<HttpResponseMessage> Ask(string key)
        {
            var req = new HttpRequestMessage(HttpMethod.Post, "v1/chat/completions")
            {
                Content = new StringContent("""{"model":"gpt-x","messages":[{"role":"user","content":"What is the capital of France?"}]}""", Encoding.UTF8, "application/json"),
            };
            req.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
            return await gw.SendAsync(req);
        }
        using (var blocked = await Ask("sk-flagged-0123456789"))
        {
            Assert.Equal(HttpStatusCode.Forbidden, blocked.StatusCode);
            var error = JsonDocument.Parse(await blocked.Content.ReadAsStringAsync()).RootElement.GetProperty("error");
            Assert.Contains("model distillation", error.GetProperty("message").GetString());
        }
        using (var ok = await Ask("sk-clear-0123456789ab"))
        {
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
            Assert.Contains("Paris.", await ok.Content.ReadAsStringAsync());
        }
        // both exchanges reach the detector through the tap (the blocked one with its 403)
        var until = DateTime.UtcNow.AddSeconds(20);
        long exchanges = 0;
        while (DateTime.UtcNow < until)
        {
            exchanges = JsonDocument.Parse(await ingest.GetStringAsync("v1/stats")).RootElement.GetProperty("exchanges").GetInt64();
            if (exchanges >= traffic.Lines.Count + 2) break;
            await Task.Delay(100);
        }
        Assert.Equal(traffic.Lines.Count + 2, exchanges);
        var metrics = await ingest.GetStringAsync("metrics");
        Assert.Contains("distillguard_ingest_exchanges_total", metrics);
        Assert.Contains("source=\"tap\"", metrics);

        // the tap syncs its journal lines on its own schedule (tap_sync_ms, a second by default); a stop syncs what is
        // left, so a restart has both tapped exchanges
        serve.Terminate();
        Assert.Equal(0, serve.WaitExit(30));
        using var again = new ServeProcess("--ingest-port", "0", "--state", state, "--accounts", traffic.Accounts, "--allow", traffic.Allow);
        using var ingest2 = new HttpClient { BaseAddress = again.WaitReady("ingest") };
        Assert.Equal(traffic.Lines.Count + 2, JsonDocument.Parse(await ingest2.GetStringAsync("v1/stats")).RootElement.GetProperty("exchanges").GetInt64());
    }

    /// <summary>A watermark key, two API keys (acct_marked, acct_plain) and a policy that watermarks acct_marked only.</summary>
    private static (DistillGuard.Provenance.Watermarking.WatermarkKey Key, string KeyFile, string Keys, string Policy) WatermarkSetup(string dir, string seed)
    {
        var key = DistillGuard.Provenance.Watermarking.WatermarkKey.FromSeed(seed, "test-lab");
        var keyFile = Path.Combine(dir, "wm.key");
        key.Save(keyFile);
        var keys = Path.Combine(dir, "keys.jsonl");
        File.WriteAllText(keys, "{\"key\":\"sk-marked-0123456789ab\",\"account\":\"acct_marked\"}\n{\"key\":\"sk-plain-0123456789abc\",\"account\":\"acct_plain\"}\n");
        var policy = Path.Combine(dir, "policy.yaml");
        File.WriteAllText(policy, """
            rules:
              - name: mark
                when: { account: acct_marked }
                action: { watermark: { scheme: v1 } }
            default: allow
            """);
        return (key, keyFile, keys, policy);
    }

    [Fact]
    public async Task WithAWatermarkKey_ThePolicysWatermarkActionMarksTheResponseText_ForTheNamedAccountsOnly()
    {
        using var dir = new TempDir();
        await using var upstream = await FakeUpstream();
        var (key, keyFile, keys, policy) = WatermarkSetup(dir.Path, "serve-test");
        using var serve = new ServeProcess("--state", Path.Combine(dir.Path, "state"), "--gateway-port", "0", "--upstream", upstream.Urls.First(),
            "--keys", keys, "--policy", policy, "--watermark-key", keyFile);
        using var gw = new HttpClient { BaseAddress = serve.WaitReady("gateway") };
        async Task<string> Content(string apiKey)
        {
            var req = new HttpRequestMessage(HttpMethod.Post, "v1/chat/completions")
            {
                Content = new StringContent("""{"model":"gpt-x","messages":[{"role":"user","content":"Explain buffers."}]}""", Encoding.UTF8, "application/json"),
            };
            req.Headers.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
            using var res = await gw.SendAsync(req);
            res.EnsureSuccessStatusCode();
            return JsonDocument.Parse(await res.Content.ReadAsStringAsync()).RootElement.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString()!;
        }
        string original = "Paris. " + Answer;
        string marked = await Content("sk-marked-0123456789ab");
        string plain = await Content("sk-plain-0123456789abc");
        Assert.Equal(original, plain);
        Assert.Equal(new DistillGuard.Provenance.Watermarking.Watermarker(key).Apply(original), marked);
        Assert.NotEqual(original, marked);
    }

    [Fact]
    public async Task AWatermarkJournal_RecordsTheOriginalOfEveryWatermarkedTextBlock_BufferedAndStreamed_AndFeedsServedProbes()
    {
        using var dir = new TempDir();
        await using var upstream = await FakeUpstream();
        var (key, keyFile, keys, policy) = WatermarkSetup(dir.Path, "journal-test");
        var journal = Path.Combine(dir.Path, "journal", "served.jsonl");
        using var serve = new ServeProcess("--state", Path.Combine(dir.Path, "state"), "--gateway-port", "0", "--upstream", upstream.Urls.First(),
            "--keys", keys, "--policy", policy, "--watermark-key", keyFile, "--watermark-journal", journal);
        using var gw = new HttpClient { BaseAddress = serve.WaitReady("gateway") };
        async Task<string> Send(string apiKey, bool stream)
        {
            var req = new HttpRequestMessage(HttpMethod.Post, "v1/chat/completions")
            {
                Content = new StringContent($$"""{"model":"gpt-x","stream":{{(stream ? "true" : "false")}},"messages":[{"role":"user","content":"Explain buffers."}]}""", Encoding.UTF8, "application/json"),
            };
            req.Headers.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
            using var res = await gw.SendAsync(req);
            res.EnsureSuccessStatusCode();
            return await res.Content.ReadAsStringAsync();
        }
        await Send("sk-marked-0123456789ab", stream: false);
        string streamed = await Send("sk-marked-0123456789ab", stream: true);
        await Send("sk-plain-0123456789abc", stream: false);
        await Send("sk-plain-0123456789abc", stream: true);
        // what the marked account received in the stream is the watermarked text, not the original
        string received = string.Concat(streamed.Split('\n').Where(l => l.StartsWith("data: {", StringComparison.Ordinal))
            .Select(l => JsonDocument.Parse(l[6..]).RootElement.GetProperty("choices")[0].GetProperty("delta"))
            .Select(d => d.TryGetProperty("content", out var c) ? c.GetString() : ""));
        var wm = new DistillGuard.Provenance.Watermarking.Watermarker(key);
        Assert.Equal(wm.Apply("Streamed. " + Answer), received);
        serve.Terminate();
        Assert.Equal(0, serve.WaitExit(30));

        var lines = File.ReadAllLines(journal).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(2, lines.Count);
        Assert.All(lines, e =>
        {
            Assert.Equal("acct_marked", e.GetProperty("account").GetString());
            Assert.Equal(key.Id, e.GetProperty("key_id").GetString());
            Assert.Equal("openai.chat.completions", e.GetProperty("api").GetString());
            Assert.StartsWith("gw_", e.GetProperty("exchange_id").GetString()!, StringComparison.Ordinal);
        });
        Assert.Equal(["Paris. " + Answer, "Streamed. " + Answer], lines.Select(e => e.GetProperty("text").GetString()!).Order().ToArray());
        Assert.NotEqual(lines[0].GetProperty("exchange_id").GetString(), lines[1].GetProperty("exchange_id").GetString());

        // the journal is what `provenance probes --served` reads
        var probes = Path.Combine(dir.Path, "probes.jsonl");
        using var err = new StringWriter();
        Assert.Equal(0, DistillGuard.Cli.Commands.ProvenanceCommand.Run(["probes", "--served", journal, "--out", probes], err, err));
        Assert.NotEmpty(File.ReadAllLines(probes));
    }
}
