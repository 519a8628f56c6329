using DistillGuard.Simulation.Content;
using DistillGuard.Simulation.Scenarios;

namespace DistillGuard.Simulation.Engine;

/// <summary>What to simulate and where to write it.</summary>
public sealed record SimulationOptions
{
    public required ScenarioSpec Scenario { get; init; }
    public required ulong Seed { get; init; }
    public required string OutDir { get; init; }
    /// <summary>Content corpus and IP range tables; null: built-in content and ranges only.</summary>
    public string? CorpusDir { get; init; }
    /// <summary>Render/compress workers; output does not depend on it.</summary>
    public int Threads { get; init; } = Environment.ProcessorCount;
    /// <summary>The content renderer; null: <see cref="TemplateContentRenderer"/> over the (corpus) library.</summary>
    public IContentRenderer? Renderer { get; init; }
    /// <summary>Adds an <c>_intent</c> object with the engine's decisions to each record (tests and debugging only).</summary>
    public bool DebugIntent { get; init; }
    /// <summary>Exchanges written so far, reported about every batch.</summary>
    public IProgress<long>? Progress { get; init; }
}
