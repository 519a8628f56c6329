using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace DistillGuard.Sharing.Consortium;

/// <summary>The consortium's shared HMAC keys and its member labs. Account and payment identifiers leave a lab only
/// as <c>HMAC-SHA256(key, kind ":" normalised value)</c>, tagged with the key id, and only to members.</summary>
public sealed class ConsortiumKeyring
{
    public const int MinSecretBytes = 32;

    public ConsortiumKeyring(string name, IEnumerable<string> members, IEnumerable<ConsortiumKey> keys, TimeSpan grace)
    {
        Name = name;
        Members = new HashSet<string>(members, StringComparer.Ordinal);
        Keys = keys.OrderBy(k => k.Created).ToArray();
        Grace = grace;
        var errors = new List<string>();
        if (Keys.Count == 0) errors.Add("the keyring has no key");
        foreach (var k in Keys)
            if (k.Secret.Length < MinSecretBytes) errors.Add($"key '{k.Id}': secret must be at least {MinSecretBytes} bytes (was {k.Secret.Length})");
        if (Keys.Select(k => k.Id).Distinct().Count() != Keys.Count) errors.Add("key ids must be unique");
        if (errors.Count > 0) throw new InvalidDataException("consortium keyring: " + string.Join("; ", errors));
    }

    public string Name { get; }
    public IReadOnlySet<string> Members { get; }
    public IReadOnlyList<ConsortiumKey> Keys { get; }
    public TimeSpan Grace { get; }

    public bool IsMember(string lab) => Members.Contains(lab);

    /// <summary>The newest key not retired at <paramref name="now"/>: the one exports use.</summary>
    public ConsortiumKey Current(DateTimeOffset now) =>
        Keys.LastOrDefault(k => k.Created <= now && (k.Retired is null || k.Retired > now))
        ?? throw new InvalidOperationException($"consortium '{Name}': no key is current at {now:O}");

    /// <summary>Keys accepted for matching at <paramref name="now"/>: current ones and those retired less than the grace period ago.</summary>
    public IEnumerable<ConsortiumKey> Matching(DateTimeOffset now) =>
        Keys.Where(k => k.Created <= now && (k.Retired is null || k.Retired.Value + Grace > now));

    /// <summary>"keyid:hex" of HMAC-SHA256 over "kind:value" (value trimmed, lower-cased).</summary>
    public static string Hash(ConsortiumKey key, string kind, string value)
    {
        var data = Encoding.UTF8.GetBytes(kind + ":" + value.Trim().ToLowerInvariant());
        return key.Id + ":" + Convert.ToHexStringLower(HMACSHA256.HashData(key.Secret, data));
    }

    /// <summary>A new keyring with a fresh random key made current and the previous current key retired at <paramref name="now"/>.</summary>
    public ConsortiumKeyring Rotate(string newKeyId, DateTimeOffset now)
    {
        var keys = Keys.Select(k => k.Retired is null ? k with { Retired = now } : k).ToList();
        keys.Add(new ConsortiumKey { Id = newKeyId, Secret = RandomNumberGenerator.GetBytes(MinSecretBytes), Created = now });
        return new ConsortiumKeyring(Name, Members, keys, Grace);
    }

    /// <summary>Reads a keyring file: {"consortium":..., "members":[...], "grace_days":N, "keys":[{"id","secret_b64","created","retired"?}]}.</summary>
    public static ConsortiumKeyring Load(string path)
    {
        JsonNode? root;
        try { root = JsonNode.Parse(File.ReadAllText(path)); }
        catch (JsonException e) { throw new InvalidDataException($"{path}: not JSON ({e.Message})"); }
        if (root is not JsonObject o) throw new InvalidDataException($"{path}: expected a JSON object");
        try
        {
            var keys = (o["keys"] as JsonArray ?? []).Select(k => new ConsortiumKey
            {
                Id = k!["id"]!.GetValue<string>(),
                Secret = Convert.FromBase64String(k["secret_b64"]!.GetValue<string>()),
                Created = DateTimeOffset.Parse(k["created"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture),
                Retired = k["retired"]?.GetValue<string>() is { } r ? DateTimeOffset.Parse(r, System.Globalization.CultureInfo.InvariantCulture) : null,
            }).ToList();
            return new ConsortiumKeyring(
                o["consortium"]?.GetValue<string>() ?? "consortium",
                (o["members"] as JsonArray ?? []).Select(m => m!.GetValue<string>()),
                keys,
                TimeSpan.FromDays(o["grace_days"]?.GetValue<double>() ?? 30));
        }
        catch (Exception e) when (e is NullReferenceException or FormatException or InvalidOperationException)
        {
            throw new InvalidDataException($"{path}: malformed keyring ({e.Message})");
        }
    }

    public void Save(string path)
    {
        var o = new JsonObject
        {
            ["consortium"] = Name,
            ["members"] = new JsonArray(Members.Order(StringComparer.Ordinal).Select(m => (JsonNode)m!).ToArray()),
            ["grace_days"] = Grace.TotalDays,
            ["keys"] = new JsonArray(Keys.Select(k => (JsonNode)new JsonObject
            {
                ["id"] = k.Id,
                ["secret_b64"] = Convert.ToBase64String(k.Secret),
                ["created"] = k.Created.ToString("O"),
                ["retired"] = k.Retired?.ToString("O"),
            }).ToArray()),
        };
        File.WriteAllText(path, o.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
    }
}
