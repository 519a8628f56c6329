namespace DistillGuard.Simulation.Evaluation;

/// <summary>A campaign id and how many of the accounts in question belong to it.</summary>
public sealed record CampaignCount
{
    public required string Campaign { get; init; }
    public required long Accounts { get; init; }
}
