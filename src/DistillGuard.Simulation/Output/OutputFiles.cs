using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using DistillGuard.Simulation.Engine;
using DistillGuard.Simulation.Scenarios;
using DistillGuard.Simulation.World;

namespace DistillGuard.Simulation.Output;

/// <summary>Writes the side files of a run: accounts.jsonl, labels.jsonl and scenario.json.</summary>
internal static class OutputFiles
{
    private static readonly JsonWriterOptions LineOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static readonly JsonSerializerOptions ScenarioJson = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DictionaryKeyPolicy = null,
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
    };

    public static void WriteAccounts(string path, IEnumerable<AccountRecord> accounts)
    {
        using var fs = File.Create(path);
        using var w = new Utf8JsonWriter(fs, LineOptions);
        foreach (var a in accounts)
        {
            w.Reset(fs);
            w.WriteStartObject();
            w.WriteString("account"u8, a.Account);
            w.WriteString("created"u8, a.Created.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture));
            w.WriteString("tier"u8, a.Tier);
            w.WriteString("org_name"u8, a.OrgName);
            w.WriteString("email_domain"u8, a.EmailDomain);
            w.WriteString("payment_fp"u8, a.PaymentFp);
            w.WriteString("country"u8, a.Country);
            w.WriteBoolean("verified"u8, a.Verified);
            w.WriteEndObject();
            w.Flush();
            fs.WriteByte((byte)'\n');
        }
    }

    public static void WriteLabels(string path, IEnumerable<AccountLabel> labels)
    {
        using var fs = File.Create(path);
        using var w = new Utf8JsonWriter(fs, LineOptions);
        foreach (var l in labels)
        {
            w.Reset(fs);
            w.WriteStartObject();
            w.WriteString("account"u8, l.Account);
            if (l.Campaign is null) w.WriteNull("campaign"u8); else w.WriteString("campaign"u8, l.Campaign);
            w.WriteString("persona"u8, l.Persona);
            if (l.Dormant) w.WriteBoolean("dormant"u8, true);
            w.WriteEndObject();
            w.Flush();
            fs.WriteByte((byte)'\n');
        }
    }

    /// <summary>The resolved scenario and the counts (no wall-clock figures, so the file is reproducible).</summary>
    public static void WriteScenario(string path, ScenarioSpec scenario, SimulationSummary summary)
    {
        var doc = new ScenarioFile(scenario, new Counts(summary.Exchanges, summary.Accounts, summary.ActiveAccounts, summary.LicensedAccounts,
            summary.LegitMedianDaily, summary.IpRanges, summary.Personas, summary.Campaigns, summary.Apis), summary.Seed);
        File.WriteAllText(path, JsonSerializer.Serialize(doc, ScenarioJson) + "\n");
    }

    private sealed record ScenarioFile(ScenarioSpec Scenario, Counts Counts, ulong Seed);

    private sealed record Counts(long Exchanges, int Accounts, int ActiveAccounts, int LicensedAccounts, double LegitMedianDaily, string IpRanges,
        SortedDictionary<string, GroupCount> Personas, SortedDictionary<string, GroupCount> Campaigns, SortedDictionary<string, long> Apis);
}
