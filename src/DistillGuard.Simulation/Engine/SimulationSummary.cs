namespace DistillGuard.Simulation.Engine;

/// <summary>What a run produced (also written, with the resolved scenario, to scenario.json).</summary>
public sealed record SimulationSummary
{
    public required string Scenario { get; init; }
    public required ulong Seed { get; init; }
    public required DateTime Start { get; init; }
    public required int Days { get; init; }
    public required double Scale { get; init; }
    public required long Exchanges { get; init; }
    /// <summary>Accounts in the registry (accounts.jsonl), including sign-ups that sent nothing.</summary>
    public required int Accounts { get; init; }
    /// <summary>Accounts with at least one exchange in the log: exactly the lines of labels.jsonl.</summary>
    public required int ActiveAccounts { get; init; }
    public required int LicensedAccounts { get; init; }
    public required double LegitMedianDaily { get; init; }
    public required string IpRanges { get; init; }
    public required SortedDictionary<string, GroupCount> Personas { get; init; }
    public required SortedDictionary<string, GroupCount> Campaigns { get; init; }
    public required SortedDictionary<string, long> Apis { get; init; }
    public required double Seconds { get; init; }
    public double ExchangesPerSecond => Seconds > 0 ? Exchanges / Seconds : 0;
}

/// <summary>Accounts (registry) and exchanges of one persona or campaign; <see cref="ActiveAccounts"/> sent at least one exchange.</summary>
public sealed record GroupCount(int Accounts, long Exchanges)
{
    public int ActiveAccounts { get; init; }
}
