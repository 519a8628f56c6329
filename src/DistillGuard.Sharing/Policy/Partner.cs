namespace DistillGuard.Sharing.Policy;

/// <summary>A lab this instance shares with: whether it is a consortium member (may receive keyed hashes) and whether
/// it is named for TLP:AMBER.</summary>
public sealed record Partner
{
    public required string Name { get; init; }
    public bool Member { get; init; }
    public bool Amber { get; init; }
}
