using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace DistillGuard.Gateway.Tests.Support;

/// <summary>Request bodies for raw HTTP calls, and small helpers to send them and read SSE.</summary>
public static class Bodies
{
    public const string Question = "What is six times seven?";

    public static string Path(string api) => api switch { "chat" => "/v1/chat/completions", "responses" => "/v1/responses", _ => "/v1/messages" };

    public static JsonObject Request(string api, bool stream, string? model = null) => api switch
    {
        "chat" => new JsonObject
        {
            ["model"] = model ?? "gpt-test",
            ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = Question }),
            ["stream"] = stream,
        },
        "responses" => new JsonObject { ["model"] = model ?? "o-test", ["input"] = Question, ["reasoning"] = new JsonObject { ["effort"] = "high" }, ["stream"] = stream },
        _ => new JsonObject
        {
            ["model"] = model ?? "claude-test",
            ["max_tokens"] = 2048,
            ["thinking"] = new JsonObject { ["type"] = "enabled", ["budget_tokens"] = 1024 },
            ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = Question }),
            ["stream"] = stream,
        },
    };

    public static async Task<(int Status, byte[] Body, HttpResponseMessage Response)> PostAsync(HttpClient http, string api, JsonObject body)
    {
        using var content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        var response = await http.PostAsync(Path(api), content);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        return ((int)response.StatusCode, bytes, response);
    }

    public static HttpClient Direct(string baseUrl) => new() { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>The data of every SSE event in a body, with its event name.</summary>
    public static List<(string? Event, string Data)> Events(byte[] sse)
    {
        var list = new List<(string?, string)>();
        foreach (var block in Encoding.UTF8.GetString(sse).Replace("\r\n", "\n").Split("\n\n", StringSplitOptions.RemoveEmptyEntries))
        {
            string? name = null;
            var data = new StringBuilder();
            foreach (var line in block.Split('\n'))
            {
                if (line.StartsWith("event:")) name = line[6..].Trim();
                else if (line.StartsWith("data:")) { if (data.Length > 0) data.Append('\n'); data.Append(line[5..].TrimStart()); }
            }
            if (data.Length > 0) list.Add((name, data.ToString()));
        }
        return list;
    }

    public static IEnumerable<JsonObject> JsonEvents(byte[] sse)
        => Events(sse).Where(e => e.Data.StartsWith('{')).Select(e => (JsonObject)JsonNode.Parse(e.Data)!);
}
