using DistillGuard.Simulation.Content;
using DistillGuard.Simulation.Scenarios;

namespace DistillGuard.Simulation.Tests;

public sealed class ScenarioLoaderTests
{
    [Theory]
    [InlineData("tiny")]
    [InlineData("standard")]
    [InlineData("evasive")]
    [InlineData("hardneg")]
    [InlineData("scale")]
    [InlineData("frontier")]
    public void Load_BuiltIn_Resolves(string name)
    {
        var s = ScenarioLoader.Load(name);
        Assert.Equal(name, s.Name);
        Assert.NotEmpty(s.Personas);
        Assert.NotEmpty(s.Campaigns);
    }

    [Fact]
    public void Standard_HasEveryPersonaAndEveryArchetype()
    {
        // org-fleet and agentic-plain came with the random family; standard stays as it was (its output is unchanged).
        var s = ScenarioLoader.Load("standard");
        Assert.Equal(Enum.GetValues<Persona>().Where(p => p != Persona.OrgFleet).Order(), s.Personas.Select(p => p.Persona).Distinct().Order());
        Assert.Equal(Enum.GetValues<Archetype>().Where(a => a != Archetype.AgenticPlain).Order(), s.Campaigns.Select(c => c.Archetype).Distinct().Order());
    }

    [Fact]
    public void Parse_CampaignOverridesAndPersonaExtras_Bind()
    {
        var s = ScenarioLoader.Parse("""
            days: 5
            personas:
              - {persona: data-analyst, accounts: 3, extra_kinds: {sql-query: 0.3, spreadsheet_formula: 0.1}, cloud_share: 0.2}
              - {persona: org-fleet, accounts: 20, group_size: 10}
            campaigns:
              - name: ops-1
                archetype: agentic-plain
                accounts: 30
                capabilities: {agent-step: 3, coding: 1}
                templates: 0
                languages: [de, ja]
                max_tokens: 6000
                thinking_budget: 0
                reasoning_effort: medium
                temperature: 0.3
                param_spread: 0.4
                tool_share: 0.9
                turns_mean: 4
                egress: {hosting: 1, residential: 2, ranges: 5, accounts_per_ip: 3}
                routes: [direct, cloud:azure, reseller:abc]
                tiers: [paid, startup]
                clients: [go-http, openai-node]
                accounts_per_card: 10
                evasion: {paraphrase: true, coverage: 0.5}
            """);
        var p = s.Personas[0];
        Assert.Equal([new KindWeight(ContentKind.SqlQuery, 0.3), new KindWeight(ContentKind.SpreadsheetFormula, 0.1)], p.ExtraKinds!);
        Assert.Equal(0.2, p.CloudShare);
        Assert.Equal(Persona.OrgFleet, s.Personas[1].Persona);
        var c = s.Campaigns.Single();
        Assert.Equal(Archetype.AgenticPlain, c.Archetype);
        Assert.Equal([new KindWeight(ContentKind.AgentStep, 3), new KindWeight(ContentKind.Coding, 1)], c.Capabilities!);
        Assert.Equal(0, c.Templates);
        Assert.Equal(["de", "ja"], c.Languages!);
        Assert.Equal((6000, 0, "medium", 0.3, 0.4, 0.9, 4.0), (c.MaxTokens!.Value, c.ThinkingBudget!.Value, c.ReasoningEffort, c.Temperature!.Value, c.ParamSpread!.Value, c.ToolShare!.Value, c.TurnsMean!.Value));
        Assert.Equal(new EgressSpec { Hosting = 1, Residential = 2, Ranges = 5, AccountsPerIp = 3 }, c.Egress);
        Assert.Equal(["direct", "cloud:azure", "reseller:abc"], c.Routes!);
        Assert.Equal(["paid", "startup"], c.Tiers!);
        Assert.Equal(["go-http", "openai-node"], c.Clients!);
        Assert.Equal(10, c.AccountsPerCard);
        Assert.Equal(0.5, c.Evasion.Coverage);
    }

    [Fact]
    public void Parse_BadOverrides_AreAllReportedTogether()
    {
        var e = Assert.Throws<ScenarioException>(() => ScenarioLoader.Parse("""
            personas:
              - {persona: writer, accounts: 3, extra_kinds: {poetry: 0.2, legal-clause: 0.8, sql-query: 0.5}}
            campaigns:
              - name: c1
                archetype: agentic-plain
                accounts: 5
                capabilities: {sql-query: -1}
                languages: [xx]
                reasoning_effort: extreme
                routes: [mars, "cloud:"]
                tiers: [vip]
                clients: [netscape]
                egress: {hosting: 0, colo: 1}
                evasion: {coverage: 2}
            """));
        var all = string.Join("\n", e.Errors);
        Assert.Contains("personas[0].extra_kinds.poetry: unknown content kind", all);
        Assert.Contains("personas[0].extra_kinds: shares add up to 1.3", all);
        Assert.Contains("campaigns[0].capabilities.sql_query: -1 is out of range", all); // keys are read with - as _
        Assert.Contains("campaigns[0].languages[0]: unknown language 'xx'", all);
        Assert.Contains("campaigns[0].reasoning_effort: 'extreme'", all);
        Assert.Contains("campaigns[0].routes[0]: 'mars' is not a route", all);
        Assert.Contains("campaigns[0].routes[1]: 'cloud:' is not a route", all);
        Assert.Contains("campaigns[0].tiers[0]: unknown tier 'vip'", all);
        Assert.Contains("campaigns[0].clients[0]: unknown client 'netscape'", all);
        Assert.Contains("campaigns[0].egress.colo: unknown key", all);
        Assert.Contains("campaigns[0].egress: give a positive weight", all);
        Assert.Contains("campaigns[0].evasion.coverage: 2 is out of range", all);
        Assert.True(e.Errors.Count >= 12, all);
    }

