namespace DistillGuard.Core.Signals;

/// <summary>Signal definitions that do not validate; <see cref="Errors"/> lists every problem found, not just the first.</summary>
public sealed class SignalDefinitionException(IReadOnlyList<string> errors)
    : Exception("invalid signal definitions:\n  " + string.Join("\n  ", errors))
{
    public IReadOnlyList<string> Errors { get; } = errors;
}
