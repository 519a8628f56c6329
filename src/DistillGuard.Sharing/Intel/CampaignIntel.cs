namespace DistillGuard.Sharing.Intel;

/// <summary>What one local campaign contributes to sharing: its facts and the observables its members share.</summary>
public sealed record CampaignIntel
{
    public required string CampaignId { get; init; }
    public required int Accounts { get; init; }
    public required long Exchanges { get; init; }
    public required DateTimeOffset FirstSeen { get; init; }
    public required DateTimeOffset LastSeen { get; init; }
    public required IReadOnlyList<string> Targets { get; init; }
    public required IReadOnlyList<string> Tactics { get; init; }
    public required double Score { get; init; }
    /// <summary>Raw member account ids: hashed on export, never written raw.</summary>
    public required IReadOnlyList<string> MemberAccounts { get; init; }
    public required IReadOnlyList<Observable> Observables { get; init; }
}
