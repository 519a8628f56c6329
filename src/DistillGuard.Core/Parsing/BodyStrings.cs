using System.Text.Json;

namespace DistillGuard.Core.Parsing;

/// <summary>Reads short repeated string values (model names) through the parser's cache.</summary>
internal static class BodyStrings
{
    [ThreadStatic] private static StringCache? t_cache;

    public static string? Read(ref Utf8JsonReader r)
    {
        r.Read();
        if (r.TokenType != JsonTokenType.String) { r.Skip(); return null; }
        return Get(ref r);
    }

    public static string Get(ref Utf8JsonReader r)
    {
        var cache = t_cache ??= new StringCache();
        if (!r.ValueIsEscaped) return cache.Get(r.ValueSpan);
        return r.GetString()!;
    }
}
