namespace DistillGuard.Simulation.Content;

/// <summary>What the library read from one corpus file.</summary>
public sealed record ContentSource(string File, int Items, string Note);
