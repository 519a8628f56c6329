namespace DistillGuard.Sharing.Intel;

/// <summary>One value a campaign's members share: kind, value (for hashed kinds the raw value, which never leaves the
/// lab: exporters hash it), how many members use it and how many exchanges they made with it.</summary>
public sealed record Observable
{
    public required ObservableKind Kind { get; init; }
    public required string Value { get; init; }
    public required int Members { get; init; }
    public required long Exchanges { get; init; }
}
