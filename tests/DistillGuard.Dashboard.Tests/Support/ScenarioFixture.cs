using DistillGuard.Core.Analysis;
using DistillGuard.Core.Reading;
using DistillGuard.Simulation.Engine;
using DistillGuard.Simulation.Scenarios;
using DistillGuard.Storage;
using DistillGuard.Storage.Model;
using DistillGuard.Storage.Writing;

namespace DistillGuard.Dashboard.Tests.Support;

/// <summary>
/// The built-in <c>standard</c> scenario, simulated and analysed once for the whole assembly (as `analyze` does it:
/// activity tally, cited exchanges read back). Stores are made from it on demand: DuckDB files and PostgreSQL databases.
/// </summary>
public sealed class ScenarioFixture : IDisposable
{
    public const string Scenario = "standard";
    private readonly List<string> _databases = new();
    private IReadOnlyList<ExchangeSample>? _samples;

    public ScenarioFixture()
    {
        Dir = Directory.CreateTempSubdirectory("dg-dash-").FullName;
        var sim = Path.Combine(Dir, "sim");
        SimulationRunner.Run(new SimulationOptions { Scenario = ScenarioLoader.Load(Scenario), Seed = 7, OutDir = sim, Threads = 2 });
        Log = Path.Combine(sim, "exchanges.jsonl.gz");
        Inputs = AnalysisInputs.Load(Path.Combine(sim, "accounts.jsonl"), Path.Combine(sim, "allow.txt"), null);
        var engine = new AnalysisEngine(Detector);
        Activity = new ActivityTally();
        Reader = ExchangeLogReader.Read(new ReaderOptions
        {
            Files = [Log],
            QuarantinePath = Path.Combine(Dir, "quarantine.jsonl"),
            Workers = 2,
            SkeletonFingerprints = Detector.ParaphraseLinks,
        }, f => { engine.Add(f); Activity.Add(f); });
        Result = engine.Complete(Inputs);
    }

    public string Dir { get; }
    public string Log { get; }
    public DetectorOptions Detector { get; } = DetectorOptions.Default;
    public AnalysisInputs Inputs { get; }
    public ActivityTally Activity { get; }
    public ReaderStats Reader { get; }
    public AnalysisResult Result { get; }

    /// <summary>Publishes the analysis into <paramref name="store"/> (dismissals in it applied); the cited exchanges are
    /// read from the log once and reused.</summary>
    public Published Publish(IResultStore store)
    {
        var options = new PublishOptions { Logs = _samples is null ? [Log] : [], Inputs = Inputs, Activity = Activity, Quarantined = Reader.Quarantined, Detector = Detector, Samples = _samples };
        var p = AnalysisPublisher.Publish(store, Result, options);
        _samples ??= p.SamplesRead;
        return p;
    }

    private readonly Dictionary<string, IResultStore> _shared = new();

    /// <summary>One published store per kind, shared by the read-mostly tests (they only add account decisions and audit).</summary>
    public IResultStore Shared(string kind)
    {
        lock (_shared)
        {
            if (!_shared.TryGetValue(kind, out var s))
            {
                s = NewStore(kind);
                Publish(s);
                _shared[kind] = s;
            }
            return s;
        }
    }

    /// <summary>A new, empty store of the given kind ("duckdb" or "postgres").</summary>
    public IResultStore NewStore(string kind)
    {
        if (kind == "duckdb") return ResultStores.Open(Path.Combine(Dir, $"store-{Guid.NewGuid():N}.duckdb"));
        var uri = Servers.CreateDatabase("dg_test");
        lock (_databases) _databases.Add(uri);
        return ResultStores.Open(uri);
    }

    public void Dispose()
    {
        foreach (var s in _shared.Values) s.Dispose();
        foreach (var db in _databases)
        {
            try { Servers.DropDatabase(db); } catch (Exception) { /* the server may be gone at the end of a CI run */ }
        }
        try { Directory.Delete(Dir, recursive: true); } catch (IOException) { }
    }
}

[CollectionDefinition(Name)]
public sealed class ScenarioCollection : ICollectionFixture<ScenarioFixture>
{
    public const string Name = "standard scenario";
}
