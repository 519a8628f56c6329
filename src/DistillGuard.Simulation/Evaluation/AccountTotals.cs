namespace DistillGuard.Simulation.Evaluation;

/// <summary>How many accounts and lines went into the evaluation.</summary>
public sealed record AccountTotals
{
    /// <summary>Distinct labelled accounts: the population every metric is computed over.</summary>
    public required long Labelled { get; init; }
    /// <summary>Labelled accounts whose campaign is not null (the positives).</summary>
    public required long CampaignMembers { get; init; }
    /// <summary>Labelled accounts whose campaign is null.</summary>
    public required long Legitimate { get; init; }
    /// <summary>Well-formed verdict lines read (duplicates and unlabelled accounts included).</summary>
    public required long VerdictLines { get; init; }
    /// <summary>Labelled accounts that have a verdict.</summary>
    public required long WithVerdict { get; init; }
}
