namespace DistillGuard.Simulation.Content;

/// <summary>Appends JSON text (for tool-call arguments, which the APIs carry as a JSON string).</summary>
internal static class JsonText
{
    public static void String(CharBuffer o, ReadOnlySpan<char> s)
    {
        o.Append('"');
        foreach (char c in s)
        {
            switch (c)
            {
                case '"': o.Append("\\\""); break;
                case '\\': o.Append("\\\\"); break;
                case '\n': o.Append("\\n"); break;
                case '\r': o.Append("\\r"); break;
                case '\t': o.Append("\\t"); break;
                default:
                    if (c < 0x20) { o.Append("\\u00"); o.Append("0123456789abcdef"[c >> 4]); o.Append("0123456789abcdef"[c & 15]); }
                    else o.Append(c);
                    break;
            }
        }
        o.Append('"');
    }
}
