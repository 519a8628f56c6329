using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace DistillGuard.Gateway.Streaming;

/// <summary>One step of a path into a JSON document: a property name, or a position in an array.</summary>
internal readonly record struct PathStep(string? Name, int Index)
{
    public static implicit operator PathStep(string name) => new(name, -1);
    public static implicit operator PathStep(int index) => new(null, index);
}

/// <summary>
/// Replaces string values inside JSON bytes without parsing them into a tree: the bytes outside the replaced values are
/// kept as they were. Used for streamed events whose only change is their text, so they need not be re-serialised.
/// </summary>
internal static class JsonSplice
{
    private static readonly JavaScriptEncoder s_encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;   // as SseEvent.JsonOptions

    /// <summary>
    /// Where the string value at <paramref name="path"/> is in <paramref name="json"/>: the offset of its opening quote
    /// and its length, quotes included. False when the path is missing, ambiguous (a name twice in one object), does not
    /// end at a string, or the JSON is malformed.
    /// </summary>
    public static bool TryFindString(ReadOnlySpan<byte> json, ReadOnlySpan<PathStep> path, out int start, out int length)
    {
        start = length = 0;
        if (path.IsEmpty) return false;
        try
        {
            var r = new Utf8JsonReader(json);
            return r.Read() && Find(ref r, path, out start, out length);
        }
        catch (JsonException) { return false; }
    }

    /// <summary>The reader is on the start of a container; leaves it on the container's end.</summary>
    private static bool Find(ref Utf8JsonReader r, ReadOnlySpan<PathStep> path, out int start, out int length)
    {
        start = length = 0;
        var step = path[0];
        bool found = false;
        if (r.TokenType == JsonTokenType.StartObject && step.Name is { } name)
        {
            while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
            {
                bool match = r.ValueTextEquals(name);
                if (!r.Read()) return false;
                if (match)
                {
                    if (found || !Value(ref r, path[1..], out start, out length)) return false;
                    found = true;
                }
                else r.Skip();
            }
            return found && r.TokenType == JsonTokenType.EndObject;
        }
        if (r.TokenType == JsonTokenType.StartArray && step.Name is null)
        {
            int i = 0;
            while (r.Read() && r.TokenType != JsonTokenType.EndArray)
            {
                if (i++ == step.Index)
                {
                    if (!Value(ref r, path[1..], out start, out length)) return false;
                    found = true;
                }
                else r.Skip();
            }
            return found && r.TokenType == JsonTokenType.EndArray;
        }
        return false;
    }

    private static bool Value(ref Utf8JsonReader r, ReadOnlySpan<PathStep> rest, out int start, out int length)
    {
        start = length = 0;
        if (!rest.IsEmpty) return Find(ref r, rest, out start, out length);
        if (r.TokenType != JsonTokenType.String || r.HasValueSequence) return false;
        start = checked((int)r.TokenStartIndex);
        length = r.ValueSpan.Length + 2;
        return true;
    }

    /// <summary>
    /// Writes <paramref name="before"/>, then <paramref name="json"/> with each (path, value) replaced by the value as a
    /// JSON string, escaped as the gateway's serialiser escapes. Writes nothing and returns false when any path cannot be
    /// found or two name the same value.
    /// </summary>
    public static bool TryWrite(ReadOnlySpan<byte> before, ReadOnlySpan<byte> json, List<(PathStep[] Path, string Value)> edits, IBufferWriter<byte> w)
    {
        Span<(int Start, int Length, int Edit)> at = edits.Count <= 8 ? stackalloc (int, int, int)[edits.Count] : new (int, int, int)[edits.Count];
        for (int k = 0; k < edits.Count; k++)
        {
            if (!TryFindString(json, edits[k].Path, out int s, out int l)) return false;
            at[k] = (s, l, k);
        }
        at.Sort();
        for (int k = 1; k < at.Length; k++)
            if (at[k].Start < at[k - 1].Start + at[k - 1].Length) return false;   // the same value twice
        w.Write(before);
        int pos = 0;
        foreach (var (s, l, k) in at)
        {
            w.Write(json[pos..s]);
            WriteString(edits[k].Value, w);
            pos = s + l;
        }
        w.Write(json[pos..]);
        return true;
    }

    private static readonly UTF8Encoding s_strictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>
    /// A copy of <paramref name="bytes"/> with the <paramref name="length"/> bytes at <paramref name="start"/> (a JSON
    /// string token, quotes included) replaced by <paramref name="value"/> as a JSON string, escaped as
    /// <see cref="TryWrite"/> escapes. Text that needs no escape (most of it) is transcoded straight into the copy.
    /// </summary>
    public static byte[] Replace(byte[] bytes, int start, int length, string value)
    {
        int n = -1;
        try { n = s_strictUtf8.GetByteCount(value); }
        catch (ArgumentException) { }                                  // a lone surrogate: the encoder below decides
        if (n >= 0)
        {
            var copy = new byte[bytes.Length - length + n + 2];
            var text = copy.AsSpan(start + 1, n);
            s_strictUtf8.GetBytes(value, text);
            if (s_encoder.FindFirstCharacterToEncodeUtf8(text) < 0)
            {
                bytes.AsSpan(0, start).CopyTo(copy);
                copy[start] = (byte)'"';
                copy[start + 1 + n] = (byte)'"';
                bytes.AsSpan(start + length).CopyTo(copy.AsSpan(start + n + 2));
                return copy;
            }
        }
        var encoded = JsonEncodedText.Encode(value, s_encoder).EncodedUtf8Bytes;
        var result = new byte[bytes.Length - length + encoded.Length + 2];
        bytes.AsSpan(0, start).CopyTo(result);
        result[start] = (byte)'"';
        encoded.CopyTo(result.AsSpan(start + 1));
        result[start + 1 + encoded.Length] = (byte)'"';
        bytes.AsSpan(start + length).CopyTo(result.AsSpan(start + encoded.Length + 2));
        return result;
    }

    /// <summary>
    /// Writes to <paramref name="w"/> the bytes <see cref="Replace"/> returns, without making them an array first: text
    /// that needs no escape is transcoded straight into the writer's buffer.
    /// </summary>
    public static void WriteReplaced(byte[] bytes, int start, int length, string value, IBufferWriter<byte> w)
    {
        int rest = bytes.Length - start - length;
        var span = w.GetSpan(start + 2 + Encoding.UTF8.GetMaxByteCount(value.Length) + rest);
        var text = span[(start + 1)..];
        if (System.Text.Unicode.Utf8.FromUtf16(value, text, out _, out int n, replaceInvalidSequences: false) == OperationStatus.Done
            && s_encoder.FindFirstCharacterToEncodeUtf8(text[..n]) < 0)
        {
            bytes.AsSpan(0, start).CopyTo(span);
            span[start] = (byte)'"';
            span[start + 1 + n] = (byte)'"';
            bytes.AsSpan(start + length).CopyTo(span[(start + n + 2)..]);
            w.Advance(start + n + 2 + rest);
            return;
        }
        w.Write(Replace(bytes, start, length, value));                 // escapes needed, or a lone surrogate: rare
    }

    private static void WriteString(string value, IBufferWriter<byte> w)
    {
        var bytes = JsonEncodedText.Encode(value, s_encoder).EncodedUtf8Bytes;
        var span = w.GetSpan(bytes.Length + 2);
        span[0] = (byte)'"';
        bytes.CopyTo(span[1..]);
        span[bytes.Length + 1] = (byte)'"';
        w.Advance(bytes.Length + 2);
    }
}
