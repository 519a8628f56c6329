using System.IO.Compression;
using System.Text.Json;

namespace DistillGuard.Core.Accounts;

/// <summary>The account registry (accounts.jsonl, optionally .gz). Malformed lines are counted and kept, never fatal.</summary>
public sealed class AccountRegistry
{
    private readonly Dictionary<string, AccountRecord> _records;

    public AccountRegistry(IEnumerable<AccountRecord> records)
    {
        _records = new Dictionary<string, AccountRecord>(StringComparer.Ordinal);
        foreach (var r in records) _records[r.Account] = r;
    }

    public static AccountRegistry Empty { get; } = new(Array.Empty<AccountRecord>());

    public int Count => _records.Count;
    /// <summary>Lines that were not a valid account record.</summary>
    public int MalformedLines { get; private init; }
    /// <summary>Up to 20 malformed lines as (line number, reason), for the run summary.</summary>
    public IReadOnlyList<(long Line, string Reason)> MalformedExamples { get; private init; } = Array.Empty<(long, string)>();

    public AccountRecord? Find(string account) => _records.GetValueOrDefault(account);

    public static AccountRegistry Load(string path)
    {
        using var file = File.OpenRead(path);
        Stream s = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? new GZipStream(file, CompressionMode.Decompress) : file;
        using var reader = new StreamReader(s);
        return Load(reader);
    }

    public static AccountRegistry Load(TextReader reader)
    {
        var list = new List<AccountRecord>();
        var bad = new List<(long, string)>();
        int malformed = 0;
        long lineNo = 0;
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            lineNo++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            if (TryParse(line, out var rec, out var why)) list.Add(rec!);
            else
            {
                malformed++;
                if (bad.Count < 20) bad.Add((lineNo, why));
            }
        }
        return new AccountRegistry(list) { MalformedLines = malformed, MalformedExamples = bad };
    }

    public static bool TryParse(string line, out AccountRecord? record, out string reason)
    {
        record = null;
        try
        {
            using var doc = JsonDocument.Parse(line);
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object) { reason = "not a JSON object"; return false; }
            if (!root.TryGetProperty("account", out var acc) || acc.ValueKind != JsonValueKind.String || acc.GetString() is not { Length: > 0 } id)
            {
                reason = "missing account";
                return false;
            }
            long? created = null;
            if (root.TryGetProperty("created", out var c) && c.ValueKind == JsonValueKind.String && c.TryGetDateTimeOffset(out var dto))
                created = dto.ToUnixTimeMilliseconds();
            bool? verified = root.TryGetProperty("verified", out var v) && v.ValueKind is JsonValueKind.True or JsonValueKind.False ? v.GetBoolean() : null;
            record = new AccountRecord
            {
                Account = id,
                CreatedMs = created,
                Tier = Str(root, "tier"),
                OrgName = Str(root, "org_name"),
                EmailDomain = Str(root, "email_domain")?.ToLowerInvariant(),
                PaymentFingerprint = Str(root, "payment_fp"),
                Country = Str(root, "country"),
                Verified = verified,
            };
            reason = "";
            return true;
        }
        catch (JsonException e)
        {
            reason = "invalid JSON: " + e.Message;
            return false;
        }
    }

    private static string? Str(JsonElement root, string name)
        => root.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.String && p.GetString() is { Length: > 0 } s ? s : null;
}
