using DistillGuard.Core.Campaigns;
using DistillGuard.Core.Verdicts;

namespace DistillGuard.Streaming;

/// <summary>What the last re-assembly concluded; immutable, replaced whole by the next one.</summary>
public sealed class LiveState
{
    public static readonly LiveState Empty = new()
    {
        Sequence = 0, Exchanges = 0, ExchangeClock = null, At = DateTimeOffset.MinValue, Duration = TimeSpan.Zero,
        Verdicts = new Dictionary<string, AccountVerdict>(StringComparer.Ordinal), Campaigns = [],
    };

    /// <summary>1 for the first re-assembly, then counting up.</summary>
    public required long Sequence { get; init; }
    /// <summary>Exchanges the assembly covered.</summary>
    public required long Exchanges { get; init; }
    /// <summary>The latest exchange time covered (the exchanges' own clock).</summary>
    public required DateTimeOffset? ExchangeClock { get; init; }
    /// <summary>Wall time the assembly finished.</summary>
    public required DateTimeOffset At { get; init; }
    public required TimeSpan Duration { get; init; }
    public required IReadOnlyDictionary<string, AccountVerdict> Verdicts { get; init; }
    /// <summary>Campaigns with stable ids (<see cref="CampaignIdentity"/>), by id.</summary>
    public required IReadOnlyList<Campaign> Campaigns { get; init; }
}

/// <summary>One change of an account's verdict, as the service saw it.</summary>
public sealed record VerdictChange
{
    /// <summary>Position in the service's change log (1-based, gap-free).</summary>
    public required long Sequence { get; init; }
    public required string Account { get; init; }
    public required string From { get; init; }
    public required string To { get; init; }
    public string? FromCampaign { get; init; }
    public string? Campaign { get; init; }
    public required double Score { get; init; }
    /// <summary>Wall time of the re-assembly that made the change.</summary>
    public required DateTimeOffset At { get; init; }
    /// <summary>The exchanges' own clock at that re-assembly (what time-to-detect is measured on).</summary>
    public DateTimeOffset? ExchangeTime { get; init; }
    public required long Exchanges { get; init; }
}

/// <summary>Counts for <c>GET /v1/stats</c>.</summary>
public sealed record StreamingStats
{
    /// <summary>Exchanges accepted and on disk (each counted once however often it was sent).</summary>
    public required long Exchanges { get; init; }
    /// <summary>Exchanges the detector has added to its profiles.</summary>
    public required long Processed { get; init; }
    public required long Quarantined { get; init; }
    public required long Duplicates { get; init; }
    public required int Accounts { get; init; }
    public required int Campaigns { get; init; }
    public required int Queued { get; init; }
    /// <summary>Age of the oldest accepted exchange not yet processed (0 when none waits).</summary>
    public required double LagSeconds { get; init; }
    public DateTimeOffset? ExchangeClock { get; init; }
    public DateTimeOffset? LastReassembly { get; init; }
    public required long Reassemblies { get; init; }
    public required double LastReassemblySeconds { get; init; }
    public required long VerdictChanges { get; init; }
    /// <summary>Writes whose exchanges spanned at least <see cref="StreamingOptions.BulkWriteExchangeTime"/> of their own
    /// clock (they did not trigger the exchange-clock re-assembly).</summary>
    public long BulkWrites { get; init; }
}

/// <summary>What one ingest call did with its lines.</summary>
public sealed record IngestResult
{
    public required long Accepted { get; init; }
    public required long Duplicates { get; init; }
    public required long Quarantined { get; init; }
    /// <summary>Line numbers (1-based, within the body) and reasons of quarantined lines, the first 100.</summary>
    public required IReadOnlyList<(long Line, string Reason)> Problems { get; init; }
    /// <summary>Nothing was taken: the detector's queue is full; send the same lines again later.</summary>
    public bool Busy { get; init; }
}
