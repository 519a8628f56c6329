namespace DistillGuard.Core.Signals;

/// <summary>
/// A named list of phrases (by language) with one weight: the group counts once, whichever phrase matched.
/// A required group must match for the signal to fire; a negative weight marks an exclusion.
/// </summary>
public sealed record CueGroup
{
    public required string Name { get; init; }
    public required double Weight { get; init; }
    public bool Required { get; init; }
    /// <summary>Phrases by language code (en, es, de, fr, pt, zh, ja, ru, …).</summary>
    public required IReadOnlyDictionary<string, IReadOnlyList<string>> Phrases { get; init; }
}
