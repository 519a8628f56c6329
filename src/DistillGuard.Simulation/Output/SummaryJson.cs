using System.Text.Json;

namespace DistillGuard.Simulation.Output;

/// <summary>JSON options for printing a <see cref="Engine.SimulationSummary"/> (snake_case, indented).</summary>
public static class SummaryJson
{
    public static JsonSerializerOptions Options => OutputFiles.ScenarioJson;
}
