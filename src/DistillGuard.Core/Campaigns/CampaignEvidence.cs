namespace DistillGuard.Core.Campaigns;

/// <summary>One piece of a campaign's evidence: a kind (link or signal id), a summary, example exchange ids.</summary>
public sealed record CampaignEvidence
{
    public required string Kind { get; init; }
    public required string Summary { get; init; }
    public required double Weight { get; init; }
    public IReadOnlyList<string> ExchangeIds { get; init; } = Array.Empty<string>();
}
