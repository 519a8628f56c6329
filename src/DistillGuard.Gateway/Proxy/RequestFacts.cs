using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace DistillGuard.Gateway.Proxy;

/// <summary>
/// What the gateway reads from a request body: the model, whether it streams, the conversation it belongs to, and the
/// reasoning artifacts it presents back (Anthropic assistant <c>thinking</c> signatures and <c>redacted_thinking</c> data;
/// Responses <c>reasoning</c> input items' <c>encrypted_content</c>).
/// </summary>
internal sealed class RequestFacts
{
    /// <summary>The body is a JSON object (only then is the exchange tapped).</summary>
    public bool IsObject { get; private init; }
    public string? Model { get; private init; }
    public bool Stream { get; private init; }
    /// <summary>A stable key for the conversation: the Responses <c>conversation</c> id where given, else a hash of the first user turn's text.
    /// Hashed on first use: only artifact binding needs it, and most exchanges neither present nor issue artifacts.</summary>
    public string Conversation => _conversation ??= ConversationKey(_firstUser);
    private string? _conversation;
    private string? _firstUser;
    public List<string> PresentedArtifacts { get; } = [];

    public static RequestFacts Parse(ApiKind api, ReadOnlyMemory<byte> body)
    {
        JsonDocument doc;
        try { doc = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 256 }); }
        catch (JsonException) { return new RequestFacts(); }
        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return new RequestFacts();
            string? model = root.TryGetProperty("model", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
            bool stream = root.TryGetProperty("stream", out var s) && s.ValueKind == JsonValueKind.True;
            string? firstUser = null, conversation = null;
            var facts = new RequestFacts { IsObject = true, Model = model, Stream = stream };
            if (api == ApiKind.Responses)
            {
                if (root.TryGetProperty("conversation", out var conv))
                    conversation = conv.ValueKind == JsonValueKind.String ? conv.GetString()
                        : conv.ValueKind == JsonValueKind.Object && conv.TryGetProperty("id", out var cid) && cid.ValueKind == JsonValueKind.String ? cid.GetString() : null;
                if (root.TryGetProperty("input", out var input))
                {
                    if (input.ValueKind == JsonValueKind.String) firstUser = input.GetString();
                    else if (input.ValueKind == JsonValueKind.Array)
                        foreach (var item in input.EnumerateArray())
                        {
                            if (item.ValueKind != JsonValueKind.Object) continue;
                            string? type = Prop(item, "type"), role = Prop(item, "role");
                            if (type == "reasoning" && Prop(item, "encrypted_content") is { Length: > 0 } ec) facts.PresentedArtifacts.Add(ec);
                            else if (role == "user" && firstUser is null && item.TryGetProperty("content", out var c)) firstUser = Text(c);
                        }
                }
            }
            else if (root.TryGetProperty("messages", out var messages) && messages.ValueKind == JsonValueKind.Array)
            {
                foreach (var msg in messages.EnumerateArray())
                {
                    if (msg.ValueKind != JsonValueKind.Object) continue;
                    var role = Prop(msg, "role");
                    if (!msg.TryGetProperty("content", out var content)) continue;
                    if (role == "user" && firstUser is null) firstUser = Text(content);
                    if (api == ApiKind.AnthropicMessages && role == "assistant" && content.ValueKind == JsonValueKind.Array)
                        foreach (var block in content.EnumerateArray())
                        {
                            if (block.ValueKind != JsonValueKind.Object) continue;
                            var type = Prop(block, "type");
                            if (type == "thinking" && Prop(block, "signature") is { Length: > 0 } sig) facts.PresentedArtifacts.Add(sig);
                            else if (type == "redacted_thinking" && Prop(block, "data") is { Length: > 0 } data) facts.PresentedArtifacts.Add(data);
                        }
                }
            }
            facts._conversation = conversation;
            facts._firstUser = firstUser;
            return facts;
        }
    }

    /// <summary>The conversation key of a first user turn: 16 hex digits of SHA-256 of its text ("" when there is none).</summary>
    public static string ConversationKey(string? firstUserText)
        => string.IsNullOrEmpty(firstUserText) ? "" : "c_" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(firstUserText)).AsSpan(0, 8));

    private static string? Prop(JsonElement e, string name)
        => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    /// <summary>The text of a content value: a string, or the <c>text</c> of its parts joined by newlines.</summary>
    private static string? Text(JsonElement content)
    {
        if (content.ValueKind == JsonValueKind.String) return content.GetString();
        if (content.ValueKind != JsonValueKind.Array) return null;
        var sb = new StringBuilder();
        foreach (var part in content.EnumerateArray())
            if (part.ValueKind == JsonValueKind.Object && Prop(part, "text") is { } t)
            {
                if (sb.Length > 0) sb.Append('\n');
                sb.Append(t);
            }
        return sb.ToString();
    }
}
