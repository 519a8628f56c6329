using System.Text.Json;
using System.Text.Json.Nodes;
using DistillGuard.Simulation.Content;
using DistillGuard.Simulation.Engine;
using DistillGuard.Simulation.Output;
using DistillGuard.Simulation.Scenarios;
using DistillGuard.Simulation.Tests.Support;
using DistillGuard.Simulation.World;

namespace DistillGuard.Simulation.Tests;

/// <summary>The randomised scenario family: what the generator draws (over many seeds) and what a drawn world writes.</summary>
public sealed class RandomScenarioTests
{
    private static readonly ulong[] Seeds = Enumerable.Range(1, 50).Select(i => (ulong)i).ToArray();
    private static readonly List<ScenarioSpec> Worlds = Seeds.Select(RandomScenario.Generate).ToList();
    private static IEnumerable<CampaignSpec> AllCampaigns => Worlds.SelectMany(w => w.Campaigns);

    private static string Json(ScenarioSpec s) => JsonSerializer.Serialize(s, OutputFiles.ScenarioJson);

    [Fact]
    public void SameSeed_GivesTheSameScenario_AndLoadDrawsFromTheRunSeed()
    {
        Assert.Equal(Json(RandomScenario.Generate(42)), Json(RandomScenario.Generate(42)));
        Assert.Equal(Json(RandomScenario.Generate(42)), Json(ScenarioLoader.Load("random", 42)));
        Assert.NotEqual(Json(ScenarioLoader.Load("random", 42)), Json(ScenarioLoader.Load("random", 43)));
    }

    [Fact]
    public void DrawnScenario_RoundTripsThroughTheLoader_SoItPassesItsValidation()
    {
        // scenario.json's "scenario" object read back as a scenario file gives the same spec (and no errors).
        foreach (var w in Worlds.Take(20))
        {
            var back = ScenarioLoader.Parse(Json(w), "scenario.json");
            Assert.Equal(Json(w), Json(back));
        }
    }

    [Fact]
    public void DifferentSeeds_DrawDifferentWorlds()
    {
        Assert.Equal(Worlds.Count, Worlds.Select(Json).Distinct().Count());
        // Not just different numbers: the campaign line-ups themselves differ.
        var lineups = Worlds.Select(w => string.Join(",", w.Campaigns.Select(c => c.Archetype))).Distinct().Count();
        Assert.True(lineups >= 25, $"only {lineups} distinct campaign line-ups over {Worlds.Count} seeds");
        Assert.True(Worlds.Select(w => w.Campaigns.Count).Distinct().Count() >= 3);
        Assert.True(AllCampaigns.Select(c => c.Accounts).Distinct().Count() >= 100);
    }

    [Fact]
    public void EveryWorld_HasThreeToSixUniquelyNamedCampaignsWithinTheRanges()
    {
        foreach (var w in Worlds)
        {
            Assert.Equal("random", w.Name);
            Assert.InRange(w.Campaigns.Count, 3, 6);
            Assert.Equal(w.Campaigns.Count, w.Campaigns.Select(c => c.Name).Distinct().Count());
            foreach (var c in w.Campaigns)
            {
                Assert.InRange(c.Accounts, 20, 400);
                Assert.InRange(c.StartDay, 0, w.Days - 1);
                Assert.True(c.EndDay is null || c.EndDay > c.StartDay, $"{c.Name}: end_day {c.EndDay} not after start_day {c.StartDay}");
                Assert.InRange(c.DailyPerAccount, 1.5, 400);
                Assert.NotNull(c.MaxTokens);
                Assert.NotNull(c.Egress);
                Assert.NotEmpty(c.Routes!);
                Assert.NotEmpty(c.Tiers!);
                Assert.NotEmpty(c.Clients!);
                Assert.All(c.Languages ?? [], l => Assert.Contains(l, ScenarioLoader.LanguageCodes));
            }
        }
    }

    [Fact]
    public void FiftySeeds_CoverEveryArchetype()
    {
        var seen = AllCampaigns.Select(c => c.Archetype).ToHashSet();
        Assert.Equal(Enum.GetValues<Archetype>().Order(), seen.Order());
    }

