using System.Text.Json;

namespace DistillGuard.Cli.Tests;

/// <summary>
/// One campaign, one operator, end to end (CampaignAssembler.OperatorParts): in random 11217 a reasoning-replay ring and a
/// chain-of-thought sweep — each on identity of its own, both harvesting reasoning, bridged by what every CoT-style request
/// shares — were published as one campaign of 1,069 accounts (weighted purity 0.866). The split by operator separates them
/// on the identity each owns and keeps each operation's batches together by the harness they run.
/// </summary>
public sealed class OperatorSplitRegressionTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("dg-operator-split-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Random11217_TheReplayRingAndTheSweep_ArePublishedApart()
    {
        var (sim, outDir) = RandomWorldRun.SimulateAndAnalyze(_dir, 11217, registry: true);
        var campaignOf = RandomWorldRun.Labels(sim);
        int ring = campaignOf.Values.Count(c => c == "replay-2"), sweep = campaignOf.Values.Count(c => c == "cot-sweep-1");
        Assert.True(ring > 500 && sweep > 100, $"the world drew {ring} ring and {sweep} sweep accounts");
        using var campaigns = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "campaigns.json")));
        int ringPublished = 0, sweepPublished = 0;
        foreach (var c in campaigns.RootElement.EnumerateArray())
        {
            var members = c.GetProperty("accounts").EnumerateArray().Select(a => campaignOf.GetValueOrDefault(a.GetString()!)).ToList();
            int r = members.Count(x => x == "replay-2"), s = members.Count(x => x == "cot-sweep-1");
            // no campaign holds a tenth of both operations
            Assert.False(r >= 0.1 * ring && s >= 0.1 * sweep, $"{c.GetProperty("id")}: {r} ring and {s} sweep accounts of {members.Count}");
            ringPublished += r;
            sweepPublished += s;
        }
        // and the split flagged no fewer of either (a split never changes a verdict)
        Assert.True(ringPublished >= 0.9 * ring, $"{ringPublished} of {ring} ring accounts published");
        Assert.True(sweepPublished >= 0.8 * sweep, $"{sweepPublished} of {sweep} sweep accounts published");
    }

    /// <summary>Random 11414 (held out when first read): a tool-use operation of 160 accounts and a station of 124, each on
    /// identity of its own, both running an agent platform's prompt, were published as one campaign with 15 accounts the
    /// campaign held but did not flag (platform users, researchers). The split found the two operations and a third part of
    /// those 15, which cannot stand as a campaign, so the whole stayed one (purity 0.842). Unflagged parts now join the
    /// largest part.</summary>
    [Fact]
    public void Random11414_TheToolUseOperationAndTheStation_ArePublishedApart()
    {
        var (sim, outDir) = RandomWorldRun.SimulateAndAnalyze(_dir, 11414, registry: true);
        var campaignOf = RandomWorldRun.Labels(sim);
        int tool = campaignOf.Values.Count(c => c == "tooluse-1"), station = campaignOf.Values.Count(c => c == "station-1");
        Assert.True(tool > 100 && station > 100, $"the world drew {tool} tool-use and {station} station accounts");
        using var campaigns = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "campaigns.json")));
        int toolPublished = 0, stationPublished = 0;
        foreach (var c in campaigns.RootElement.EnumerateArray())
        {
            var members = c.GetProperty("accounts").EnumerateArray().Select(a => campaignOf.GetValueOrDefault(a.GetString()!)).ToList();
            int t = members.Count(x => x == "tooluse-1"), s = members.Count(x => x == "station-1");
            Assert.False(t >= 0.1 * tool && s >= 0.1 * station, $"{c.GetProperty("id")}: {t} tool-use and {s} station accounts of {members.Count}");
            toolPublished += t;
            stationPublished += s;
        }
        Assert.True(toolPublished >= 0.9 * tool, $"{toolPublished} of {tool} tool-use accounts published");
        Assert.True(stationPublished >= 0.75 * station, $"{stationPublished} of {station} station accounts published");
    }
}
