using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using DistillGuard.Gateway;
using DistillGuard.Gateway.Seams;
using DistillGuard.Gateway.Watermarking;
using DistillGuard.Provenance.Watermarking;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using DistillGuard.Bench;

/// <summary>
/// What the keyed watermark adds to the gateway's latency (issue #13: at most 5 % at p99). One process on 127.0.0.1: a
/// fake upstream answering Chat Completions with a prose answer of a given length (buffered, or SSE in deltas of about
/// one token), the gateway library with the watermark seam the CLI wires (<c>distillguard serve --watermark-key</c>), and
/// a client. Two accounts differ only in the policy rule: <c>acct_plain</c> is allowed, <c>acct_marked</c> gets the
/// <c>watermark</c> action. Requests alternate between the two in small blocks so both see the same machine; latency is
/// request sent to last byte read.
///   bench/gateway-watermark.sh [REQUESTS] [CONCURRENCY] [MODEL_MS]
/// </summary>
internal static class WatermarkLatency
{
    public static async Task<int> RunAsync(string[] args)
    {
        CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
        int requests = Cli.Int(args, "--requests", 2000);
        int concurrency = Cli.Int(args, "--concurrency", 1);
        int warmup = Cli.Int(args, "--warmup", 300);
        int modelMs = Cli.Int(args, "--model-ms", 0);
        int eventMs = Cli.Int(args, "--event-ms", 0);
        var modes = (Cli.Str(args, "--modes") ?? "buffered,sse").Split(',');
        int block = Cli.Int(args, "--block", 50);
        var sizes = (Cli.Str(args, "--words") ?? "100,500,2000").Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();
        // --rounds R (R > 1): R rounds per row of REQUESTS requests per side each, one after the other in the same process;
        // each round's p99 ratio is computed on its own, and the rows report their median and spread (see Rounds).
        int rounds = Cli.Int(args, "--rounds", 1);
        s_discard = (Cli.Str(args, "--read") ?? "buffer") switch { "buffer" => false, "discard" => true, var r => throw new ArgumentException($"--read {r}: buffer or discard") };

        await using var upstream = await ProseUpstream.StartAsync(sizes, modelMs, eventMs);
        var dir = Directory.CreateTempSubdirectory("dg-wm-bench").FullName;
        var keys = Path.Combine(dir, "keys.jsonl");
        File.WriteAllText(keys, "{\"key\":\"sk-plain\",\"account\":\"acct_plain\"}\n{\"key\":\"sk-marked\",\"account\":\"acct_marked\"}\n");
        var policy = Path.Combine(dir, "policy.yaml");
        File.WriteAllText(policy, """
            rules:
              - name: watermark
                when: { account: acct_marked }
                actions:
                  - watermark: { scheme: v1 }
            """);
        // --transform identity: the same seam with a transform that changes nothing (what the gateway's per-event rewrite
        // costs by itself, without the watermark's own work).
        bool identity = Cli.Str(args, "--transform") == "identity";
        // --journal: serve's watermark journal too (the original of every watermarked block, written in the background)
        bool journaled = args.Contains("--journal");
        await using var journal = journaled ? new WatermarkJournal(Path.Combine(dir, "served.jsonl")) : null;
        var transform = new PolicyWatermark(new WatermarkTransform(new Watermarker(WatermarkKey.FromSeed("gateway-bench")), "gateway-bench", journal), identity);
        var app = GatewayServer.Build(new GatewayOptions { Port = 0, Upstream = new Uri(upstream.BaseUrl), KeysFile = keys, PolicyFile = policy, WatchFiles = false },
            new NoVerdicts(), new NullTap(), NullLoggerFactory.Instance, transform);
        await app.StartAsync();
        string gateway = app.Urls.First();

        // The watermark must actually be applied: the marked account's answer differs from the plain one.
        foreach (bool stream in new[] { false, true })
        {
            string plain = await AnswerText(gateway, "sk-plain", sizes[0], stream), marked = await AnswerText(gateway, "sk-marked", sizes[0], stream);
            if ((plain == marked) != identity || plain.Length == 0) throw new InvalidOperationException($"the transform did not do what it should ({(stream ? "SSE" : "buffered")})");
        }

        if (rounds > 1)
        {
            await Rounds(gateway, sizes, modes, requests, warmup, concurrency, block, rounds, modelMs, eventMs, identity);
            await app.StopAsync();
            Report(journal);
            Directory.Delete(dir, true);
            return 0;
        }
        Console.WriteLine($"machine: {Environment.ProcessorCount} cores, load {File.ReadAllText("/proc/loadavg").Split(' ')[0]}; {requests} requests per row " +
            $"(alternating blocks of {block}) after {warmup} warm-up, concurrency {concurrency}; upstream model time {modelMs} ms{(eventMs > 0 ? $", then {eventMs} ms between SSE events" : "")}; transform {(identity ? "identity (seam only)" : journaled ? "watermark with journal" : "watermark")}; latency = request sent to last byte read");
        Console.WriteLine();
        Console.WriteLine("| answer | mode | direct p50 / p99 ms | gateway p50 / p99 ms | + watermark p50 / p99 ms | watermark / gateway at p50 | at p99 |");
        Console.WriteLine("|---|---|---|---|---|---|---|");
        foreach (int words in sizes)
            foreach (bool stream in new[] { false, true }.Where(x => modes.Contains(x ? "sse" : "buffered")))
            {
                var direct = await Measure(upstream.BaseUrl, "sk-plain", words, stream, requests, warmup, concurrency);
                var (off, on) = await Paired(gateway, words, stream, requests, warmup, concurrency, block);
                Console.WriteLine($"| {words} words | {(stream ? "SSE" : "buffered")} | {P(direct, 0.5):F2} / {P(direct, 0.99):F2} | {P(off, 0.5):F2} / {P(off, 0.99):F2} | " +
                    $"{P(on, 0.5):F2} / {P(on, 0.99):F2} | {P(on, 0.5) / P(off, 0.5):F3} | {P(on, 0.99) / P(off, 0.99):F3} |");
            }
        await app.StopAsync();
        Report(journal);
        Directory.Delete(dir, true);
        return 0;
    }

