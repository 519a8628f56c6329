using DistillGuard.Core.Model;

namespace DistillGuard.Simulation.Content;

/// <summary>
/// Everything the simulation engine decides about one exchange's bodies; the content renderer turns it
/// into request and response JSON. The engine owns who/when/where; the renderer owns words.
/// Reused between exchanges by the engine: the renderer must not keep a reference to it.
/// </summary>
public sealed class ExchangeIntent
{
    public ApiFormat Api { get; set; }
    public string Model { get; set; } = "";
    public ContentKind Kind { get; set; }
    /// <summary>Which skeleton of <see cref="Kind"/> (a campaign's chosen template); -1 lets the renderer choose.</summary>
    public int Template { get; set; } = -1;
    /// <summary>0: the skeleton's canonical wording; otherwise a per-account paraphrase seed (evasion knob).</summary>
    public ulong Paraphrase { get; set; }
    /// <summary>Which item fills the skeleton's slots (benchmark item, problem, document); -1: random.</summary>
    public long Item { get; set; } = -1;
    /// <summary>-1: no system prompt; otherwise the id of a shared system prompt (agent platform, app, enterprise job).</summary>
    public int SystemPrompt { get; set; } = -1;
    /// <summary>User turns in the conversation, ≥ 1; earlier turns carry assistant replies.</summary>
    public int Turns { get; set; } = 1;
    /// <summary>-1: no tools; otherwise the id of a tool set offered in the request.</summary>
    public int ToolSet { get; set; } = -1;
    /// <summary>Whether the response calls a tool (only with a tool set).</summary>
    public bool ToolCallInResponse { get; set; }
    /// <summary>0: thinking off; otherwise the thinking budget in tokens (Anthropic <c>budget_tokens</c>; mapped to <c>reasoning_effort</c> for OpenAI).</summary>
    public int ThinkingBudget { get; set; }
    /// <summary>Explicit OpenAI reasoning effort (<c>low</c>/<c>medium</c>/<c>high</c>), or null to map from the budget.</summary>
    public string? ReasoningEffort { get; set; }
    /// <summary>Whether the response exposes reasoning text (OpenAI <c>reasoning_content</c> / a reasoning summary).</summary>
    public bool ExposeReasoning { get; set; }
    public int MaxTokens { get; set; } = 1024;
    public double? Temperature { get; set; }
    public bool Logprobs { get; set; }
    public int TopLogprobs { get; set; }
    /// <summary>Completions asked for (<c>n</c>, Chat Completions only).</summary>
    public int N { get; set; } = 1;
    /// <summary>ISO 639-1 language of the user's words.</summary>
    public string Language { get; set; } = "en";
    /// <summary>A reasoning artifact (thinking signature or <c>encrypted_content</c>) the response carries, made by the engine; null for none.</summary>
    public string? IssuedArtifact { get; set; }
    /// <summary>A reasoning artifact pasted into the request (reasoning replay); null for none.</summary>
    public string? ReplayedArtifact { get; set; }
    /// <summary>The request failed: no response body is written.</summary>
    public bool Failed { get; set; }
    /// <summary>Unix seconds written as the response's <c>created</c>/<c>created_at</c>; 0: a fixed default (2026-02-01).</summary>
    public long CreatedUnixSeconds { get; set; }
    /// <summary>Fixed seed for this exchange's words (derived by the engine from the scenario seed and exchange).</summary>
    public ulong ContentSeed { get; set; }
}

/// <summary>What rendering produced that the engine needs for the rest of the record.</summary>
public readonly record struct RenderResult(int InputTokens, int OutputTokens);
