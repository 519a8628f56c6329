namespace DistillGuard.Core.Signals;

/// <summary>Which text a content signal reads.</summary>
public enum SignalScope
{
    /// <summary>The last user message only.</summary>
    User,
    /// <summary>The last user message and the system prompt / instructions (harvest personas often sit in the system prompt).</summary>
    UserAndSystem,
}
