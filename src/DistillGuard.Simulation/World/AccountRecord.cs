namespace DistillGuard.Simulation.World;

/// <summary>One line of accounts.jsonl: what billing and sign-up know (exchange-log spec, account registry).</summary>
public sealed record AccountRecord
{
    public required string Account { get; init; }
    public required DateTime Created { get; init; }
    public required string Tier { get; init; }
    public required string OrgName { get; init; }
    public required string EmailDomain { get; init; }
    public required string PaymentFp { get; init; }
    public required string Country { get; init; }
    public required bool Verified { get; init; }
}

/// <summary>One line of labels.jsonl: the ground truth for an account.</summary>
public sealed record AccountLabel(string Account, string? Campaign, string Persona)
{
    /// <summary>A campaign account whose traffic in the window was all its former owner's (labels.jsonl writes it only when true).</summary>
    public bool Dormant { get; init; }
}
