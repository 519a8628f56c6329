using System.IO.Compression;
using System.Text;
using BenchmarkDotNet.Attributes;
using DistillGuard.Core.Model;
using DistillGuard.Core.Parsing;

namespace DistillGuard.Benchmarks;

/// <summary>
/// The per-line path of the reader: envelope + body parse, signals, fingerprints (256 lines of one API). Lines come from
/// <c>DG_BENCH_LOG</c> when set (e.g. the simulator's <c>exchanges.jsonl.gz</c>, the realistic workload: ~4 KB lines with
/// long responses and reasoning), else from a generated mixed log.
/// </summary>
[MemoryDiagnoser]
public class ReaderBenchmarks
{
    private byte[][] _lines = [];
    private readonly ExchangeLineParser _parser = new();
    private readonly ExchangeFeatures _features = new();

    [Params(0, 1, 2)]
    public int Api { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var path = Environment.GetEnvironmentVariable("DG_BENCH_LOG") is { Length: > 0 } log ? log : Path.Combine(Path.GetTempPath(), "dg-reader-bench.jsonl.gz");
        if (!File.Exists(path)) ReaderWorkload.Write(path, 3000, seed: 7);
        var want = Api switch { 0 => "\"api\":\"openai.chat.completions\"", 1 => "\"api\":\"openai.responses\"", _ => "\"api\":\"anthropic.messages\"" };
        using var r = new StreamReader(path.EndsWith(".gz", StringComparison.Ordinal) ? new GZipStream(File.OpenRead(path), CompressionMode.Decompress) : File.OpenRead(path));
        var list = new List<byte[]>();
        while (r.ReadLine() is { } l && list.Count < 256) if (l.Contains(want)) list.Add(Encoding.UTF8.GetBytes(l));
        _lines = list.ToArray();
    }

    /// <summary>Parses 256 lines of one API (divide by 256 for one line).</summary>
    [Benchmark(OperationsPerInvoke = 256)]
    public int ParseLine()
    {
        int ok = 0;
        foreach (var l in _lines) if (_parser.Parse(l, _features) is null) ok++;
        return ok;
    }

    /// <summary>Tokenizing the same lines with Utf8JsonReader and nothing else (the floor's per-line work).</summary>
    [Benchmark(OperationsPerInvoke = 256, Baseline = true)]
    public long TokenizeOnly()
    {
        long n = 0;
        foreach (var l in _lines) { var jr = new System.Text.Json.Utf8JsonReader(l); while (jr.Read()) n++; }
        return n;
    }
}
