using System.Text.Json;
using DistillGuard.Core.Fingerprints;

namespace DistillGuard.Core.Parsing;

/// <summary>Small helpers over <see cref="Utf8JsonReader"/> used by the body readers. Values of the wrong type are skipped, never thrown on.</summary>
internal static class Json
{
    /// <summary>Reads the value after a property name; returns whether it was an integer (larger ones clamp).</summary>
    public static bool ReadInt(ref Utf8JsonReader r, out int value)
    {
        r.Read();
        value = 0;
        if (r.TokenType == JsonTokenType.Number)
        {
            if (r.TryGetInt32(out value)) return true;
            if (r.TryGetDouble(out double d)) { value = d > int.MaxValue ? int.MaxValue : d < int.MinValue ? int.MinValue : (int)d; return true; }
        }
        r.Skip();
        return false;
    }

    public static bool ReadBool(ref Utf8JsonReader r)
    {
        r.Read();
        if (r.TokenType == JsonTokenType.True) return true;
        r.Skip();
        return false;
    }

    public static double? ReadDouble(ref Utf8JsonReader r)
    {
        r.Read();
        if (r.TokenType == JsonTokenType.Number && r.TryGetDouble(out double d)) return d;
        r.Skip();
        return null;
    }

    public static void SkipValue(ref Utf8JsonReader r)
    {
        r.Read();
        r.Skip();
    }

    /// <summary>
    /// Reads a structured-output request (<c>response_format</c>, <c>text</c>) and returns the set hash of the field names
    /// its JSON schema declares — every property name inside a <c>properties</c> object, at any depth — hashed as
    /// <see cref="Fingerprints.OutputSchema"/> hashes a shape written into a prompt, so one record shape asked either way is
    /// one value. 0 when it declares fewer than <see cref="Fingerprints.OutputSchema.MinFields"/> distinct names.
    /// </summary>
    public static ulong ReadSchemaFields(ref Utf8JsonReader r)
    {
        r.Read();
        if (r.TokenType != JsonTokenType.StartObject) { r.Skip(); return 0; }
        Span<ulong> names = stackalloc ulong[Fingerprints.OutputSchema.MaxFields];
        Span<bool> inProperties = stackalloc bool[64];   // per depth: the object is a "properties" value
        Span<char> name = stackalloc char[Fingerprints.OutputSchema.MaxNameLength];
        int count = 0, depth = 0;
        bool nextIsProperties = false;
        while (r.Read())
        {
            switch (r.TokenType)
            {
                case JsonTokenType.StartObject:
                case JsonTokenType.StartArray:
                    if (++depth < inProperties.Length) inProperties[depth] = r.TokenType == JsonTokenType.StartObject && nextIsProperties;
                    nextIsProperties = false;
                    break;
                case JsonTokenType.EndObject:
                case JsonTokenType.EndArray:
                    if (depth-- == 0) return Fingerprints.OutputSchema.OfNames(names[..count]);
                    break;
                case JsonTokenType.PropertyName:
                    if (depth < inProperties.Length && inProperties[depth] && count < names.Length && !r.ValueIsEscaped && r.ValueSpan.Length <= name.Length
                        && global::System.Text.Encoding.UTF8.TryGetChars(r.ValueSpan, name, out int n) && n > 0)
                        names[count++] = Hash64.Of((ReadOnlySpan<char>)name[..n]);
                    nextIsProperties = r.ValueTextEquals("properties"u8);
                    break;
                default:
                    nextIsProperties = false;
                    break;
            }
        }
        return 0;
    }

    /// <summary>Reads a string value's hash (0 when not a non-empty string).</summary>
    public static ulong ReadStringHash(ref Utf8JsonReader r)
    {
        r.Read();
        if (r.TokenType != JsonTokenType.String) { r.Skip(); return 0; }
        return StringHash(ref r);
    }

    public static ulong StringHash(ref Utf8JsonReader r, bool artifact = false)
    {
        if (r.ValueSpan.Length == 0) return 0;
        if (!r.ValueIsEscaped) return artifact ? ArtifactHash(r.ValueSpan) : Hash64.Of(r.ValueSpan);
        Span<byte> buf = r.ValueSpan.Length <= 512 ? stackalloc byte[r.ValueSpan.Length] : new byte[r.ValueSpan.Length];
        int n = r.CopyString(buf);
        return artifact ? ArtifactHash(buf[..n]) : Hash64.Of(buf[..n]);
    }