    [Fact]
    public void FiftySeeds_IncludeAgenticCampaignsWithNoHarvestWordingAtAll()
    {
        var plain = AllCampaigns.Where(c => c.Archetype == Archetype.AgenticPlain).ToList();
        Assert.NotEmpty(plain);
        // Every agentic-plain campaign asks only for ordinary kinds, with tool schemas.
        Assert.All(plain, c =>
        {
            Assert.NotNull(c.Capabilities);
            Assert.All(c.Capabilities!, k => Assert.False(KindMix.IsHarvest(k.Kind), $"{c.Name} asks for harvest kind {k.Kind}"));
            Assert.True(c.ToolShare > 0);
        });
        Assert.Contains(plain, c => c.Capabilities!.All(k => k.Kind is ContentKind.AgentStep or ContentKind.Coding));
    }

    [Fact]
    public void FiftySeeds_IncludeCapabilitiesNoLexiconNames()
    {
        var professional = AllCampaigns.Where(c => c.Capabilities?.Any(k => ContentKinds.Professional.Contains(k.Kind)) == true).ToList();
        Assert.True(professional.Count >= 10, $"{professional.Count} campaigns with a professional capability");
        // ... some of them with nothing the harvest lexicons know at all.
        Assert.Contains(professional, c => c.Capabilities!.All(k => !KindMix.IsHarvest(k.Kind)));
        // Every new kind is drawn somewhere.
        var kinds = professional.SelectMany(c => c.Capabilities!).Select(k => k.Kind).ToHashSet();
        Assert.All(ContentKinds.Professional, k => Assert.Contains(k, kinds));
    }

    [Fact]
    public void FiftySeeds_TurnOnEveryEvasionKnob_AtVaryingStrengths()
    {
        var ev = AllCampaigns.Select(c => c.Evasion).ToList();
        Assert.Contains(ev, e => e.Paraphrase);
        Assert.Contains(ev, e => e.ResidentialProxy);
        Assert.Contains(ev, e => e.Throttle);
        Assert.Contains(ev, e => e.HumanTiming);
        Assert.Contains(ev, e => e.AgedAccounts);
        Assert.Contains(ev, e => e.PartitionItems);
        Assert.Contains(ev, e => e.DistinctPayment);
        Assert.True(ev.Where(e => e.Dilution > 0).Select(e => e.Dilution).Distinct().Count() >= 10, "dilution strengths vary");
        Assert.True(ev.Where(e => e.Coverage is not null).Select(e => e.Coverage).Distinct().Count() >= 5, "knob coverage varies");
        Assert.Contains(ev, e => !e.Paraphrase && !e.ResidentialProxy && !e.Throttle && !e.HumanTiming && e.Dilution == 0); // and some go plain
        // Other drawn dimensions: churn, model-release pivot, templates or none, languages.
        Assert.Contains(AllCampaigns, c => c.ChurnDays is not null);
        Assert.Contains(AllCampaigns, c => c.ChurnDays is null);
        Assert.Contains(Worlds, w => w.Release is not null && w.Campaigns.Any(c => c.PivotToRelease));
        Assert.Contains(Worlds, w => w.Release is null);
        Assert.Contains(AllCampaigns, c => c.Templates == 0);
        Assert.True(AllCampaigns.Select(c => c.Templates).Distinct().Count() >= 4);
        Assert.Contains(AllCampaigns, c => c.Languages is { Count: > 1 } && !c.Languages.Contains("en"));
        Assert.True(AllCampaigns.Where(c => c.Archetype == Archetype.TransferStation).Select(c => c.RelayShare).Distinct().Count() >= 5);
    }

