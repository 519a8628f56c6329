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
    /// <summary>Content: instruction-concept rules, each an alternative way for the signal to fire whatever the language
    /// or wording (<see cref="ConceptRule"/>). Read on user text only.</summary>
    public IReadOnlyList<ConceptRule> Concepts { get; init; } = [];
    public IReadOnlyList<SignalFixture> Positive { get; init; } = [];
    public IReadOnlyList<SignalFixture> Negative { get; init; } = [];
    /// <summary>Where the definition came from (resource or file name), for error messages.</summary>
    public string Source { get; init; } = "";
}

/// <summary>
/// Fires when one passage of the prompt uses every concept of <see cref="All"/> and, when <see cref="Any"/> is not empty,
/// at least one of <see cref="Any"/>: concepts are the instruction vocabulary of <see cref="Fingerprints.SkeletonFingerprint"/>
/// (explain, reasoning, step, answer, given, judge, criteria, rewrite, sensitive, …) read in twelve languages, so one
/// rule covers every wording and language that says the same thing, where a phrase list covers the phrasings it lists.
/// </summary>
public sealed record ConceptRule(ulong All, ulong Any)
{
    public bool Matches(ulong concepts) => (concepts & All) == All && (Any == 0 || (concepts & Any) != 0);
}