    /// <summary>Reads a reasoning artifact (signature, encrypted_content, redacted data) and returns its hash, 0 when absent.</summary>
    public static ulong ReadArtifactHash(ref Utf8JsonReader r)
    {
        r.Read();
        if (r.TokenType != JsonTokenType.String) { r.Skip(); return 0; }
        return StringHash(ref r, artifact: true);
    }

    /// <summary>The 64-bit hash of a reasoning artifact string, base64 padding ignored, so an issued artifact and the same one pasted as text hash alike.</summary>
    public static ulong ArtifactHash(ReadOnlySpan<byte> artifact)
    {
        var t = artifact.Trim(" \t\r\n"u8).TrimEnd("="u8);
        return t.IsEmpty ? 0 : Hash64.Of(t);
    }

    public static Role ReadRole(ref Utf8JsonReader r)
    {
        r.Read();
        if (r.TokenType != JsonTokenType.String) { r.Skip(); return Role.Other; }
        if (r.ValueTextEquals("user"u8)) return Role.User;
        if (r.ValueTextEquals("assistant"u8)) return Role.Assistant;
        if (r.ValueTextEquals("system"u8) || r.ValueTextEquals("developer"u8)) return Role.System;
        return Role.Other;
    }

    /// <summary>Reads a value that is a string or an array of parts with a <c>text</c> member, appending the text to <paramref name="buf"/>.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)] // per-line hot path: optimised from the first call, no tier-0 or instrumented code
    public static void ReadTextOrParts(ref Utf8JsonReader r, Utf8TextBuffer buf)
    {
        r.Read();
        if (r.TokenType == JsonTokenType.String) { buf.AppendSeparator(); buf.AppendString(ref r); return; }
        if (r.TokenType != JsonTokenType.StartArray) { r.Skip(); return; }
        while (r.Read() && r.TokenType != JsonTokenType.EndArray)
        {
            if (r.TokenType != JsonTokenType.StartObject) { r.Skip(); continue; }
            while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
            {
                if (r.ValueTextEquals("text"u8))
                {
                    r.Read();
                    if (r.TokenType == JsonTokenType.String) { buf.AppendSeparator(); buf.AppendString(ref r); }
                    else r.Skip();
                }
                else SkipValue(ref r);
            }
        }
    }

    /// <summary>Maps an OpenAI reasoning effort to a thinking-budget equivalent (low 2k, medium 8k, high 32k).</summary>
    public static int EffortBudget(ref Utf8JsonReader r)
    {
        r.Read();
        if (r.TokenType != JsonTokenType.String) { r.Skip(); return 0; }
        if (r.ValueTextEquals("high"u8)) return 32_000;
        if (r.ValueTextEquals("medium"u8)) return 8_000;
        if (r.ValueTextEquals("low"u8)) return 2_000;
        if (r.ValueTextEquals("minimal"u8)) return 512;
        if (r.ValueTextEquals("xhigh"u8) || r.ValueTextEquals("max"u8)) return 64_000;
        return 0;
    }

    /// <summary>
    /// Reads a <c>usage</c> object (the reader is on its property name): input and output token counts under the
    /// given names and, when <paramref name="details"/> is not empty, <c>reasoning_tokens</c> inside that object.
    /// The three APIs name these differently; the shape is the same.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public static void ReadUsage(ref Utf8JsonReader r, Model.ExchangeFeatures f, ReadOnlySpan<byte> input, ReadOnlySpan<byte> output, ReadOnlySpan<byte> details)
    {
        r.Read();
        if (r.TokenType != JsonTokenType.StartObject) { r.Skip(); return; }
        while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
        {
            if (r.ValueTextEquals(input)) { if (ReadInt(ref r, out int v)) f.InputTokens = v; }
            else if (r.ValueTextEquals(output)) { if (ReadInt(ref r, out int v)) f.OutputTokens = v; }
            else if (!details.IsEmpty && r.ValueTextEquals(details))
            {
                r.Read();
                if (r.TokenType != JsonTokenType.StartObject) { r.Skip(); continue; }
                while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
                {
                    if (r.ValueTextEquals("reasoning_tokens"u8)) { if (ReadInt(ref r, out int v)) f.ReasoningTokens = v; }
                    else SkipValue(ref r);
                }
            }
            else SkipValue(ref r);
        }
    }
}
