using System.Buffers;
using System.Text.Json;
using System.Text.Unicode;

namespace DistillGuard.Simulation.Content;

/// <summary>
/// Writes text as a JSON string property through a per-thread UTF-8 buffer: one vectorized search for the
/// characters JSON must escape (<c>"</c>, <c>\</c>, controls), vectorized UTF-16 → UTF-8 runs between them, one raw
/// write. <see cref="Utf8JsonWriter.WriteString(ReadOnlySpan{byte}, ReadOnlySpan{char})"/> takes a slow char-by-char
/// path as soon as a value has one newline, which every multi-line body has. Non-ASCII text is written as UTF-8
/// (valid JSON; readers see the same string); lone surrogates become U+FFFD.
/// </summary>
internal static class JsonStringWriter
{
    private static readonly SearchValues<char> MustEscape = SearchValues.Create(
        "\"\\\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u0009\u000A\u000B\u000C\u000D\u000E\u000F" +
        "\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001A\u001B\u001C\u001D\u001E\u001F");

    [ThreadStatic] private static byte[]? t_buffer;

    /// <summary>Writes <c>"name": "value"</c>.</summary>
    public static void WriteText(this Utf8JsonWriter w, ReadOnlySpan<byte> name, ReadOnlySpan<char> value)
    {
        w.WritePropertyName(name);
        w.WriteTextValue(value);
    }

    /// <summary>Writes <paramref name="value"/> as a JSON string value (in an array or after a property name).</summary>
    public static void WriteTextValue(this Utf8JsonWriter w, ReadOnlySpan<char> value)
    {
        // Worst case: 3 UTF-8 bytes per UTF-16 char, or 6 for a \u00XX escape.
        int need = value.Length * 6 + 2;
        var buf = t_buffer;
        if (buf is null || buf.Length < need) t_buffer = buf = new byte[Math.Max(need, 64 * 1024)];
        int pos = 0;
        buf[pos++] = (byte)'"';
        while (true)
        {
            int i = value.IndexOfAny(MustEscape);
            var run = i < 0 ? value : value[..i];
            if (!run.IsEmpty)
            {
                Utf8.FromUtf16(run, buf.AsSpan(pos), out _, out int written, replaceInvalidSequences: true);
                pos += written;
            }
            if (i < 0) break;
            pos += Escape(value[i], buf.AsSpan(pos));
            value = value[(i + 1)..];
        }
        buf[pos++] = (byte)'"';
        w.WriteRawValue(buf.AsSpan(0, pos), skipInputValidation: true);
    }

    private static int Escape(char c, Span<byte> dst)
    {
        dst[0] = (byte)'\\';
        switch (c)
        {
            case '"': dst[1] = (byte)'"'; return 2;
            case '\\': dst[1] = (byte)'\\'; return 2;
            case '\n': dst[1] = (byte)'n'; return 2;
            case '\r': dst[1] = (byte)'r'; return 2;
            case '\t': dst[1] = (byte)'t'; return 2;
            case '\b': dst[1] = (byte)'b'; return 2;
            case '\f': dst[1] = (byte)'f'; return 2;
            default:
                dst[1] = (byte)'u'; dst[2] = (byte)'0'; dst[3] = (byte)'0';
                dst[4] = (byte)"0123456789abcdef"[c >> 4];
                dst[5] = (byte)"0123456789abcdef"[c & 15];
                return 6;
        }
    }
}
