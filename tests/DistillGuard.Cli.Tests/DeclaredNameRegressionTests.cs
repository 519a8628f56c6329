namespace DistillGuard.Cli.Tests;

/// <summary>
/// An organisation name declared by a few verified accounts is a registration detail a hydra can give its own accounts:
/// in random 10217 twelve of a 24-account tool-use operation — on its own system prompt, its rotating exits and its
/// sign-up bursts — carried one of two organisation names, each on four or five verified paid accounts. Inside the
/// operation's campaign they were read as organisations' fleets linked to it by what strangers share and held at watch
/// (11 of 24 flagged). Members of the operator cluster the campaign gathers are tied by what only the operation holds,
/// whatever name they carry.
/// </summary>
public sealed class DeclaredNameRegressionTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("dg-declared-name-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Random10217_AnOperationsAccountsUnderVerifiedNames_AreFlaggedWithIt()
    {
        var (sim, outDir) = RandomWorldRun.SimulateAndAnalyze(_dir, 10217, registry: true);
        RandomWorldRun.AssertFound(sim, outDir, "tooluse-2", 20, 0.9);
    }

    [Fact]
    public void Random11307_AnOperationUnderManyCompanyNames_IsFlaggedWhole()
    {
        // A 203-account agentic harvest on enterprise seats signed up under a dozen company names, about eight accounts of
        // several names to each of its hosting addresses: 51 accounts were read as organisations' fleets inside the
        // campaign and held at watch (152 of 203 flagged). A fleet shares its exits with its own accounts, not with
        // accounts under other names.
        var (sim, outDir) = RandomWorldRun.SimulateAndAnalyze(_dir, 11307, registry: true);
        RandomWorldRun.AssertFound(sim, outDir, "agentic-2", 150, 0.9);
    }

    [Fact]
    public void Random13803_ATeamSharingOnlyItsMailDomainWithAnOperation_StaysClear()
    {
        // A company's team (one declared name, verified paid accounts on its own corporate card, which no account under
        // another name holds) shares its company mail domain with a dozen accounts of an agentic operation signed up under
        // other names and paying with cards that cross those names. The domain put the team inside the operation's identity
        // cluster and two of its 65 employees were flagged with it (13 of 801 with the corpus). A mail domain says less of
        // who runs an account than a card: a fleet that pays with a card of its own name is not crossed by a domain alone.
        var (sim, outDir) = RandomWorldRun.SimulateAndAnalyze(_dir, 13803, registry: true);
        var personas = RandomWorldRun.Personas(sim);
        int employees = personas.Values.Count(p => p == "corporate-employee");
        Assert.True(employees >= 50, $"the world drew {employees} corporate employees");
        var flagged = RandomWorldRun.FlaggedByPersona(outDir, personas);
        Assert.Equal(0, flagged.GetValueOrDefault("corporate-employee"));
        RandomWorldRun.AssertFound(sim, outDir, "agentic-3", 50, 0.9);
    }

    [Fact]
    public void Random13919_AFleetOnTheOperationsCloudRangeAlone_StaysClear()
    {
        // An organisation's fleet (one declared name, verified paid accounts on its own card and mail domain, all behind
        // one office address) runs a system prompt that a 79-account tool-use operation runs too, and its office address
        // is in the cloud /24 where three of the operation's accounts have theirs. The range joined the fleet to the
        // operation's holders of the prompt as one operator and 15 of its accounts were flagged. Sharing nothing but a
        // hosting range, the fleet is another tenant of the cloud.
        var (sim, outDir) = RandomWorldRun.SimulateAndAnalyze(_dir, 13919, registry: true);
        var personas = RandomWorldRun.Personas(sim);
        int fleet = personas.Values.Count(p => p == "org-fleet");
        Assert.True(fleet >= 15, $"the world drew {fleet} fleet accounts");
        var flagged = RandomWorldRun.FlaggedByPersona(outDir, personas);
        Assert.Equal(0, flagged.GetValueOrDefault("org-fleet"));
        RandomWorldRun.AssertFound(sim, outDir, "tooluse-1", 70, 0.9);
    }

    [Fact]
    public void Random14022_LogAlone_OrganisationsFleetsOnTheirOwnServers_StayClear()
    {
        // With the log alone no registry names the organisations: the fleets of 14022 (46 accounts, each fleet on the one
        // to four server addresses all its accounts send from, its own prompt, round the clock through the log) were one
        // operator each and all 46 were flagged. They are an organisation's own by their egress now, held for review at
        // most; the operations on exits of their own are still found.
        var (sim, outDir) = RandomWorldRun.SimulateAndAnalyze(_dir, 14022, registry: false);
        var personas = RandomWorldRun.Personas(sim);
        int fleet = personas.Values.Count(p => p == "org-fleet");
        Assert.True(fleet >= 40, $"the world drew {fleet} fleet accounts");
        var flagged = RandomWorldRun.FlaggedByPersona(outDir, personas);
        Assert.Equal(0, flagged.GetValueOrDefault("org-fleet"));
        RandomWorldRun.AssertFound(sim, outDir, "tooluse-1", 30, 0.9);
        RandomWorldRun.AssertFound(sim, outDir, "agentic-1", 300, 0.9);
    }
}
