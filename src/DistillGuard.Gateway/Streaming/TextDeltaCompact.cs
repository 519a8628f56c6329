using System.Buffers;
using System.Text;
using System.Text.Unicode;

namespace DistillGuard.Gateway.Streaming;

/// <summary>
/// The common shape of <see cref="TextDelta"/> read without a <see cref="System.Text.Json.Utf8JsonReader"/>: compact JSON
/// as providers and System.Text.Json write it (no white space outside strings), member names of ASCII letters, digits
/// and underscores without escapes, other values strings without escapes, numbers, <c>true</c>/<c>false</c>/<c>null</c>,
/// and no object or array but <c>choices</c>, its one choice and its <c>delta</c>. It answers only when it is sure that
/// the reader would recognise the chunk, and with what the reader would give (tests compare the two on generated and
/// mutated chunks); anything else — white space, escaped or unusual names, a nested value it does not read, a text with
/// an escaped lone surrogate, invalid UTF-8 — makes it give up, and the caller asks the reader.
/// </summary>
internal static class TextDeltaCompact
{
    private const int MaxNames = 16;

    public static bool TryRead(ReadOnlySpan<byte> json, out TextDelta delta)
    {
        delta = default;
        int i = 0;
        if (json.Length < 2 || json[0] != '{') return false;
        i = 1;
        Span<long> names = stackalloc long[MaxNames];   // (start << 32) | length of each name in this object
        int count = 0;
        bool choices = false, hasId = false, hasCreated = false, hasModel = false, hasUsage = false;
        int index = 0, start = 0, length = 0;
        string? content = null, role = null;
        bool hasRole = false;
        if (json[i] == '}') return false;               // no choices
        while (true)
        {
            if (!Name(json, ref i, names, ref count, out var name)) return false;
            if (name.SequenceEqual("choices"u8))
            {
                if (!At(json, i, (byte)'[') || !At(json, i + 1, (byte)'{')) return false;
                i += 1;
                if (!Choice(json, ref i, out index, out content, out start, out length, out role, out hasRole)) return false;
                if (!At(json, i, (byte)']')) return false;
                i++;
                choices = true;
            }
            else
            {
                bool present = !At(json, i, (byte)'n');
                if (!Scalar(json, ref i)) return false;
                if (name.SequenceEqual("id"u8)) hasId = present;
                else if (name.SequenceEqual("created"u8)) hasCreated = present;
                else if (name.SequenceEqual("model"u8)) hasModel = present;
                else if (name.SequenceEqual("usage"u8)) hasUsage = present;
            }
            if (i >= json.Length) return false;
            if (json[i] == ',') { i++; continue; }
            if (json[i] != '}') return false;
            i++;
            break;
        }
        if (i != json.Length || !choices) return false;
        delta = new TextDelta(index, content!, start, length, hasId, hasCreated, hasModel, role, hasRole, hasUsage);
        return true;
    }

    /// <summary>At the choice's '{'; leaves <paramref name="i"/> after its '}'.</summary>
    private static bool Choice(ReadOnlySpan<byte> json, ref int i, out int index, out string? content, out int start, out int length,
        out string? role, out bool hasRole)
    {
        index = 0;
        content = role = null;
        start = length = 0;
        hasRole = false;
        Span<long> names = stackalloc long[MaxNames];
        int count = 0;
        bool delta = false;
        i++;
        if (At(json, i, (byte)'}')) return false;
        while (true)
        {
            if (!Name(json, ref i, names, ref count, out var name)) return false;
            if (name.SequenceEqual("index"u8))
            {
                if (!Index(json, ref i, out index)) return false;
            }
            else if (name.SequenceEqual("finish_reason"u8))
            {
                if (!json[i..].StartsWith("null"u8)) return false;
                i += 4;
            }
            else if (name.SequenceEqual("delta"u8))
            {
                if (!At(json, i, (byte)'{') || !Delta(json, ref i, out content, out start, out length, out role, out hasRole)) return false;
                delta = true;
            }
            else if (!Scalar(json, ref i)) return false;
            if (i >= json.Length) return false;
            if (json[i] == ',') { i++; continue; }
            if (json[i] != '}') return false;
            i++;
            return delta;
        }
    }

