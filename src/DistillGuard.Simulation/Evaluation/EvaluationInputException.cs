namespace DistillGuard.Simulation.Evaluation;

/// <summary>An input could not be read at all (not JSON lines, not a JSON array, unreadable bytes).</summary>
public sealed class EvaluationInputException(string file, string message, Exception? inner = null)
    : Exception($"{file}: {message}", inner)
{
    public string File { get; } = file;
}
