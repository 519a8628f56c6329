using System.Text.Json;
using DistillGuard.Core.Campaigns;

namespace DistillGuard.Core.Verdicts;

/// <summary>Writes the output contract: DIR/verdicts.jsonl (every account once, sorted by id) and DIR/campaigns.json.
/// Output is byte-for-byte deterministic for the same result.</summary>
public static class VerdictWriter
{
    private static readonly JsonWriterOptions Compact = new() { Indented = false, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private static readonly JsonWriterOptions Pretty = new() { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public const string VerdictsFile = "verdicts.jsonl";
    public const string CampaignsFile = "campaigns.json";

    public static void Write(string directory, IReadOnlyList<AccountVerdict> verdicts, IReadOnlyList<Campaign> campaigns)
    {
        Directory.CreateDirectory(directory);
        using (var f = new FileStream(Path.Combine(directory, VerdictsFile), FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
            WriteVerdicts(f, verdicts);
        using (var f = new FileStream(Path.Combine(directory, CampaignsFile), FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
            WriteCampaigns(f, campaigns);
    }

    public static void WriteVerdicts(Stream output, IEnumerable<AccountVerdict> verdicts)
    {
        using var w = new Utf8JsonWriter(output, Compact);
        foreach (var v in verdicts)
        {
            w.Reset(output);
            Write(w, v);
            w.Flush();
            output.WriteByte((byte)'\n');
        }
    }

    public static void WriteCampaigns(Stream output, IEnumerable<Campaign> campaigns)
    {
        using var w = new Utf8JsonWriter(output, Pretty);
        w.WriteStartArray();
        foreach (var c in campaigns)
        {
            Write(w, c);
        }
        w.WriteEndArray();
        w.Flush();
        output.WriteByte((byte)'\n');
    }

    /// <summary>One verdict as the object of a verdicts.jsonl line (also what the streaming service answers).</summary>
    public static void Write(Utf8JsonWriter w, AccountVerdict v)
    {
        w.WriteStartObject();
        w.WriteString("account", v.Account);
        w.WriteNumber("score", v.Score);
        w.WriteString("verdict", v.Verdict.WireName());
        if (v.Campaign is null) w.WriteNull("campaign"); else w.WriteString("campaign", v.Campaign);
        w.WriteNumber("exchanges", v.Exchanges);
        w.WriteStartArray("reasons");
        foreach (var r in v.Reasons)
        {
            w.WriteStartObject();
            w.WriteString("signal", r.Signal);
            w.WriteNumber("weight", r.Weight);
            w.WriteString("detail", r.Detail);
            if (r.ExchangeIds.Count > 0)
            {
                w.WriteStartArray("exchange_ids");
                foreach (var id in r.ExchangeIds) w.WriteStringValue(id);
                w.WriteEndArray();
            }
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    /// <summary>One campaign as an element of campaigns.json.</summary>
    public static void Write(Utf8JsonWriter w, Campaign c)
    {
        w.WriteStartObject();
        w.WriteString("id", c.Id);
        Strings(w, "accounts", c.Accounts);
        w.WriteNumber("exchanges", c.Exchanges);
        w.WriteString("first_seen", c.FirstSeen.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'"));
        w.WriteString("last_seen", c.LastSeen.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'"));
        Strings(w, "targets", c.Targets);
        Strings(w, "tactics", c.Tactics);
        w.WriteStartArray("evidence");
        foreach (var e in c.Evidence)
        {
            w.WriteStartObject();
            w.WriteString("kind", e.Kind);
            w.WriteString("summary", e.Summary);
            w.WriteNumber("weight", e.Weight);
            Strings(w, "exchange_ids", e.ExchangeIds);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteNumber("score", c.Score);
        w.WriteEndObject();
    }

    private static void Strings(Utf8JsonWriter w, string name, IEnumerable<string> values)
    {
        w.WriteStartArray(name);
        foreach (var v in values) w.WriteStringValue(v);
        w.WriteEndArray();
    }
}
