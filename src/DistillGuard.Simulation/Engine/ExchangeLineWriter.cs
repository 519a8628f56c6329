using System.Buffers;
using System.Buffers.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using DistillGuard.Core.Model;
using DistillGuard.Simulation.Content;

namespace DistillGuard.Simulation.Engine;

/// <summary>Writes exchange records as JSON lines (exchange-log spec) into a reusable buffer. Not thread-safe: one per worker.</summary>
internal sealed class ExchangeLineWriter
{
#if DEBUG
    private const bool SkipValidation = false; // tests check the structure as it is written
#else
    private const bool SkipValidation = true; // same bytes, less work per token
#endif
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = SkipValidation };
    private readonly IContentRenderer _renderer;
    private readonly Utf8JsonWriter _json;
    private readonly bool _debugIntent;

    public ExchangeLineWriter(IContentRenderer renderer, ArrayBufferWriter<byte> buffer, bool debugIntent = false)
    {
        _renderer = renderer;
        Buffer = buffer;
        _json = new Utf8JsonWriter(buffer, Options);
        _debugIntent = debugIntent;
    }

    public ArrayBufferWriter<byte> Buffer { get; }

    public void Write(ExchangeDraft d)
    {
        var w = _json;
        w.Reset(Buffer);
        Span<byte> tmp = stackalloc byte[32];
        w.WriteStartObject();
        "ex_"u8.CopyTo(tmp);
        Utf8Formatter.TryFormat(d.Seq, tmp[3..], out int n, new StandardFormat('D', 9));
        w.WriteString("id"u8, tmp[..(3 + n)]);
        w.WriteString("ts"u8, FormatTs(d.TsMs, tmp));
        w.WriteString("account"u8, d.Account);
        w.WriteString("key"u8, d.Key);
        w.WriteStartObject("client"u8);
        w.WriteString("ip"u8, FormatIp(d.Ip, tmp));
        w.WriteString("user_agent"u8, d.UserAgent);
        w.WriteString("ja4"u8, d.Ja4);
        if (d.ForwardedFor != 0) w.WriteString("forwarded_for"u8, FormatIp(d.ForwardedFor, tmp));
        w.WriteEndObject();
        w.WriteString("route"u8, d.Route);
        w.WriteString("api"u8, d.Intent.Api.WireName());
        var result = _renderer.Write(w, d.Intent);
        w.WriteNumber("status"u8, d.Status);
        w.WriteNumber("latency_ms"u8, d.BaseLatencyMs + (int)(result.OutputTokens * d.MsPerToken));
        if (_debugIntent)
        {
            var i = d.Intent;
            w.WriteStartObject("_intent"u8);
            w.WriteString("kind"u8, i.Kind.ToString());
            w.WriteNumber("template"u8, i.Template);
            w.WriteNumber("item"u8, i.Item);
            w.WriteNumber("paraphrase"u8, i.Paraphrase);
            w.WriteNumber("system_prompt"u8, i.SystemPrompt);
            w.WriteNumber("tool_set"u8, i.ToolSet);
            w.WriteNumber("thinking_budget"u8, i.ThinkingBudget);
            w.WriteNumber("turns"u8, i.Turns);
            w.WriteString("language"u8, i.Language);
            w.WriteBoolean("relayed"u8, d.Relayed);
            if (i.IssuedArtifact is not null) w.WriteString("issued"u8, i.IssuedArtifact);
            if (i.ReplayedArtifact is not null) w.WriteString("replayed"u8, i.ReplayedArtifact);
            w.WriteEndObject();
        }
        w.WriteEndObject();
        w.Flush();
        Buffer.GetSpan(1)[0] = (byte)'\n';
        Buffer.Advance(1);
    }

    private static ReadOnlySpan<byte> FormatIp(uint ip, Span<byte> dst)
    {
        int pos = 0;
        for (int shift = 24; shift >= 0; shift -= 8)
        {
            Utf8Formatter.TryFormat((byte)(ip >> shift), dst[pos..], out int n);
            pos += n;
            if (shift > 0) dst[pos++] = (byte)'.';
        }
        return dst[..pos];
    }

    /// <summary>RFC 3339 UTC with milliseconds: <c>2026-02-01T12:00:00.123Z</c> (formatted by hand: this runs per exchange).</summary>
    public static ReadOnlySpan<byte> FormatTs(long ms, Span<byte> dst)
    {
        var dt = DateTime.UnixEpoch.AddMilliseconds(ms);
        DateOnly.FromDateTime(dt).Deconstruct(out int year, out int month, out int day);
        long msOfDay = (ms % 86_400_000L + 86_400_000L) % 86_400_000L;
        int h = (int)(msOfDay / 3_600_000), m = (int)(msOfDay / 60_000 % 60), s = (int)(msOfDay / 1000 % 60), f = (int)(msOfDay % 1000);
        Digits(dst, 0, year, 4); dst[4] = (byte)'-'; Digits(dst, 5, month, 2); dst[7] = (byte)'-'; Digits(dst, 8, day, 2);
        dst[10] = (byte)'T'; Digits(dst, 11, h, 2); dst[13] = (byte)':'; Digits(dst, 14, m, 2); dst[16] = (byte)':'; Digits(dst, 17, s, 2);
        dst[19] = (byte)'.'; Digits(dst, 20, f, 3); dst[23] = (byte)'Z';
        return dst[..24];
    }

    private static void Digits(Span<byte> dst, int at, int value, int width)
    {
        for (int i = at + width - 1; i >= at; i--) { dst[i] = (byte)('0' + value % 10); value /= 10; }
    }
}