    [Fact]
    public void Budgets_AreDrawnFromWideRanges_NotOneValue()
    {
        var maxTokens = AllCampaigns.Select(c => c.MaxTokens!.Value).ToList();
        var budgets = AllCampaigns.Select(c => c.ThinkingBudget!.Value).ToList();
        Assert.True(maxTokens.Distinct().Count() >= 50, $"{maxTokens.Distinct().Count()} distinct max_tokens");
        Assert.True(budgets.Where(b => b > 0).Distinct().Count() >= 50, $"{budgets.Distinct().Count()} distinct thinking budgets");
        Assert.True(maxTokens.Min() < 2048 && maxTokens.Max() > 32_000, $"max_tokens range {maxTokens.Min()}..{maxTokens.Max()}");
        Assert.True(budgets.Where(b => b > 0).Min() < 4096 && budgets.Max() > 32_000);
        Assert.Contains(0, budgets); // campaigns without thinking
        Assert.True(maxTokens.Count(m => m == 32_000) < maxTokens.Count / 10, "the old fixed 32 K is not the norm");
        Assert.Equal(["high", "low", "medium"], AllCampaigns.Select(c => c.ReasoningEffort).OfType<string>().Distinct().Order());
        Assert.Contains(AllCampaigns, c => c.ParamSpread > 0);
        Assert.True(AllCampaigns.Select(c => c.Temperature).Distinct().Count() >= 20);
    }

    [Fact]
    public void Infrastructure_IsDrawn_HostingResidentialCloudRoutesAndResellers()
    {
        Assert.Contains(AllCampaigns, c => c.Egress!.Residential > 0);
        Assert.Contains(AllCampaigns, c => c.Egress!.Residential == 0 && c.Egress.Vpn == 0);
        Assert.Contains(AllCampaigns, c => c.Routes!.Any(r => r.StartsWith("cloud:", StringComparison.Ordinal)));
        Assert.Contains(AllCampaigns, c => c.Routes!.Any(r => r.StartsWith("reseller:", StringComparison.Ordinal)));
        Assert.Contains(AllCampaigns, c => c.Routes!.SequenceEqual(["direct"]));
        Assert.True(AllCampaigns.Select(c => c.Egress!.AccountsPerIp).Distinct().Count() >= 30);
        Assert.True(AllCampaigns.Select(c => c.Reseller).Distinct().Count() >= 5);
    }

    [Fact]
    public void HardNegatives_AreInEveryWorld_WithSizesFromRanges()
    {
        foreach (var w in Worlds)
        {
            var personas = w.Personas.Select(p => p.Persona).ToHashSet();
            Assert.Equal(Enum.GetValues<Persona>().Order(), personas.Order());
            Assert.Equal(w.Personas.Count, w.Personas.Select(p => p.Name).Distinct().Count());
        }
        foreach (var p in new[] { Persona.CampusStudent, Persona.CorporateEmployee, Persona.AgentPlatformUser, Persona.OrgFleet })
        {
            var entries = Worlds.Select(w => w.Personas.Single(x => x.Persona == p)).ToList();
            Assert.True(entries.Select(e => e.GroupSize).Distinct().Count() >= 10, $"{p}: group sizes vary");
            Assert.True(entries.Select(e => e.Accounts).Distinct().Count() >= 10, $"{p}: sizes vary");
            Assert.All(entries, e => Assert.Equal(0, e.Accounts % e.GroupSize!.Value)); // whole groups
        }
        Assert.True(Worlds.Select(w => w.Personas.Single(x => x.Persona == Persona.EnterpriseBatch).DailyMedian).Distinct().Count() >= 20);
        Assert.Contains(Worlds, w => w.Personas.Single(x => x.Persona == Persona.AgentPlatformUser).CloudShare > 0);
        // Legitimate people need the new capabilities too, so a capability alone never marks a campaign.
        var legitKinds = Worlds.SelectMany(w => w.Personas).SelectMany(p => p.ExtraKinds ?? []).Select(k => k.Kind).ToHashSet();
        Assert.All(ContentKinds.Professional, k => Assert.Contains(k, legitKinds));
    }

    [Fact]
    public void Volume_EstimateStaysModerate()
    {
        // A cheap upper-bound estimate (means of the lognormal volumes); the measured runs are 150-250 K (docs/simulator.md).
        foreach (var w in Worlds)
        {
            int accounts = w.Personas.Sum(p => p.Accounts) + w.Campaigns.Sum(c => c.Accounts);
            Assert.InRange(accounts, 1_500, 5_000);
            double campaign = w.Campaigns.Sum(c => c.Accounts * c.DailyPerAccount * ((c.EndDay ?? w.Days) - c.StartDay));
            Assert.InRange(campaign, 5_000, 300_000);
        }
    }
}

