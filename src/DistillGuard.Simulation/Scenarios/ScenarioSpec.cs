using System.Text.Json.Serialization;
using DistillGuard.Simulation.Content;

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
    /// <summary>Accounts per shared group (campus NAT, corporate card, agent platform, org fleet); null: default.</summary>
    public int? GroupSize { get; init; }
    /// <summary>Extra content kinds as shares of the accounts' traffic (the persona's own mix fills the rest); null: none.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<KindWeight>? ExtraKinds { get; init; }
    /// <summary>Share of accounts egressing from cloud (hosting) addresses; grouped personas share their group's servers; null: the persona's default.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? CloudShare { get; init; }
}

/// <summary>A content kind and its weight (a share for persona <c>extra_kinds</c>, a relative weight for campaign <c>capabilities</c>).</summary>
public sealed record KindWeight(ContentKind Kind, double Weight);

/// <summary>Where a campaign's shared addresses come from (weights per address kind) and how densely accounts share them.</summary>
public sealed record EgressSpec
{
    public double Hosting { get; init; }
    public double Vpn { get; init; }
    public double Residential { get; init; }
    public double Mobile { get; init; }
    /// <summary>Address ranges the campaign rents addresses in.</summary>
    public int Ranges { get; init; } = 3;
    /// <summary>Accounts per shared address (on average).</summary>
    public double AccountsPerIp { get; init; } = 4;
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

    // Optional overrides (null: the archetype's behaviour). Written to scenario.json only when set.

    /// <summary>Content kinds and relative weights the campaign asks for; null: the archetype's mix.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<KindWeight>? Capabilities { get; init; }
    /// <summary>Shared prompt templates (skeletons) across the campaign; 0: none, each account writes in its own wording; null: 3.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? Templates { get; init; }
    /// <summary>Languages (ISO 639-1) the accounts write in, one per account; null: mostly English.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? Languages { get; init; }
    /// <summary><c>max_tokens</c> of harvest requests; null: 32,000.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? MaxTokens { get; init; }
    /// <summary>Thinking budget in tokens (0: no thinking); null: 32,000.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? ThinkingBudget { get; init; }
    /// <summary>Share of requests with thinking on; null: all.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? ThinkingShare { get; init; }
    /// <summary>Explicit OpenAI <c>reasoning_effort</c> (low, medium, high) on thinking requests; null: mapped from the budget.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ReasoningEffort { get; init; }
    /// <summary>Sampling temperature; null: 1.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? Temperature { get; init; }
    /// <summary>Per-account spread of max_tokens and thinking budget (0: identical parameters; 0.5: each account ×e^±0.5); null: 0.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? ParamSpread { get; init; }
    /// <summary>Share of requests that offer a tool set; null: the archetype's.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? ToolShare { get; init; }
    /// <summary>Mean user turns per conversation (1: single requests); null: the archetype's.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? TurnsMean { get; init; }
    /// <summary>Address kinds and sharing; null: a few hosting and VPN ranges.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public EgressSpec? Egress { get; init; }
    /// <summary>Access routes the accounts are spread over (<c>direct</c>, <c>cloud:NAME</c>, <c>reseller:NAME</c>); null: the archetype's.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? Routes { get; init; }
    /// <summary>Account tiers drawn from; null: the archetype's.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? Tiers { get; init; }
    /// <summary>Client stacks (SDK names) the accounts are spread over; null: the archetype's.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? Clients { get; init; }
    /// <summary>Accounts per shared card (without <c>distinct_payment</c>); null: 15.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? AccountsPerCard { get; init; }
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
    /// <summary>Share of the campaign's accounts that apply the boolean knobs above (the rest run without them); null: all.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? Coverage { get; init; }
}
