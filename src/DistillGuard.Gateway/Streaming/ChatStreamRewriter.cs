using System.Text.Json;
using System.Text.Json.Nodes;
using DistillGuard.Gateway.Policy;
using DistillGuard.Gateway.Seams;
using static DistillGuard.Gateway.Streaming.JsonBits;

namespace DistillGuard.Gateway.Streaming;

/// <summary>
/// Chat Completions chunks (<c>data: {chat.completion.chunk}</c> … <c>data: [DONE]</c>). Reasoning travels in
/// <c>choices[].delta.reasoning_content</c> (or <c>reasoning</c> / <c>reasoning_details</c>, by provider): stripped, or
/// summarised with the tail sent when the choice's reasoning ends. A choice left empty is dropped from its chunk, and a
/// chunk left without choices is dropped.
/// </summary>
internal sealed class ChatStreamRewriter(ReasoningProtection? protect, IResponseTextTransformer? text) : StreamRewriter(protect, text)
{
    private const string HoldKey = "chat";
    private static readonly string[] s_reasoningFields = ["reasoning_content", "reasoning"];

    private sealed class Choice
    {
        public bool InReasoning, Counted;
        public string Field = "reasoning_content";
        public ReasoningSummariser? Summary;
        public IResponseTextStream? Text;
    }

    private readonly SortedDictionary<int, Choice> _choices = [];
    private Choice? _lastText;
    private int _lastTextIndex;
    private JsonNode? _id, _created, _model;

    // The latest text-only chunks (TryTextDelta) that carried an id, created and model: read only if a chunk must be
    // made up (EndAll) or a later chunk takes the tree path, so that those values are the latest ones either way.
    private SseEvent? _idFrom, _createdFrom, _modelFrom;

    /// <summary>Every chunk takes the tree path (tests compare the two paths).</summary>
    internal bool TreeOnly { get; init; }

    public override void OnEvent(SseEvent e, List<SseEvent> output)
    {
        if (e.IsDone) { EndAll(output); output.Add(e); return; }
        if (TryTextDelta(e, output)) return;
        ResolveHead();
        var chunk = e.Object();
        if (chunk?["choices"] is not JsonArray choices) { output.Add(e); return; }
        _id = chunk["id"] ?? _id;                  // copied only when a chunk is made up (EndAll)
        _created = chunk["created"] ?? _created;
        _model = chunk["model"] ?? _model;

        // changed: the event is rewritten (held, released, re-serialised); structural: more than the text fields
        // changed, so it is re-serialised; a text-only change is spliced into the event's bytes (SseEvent.SetString).
        bool changed = false, structural = false, reasoningOnly = true, ended = false;
        int before = choices.Count;
        for (int k = choices.Count - 1; k >= 0; k--)
        {
            if (choices[k] is not JsonObject c) continue;
            bool choiceChanged = false;
            int index = Int(c["index"]) ?? 0;
            if (!_choices.TryGetValue(index, out var st)) _choices[index] = st = new Choice();
            var delta = c["delta"] as JsonObject;
            bool finishing = !IsNull(c["finish_reason"]);

            string? reasoning = null;
            if (delta is not null && Protect is not null)
            {
                foreach (var f in s_reasoningFields)
                    if (delta.ContainsKey(f))
                    {
                        if (Str(delta[f]) is { } r) { reasoning = (reasoning ?? "") + r; st.Field = f; }
                        delta.Remove(f);
                        choiceChanged = true;
                    }
                if (delta.Remove("reasoning_details")) choiceChanged = true;
            }
            if (!string.IsNullOrEmpty(reasoning))
            {
                st.InReasoning = true;
                if (!st.Counted) { st.Counted = true; ReasoningBlocks++; }
                if (Summarise)
                {
                    var sent = (st.Summary ??= NewSummariser()).Push(reasoning);
                    if (sent.Length > 0) delta![st.Field] = sent;
                }
            }

            bool other = finishing || (delta is not null && delta.Any(p => p.Key != "role" && !s_reasoningFields.Contains(p.Key) && HasValue(p.Value)));
            if (other) reasoningOnly = false;
            if (other && st.InReasoning)
            {
                st.InReasoning = false;
                ended = true;
                if (st.Summary is not null)
                {
                    var tail = st.Summary.Finish();
                    if (tail.Length > 0)
                    {
                        if (delta is null) c["delta"] = delta = new JsonObject();
                        delta[st.Field] = (Str(delta[st.Field]) ?? "") + tail;
                        choiceChanged = true;
                    }
                }
            }

            bool textChanged = false;
            if (Text is not null && delta is not null && Str(delta["content"]) is { } content)
            {
                var t = (st.Text ??= Text.Begin()).Push(content);
                if (finishing) { t += st.Text.Flush(); st.Text = null; }
                if (!string.Equals(t, content, StringComparison.Ordinal)) e.SetString(delta, "content", t, "choices", k, "delta", "content");
                textChanged = true;
            }
            else if (Text is not null && finishing && st.Text is not null)
            {
                var tail = st.Text.Flush();
                st.Text = null;
                if (tail.Length > 0)
                {
                    if (delta is null) c["delta"] = delta = new JsonObject();
                    delta["content"] = tail;
                    choiceChanged = true;
                }
            }

            if (choiceChanged && delta is not null && delta.Count == 0 && !finishing && IsNull(c["logprobs"]))
                choices.RemoveAt(k);
            structural |= choiceChanged;
            changed |= choiceChanged | textChanged;
        }

        if (!changed) { output.Add(e); return; }
        if (before > 0 && choices.Count == 0 && IsNull(chunk["usage"]))
        {
            if (ended && HoldEnabled) output.Add(SseEvent.ReleaseMarker(HoldKey));
            return;
        }
        if (structural) e.Changed();
        if (HoldEnabled)
        {
            if (ended) e.Release = HoldKey;
            else if (reasoningOnly) e.Hold = HoldKey;
        }
        output.Add(e);
    }