    [Fact]
    public void Parse_Extends_OverridesScalarsMergesEntriesByNameAndAddsNewOnes()
    {
        var s = ScenarioLoader.Parse("""
            extends: standard
            name: mine
            days: 9
            personas:
              - {persona: developer, accounts: 7}
            campaigns:
              - name: cot-sweep-1
                evasion: {paraphrase: true}
              - {name: extra, archetype: transfer-station, accounts: 3}
            remove_campaigns: [replay-1]
            """);
        var std = ScenarioLoader.Load("standard");
        Assert.Equal("mine", s.Name);
        Assert.Equal(9, s.Days);
        Assert.Equal(7, s.Personas.Single(p => p.Persona == Persona.Developer).Accounts);
        Assert.Equal(std.Personas.Count, s.Personas.Count);
        var sweep = s.Campaigns.Single(c => c.Name == "cot-sweep-1");
        Assert.True(sweep.Evasion.Paraphrase);
        Assert.Equal(std.Campaigns.Single(c => c.Name == "cot-sweep-1").Accounts, sweep.Accounts);
        Assert.Contains(s.Campaigns, c => c.Name == "extra" && c.Archetype == Archetype.TransferStation);
        Assert.DoesNotContain(s.Campaigns, c => c.Name == "replay-1");
    }

    [Fact]
    public void Parse_Json_IsAccepted()
    {
        var s = ScenarioLoader.Parse("""{"name":"j","days":2,"personas":[{"persona":"writer","accounts":3}]}""");
        Assert.Equal(2, s.Days);
        Assert.Equal(Persona.Writer, s.Personas.Single().Persona);
    }

    [Fact]
    public void Parse_FileWithManyErrors_ReportsThemAllAtOnce()
    {
        var e = Assert.Throws<ScenarioException>(() => ScenarioLoader.Parse("""
            days: many
            colour: blue
            personas:
              - {persona: astronaut, accounts: 3}
              - {persona: writer}
            campaigns:
              - {name: x, archetype: heist, accounts: 2, evasion: {dilution: 2}}
            """));
        Assert.Contains(e.Errors, x => x.StartsWith("days:"));
        Assert.Contains(e.Errors, x => x.StartsWith("colour:"));
        Assert.Contains(e.Errors, x => x.Contains("astronaut"));
        Assert.Contains(e.Errors, x => x.StartsWith("personas[1].accounts"));
        Assert.Contains(e.Errors, x => x.Contains("heist"));
        Assert.Contains(e.Errors, x => x.Contains("dilution"));
        Assert.True(e.Errors.Count >= 6);
    }

    [Fact]
    public void Parse_BrokenYaml_SaysWhere()
    {
        var e = Assert.Throws<ScenarioException>(() => ScenarioLoader.Parse("personas: [ {persona: writer, accounts: 3"));
        Assert.Contains("line", e.Errors.Single());
    }

    [Fact]
    public void Load_ExtendsAFileRelativeToTheExtendingFile()
    {
        string dir = Path.Combine(Path.GetTempPath(), "dg-scn-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            File.WriteAllText(Path.Combine(dir, "base.yaml"), "name: base\ndays: 3\npersonas:\n  - {persona: writer, accounts: 4}\n");
            File.WriteAllText(Path.Combine(dir, "child.yaml"), "extends: base.yaml\nname: child\npersonas:\n  - {persona: hobbyist, accounts: 2}\n");
            var s = ScenarioLoader.Load(Path.Combine(dir, "child.yaml"));
            Assert.Equal(3, s.Days);
            Assert.Equal(2, s.Personas.Count);
        }
        finally { Directory.Delete(dir, true); }
    }

    [Fact]
    public void WithOverrides_ScaleMultipliesAndDaysReplaces()
    {
        var s = ScenarioLoader.Load("scale").WithOverrides(2, 5);
        Assert.Equal(5.4, s.Scale, 6);
        Assert.Equal(5, s.Days);
        Assert.Null(s.Release); // day 7 is outside a 5-day window
    }
}
