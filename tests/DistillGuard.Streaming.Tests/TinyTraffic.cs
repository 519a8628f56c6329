using System.IO.Compression;
using System.Text;
using DistillGuard.Simulation.Engine;
using DistillGuard.Simulation.Scenarios;

namespace DistillGuard.Streaming.Tests;

/// <summary>The built-in <c>tiny</c> scenario, simulated once per test class that asks for it.</summary>
public sealed class TinyTraffic : IDisposable
{
    public TinyTraffic()
    {
        Dir = Directory.CreateTempSubdirectory("dg-stream-tiny-").FullName;
        SimulationRunner.Run(new SimulationOptions { Scenario = ScenarioLoader.Load("tiny"), Seed = 11, OutDir = Dir, Threads = 2 });
        using var gz = new GZipStream(File.OpenRead(Log), CompressionMode.Decompress);
        using var reader = new StreamReader(gz, Encoding.UTF8);
        var lines = new List<string>();
        while (reader.ReadLine() is { } line) lines.Add(line);
        Lines = lines;
        Labels = File.ReadLines(Path.Combine(Dir, "labels.jsonl"))
            .Select(l => System.Text.Json.JsonDocument.Parse(l).RootElement)
            .ToDictionary(e => e.GetProperty("account").GetString()!, e => e.GetProperty("campaign").ValueKind == System.Text.Json.JsonValueKind.String ? e.GetProperty("campaign").GetString() : null);
    }

    public string Dir { get; }
    public string Log => Path.Combine(Dir, "exchanges.jsonl.gz");
    public string Accounts => Path.Combine(Dir, "accounts.jsonl");
    public string Allow => Path.Combine(Dir, "allow.txt");
    public string LabelsFile => Path.Combine(Dir, "labels.jsonl");
    public IReadOnlyList<string> Lines { get; }
    public IReadOnlyDictionary<string, string?> Labels { get; }

    public static byte[] Body(IEnumerable<string> lines) => Encoding.UTF8.GetBytes(string.Join("\n", lines) + "\n");

    public void Dispose() => Directory.Delete(Dir, recursive: true);
}

/// <summary>A fresh state directory per test.</summary>
public sealed class TempDir : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("dg-stream-state-").FullName;
    public void Dispose() { try { Directory.Delete(Path, recursive: true); } catch (IOException) { } }
}
