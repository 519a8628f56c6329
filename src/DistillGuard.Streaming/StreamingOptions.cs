using DistillGuard.Core.Analysis;

namespace DistillGuard.Streaming;

/// <summary>How the streaming detector keeps state and when it re-assembles campaigns.</summary>
public sealed record StreamingOptions
{
    /// <summary>Journal, quarantine, verdict changes and campaign identities live here; a restart resumes from it.</summary>
    public required string StateDir { get; init; }

    public DetectorOptions Detector { get; init; } = DetectorOptions.Default;

    /// <summary>Registry, allowlist and IP intelligence, as for <c>analyze</c>.</summary>
    public AnalysisInputs Inputs { get; init; } = AnalysisInputs.None;

    /// <summary>Re-assemble at least this often on the wall clock while new exchanges arrive.</summary>
    public TimeSpan ReassembleEvery { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Re-assemble whenever the exchanges' own clock has advanced this far: an accelerated replay re-assembles
    /// at the same points of traffic as real time would.</summary>
    public TimeSpan ReassembleEveryExchangeTime { get; init; } = TimeSpan.FromMinutes(60);

    /// <summary>Re-assemble early when the exchanges since the last assembly reach this share of those before it
    /// (a burst of new evidence).</summary>
    public double ReassembleOnGrowth { get; init; } = 0.25;

    /// <summary>Within a bulk write (<see cref="BulkWriteExchangeTime"/>) the growth trigger waits for this share instead of
    /// <see cref="ReassembleOnGrowth"/>: the exchanges double between two re-assemblies of a bulk load, so a load of N
    /// exchanges re-assembles about log2(N / MinNewExchanges) times, however fast each re-assembly is.</summary>
    public double ReassembleOnBulkGrowth { get; init; } = 1.0;

    /// <summary>No re-assembly for fewer new exchanges than this (except on the wall clock and on request).</summary>
    public int MinNewExchanges { get; init; } = 200;

    /// <summary>Accepted exchanges waiting for the detector beyond which ingest answers "busy" (HTTP 503) instead of
    /// queueing more in memory; the journal already holds them, so nothing is lost either way.</summary>
    public int MaxQueued { get; init; } = 50_000;

    /// <summary>With more accepted exchanges than this waiting for the detector it is catching up (a restart after
    /// downtime, a bulk load): the exchange-clock trigger pauses until the backlog is under it again.</summary>
    public int CatchUpQueue { get; init; } = 5_000;

    /// <summary>One write (a POST, a tailed piece, a NATS batch) whose exchanges span at least this much of their own clock
    /// is a bulk write — a backlog, not traffic arriving as it happens — as is a POST that declares itself one
    /// (<c>?bulk=1</c>, which <c>replay --speed 0</c> sends): its exchanges do not trigger the exchange-clock
    /// re-assembly (the growth and wall-clock triggers go on). What decides is what the client sends in one write, not
    /// how fast this machine is. The default is well above what a paced replay sends in one POST even after a stall
    /// (<c>replay</c>'s 2,000 lines are at most 2.4 hours of <c>standard</c>'s traffic), so an accelerated replay
    /// re-assembles where it did before.</summary>
    public TimeSpan BulkWriteExchangeTime { get; init; } = TimeSpan.FromHours(6);

    /// <summary>How much lower (nice steps, Linux) than the process's the detector thread's scheduling priority is: with the
    /// gateway in the same process, its re-assemblies and profile updates then yield the cores to the request path.</summary>
    public int DetectorNice { get; init; }

    /// <summary>Verdict changes kept per account for queries (all of them stay in <c>changes.jsonl</c>).</summary>
    public int HistoryPerAccount { get; init; } = 32;

    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(StateDir)) errors.Add("state directory is required");
        if (ReassembleEvery <= TimeSpan.Zero) errors.Add($"reassemble_every must be positive (was {ReassembleEvery})");
        if (ReassembleEveryExchangeTime <= TimeSpan.Zero) errors.Add($"reassemble_every_exchange_time must be positive (was {ReassembleEveryExchangeTime})");
        if (ReassembleOnGrowth <= 0) errors.Add($"reassemble_on_growth must be positive (was {ReassembleOnGrowth})");
        if (ReassembleOnBulkGrowth <= 0) errors.Add($"reassemble_on_bulk_growth must be positive (was {ReassembleOnBulkGrowth})");
        if (BulkWriteExchangeTime <= TimeSpan.Zero) errors.Add($"bulk_write_exchange_time must be positive (was {BulkWriteExchangeTime})");
        if (MinNewExchanges < 1) errors.Add($"min_new_exchanges must be at least 1 (was {MinNewExchanges})");
        if (MaxQueued < 1000) errors.Add($"max_queued must be at least 1000 (was {MaxQueued})");
        return errors;
    }
}
