namespace DistillGuard.Core.Verdicts;

/// <summary>One signal behind an account's score: its id, weight, a human-readable detail and example exchange ids.</summary>
public sealed record Reason
{
    public required string Signal { get; init; }
    public required double Weight { get; init; }
    public required string Detail { get; init; }
    public IReadOnlyList<string> ExchangeIds { get; init; } = Array.Empty<string>();
}
