namespace DistillGuard.Core.Verdicts;

/// <summary>One line of verdicts.jsonl.</summary>
public sealed record AccountVerdict
{
    public required string Account { get; init; }
    public required double Score { get; init; }
    public required VerdictKind Verdict { get; init; }
    public string? Campaign { get; init; }
    public required int Exchanges { get; init; }
    /// <summary>Largest weight first.</summary>
    public required IReadOnlyList<Reason> Reasons { get; init; }
}