    /// <summary>At the delta's '{'; leaves <paramref name="i"/> after its '}'.</summary>
    private static bool Delta(ReadOnlySpan<byte> json, ref int i, out string? content, out int start, out int length, out string? role, out bool hasRole)
    {
        content = role = null;
        start = length = 0;
        hasRole = false;
        i++;
        if (At(json, i, (byte)'}')) return false;
        Span<long> names = stackalloc long[2];
        int count = 0;
        while (true)
        {
            if (!Name(json, ref i, names, ref count, out var name)) return false;
            if (name.SequenceEqual("content"u8))
            {
                start = i;
                if (!String(json, ref i, out content) || string.IsNullOrEmpty(content)) return false;
                length = i - start;
            }
            else if (name.SequenceEqual("role"u8))
            {
                hasRole = true;
                if (At(json, i, (byte)'"')) { if (!String(json, ref i, out role)) return false; }
                else if (!Scalar(json, ref i)) return false;
            }
            else return false;
            if (i >= json.Length) return false;
            if (json[i] == ',') { i++; continue; }
            if (json[i] != '}') return false;
            i++;
            return content is not null;
        }
    }

    /// <summary>A member name and its colon, distinct from the names before it in the object.</summary>
    private static bool Name(ReadOnlySpan<byte> json, ref int i, Span<long> names, ref int count, out ReadOnlySpan<byte> name)
    {
        name = default;
        if (!At(json, i, (byte)'"') || count == names.Length) return false;
        int a = i + 1, b = a;
        while (b < json.Length && (char.IsAsciiLetterOrDigit((char)json[b]) || json[b] == '_')) b++;
        if (b == a || !At(json, b, (byte)'"') || !At(json, b + 1, (byte)':')) return false;
        name = json[a..b];
        for (int k = 0; k < count; k++)
            if (json.Slice((int)(names[k] >> 32), (int)names[k]).SequenceEqual(name)) return false;
        names[count++] = ((long)a << 32) | (uint)(b - a);
        i = b + 2;
        return true;
    }

    /// <summary>A string without escapes, a number, or a literal; leaves <paramref name="i"/> after it.</summary>
    private static bool Scalar(ReadOnlySpan<byte> json, ref int i)
    {
        if (i >= json.Length) return false;
        byte c = json[i];
        if (c == '"')
        {
            int end = json[(i + 1)..].IndexOfAny((byte)'"', (byte)'\\');
            if (end < 0 || json[i + 1 + end] != '"') return false;
            var s = json.Slice(i + 1, end);
            if (s.IndexOfAnyInRange((byte)0, (byte)0x1F) >= 0 || !Utf8.IsValid(s)) return false;
            i += end + 2;
            return true;
        }
        if (c == 'n') return Literal(json, ref i, "null"u8);
        if (c == 't') return Literal(json, ref i, "true"u8);
        if (c == 'f') return Literal(json, ref i, "false"u8);
        return Number(json, ref i);
    }

    private static bool Literal(ReadOnlySpan<byte> json, ref int i, ReadOnlySpan<byte> word)
    {
        if (!json[i..].StartsWith(word)) return false;
        i += word.Length;
        return true;
    }

    /// <summary>A JSON number: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?</summary>
    private static bool Number(ReadOnlySpan<byte> json, ref int i)
    {
        int j = i;
        if (At(json, j, (byte)'-')) j++;
        if (At(json, j, (byte)'0')) j++;
        else if (j < json.Length && json[j] is >= (byte)'1' and <= (byte)'9') j = Digits(json, j);
        else return false;
        if (At(json, j, (byte)'.'))
        {
            int k = Digits(json, j + 1);
            if (k == j + 1) return false;
            j = k;
        }
        if (j < json.Length && json[j] is (byte)'e' or (byte)'E')
        {
            j++;
            if (j < json.Length && json[j] is (byte)'+' or (byte)'-') j++;
            int k = Digits(json, j);
            if (k == j) return false;
            j = k;
        }
        i = j;
        return true;
    }

    private static int Digits(ReadOnlySpan<byte> json, int j)
    {
        while (j < json.Length && json[j] is >= (byte)'0' and <= (byte)'9') j++;
        return j;
    }

