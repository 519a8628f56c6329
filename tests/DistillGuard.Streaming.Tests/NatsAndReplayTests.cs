using System.Diagnostics;
using System.Text;
using System.Text.Json;
using DistillGuard.Cli.Commands;
using NATS.Client.Core;
using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;

namespace DistillGuard.Streaming.Tests;

public sealed class NatsAndReplayTests(TinyTraffic traffic) : IClassFixture<TinyTraffic>
{
    private static async Task<JsonElement> Stats(HttpClient http) => JsonDocument.Parse(await http.GetStringAsync("v1/stats")).RootElement;

    [NeedsBinaryFact("nats-server")]
    public async Task JetStream_IsConsumedWithAcks_RedeliveriesAndRepeatsAreCountedOnce_AcrossAKill()
    {
        using var dir = new TempDir();
        int port = ServeProcess.FreePort();
        var psi = new ProcessStartInfo(NeedsBinaryFactAttribute.Find("nats-server")!, $"-js -a 127.0.0.1 -p {port} -sd {Path.Combine(dir.Path, "js")}")
        { RedirectStandardError = true, RedirectStandardOutput = true };
        using var nats = Process.Start(psi)!;
        try
        {
            string url = $"nats://127.0.0.1:{port}";
            await using var conn = new NatsConnection(new NatsOpts { Url = url });
            for (int i = 0; ; i++)
            {
                try { await conn.ConnectAsync(); break; }
                catch (NatsException) when (i < 50) { await Task.Delay(100); }
            }
            var js = new NatsJSContext(conn);
            await js.CreateStreamAsync(new StreamConfig("EXCHANGES", ["distillguard.exchanges"]));
            var lines = traffic.Lines.Take(1500).ToList();
            foreach (var l in lines.Take(1000)) await js.PublishAsync("distillguard.exchanges", Encoding.UTF8.GetBytes(l));
            await js.PublishAsync("distillguard.exchanges", "not json"u8.ToArray());

            string[] args = ["--ingest-port", "0", "--state", Path.Combine(dir.Path, "state"), "--nats", url];
            using (var serve = new ServeProcess(args))
            {
                using var http = new HttpClient { BaseAddress = serve.WaitReady() };
                await WaitFor(http, 1000);
                var until = DateTime.UtcNow.AddSeconds(20);
                while ((await Stats(http)).GetProperty("quarantined").GetInt64() < 1 && DateTime.UtcNow < until) await Task.Delay(100);
                var stats = await Stats(http);
                Assert.Equal(1, stats.GetProperty("quarantined").GetInt64());
                // more arrives while the service is killed
                foreach (var l in lines.Skip(1000)) await js.PublishAsync("distillguard.exchanges", Encoding.UTF8.GetBytes(l));
                serve.Kill();
            }
            // repeats of lines already taken (a producer retrying)
            foreach (var l in lines.Take(200)) await js.PublishAsync("distillguard.exchanges", Encoding.UTF8.GetBytes(l));
            using (var serve = new ServeProcess(args))
            {
                using var http = new HttpClient { BaseAddress = serve.WaitReady() };
                await WaitFor(http, 1500);
                var until = DateTime.UtcNow.AddSeconds(20);
                while ((await Stats(http)).GetProperty("duplicates").GetInt64() < 200 && DateTime.UtcNow < until) await Task.Delay(100);
                var stats = await Stats(http);
                Assert.Equal(1500, stats.GetProperty("exchanges").GetInt64());
                Assert.True(stats.GetProperty("duplicates").GetInt64() >= 200);
                var q = File.ReadAllLines(Path.Combine(dir.Path, "state", "quarantine.jsonl"));
                Assert.Single(q);
                Assert.Contains("\"line\":1001", q[0]);   // named by its stream sequence number
            }
        }
        finally
        {
            nats.Kill();
            nats.WaitForExit();
        }
    }

    [Fact]
    public async Task Replay_ReportsMinutesToTheFirstCampaignVerdict_PerLabelledCampaign()
    {
        using var state = new TempDir();
        using var serve = new ServeProcess("--ingest-port", "0", "--state", state.Path, "--accounts", traffic.Accounts, "--allow", traffic.Allow,
            "--reassemble-every-exchange-minutes", "30");
        var url = serve.WaitReady();
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int rc = await ReplayCommand.ExecuteAsync(new ReplayCommand.Request
        {
            Logs = [traffic.Log], To = url.ToString(), Labels = traffic.LabelsFile, Speed = 0, Batch = 250, Json = true, NoProgress = true,
        }, stdout, stderr, CancellationToken.None);
        Assert.True(rc == 0, stderr.ToString());
        var doc = JsonDocument.Parse(stdout.ToString()).RootElement;
        Assert.Equal(traffic.Lines.Count, doc.GetProperty("exchanges").GetInt64());
        var campaigns = doc.GetProperty("campaigns").EnumerateArray().ToList();
        var labelled = traffic.Labels.Values.Where(v => v is not null).Distinct().Order().ToList();
        Assert.Equal(labelled, campaigns.Select(c => c.GetProperty("campaign").GetString()));
        foreach (var c in campaigns)
        {
            Assert.Equal(JsonValueKind.Number, c.GetProperty("minutes").ValueKind);
            Assert.True(c.GetProperty("minutes").GetDouble() >= 0);
            double share = c.GetProperty("share_before").GetDouble();
            Assert.InRange(share, 0, 1);
            // detection on the exchange clock, every 30 simulated minutes: well before the campaign ended
            Assert.True(share < 1, $"{c.GetProperty("campaign")} detected only after all its exchanges");
        }

        var bad = await ReplayCommand.ExecuteAsync(new ReplayCommand.Request { Logs = ["/no/such.jsonl"], To = "ftp://x", Speed = -1 }, new StringWriter(), stderr, CancellationToken.None);
        Assert.Equal(2, bad);
        Assert.Contains("no file '/no/such.jsonl'", stderr.ToString());
        Assert.Contains("--to: not an http(s) URL", stderr.ToString());
        Assert.Contains("--speed must be 0 or more", stderr.ToString());
    }

    private static async Task WaitFor(HttpClient http, long exchanges)
    {
        var until = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < until)
        {
            if ((await Stats(http)).GetProperty("exchanges").GetInt64() >= exchanges) return;
            await Task.Delay(100);
        }
        Assert.Fail($"fewer than {exchanges} exchanges after 60 s: {(await Stats(http)).GetRawText()}");
    }
}
