using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using DistillGuard.Gateway;
using DistillGuard.Gateway.Seams;
using DistillGuard.Gateway.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

// Latency through the gateway against the same requests sent straight to the upstream (the tests' fake upstream),
// all on 127.0.0.1 in one process: bench/gateway-latency.sh [REQUESTS] [CONCURRENCY]
//   dotnet bench/DistillGuard.GatewayBench/bin/Release/net10.0/DistillGuard.GatewayBench.dll --requests 2000 --concurrency 4
if (args.Length > 0 && !args[0].StartsWith("--", StringComparison.Ordinal))
{
    // Server and load modes for bench/gateway-wrk.sh and bench/gateway-soak.sh (one process each).
    return args[0] switch
    {
        "upstream" => await BenchUpstream.RunAsync(args),
        "bare" => await BareProxy.RunAsync(args),
        "gateway" => await LibraryGateway.RunAsync(args),
        "soak" => await Soak.RunAsync(args),
        "watermark" => await WatermarkLatency.RunAsync(args),
        _ => Usage(),
    };
}
var opts = Args.Parse(args);
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;

await using var upstream = await FakeUpstream.StartAsync();
upstream.ReleaseGate();
var dir = Directory.CreateTempSubdirectory("dg-gw-bench").FullName;
var keys = Path.Combine(dir, "keys.jsonl");
File.WriteAllText(keys, "{\"key\":\"sk-clear\",\"account\":\"acct_clear\"}\n{\"key\":\"sk-risky\",\"account\":\"acct_risky\"}\n");
var policy = Path.Combine(dir, "policy.yaml");
File.WriteAllText(policy, """
    signature_binding: reject
    rules:
      - name: protect
        when: { verdict: campaign }
        actions:
          - throttle: { rate: 1000000, burst: 1000000 }
          - protect_reasoning: { mode: strip }
    """);
var verdicts = new BenchVerdicts();
var tap = new CountingTap();
var app = GatewayServer.Build(new GatewayOptions { Port = 0, Upstream = new Uri(upstream.BaseUrl), KeysFile = keys, PolicyFile = policy, WatchFiles = false },
    verdicts, tap, NullLoggerFactory.Instance);
await app.StartAsync();
string gateway = app.Urls.First();

Console.WriteLine($"machine: {Environment.ProcessorCount} cores, load {File.ReadAllText("/proc/loadavg").Split(' ')[0]}; {opts.Requests} requests per row after {opts.Warmup} warm-up, concurrency {opts.Concurrency}; latency = request sent to last byte read");
Console.WriteLine();
Console.WriteLine($"{"scenario",-44} {"p50 ms",8} {"p90 ms",8} {"p99 ms",8} {"mean ms",8} {"req/s",8}");
var rows = new List<(string Name, string Url, string Key, string Api, bool Stream)>();
foreach (var (api, stream) in new[] { ("chat", false), ("chat", true), ("anthropic", false), ("anthropic", true), ("responses", true) })
{
    string what = $"{api}{(stream ? " SSE" : "")}";
    rows.Add(($"{what,-16} direct to upstream", upstream.BaseUrl, "sk-clear", api, stream));
    rows.Add(($"{what,-16} gateway, allow (clear)", gateway, "sk-clear", api, stream));
    rows.Add(($"{what,-16} gateway, strip+throttle", gateway, "sk-risky", api, stream));
}
foreach (var row in rows)
{
    var lat = await Run(row.Url, row.Key, row.Api, row.Stream, opts);
    Array.Sort(lat);
    double P(double q) => lat[Math.Min(lat.Length - 1, (int)Math.Ceiling(q * lat.Length) - 1)];
    Console.WriteLine($"{row.Name,-44} {P(0.50),8:F2} {P(0.90),8:F2} {P(0.99),8:F2} {lat.Average(),8:F2} {opts.Requests / (lat.Sum() / 1000 / opts.Concurrency),8:F0}");
}
Console.WriteLine();
Console.WriteLine($"tapped {tap.Count} exchange-log lines ({tap.Bytes / 1e6:F1} MB)");
await app.StopAsync();
Directory.Delete(dir, true);
return 0;

