using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using DistillGuard.Gateway.Proxy;
using static DistillGuard.Gateway.Streaming.JsonBits;

namespace DistillGuard.Gateway.Streaming;

/// <summary>
/// Reassembles the events a client received into the API's non-streamed response body (exchange-log spec: "a streamed
/// response reassembled into the non-streamed shape"): text, reasoning, tool calls, usage. Reports every reasoning
/// artifact (thinking signature, redacted data, encrypted_content) the moment it passes, before it reaches the client.
/// </summary>
internal abstract class StreamAccumulator(Action<string>? issued)
{
    protected void Issued(string? artifact) { if (!string.IsNullOrEmpty(artifact)) issued?.Invoke(artifact); }

    public abstract void Observe(SseEvent e);

    /// <summary>The reassembled body, or null when the stream carried nothing usable.</summary>
    public abstract JsonObject? Build();

    public static StreamAccumulator For(ApiKind api, Action<string>? issued) => api switch
    {
        ApiKind.ChatCompletions => new ChatAccumulator(issued),
        ApiKind.Responses => new ResponsesAccumulator(issued),
        _ => new AnthropicAccumulator(issued),
    };
}

internal sealed class ChatAccumulator(Action<string>? issued) : StreamAccumulator(issued)
{
    private sealed class Choice
    {
        public string Role = "assistant";
        public StringBuilder? Content, Reasoning, Refusal;
        public string ReasoningField = "reasoning_content";
        public readonly SortedDictionary<int, (string? Id, string? Type, StringBuilder Name, StringBuilder Args)> Tools = [];
        public JsonNode? Finish;
    }

    private readonly SortedDictionary<int, Choice> _choices = [];
    private JsonObject? _head;
    private JsonNode? _usage;

    /// <summary>Every chunk is read through the tree (tests compare the two paths).</summary>
    internal bool TreeOnly { get; init; }

    public override void Observe(SseEvent e)
    {
        // Most chunks of an answer carry only text: once the head is known, their text is appended without a tree,
        // taken from the rewriter (SseEvent.Text) or read from the event's bytes in one pass (TextDelta); what is
        // appended is what the tree below would append for such a chunk.
        if (_head is not null && !TreeOnly && (e.Text ?? ReadText(e)) is { } text)
        {
            if (!_choices.TryGetValue(text.Index, out var s)) _choices[text.Index] = s = new Choice();
            if (text.Role is { } r) s.Role = r;
            (s.Content ??= new()).Append(text.Content);
            return;
        }
        var chunk = e.Object();
        if (chunk is null) return;
        if (_head is null)
        {
            _head = new JsonObject();
            foreach (var k in (string[])["id", "created", "model", "system_fingerprint", "service_tier"])
                if (chunk[k] is { } v) _head[k] = v.DeepClone();
        }
        if (!IsNull(chunk["usage"])) _usage = chunk["usage"]!.DeepClone();
        if (chunk["choices"] is not JsonArray choices) return;
        foreach (var c in choices.OfType<JsonObject>())
        {
            int index = Int(c["index"]) ?? 0;
            if (!_choices.TryGetValue(index, out var st)) _choices[index] = st = new Choice();
            if (!IsNull(c["finish_reason"])) st.Finish = c["finish_reason"]!.DeepClone();
            if (c["delta"] is not JsonObject d) continue;
            if (Str(d["role"]) is { } role) st.Role = role;
            if (Str(d["content"]) is { } content) (st.Content ??= new()).Append(content);
            if (Str(d["refusal"]) is { } refusal) (st.Refusal ??= new()).Append(refusal);
            if (Str(d["reasoning_content"]) is { } rc) (st.Reasoning ??= new()).Append(rc);
            else if (Str(d["reasoning"]) is { } r) { (st.Reasoning ??= new()).Append(r); st.ReasoningField = "reasoning"; }
            if (d["tool_calls"] is JsonArray calls)
                foreach (var tc in calls.OfType<JsonObject>())
                {
                    int ti = Int(tc["index"]) ?? 0;
                    if (!st.Tools.TryGetValue(ti, out var t)) st.Tools[ti] = t = (null, null, new(), new());
                    t.Id ??= Str(tc["id"]);
                    t.Type ??= Str(tc["type"]);
                    if (tc["function"] is JsonObject f)
                    {
                        t.Name.Append(Str(f["name"]));
                        t.Args.Append(Str(f["arguments"]));
                    }
                    st.Tools[ti] = t;
                }
        }
    }

    /// <summary>The text of a text-only chunk without usage (<see cref="TextDelta"/>), read from the event's bytes; else null.
    /// An event already parsed is read from its tree (a rewriter may have changed the tree and not yet the bytes).</summary>
    private static ChatText? ReadText(SseEvent e)
    {
        if (e.Json is not null) return null;
        var data = e.DataBytes;
        if (data.IsEmpty || data[0] != '{' || !TextDelta.TryRead(data, out var d) || d.HasUsage) return null;
        return new ChatText(d.Index, d.Content, d.Role);
    }

