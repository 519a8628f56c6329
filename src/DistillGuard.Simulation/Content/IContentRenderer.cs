using System.Text.Json;

namespace DistillGuard.Simulation.Content;

/// <summary>Writes an exchange's <c>request</c> and <c>response</c> properties into an open JSON object.</summary>
public interface IContentRenderer
{
    /// <summary>
    /// Writes <c>"request": {...}</c> and, unless <see cref="ExchangeIntent.Failed"/>, <c>"response": {...}</c>,
    /// exactly as the intent's API defines them. Output depends only on the intent (its
    /// <see cref="ExchangeIntent.ContentSeed"/> included), never on earlier calls. Thread-safe.
    /// </summary>
    RenderResult Write(Utf8JsonWriter writer, ExchangeIntent intent);
}