static int Usage()
{
    Console.Error.WriteLine("usage: DistillGuard.GatewayBench [--requests N --concurrency N --warmup N]   (in-process latency table)");
    Console.Error.WriteLine("       DistillGuard.GatewayBench upstream [--port P] [--slow-ms MS] [--event-delay-ms MS]");
    Console.Error.WriteLine("       DistillGuard.GatewayBench bare --upstream URL [--port P]");
    Console.Error.WriteLine("       DistillGuard.GatewayBench gateway --upstream URL --keys FILE [--policy FILE] [--port P]");
    Console.Error.WriteLine("       DistillGuard.GatewayBench watermark [--requests N --concurrency N --warmup N --model-ms MS --words 100,500,2000 --block N --transform watermark|identity --event-ms MS --modes buffered,sse]");
    Console.Error.WriteLine("       DistillGuard.GatewayBench soak --gateway URL --keys K1,K2 --seconds S [--concurrency N] [--timeout-ms MS] [--pid PID] [--sample-s S]");
    return 2;
}

static async Task<double[]> Run(string baseUrl, string key, string api, bool stream, Args o)
{
    using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = o.Concurrency, UseProxy = false }) { BaseAddress = new Uri(baseUrl) };
    http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
    string path = api switch { "chat" => "/v1/chat/completions", "responses" => "/v1/responses", _ => "/v1/messages" };
    var body = api switch
    {
        "chat" => new JsonObject { ["model"] = "gpt-bench", ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = "What is six times seven?" }), ["stream"] = stream },
        "responses" => new JsonObject { ["model"] = "o-bench", ["input"] = "What is six times seven?", ["stream"] = stream },
        _ => new JsonObject
        {
            ["model"] = "claude-bench", ["max_tokens"] = 1024, ["thinking"] = new JsonObject { ["type"] = "enabled", ["budget_tokens"] = 512 },
            ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = "What is six times seven?" }), ["stream"] = stream,
        },
    };
    var bytes = Encoding.UTF8.GetBytes(body.ToJsonString());
    async Task<double> One()
    {
        long t0 = Stopwatch.GetTimestamp();
        using var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await http.PostAsync(path, content);
        await response.Content.ReadAsByteArrayAsync();
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{path}: {(int)response.StatusCode}");
        return Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
    }
    for (int i = 0; i < o.Warmup; i++) await One();
    var results = new ConcurrentBag<double>();
    int next = 0;
    await Task.WhenAll(Enumerable.Range(0, o.Concurrency).Select(async _ =>
    {
        while (Interlocked.Increment(ref next) <= o.Requests) results.Add(await One());
    }));
    return results.ToArray();
}

internal sealed record Args(int Requests, int Concurrency, int Warmup)
{
    public static Args Parse(string[] a)
    {
        int Get(string name, int def) { int i = Array.IndexOf(a, name); return i >= 0 && i + 1 < a.Length ? int.Parse(a[i + 1], CultureInfo.InvariantCulture) : def; }
        return new Args(Get("--requests", 2000), Get("--concurrency", 4), Get("--warmup", 300));
    }
}

/// <summary>acct_risky is in a campaign; everyone else is unknown (clear).</summary>
internal sealed class BenchVerdicts : IVerdictSource
{
    public VerdictLookup? Lookup(string account) => account == "acct_risky" ? new VerdictLookup(true, Verdicts.Campaign, 0.9, "C-1") : null;
}

/// <summary>Stands in for the detector's bounded queue: counts what it is handed.</summary>
internal sealed class CountingTap : IExchangeTap
{
    private long _count, _bytes;
    public long Count => Interlocked.Read(ref _count);
    public long Bytes => Interlocked.Read(ref _bytes);
    public void Tap(ReadOnlyMemory<byte> line) { Interlocked.Increment(ref _count); Interlocked.Add(ref _bytes, line.Length); }
}
