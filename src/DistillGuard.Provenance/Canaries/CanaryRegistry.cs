using System.Text.Json;

namespace DistillGuard.Provenance.Canaries;

/// <summary>Where issued canaries are recorded (account, campaign, when, which exchange, what text).</summary>
public interface ICanaryRegistry
{
    void Record(CanaryRecord record);
    IReadOnlyList<CanaryRecord> All();
}

/// <summary>A JSON-lines file of issued canaries, appended to (one line per issuance, flushed at once); thread-safe.</summary>
public sealed class JsonlCanaryRegistry(string path) : ICanaryRegistry
{
    private readonly Lock _lock = new();

    public string Path { get; } = path;

    public void Record(CanaryRecord record)
    {
        string line = JsonSerializer.Serialize(record, CanaryJson.Options) + "\n";
        lock (_lock) File.AppendAllText(Path, line);
    }

    public IReadOnlyList<CanaryRecord> All() => File.Exists(Path) ? Load(Path) : [];

    public static List<CanaryRecord> Load(string path)
    {
        var list = new List<CanaryRecord>();
        int n = 0;
        foreach (var line in File.ReadLines(path))
        {
            n++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            try { list.Add(JsonSerializer.Deserialize<CanaryRecord>(line, CanaryJson.Options) ?? throw new InvalidDataException($"{path}:{n}: empty record")); }
            catch (JsonException e) { throw new InvalidDataException($"{path}:{n}: not a canary record ({e.Message})"); }
        }
        return list;
    }
}

/// <summary>An in-memory registry (tests, simulations).</summary>
public sealed class MemoryCanaryRegistry : ICanaryRegistry
{
    private readonly Lock _lock = new();
    private readonly List<CanaryRecord> _records = [];

    public void Record(CanaryRecord record) { lock (_lock) _records.Add(record); }

    public IReadOnlyList<CanaryRecord> All() { lock (_lock) return _records.ToList(); }
}

internal static class CanaryJson
{
    public static readonly JsonSerializerOptions Options = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
