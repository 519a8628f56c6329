using System.Text.Json;
using System.Text.Json.Serialization;
using DistillGuard.Core.Campaigns;
using DistillGuard.Core.Verdicts;

namespace DistillGuard.Streaming;

/// <summary>JSON shapes of the service: the verdict contract's field names, snake_case for everything else.</summary>
public static class StreamingJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    internal static void WriteAccountAlert(Utf8JsonWriter w, VerdictChange change, AccountVerdict verdict)
    {
        w.WriteString("kind", "account");
        w.WriteString("at", change.At);
        if (change.ExchangeTime is { } t) w.WriteString("exchange_time", t);
        w.WriteString("account", change.Account);
        w.WriteString("from", change.From);
        w.WriteString("to", change.To);
        if (change.Campaign is null) w.WriteNull("campaign"); else w.WriteString("campaign", change.Campaign);
        w.WritePropertyName("verdict");
        VerdictWriter.Write(w, verdict);
    }

    internal static void WriteCampaignAlert(Utf8JsonWriter w, string change, Campaign campaign, LiveState live)
    {
        w.WriteString("kind", "campaign");
        w.WriteString("change", change);
        w.WriteString("at", live.At);
        if (live.ExchangeClock is { } t) w.WriteString("exchange_time", t);
        w.WritePropertyName("campaign");
        VerdictWriter.Write(w, campaign);
    }

    /// <summary><c>GET /v1/accounts/{account}</c>: the verdict as in spec/verdicts.md, plus whether it was assessed and its history.</summary>
    public static void WriteAccount(Utf8JsonWriter w, string account, AccountVerdict? verdict, IReadOnlyList<VerdictChange> history, LiveState live)
    {
        w.WriteStartObject();
        if (verdict is not null)
        {
            // the verdict object's own fields first, exactly as a verdicts.jsonl line
            using var doc = JsonDocument.Parse(Serialize(verdict));
            foreach (var p in doc.RootElement.EnumerateObject()) p.WriteTo(w);
        }
        else
        {
            w.WriteString("account", account);
            w.WriteNumber("score", 0);
            w.WriteString("verdict", "clear");
            w.WriteNull("campaign");
            w.WriteNumber("exchanges", 0);
            w.WriteStartArray("reasons");
            w.WriteEndArray();
        }
        w.WriteBoolean("assessed", verdict is not null);
        if (live.Sequence > 0) w.WriteString("as_of", live.At);
        if (live.ExchangeClock is { } t) w.WriteString("exchange_time", t);
        w.WritePropertyName("history");
        JsonSerializer.Serialize(w, history, Options);
        w.WriteEndObject();
    }

    public static byte[] Serialize(AccountVerdict v)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(512);
        using (var w = new Utf8JsonWriter(buffer)) VerdictWriter.Write(w, v);
        return buffer.WrittenSpan.ToArray();
    }
}
