namespace DistillGuard.Core.Signals;

/// <summary>An example a test runs through the signal: <see cref="User"/> text (and optional <see cref="System"/> prompt).</summary>
public sealed record SignalFixture(string User, string? System = null);
