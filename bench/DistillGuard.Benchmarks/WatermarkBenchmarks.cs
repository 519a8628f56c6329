using System.Text;
using BenchmarkDotNet.Attributes;
using DistillGuard.Provenance.Canaries;
using DistillGuard.Provenance.Detection;
using DistillGuard.Provenance.Watermarking;

namespace DistillGuard.Benchmarks;

/// <summary>
/// The gateway's cost of the keyed output watermark per response size: the whole-response transform, the streamed
/// transform fed SSE-sized deltas, and a canary insertion. Responses are assistant prose with a code block and JSON, the
/// shape the gateway sees. Run: dotnet run -c Release --project bench/DistillGuard.Benchmarks -- --filter '*Watermark*'
/// </summary>
[MemoryDiagnoser]
public class WatermarkBenchmarks
{
    private const string Prose =
        "Sure, I can help you with that. I don't have access to your account, but I'll walk you through it. " +
        "First, make sure that you're signed in. Additionally, it's important to check the settings before you begin. " +
        "If you have any other questions, feel free to ask. For example, you can't change the plan while a payment is pending. " +
        "However, you may need to wait a few minutes. Unfortunately, I cannot confirm the refund myself, and the total is $42.50. " +
        "I think it is a good idea to keep a copy of the receipt. Please note that the reservation cannot be modified after departure.\n\n";

    private const string Code = "```python\ndef total(items):\n    return sum(i.price for i in items)  # do not use floats\n```\n\n" +
                                "{\"status\": \"ok\", \"note\": \"do not retry\", \"items\": [1, 2, 3]}\n\n";

    [Params(100, 500, 2000)]
    public int Words { get; set; }

    private string _text = "";
    private Watermarker _wm = null!;
    private CanaryIssuer _canary = null!;

    [GlobalSetup]
    public void Setup()
    {
        var sb = new StringBuilder();
        int n = 0;
        while (n < Words)
        {
            sb.Append(Prose);
            n += Prose.Split(' ').Length;
            if (n < Words && sb.Length % 3 == 0) { sb.Append(Code); n += 20; }
        }
        _text = sb.ToString();
        _wm = new Watermarker(WatermarkKey.FromSeed("bench"));
        _canary = new CanaryIssuer(WatermarkKey.FromSeed("bench"), new MemoryCanaryRegistry());
    }

    /// <summary>What the gateway does anyway: copy the response text.</summary>
    [Benchmark(Baseline = true)]
    public string Copy() => new(_text.AsSpan());

    [Benchmark]
    public string Apply() => _wm.Apply(_text);

    /// <summary>Streamed as SSE text deltas of about 16 characters.</summary>
    [Benchmark]
    public int Stream()
    {
        var s = _wm.Begin();
        int total = 0;
        for (int i = 0; i < _text.Length; i += 16) total += s.Write(_text.AsSpan(i, Math.Min(16, _text.Length - i))).Length;
        return total + s.Flush().Length;
    }

    [Benchmark]
    public string InsertCanary() => _canary.Insert(_text, "acct-1", null, "ex-1");

    /// <summary>The provenance test's collection step on the same text (per response; a test reads thousands).</summary>
    [Benchmark]
    public int CollectUnits() => SuspectUnits.Collect([_text]).Units.Count;
}
