namespace DistillGuard.Simulation.Evaluation;

/// <summary>What the detector said about the accounts of one legitimate persona (labelled campaign null).</summary>
public sealed record PersonaResult
{
    public required string Persona { get; init; }
    public required long Accounts { get; init; }
    /// <summary>Accounts given the <c>campaign</c> verdict: false positives.</summary>
    public required long FalsePositives { get; init; }
    /// <summary>Accounts given the <c>watch</c> verdict.</summary>
    public required long Watch { get; init; }
    /// <summary>Accounts given <c>clear</c>, an invalid value, or no verdict at all.</summary>
    public required long Clear { get; init; }
    /// <summary>FalsePositives / Accounts (0 when there are no accounts).</summary>
    public required double FalsePositiveRate { get; init; }
}
