using System.IO.Compression;
using DistillGuard.Simulation.Engine;
using DistillGuard.Simulation.Scenarios;

namespace DistillGuard.Simulation.Tests;

public sealed class DeterminismTests
{
    private static readonly string[] Files = ["exchanges.jsonl.gz", "accounts.jsonl", "labels.jsonl", "scenario.json", "allow.txt"];

    private static string RunTo(ulong seed, int threads)
    {
        string dir = Path.Combine(Path.GetTempPath(), "dg-sim-det", Guid.NewGuid().ToString("N"));
        SimulationRunner.Run(new SimulationOptions { Scenario = ScenarioLoader.Load("tiny"), Seed = seed, OutDir = dir, Threads = threads });
        return dir;
    }

    [Fact]
    public void Run_SameSeedDifferentThreadCounts_GivesIdenticalBytes()
    {
        string a = RunTo(11, 1), b = RunTo(11, 4);
        try
        {
            foreach (var f in Files) Assert.Equal(File.ReadAllBytes(Path.Combine(a, f)), File.ReadAllBytes(Path.Combine(b, f)));
        }
        finally { Directory.Delete(a, true); Directory.Delete(b, true); }
    }

    [Fact]
    public void Run_DifferentSeed_GivesDifferentBytes()
    {
        string a = RunTo(11, 2), b = RunTo(12, 2);
        try
        {
            Assert.NotEqual(File.ReadAllBytes(Path.Combine(a, "exchanges.jsonl.gz")), File.ReadAllBytes(Path.Combine(b, "exchanges.jsonl.gz")));
            Assert.NotEqual(File.ReadAllBytes(Path.Combine(a, "accounts.jsonl")), File.ReadAllBytes(Path.Combine(b, "accounts.jsonl")));
        }
        finally { Directory.Delete(a, true); Directory.Delete(b, true); }
    }

    [Fact]
    public void Exchanges_AreConcatenatedGzipMembers_ThatGZipStreamReadsWhole()
    {
        string a = RunTo(5, 2);
        try
        {
            byte[] bytes = File.ReadAllBytes(Path.Combine(a, "exchanges.jsonl.gz"));
            int members = 0;
            for (int i = 0; i + 3 < bytes.Length; i++)
                if (bytes[i] == 0x1f && bytes[i + 1] == 0x8b && bytes[i + 2] == 8 && bytes[i + 3] == 0) members++;
            long lines;
            using (var z = new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress))
            using (var r = new StreamReader(z))
            {
                lines = 0;
                while (r.ReadLine() is not null) lines++;
            }
            Assert.True(members >= lines / SimulationRunner.ChunkSize, $"expected one member per {SimulationRunner.ChunkSize} lines, saw {members} for {lines}");
            Assert.True(members > 1);
            var summary = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(a, "scenario.json")))!;
            Assert.Equal((long)summary["counts"]!["exchanges"]!, lines);
        }
        finally { Directory.Delete(a, true); }
    }
}
