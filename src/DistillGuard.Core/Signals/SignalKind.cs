namespace DistillGuard.Core.Signals;

/// <summary>What a signal definition looks at.</summary>
public enum SignalKind
{
    /// <summary>Cue phrases in the prompt text; sets a <see cref="Model.SignalSet"/> flag.</summary>
    Content,
    /// <summary>Request or response parameters; sets a <see cref="Model.SignalSet"/> flag.</summary>
    Parameter,
    /// <summary>Cue phrases naming a capability domain; sets a <see cref="Model.Capability"/> flag.</summary>
    Capability,
}
