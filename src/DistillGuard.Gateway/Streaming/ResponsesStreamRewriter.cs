using System.Text;
using System.Text.Json.Nodes;
using DistillGuard.Gateway.Policy;
using DistillGuard.Gateway.Seams;
using static DistillGuard.Gateway.Streaming.JsonBits;

namespace DistillGuard.Gateway.Streaming;

/// <summary>
/// OpenAI Responses streams: typed events carrying <c>output_index</c> and <c>sequence_number</c>. Strip drops every
/// event of a <c>reasoning</c> output item (and the item from the <c>response.*</c> envelopes), then renumbers the
/// later items' <c>output_index</c> and every event's <c>sequence_number</c> so they stay dense. Summarise keeps the item,
/// cuts its summary text, drops its raw reasoning text and keeps <c>encrypted_content</c>.
/// </summary>
internal sealed class ResponsesStreamRewriter(ReasoningProtection? protect, IResponseTextTransformer? text) : StreamRewriter(protect, text)
{
    private readonly Dictionary<int, string> _itemType = [];
    private readonly List<int> _stripped = [];                       // original output indexes of stripped items, ascending
    private readonly Dictionary<(int, int), ReasoningSummariser> _summaries = [];
    private readonly Dictionary<(int, int), (IResponseTextStream Stream, StringBuilder Sent)> _texts = [];
    private long? _nextSeq;
    private bool _renumber;

    public override void OnEvent(SseEvent e, List<SseEvent> output)
    {
        var json = e.Object();
        if (json is null) { output.Add(e); return; }
        string type = Type(json) ?? "";
        bool changed = false;

        if (json["response"] is JsonObject envelope && type.StartsWith("response.", StringComparison.Ordinal))
            changed |= RewriteOutput(envelope["output"] as JsonArray);
        else if (Int(json["output_index"]) is { } oi)
        {
            if (type == "response.output_item.added" && Type(json["item"]) is { } itemType)
            {
                _itemType[oi] = itemType;
                if (itemType == "reasoning" && Protect is not null)
                {
                    ReasoningBlocks++;
                    if (Strip) _stripped.Add(oi);
                }
            }
            bool reasoning = _itemType.GetValueOrDefault(oi) == "reasoning";
            if (reasoning && Strip) { _renumber = true; return; }
            if (reasoning && Summarise)
            {
                if (!SummariseEvent(e, json, type, oi, output)) { _renumber = true; return; }
                changed = true;
                if (HoldEnabled)
                {
                    e.Hold = $"r{oi}";
                    if (type == "response.output_item.done") e.Release = e.Hold;
                }
            }
            else if (Text is not null && !reasoning)
                changed |= TransformEvent(e, json, type, oi, output);

            int shift = Shift(oi);
            if (shift > 0) { json["output_index"] = oi - shift; changed = true; }
        }

        changed |= Sequence(json);
        if (changed) e.Changed();
        output.Add(e);
    }

    /// <summary>Sets the event's sequence number once any event was dropped or added before it.</summary>
    private bool Sequence(JsonObject json)
    {
        if (Long(json["sequence_number"]) is not { } seq) return false;
        _nextSeq ??= seq;
        long mine = _nextSeq.Value;
        _nextSeq = mine + 1;
        if (!_renumber || seq == mine) return false;
        json["sequence_number"] = mine;
        return true;
    }

    private int Shift(int oi)
    {
        int n = 0;
        foreach (var s in _stripped) if (s < oi) n++;
        return n;
    }

    /// <summary>Summarise mode, one event of a reasoning item. Returns false to drop it.</summary>
    private bool SummariseEvent(SseEvent e, JsonObject json, string type, int oi, List<SseEvent> output)
    {
        int si = Int(json["summary_index"]) ?? 0;
        switch (type)
        {
            case "response.reasoning_summary_text.delta":
                var kept = Summary(oi, si).Push(Str(json["delta"]) ?? "");
                json["delta"] = kept;
                return kept.Length > 0;
            case "response.reasoning_summary_text.done":
                var s = Summary(oi, si);
                var tail = s.Finish();
                if (tail.Length > 0)
                {
                    var extra = new JsonObject
                    {
                        ["type"] = "response.reasoning_summary_text.delta",
                        ["item_id"] = json["item_id"]?.DeepClone(),
                        ["output_index"] = oi,
                        ["summary_index"] = si,
                        ["delta"] = tail,
                        ["sequence_number"] = 0,
                    };
                    Emit(extra, e.Name is null ? null : "response.reasoning_summary_text.delta", oi, output);
                }
                json["text"] = s.Sent;
                return true;
            case "response.reasoning_summary_part.added":
                if (json["part"] is JsonObject pa && Str(pa["text"]) is { Length: > 0 } t0) pa["text"] = Summary(oi, si).Push(t0);
                return true;
            case "response.reasoning_summary_part.done":
                if (json["part"] is JsonObject pd) pd["text"] = SummaryText(oi, si, Str(pd["text"]) ?? "");
                return true;
            case "response.output_item.added":
            case "response.output_item.done":
                if (json["item"] is JsonObject item) SummariseItem(item, oi);
                return true;
            default:
                return false;                                          // raw reasoning text and its content parts
        }
    }

