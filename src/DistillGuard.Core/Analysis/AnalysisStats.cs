namespace DistillGuard.Core.Analysis;

/// <summary>Counts about one analysis, for the run summary.</summary>
public sealed record AnalysisStats
{
    public long Exchanges { get; init; }
    public int Accounts { get; init; }
    public int KeyGroups { get; init; }
    public int LinkedKeyGroups { get; init; }
    public int Campaigns { get; init; }
    public int CampaignAccounts { get; init; }
    public int WatchAccounts { get; init; }
    public int AllowlistedAccounts { get; init; }
    public int RegistryMisses { get; init; }
    public int ArtifactSamplingShift { get; init; }
    public long ProfileBytes { get; init; }
    public TimeSpan CompleteTime { get; init; }
    public TimeSpan LinkTime { get; init; }
    public TimeSpan ClusterTime { get; init; }
    public TimeSpan ScoreTime { get; init; }
}
