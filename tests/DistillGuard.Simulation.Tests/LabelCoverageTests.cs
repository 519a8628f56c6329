using DistillGuard.Simulation.Scenarios;
using DistillGuard.Simulation.Tests.Support;

namespace DistillGuard.Simulation.Tests;

/// <summary>labels.jsonl covers exactly the accounts of the log, even when many sign-ups never send anything.</summary>
public sealed class LabelCoverageTests
{
    [Fact]
    public void Labels_WithFastChurnAndLateCampaigns_ListOnlyAccountsThatSentTraffic()
    {
        // Churn every ~0.2 days over 2 days makes many replacements, some signed up just before the window ends;
        // a campaign starting in the last hour and a low-volume persona leave more accounts without traffic.
        var spec = ScenarioLoader.Parse("""
            extends: tiny
            name: churny
            days: 2
            release: {model: atlas-3, day: 1}
            personas:
              - {name: quiet, persona: hobbyist, accounts: 30, daily_median: 0.05}
            campaigns:
              - {name: cot-sweep-1, churn_days: 0.2}
              - {name: late-1, archetype: agentic-harvest, accounts: 20, daily_per_account: 1, start_day: 1.97}
            """);
        using var run = new SimRun(spec, seed: 3, debugIntent: false);

        var inLog = run.Exchanges.Select(e => (string)e["account"]!).ToHashSet();
        Assert.Equal(inLog.Order(StringComparer.Ordinal), run.Labels.Keys.Order(StringComparer.Ordinal));
        // The scenario must actually produce silent sign-ups, or this test checks nothing.
        var silent = run.Accounts.Keys.Where(a => !inLog.Contains(a)).ToList();
        Assert.NotEmpty(silent);
        Assert.Equal(run.World.Plans.Count, run.Accounts.Count);
        // Every label (churn replacements included) carries the account's campaign and persona.
        foreach (var (a, label) in run.Labels)
        {
            Assert.Equal(run.Plans[a].Campaign, (string?)label["campaign"]);
            Assert.Equal(run.Plans[a].Persona, (string?)label["persona"]);
        }
        Assert.Contains(run.Labels.Values, l => (string?)l["campaign"] == "cot-sweep-1");
        Assert.Equal(inLog.Count, run.Summary.ActiveAccounts);
        Assert.Equal(run.Summary.Accounts - silent.Count, run.Summary.ActiveAccounts);
    }
}
