using System.Buffers;

namespace DistillGuard.Core.Parsing;

/// <summary>
/// Makes the response object cheap to tokenize without changing anything the reader extracts from it.
/// <see cref="System.Text.Json.Utf8JsonReader"/> scans a string without escapes with vectorised search, but once it
/// meets a backslash it validates the rest of the string byte by byte; long response texts (every <c>\n</c>) are most
/// of a line's bytes. The body readers use the response's long strings only for their raw length
/// (<c>ValueSpan.Length</c>) or not at all, so in a private copy of the line each valid escape sequence inside such a
/// string value is overwritten with as many spaces: same length, same string boundaries, same JSON validity.
/// </summary>
/// <remarks>
/// Left untouched: property names; the values of <c>type</c> (compared as text) and of the artifact members
/// <c>signature</c>, <c>encrypted_content</c> and <c>data</c> (hashed after unescaping); the value of any property whose
/// name is itself escaped; and everything from the first invalid escape on, so an invalid line stays invalid at the same
/// place. Everything before the first JSON error is lexed exactly as the reader lexes it, and only valid escapes inside
/// strings change, so the reader accepts and rejects exactly the same lines.
/// </remarks>
internal static class ResponseEscapes
{
    private static readonly SearchValues<byte> s_structural = SearchValues.Create("\"{}[]"u8);
    private static readonly SearchValues<byte> s_quoteOrBackslash = SearchValues.Create("\"\\"u8);

    /// <summary>Rewrites escapes in the JSON value that starts at <paramref name="data"/>[0] (an object), stopping at its end.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)] // batch reads: optimised code from the first line
    public static void Blank(Span<byte> data)
    {
        int depth = 0, i = 0;
        bool keep = true; // the value after the last property name must keep its escapes
        while (i < data.Length)
        {
            int k = data[i..].IndexOfAny(s_structural);
            if (k < 0) return;
            i += k;
            byte c = data[i];
            if (c is (byte)'{' or (byte)'[') { depth++; i++; continue; }
            if (c is (byte)'}' or (byte)']')
            {
                i++;
                if (--depth <= 0) return;
                continue;
            }
            // A string from i + 1 to its closing quote.
            int start = i + 1, j = start;
            bool escaped = false;
            while (true)
            {
                int m = data[j..].IndexOfAny(s_quoteOrBackslash);
                if (m < 0) return;
                j += m;
                if (data[j] == (byte)'"') break;
                escaped = true;
                if (j + 1 >= data.Length) return;
                byte e = data[j + 1];
                if (e == (byte)'u')
                {
                    if (j + 5 >= data.Length || !IsHex(data[j + 2]) || !IsHex(data[j + 3]) || !IsHex(data[j + 4]) || !IsHex(data[j + 5])) return;
                    j += 6;
                }
                else if (e is (byte)'"' or (byte)'\\' or (byte)'/' or (byte)'b' or (byte)'f' or (byte)'n' or (byte)'r' or (byte)'t') j += 2;
                else return; // invalid escape: leave it and everything after it to the reader
            }
            int end = j;
            int n = end + 1;
            while (n < data.Length && data[n] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n') n++;
            if (n < data.Length && data[n] == (byte)':') keep = escaped || IsKept(data[start..end]);
            else if (escaped && !keep) BlankEscapes(data[start..end]);
            i = end + 1;
        }
    }

    private static bool IsKept(ReadOnlySpan<byte> name)
        => name.SequenceEqual("type"u8) || name.SequenceEqual("signature"u8) || name.SequenceEqual("encrypted_content"u8) || name.SequenceEqual("data"u8);

    private static bool IsHex(byte b) => (uint)(b - '0') <= 9 || (uint)((b | 0x20) - 'a') <= 'f' - 'a';

    /// <summary>Overwrites every escape sequence of a validated string body with spaces.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)] // per-line hot path: optimised from the first call, no tier-0 or instrumented code
    private static void BlankEscapes(Span<byte> s)
    {
        int j = 0;
        while (true)
        {
            int m = s[j..].IndexOf((byte)'\\');
            if (m < 0) return;
            j += m;
            int len = s[j + 1] == (byte)'u' ? 6 : 2;
            s.Slice(j, len).Fill((byte)' ');
            j += len;
        }
    }
}