    public override JsonObject? Build()
    {
        if (_head is null) return null;
        var body = new JsonObject { ["id"] = _head["id"]?.DeepClone(), ["object"] = "chat.completion" };
        foreach (var k in (string[])["created", "model", "system_fingerprint", "service_tier"])
            if (_head[k] is { } v) body[k] = v.DeepClone();
        var choices = new JsonArray();
        foreach (var (index, st) in _choices)
        {
            var message = new JsonObject { ["role"] = st.Role, ["content"] = st.Content?.ToString() };
            if (st.Refusal is not null) message["refusal"] = st.Refusal.ToString();
            if (st.Reasoning is not null) message[st.ReasoningField] = st.Reasoning.ToString();
            if (st.Tools.Count > 0)
                message["tool_calls"] = new JsonArray(st.Tools.Values.Select(t => (JsonNode)new JsonObject
                {
                    ["id"] = t.Id,
                    ["type"] = t.Type ?? "function",
                    ["function"] = new JsonObject { ["name"] = t.Name.ToString(), ["arguments"] = t.Args.ToString() },
                }).ToArray());
            choices.Add(new JsonObject { ["index"] = index, ["message"] = message, ["finish_reason"] = st.Finish?.DeepClone() });
        }
        body["choices"] = choices;
        if (_usage is not null) body["usage"] = _usage.DeepClone();
        return body;
    }
}

internal sealed class ResponsesAccumulator(Action<string>? issued) : StreamAccumulator(issued)
{
    private JsonObject? _envelope;      // the latest response.* snapshot
    private bool _final;                // it is response.completed / incomplete / failed
    private readonly SortedDictionary<int, JsonObject> _items = [];

    public override void Observe(SseEvent e)
    {
        var json = e.Object();
        if (json is null) return;
        string type = Type(json) ?? "";
        if (json["response"] is JsonObject r && type.StartsWith("response.", StringComparison.Ordinal))
        {
            _envelope = (JsonObject)r.DeepClone();
            _final = type is "response.completed" or "response.incomplete" or "response.failed";
            if (r["output"] is JsonArray output)
                foreach (var item in output.OfType<JsonObject>()) IssuedFrom(item);
            return;
        }
        if (type is "response.output_item.added" or "response.output_item.done" && json["item"] is JsonObject it && Int(json["output_index"]) is { } oi)
        {
            IssuedFrom(it);
            if (type == "response.output_item.done") _items[oi] = (JsonObject)it.DeepClone();
        }
    }

    private void IssuedFrom(JsonObject item)
    {
        if (Type(item) == "reasoning") Issued(Str(item["encrypted_content"]));
    }

    public override JsonObject? Build()
    {
        if (_envelope is null) return null;
        var body = (JsonObject)_envelope.DeepClone();
        if (!_final || body["output"] is not JsonArray { Count: > 0 })
            body["output"] = new JsonArray(_items.Values.Select(i => (JsonNode)i.DeepClone()).ToArray());
        return body;
    }
}

internal sealed class AnthropicAccumulator(Action<string>? issued) : StreamAccumulator(issued)
{
    private JsonObject? _message;
    private readonly SortedDictionary<int, JsonObject> _blocks = [];
    private readonly Dictionary<int, StringBuilder> _json = [];

    public override void Observe(SseEvent e)
    {
        var json = e.Object();
        if (json is null) return;
        switch (Type(json))
        {
            case "message_start" when json["message"] is JsonObject m:
                _message = (JsonObject)m.DeepClone();
                break;
            case "content_block_start" when Int(json["index"]) is { } i && json["content_block"] is JsonObject cb:
                _blocks[i] = (JsonObject)cb.DeepClone();
                Issued(Str(cb["signature"]));
                if (Type(cb) == "redacted_thinking") Issued(Str(cb["data"]));
                break;
            case "content_block_delta" when Int(json["index"]) is { } i && json["delta"] is JsonObject d && _blocks.TryGetValue(i, out var block):
                switch (Type(d))
                {
                    case "text_delta": Append(block, "text", Str(d["text"])); break;
                    case "thinking_delta": Append(block, "thinking", Str(d["thinking"])); break;
                    case "signature_delta":
                        var sig = Str(d["signature"]);
                        block["signature"] = (Str(block["signature"]) ?? "") + sig;
                        Issued(Str(block["signature"]));
                        break;
                    case "input_json_delta":
                        if (!_json.TryGetValue(i, out var sb)) _json[i] = sb = new StringBuilder();
                        sb.Append(Str(d["partial_json"]));
                        break;
                    case "citations_delta" when d["citation"] is { } citation:
                        if (block["citations"] is not JsonArray list) block["citations"] = list = new JsonArray();
                        list.Add(citation.DeepClone());
                        break;
                }
                break;
            case "content_block_stop" when Int(json["index"]) is { } i && _blocks.TryGetValue(i, out var done) && _json.Remove(i, out var partial):
                try { done["input"] = partial.Length == 0 ? new JsonObject() : JsonNode.Parse(partial.ToString()); }
                catch (JsonException) { done["input"] = partial.ToString(); }
                break;
            case "message_delta" when _message is not null:
                if (json["delta"] is JsonObject md)
                    foreach (var (k, v) in md) _message[k] = v?.DeepClone();
                if (json["usage"] is JsonObject u)
                {
                    if (_message["usage"] is not JsonObject mu) _message["usage"] = mu = new JsonObject();
                    foreach (var (k, v) in u) mu[k] = v?.DeepClone();
                }
                break;
        }
    }

    private static void Append(JsonObject block, string field, string? text) => block[field] = (Str(block[field]) ?? "") + text;

    public override JsonObject? Build()
    {
        if (_message is null) return null;
        var body = (JsonObject)_message.DeepClone();
        body["content"] = new JsonArray(_blocks.Values.Select(b => (JsonNode)b.DeepClone()).ToArray());
        return body;
    }
}
