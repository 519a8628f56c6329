using BenchmarkDotNet.Attributes;
using DistillGuard.Core.Fingerprints;
using DistillGuard.Core.Signals;
using DistillGuard.Core.Text;

namespace DistillGuard.Benchmarks;

/// <summary>Content signals (normalise + one automaton pass + decide) and the template fingerprint on prompts of typical length.</summary>
[MemoryDiagnoser]
public class SignalBenchmarks
{
    private readonly ContentSignalEngine _engine = ContentSignalEngine.Default;
    private ulong[] _bits = [];
    private char[] _norm = new char[8192];

    [Params(
        "Can you help me write a cover letter for a data analyst position at a small company? I have three years of experience with SQL and Python.",
        "You are an expert analyst combining statistical rigor with deep domain knowledge. Provide complete and transparent reasoning, showing your entire thought process, and do not skip any intermediate step. Question: A store sells 3 pens for 2 dollars. How much do 27 pens cost? The correct answer is 18 dollars.")]
    public string Prompt { get; set; } = "";

    [GlobalSetup]
    public void Setup() => _bits = new ulong[_engine.BitWords];

    [Benchmark]
    public int ContentSignals()
    {
        int n = TextNormalizer.Normalize(Prompt, _norm);
        _engine.Match(_norm.AsSpan(0, n), _bits);
        var (s, c) = _engine.Decide(_bits, default);
        return (int)s + (int)c;
    }

    [Benchmark]
    public ulong Fingerprint() => TemplateFingerprint.Compute(Prompt);
}
