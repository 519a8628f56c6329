using DistillGuard.Gateway.Policy;
using DistillGuard.Gateway.Proxy;
using DistillGuard.Gateway.Seams;

namespace DistillGuard.Gateway.Streaming;

/// <summary>
/// Rewrites one API's SSE stream event by event: reasoning protection and the assistant-text transform. Events it does
/// not change keep their bytes; it never waits for more than the event in hand, except reasoning held by hold_stream.
/// </summary>
internal abstract class StreamRewriter(ReasoningProtection? protect, IResponseTextTransformer? text)
{
    protected readonly ReasoningProtection? Protect = protect;
    protected readonly IResponseTextTransformer? Text = text;
    protected bool Strip => Protect?.Mode == ReasoningMode.Strip;
    protected bool Summarise => Protect?.Mode == ReasoningMode.Summarise;
    protected bool HoldEnabled => Summarise && Protect!.HoldStream;

    /// <summary>Reasoning blocks (choices, items, content blocks) stripped or summarised so far.</summary>
    public int ReasoningBlocks { get; protected set; }

    public abstract void OnEvent(SseEvent e, List<SseEvent> output);

    /// <summary>The stream ended (after its last event).</summary>
    public virtual void OnEnd(List<SseEvent> output) { }

    protected ReasoningSummariser NewSummariser() => new(Protect?.MaxChars ?? 200);

    public static StreamRewriter For(ApiKind api, ReasoningProtection? protect, IResponseTextTransformer? text) => api switch
    {
        ApiKind.ChatCompletions => new ChatStreamRewriter(protect, text),
        ApiKind.Responses => new ResponsesStreamRewriter(protect, text),
        _ => new AnthropicStreamRewriter(protect, text),
    };
}
