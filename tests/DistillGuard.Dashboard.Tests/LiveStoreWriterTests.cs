using System.IO.Compression;
using System.Text;
using DistillGuard.Core.Analysis;
using DistillGuard.Dashboard.Live;
using DistillGuard.Simulation.Engine;
using DistillGuard.Simulation.Scenarios;
using DistillGuard.Storage;
using DistillGuard.Storage.Model;
using DistillGuard.Streaming;

namespace DistillGuard.Dashboard.Tests;

/// <summary>With the streaming detector in the same `serve`, the dashboard's store follows its live verdicts.</summary>
public sealed class LiveStoreWriterTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("dg-live-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task LiveWriter_WritesTheDetectorsVerdictsAndCampaigns_AndAppliesDismissals()
    {
        var sim = Path.Combine(_dir, "sim");
        SimulationRunner.Run(new SimulationOptions { Scenario = ScenarioLoader.Load("tiny"), Seed = 11, OutDir = sim, Threads = 2 });
        var lines = new List<string>();
        using (var reader = new StreamReader(new GZipStream(File.OpenRead(Path.Combine(sim, "exchanges.jsonl.gz")), CompressionMode.Decompress), Encoding.UTF8))
            while (reader.ReadLine() is { } l) lines.Add(l);
        var inputs = AnalysisInputs.Load(Path.Combine(sim, "accounts.jsonl"), Path.Combine(sim, "allow.txt"), null);
        await using var detector = new StreamingDetector(new StreamingOptions { StateDir = Path.Combine(_dir, "state"), Inputs = inputs });
        detector.Start();
        using var store = ResultStores.Open(Path.Combine(_dir, "live.duckdb"));
        await using var writer = new LiveStoreWriter(detector, store, TimeSpan.FromHours(1));

        detector.Ingest(Encoding.UTF8.GetBytes(string.Join("\n", lines) + "\n"), "test");
        await detector.FlushAsync();
        Assert.True(writer.WriteIfChanged());
        Assert.False(writer.WriteIfChanged());   // nothing new

        var live = detector.Live;
        var summary = store.Summary();
        Assert.Equal("serve", summary.Run!.Source);
        Assert.Equal(live.Campaigns.Count, summary.Campaigns);
        Assert.True(summary.Campaigns > 0);
        Assert.Equal(live.Verdicts.Count, summary.Accounts);
        var c = live.Campaigns[0];
        Assert.Equal(c.Accounts.Count, store.Campaign(c.Id)!.MemberTotal);

        // A dismissal taken on the dashboard holds at the next live write.
        store.Decide(new DecisionRequest("alice", "analyst", "dismiss", "campaign", c.Id, "known evaluation partner", null));
        detector.Ingest(Encoding.UTF8.GetBytes(lines[^1].Replace("\"id\":\"", "\"id\":\"again-") + "\n"), "test");
        await detector.FlushAsync();
        Assert.True(writer.WriteIfChanged());
        Assert.Equal(live.Campaigns.Count - 1, store.Summary().Campaigns);
        Assert.Equal(c.Id, store.Campaigns(new CampaignQuery { Status = "suppressed" }).Items.Single().Id);
    }
}
