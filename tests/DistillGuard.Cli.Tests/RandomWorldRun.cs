using System.Text.Json;
using DistillGuard.Cli.Commands;
using DistillGuard.Simulation.Engine;
using DistillGuard.Simulation.Scenarios;

namespace DistillGuard.Cli.Tests;

/// <summary>A randomised world simulated and analysed end to end, for regression tests on one seed.</summary>
internal static class RandomWorldRun
{
    /// <summary>Simulates random <paramref name="seed"/> under <paramref name="dir"/> and runs <c>analyze</c> on it (with the
    /// registry and allowlist, or the log alone). Returns the simulation and output folders.</summary>
    public static (string Sim, string Out) SimulateAndAnalyze(string dir, ulong seed, bool registry)
    {
        var sim = Path.Combine(dir, "sim");
        SimulationRunner.Run(new SimulationOptions { Scenario = ScenarioLoader.Load("random", seed), Seed = seed, OutDir = sim, Threads = 2 });
        var outDir = Path.Combine(dir, "out");
        int code = AnalyzeCommand.Execute(new AnalyzeCommand.Request
        {
            Logs = [Path.Combine(sim, "exchanges.jsonl.gz")],
            Accounts = registry ? Path.Combine(sim, "accounts.jsonl") : null,
            Allow = registry ? Path.Combine(sim, "allow.txt") : null,
            OutDir = outDir,
            Workers = 2,
            NoProgress = true,
        }, new StringWriter(), new StringWriter());
        Assert.Equal(0, code);
        return (sim, outDir);
    }

    /// <summary>Each account's labelled campaign (null for legitimate accounts).</summary>
    public static Dictionary<string, string?> Labels(string sim)
    {
        var campaignOf = new Dictionary<string, string?>();
        foreach (var line in File.ReadLines(Path.Combine(sim, "labels.jsonl")))
        {
            using var doc = JsonDocument.Parse(line);
            var c = doc.RootElement.GetProperty("campaign");
            campaignOf[doc.RootElement.GetProperty("account").GetString()!] = c.ValueKind == JsonValueKind.Null ? null : c.GetString();
        }
        return campaignOf;
    }
}
