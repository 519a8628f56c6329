using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace DistillGuard.Gateway.Keys;

/// <summary>Who an API key belongs to.</summary>
public sealed record KeyEntry(string Account, string? Tier, string KeyId);

/// <summary>
/// The API keys the gateway accepts, from a JSON-lines file: <c>{"key":"sk-…","account":"acct_1","tier":"paid"}</c>
/// (<c>tier</c> optional, used by policy rules and the allowlist). Immutable; reloads build a new one.
/// </summary>
public sealed class KeyRing
{
    private readonly Dictionary<string, KeyEntry> _byKey;

    private KeyRing(Dictionary<string, KeyEntry> byKey, string? source) { _byKey = byKey; Source = source; }

    public string? Source { get; }
    public int Count => _byKey.Count;

    public static KeyRing Empty { get; } = new(new(StringComparer.Ordinal), null);

    public KeyEntry? Find(string key) => _byKey.GetValueOrDefault(key);

    /// <summary>The id written to the exchange log's <c>key</c> field: never the key itself, a hash of it.</summary>
    public static string KeyIdOf(string key)
        => "key_" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)).AsSpan(0, 8));

    public static KeyRingLoadResult Load(string path)
    {
        string[] lines;
        try { lines = File.ReadAllLines(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new KeyRingLoadResult(null, [$"{path}: cannot read: {e.Message}"]);
        }
        return Parse(lines, path);
    }

    public static KeyRingLoadResult Parse(IReadOnlyList<string> lines, string source)
    {
        var errors = new List<string>();
        var map = new Dictionary<string, KeyEntry>(StringComparer.Ordinal);
        var lineOf = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < lines.Count; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0 || line.StartsWith("//") || line.StartsWith('#')) continue;
            string at = $"{source}:{i + 1}";
            try
            {
                using var doc = JsonDocument.Parse(line);
                if (doc.RootElement.ValueKind != JsonValueKind.Object) { errors.Add($"{at}: expected a JSON object {{\"key\",\"account\"}}"); continue; }
                string? key = null, account = null, tier = null;
                foreach (var p in doc.RootElement.EnumerateObject())
                {
                    switch (p.Name)
                    {
                        case "key": key = p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString() : null; break;
                        case "account": account = p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString() : null; break;
                        case "tier": tier = p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString() : null; break;
                        default: errors.Add($"{at}: unknown field '{p.Name}' (known: key, account, tier)"); break;
                    }
                }
                if (string.IsNullOrEmpty(key)) { errors.Add($"{at}: \"key\" must be a non-empty string"); continue; }
                if (string.IsNullOrEmpty(account)) { errors.Add($"{at}: \"account\" must be a non-empty string"); continue; }
                if (lineOf.TryGetValue(key, out int first)) { errors.Add($"{at}: the same key is already on line {first}"); continue; }
                lineOf[key] = i + 1;
                map[key] = new KeyEntry(account, tier, KeyIdOf(key));
            }
            catch (JsonException e) { errors.Add($"{at}: not valid JSON: {e.Message}"); }
        }
        return errors.Count == 0 ? new KeyRingLoadResult(new KeyRing(map, source), []) : new KeyRingLoadResult(null, errors);
    }

    public static KeyRing FromEntries(IEnumerable<(string Key, string Account, string? Tier)> entries)
        => new(entries.ToDictionary(e => e.Key, e => new KeyEntry(e.Account, e.Tier, KeyIdOf(e.Key)), StringComparer.Ordinal), null);
}

public sealed record KeyRingLoadResult(KeyRing? Keys, IReadOnlyList<string> Errors)
{
    public bool Ok => Keys is not null;
}