/// <summary>A drawn world, shrunk (scale, 3 days, every campaign inside the window) so its output can be read in a test.</summary>
public sealed class RandomWorldFixture : IDisposable
{
    public static ScenarioSpec Shrunk(ulong seed)
    {
        var s = RandomScenario.Generate(seed).WithOverrides(scale: 0.08, days: 3);
        return s with { Campaigns = s.Campaigns.Select(c => c with { StartDay = 0, EndDay = null, TurnDay = null }).ToList() };
    }

    public SimRun Run { get; } = new(Shrunk(5), seed: 5);
    public void Dispose() => Run.Dispose();
}

public sealed class RandomWorldOutputTests(RandomWorldFixture fx) : IClassFixture<RandomWorldFixture>
{
    private readonly SimRun _run = fx.Run;

    [Fact]
    public void SameSeed_WritesIdenticalFiles_WhateverTheThreads()
    {
        string a = Path.Combine(Path.GetTempPath(), "dg-rand-" + Guid.NewGuid().ToString("N"));
        string b = a + "-b";
        try
        {
            var spec = RandomWorldFixture.Shrunk(9);
            SimulationRunner.Run(new SimulationOptions { Scenario = spec, Seed = 9, OutDir = a, Threads = 1 });
            SimulationRunner.Run(new SimulationOptions { Scenario = RandomWorldFixture.Shrunk(9), Seed = 9, OutDir = b, Threads = 2 });
            foreach (var f in new[] { "exchanges.jsonl.gz", "accounts.jsonl", "labels.jsonl", "allow.txt", "scenario.json" })
                Assert.True(File.ReadAllBytes(Path.Combine(a, f)).SequenceEqual(File.ReadAllBytes(Path.Combine(b, f))), $"{f} differs");
        }
        finally
        {
            foreach (var d in new[] { a, b }) if (Directory.Exists(d)) Directory.Delete(d, recursive: true);
        }
    }

    [Fact]
    public void Labels_AreConsistentWithAccountsAndTheDrawnCampaigns()
    {
        var spec = _run.Spec;
        var names = spec.Campaigns.ToDictionary(c => c.Name, c => c.Archetype.WireName());
        var inLog = _run.Exchanges.Select(e => (string)e["account"]!).ToHashSet();
        Assert.True(inLog.SetEquals(_run.Labels.Keys), "labels name exactly the accounts of the log");
        foreach (var (account, label) in _run.Labels)
        {
            Assert.True(_run.Accounts.ContainsKey(account), $"{account} labelled but not registered");
            string? campaign = (string?)label["campaign"];
            string persona = (string)label["persona"]!;
            Assert.Equal(_run.Campaign(account), campaign);
            if (campaign is null) Assert.Contains(persona, Personas.AllNames);
            else Assert.Equal(names[campaign], persona);
        }
        // Every drawn campaign is present, under its own unique name.
        Assert.Equal(names.Keys.Order(), _run.Labels.Values.Select(l => (string?)l["campaign"]).OfType<string>().Distinct().Order());
        var allow = File.ReadAllLines(Path.Combine(_run.Dir, "allow.txt"));
        Assert.NotEmpty(allow);
        Assert.All(allow, a => Assert.Equal("licensed-distiller", (string)_run.Labels[a]["persona"]!));
        Assert.All(allow, a => Assert.Null((string?)_run.Labels[a]["campaign"]));
    }

    [Fact]
    public void ScenarioJson_RecordsWhatWasDrawn()
    {
        var doc = JsonNode.Parse(File.ReadAllText(Path.Combine(_run.Dir, "scenario.json")))!;
        var campaigns = doc["scenario"]!["campaigns"]!.AsArray();
        Assert.Equal(_run.Spec.Campaigns.Count, campaigns.Count);
        foreach (var c in campaigns)
        {
            Assert.NotNull(c!["archetype"]);
            Assert.NotNull(c["evasion"]);
            Assert.NotNull(c["max_tokens"]);
            Assert.NotNull(c["egress"]);
            Assert.NotNull(c["routes"]);
            Assert.NotNull(doc["counts"]!["campaigns"]![(string)c["name"]!]);
        }
    }
}
