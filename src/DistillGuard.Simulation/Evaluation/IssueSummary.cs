namespace DistillGuard.Simulation.Evaluation;

/// <summary>A complete count of one kind of finding and its first examples (in input order).</summary>
public sealed record IssueSummary
{
    public required long Count { get; init; }
    public required IReadOnlyList<LineIssue> Examples { get; init; }

    /// <summary>True when <see cref="Count"/> exceeds the examples kept.</summary>
    public bool Truncated => Count > Examples.Count;

    public static IssueSummary None { get; } = new() { Count = 0, Examples = [] };
}
