namespace DistillGuard.Simulation.Scenarios;

/// <summary>Campaign archetypes from the public threat record.</summary>
public enum Archetype : byte
{
    /// <summary>Synchronized chain-of-thought / rubric / safe-rewrite harvest over fresh accounts.</summary>
    CotSweep,
    /// <summary>Agentic and coding harvest over many account types and access routes, turning to reasoning extraction later.</summary>
    AgenticHarvest,
    /// <summary>A transfer station (reseller) whose accounts mix harvest with relayed ordinary user traffic.</summary>
    TransferStation,
    /// <summary>Reasoning artifacts issued in one conversation pasted into other accounts' requests.</summary>
    ReasoningReplay,
    /// <summary>Plain agentic coding and tool use at volume: tool schemas, multi-turn agent loops, ordinary wording, no turn to reasoning extraction.</summary>
    AgenticPlain,
}

public static class Archetypes
{
    private static readonly (Archetype A, string Name)[] Names =
    [
        (Archetype.CotSweep, "cot-sweep"), (Archetype.AgenticHarvest, "agentic-harvest"),
        (Archetype.TransferStation, "transfer-station"), (Archetype.ReasoningReplay, "reasoning-replay"),
        (Archetype.AgenticPlain, "agentic-plain"),
    ];

    public static string WireName(this Archetype a) => Names.First(n => n.A == a).Name;

    public static bool TryParse(string name, out Archetype a)
    {
        foreach (var n in Names)
            if (n.Name == name) { a = n.A; return true; }
        a = default;
        return false;
    }

    public static IEnumerable<string> AllNames => Names.Select(n => n.Name);
}
