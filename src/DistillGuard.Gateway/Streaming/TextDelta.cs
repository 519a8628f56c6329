using System.Text.Json;

namespace DistillGuard.Gateway.Streaming;

/// <summary>
/// Recognises, in one pass of a <see cref="Utf8JsonReader"/> and without building a tree, the Chat Completions chunk
/// that carries only answer text: a root object whose <c>choices</c> is an array of exactly one object with an integer
/// <c>index</c> (or none), a <c>delta</c> object whose members are a non-empty string <c>content</c> and at most a
/// <c>role</c>, and a <c>finish_reason</c> that is null or absent; other members of the root and of the choice may be
/// anything. Anything else — malformed JSON, escaped or repeated member names in the objects it reads, a value of another
/// kind — is not recognised, and the caller takes its general path. The common compact shape is read first by
/// <see cref="TextDeltaCompact"/>, which answers only when it is sure of the reader's answer.
/// </summary>
internal readonly record struct TextDelta(int Index, string Content, int ContentStart, int ContentLength, bool HasId, bool HasCreated, bool HasModel,
    string? Role = null, bool HasRole = false, bool HasUsage = false)
{
    /// <summary>Reads <paramref name="json"/> (the whole data of an event); <c>ContentStart</c>/<c>ContentLength</c> is the
    /// content's string token in it, quotes included.</summary>
    public static bool TryRead(ReadOnlySpan<byte> json, out TextDelta delta)
        => TextDeltaCompact.TryRead(json, out delta) || TryReadWithReader(json, out delta);

    /// <summary>As <see cref="TryRead"/>, always with the reader (the definition the compact scan is checked against).</summary>
    internal static bool TryReadWithReader(ReadOnlySpan<byte> json, out TextDelta delta)
    {
        delta = default;
        try
        {
            var r = new Utf8JsonReader(json);
            return Root(json, ref r, out delta) && !r.Read();
        }
        catch (JsonException) { return false; }
        catch (InvalidOperationException) { return false; }   // a text that is not valid UTF-16 once unescaped (GetString)
    }

    private static bool Root(ReadOnlySpan<byte> json, ref Utf8JsonReader r, out TextDelta delta)
    {
        delta = default;
        if (!r.Read() || r.TokenType != JsonTokenType.StartObject) return false;
        Span<Name> names = stackalloc Name[16];
        int count = 0;
        bool choices = false, hasId = false, hasCreated = false, hasModel = false, hasUsage = false, hasRole = false;
        int index = 0, start = 0, length = 0;
        string? content = null, role = null;
        while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
        {
            if (!Distinct(json, ref r, names, ref count)) return false;
            if (r.ValueTextEquals("choices"u8))
            {
                if (!r.Read() || r.TokenType != JsonTokenType.StartArray) return false;
                if (!r.Read() || r.TokenType != JsonTokenType.StartObject) return false;
                if (!Choice(json, ref r, out index, out content, out start, out length, out role, out hasRole)) return false;
                if (!r.Read() || r.TokenType != JsonTokenType.EndArray) return false;
                choices = true;
                continue;
            }
            bool id = r.ValueTextEquals("id"u8), created = !id && r.ValueTextEquals("created"u8), model = !id && !created && r.ValueTextEquals("model"u8);
            bool usage = !id && !created && !model && r.ValueTextEquals("usage"u8);
            if (!r.Read()) return false;
            bool present = r.TokenType != JsonTokenType.Null;
            hasId |= id && present;
            hasCreated |= created && present;
            hasModel |= model && present;
            hasUsage |= usage && present;
            r.Skip();
        }
        if (r.TokenType != JsonTokenType.EndObject || !choices) return false;
        delta = new TextDelta(index, content!, start, length, hasId, hasCreated, hasModel, role, hasRole, hasUsage);
        return true;
    }

    /// <summary>The reader is on the choice's StartObject; leaves it on its EndObject.</summary>
    private static bool Choice(ReadOnlySpan<byte> json, ref Utf8JsonReader r, out int index, out string? content, out int start, out int length,
        out string? role, out bool hasRole)
    {
        index = 0;
        content = role = null;
        hasRole = false;
        start = length = 0;
        Span<Name> names = stackalloc Name[16];
        int count = 0;
        bool delta = false;
        while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
        {
            if (!Distinct(json, ref r, names, ref count)) return false;
            if (r.ValueTextEquals("index"u8))
            {
                if (!r.Read() || r.TokenType != JsonTokenType.Number || !r.TryGetInt32(out index)) return false;
            }
            else if (r.ValueTextEquals("finish_reason"u8))
            {
                if (!r.Read() || r.TokenType != JsonTokenType.Null) return false;
            }
            else if (r.ValueTextEquals("delta"u8))
            {
                if (!r.Read() || r.TokenType != JsonTokenType.StartObject || !Delta(ref r, out content, out start, out length, out role, out hasRole)) return false;
                delta = true;
            }
            else
            {
                if (!r.Read()) return false;
                r.Skip();
            }
        }
        return delta && r.TokenType == JsonTokenType.EndObject;
    }

    /// <summary>The reader is on the delta's StartObject; leaves it on its EndObject.</summary>
    private static bool Delta(ref Utf8JsonReader r, out string? content, out int start, out int length, out string? roleText, out bool role)
    {
        content = roleText = null;
        start = length = 0;
        role = false;
        while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
        {
            if (r.ValueIsEscaped) return false;
            if (r.ValueTextEquals("content"u8))
            {
                if (content is not null || !r.Read() || r.TokenType != JsonTokenType.String || r.HasValueSequence) return false;
                start = checked((int)r.TokenStartIndex);
                length = r.ValueSpan.Length + 2;
                content = r.GetString();
                if (string.IsNullOrEmpty(content)) return false;
            }
            else if (r.ValueTextEquals("role"u8))
            {
                if (role || !r.Read()) return false;
                role = true;
                if (r.TokenType == JsonTokenType.String) roleText = r.GetString();
                else r.Skip();
            }
            else return false;
        }
        return content is not null && r.TokenType == JsonTokenType.EndObject;
    }

    private readonly record struct Name(int Start, int Length);

    /// <summary>False when the member name the reader is on is escaped or was seen before in this object (or the object
    /// has more members than <paramref name="names"/> holds): the tree path decides what such JSON means.</summary>
    private static bool Distinct(ReadOnlySpan<byte> json, ref Utf8JsonReader r, scoped Span<Name> names, ref int count)
    {
        if (r.ValueIsEscaped || r.HasValueSequence || count == names.Length) return false;
        var span = r.ValueSpan;
        for (int i = 0; i < count; i++)
            if (json.Slice(names[i].Start, names[i].Length).SequenceEqual(span)) return false;
        names[count++] = new Name(checked((int)r.TokenStartIndex) + 1, span.Length);
        return true;
    }
}