    public override void OnEnd(List<SseEvent> output) => EndAll(output);

    /// <summary>
    /// The common chunk of a streamed answer, one choice whose delta is only text
    /// (<c>{…,"choices":[{"index":0,"delta":{"content":"…"},"finish_reason":null}]}</c>), handled without a JSON tree:
    /// one pass of a reader over the event's bytes finds the text, the transform takes it, and a changed text is written
    /// into a copy of the bytes at the place the reader found. What comes out is what the tree path below makes of such a
    /// chunk (tested); any other shape, or a choice whose reasoning is still open, returns false and takes that path.
    /// </summary>
    private bool TryTextDelta(SseEvent e, List<SseEvent> output)
    {
        if (TreeOnly || Text is null || e.Json is not null || e.Hold is not null || e.Release is not null) return false;
        if (!e.TryFindData(out int dataStart, out int dataEnd) || dataEnd == dataStart || e.Raw![dataStart] != '{') return false;
        if (!TextDelta.TryRead(e.Raw.AsSpan(dataStart, dataEnd - dataStart), out var d)) return false;
        // The choice of the last text-only chunk, remembered (a choice's state, once made, stays the same object).
        var st = _lastText is { } last && _lastTextIndex == d.Index ? last : _choices.GetValueOrDefault(d.Index);
        if (st is { InReasoning: true }) return false;
        if (st is null) _choices[d.Index] = st = new Choice();
        _lastText = st;
        _lastTextIndex = d.Index;
        if (d.HasId) _idFrom = e;
        if (d.HasCreated) _createdFrom = e;
        if (d.HasModel) _modelFrom = e;
        var t = (st.Text ??= Text.Begin()).Push(d.Content);
        bool same = string.Equals(t, d.Content, StringComparison.Ordinal);
        if (!same) e.ReplaceStringAt(dataStart, dataEnd, dataStart + d.ContentStart, d.ContentLength, t);
        // The tap's reassembly takes the text from here instead of reading the event again: what the client receives
        // reads back as t (a text with a lone surrogate would not: it is read from the bytes, as any other event).
        if (!d.HasUsage && (same || WellFormed(t))) e.Text = new ChatText(d.Index, t, d.Role);
        output.Add(e);
        return true;
    }

    /// <summary>Whether <paramref name="s"/> is well-formed UTF-16 (every surrogate in a pair).</summary>
    private static bool WellFormed(string s)
    {
        int i = s.AsSpan().IndexOfAnyInRange('\uD800', '\uDFFF');
        if (i < 0) return true;
        for (; i < s.Length; i++)
        {
            if (char.IsHighSurrogate(s[i]) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1])) i++;
            else if (char.IsSurrogate(s[i])) return false;
        }
        return true;
    }

    /// <summary>Takes id, created and model from the latest text-only chunks that had them (see <see cref="TryTextDelta"/>).</summary>
    private void ResolveHead()
    {
        if (_idFrom is { } a) { _id = a.Object()?["id"] ?? _id; _idFrom = null; }
        if (_createdFrom is { } b) { _created = b.Object()?["created"] ?? _created; _createdFrom = null; }
        if (_modelFrom is { } c) { _model = c.Object()?["model"] ?? _model; _modelFrom = null; }
    }

    private static bool HasValue(JsonNode? v)
        => v is not null && v.GetValueKind() switch { JsonValueKind.Null => false, JsonValueKind.String => v.GetValue<string>().Length > 0, _ => true };

    /// <summary>The stream is over: a summary tail still owed, or transformed text still held back, goes out now.</summary>
    private void EndAll(List<SseEvent> output)
    {
        ResolveHead();
        foreach (var (index, st) in _choices)
        {
            if (st.InReasoning)
            {
                st.InReasoning = false;
                var tail = st.Summary?.Finish() ?? "";
                if (tail.Length > 0) output.Add(Chunk(index, st.Field, tail, release: true));
                else if (HoldEnabled) output.Add(SseEvent.ReleaseMarker(HoldKey));
            }
            if (st.Text is not null)
            {
                var tail = st.Text.Flush();
                st.Text = null;
                if (tail.Length > 0) output.Add(Chunk(index, "content", tail, release: false));
            }
        }
    }

    private SseEvent Chunk(int index, string field, string value, bool release)
    {
        var json = new JsonObject
        {
            ["id"] = _id?.DeepClone(),
            ["object"] = "chat.completion.chunk",
            ["created"] = _created?.DeepClone(),
            ["model"] = _model?.DeepClone(),
            ["choices"] = new JsonArray(new JsonObject { ["index"] = index, ["delta"] = new JsonObject { [field] = value }, ["finish_reason"] = null }),
        };
        var e = SseEvent.Synthetic(null, json);
        if (release && HoldEnabled) { e.Hold = HoldKey; e.Release = HoldKey; }
        return e;
    }
}
