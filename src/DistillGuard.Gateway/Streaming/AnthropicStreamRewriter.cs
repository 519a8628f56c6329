using System.Text.Json.Nodes;
using DistillGuard.Gateway.Policy;
using DistillGuard.Gateway.Seams;
using static DistillGuard.Gateway.Streaming.JsonBits;

namespace DistillGuard.Gateway.Streaming;

/// <summary>
/// Anthropic Messages streams: <c>message_start</c>, then per content block <c>content_block_start</c> /
/// <c>content_block_delta</c> (text_delta, thinking_delta, signature_delta, input_json_delta) / <c>content_block_stop</c>,
/// then <c>message_delta</c> and <c>message_stop</c>. Strip drops <c>thinking</c> and <c>redacted_thinking</c> blocks and
/// renumbers the later blocks' <c>index</c>; summarise cuts a thinking block's text and keeps its signature.
/// </summary>
internal sealed class AnthropicStreamRewriter(ReasoningProtection? protect, IResponseTextTransformer? text) : StreamRewriter(protect, text)
{
    private readonly Dictionary<int, string> _blockType = [];
    private readonly List<int> _stripped = [];
    private readonly Dictionary<int, ReasoningSummariser> _summaries = [];
    private readonly Dictionary<int, IResponseTextStream> _texts = [];

    public override void OnEvent(SseEvent e, List<SseEvent> output)
    {
        var json = e.Object();
        if (json is null || Int(json["index"]) is not { } index) { output.Add(e); return; }
        string type = Type(json) ?? "";
        bool changed = false;

        if (type == "content_block_start" && Type(json["content_block"]) is { } blockType)
        {
            _blockType[index] = blockType;
            if (IsReasoning(blockType) && Protect is not null)
            {
                ReasoningBlocks++;
                if (Strip) _stripped.Add(index);
            }
        }
        string kind = _blockType.GetValueOrDefault(index) ?? "";
        if (IsReasoning(kind) && Strip) return;
        string hold = $"a{index}";

        if (kind == "thinking" && Summarise)
        {
            var summary = Summary(index);
            switch (type)
            {
                case "content_block_start":
                    if (json["content_block"] is JsonObject cb && Str(cb["thinking"]) is { Length: > 0 } t0) { cb["thinking"] = summary.Push(t0); changed = true; }
                    break;
                case "content_block_delta" when json["delta"] is JsonObject d && Type(d) == "thinking_delta":
                    var kept = summary.Push(Str(d["thinking"]) ?? "");
                    if (kept.Length == 0) return;
                    d["thinking"] = kept;
                    changed = true;
                    break;
                case "content_block_delta" when json["delta"] is JsonObject d && Type(d) == "signature_delta":
                    Tail(index, e.Name, output);                      // the summary's tail before the signature
                    break;
                case "content_block_stop":
                    Tail(index, e.Name, output);
                    e.Release = hold;
                    break;
            }
            if (HoldEnabled) e.Hold = hold;
        }
        else if (kind == "text" && Text is not null)
        {
            switch (type)
            {
                case "content_block_start":
                    var stream = _texts[index] = Text.Begin();
                    if (json["content_block"] is JsonObject cb && Str(cb["text"]) is { Length: > 0 } t0) SetText(e, cb, "text", t0, stream.Push(t0), "content_block");
                    break;
                case "content_block_delta" when json["delta"] is JsonObject d && Type(d) == "text_delta" && _texts.TryGetValue(index, out var s):
                    var was = Str(d["text"]);
                    SetText(e, d, "text", was, s.Push(was ?? ""), "delta");
                    break;
                case "content_block_stop" when _texts.Remove(index, out var s):
                    var tail = s.Flush();
                    if (tail.Length > 0) output.Add(Delta(index, e.Name, new JsonObject { ["type"] = "text_delta", ["text"] = tail }));
                    break;
            }
        }

        int shift = 0;
        foreach (var s in _stripped) if (s < index) shift++;
        if (shift > 0) { json["index"] = index - shift; changed = true; }
        if (changed) e.Changed();
        output.Add(e);
    }

    /// <summary>A text field's new value, spliced into the event's bytes (not a reason to re-serialise it).</summary>
    private static void SetText(SseEvent e, JsonObject parent, string name, string? was, string value, string parentName)
    {
        if (!string.Equals(was, value, StringComparison.Ordinal)) e.SetString(parent, name, value, parentName, name);
    }

    private static bool IsReasoning(string blockType) => blockType is "thinking" or "redacted_thinking";

    private ReasoningSummariser Summary(int index)
    {
        if (!_summaries.TryGetValue(index, out var s)) _summaries[index] = s = NewSummariser();
        return s;
    }

    private void Tail(int index, string? eventName, List<SseEvent> output)
    {
        var tail = Summary(index).Finish();
        if (tail.Length == 0) return;
        var x = Delta(index, eventName is null ? null : "content_block_delta", new JsonObject { ["type"] = "thinking_delta", ["thinking"] = tail });
        if (HoldEnabled) x.Hold = $"a{index}";
        output.Add(x);
    }

    private SseEvent Delta(int index, string? eventName, JsonObject delta)
    {
        int shift = 0;
        foreach (var s in _stripped) if (s < index) shift++;
        var json = new JsonObject { ["type"] = "content_block_delta", ["index"] = index - shift, ["delta"] = delta };
        return SseEvent.Synthetic(eventName is null ? null : "content_block_delta", json);
    }
}
