using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

/// <summary>
/// A fast fake model API for the wrk and soak benches (Kestrel on 127.0.0.1): <c>/v1/chat/completions</c>,
/// <c>/v1/messages</c> and <c>/v1/responses</c>, buffered or SSE, every answer carrying reasoning and the text
/// "The answer is 42.". Unlike the tests' FakeUpstream it keeps nothing per request, and an unfaulted buffered chat answer
/// is a fixed byte array, so it costs next to nothing beside the proxy it serves.
/// <para>
/// Faults, chosen per request by the <c>x-bench-fault</c> request header (which the proxy forwards) so the client knows
/// what the upstream did: <c>none</c>; <c>s500</c>/<c>s502</c>/<c>s503</c> (that status with an OpenAI-style error body
/// whose code is <c>bench_upstream_error</c>); <c>slow</c> (no answer for <c>--slow-ms</c>, then a normal one);
/// <c>reset-headers</c> (the connection is aborted before any response byte); <c>reset-mid</c> (half the body or half the
/// stream's events, then the connection is aborted); <c>stall-mid</c> (half, then silence for <c>--slow-ms</c>, then the rest).
/// </para>
/// </summary>
internal static class BenchUpstream
{
    private const string Text = "The answer is 42.";
    private static readonly string[] TextDeltas = ["The answer", " is", " 42."];
    private static readonly string[] ReasoningDeltas = ["First I consider the question. ", "Then I compute six times seven. ", "It is 42."];
    private static readonly string Reasoning = string.Concat(ReasoningDeltas);
    private static readonly byte[] StreamTrue = "\"stream\":true"u8.ToArray();

