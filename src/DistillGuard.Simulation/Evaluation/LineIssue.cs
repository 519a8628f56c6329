namespace DistillGuard.Simulation.Evaluation;

/// <summary>One data-quality finding: where it is (file and 1-based line; 0 when not line-based), which account, what.</summary>
public sealed record LineIssue
{
    public required string File { get; init; }
    public required long Line { get; init; }
    public string? Account { get; init; }
    public required string Message { get; init; }
}
