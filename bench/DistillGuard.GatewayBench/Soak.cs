using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

/// <summary>
/// The soak client of bench/gateway-soak.sh: for a bounded time, N workers send chat / Anthropic / Responses requests,
/// buffered and SSE, through the gateway to <see cref="BenchUpstream"/>, each with an <c>x-bench-fault</c> header drawn
/// at random that tells the upstream what to do (see there). Every outcome is classified by what the client saw — status,
/// and origin: the gateway marks every answer it makes itself with <c>x-distillguard-error: CODE</c>; the upstream's
/// injected errors carry <c>bench_upstream_error</c> in their body — and checked against what the fault allows. A 5xx
/// the fault does not explain is gateway-caused. The gateway process's RSS is sampled every few seconds.
/// </summary>
internal static class Soak
{
    private static readonly (string Fault, int Weight)[] Faults =
    [
        ("none", 70), ("s500", 3), ("s502", 3), ("s503", 3), ("slow", 4), ("reset-headers", 5), ("reset-mid", 7), ("stall-mid", 5),
    ];

    /// <summary>What each fault allows the client to see.</summary>
    private static bool Allowed(string fault, string result) => fault switch
    {
        "none" => result == "200 complete",
        "s500" or "s502" or "s503" => result == $"{fault[1..]} upstream",
        "slow" => result == "timeout",
        "reset-headers" => result == "502 gateway:upstream_unavailable",
        // headers not yet on the wire when the gateway aborts the client's connection: no response at all
        "reset-mid" => result is "200 aborted" or "502 gateway:upstream_unavailable" or "no response",
        "stall-mid" => result is "200 timeout" or "timeout",
        _ => false,
    };

