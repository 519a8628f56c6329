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
    /// <summary>
    /// Campaign accounts labelled <c>dormant</c>: bought accounts that showed only their former owner's ordinary
    /// traffic in the window. Nothing in the log is theirs to find, so they are left out of every metric; how many
    /// of them got <c>campaign</c> or <c>watch</c> anyway is reported.
    /// </summary>
    public long DormantCampaignAccounts { get; init; }
    public long DormantFlaggedCampaign { get; init; }
    public long DormantFlaggedWatch { get; init; }
}
