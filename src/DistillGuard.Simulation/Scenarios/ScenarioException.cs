namespace DistillGuard.Simulation.Scenarios;

/// <summary>A scenario that cannot be used; <see cref="Errors"/> lists every problem found, not just the first.</summary>
public sealed class ScenarioException(string source, IReadOnlyList<string> errors)
    : Exception($"scenario '{source}' has {errors.Count} error(s):\n  " + string.Join("\n  ", errors))
{
    public string ScenarioSource { get; } = source;
    public IReadOnlyList<string> Errors { get; } = errors;
}
