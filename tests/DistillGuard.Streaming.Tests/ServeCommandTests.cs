using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace DistillGuard.Streaming.Tests;

public sealed class ServeCommandTests(TinyTraffic traffic) : IClassFixture<TinyTraffic>
{
    private static async Task<JsonElement> Stats(HttpClient http) => JsonDocument.Parse(await http.GetStringAsync("v1/stats")).RootElement;

    [Fact]
    public async Task KilledWithSigkill_AndRestarted_LosesNoAcknowledgedExchange_AndCountsNoneTwice()
    {
        using var state = new TempDir();
        string[] args = ["--ingest-port", "0", "--state", state.Path, "--accounts", traffic.Accounts, "--allow", traffic.Allow];
        int half = traffic.Lines.Count / 2;
        using (var serve = new ServeProcess(args))
        {
            using var http = new HttpClient { BaseAddress = serve.WaitReady() };
            var res = await http.PostAsync("v1/exchanges", new ByteArrayContent(TinyTraffic.Body(traffic.Lines.Take(half))));
            res.EnsureSuccessStatusCode();
            Assert.Equal(half, JsonDocument.Parse(await res.Content.ReadAsStringAsync()).RootElement.GetProperty("accepted").GetInt64());
            serve.Kill();   // acknowledged, maybe not yet processed or re-assembled
        }
        using (var serve = new ServeProcess(args))
        {
            using var http = new HttpClient { BaseAddress = serve.WaitReady() };
            Assert.Equal(half, (await Stats(http)).GetProperty("exchanges").GetInt64());
            // the client did not see the answer of its last request, say, and sends everything again
            var res = await http.PostAsync("v1/exchanges", new ByteArrayContent(TinyTraffic.Body(traffic.Lines)));
            var body = JsonDocument.Parse(await res.Content.ReadAsStringAsync()).RootElement;
            Assert.Equal(traffic.Lines.Count - half, body.GetProperty("accepted").GetInt64());
            Assert.Equal(half, body.GetProperty("duplicates").GetInt64());
            await http.PostAsync("v1/reassemble", null);
            var stats = await Stats(http);
            Assert.Equal(traffic.Lines.Count, stats.GetProperty("exchanges").GetInt64());
            Assert.Equal(traffic.Lines.Count, stats.GetProperty("processed").GetInt64());
            Assert.True(stats.GetProperty("campaigns").GetInt32() >= 1);

            // an account of a labelled campaign answers with its verdict (spec/verdicts.md fields) and history
            var member = traffic.Labels.First(kv => kv.Value is not null).Key;
            var account = JsonDocument.Parse(await http.GetStringAsync($"v1/accounts/{member}")).RootElement;
            Assert.Equal("campaign", account.GetProperty("verdict").GetString());
            Assert.StartsWith("C-", account.GetProperty("campaign").GetString());
            Assert.True(account.GetProperty("reasons").GetArrayLength() > 0);
            Assert.True(account.GetProperty("history").GetArrayLength() > 0);
            Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("v1/accounts/no-such-account")).StatusCode);
            var campaigns = JsonDocument.Parse(await http.GetStringAsync("v1/campaigns")).RootElement.GetProperty("campaigns");
            Assert.Contains(campaigns.EnumerateArray(), c => c.GetProperty("accounts").EnumerateArray().Any(a => a.GetString() == member));
            var metrics = await http.GetStringAsync("metrics");
            Assert.Contains("distillguard_ingest_exchanges_total", metrics);
        }
    }

    [Fact]
    public async Task KilledMidIngest_AndEverythingSentAgain_EndsWithTheVerdictsOfAnUninterruptedRun()
    {
        using var state = new TempDir();
        string[] args = ["--ingest-port", "0", "--state", state.Path, "--accounts", traffic.Accounts, "--allow", traffic.Allow];
        var chunks = traffic.Lines.Chunk(300).ToList();
        using (var serve = new ServeProcess(args))
        {
            using var http = new HttpClient { BaseAddress = serve.WaitReady() };
            (await http.PostAsync("v1/exchanges", new ByteArrayContent(TinyTraffic.Body(chunks[0])))).EnsureSuccessStatusCode();
            // the next chunks are in flight when the process dies
            var sending = Task.Run(async () =>
            {
                foreach (var c in chunks.Skip(1))
                    try { await http.PostAsync("v1/exchanges", new ByteArrayContent(TinyTraffic.Body(c))); } catch (HttpRequestException) { return; }
            });
            await Task.Delay(150);
            serve.Kill();
            await sending;
        }
        using (var serve = new ServeProcess(args))
        {
            using var http = new HttpClient { BaseAddress = serve.WaitReady() };
            long held = (await Stats(http)).GetProperty("exchanges").GetInt64();
            Assert.InRange(held, chunks[0].Length, traffic.Lines.Count);
            var res = JsonDocument.Parse(await (await http.PostAsync("v1/exchanges", new ByteArrayContent(TinyTraffic.Body(traffic.Lines)))).Content.ReadAsStringAsync()).RootElement;
            Assert.Equal(held, res.GetProperty("duplicates").GetInt64());
            await http.PostAsync("v1/reassemble", null);
            Assert.Equal(traffic.Lines.Count, (await Stats(http)).GetProperty("exchanges").GetInt64());
            var live = (await http.GetStringAsync("v1/verdicts")).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement)
                .ToDictionary(e => e.GetProperty("account").GetString()!, e => (e.GetProperty("verdict").GetString(), e.GetProperty("score").GetDouble()));

            // an uninterrupted run: the batch analysis of the same log
            var outDir = Path.Combine(state.Path, "batch");
            var rc = DistillGuard.Cli.Commands.AnalyzeCommand.Execute(new DistillGuard.Cli.Commands.AnalyzeCommand.Request
            {
                Logs = [traffic.Log], Accounts = traffic.Accounts, Allow = traffic.Allow, OutDir = outDir, Workers = 2, NoProgress = true,
            }, new StringWriter(), new StringWriter());
            Assert.Equal(0, rc);
            var batch = File.ReadAllLines(Path.Combine(outDir, "verdicts.jsonl")).Select(l => JsonDocument.Parse(l).RootElement)
                .ToDictionary(e => e.GetProperty("account").GetString()!, e => (e.GetProperty("verdict").GetString(), e.GetProperty("score").GetDouble()));
            Assert.Equal(batch, live);
        }
    }

    [Fact]
    public async Task Sigterm_StopsCleanlyWithinTenSeconds_AndABusyPortIsOneClearLineAndExit2()
    {
        using var state = new TempDir();
        using var serve = new ServeProcess("--ingest-port", "0", "--state", state.Path);
        var url = serve.WaitReady();
        using var http = new HttpClient { BaseAddress = url };
        (await http.PostAsync("v1/exchanges", new ByteArrayContent(TinyTraffic.Body(traffic.Lines.Take(500))))).EnsureSuccessStatusCode();

        using (var second = new ServeProcess("--ingest-port", url.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--state", Path.Combine(state.Path, "other")))
        {
            Assert.Equal(2, second.WaitExit());
            Assert.Contains($"port {url.Port} on 127.0.0.1 is already in use", second.Errors);
            Assert.DoesNotContain("   at ", second.Errors);   // no stack trace
        }

        var sw = System.Diagnostics.Stopwatch.StartNew();
        serve.Terminate();
        Assert.Equal(0, serve.WaitExit(15));
        Assert.True(sw.Elapsed < TimeSpan.FromSeconds(10), $"took {sw.Elapsed}");
        await Assert.ThrowsAsync<HttpRequestException>(() => http.GetStringAsync("v1/stats"));
    }

    [Fact]
    public void Serve_RunsWithTieredPgo_InTheProcessItWasStartedAs_UnlessTheEnvironmentDecides()
    {
        if (!OperatingSystem.IsLinux()) return;
        using var state = new TempDir();
        using (var serve = new ServeProcess(new Dictionary<string, string?> { ["DOTNET_TieredPGO"] = null }, "--ingest-port", "0", "--state", state.Path))
        {
            serve.WaitReady();
            Assert.Contains("tiered PGO on", serve.Output);
            // re-executed in place: the process started is the one serving, with the variable in its environment
            var environ = File.ReadAllText($"/proc/{serve.Id}/environ").Split('\0');
            Assert.Contains("DOTNET_TieredPGO=1", environ);
            serve.Terminate();
            Assert.Equal(0, serve.WaitExit(15));
        }
        using (var serve = new ServeProcess(new Dictionary<string, string?> { ["DOTNET_TieredPGO"] = "0" }, "--ingest-port", "0", "--state", Path.Combine(state.Path, "off")))
        {
            serve.WaitReady();
            Assert.Contains("tiered PGO off", serve.Output);
            Assert.Contains("DOTNET_TieredPGO=0", File.ReadAllText($"/proc/{serve.Id}/environ").Split('\0'));
        }
    }

    [Fact]
    public async Task OversizedIngestBody_IsRefusedWith413_AndTheServiceGoesOn()
    {
        using var state = new TempDir();
        var cfg = Path.Combine(state.Path, "serve.json");
        File.WriteAllText(cfg, """{"max_body_mb": 1}""");
        using var serve = new ServeProcess("--config", cfg, "--ingest-port", "0", "--state", Path.Combine(state.Path, "s"));
        using var http = new HttpClient { BaseAddress = serve.WaitReady() };
        var big = TinyTraffic.Body(traffic.Lines.Take(2000));
        Assert.True(big.Length > 1 << 20);
        // a client sending a large body asks first (Expect: 100-continue), so the refusal arrives before the bytes
        var req = new HttpRequestMessage(HttpMethod.Post, "v1/exchanges") { Content = new ByteArrayContent(big) };
        req.Headers.ExpectContinue = true;
        var res = await http.SendAsync(req);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, res.StatusCode);
        Assert.Contains("send it in parts", await res.Content.ReadAsStringAsync());
        var gz = new MemoryStream();
        using (var z = new System.IO.Compression.GZipStream(gz, System.IO.Compression.CompressionLevel.Fastest, leaveOpen: true)) z.Write(big);
        var compressed = new ByteArrayContent(gz.ToArray());
        compressed.Headers.ContentEncoding.Add("gzip");
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, (await http.PostAsync("v1/exchanges", compressed)).StatusCode);
        // a refused body may leave its connection unusable; the service itself goes on (a new connection)
        using var fresh = new HttpClient { BaseAddress = http.BaseAddress };
        var small = await fresh.PostAsync("v1/exchanges", new ByteArrayContent(TinyTraffic.Body(traffic.Lines.Take(10))));
        Assert.Equal(HttpStatusCode.OK, small.StatusCode);
        Assert.Equal(10, (await Stats(fresh)).GetProperty("exchanges").GetInt64());
    }

    [Fact]
    public void BadSettings_AreAllReportedAtOnce_WithExitCode2()
    {
        using var state = new TempDir();
        var cfg = Path.Combine(state.Path, "serve.json");
        File.WriteAllText(cfg, """{"ingest_port": 70000, "webhook": "ftp://x", "colour": "blue", "tap_commit_ms": 5000, "tap_sync_ms": -5, "watermark_journal": "served.jsonl"}""");
        using var serve = new ServeProcess("--config", cfg, "--accounts", "/no/such/accounts.jsonl", "--nats", "localhost:4222");
        Assert.Equal(2, serve.WaitExit());
        foreach (var expected in new[] { "70000 is not a TCP port", "webhook: not an http(s) URL", "unknown setting 'colour'", "--state DIR is required", "no file '/no/such/accounts.jsonl'", "nats_url: expected nats://", "tap_commit_ms: 0 to 1000 (was 5000)", "tap_sync_ms: 0 to 60000 (was -5)", "watermark_journal: needs watermark_key" })
            Assert.Contains(expected, serve.Errors);
    }

    [Fact]
    public async Task TailedFile_IsIngestedAsItGrows_PartialLinesWait_AndARestartResumesAtTheOffset()
    {
        using var state = new TempDir();
        string log = Path.Combine(state.Path, "live.jsonl");
        var lines = traffic.Lines.Take(300).ToList();
        File.WriteAllText(log, string.Join("\n", lines.Take(100)) + "\n" + lines[100][..40]);   // a line still being written
        string[] args = ["--ingest-port", "0", "--state", Path.Combine(state.Path, "state"), "--tail", log];
        using (var serve = new ServeProcess(args))
        {
            using var http = new HttpClient { BaseAddress = serve.WaitReady() };
            await WaitFor(http, 100);
            File.AppendAllText(log, lines[100][40..] + "\n" + string.Join("\n", lines.Skip(101).Take(99)) + "\n");
            await WaitFor(http, 200);
            Assert.Equal(0, (await Stats(http)).GetProperty("quarantined").GetInt64());
            serve.Kill();
        }
        File.AppendAllText(log, string.Join("\n", lines.Skip(200)) + "\n");
        using (var serve = new ServeProcess(args))
        {
            using var http = new HttpClient { BaseAddress = serve.WaitReady() };
            await WaitFor(http, 300);
            await Task.Delay(500);
            var stats = await Stats(http);
            Assert.Equal(300, stats.GetProperty("exchanges").GetInt64());
        }
    }

    private static async Task WaitFor(HttpClient http, long exchanges)
    {
        var until = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < until)
        {
            if ((await Stats(http)).GetProperty("exchanges").GetInt64() >= exchanges) return;
            await Task.Delay(100);
        }
        Assert.Fail($"fewer than {exchanges} exchanges after 30 s: {(await Stats(http)).GetRawText()}");
    }
}
