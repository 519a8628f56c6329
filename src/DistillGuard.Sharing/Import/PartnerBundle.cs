namespace DistillGuard.Sharing.Import;

/// <summary>What was read from a partner's bundle: the indicators DistillGuard can match and what it skipped.</summary>
public sealed record PartnerBundle
{
    public required IReadOnlyList<PartnerIndicator> Indicators { get; init; }
    /// <summary>Objects that are not indicators (campaigns, reports, markings...), by type.</summary>
    public required IReadOnlyDictionary<string, int> OtherObjects { get; init; }
    /// <summary>Indicators whose pattern is outside the supported subset or malformed, with the reason.</summary>
    public required IReadOnlyList<string> Skipped { get; init; }
}
