namespace DistillGuard.Core.Reading;

/// <summary>Progress of a read: bytes of the files (as stored, compressed or not) read of the total, lines, quarantined lines.</summary>
public readonly record struct ReadProgress(long BytesRead, long BytesTotal, long Lines, long Quarantined);
