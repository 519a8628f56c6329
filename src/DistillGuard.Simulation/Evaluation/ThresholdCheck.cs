namespace DistillGuard.Simulation.Evaluation;

/// <summary>One requested minimum (e.g. <c>--min-precision</c>) and whether it was met.</summary>
public sealed record ThresholdCheck
{
    /// <summary><c>precision</c> or <c>recall</c> (of the <c>campaign</c> verdict).</summary>
    public required string Metric { get; init; }
    public required double Minimum { get; init; }
    public required double Actual { get; init; }
    public bool Passed => Actual >= Minimum;
}
