using System.IO.Compression;
using System.Text.Json.Nodes;
using DistillGuard.Simulation.Engine;
using DistillGuard.Simulation.Network;
using DistillGuard.Simulation.Scenarios;
using DistillGuard.Simulation.World;

namespace DistillGuard.Simulation.Tests.Support;

/// <summary>A finished simulation run in a temp directory, parsed for assertions.</summary>
public sealed class SimRun : IDisposable
{
    public SimRun(ScenarioSpec spec, ulong seed = 7, bool debugIntent = true, int threads = 2)
    {
        Spec = spec;
        Seed = seed;
        Dir = Path.Combine(Path.GetTempPath(), "dg-sim-tests", Guid.NewGuid().ToString("N"));
        Summary = SimulationRunner.Run(new SimulationOptions { Scenario = spec, Seed = seed, OutDir = Dir, DebugIntent = debugIntent, Threads = threads });
        Exchanges = ReadLines(Path.Combine(Dir, "exchanges.jsonl.gz")).Select(l => JsonNode.Parse(l)!.AsObject()).ToList();
        Accounts = File.ReadAllLines(Path.Combine(Dir, "accounts.jsonl")).Select(l => JsonNode.Parse(l)!.AsObject()).ToDictionary(a => (string)a["account"]!);
        Labels = File.ReadAllLines(Path.Combine(Dir, "labels.jsonl")).Select(l => JsonNode.Parse(l)!.AsObject()).ToDictionary(a => (string)a["account"]!);
        World = WorldBuilder.Build(spec, seed, IpSpace.BuiltIn());
        Plans = World.Plans.ToDictionary(p => p.AccountId);
    }

    public ScenarioSpec Spec { get; }
    public ulong Seed { get; }
    public string Dir { get; }
    public SimulationSummary Summary { get; }
    public List<JsonObject> Exchanges { get; }
    public Dictionary<string, JsonObject> Accounts { get; }
    public Dictionary<string, JsonObject> Labels { get; }
    internal SimWorld World { get; }
    internal Dictionary<string, ActorPlan> Plans { get; }

    public static IEnumerable<string> ReadLines(string gz)
    {
        using var fs = File.OpenRead(gz);
        using var z = new GZipStream(fs, CompressionMode.Decompress);
        using var r = new StreamReader(z);
        string? line;
        while ((line = r.ReadLine()) is not null) yield return line;
    }

    /// <summary>Ground truth for any registry account (labels.jsonl holds only the accounts that sent traffic).</summary>
    public string? Campaign(string account) => Plans[account].Campaign;
    public string Persona(string account) => Plans[account].Persona;

    public IEnumerable<JsonObject> Of(Func<string, bool> accountFilter) => Exchanges.Where(e => accountFilter((string)e["account"]!));
    public IEnumerable<JsonObject> OfCampaign(string c) => Of(a => Campaign(a) == c);
    public IEnumerable<JsonObject> OfPersona(string p) => Of(a => Campaign(a) is null && Persona(a) == p);

    public static long TsMs(JsonObject e) => DateTimeOffset.Parse((string)e["ts"]!).ToUnixTimeMilliseconds();

    public void Dispose()
    {
        try { Directory.Delete(Dir, recursive: true); } catch (IOException) { }
    }
}

/// <summary>The tiny built-in scenario, run once for a test class.</summary>
public sealed class TinyRunFixture : IDisposable
{
    public SimRun Run { get; } = new(ScenarioLoader.Load("tiny"));
    public void Dispose() => Run.Dispose();
}
