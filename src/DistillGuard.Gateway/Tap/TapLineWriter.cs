using System.Buffers;
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
    /// <summary>The line, without its newline, in an array of its own length (the caller's; not reused).</summary>
    public static ReadOnlyMemory<byte> Write(Exchange x, string route)
    {
        // One buffer and one writer per thread, reset per line: a request's line used to take a fresh buffer sized for
        // the request and response plus 1 KB (zeroed) and a fresh writer; now the only allocation is the line itself.
        var scratch = t_scratch ??= new Scratch();
        var w = scratch.Writer;
        w.Reset(scratch.Buffer);
        try
        {
            WriteLine(w, x, route);
            w.Flush();
            return scratch.Buffer.WrittenSpan.ToArray();
        }
        finally
        {
            w.Reset();
            scratch.Buffer.ResetWrittenCount();
            // a huge exchange's buffer is not kept by the thread once its line is out
            if (scratch.Buffer.Capacity > MaxKeptBytes) scratch.Buffer = new ArrayBufferWriter<byte>(InitialBytes);
        }
    }

    private const int InitialBytes = 4096, MaxKeptBytes = 1 << 20;

    private sealed class Scratch
    {
        public ArrayBufferWriter<byte> Buffer = new(InitialBytes);
        public readonly Utf8JsonWriter Writer = new(Stream.Null, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    }

    [ThreadStatic] private static Scratch? t_scratch;

    private static void WriteLine(Utf8JsonWriter w, Exchange x, string route)
    {
        w.WriteStartObject();
        w.WriteString("id", x.Id);
        w.WriteString("ts", Timestamp(x.Arrival.UtcDateTime, stackalloc byte[24]));
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
        WriteJson(w, x.RequestBody, valid: x.Facts.IsObject);
        if (x.Status is >= 200 and < 300)
        {
            if (x.Response is not null) { w.WritePropertyName("response"); x.Response.WriteTo(w); }
            else if (x.ResponseBytes is not null && LooksLikeObject(x.ResponseBytes)) { w.WritePropertyName("response"); WriteJson(w, x.ResponseBytes, valid: true); }
        }
        w.WriteNumber("status", x.Status);
        w.WriteNumber("latency_ms", (long)x.Latency.TotalMilliseconds);
        WriteGateway(w, x);
        w.WriteEndObject();
    }

    /// <summary>RFC 3339 UTC with milliseconds (<c>yyyy-MM-ddTHH:mm:ss.fffZ</c>), without a format string's parsing.</summary>
    internal static ReadOnlySpan<byte> Timestamp(DateTime t, Span<byte> b)
    {
        static void D(Span<byte> s, int v, int digits) { for (int i = digits - 1; i >= 0; i--) { s[i] = (byte)('0' + v % 10); v /= 10; } }
        D(b, t.Year, 4); b[4] = (byte)'-'; D(b[5..], t.Month, 2); b[7] = (byte)'-'; D(b[8..], t.Day, 2); b[10] = (byte)'T';
        D(b[11..], t.Hour, 2); b[13] = (byte)':'; D(b[14..], t.Minute, 2); b[16] = (byte)':'; D(b[17..], t.Second, 2);
        b[19] = (byte)'.'; D(b[20..], t.Millisecond, 3); b[23] = (byte)'Z';
        return b[..24];
    }

    /// <summary>A JSON body on one line: bytes as they are when they hold no line break, else re-written compactly.
    /// <paramref name="valid"/>: already read as JSON (by <see cref="RequestFacts"/> or <see cref="LooksLikeObject"/>), not checked again.</summary>
    private static void WriteJson(Utf8JsonWriter w, byte[] body, bool valid)
    {
        if (body.AsSpan().IndexOfAny((byte)'\n', (byte)'\r') < 0) { w.WriteRawValue(body, skipInputValidation: valid); return; }
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
