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
    /// <summary>Artifacts the request presents back, in order (none: an empty list, nothing allocated).</summary>
    public IReadOnlyList<string> PresentedArtifacts { get; private init; } = [];

    private static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = 256 };

    /// <summary>
    /// Reads the body once with a forward-only reader (no document is built): the top-level <c>model</c>, <c>stream</c>,
    /// Responses <c>conversation</c>, and per message or input item its role and type, the raw extent of its content
    /// (turned into text only for the first user turn) and any presented artifact. Invalid JSON, or a body that is not an
    /// object, gives facts with <see cref="IsObject"/> false.
    /// </summary>
    public static RequestFacts Parse(ApiKind api, ReadOnlyMemory<byte> body)
    {
        try { return Read(api, body.Span); }
        catch (JsonException) { return new RequestFacts(); }
    }

    private static RequestFacts Read(ApiKind api, ReadOnlySpan<byte> body)
    {
        var r = new Utf8JsonReader(body, isFinalBlock: true, new JsonReaderState(ReaderOptions));
        if (!r.Read() || r.TokenType != JsonTokenType.StartObject) return new RequestFacts();   // not an object (valid or not): not tapped
        string? model = null, conversation = null, firstUser = null;
        bool stream = false;
        List<string>? presented = null;   // allocated at the first artifact: most requests present none
        while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
        {
            if (r.ValueTextEquals("model"u8)) { r.Read(); model = r.TokenType == JsonTokenType.String ? r.GetString() : Skip(ref r); }
            else if (r.ValueTextEquals("stream"u8)) { r.Read(); stream = r.TokenType == JsonTokenType.True; r.Skip(); }
            else if (api == ApiKind.Responses && r.ValueTextEquals("conversation"u8))
            {
                r.Read();
                if (r.TokenType == JsonTokenType.String) conversation = r.GetString();
                else if (r.TokenType == JsonTokenType.StartObject) conversation = StringMember(ref r, "id"u8);
                else r.Skip();
            }
            else if (api == ApiKind.Responses && r.ValueTextEquals("input"u8))
            {
                r.Read();
                if (r.TokenType == JsonTokenType.String) firstUser = r.GetString();
                else if (r.TokenType == JsonTokenType.StartArray) Items(ref r, body, api, ref presented, ref firstUser);
                else r.Skip();
            }
            else if (api != ApiKind.Responses && r.ValueTextEquals("messages"u8))
            {
                r.Read();
                if (r.TokenType == JsonTokenType.StartArray) Items(ref r, body, api, ref presented, ref firstUser);
                else r.Skip();
            }
            else { r.Read(); r.Skip(); }
        }
        // the root object is closed: anything after it but white space is invalid (the reader throws)
        r.Read();
        return new RequestFacts
        {
            IsObject = true, Model = model, Stream = stream, PresentedArtifacts = presented ?? [], _conversation = conversation, _firstUser = firstUser,
        };
    }

    private static string? Skip(ref Utf8JsonReader r)
    {
        r.Skip();
        return null;
    }

    /// <summary>The first string member <paramref name="name"/> of an object (the reader on its start: a Responses
    /// <c>conversation</c>'s <c>id</c>, a content part's <c>text</c>); the reader ends on the object's end.</summary>
    private static string? StringMember(ref Utf8JsonReader r, ReadOnlySpan<byte> name)
    {
        string? value = null;
        while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
        {
            bool match = r.ValueTextEquals(name);
            r.Read();
            if (match && r.TokenType == JsonTokenType.String) value ??= r.GetString();
            else r.Skip();
        }
        return value;
    }

    private enum Role : byte { Other, User, Assistant }

    /// <summary>
    /// The messages (Chat, Anthropic) or input items (Responses) array, the reader on its start, ending on its end. Per
    /// object: its role, its type, the extent of its content and a Responses reasoning item's <c>encrypted_content</c>;
    /// properties may come in any order, so each is judged when its object ends.
    /// </summary>
    private static void Items(ref Utf8JsonReader r, ReadOnlySpan<byte> body, ApiKind api, ref List<string>? presented, ref string? firstUser)
    {
        while (r.Read() && r.TokenType != JsonTokenType.EndArray)
        {
            if (r.TokenType != JsonTokenType.StartObject) { r.Skip(); continue; }
            var role = Role.Other;
            bool reasoning = false;
            string? encrypted = null;
            int contentStart = -1, contentEnd = -1;
            while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
            {
                if (r.ValueTextEquals("role"u8))
                {
                    r.Read();
                    role = r.TokenType != JsonTokenType.String ? Role.Other : r.ValueTextEquals("user"u8) ? Role.User : r.ValueTextEquals("assistant"u8) ? Role.Assistant : Role.Other;
                    r.Skip();
                }
                else if (r.ValueTextEquals("type"u8))
                {
                    r.Read();
                    reasoning = r.TokenType == JsonTokenType.String && r.ValueTextEquals("reasoning"u8);
                    r.Skip();
                }
                else if (api == ApiKind.Responses && r.ValueTextEquals("encrypted_content"u8))
                {
                    r.Read();
                    encrypted = r.TokenType == JsonTokenType.String ? r.GetString() : Skip(ref r);
                }
                else if (r.ValueTextEquals("content"u8))
                {
                    r.Read();
                    contentStart = (int)r.TokenStartIndex;
                    r.Skip();
                    contentEnd = (int)r.BytesConsumed;
                }
                else { r.Read(); r.Skip(); }
            }
            if (api == ApiKind.Responses && reasoning)
            {
                if (encrypted is { Length: > 0 }) (presented ??= []).Add(encrypted);
                continue;
            }
            if (contentStart < 0) continue;
            var content = body[contentStart..contentEnd];
            if (role == Role.User && firstUser is null) firstUser = Text(content);
            if (api == ApiKind.AnthropicMessages && role == Role.Assistant) ThinkingArtifacts(content, ref presented);
        }
    }

    /// <summary>The text of a content value: a string, or the <c>text</c> of its parts joined by newlines.</summary>
    private static string? Text(ReadOnlySpan<byte> content)
    {
        var r = new Utf8JsonReader(content, isFinalBlock: true, new JsonReaderState(ReaderOptions));
        r.Read();
        if (r.TokenType == JsonTokenType.String) return r.GetString();
        if (r.TokenType != JsonTokenType.StartArray) return null;
        var sb = new StringBuilder();
        while (r.Read() && r.TokenType != JsonTokenType.EndArray)
        {
            if (r.TokenType != JsonTokenType.StartObject) { r.Skip(); continue; }
            string? text = StringMember(ref r, "text"u8);
            if (text is null) continue;
            if (sb.Length > 0) sb.Append('\n');
            sb.Append(text);
        }
        return sb.ToString();
    }

    /// <summary>An Anthropic assistant turn's presented artifacts: <c>thinking</c> blocks' signatures, <c>redacted_thinking</c> blocks' data.</summary>
    private static void ThinkingArtifacts(ReadOnlySpan<byte> content, ref List<string>? presented)
    {
        var r = new Utf8JsonReader(content, isFinalBlock: true, new JsonReaderState(ReaderOptions));
        r.Read();
        if (r.TokenType != JsonTokenType.StartArray) return;
        while (r.Read() && r.TokenType != JsonTokenType.EndArray)
        {
            if (r.TokenType != JsonTokenType.StartObject) { r.Skip(); continue; }
            bool thinking = false, redacted = false;
            string? signature = null, data = null;
            while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
            {
                if (r.ValueTextEquals("type"u8))
                {
                    r.Read();
                    thinking = r.TokenType == JsonTokenType.String && r.ValueTextEquals("thinking"u8);
                    redacted = r.TokenType == JsonTokenType.String && r.ValueTextEquals("redacted_thinking"u8);
                    r.Skip();
                }
                else if (r.ValueTextEquals("signature"u8)) { r.Read(); signature = r.TokenType == JsonTokenType.String ? r.GetString() : Skip(ref r); }
                else if (r.ValueTextEquals("data"u8)) { r.Read(); data = r.TokenType == JsonTokenType.String ? r.GetString() : Skip(ref r); }
                else { r.Read(); r.Skip(); }
            }
            if (thinking && signature is { Length: > 0 }) (presented ??= []).Add(signature);
            else if (redacted && data is { Length: > 0 }) (presented ??= []).Add(data);
        }
    }

    /// <summary>The conversation key of a first user turn: 16 hex digits of SHA-256 of its text ("" when there is none).</summary>
    public static string ConversationKey(string? firstUserText)
        => string.IsNullOrEmpty(firstUserText) ? "" : "c_" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(firstUserText)).AsSpan(0, 8));
}
