using System.Text.Json;
using System.Text.Json.Nodes;

namespace DistillGuard.Sharing.Policy;

/// <summary>Append-only JSON-lines record of what was shared with whom: one line per export, push or TAXII response,
/// with the ids sent and the ids withheld (and why). Thread-safe; writes are flushed at once.</summary>
public sealed class AuditLog(string path, Func<DateTimeOffset>? clock = null)
{
    private readonly Lock _gate = new();
    private readonly Func<DateTimeOffset> _clock = clock ?? (() => DateTimeOffset.UtcNow);

    public string Path => path;

    public void Record(string action, string recipient, PolicyDecision decision, string? collection = null)
    {
        var line = new JsonObject
        {
            ["time"] = _clock().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'"),
            ["action"] = action,
            ["recipient"] = recipient,
            ["collection"] = collection,
            ["sent"] = new JsonArray(decision.Allowed.Select(o => (JsonNode)(o["id"]?.GetValue<string>() ?? "")).ToArray()),
            ["withheld"] = new JsonObject(decision.Withheld.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)kv.Value))),
        }.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        lock (_gate)
        {
            var dir = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path));
            if (dir is not null) Directory.CreateDirectory(dir);
            File.AppendAllText(path, line + "\n");
        }
    }
}