    public static readonly byte[] ChatJson = Encoding.UTF8.GetBytes(new JsonObject
    {
        ["id"] = "chatcmpl-1", ["object"] = "chat.completion", ["created"] = 1_700_000_000, ["model"] = "gpt-bench",
        ["choices"] = new JsonArray(new JsonObject
        {
            ["index"] = 0, ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = Text, ["reasoning_content"] = Reasoning }, ["finish_reason"] = "stop",
        }),
        ["usage"] = new JsonObject { ["prompt_tokens"] = 12, ["completion_tokens"] = 30, ["total_tokens"] = 42 },
    }.ToJsonString());

    public static async Task<int> RunAsync(string[] args)
    {
        int port = Cli.Int(args, "--port", 0);
        int slowMs = Cli.Int(args, "--slow-ms", 5000);
        int eventDelayMs = Cli.Int(args, "--event-delay-ms", 0);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => { k.Listen(IPAddress.Loopback, port); k.AddServerHeader = false; });
        var app = builder.Build();
        long n = 0;
        app.MapPost("/v1/{**path}", async ctx =>
        {
            var body = await ReadAsync(ctx.Request);
            string fault = ctx.Request.Headers["x-bench-fault"] is { Count: > 0 } f ? f.ToString() : "none";
            string path = ctx.Request.Path.Value ?? "";
            bool stream = body.AsSpan().IndexOf(StreamTrue) >= 0;
            long id = Interlocked.Increment(ref n);
            await AnswerAsync(ctx, path, stream, fault, id, slowMs, eventDelayMs);
        });
        await app.StartAsync();
        Console.WriteLine($"listening upstream {app.Urls.First()}");
        Console.Out.Flush();
        await Cli.WaitForStopAsync();
        await app.StopAsync();
        return 0;
    }

    private static async Task<byte[]> ReadAsync(HttpRequest request)
    {
        using var ms = new MemoryStream(request.ContentLength is { } len ? (int)len : 1024);
        await request.Body.CopyToAsync(ms);
        return ms.ToArray();
    }

    private static async Task AnswerAsync(HttpContext ctx, string path, bool stream, string fault, long id, int slowMs, int eventDelayMs)
    {
        var ct = ctx.RequestAborted;
        switch (fault)
        {
            case "s500" or "s502" or "s503":
            {
                ctx.Response.StatusCode = int.Parse(fault.AsSpan(1));
                ctx.Response.ContentType = "application/json";
                await ctx.Response.Body.WriteAsync("{\"error\":{\"message\":\"upstream fault injected by the bench\",\"type\":\"server_error\",\"param\":null,\"code\":\"bench_upstream_error\"}}"u8.ToArray(), ct);
                return;
            }
            case "reset-headers":
                ctx.Abort();
                return;
            case "slow":
                try { await Task.Delay(slowMs, ct); }
                catch (OperationCanceledException) { return; }
                break;
        }
        bool mid = fault is "reset-mid" or "stall-mid";
        if (!stream)
        {
            byte[] body = path.EndsWith("/chat/completions", StringComparison.Ordinal) ? ChatJson : Encoding.UTF8.GetBytes(Buffered(path, id).ToJsonString());
            ctx.Response.ContentType = "application/json";
            ctx.Response.ContentLength = body.Length;
            if (!mid) { await ctx.Response.Body.WriteAsync(body, ct); return; }
            int half = body.Length / 2;
            await ctx.Response.Body.WriteAsync(body.AsMemory(0, half), ct);
            await ctx.Response.Body.FlushAsync(ct);
            await MidFaultAsync(ctx, fault, slowMs);
            if (fault == "stall-mid" && !ct.IsCancellationRequested) await ctx.Response.Body.WriteAsync(body.AsMemory(half), ct);
            return;
        }
        var events = Events(path, id);
        ctx.Response.ContentType = "text/event-stream";
        ctx.Response.Headers.CacheControl = "no-cache";
        for (int i = 0; i < events.Count; i++)
        {
            if (mid && i == events.Count / 2)
            {
                await MidFaultAsync(ctx, fault, slowMs);
                if (fault == "reset-mid" || ct.IsCancellationRequested) return;
            }
            await ctx.Response.Body.WriteAsync(events[i], ct);
            await ctx.Response.Body.FlushAsync(ct);
            if (eventDelayMs > 0) await Task.Delay(eventDelayMs, ct);
        }
    }

    private static async Task MidFaultAsync(HttpContext ctx, string fault, int slowMs)
    {
        if (fault == "reset-mid") { ctx.Abort(); return; }
        try { await Task.Delay(slowMs, ctx.RequestAborted); } catch (OperationCanceledException) { }
    }

    /// <summary>A fresh artifact per answer (thinking signature / encrypted_content), as a real provider issues.</summary>
    private static string Artifact(long id)
    {
        var bytes = new byte[180];
        new Random(unchecked((int)id)).NextBytes(bytes);
        return Convert.ToBase64String(bytes).Replace('+', '-').Replace('/', '_');
    }

    private static JsonObject Buffered(string path, long id)
    {
        if (path.EndsWith("/messages", StringComparison.Ordinal))
            return new JsonObject
            {
                ["id"] = "msg_" + id, ["type"] = "message", ["role"] = "assistant", ["model"] = "claude-bench",
                ["content"] = new JsonArray(
                    new JsonObject { ["type"] = "thinking", ["thinking"] = Reasoning, ["signature"] = Artifact(id) },
                    new JsonObject { ["type"] = "text", ["text"] = Text }),
                ["stop_reason"] = "end_turn", ["stop_sequence"] = null,
                ["usage"] = new JsonObject { ["input_tokens"] = 12, ["output_tokens"] = 30 },
            };
        return ResponseEnvelope("completed", new JsonArray(ReasoningItem(Reasoning, Artifact(id)), MessageItem(Text, "completed")));
    }

    private static byte[] Sse(string? name, string json) => Encoding.UTF8.GetBytes((name is null ? "" : $"event: {name}\n") + $"data: {json}\n\n");

    private static List<byte[]> Events(string path, long id)
    {
        var list = new List<byte[]>();
        if (path.EndsWith("/chat/completions", StringComparison.Ordinal))
        {
            string Chunk(JsonObject delta, string? finish = null) => new JsonObject
            {
                ["id"] = "chatcmpl-" + id, ["object"] = "chat.completion.chunk", ["created"] = 1_700_000_000, ["model"] = "gpt-bench",
                ["choices"] = new JsonArray(new JsonObject { ["index"] = 0, ["delta"] = delta, ["finish_reason"] = finish }),
            }.ToJsonString();
            list.Add(Sse(null, Chunk(new JsonObject { ["role"] = "assistant", ["content"] = "" })));
            foreach (var r in ReasoningDeltas) list.Add(Sse(null, Chunk(new JsonObject { ["reasoning_content"] = r })));
            foreach (var t in TextDeltas) list.Add(Sse(null, Chunk(new JsonObject { ["content"] = t })));
            list.Add(Sse(null, Chunk(new JsonObject(), "stop")));
            list.Add(Sse(null, "[DONE]"));
            return list;
        }
        if (path.EndsWith("/messages", StringComparison.Ordinal))
        {
            void Ev(string name, JsonObject o) { o["type"] = name; list.Add(Sse(name, o.ToJsonString())); }
            Ev("message_start", new JsonObject
            {
                ["message"] = new JsonObject
                {
                    ["id"] = "msg_" + id, ["type"] = "message", ["role"] = "assistant", ["model"] = "claude-bench", ["content"] = new JsonArray(),
                    ["stop_reason"] = null, ["stop_sequence"] = null, ["usage"] = new JsonObject { ["input_tokens"] = 12, ["output_tokens"] = 1 },
                },
            });
            Ev("content_block_start", new JsonObject { ["index"] = 0, ["content_block"] = new JsonObject { ["type"] = "thinking", ["thinking"] = "", ["signature"] = "" } });
            foreach (var r in ReasoningDeltas)
                Ev("content_block_delta", new JsonObject { ["index"] = 0, ["delta"] = new JsonObject { ["type"] = "thinking_delta", ["thinking"] = r } });
            Ev("content_block_delta", new JsonObject { ["index"] = 0, ["delta"] = new JsonObject { ["type"] = "signature_delta", ["signature"] = Artifact(id) } });
            Ev("content_block_stop", new JsonObject { ["index"] = 0 });
            Ev("content_block_start", new JsonObject { ["index"] = 1, ["content_block"] = new JsonObject { ["type"] = "text", ["text"] = "" } });
            foreach (var t in TextDeltas)
                Ev("content_block_delta", new JsonObject { ["index"] = 1, ["delta"] = new JsonObject { ["type"] = "text_delta", ["text"] = t } });
            Ev("content_block_stop", new JsonObject { ["index"] = 1 });
            Ev("message_delta", new JsonObject { ["delta"] = new JsonObject { ["stop_reason"] = "end_turn", ["stop_sequence"] = null }, ["usage"] = new JsonObject { ["output_tokens"] = 30 } });
            Ev("message_stop", new JsonObject());
            return list;
        }
        int seq = 0;
        string artifact = Artifact(id);
        void R(string type, JsonObject o)
        {
            var ordered = new JsonObject { ["type"] = type };
            foreach (var (k, v) in o.ToList()) { o.Remove(k); ordered[k] = v; }
            ordered["sequence_number"] = seq++;
            list.Add(Sse(type, ordered.ToJsonString()));
        }
        R("response.created", new JsonObject { ["response"] = ResponseEnvelope("in_progress", []) });
        R("response.output_item.added", new JsonObject { ["output_index"] = 0, ["item"] = ReasoningItem("", null) });
        foreach (var r in ReasoningDeltas)
            R("response.reasoning_summary_text.delta", new JsonObject { ["item_id"] = "rs_1", ["output_index"] = 0, ["summary_index"] = 0, ["delta"] = r });
        R("response.reasoning_summary_text.done", new JsonObject { ["item_id"] = "rs_1", ["output_index"] = 0, ["summary_index"] = 0, ["text"] = Reasoning });
        R("response.output_item.done", new JsonObject { ["output_index"] = 0, ["item"] = ReasoningItem(Reasoning, artifact) });
        R("response.output_item.added", new JsonObject { ["output_index"] = 1, ["item"] = MessageItem("", "in_progress") });
        foreach (var t in TextDeltas)
            R("response.output_text.delta", new JsonObject { ["item_id"] = "msg_1", ["output_index"] = 1, ["content_index"] = 0, ["delta"] = t });
        R("response.output_text.done", new JsonObject { ["item_id"] = "msg_1", ["output_index"] = 1, ["content_index"] = 0, ["text"] = Text });
        R("response.output_item.done", new JsonObject { ["output_index"] = 1, ["item"] = MessageItem(Text, "completed") });
        R("response.completed", new JsonObject { ["response"] = ResponseEnvelope("completed", new JsonArray(ReasoningItem(Reasoning, artifact), MessageItem(Text, "completed"))) });
        return list;
    }

    private static JsonObject ResponseEnvelope(string status, JsonArray output) => new()
    {
        ["id"] = "resp_1", ["object"] = "response", ["created_at"] = 1_700_000_000, ["status"] = status, ["model"] = "o-bench",
        ["output"] = output,
        ["usage"] = status == "completed" ? new JsonObject { ["input_tokens"] = 12, ["output_tokens"] = 30, ["total_tokens"] = 42 } : null,
    };

    private static JsonObject ReasoningItem(string summary, string? encrypted) => new()
    {
        ["id"] = "rs_1", ["type"] = "reasoning",
        ["summary"] = summary.Length == 0 ? new JsonArray() : new JsonArray(new JsonObject { ["type"] = "summary_text", ["text"] = summary }),
        ["encrypted_content"] = encrypted,
    };

    private static JsonObject MessageItem(string text, string status) => new()
    {
        ["id"] = "msg_1", ["type"] = "message", ["status"] = status, ["role"] = "assistant",
        ["content"] = text.Length == 0 ? new JsonArray() : new JsonArray(new JsonObject { ["type"] = "output_text", ["text"] = text, ["annotations"] = new JsonArray() }),
    };

    /// <summary>Whether a body read through the proxy is a complete answer (buffered: parses; SSE: its last event is the API's end).</summary>
    public static bool Complete(string api, bool stream, byte[] body)
    {
        if (!stream)
        {
            try { return JsonNode.Parse(body) is JsonObject; }
            catch (JsonException) { return false; }
        }
        var s = Encoding.UTF8.GetString(body).TrimEnd();
        return api switch
        {
            "chat" => s.EndsWith("data: [DONE]", StringComparison.Ordinal),
            "anthropic" => s.EndsWith("{\"type\":\"message_stop\"}", StringComparison.Ordinal),
            _ => s.Contains("event: response.completed", StringComparison.Ordinal) && s.EndsWith('}'),
        };
    }
}
