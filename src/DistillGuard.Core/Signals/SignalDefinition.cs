using DistillGuard.Core.Model;

namespace DistillGuard.Core.Signals;

/// <summary>One detection as data: a YAML file under <c>signals/</c>, embedded into Core.</summary>
public sealed record SignalDefinition
{
    public required string Id { get; init; }
    public required int Version { get; init; }
    public required SignalKind Kind { get; init; }
    public SignalSet Flag { get; init; }
    public Capability Capability { get; init; }
    public required string Title { get; init; }
    public required string Description { get; init; }
    public IReadOnlyList<string> FalsePositives { get; init; } = [];
    public SignalScope Scope { get; init; } = SignalScope.User;
    /// <summary>Content/capability: the score (sum of matched group weights) at which it fires. Parameter: the numeric threshold.</summary>
    public double Threshold { get; init; }
    public IReadOnlyList<CueGroup> Groups { get; init; } = [];
    public IReadOnlyList<SignalFixture> Positive { get; init; } = [];
    public IReadOnlyList<SignalFixture> Negative { get; init; } = [];
    /// <summary>Where the definition came from (resource or file name), for error messages.</summary>
    public string Source { get; init; } = "";
}