    private static void Report(WatermarkJournal? journal)
    {
        if (journal is null) return;
        Console.WriteLine();
        Console.WriteLine($"watermark journal: {journal.Written:N0} blocks written, {journal.Dropped:N0} dropped (so far; the rest at disposal)");
    }

    private static string Load() => string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ')[..3]);

    /// <summary>
    /// The robust form of the measurement: per row, ROUNDS rounds, each of REQUESTS requests without and REQUESTS with the
    /// watermark in alternating blocks (as a single run does), one round after the other. Background load that comes and
    /// goes on a shared machine then hits both sides of every round alike, and its effect on p99 shows as the spread of the
    /// per-round ratios instead of being mistaken for the watermark's cost. Printed: every round (load average at its start
    /// and end, both p50 and p99, the ratios), then per row the median, quartiles and range of the per-round p99 ratios,
    /// how many rounds were within 5 %, and the p50/p99 over all rounds' requests pooled.
    /// </summary>
    private static async Task Rounds(string gateway, int[] sizes, string[] modes, int requests, int warmup, int concurrency, int block, int rounds,
        int modelMs, int eventMs, bool identity)
    {
        Console.WriteLine($"machine: {Environment.ProcessorCount} cores, load {Load()}; {rounds} rounds per row of {requests} requests without and {requests} with " +
            $"the {(identity ? "identity transform (seam only)" : "watermark")} (alternating blocks of {block}) after {warmup} warm-up, concurrency {concurrency}; " +
            $"upstream model time {modelMs} ms{(eventMs > 0 ? $", then {eventMs} ms between SSE events" : ", SSE events in one burst")}; latency = request sent to last byte read" +
            $"{(s_discard ? " (client reads into a pooled buffer and drops it: --read discard)" : "")}; GC {(System.Runtime.GCSettings.IsServerGC ? "server" : "workstation")}");
        var summary = new List<string>();
        foreach (int words in sizes)
            foreach (bool stream in new[] { false, true }.Where(x => modes.Contains(x ? "sse" : "buffered")))
            {
                string row = $"{words} words, {(stream ? "SSE" : "buffered")}";
                Console.WriteLine();
                Console.WriteLine($"{row}:");
                Console.WriteLine();
                Console.WriteLine("| round | load at start → end (1, 5, 15 min) | gateway p50 / p99 ms | + watermark p50 / p99 ms | added at p50 ms | ratio at p50 | ratio at p99 |");
                Console.WriteLine("|---|---|---|---|---|---|---|");
                var r50 = new List<double>();
                var r99 = new List<double>();
                var added = new List<double>();
                var allOff = new List<double>();
                var allOn = new List<double>();
                var costs = new List<string>();
                // One pair of clients for the row: every round after the first runs on warm connections.
                using var plain = Client(gateway, "sk-plain", concurrency);
                using var marked = Client(gateway, "sk-marked", concurrency);
                // Warm-up: the same alternating blocks at the same concurrency, so that every connection is open and the
                // code is jitted for both sides before the first round; discarded.
                if (warmup > 0) await Paired(plain, marked, words, stream, warmup, 0, concurrency, block);
                for (int r = 0; r < rounds; r++)
                {
                    string start = Load();
                    s_costOff.Reset(); s_costOn.Reset();
                    var (off, on) = await Paired(plain, marked, words, stream, requests, 0, concurrency, block);
                    costs.Add($"| {r + 1} | {s_costOff} | {s_costOn} | {(s_costOn.CpuMs - s_costOff.CpuMs) / requests:F2} ms |");
                    allOff.AddRange(off);
                    allOn.AddRange(on);
                    r50.Add(P(on, 0.5) / P(off, 0.5));
                    r99.Add(P(on, 0.99) / P(off, 0.99));
                    added.Add(P(on, 0.5) - P(off, 0.5));
                    Console.WriteLine($"| {r + 1} | {start} → {Load()} | {P(off, 0.5):F2} / {P(off, 0.99):F2} | {P(on, 0.5):F2} / {P(on, 0.99):F2} | {added[^1]:F2} | {r50[^1]:F3} | {r99[^1]:F3} |");
                }
                Console.WriteLine();
                Console.WriteLine("Process cost per request by side (CPU time, allocated, collections and their total pause during that side's blocks):");
                Console.WriteLine();
                Console.WriteLine("| round | gateway | + watermark | watermark's extra CPU per request |");
                Console.WriteLine("|---|---|---|---|");
                foreach (var c in costs) Console.WriteLine(c);
                var s99 = r99.Order().ToArray();
                var s50 = r50.Order().ToArray();
                var a = allOff.Order().ToArray();
                var b = allOn.Order().ToArray();
                string line = $"| {row} | {rounds} × {requests} | **{Median(s99):F3}** | {Quantile(s99, 0.25):F3} – {Quantile(s99, 0.75):F3} | {s99[0]:F3} – {s99[^1]:F3} | " +
                    $"{s99.Count(x => x <= 1.05)} of {rounds} | {P(b, 0.99) / P(a, 0.99):F3} | {Median(s50):F3} | {Median([.. added.Order()]):F2} |";
                summary.Add(line);
                Console.WriteLine();
                Console.WriteLine("| answer | rounds × requests per side | median p99 ratio | quartiles | range | rounds ≤ 1.05 | pooled p99 ratio | median p50 ratio | median added at p50 ms |");
                Console.WriteLine("|---|---|---|---|---|---|---|---|---|");
                Console.WriteLine(line);
            }
        Console.WriteLine();
        Console.WriteLine($"Summary (load at the end {Load()}):");
        Console.WriteLine();
        Console.WriteLine("| answer | rounds × requests per side | median p99 ratio | quartiles | range | rounds ≤ 1.05 | pooled p99 ratio | median p50 ratio | median added at p50 ms |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|");
        foreach (var l in summary) Console.WriteLine(l);
    }

