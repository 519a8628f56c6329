using DistillGuard.Simulation.Common;

namespace DistillGuard.Simulation.Content;

/// <summary>Provider-style identifiers and opaque blobs, drawn from a seeded stream.</summary>
internal static class Ids
{
    private const string Base62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private const string Hex = "0123456789abcdef";
    private const string Base64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    private const string UrlSafe = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    public static void Append(CharBuffer o, string prefix, int length, string alphabet, ref SimRandom r)
    {
        o.Append(prefix);
        for (int i = 0; i < length; i++) o.Append(alphabet[r.Next(alphabet.Length)]);
    }

    public static void ChatCompletion(CharBuffer o, ref SimRandom r) => Append(o, "chatcmpl-", 29, Base62, ref r);
    public static void Response(CharBuffer o, ref SimRandom r) => Append(o, "resp_", 48, Hex, ref r);
    public static void ResponseItem(CharBuffer o, string prefix, ref SimRandom r) => Append(o, prefix, 48, Hex, ref r);
    public static void AnthropicMessage(CharBuffer o, ref SimRandom r) => Append(o, "msg_01", 22, Base62, ref r);
    public static void ToolUse(CharBuffer o, ref SimRandom r) => Append(o, "toolu_01", 22, Base62, ref r);
    public static void Call(CharBuffer o, ref SimRandom r) => Append(o, "call_", 24, Base62, ref r);
    public static void Fingerprint(CharBuffer o, ref SimRandom r) => Append(o, "fp_", 10, Hex, ref r);

    /// <summary>An Anthropic-style thinking signature (base64) for the client's own earlier turns.</summary>
    public static void Signature(CharBuffer o, ref SimRandom r)
    {
        o.Append("Eq");
        int n = 4 * (60 + r.Next(80));
        for (int i = 0; i < n; i++) o.Append(Base64[r.Next(64)]);
        o.Append("==");
    }

    /// <summary>An OpenAI-style encrypted reasoning blob for the client's own earlier turns.</summary>
    public static void Encrypted(CharBuffer o, ref SimRandom r) => Append(o, "gAAAAAB", 4 * (80 + r.Next(120)), UrlSafe, ref r);
}
