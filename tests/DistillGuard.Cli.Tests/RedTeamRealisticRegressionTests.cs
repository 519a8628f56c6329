using System.Text.Json;

namespace DistillGuard.Cli.Tests;

/// <summary>
/// One campaign, one operator, on the blind red team's realistic mix (a development log since session 26): a tool-use
/// harvest on burst sign-ups and a relay station harvesting chain-of-thought, each paying, signing up and exiting on
/// its own, both run the same coding agent's system prompt and tool sets. Until session 37 the split by operator
/// (CampaignAssembler.OperatorParts) read one variant of that prompt, held by one account of the harvest and three of
/// the station, as identity, and merged the two back through the agent's prompt and a common parameter vector: they
/// were published as one campaign of 100 in three of four seeds (purity 0.906–0.908). A system prompt is now harness,
/// and parts are merged back only when they harvest alike by what they ask.
/// </summary>
public sealed class RedTeamRealisticRegressionTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("dg-redteam-realistic-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Realistic3_TheToolUseHarvestAndTheRelayStation_ArePublishedApart()
    {
        var (log, outDir) = RandomWorldRun.RedTeamAndAnalyze(_dir, "realistic", 3);

        var campaignOf = RandomWorldRun.Labels(log);
        int harvest = campaignOf.Values.Count(c => c == "tool-harvest"), station = campaignOf.Values.Count(c => c == "relay-station");
        Assert.True(harvest >= 30 && station >= 20, $"the mix drew {harvest} tool-harvest and {station} relay-station accounts");
        using var campaigns = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "campaigns.json")));
        int ph = 0, ps = 0;
        foreach (var c in campaigns.RootElement.EnumerateArray())
        {
            var members = c.GetProperty("accounts").EnumerateArray().Select(x => campaignOf.GetValueOrDefault(x.GetString()!)).ToList();
            int h = members.Count(x => x == "tool-harvest"), s = members.Count(x => x == "relay-station");
            Assert.False(h > 0 && s > 0, $"{c.GetProperty("id")}: {h} tool-harvest and {s} relay-station accounts of {members.Count}");
            ph += h;
            ps += s;
        }
        Assert.Equal(harvest, ph);
        Assert.Equal(station, ps);
    }
}
