using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace DistillGuard.Gateway.Tests.Support;

/// <summary>
/// A stand-in for the three model APIs on 127.0.0.1 (Kestrel): /v1/chat/completions, /v1/responses and /v1/messages,
/// buffered or streamed (SSE), each answer carrying reasoning ("First I consider the question. Then I compute six times
/// seven. It is 42.") and the text "The answer is 42.". Every Responses and Anthropic answer issues a fresh artifact
/// (encrypted_content / thinking signature). Model "gated" pauses a stream after its first text delta until
/// <see cref="ReleaseGate"/>.
/// </summary>
public sealed class FakeUpstream : IAsyncDisposable
{
    public const string Text = "The answer is 42.";
    public static readonly string[] TextDeltas = ["The answer", " is", " 42."];
    public static readonly string[] ReasoningDeltas = ["First I consider the question. ", "Then I compute six times seven. ", "It is 42."];
    public static string Reasoning => string.Concat(ReasoningDeltas);

    private readonly WebApplication _app;
    private int _counter;
    private TaskCompletionSource _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ConcurrentQueue<(string Path, byte[] Body, Dictionary<string, string> Headers)> Requests { get; } = new();
    public ConcurrentQueue<string> Artifacts { get; } = new();

    private FakeUpstream(WebApplication app) => _app = app;

    public string BaseUrl => _app.Urls.First();

