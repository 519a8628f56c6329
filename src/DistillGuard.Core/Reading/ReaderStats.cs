namespace DistillGuard.Core.Reading;

/// <summary>
/// What a read did. <see cref="Lines"/> counts every line including empty ones; <see cref="Exchanges"/> +
/// <see cref="Quarantined"/> + empty lines = <see cref="Lines"/>. <see cref="Bytes"/> is the uncompressed size read.
/// </summary>
public sealed record ReaderStats(long Files, long Lines, long Exchanges, long Quarantined, long Bytes,
    IReadOnlyDictionary<string, long> QuarantineReasons, TimeSpan Elapsed);
