namespace DistillGuard.Simulation.Scenarios;

/// <summary>A resolved scenario: who is in the simulated world and how they behave (see docs/simulator.md).</summary>
public sealed record ScenarioSpec
{
    public string Name { get; init; } = "custom";
    public string? Description { get; init; }
    /// <summary>First instant of the window (UTC midnight).</summary>
    public DateTime Start { get; init; } = new(2026, 3, 2, 0, 0, 0, DateTimeKind.Utc);
    public int Days { get; init; } = 14;
    /// <summary>Multiplies every account count (and group count).</summary>
    public double Scale { get; init; } = 1.0;
    /// <summary>Models served before any release: the first is the flagship, the rest smaller ones.</summary>
    public IReadOnlyList<string> Models { get; init; } = ["atlas-2", "atlas-2-mini"];
    public ReleaseSpec? Release { get; init; }
    /// <summary>Share of requests that fail (429/500/529, no response body).</summary>
    public double FailureRate { get; init; } = 0.01;
    public IReadOnlyList<PersonaSpec> Personas { get; init; } = [];
    public IReadOnlyList<CampaignSpec> Campaigns { get; init; } = [];
}

/// <summary>A new model released mid-window.</summary>
public sealed record ReleaseSpec
{
    public string Model { get; init; } = "atlas-3";
    /// <summary>Day of the window (0-based, may be fractional) the model goes live.</summary>
    public double Day { get; init; } = 7;
}

/// <summary>A population of legitimate accounts of one persona.</summary>
public sealed record PersonaSpec
{
    /// <summary>Entry name (for composition); defaults to the persona's wire name.</summary>
    public string Name { get; init; } = "";
    public Persona Persona { get; init; }
    public int Accounts { get; init; }
    /// <summary>Median over accounts of the mean daily requests on an active day; null: the persona's default.</summary>
    public double? DailyMedian { get; init; }
    /// <summary>Lognormal sigma of the per-account mean (heavier tail when larger); null: the persona's default.</summary>
    public double? DailySigma { get; init; }
    /// <summary>Accounts per shared group (campus NAT, corporate card, agent platform); null: default.</summary>
    public int? GroupSize { get; init; }
}

/// <summary>One distillation campaign.</summary>
public sealed record CampaignSpec
{
    public string Name { get; init; } = "";
    public Archetype Archetype { get; init; }
    public int Accounts { get; init; }
    /// <summary>Requests per account per active day before throttling.</summary>
    public double DailyPerAccount { get; init; } = 120;
    public double StartDay { get; init; }
    /// <summary>Exclusive end day; null: the end of the window.</summary>
    public double? EndDay { get; init; }
    /// <summary>Moves about half its traffic to a released model within a day of the release.</summary>
    public bool PivotToRelease { get; init; } = true;
    /// <summary>Agentic harvest: day the campaign turns to reasoning-trace extraction; null: 60 % into its activity.</summary>
    public double? TurnDay { get; init; }
    /// <summary>Reseller name used in <c>reseller:NAME</c> routes (agentic harvest) and org names (transfer station).</summary>
    public string Reseller { get; init; } = "tokenbridge";
    /// <summary>
    /// Hydra churn: mean days an account lives before it is burned and replaced at once by a fresh account
    /// (created in a burst just before) that takes over its share of the traffic; null: no churn.
    /// </summary>
    public double? ChurnDays { get; init; }
    /// <summary>Transfer station: share of relayed ordinary user traffic (its business), before dilution.</summary>
    public double RelayShare { get; init; } = 0.5;
    public EvasionKnobs Evasion { get; init; } = new();
}

/// <summary>Evasion knobs, each off by default.</summary>
public sealed record EvasionKnobs
{
    /// <summary>Per-account paraphrase of the campaign's templates.</summary>
    public bool Paraphrase { get; init; }
    /// <summary>Each request from a different residential proxy exit.</summary>
    public bool ResidentialProxy { get; init; }
    /// <summary>Share (0..1) of each account's traffic that is relayed legitimate-looking content.</summary>
    public double Dilution { get; init; }
    /// <summary>Per-account volume held to the legitimate median daily volume.</summary>
    public bool Throttle { get; init; }
    /// <summary>Diurnal, jittered sessions in the operator's time zone instead of a synchronized clock.</summary>
    public bool HumanTiming { get; init; }
    /// <summary>Bought accounts created long before the window, with ordinary history before the campaign uses them.</summary>
    public bool AgedAccounts { get; init; }
    /// <summary>Disjoint benchmark item ranges per account instead of every account hitting the same items.</summary>
    public bool PartitionItems { get; init; }
    /// <summary>A distinct payment instrument per account instead of a few shared cards.</summary>
    public bool DistinctPayment { get; init; }
}
