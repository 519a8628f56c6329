using System.Text.Json;
using System.Text.Json.Nodes;

namespace DistillGuard.Gateway.Streaming;

/// <summary>Small tolerant reads on <see cref="JsonNode"/> trees (a value of the wrong kind reads as absent).</summary>
internal static class JsonBits
{
    public static string? Str(JsonNode? n)
        => n is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;

    public static int? Int(JsonNode? n)
        => n is JsonValue v && v.GetValueKind() == JsonValueKind.Number && v.TryGetValue(out int i) ? i
         : n is JsonValue v2 && v2.GetValueKind() == JsonValueKind.Number && v2.TryGetValue(out long l) ? (int)l
         : n is JsonValue v3 && v3.GetValueKind() == JsonValueKind.Number ? (int)v3.GetValue<double>() : null;

    public static long? Long(JsonNode? n)
        => n is JsonValue v && v.GetValueKind() == JsonValueKind.Number && v.TryGetValue(out long l) ? l : null;

    public static bool IsNull(JsonNode? n) => n is null || n.GetValueKind() == JsonValueKind.Null;

    public static string? Type(JsonNode? n) => n is JsonObject o ? Str(o["type"]) : null;

    public static JsonObject? Obj(JsonNode? n) => n as JsonObject;

    public static JsonArray? Arr(JsonNode? n) => n as JsonArray;
}
