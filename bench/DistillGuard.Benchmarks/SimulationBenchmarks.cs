using System.Buffers;
using BenchmarkDotNet.Attributes;
using DistillGuard.Simulation.Content;
using DistillGuard.Simulation.Engine;
using DistillGuard.Simulation.Network;
using DistillGuard.Simulation.Scenarios;
using DistillGuard.Simulation.World;

namespace DistillGuard.Benchmarks;

/// <summary>
/// The per-exchange generation path of the simulator: deciding an exchange (merge + actor) and writing its
/// JSON line (record envelope + placeholder/real content renderer). Operations are per exchange.
/// </summary>
[MemoryDiagnoser]
public class SimulationBenchmarks
{
    private const int Batch = 4096;
    private SimWorld _world = null!;
    private PriorityQueue<Actor, (long, int)> _queue = null!;
    private ExchangeDraft[] _drafts = null!;
    private ExchangeLineWriter _writer = null!;
    private ArrayBufferWriter<byte> _buffer = null!;
    private long _seq;

    [GlobalSetup]
    public void Setup()
    {
        var spec = ScenarioLoader.Load("standard");
        _world = WorldBuilder.Build(spec, 1, IpSpace.BuiltIn());
        Reset();
        _drafts = Enumerable.Range(0, Batch).Select(_ => new ExchangeDraft()).ToArray();
        _buffer = new ArrayBufferWriter<byte>(1 << 22);
        _writer = new ExchangeLineWriter(new TemplateContentRenderer(ContentLibrary.BuiltIn()), _buffer);
        Decide();
    }

    private void Reset()
    {
        _queue = new PriorityQueue<Actor, (long, int)>();
        foreach (var p in _world.Plans)
        {
            var a = new Actor(p, _world);
            if (a.MoveNext()) _queue.Enqueue(a, (a.NextTs, p.Index));
        }
    }

    /// <summary>Decide the next <see cref="Batch"/> exchanges (the serial part of the pipeline).</summary>
    [Benchmark(OperationsPerInvoke = Batch)]
    public long Decide()
    {
        for (int i = 0; i < Batch; i++)
        {
            if (_queue.Count == 0) Reset();
            var actor = _queue.Dequeue();
            actor.Fill(_drafts[i], ++_seq);
            if (actor.MoveNext()) _queue.Enqueue(actor, (actor.NextTs, actor.Plan.Index));
        }
        return _seq;
    }

    /// <summary>Compress <see cref="Batch"/> written lines as gzip members of <see cref="SimulationRunner.ChunkSize"/> lines (as the runner does).</summary>
    [Benchmark(OperationsPerInvoke = Batch)]
    public long CompressLines()
    {
        if (_buffer.WrittenCount == 0) WriteLines();
        _packed.SetLength(0);
        var raw = _buffer.WrittenSpan;
        int step = raw.Length / (Batch / SimulationRunner.ChunkSize);
        for (int off = 0; off < raw.Length; off += step)
        {
            using var gz = new System.IO.Compression.GZipStream(_packed, System.IO.Compression.CompressionLevel.Fastest, leaveOpen: true);
            gz.Write(raw.Slice(off, Math.Min(step, raw.Length - off)));
        }
        return _packed.Length;
    }

    private readonly MemoryStream _packed = new(1 << 22);

    /// <summary>Write <see cref="Batch"/> decided exchanges as JSON lines (the parallel part, per worker).</summary>
    [Benchmark(OperationsPerInvoke = Batch)]
    public int WriteLines()
    {
        _buffer.ResetWrittenCount();
        for (int i = 0; i < Batch; i++) _writer.Write(_drafts[i]);
        return _buffer.WrittenCount;
    }
}