    public static async Task<int> RunAsync(string[] args)
    {
        CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
        string gateway = Cli.Str(args, "--gateway") ?? throw new ArgumentException("--gateway URL is required");
        string[] keys = (Cli.Str(args, "--keys") ?? throw new ArgumentException("--keys K1,K2 is required")).Split(',');
        int seconds = Cli.Int(args, "--seconds", 240);
        int concurrency = Cli.Int(args, "--concurrency", 16);
        int timeoutMs = Cli.Int(args, "--timeout-ms", 2000);
        int pid = Cli.Int(args, "--pid", 0);
        int sampleS = Cli.Int(args, "--sample-s", 5);
        int warmupS = Cli.Int(args, "--warmup-s", 30);
        int seed = Cli.Int(args, "--seed", 11);

        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = concurrency, UseProxy = false, PooledConnectionIdleTimeout = TimeSpan.FromSeconds(30) })
        {
            BaseAddress = new Uri(gateway), Timeout = Timeout.InfiniteTimeSpan,
        };
        var outcomes = new ConcurrentDictionary<(string Fault, string Result), long>();
        long done = 0;
        var sw = Stopwatch.StartNew();
        var until = TimeSpan.FromSeconds(seconds);
        using var stop = new CancellationTokenSource();

        var samples = new List<(double T, double RssMb, long Done)>();
        var sampler = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                double rss = pid > 0 ? RssMb(pid) : double.NaN;
                var s = (sw.Elapsed.TotalSeconds, rss, Interlocked.Read(ref done));
                lock (samples) samples.Add(s);
                Console.WriteLine($"t={s.Item1,6:F0}s  rss={(double.IsNaN(rss) ? "gone" : rss.ToString("F1")),8} MB  requests={s.Item3,8}  load={File.ReadAllText("/proc/loadavg").Split(' ')[0]}");
                if (pid > 0 && double.IsNaN(rss)) { stop.Cancel(); break; }
                try { await Task.Delay(TimeSpan.FromSeconds(sampleS), stop.Token); }
                catch (OperationCanceledException) { break; }
            }
        });

        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(w => Task.Run(async () =>
        {
            var rng = new Random(seed * 1000 + w);
            int total = Faults.Sum(f => f.Weight);
            long i = 0;
            while (sw.Elapsed < until && !stop.IsCancellationRequested)
            {
                int pick = rng.Next(total);
                string fault = Faults.First(f => (pick -= f.Weight) < 0).Fault;
                int a = rng.Next(10);
                string api = a < 5 ? "chat" : a < 8 ? "anthropic" : "responses";
                bool stream = rng.Next(2) == 0;
                string key = keys[rng.Next(keys.Length)];
                string result = await OneAsync(http, api, stream, key, fault, $"w{w} q{i++}", timeoutMs);
                outcomes.AddOrUpdate((fault, result), 1, (_, c) => c + 1);
                Interlocked.Increment(ref done);
            }
        })));
        double elapsed = sw.Elapsed.TotalSeconds;
        stop.Cancel();
        await sampler;
        if (pid > 0) { double rss = RssMb(pid); lock (samples) samples.Add((sw.Elapsed.TotalSeconds, rss, done)); }

        // A last plain request after the soak: the gateway still answers.
        string after = await OneAsync(http, "chat", false, keys[0], "none", "after", 10_000);

        Console.WriteLine();
        Console.WriteLine($"{done} requests in {elapsed:F0} s ({done / elapsed:F0}/s), {concurrency} workers, client timeout {timeoutMs} ms; a plain request afterwards: {after}");
        Console.WriteLine();
        Console.WriteLine($"{"fault",-14} {"what the client saw",-36} {"count",8}  verdict");
        long gatewayCaused = 0, unexpected = 0;
        foreach (var ((fault, result), count) in outcomes.OrderBy(o => Array.FindIndex(Faults, f => f.Fault == o.Key.Fault)).ThenByDescending(o => o.Value))
        {
            bool ok = Allowed(fault, result);
            bool fiveXx = result.Length >= 3 && result[0] == '5';
            if (!ok) unexpected += count;
            if (!ok && fiveXx) gatewayCaused += count;
            Console.WriteLine($"{fault,-14} {result,-36} {count,8}  {(ok ? "expected" : fiveXx ? "GATEWAY-CAUSED 5xx" : "UNEXPECTED")}");
        }
        Console.WriteLine();
        Console.WriteLine("by status and origin (status, gateway-made or passed through; no status = no response / broken off):");
        foreach (var g in outcomes.GroupBy(o => Origin(o.Key.Result)).OrderBy(g => g.Key))
            Console.WriteLine($"  {g.Key,-44} {g.Sum(o => o.Value),8}");

        Console.WriteLine();
        List<(double T, double RssMb, long Done)> s2;
        lock (samples) s2 = samples.Where(s => !double.IsNaN(s.RssMb)).ToList();
        bool alive = pid <= 0 || !double.IsNaN(RssMb(pid));
        if (pid > 0 && s2.Count > 0)
        {
            var steady = s2.Where(s => s.T >= warmupS).ToList();
            if (steady.Count < 3) steady = s2;
            var mid = steady[steady.Count / 2];
            double slope = Slope(steady.Select(s => (s.T, s.RssMb)).ToList()) * 60;
            var secondHalf = steady.Skip(steady.Count / 2).ToList();
            double slope2 = Slope(secondHalf.Select(s => (s.T, s.RssMb)).ToList()) * 60;
            Console.WriteLine($"gateway RSS (pid {pid}): first sample {s2[0].RssMb:F1} MB; after {warmupS} s warm-up: start {steady[0].RssMb:F1} MB (t={steady[0].T:F0}s), mid {mid.RssMb:F1} MB (t={mid.T:F0}s), end {steady[^1].RssMb:F1} MB (t={steady[^1].T:F0}s); max {steady.Max(s => s.RssMb):F1} MB");
            Console.WriteLine($"  trend after warm-up {slope:+0.0;-0.0} MB/min; over the second half {slope2:+0.0;-0.0} MB/min");
        }
        Console.WriteLine($"gateway process {(alive ? "alive" : "GONE")}; gateway-caused 5xx: {gatewayCaused}; unexpected outcomes: {unexpected}");
        return gatewayCaused == 0 && alive && after == "200 complete" ? 0 : 1;
    }

    private static string Origin(string result)
    {
        if (result.StartsWith("timeout", StringComparison.Ordinal) || result == "no response") return "(none) " + result;
        var parts = result.Split(' ', 2);
        return parts[1] switch
        {
            "complete" => $"{parts[0]} upstream, complete",
            "aborted" or "timeout" or "incomplete" => $"{parts[0]} upstream, broken off ({parts[1]})",
            "upstream" => $"{parts[0]} upstream (passed through)",
            var o when o.StartsWith("gateway:", StringComparison.Ordinal) => $"{parts[0]} gateway ({o[8..]})",
            var o => $"{parts[0]} {o}",
        };
    }

    private static async Task<string> OneAsync(HttpClient http, string api, bool stream, string key, string fault, string question, int timeoutMs)
    {
        string path = api switch { "chat" => "/v1/chat/completions", "anthropic" => "/v1/messages", _ => "/v1/responses" };
        var user = new JsonObject { ["role"] = "user", ["content"] = $"What is six times seven? ({question})" };
        var body = api switch
        {
            "chat" => new JsonObject { ["model"] = "gpt-bench", ["messages"] = new JsonArray(user), ["stream"] = stream },
            "anthropic" => new JsonObject
            {
                ["model"] = "claude-bench", ["max_tokens"] = 1024, ["thinking"] = new JsonObject { ["type"] = "enabled", ["budget_tokens"] = 512 },
                ["messages"] = new JsonArray(user), ["stream"] = stream,
            },
            _ => new JsonObject { ["model"] = "o-bench", ["input"] = user["content"]!.GetValue<string>(), ["stream"] = stream },
        };
        using var req = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json") };
        if (api == "anthropic") req.Headers.Add("x-api-key", key);
        else req.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        req.Headers.Add("x-bench-fault", fault);
        using var cts = new CancellationTokenSource(timeoutMs);
        int status = 0;
        try
        {
            using var resp = await http.SendAsync(req, HttpCompletionOption.ResponseHeadersRead, cts.Token);
            status = (int)resp.StatusCode;
            string? gw = resp.Headers.TryGetValues("x-distillguard-error", out var v) ? v.First() : null;
            var bytes = await resp.Content.ReadAsByteArrayAsync(cts.Token);
            if (gw is not null) return $"{status} gateway:{gw}";
            if (status == 200) return BenchUpstream.Complete(api, stream, bytes) ? "200 complete" : "200 incomplete";
            if (Encoding.UTF8.GetString(bytes).Contains("bench_upstream_error", StringComparison.Ordinal)) return $"{status} upstream";
            return $"{status} unmarked";
        }
        catch (OperationCanceledException) when (cts.IsCancellationRequested)
        {
            return status == 0 ? "timeout" : $"{status} timeout";
        }
        catch (Exception e) when (e is HttpRequestException or IOException)
        {
            return status == 0 ? "no response" : $"{status} aborted";
        }
    }

    private static double RssMb(int pid)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                    return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024.0;
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
        return double.NaN;
    }

    /// <summary>Least-squares slope of y over x.</summary>
    private static double Slope(List<(double X, double Y)> p)
    {
        if (p.Count < 2) return 0;
        double mx = p.Average(q => q.X), my = p.Average(q => q.Y);
        double num = p.Sum(q => (q.X - mx) * (q.Y - my)), den = p.Sum(q => (q.X - mx) * (q.X - mx));
        return den == 0 ? 0 : num / den;
    }
}
