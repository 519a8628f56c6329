using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using DistillGuard.Gateway.Proxy;
using DistillGuard.Gateway.Seams;
using DistillGuard.Gateway.Streaming;
using DistillGuard.Provenance.Watermarking;
using DistillGuard.Bench;

namespace DistillGuard.Benchmarks;

/// <summary>
/// The streamed watermark as the gateway drives it: an answer of N words of the gateway latency bench's prose
/// (bench/DistillGuard.GatewayBench/WatermarkLatency.cs) fed in 4-character deltas (one token, as an SSE stream sends
/// it), against the whole-text transform; and the gateway's SSE path per event (parse, rewrite, reassemble for the tap,
/// write) with no transform, a do-nothing transform and the watermark.
/// Run: dotnet run -c Release --project bench/DistillGuard.Benchmarks -- --filter '*WatermarkStream*'
/// </summary>
[MemoryDiagnoser]
public class WatermarkStreamBenchmarks
{
    [Params(500, 2000)]
    public int Words { get; set; }

    private string _text = "";
    private string[] _deltas = [];
    private byte[] _sse = [];
    private Watermarker _wm = null!;
    private IResponseTextTransformer _watermark = null!, _identity = null!;

    [GlobalSetup]
    public void Setup()
    {
        _text = BenchProse.Of(Words);
        _deltas = Enumerable.Range(0, (_text.Length + 3) / 4).Select(i => _text.Substring(4 * i, Math.Min(4, _text.Length - 4 * i))).ToArray();
        _wm = new Watermarker(WatermarkKey.FromSeed("gateway-bench"));
        _watermark = BenchWatermark.Transformer(_wm);
        _identity = new BenchIdentityTransformer();
        var sb = new StringBuilder();
        void Ev(object delta, string? finish = null) => sb.Append("data: ").Append(JsonSerializer.Serialize(new
        {
            id = "chatcmpl-1", @object = "chat.completion.chunk", created = 1_700_000_000, model = "prose",
            choices = new[] { new { index = 0, delta, finish_reason = finish } },
        })).Append("\n\n");
        Ev(new { role = "assistant", content = "" });
        foreach (var d in _deltas) Ev(new { content = d });
        Ev(new { }, "stop");
        sb.Append("data: [DONE]\n\n");
        _sse = Encoding.UTF8.GetBytes(sb.ToString());
    }

    [Benchmark(Baseline = true)]
    public string Apply() => _wm.Apply(_text);

    /// <summary>The same text through <see cref="WatermarkStream.Write"/> in 4-character deltas (strings, as the seam passes them).</summary>
    [Benchmark]
    public int Stream4()
    {
        var s = _wm.Begin();
        int total = 0;
        foreach (var d in _deltas) total += s.Write(d).Length;
        return total + s.Flush().Length;
    }

    public int DeltaCount => _deltas.Length;

    /// <summary>How many deltas <see cref="WatermarkStream.Write(string)"/> returns unchanged (the same string).</summary>
    public int UnchangedDeltas()
    {
        var s = _wm.Begin();
        int same = 0;
        foreach (var d in _deltas) if (ReferenceEquals(d, s.Write(d))) same++;
        s.Flush();
        return same;
    }

    /// <summary>The gateway's SSE path with nothing to rewrite: parse, reassemble for the tap, pass the bytes.</summary>
    [Benchmark]
    public long SsePass() => Sse(null);

    /// <summary>The SSE rewrite path with a transform that changes nothing (the seam's own cost).</summary>
    [Benchmark]
    public long SseIdentity() => Sse(_identity);

    /// <summary>The SSE rewrite path with the watermark.</summary>
    [Benchmark]
    public long SseWatermark() => Sse(_watermark);

