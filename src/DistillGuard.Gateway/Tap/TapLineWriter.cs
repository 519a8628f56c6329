using System.Buffers;
using System.Globalization;
using System.Text.Json;
using DistillGuard.Gateway.Policy;
using DistillGuard.Gateway.Proxy;

namespace DistillGuard.Gateway.Tap;

/// <summary>
/// Writes one exchange as an exchange-log line (shared/spec/exchange-log.md, version 1): the spec's fields under the
/// spec's names, the request body as received, the response as the client received it (a stream reassembled into
/// the non-streamed shape), plus a <c>gateway</c> object (ignored by readers) with what the gateway decided.
/// </summary>
internal static class TapLineWriter
{
    public static byte[] Write(Exchange x, string route)
    {
        var buffer = new ArrayBufferWriter<byte>(x.RequestBody.Length + 1024);
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteString("id", x.Id);
            w.WriteString("ts", x.Arrival.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
            w.WriteString("account", x.Key.Account);
            w.WriteString("key", x.Key.KeyId);
            if (x.Ip is not null || x.UserAgent is not null || x.ForwardedFor is not null)
            {
                w.WriteStartObject("client");
                if (x.Ip is not null) w.WriteString("ip", x.Ip);
                if (x.UserAgent is not null) w.WriteString("user_agent", x.UserAgent);
                if (x.ForwardedFor is not null) w.WriteString("forwarded_for", x.ForwardedFor);
                w.WriteEndObject();
            }
            w.WriteString("route", route);
            w.WriteString("api", x.Api.WireName());
            w.WritePropertyName("request");
            WriteJson(w, x.RequestBody);
            if (x.Status is >= 200 and < 300)
            {
                if (x.Response is not null) { w.WritePropertyName("response"); x.Response.WriteTo(w); }
                else if (x.ResponseBytes is not null && LooksLikeObject(x.ResponseBytes)) { w.WritePropertyName("response"); WriteJson(w, x.ResponseBytes); }
            }
            w.WriteNumber("status", x.Status);
            w.WriteNumber("latency_ms", (long)x.Latency.TotalMilliseconds);
            WriteGateway(w, x);
            w.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>A JSON body on one line: bytes as they are when they hold no line break, else re-written compactly.</summary>
    private static void WriteJson(Utf8JsonWriter w, byte[] body)
    {
        if (body.AsSpan().IndexOfAny((byte)'\n', (byte)'\r') < 0) { w.WriteRawValue(body, skipInputValidation: false); return; }
        using var doc = JsonDocument.Parse(body);
        doc.WriteTo(w);
    }

    private static bool LooksLikeObject(byte[] bytes)
    {
        try
        {
            var r = new Utf8JsonReader(bytes);
            if (!r.Read() || r.TokenType != JsonTokenType.StartObject) return false;
            r.Skip();
            return !r.Read();
        }
        catch (JsonException) { return false; }
    }

    private static void WriteGateway(Utf8JsonWriter w, Exchange x)
    {
        w.WriteStartObject("gateway");
        if (x.Allowlisted) w.WriteBoolean("allowlisted", true);
        if (x.DetectorUnavailable) w.WriteString("detector", "unavailable");
        if (x.VerdictKnown)
        {
            w.WriteString("verdict", x.Verdict.Verdict);
            w.WriteNumber("score", x.Verdict.Score);
            if (x.Verdict.Campaign is not null) w.WriteString("campaign", x.Verdict.Campaign);
        }
        if (x.Decision is { } d)
        {
            w.WriteString("rule", d.Rule);
            w.WriteStartArray("actions");
            foreach (var k in d.Actions.Kinds()) w.WriteStringValue(k);
            w.WriteEndArray();
        }
        if (x.Refused is not null) w.WriteString("refused", x.Refused);
        if (x.ReasoningMode is { } mode)
        {
            w.WriteStartObject("reasoning");
            w.WriteString("mode", mode == ReasoningMode.Strip ? "strip" : "summarise");
            w.WriteNumber("blocks", x.ReasoningBlocks);
            w.WriteEndObject();
        }
        if (x.Replays.Count > 0)
        {
            w.WriteStartObject("replay");
            w.WriteString("outcome", x.ReplayOutcome);
            w.WriteStartArray("artifacts");
            foreach (var (mismatch, issuer) in x.Replays)
            {
                w.WriteStartObject();
                w.WriteString("mismatch", mismatch);
                w.WriteString("issued_to", issuer);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        if (x.Transformed) w.WriteBoolean("text_transformed", true);
        if (x.Streamed) w.WriteBoolean("streamed", true);
        w.WriteEndObject();
    }
}