    public static async Task<FakeUpstream> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var fake = new FakeUpstream(app);
        app.MapPost("/v1/chat/completions", fake.ChatAsync);
        app.MapPost("/v1/responses", fake.ResponsesAsync);
        app.MapPost("/v1/messages", fake.MessagesAsync);
        app.MapGet("/v1/models", () => Results.Json(new { data = new[] { new { id = "m1" } } }));
        app.MapGet("/v1/responses/{id}", (string id) => Results.Text(
            ResponseEnvelope("o-test", "completed", new JsonArray(ReasoningItem(Reasoning, "stored-artifact"), MessageItem(Text, "completed"))).ToJsonString(), "application/json"));
        await app.StartAsync();
        return fake;
    }

    public void ReleaseGate() => _gate.TrySetResult();

    public void ResetGate() => _gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>A fresh, random-looking base64 artifact (deterministic per answer number).</summary>
    private string NewArtifact()
    {
        int n = Interlocked.Increment(ref _counter);
        var bytes = new byte[240];
        new Random(1000 + n).NextBytes(bytes);
        var a = Convert.ToBase64String(bytes).Replace('+', '-').Replace('/', '_');      // no characters JSON writers escape
        Artifacts.Enqueue(a);
        return a;
    }

    private async Task<JsonObject> ReadAsync(HttpContext ctx)
    {
        using var ms = new MemoryStream();
        await ctx.Request.Body.CopyToAsync(ms);
        var body = ms.ToArray();
        Requests.Enqueue((ctx.Request.Path.Value!, body, ctx.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase)));
        return (JsonObject)JsonNode.Parse(body)!;
    }

    private static async Task SseAsync(HttpContext ctx, string? name, object data)
    {
        var json = data as string ?? JsonSerializer.Serialize(data);
        var text = (name is null ? "" : $"event: {name}\n") + $"data: {json}\n\n";
        await ctx.Response.WriteAsync(text);
        await ctx.Response.Body.FlushAsync();
    }

    private static void StartSse(HttpContext ctx)
    {
        ctx.Response.ContentType = "text/event-stream";
        ctx.Response.Headers.CacheControl = "no-cache";
    }

    private async Task Gate(string model)
    {
        if (model == "gated") await _gate.Task.WaitAsync(TimeSpan.FromSeconds(30));
    }

    private async Task ChatAsync(HttpContext ctx)
    {
        var req = await ReadAsync(ctx);
        string model = req["model"]?.GetValue<string>() ?? "m";
        bool usage = req["stream_options"]?["include_usage"]?.GetValue<bool>() == true;
        var usageObj = new { prompt_tokens = 12, completion_tokens = 30, total_tokens = 42, completion_tokens_details = new { reasoning_tokens = 20 } };
        if (req["stream"]?.GetValue<bool>() != true)
        {
            await ctx.Response.WriteAsJsonAsync(new
            {
                id = "chatcmpl-1", @object = "chat.completion", created = 1_700_000_000, model,
                choices = new[] { new { index = 0, message = new { role = "assistant", content = Text, reasoning_content = Reasoning }, finish_reason = "stop" } },
                usage = usageObj,
            });
            return;
        }
        StartSse(ctx);
        object Chunk(object delta, string? finish = null) => new
        {
            id = "chatcmpl-1", @object = "chat.completion.chunk", created = 1_700_000_000, model,
            choices = new[] { new { index = 0, delta, finish_reason = finish } },
        };
        await SseAsync(ctx, null, Chunk(new { role = "assistant", content = "" }));
        if (model == "gpt-tools")
        {
            await SseAsync(ctx, null, Chunk(new { tool_calls = new[] { new { index = 0, id = "call_1", type = "function", function = new { name = "get_weather", arguments = "" } } } }));
            foreach (var piece in (string[])["{\"city\":", "\"Paris\"}"])
                await SseAsync(ctx, null, Chunk(new { tool_calls = new[] { new { index = 0, function = new { arguments = piece } } } }));
            await SseAsync(ctx, null, Chunk(new { }, "tool_calls"));
            await SseAsync(ctx, null, "[DONE]");
            return;
        }
        foreach (var r in ReasoningDeltas) await SseAsync(ctx, null, Chunk(new { reasoning_content = r }));
        for (int i = 0; i < TextDeltas.Length; i++)
        {
            await SseAsync(ctx, null, Chunk(new { content = TextDeltas[i] }));
            if (i == 0) await Gate(model);
        }
        await SseAsync(ctx, null, Chunk(new { }, "stop"));
        if (usage) await SseAsync(ctx, null, new { id = "chatcmpl-1", @object = "chat.completion.chunk", created = 1_700_000_000, model, choices = Array.Empty<object>(), usage = usageObj });
        await SseAsync(ctx, null, "[DONE]");
    }

    private static JsonObject ResponseEnvelope(string model, string status, JsonArray output) => new()
    {
        ["id"] = "resp_1", ["object"] = "response", ["created_at"] = 1_700_000_000, ["status"] = status, ["model"] = model,
        ["output"] = output, ["parallel_tool_calls"] = true, ["tool_choice"] = "auto", ["tools"] = new JsonArray(),
        ["text"] = new JsonObject { ["format"] = new JsonObject { ["type"] = "text" } },
        ["reasoning"] = new JsonObject { ["effort"] = "high", ["summary"] = "auto" },
        ["usage"] = status == "completed" ? new JsonObject
        {
            ["input_tokens"] = 12, ["input_tokens_details"] = new JsonObject { ["cached_tokens"] = 0 },
            ["output_tokens"] = 30, ["output_tokens_details"] = new JsonObject { ["reasoning_tokens"] = 20 }, ["total_tokens"] = 42,
        } : null,
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
        ["content"] = text.Length == 0 && status != "completed" ? new JsonArray() : new JsonArray(new JsonObject { ["type"] = "output_text", ["text"] = text, ["annotations"] = new JsonArray() }),
    };

    private async Task ResponsesAsync(HttpContext ctx)
    {
        var req = await ReadAsync(ctx);
        string model = req["model"]?.GetValue<string>() ?? "m";
        string artifact = NewArtifact();
        if (req["stream"]?.GetValue<bool>() != true)
        {
            var body = ResponseEnvelope(model, "completed", new JsonArray(ReasoningItem(Reasoning, artifact), MessageItem(Text, "completed")));
            await ctx.Response.WriteAsJsonAsync(body);
            return;
        }
        StartSse(ctx);
        int seq = 0;
        Task Ev(string type, JsonObject o)
        {
            var ordered = new JsonObject { ["type"] = type };
            foreach (var (k, v) in o.ToList()) { o.Remove(k); ordered[k] = v; }
            ordered["sequence_number"] = seq++;
            return SseAsync(ctx, type, ordered.ToJsonString());
        }
        await Ev("response.created", new JsonObject { ["response"] = ResponseEnvelope(model, "in_progress", []) });
        await Ev("response.in_progress", new JsonObject { ["response"] = ResponseEnvelope(model, "in_progress", []) });
        await Ev("response.output_item.added", new JsonObject { ["output_index"] = 0, ["item"] = ReasoningItem("", null) });
        await Ev("response.reasoning_summary_part.added", new JsonObject { ["item_id"] = "rs_1", ["output_index"] = 0, ["summary_index"] = 0, ["part"] = new JsonObject { ["type"] = "summary_text", ["text"] = "" } });
        foreach (var r in ReasoningDeltas)
            await Ev("response.reasoning_summary_text.delta", new JsonObject { ["item_id"] = "rs_1", ["output_index"] = 0, ["summary_index"] = 0, ["delta"] = r });
        await Ev("response.reasoning_summary_text.done", new JsonObject { ["item_id"] = "rs_1", ["output_index"] = 0, ["summary_index"] = 0, ["text"] = Reasoning });
        await Ev("response.reasoning_summary_part.done", new JsonObject { ["item_id"] = "rs_1", ["output_index"] = 0, ["summary_index"] = 0, ["part"] = new JsonObject { ["type"] = "summary_text", ["text"] = Reasoning } });
        await Ev("response.output_item.done", new JsonObject { ["output_index"] = 0, ["item"] = ReasoningItem(Reasoning, artifact) });
        await Ev("response.output_item.added", new JsonObject { ["output_index"] = 1, ["item"] = MessageItem("", "in_progress") });
        await Ev("response.content_part.added", new JsonObject { ["item_id"] = "msg_1", ["output_index"] = 1, ["content_index"] = 0, ["part"] = new JsonObject { ["type"] = "output_text", ["text"] = "", ["annotations"] = new JsonArray() } });
        for (int i = 0; i < TextDeltas.Length; i++)
        {
            await Ev("response.output_text.delta", new JsonObject { ["item_id"] = "msg_1", ["output_index"] = 1, ["content_index"] = 0, ["delta"] = TextDeltas[i], ["logprobs"] = new JsonArray() });
            if (i == 0) await Gate(model);
        }
        await Ev("response.output_text.done", new JsonObject { ["item_id"] = "msg_1", ["output_index"] = 1, ["content_index"] = 0, ["text"] = Text, ["logprobs"] = new JsonArray() });
        await Ev("response.content_part.done", new JsonObject { ["item_id"] = "msg_1", ["output_index"] = 1, ["content_index"] = 0, ["part"] = new JsonObject { ["type"] = "output_text", ["text"] = Text, ["annotations"] = new JsonArray() } });
        await Ev("response.output_item.done", new JsonObject { ["output_index"] = 1, ["item"] = MessageItem(Text, "completed") });
        await Ev("response.completed", new JsonObject { ["response"] = ResponseEnvelope(model, "completed", new JsonArray(ReasoningItem(Reasoning, artifact), MessageItem(Text, "completed"))) });
    }

    private async Task MessagesAsync(HttpContext ctx)
    {
        var req = await ReadAsync(ctx);
        string model = req["model"]?.GetValue<string>() ?? "m";
        string signature = NewArtifact();
        if (model == "gzip")
        {
            ctx.Response.ContentType = "application/json";
            ctx.Response.Headers.ContentEncoding = "gzip";
            await using var gz = new System.IO.Compression.GZipStream(ctx.Response.Body, System.IO.Compression.CompressionLevel.Fastest, leaveOpen: true);
            await gz.WriteAsync(Encoding.UTF8.GetBytes("{\"type\":\"message\",\"content\":[{\"type\":\"thinking\",\"thinking\":\"secret\",\"signature\":\"s\"}]}"));
            return;
        }
        if (req["stream"]?.GetValue<bool>() != true)
        {
            await ctx.Response.WriteAsJsonAsync(new
            {
                id = "msg_1", type = "message", role = "assistant", model,
                content = new object[] { new { type = "thinking", thinking = Reasoning, signature }, new { type = "text", text = Text } },
                stop_reason = "end_turn", stop_sequence = (string?)null,
                usage = new { input_tokens = 12, output_tokens = 30 },
            });
            return;
        }
        StartSse(ctx);
        await SseAsync(ctx, "message_start", new { type = "message_start", message = new { id = "msg_1", type = "message", role = "assistant", model, content = Array.Empty<object>(), stop_reason = (string?)null, stop_sequence = (string?)null, usage = new { input_tokens = 12, output_tokens = 1 } } });
        await SseAsync(ctx, "content_block_start", new { type = "content_block_start", index = 0, content_block = new { type = "thinking", thinking = "", signature = "" } });
        await SseAsync(ctx, "ping", new { type = "ping" });
        foreach (var r in ReasoningDeltas)
            await SseAsync(ctx, "content_block_delta", new { type = "content_block_delta", index = 0, delta = new { type = "thinking_delta", thinking = r } });
        await SseAsync(ctx, "content_block_delta", new { type = "content_block_delta", index = 0, delta = new { type = "signature_delta", signature } });
        await SseAsync(ctx, "content_block_stop", new { type = "content_block_stop", index = 0 });
        await SseAsync(ctx, "content_block_start", new { type = "content_block_start", index = 1, content_block = new { type = "text", text = "" } });
        for (int i = 0; i < TextDeltas.Length; i++)
        {
            await SseAsync(ctx, "content_block_delta", new { type = "content_block_delta", index = 1, delta = new { type = "text_delta", text = TextDeltas[i] } });
            if (i == 0) await Gate(model);
        }
        await SseAsync(ctx, "content_block_stop", new { type = "content_block_stop", index = 1 });
        await SseAsync(ctx, "message_delta", new { type = "message_delta", delta = new { stop_reason = "end_turn", stop_sequence = (string?)null }, usage = new { output_tokens = 30 } });
        await SseAsync(ctx, "message_stop", new { type = "message_stop" });
    }

    public async ValueTask DisposeAsync()
    {
        ReleaseGate();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

