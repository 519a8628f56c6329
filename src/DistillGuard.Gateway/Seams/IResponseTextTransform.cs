namespace DistillGuard.Gateway.Seams;

/// <summary>
/// A seam for rewriting the assistant's answer text (issue #13 watermarks responses for chosen accounts here). Asked
/// once per request; applied to assistant text only — never to reasoning, tool calls or tool arguments — in buffered
/// JSON responses (<see cref="IResponseTextTransformer.Apply"/>) and in SSE streams
/// (<see cref="IResponseTextTransformer.Begin"/> once per text block, then <c>Push</c> per delta and <c>Flush</c> at its end).
/// </summary>
public interface IResponseTextTransform
{
    /// <summary>A transformer for this exchange, or null to leave its text alone.</summary>
    IResponseTextTransformer? For(ResponseTextContext context);
}

/// <summary>What the transform knows about the exchange.</summary>
public sealed record ResponseTextContext
{
    public required string Account { get; init; }
    /// <summary>The verdict the policy acted on (<c>clear</c> for unknown accounts or a detector that was down and failed open).</summary>
    public required VerdictLookup Verdict { get; init; }
    /// <summary>Exchange-log api name: <c>openai.chat.completions</c>, <c>openai.responses</c>, <c>anthropic.messages</c>.</summary>
    public required string Api { get; init; }
    public string? Model { get; init; }
    /// <summary>Whether the matched policy rule carries the <c>watermark</c> action.</summary>
    public bool Watermark { get; init; }
    /// <summary>The <c>watermark</c> action's parameters (string values), empty when none.</summary>
    public IReadOnlyDictionary<string, string> WatermarkParameters { get; init; } = new Dictionary<string, string>();
    /// <summary>The exchange id written to the tap line.</summary>
    public required string ExchangeId { get; init; }
}

/// <summary>Transforms one exchange's assistant text.</summary>
public interface IResponseTextTransformer
{
    /// <summary>A whole text (a buffered response's message content, or a text block).</summary>
    string Apply(string text);

    /// <summary>Starts one streamed text block (one choice, one output_text part, one Anthropic text block).</summary>
    IResponseTextStream Begin();
}

/// <summary>One streamed text block: each delta in, what to send instead out; whatever is held back comes out at <see cref="Flush"/>.</summary>
public interface IResponseTextStream
{
    string Push(string delta);
    string Flush();
}
