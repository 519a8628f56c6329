namespace DistillGuard.Core.Campaigns;

/// <summary>One element of campaigns.json.</summary>
public sealed record Campaign
{
    public required string Id { get; init; }
    /// <summary>Member accounts, sorted.</summary>
    public required IReadOnlyList<string> Accounts { get; init; }
    /// <summary>Members' exchanges on the campaign's shared keys (all their exchanges when the campaign has no template key).</summary>
    public required long Exchanges { get; init; }
    public required DateTimeOffset FirstSeen { get; init; }
    public required DateTimeOffset LastSeen { get; init; }
    public required IReadOnlyList<string> Targets { get; init; }
    public required IReadOnlyList<string> Tactics { get; init; }
    /// <summary>Strongest first.</summary>
    public required IReadOnlyList<CampaignEvidence> Evidence { get; init; }
    public required double Score { get; init; }
}
