namespace DistillGuard.Core.Reading;

/// <summary>What <see cref="ExchangeLogReader.Read"/> reads and how.</summary>
public sealed record ReaderOptions
{
    /// <summary>Exchange logs (<c>.jsonl</c> or <c>.jsonl.gz</c>), read in order.</summary>
    public required IReadOnlyList<string> Files { get; init; }
    /// <summary>Where quarantined lines go (<c>quarantine.jsonl</c>); null counts them only.</summary>
    public string? QuarantinePath { get; init; }
    /// <summary>Threads that parse lines and compute signals.</summary>
    public int Workers { get; init; } = Environment.ProcessorCount;
    /// <summary>Reported after every batch, on the consumer's thread.</summary>
    public IProgress<ReadProgress>? Progress { get; init; }
    /// <summary>Also compute <see cref="Model.ExchangeFeatures.SkeletonFingerprint"/> (read with <c>DetectorOptions.ParaphraseLinks</c>, the default; off saves its cost).</summary>
    public bool SkeletonFingerprints { get; init; } = true;
}