    /// <summary>What <c>ResponseInterceptor</c> does with a burst of events (in 16 KB reads, as the proxy copies them).</summary>
    private long Sse(IResponseTextTransformer? text)
    {
        var parser = new SseParser();
        var acc = StreamAccumulator.For(ApiKind.ChatCompletions, null);
        var rewriter = text is null ? null : StreamRewriter.For(ApiKind.ChatCompletions, null, text);
        var hold = new HoldBuffer(false);
        var events = new List<SseEvent>();
        var rewritten = new List<SseEvent>();
        var ready = new List<SseEvent>();
        using var w = new PooledBufferWriter();                         // as ResponseInterceptor: rented, returned at the end
        long written = 0;
        for (int off = 0; off < _sse.Length; off += 16384)
        {
            events.Clear();
            parser.Feed(_sse.AsSpan(off, Math.Min(16384, _sse.Length - off)), events);
            if (rewriter is null)
            {
                foreach (var e in events) acc.Observe(e);
                written += Math.Min(16384, _sse.Length - off);
                continue;
            }
            rewritten.Clear();
            ready.Clear();
            foreach (var e in events) rewriter.OnEvent(e, rewritten);
            foreach (var e in rewritten) hold.Route(e, ready);
            w.ResetWrittenCount();
            foreach (var e in ready) { acc.Observe(e); e.WriteTo(w); }
            written += w.WrittenCount;
        }
        if (rewriter is not null)
        {
            rewritten.Clear();
            ready.Clear();
            rewriter.OnEnd(rewritten);
            foreach (var e in rewritten) hold.Route(e, ready);
            w.ResetWrittenCount();
            foreach (var e in ready) { acc.Observe(e); e.WriteTo(w); }
            written += w.WrittenCount;
        }
        return written + (acc.Build() is null ? 0 : 1);
    }

}

/// <summary>A loop to attach a profiler to: <c>… -- sse-profile pass|identity|watermark|stream|apply|share WORDS SECONDS|COUNTx</c>
/// (e.g. under <c>dotnet-trace collect -- dotnet DistillGuard.Benchmarks.dll sse-profile watermark 2000 20</c>); prints µs per answer.</summary>
internal static class SseProfile
{
    [System.Runtime.CompilerServices.ModuleInitializer]
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Usage", "CA2255", Justification = "command dispatch before the BenchmarkDotNet switcher")]
    internal static void Dispatch()
    {
        var args = Environment.GetCommandLineArgs().Skip(1).ToArray();
        if (args.Length < 2 || args[0] != "sse-profile") return;
        var b = new WatermarkStreamBenchmarks { Words = args.Length > 2 ? int.Parse(args[2]) : 2000 };
        b.Setup();
        Func<long> run = args[1] switch
        {
            "pass" => b.SsePass,
            "identity" => b.SseIdentity,
            "watermark" => b.SseWatermark,
            "stream" => () => b.Stream4(),
            "apply" => () => b.Apply().Length,
            "share" => () => { Console.WriteLine($"{b.Words} words: {b.UnchangedDeltas()} of {b.DeltaCount} 4-character deltas come back as they went in"); Environment.Exit(0); return 0; },
            _ => throw new ArgumentException(args[1]),
        };
        // SECONDS, or COUNT followed by "x" (a fixed number of answers: under `perf stat -e instructions:u`, the difference
        // between two counts gives the instructions per answer, which other users' load does not change).
        string len = args.Length > 3 ? args[3] : "10";
        bool count = len.EndsWith('x');
        double seconds = double.Parse(count ? len[..^1] : len, System.Globalization.CultureInfo.InvariantCulture);
        for (int i = 0; i < 50; i++) run();
        var sw = System.Diagnostics.Stopwatch.StartNew();
        var cpu0 = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;
        int n = 0;
        while (count ? n < seconds : sw.Elapsed.TotalSeconds < seconds) { run(); n++; }
        var cpu = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime - cpu0;
        Console.WriteLine($"{args[1]} {b.Words} words: {sw.Elapsed.TotalMilliseconds * 1000 / n:F1} µs wall, {cpu.TotalMilliseconds * 1000 / n:F1} µs CPU per answer ({n} answers)");
        Environment.Exit(0);
    }
}
