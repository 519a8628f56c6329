using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using DistillGuard.Gateway.Keys;
using DistillGuard.Gateway.Proxy;
using DistillGuard.Gateway.Seams;
using DistillGuard.Provenance.Watermarking;
using DistillGuard.Bench;
using Microsoft.AspNetCore.Http;

namespace DistillGuard.Benchmarks;

/// <summary>
/// What the gateway sends and taps for streamed Chat Completions answers, so that two builds can be compared byte for
/// byte: <c>… -- sse-dump OUT FILE…</c>. Every string (≥ 20 characters) of the JSONL files, and the latency bench's prose
/// of 100, 500 and 2,000 words, is made into an SSE stream (a role chunk, the text in deltas, a finish chunk, a usage
/// chunk, [DONE]) and run through <c>ResponseInterceptor</c> as the proxy drives it, with no transform (tee) and with the
/// watermark; one line per text and variant with the SHA-256 of the bytes written to the client and of the body
/// reassembled for the tap. Variants: deltas of 4 characters escaped as System.Text.Json does by default (non-ASCII as
/// \uXXXX) read 16 KB at a time; 1 character, default escaping, read 16 KB at a time; 37 characters, raw UTF-8, read 100
/// bytes at a time (events split across reads).
/// </summary>
internal static class SseDump
{
    [System.Runtime.CompilerServices.ModuleInitializer]
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Usage", "CA2255", Justification = "command dispatch before the BenchmarkDotNet switcher")]
    internal static void Dispatch()
    {
        var args = Environment.GetCommandLineArgs().Skip(1).ToArray();
        if (args.Length < 2 || args[0] != "sse-dump") return;
        var wm = new Watermarker(WatermarkKey.FromSeed("dump"));
        var texts = new List<string> { BenchProse.Of(100), BenchProse.Of(500), BenchProse.Of(2000) };
        foreach (var file in args.Skip(2))
            foreach (var line in File.ReadLines(file))
                if (line.Length > 0) texts.AddRange(BenchTexts.Strings(JsonDocument.Parse(line).RootElement));
        var relaxed = new JsonSerializerOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        var variants = new (int Delta, JsonSerializerOptions? Json, int Read)[] { (4, null, 16384), (1, null, 16384), (37, relaxed, 100) };
        using var w = new StreamWriter(args[1], false, new UTF8Encoding(false));
        int n = 0, changed = 0;
        foreach (var text in texts)
        {
            foreach (var (delta, json, read) in variants)
            {
                var sse = SseOf(text, delta, json);
                var (teeOut, teeTap) = Run(sse, null, read);
                var (wmOut, wmTap) = Run(sse, BenchWatermark.Transformer(wm), read);
                if (!teeOut.AsSpan().SequenceEqual(sse)) throw new InvalidOperationException("tee changed the stream");
                if (!wmOut.AsSpan().SequenceEqual(sse)) changed++;
                w.WriteLine($"{n} {delta} {Hash(teeTap)} {Hash(wmOut)} {Hash(wmTap)}");
            }
            n++;
        }
        w.Flush();   // before Environment.Exit, which does not dispose the writer
        Console.WriteLine($"{n} texts × {variants.Length} variants, {changed} streams changed by the watermark");
        Environment.Exit(0);
    }

    private static string Hash(byte[] b) => Convert.ToHexString(SHA256.HashData(b))[..24];

    private static byte[] SseOf(string text, int size, JsonSerializerOptions? json)
    {
        var sb = new StringBuilder();
        void Ev(object delta, string? finish = null, bool usage = false)
        {
            object chunk = usage
                ? new { id = "chatcmpl-1", @object = "chat.completion.chunk", created = 1_700_000_000, model = "m", choices = Array.Empty<object>(), usage = new { prompt_tokens = 3, completion_tokens = 9, total_tokens = 12 } }
                : new { id = "chatcmpl-1", @object = "chat.completion.chunk", created = 1_700_000_000, model = "m", choices = new[] { new { index = 0, delta, finish_reason = finish } } };
            sb.Append("data: ").Append(JsonSerializer.Serialize(chunk, json)).Append("\n\n");
        }
        Ev(new { role = "assistant", content = "" });
        for (int i = 0; i < text.Length; i += size)
        {
            int end = Math.Min(text.Length, i + size);
            if (end < text.Length && char.IsHighSurrogate(text[end - 1])) end++;      // a delta is valid UTF-16
            Ev(new { content = text[i..end] });
            i = end - size;
        }
        Ev(new { }, "stop");
        Ev(new { }, usage: true);
        sb.Append("data: [DONE]\n\n");
        return Encoding.UTF8.GetBytes(sb.ToString());
    }

    private static (byte[] Written, byte[] Tap) Run(byte[] sse, IResponseTextTransformer? text, int read)
    {
        var body = "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"stream\":true}"u8.ToArray();
        var x = new Exchange
        {
            Id = "gw_1", Arrival = DateTimeOffset.UnixEpoch, StartTimestamp = 0, Key = new KeyEntry("acct", null, "k"),
            Api = ApiKind.ChatCompletions, RequestBody = body, Facts = RequestFacts.Parse(ApiKind.ChatCompletions, body),
        };
        var client = new MemoryStream();
        var interceptor = new ResponseInterceptor(client, x, null, text, 1 << 24, _ => { });
        interceptor.OnHeaders(new DefaultHttpContext().Response, 200, "text/event-stream", false);
        for (int off = 0; off < sse.Length; off += read)
            interceptor.WriteAsync(sse.AsMemory(off, Math.Min(read, sse.Length - off))).AsTask().GetAwaiter().GetResult();
        interceptor.CompleteAsync(CancellationToken.None).GetAwaiter().GetResult();
        var tap = x.Response is { } r ? Encoding.UTF8.GetBytes(r.ToJsonString()) : x.ResponseBytes ?? [];
        return (client.ToArray(), tap);
    }
}
