namespace DistillGuard.Simulation.Evaluation;

/// <summary>How well the accounts of one campaign persona (archetype or role, e.g. a transfer station's relay) were found.</summary>
public sealed record CampaignPersonaResult
{
    public required string Persona { get; init; }
    /// <summary>Campaign-labelled accounts with this persona, over all campaigns.</summary>
    public required long Accounts { get; init; }
    public required long FlaggedCampaign { get; init; }
    public required long FlaggedWatch { get; init; }
    /// <summary>FlaggedCampaign / Accounts.</summary>
    public required double Recall { get; init; }
}
