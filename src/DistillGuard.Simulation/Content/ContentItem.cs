namespace DistillGuard.Simulation.Content;

/// <summary>An item read from a corpus: main text, optional answer and auxiliary text.</summary>
internal sealed record ContentItem(string Text, string? Answer = null, string? Aux = null, int ToolSet = -1);
