using System.Text.Json;
using System.Text.Json.Nodes;
using DistillGuard.Gateway.Policy;
using DistillGuard.Gateway.Proxy;
using DistillGuard.Gateway.Seams;
using static DistillGuard.Gateway.Streaming.JsonBits;

namespace DistillGuard.Gateway.Streaming;

/// <summary>Reasoning protection and the text transform on a buffered (non-streamed) response body, and the artifacts it issues.</summary>
internal static class BodyRewriter
{
    /// <summary>Rewrites <paramref name="body"/> in place. Returns how many reasoning blocks were stripped or summarised, and whether anything changed.</summary>
    public static (int ReasoningBlocks, bool Changed) Rewrite(ApiKind api, JsonObject body, ReasoningProtection? protect, IResponseTextTransformer? text)
    {
        int blocks = 0;
        bool changed = false;
        switch (api)
        {
            case ApiKind.ChatCompletions:
                foreach (var c in (body["choices"] as JsonArray ?? []).OfType<JsonObject>())
                {
                    if (c["message"] is not JsonObject m) continue;
                    if (protect is not null)
                    {
                        bool had = false;
                        foreach (var f in (string[])["reasoning_content", "reasoning"])
                        {
                            if (!m.ContainsKey(f)) continue;
                            var r = Str(m[f]);
                            if (protect.Mode == ReasoningMode.Summarise && r is not null) m[f] = ReasoningSummariser.Summarise(r, protect.MaxChars);
                            else m.Remove(f);
                            had |= !string.IsNullOrEmpty(r);
                            changed = true;
                        }
                        if (m.Remove("reasoning_details")) changed = true;
                        if (had) blocks++;
                    }
                    if (text is not null)
                    {
                        if (Str(m["content"]) is { } s) { m["content"] = text.Apply(s); changed = true; }
                        else if (m["content"] is JsonArray parts) changed |= ApplyParts(parts, "text", text);
                    }
                }
                break;
            case ApiKind.Responses:
                if (body["output"] is not JsonArray output) break;
                for (int i = output.Count - 1; i >= 0; i--)
                {
                    if (output[i] is not JsonObject item) continue;
                    var type = Type(item);
                    if (type == "reasoning" && protect is not null)
                    {
                        blocks++;
                        changed = true;
                        if (protect.Mode == ReasoningMode.Strip) { output.RemoveAt(i); continue; }
                        foreach (var p in (item["summary"] as JsonArray ?? []).OfType<JsonObject>())
                            if (Str(p["text"]) is { } t) p["text"] = ReasoningSummariser.Summarise(t, protect.MaxChars);
                        item.Remove("content");
                    }
                    else if (type == "message" && text is not null && item["content"] is JsonArray parts)
                        changed |= ApplyParts(parts, "output_text", text);
                }
                break;
            default:
                if (body["content"] is not JsonArray content) break;
                for (int i = content.Count - 1; i >= 0; i--)
                {
                    if (content[i] is not JsonObject block) continue;
                    var type = Type(block);
                    if (type is "thinking" or "redacted_thinking" && protect is not null)
                    {
                        blocks++;
                        if (protect.Mode == ReasoningMode.Strip) { content.RemoveAt(i); changed = true; }
                        else if (type == "thinking" && Str(block["thinking"]) is { } t)
                        {
                            block["thinking"] = ReasoningSummariser.Summarise(t, protect.MaxChars);
                            changed = true;
                        }
                    }
                    else if (type == "text" && text is not null && Str(block["text"]) is { } s)
                    {
                        block["text"] = text.Apply(s);
                        changed = true;
                    }
                }
                break;
        }
        return (blocks, changed);
    }

    private static bool ApplyParts(JsonArray parts, string partType, IResponseTextTransformer text)
    {
        bool changed = false;
        foreach (var p in parts.OfType<JsonObject>())
            if ((Type(p) == partType || (partType == "text" && Type(p) is null)) && Str(p["text"]) is { } s) { p["text"] = text.Apply(s); changed = true; }
        return changed;
    }

    /// <summary>The artifacts a body passed through unparsed issues (read without building a DOM); none when it is not JSON.</summary>
    public static IReadOnlyList<string> Issued(ApiKind api, ReadOnlyMemory<byte> body)
    {
        if (api is not (ApiKind.Responses or ApiKind.AnthropicMessages)) return [];
        var found = new List<string>();
        try
        {
            using var doc = JsonDocument.Parse(body);
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return found;
            string list = api == ApiKind.Responses ? "output" : "content";
            if (!root.TryGetProperty(list, out var items) || items.ValueKind != JsonValueKind.Array) return found;
            foreach (var item in items.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.Object) continue;
                string? type = Prop(item, "type");
                string? artifact = api == ApiKind.Responses
                    ? type == "reasoning" ? Prop(item, "encrypted_content") : null
                    : type == "thinking" ? Prop(item, "signature") : type == "redacted_thinking" ? Prop(item, "data") : null;
                if (artifact is { Length: > 0 }) found.Add(artifact);
            }
        }
        catch (JsonException) { }
        return found;

        static string? Prop(JsonElement e, string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
    }

    /// <summary>The reasoning artifacts a response body hands to the client: thinking signatures and redacted data, encrypted_content.</summary>
    public static IEnumerable<string> Issued(ApiKind api, JsonObject body)
    {
        if (api == ApiKind.Responses)
        {
            foreach (var item in (body["output"] as JsonArray ?? []).OfType<JsonObject>())
                if (Type(item) == "reasoning" && Str(item["encrypted_content"]) is { Length: > 0 } ec) yield return ec;
        }
        else if (api == ApiKind.AnthropicMessages)
        {
            foreach (var block in (body["content"] as JsonArray ?? []).OfType<JsonObject>())
            {
                if (Type(block) == "thinking" && Str(block["signature"]) is { Length: > 0 } sig) yield return sig;
                if (Type(block) == "redacted_thinking" && Str(block["data"]) is { Length: > 0 } data) yield return data;
            }
        }
    }
}
