namespace DistillGuard.Simulation.Scenarios;

/// <summary>The legitimate kinds of customer the simulator knows (wire names in <see cref="Personas"/>).</summary>
public enum Persona : byte
{
    Developer,
    Hobbyist,
    DataAnalyst,
    Writer,
    CampusStudent,
    CorporateEmployee,
    EnterpriseBatch,
    BenchmarkResearcher,
    RelayApp,
    AgentPlatformUser,
    JailbreakTinkerer,
    LicensedDistiller,
    /// <summary>A legitimate organisation openly running a fleet of worker accounts (one org, one card, one system prompt, machine schedule).</summary>
    OrgFleet,
}

/// <summary>Wire names of <see cref="Persona"/> as used in scenario files and labels.jsonl.</summary>
public static class Personas
{
    private static readonly (Persona P, string Name)[] Names =
    [
        (Persona.Developer, "developer"), (Persona.Hobbyist, "hobbyist"), (Persona.DataAnalyst, "data-analyst"),
        (Persona.Writer, "writer"), (Persona.CampusStudent, "campus-student"), (Persona.CorporateEmployee, "corporate-employee"),
        (Persona.EnterpriseBatch, "enterprise-batch"), (Persona.BenchmarkResearcher, "benchmark-researcher"),
        (Persona.RelayApp, "relay-app"), (Persona.AgentPlatformUser, "agent-platform-user"),
        (Persona.JailbreakTinkerer, "jailbreak-tinkerer"), (Persona.LicensedDistiller, "licensed-distiller"),
        (Persona.OrgFleet, "org-fleet"),
    ];

    public static string WireName(this Persona p) => Names.First(n => n.P == p).Name;

    public static bool TryParse(string name, out Persona p)
    {
        foreach (var n in Names)
            if (n.Name == name) { p = n.P; return true; }
        p = default;
        return false;
    }

    public static IEnumerable<string> AllNames => Names.Select(n => n.Name);

    /// <summary>Personas whose accounts come in groups sharing something (a NAT, a card, a platform).</summary>
    public static bool IsGrouped(this Persona p) => p is Persona.CampusStudent or Persona.CorporateEmployee or Persona.AgentPlatformUser or Persona.OrgFleet;
}