    private static double Median(double[] sorted) => Quantile(sorted, 0.5);

    /// <summary>Linear interpolation between order statistics (type 7, as R and numpy default).</summary>
    private static double Quantile(double[] sorted, double q)
    {
        double h = (sorted.Length - 1) * q;
        int lo = (int)Math.Floor(h);
        return lo + 1 < sorted.Length ? sorted[lo] + (h - lo) * (sorted[lo + 1] - sorted[lo]) : sorted[lo];
    }

    private static double P(double[] sorted, double q) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1)];

    private static HttpClient Client(string baseUrl, string key, int concurrency)
    {
        var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = concurrency, UseProxy = false }) { BaseAddress = new Uri(baseUrl) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return http;
    }

    private static byte[] Body(int words, bool stream) => Encoding.UTF8.GetBytes(
        $"{{\"model\":\"prose-{words}\",\"messages\":[{{\"role\":\"user\",\"content\":\"How do I configure the upload timeout?\"}}],\"stream\":{(stream ? "true" : "false")}}}");

    private static async Task<double> One(HttpClient http, byte[] body)
    {
        long t0 = Stopwatch.GetTimestamp();
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        if (s_discard)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions") { Content = content };
            using var streamed = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
            await using var body2 = await streamed.Content.ReadAsStreamAsync();
            var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(16384);
            try { while (await body2.ReadAsync(buffer) > 0) { } }
            finally { System.Buffers.ArrayPool<byte>.Shared.Return(buffer); }
            if (!streamed.IsSuccessStatusCode) throw new InvalidOperationException($"status {(int)streamed.StatusCode}");
            return Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
        }
        using var response = await http.PostAsync("/v1/chat/completions", content);
        await response.Content.ReadAsByteArrayAsync();
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"status {(int)response.StatusCode}");
        return Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
    }

    // --read discard: the client reads each answer to its last byte into one pooled buffer and drops it, instead of
    // collecting it into a new array (the default, --read buffer, as before). A 2,000-word SSE answer is ~500 KB: as an
    // array it is a large-object allocation per request, and in this one-process bench those trigger a background gen2
    // collection about every second request, on both sides alike — the bench client's garbage, not the gateway's (a real
    // client is not in the gateway's process). Latency is measured to the same last byte either way.
    private static bool s_discard;

    private static async Task<double[]> Measure(string baseUrl, string key, int words, bool stream, int requests, int warmup, int concurrency)
    {
        using var http = Client(baseUrl, key, concurrency);
        var body = Body(words, stream);
        for (int i = 0; i < warmup; i++) await One(http, body);
        var all = new List<double>(requests);
        int next = 0;
        var tasks = Enumerable.Range(0, concurrency).Select(async _ =>
        {
            var mine = new List<double>();
            while (Interlocked.Increment(ref next) <= requests) mine.Add(await One(http, body));
            return mine;
        });
        foreach (var l in await Task.WhenAll(tasks)) all.AddRange(l);
        var a = all.ToArray();
        Array.Sort(a);
        return a;
    }

    /// <summary>Watermark off and on, alternating blocks of requests so that both see the same load on the machine.</summary>
    private static async Task<(double[] Off, double[] On)> Paired(string gateway, int words, bool stream, int requests, int warmup, int concurrency, int block)
    {
        using var plain = Client(gateway, "sk-plain", concurrency);
        using var marked = Client(gateway, "sk-marked", concurrency);
        return await Paired(plain, marked, words, stream, requests, warmup, concurrency, block);
    }

    private static async Task<(double[] Off, double[] On)> Paired(HttpClient plain, HttpClient marked, int words, bool stream, int requests, int warmup, int concurrency, int block)
    {
        var body = Body(words, stream);
        for (int i = 0; i < warmup; i++) { await One(plain, body); await One(marked, body); }
        var off = new List<double>(requests);
        var on = new List<double>(requests);
        for (int done = 0; done < requests; done += block)
        {
            int n = Math.Min(block, requests - done);
            // Which one goes first alternates too.
            bool markedFirst = (done / block) % 2 == 1;
            foreach (var (http, into) in markedFirst ? new[] { (marked, on), (plain, off) } : new[] { (plain, off), (marked, on) })
            {
                var side = into == on ? s_costOn : s_costOff;
                var before = Cost.Now();
                int next = 0;
                var tasks = Enumerable.Range(0, concurrency).Select(async _ =>
                {
                    var mine = new List<double>();
                    while (Interlocked.Increment(ref next) <= n) mine.Add(await One(http, body));
                    return mine;
                });
                foreach (var l in await Task.WhenAll(tasks)) into.AddRange(l);
                side.Add(Diff(Cost.Now(), before), n);
            }
        }
        var a = off.ToArray(); var b = on.ToArray();
        Array.Sort(a); Array.Sort(b);
        return (a, b);
    }

    // What each side's blocks cost the whole process (client, gateway and upstream share it): CPU time, bytes allocated and
    // collections, summed over the blocks of one side. A block is all of one side (with --block = concurrency, one wave),
    // so what the process did during it is that side's requests, give or take a wave's overlap at its ends and work left
    // behind (a collection triggered by the previous block's garbage). Unlike latency, CPU time per request hardly moves
    // with the other users' load.
    private static readonly Cost s_costOff = new(), s_costOn = new();

    private static (double, long, int, int, int, double) Diff((double CpuMs, long Bytes, int G0, int G1, int G2, double PauseMs) a, (double CpuMs, long Bytes, int G0, int G1, int G2, double PauseMs) b)
        => (a.CpuMs - b.CpuMs, a.Bytes - b.Bytes, a.G0 - b.G0, a.G1 - b.G1, a.G2 - b.G2, a.PauseMs - b.PauseMs);

    private sealed class Cost
    {
        public double CpuMs, AllocatedBytes, PauseMs;
        public long Gen0, Gen1, Gen2, Requests;

        public static (double CpuMs, long Bytes, int G0, int G1, int G2, double PauseMs) Now() =>
            (Process.GetCurrentProcess().TotalProcessorTime.TotalMilliseconds, GC.GetTotalAllocatedBytes(false),
             GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2), GC.GetTotalPauseDuration().TotalMilliseconds);

        public void Add((double CpuMs, long Bytes, int G0, int G1, int G2, double PauseMs) d, int n)
        {
            CpuMs += d.CpuMs; AllocatedBytes += d.Bytes; Gen0 += d.G0; Gen1 += d.G1; Gen2 += d.G2; PauseMs += d.PauseMs; Requests += n;
        }

        public void Reset() { CpuMs = AllocatedBytes = PauseMs = 0; Gen0 = Gen1 = Gen2 = Requests = 0; }

        public override string ToString() => Requests == 0 ? "-" :
            $"{CpuMs / Requests:F2} ms, {AllocatedBytes / Requests / 1024:F0} KB, gen0/1/2 {Gen0}/{Gen1}/{Gen2}, paused {PauseMs:F0} ms";
    }

    /// <summary>The assistant text a client receives (buffered: message.content; SSE: the concatenated deltas).</summary>
    private static async Task<string> AnswerText(string gateway, string key, int words, bool stream)
    {
        using var http = Client(gateway, key, 1);
        using var content = new ByteArrayContent(Body(words, stream));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await http.PostAsync("/v1/chat/completions", content);
        string s = await response.Content.ReadAsStringAsync();
        if (!stream) return JsonDocument.Parse(s).RootElement.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString() ?? "";
        var sb = new StringBuilder();
        foreach (var line in s.Split('\n'))
        {
            if (!line.StartsWith("data: {", StringComparison.Ordinal)) continue;
            var d = JsonDocument.Parse(line[6..]).RootElement.GetProperty("choices")[0].GetProperty("delta");
            if (d.TryGetProperty("content", out var c) && c.ValueKind == JsonValueKind.String) sb.Append(c.GetString());
        }
        return sb.ToString();
    }

    /// <summary>The seam as <c>distillguard serve --watermark-key</c> wires it (<see cref="WatermarkTransform"/>), or the identity.</summary>
    private sealed class PolicyWatermark(WatermarkTransform watermark, bool identity) : IResponseTextTransform
    {
        public IResponseTextTransformer? For(ResponseTextContext context) => !context.Watermark ? null : identity ? new BenchIdentityTransformer() : watermark.For(context);
    }

    private sealed class NoVerdicts : IVerdictSource
    {
        public VerdictLookup? Lookup(string account) => null;
    }

    private sealed class NullTap : IExchangeTap
    {
        public void Tap(ReadOnlyMemory<byte> exchangeLogLine) { }
    }

    /// <summary>Chat Completions answering model <c>prose-N</c> with N words of prose; SSE in deltas of about 4 characters
    /// (one token), all precomputed so the upstream costs next to nothing; optionally after a fixed model time, and with a
    /// pause between SSE events (a model's token pace).</summary>
    private sealed class ProseUpstream : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private ProseUpstream(WebApplication app) => _app = app;
        public string BaseUrl => _app.Urls.First();

        public static async Task<ProseUpstream> StartAsync(int[] sizes, int modelMs, int eventMs)
        {
            var buffered = new Dictionary<string, byte[]>();
            var streamed = new Dictionary<string, byte[][]>();
            foreach (int words in sizes)
            {
                string text = BenchProse.Of(words);
                string model = $"prose-{words}";
                buffered[model] = JsonSerializer.SerializeToUtf8Bytes(new
                {
                    id = "chatcmpl-1", @object = "chat.completion", created = 1_700_000_000, model,
                    choices = new[] { new { index = 0, message = new { role = "assistant", content = text }, finish_reason = "stop" } },
                    usage = new { prompt_tokens = 12, completion_tokens = words * 4 / 3, total_tokens = 12 + words * 4 / 3 },
                });
                var events = new List<byte[]>();
                byte[] Ev(object delta, string? finish = null) => Encoding.UTF8.GetBytes("data: " + JsonSerializer.Serialize(new
                {
                    id = "chatcmpl-1", @object = "chat.completion.chunk", created = 1_700_000_000, model,
                    choices = new[] { new { index = 0, delta, finish_reason = finish } },
                }) + "\n\n");
                events.Add(Ev(new { role = "assistant", content = "" }));
                for (int i = 0; i < text.Length; i += 4) events.Add(Ev(new { content = text.Substring(i, Math.Min(4, text.Length - i)) }));
                events.Add(Ev(new { }, "stop"));
                events.Add("data: [DONE]\n\n"u8.ToArray());
                streamed[model] = [.. events];
            }
            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.WebHost.ConfigureKestrel(k => { k.Listen(IPAddress.Loopback, 0); k.AddServerHeader = false; });
            var app = builder.Build();
            app.MapPost("/v1/chat/completions", async ctx =>
            {
                using var doc = await JsonDocument.ParseAsync(ctx.Request.Body);
                string model = doc.RootElement.GetProperty("model").GetString()!;
                bool stream = doc.RootElement.TryGetProperty("stream", out var s) && s.ValueKind == JsonValueKind.True;
                if (modelMs > 0) await Task.Delay(modelMs);
                if (!stream)
                {
                    var body = buffered[model];
                    ctx.Response.ContentType = "application/json";
                    ctx.Response.ContentLength = body.Length;
                    await ctx.Response.Body.WriteAsync(body);
                    return;
                }
                ctx.Response.ContentType = "text/event-stream";
                ctx.Response.Headers.CacheControl = "no-cache";
                foreach (var e in streamed[model])
                {
                    if (eventMs > 0) await Task.Delay(eventMs);
                    await ctx.Response.Body.WriteAsync(e);
                    await ctx.Response.Body.FlushAsync();
                }
            });
            await app.StartAsync();
            return new ProseUpstream(app);
        }

        public async ValueTask DisposeAsync()
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}
