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
        var s = ScenarioLoader.Load("standard");
        Assert.Equal(Enum.GetValues<Persona>().Order(), s.Personas.Select(p => p.Persona).Distinct().Order());
        Assert.Equal(Enum.GetValues<Archetype>().Order(), s.Campaigns.Select(c => c.Archetype).Distinct().Order());
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