    /// <summary>Adds an event the upstream did not send (a summary tail, held-back transformed text) before the current one.</summary>
    private void Emit(JsonObject json, string? name, int oi, List<SseEvent> output)
    {
        _renumber = true;
        int shift = Shift(oi);
        if (shift > 0) json["output_index"] = oi - shift;
        long seq = _nextSeq ?? 0;
        _nextSeq = seq + 1;
        json["sequence_number"] = seq;
        var x = SseEvent.Synthetic(name, json);
        if (HoldEnabled && _itemType.GetValueOrDefault(oi) == "reasoning") x.Hold = $"r{oi}";
        output.Add(x);
    }

    private ReasoningSummariser Summary(int oi, int si)
    {
        if (!_summaries.TryGetValue((oi, si), out var s)) _summaries[(oi, si)] = s = NewSummariser();
        return s;
    }

    /// <summary>The summary sent for a part when it was streamed, else the summary of its whole text.</summary>
    private string SummaryText(int oi, int si, string full)
    {
        if (_summaries.TryGetValue((oi, si), out var s)) { s.Finish(); return s.Sent; }
        return ReasoningSummariser.Summarise(full, Protect!.MaxChars);
    }

    private void SummariseItem(JsonObject item, int oi)
    {
        if (item["summary"] is JsonArray parts)
            for (int si = 0; si < parts.Count; si++)
                if (parts[si] is JsonObject p && Str(p["text"]) is { } t) p["text"] = SummaryText(oi, si, t);
        item.Remove("content");
    }

    private bool RewriteOutput(JsonArray? output)
    {
        if (output is null) return false;
        bool changed = false;
        for (int oi = output.Count - 1; oi >= 0; oi--)
        {
            if (output[oi] is not JsonObject item) continue;
            var type = Type(item);
            if (type == "reasoning" && Protect is not null)
            {
                if (Strip) output.RemoveAt(oi);
                else SummariseItem(item, oi);
                changed = true;
            }
            else if (type == "message" && Text is not null && item["content"] is JsonArray content)
            {
                for (int ci = 0; ci < content.Count; ci++)
                    if (content[ci] is JsonObject part && Type(part) == "output_text" && Str(part["text"]) is { } t)
                    {
                        part["text"] = _texts.TryGetValue((oi, ci), out var x) ? x.Sent.ToString() : Text.Apply(t);
                        changed = true;
                    }
            }
        }
        return changed;
    }

    /// <summary>
    /// The text transform on a message item's events. Text fields are set with <see cref="SseEvent.SetString"/>, spliced
    /// into the event's bytes; returns whether anything else changed (never: a tail event added before it renumbers).
    /// </summary>
    private bool TransformEvent(SseEvent e, JsonObject json, string type, int oi, List<SseEvent> output)
    {
        int ci = Int(json["content_index"]) ?? 0;
        switch (type)
        {
            case "response.output_text.delta":
                var t = Texts(oi, ci);
                var was = Str(json["delta"]);
                var sent = t.Stream.Push(was ?? "");
                t.Sent.Append(sent);
                SetText(e, json, "delta", was, sent, "delta");
                return false;
            case "response.output_text.done":
                var d = Texts(oi, ci);
                var tail = d.Stream.Flush();
                if (tail.Length > 0)
                {
                    d.Sent.Append(tail);
                    var extra = new JsonObject
                    {
                        ["type"] = "response.output_text.delta",
                        ["item_id"] = json["item_id"]?.DeepClone(),
                        ["output_index"] = oi,
                        ["content_index"] = ci,
                        ["delta"] = tail,
                        ["logprobs"] = new JsonArray(),
                        ["sequence_number"] = 0,
                    };
                    Emit(extra, e.Name is null ? null : "response.output_text.delta", oi, output);
                }
                SetText(e, json, "text", Str(json["text"]), d.Sent.ToString(), "text");
                return false;
            case "response.content_part.done":
                if (json["part"] is JsonObject part && Type(part) == "output_text" && Str(part["text"]) is { } pt)
                {
                    SetText(e, part, "text", pt, _texts.TryGetValue((oi, ci), out var x) ? x.Sent.ToString() : Text!.Apply(pt), "part", "text");
                    return false;
                }
                return false;
            case "response.output_item.done":
                if (json["item"] is JsonObject item && Type(item) == "message" && item["content"] is JsonArray content)
                {
                    for (int k = 0; k < content.Count; k++)
                        if (content[k] is JsonObject p && Type(p) == "output_text" && Str(p["text"]) is { } it)
                            SetText(e, p, "text", it, _texts.TryGetValue((oi, k), out var y) ? y.Sent.ToString() : Text!.Apply(it), "item", "content", k, "text");
                    return false;
                }
                return false;
            default:
                return false;
        }
    }

    private static void SetText(SseEvent e, JsonObject parent, string name, string? was, string value, params PathStep[] path)
    {
        if (!string.Equals(was, value, StringComparison.Ordinal)) e.SetString(parent, name, value, path);
    }

    private (IResponseTextStream Stream, StringBuilder Sent) Texts(int oi, int ci)
    {
        if (!_texts.TryGetValue((oi, ci), out var t)) _texts[(oi, ci)] = t = (Text!.Begin(), new StringBuilder());
        return t;
    }
}
