using BenchmarkDotNet.Attributes;
using DistillGuard.Simulation.Common;

namespace DistillGuard.Benchmarks;

[MemoryDiagnoser]
public class SimRandomBenchmarks
{
    private SimRandom _rng = new(1);

    [Benchmark]
    public ulong NextUInt64() => _rng.NextUInt64();

    [Benchmark]
    public double NextLogNormal() => _rng.NextLogNormal(0, 1);
}