    /// <summary>A non-negative integer of at most nine digits without a leading zero (what <c>TryGetInt32</c> gives for it).</summary>
    private static bool Index(ReadOnlySpan<byte> json, ref int i, out int value)
    {
        value = 0;
        int j = i;
        if (At(json, j, (byte)'0')) j++;
        else if (j < json.Length && json[j] is >= (byte)'1' and <= (byte)'9') j = Digits(json, j);
        else return false;
        if (j - i > 9 || (j < json.Length && json[j] is (byte)'.' or (byte)'e' or (byte)'E')) return false;
        for (int k = i; k < j; k++) value = 10 * value + (json[k] - '0');
        i = j;
        return true;
    }

    /// <summary>A string token, unescaped; gives up on what the reader's <c>GetString</c> would refuse or that is rare
    /// (an escaped surrogate, control characters, invalid UTF-8).</summary>
    private static bool String(ReadOnlySpan<byte> json, ref int i, out string? value)
    {
        value = null;
        if (!At(json, i, (byte)'"')) return false;
        int a = i + 1;
        int end = json[a..].IndexOfAny((byte)'"', (byte)'\\');
        if (end < 0) return false;
        if (json[a + end] == '"')
        {
            var s = json.Slice(a, end);
            if (s.IndexOfAnyInRange((byte)0, (byte)0x1F) >= 0) return false;
            if (Ascii.IsValid(s)) value = Encoding.Latin1.GetString(s);
            else
            {
                if (!Utf8.IsValid(s)) return false;
                value = Encoding.UTF8.GetString(s);
            }
            i = a + end + 1;
            return true;
        }
        // With escapes: decoded piece by piece.
        char[] rented = ArrayPool<char>.Shared.Rent(json.Length - a);
        try
        {
            int n = 0, j = a;
            while (true)
            {
                int run = json[j..].IndexOfAny((byte)'"', (byte)'\\');
                if (run < 0) return false;
                var s = json.Slice(j, run);
                if (s.IndexOfAnyInRange((byte)0, (byte)0x1F) >= 0) return false;
                if (Utf8.ToUtf16(s, rented.AsSpan(n), out int read, out int written, replaceInvalidSequences: false) != OperationStatus.Done || read != s.Length) return false;
                n += written;
                j += run;
                if (json[j] == '"') break;
                if (j + 1 >= json.Length) return false;
                byte e = json[j + 1];
                char c;
                switch (e)
                {
                    case (byte)'"': c = '"'; break;
                    case (byte)'\\': c = '\\'; break;
                    case (byte)'/': c = '/'; break;
                    case (byte)'b': c = '\b'; break;
                    case (byte)'f': c = '\f'; break;
                    case (byte)'n': c = '\n'; break;
                    case (byte)'r': c = '\r'; break;
                    case (byte)'t': c = '\t'; break;
                    case (byte)'u':
                        int u = Hex4(json, j + 2);
                        if (u < 0 || u is >= 0xDC00 and <= 0xDFFF) return false;
                        if (u is >= 0xD800 and <= 0xDBFF)
                        {
                            // Only as the first of a pair written as two escapes; a lone surrogate is left to the reader.
                            int low = j + 7 < json.Length && json[j + 6] == '\\' && json[j + 7] == 'u' ? Hex4(json, j + 8) : -1;
                            if (low is < 0xDC00 or > 0xDFFF) return false;
                            rented[n++] = (char)u;
                            u = low;
                            j += 6;
                        }
                        c = (char)u;
                        j += 4;
                        break;
                    default: return false;
                }
                rented[n++] = c;
                j += 2;
            }
            value = new string(rented, 0, n);
            i = j + 1;
            return true;
        }
        finally { ArrayPool<char>.Shared.Return(rented); }
    }

    /// <summary>The value of four hex digits at <paramref name="at"/>, or -1.</summary>
    private static int Hex4(ReadOnlySpan<byte> json, int at)
    {
        if (at + 4 > json.Length) return -1;
        int u = 0;
        for (int k = at; k < at + 4; k++)
        {
            int h = HexValue(json[k]);
            if (h < 0) return -1;
            u = 16 * u + h;
        }
        return u;
    }

    private static int HexValue(byte b) => b switch
    {
        >= (byte)'0' and <= (byte)'9' => b - '0',
        >= (byte)'a' and <= (byte)'f' => b - 'a' + 10,
        >= (byte)'A' and <= (byte)'F' => b - 'A' + 10,
        _ => -1,
    };

    private static bool At(ReadOnlySpan<byte> json, int i, byte b) => i < json.Length && json[i] == b;
}
