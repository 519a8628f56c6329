using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using DistillGuard.Gateway.Proxy;

namespace DistillGuard.Benchmarks;

/// <summary>What the gateway reads from each request body (model, stream, first user turn, presented artifacts) — on
/// every proxied request: a Chat Completions body of a short conversation with tools, an Anthropic body whose assistant
/// turns present thinking signatures, and a Responses body with reasoning items.</summary>
[MemoryDiagnoser]
public class RequestFactsBenchmarks
{
    private byte[] _chat = [], _anthropic = [], _responses = [];

    [GlobalSetup]
    public void Setup()
    {
        string Sentence(int i) => $"Step {i}: read the file, parse each record, keep the valid ones and report how many were dropped and why. ";
        var tools = Enumerable.Range(0, 4).Select(i => new { type = "function", function = new { name = $"tool_{i}", description = Sentence(i), parameters = new { type = "object", properties = new { path = new { type = "string" }, limit = new { type = "integer" } } } } });
        _chat = JsonSerializer.SerializeToUtf8Bytes(new
        {
            model = "gpt-x", stream = true, max_tokens = 4096, temperature = 0.2, tools,
            messages = new object[]
            {
                new { role = "system", content = string.Concat(Enumerable.Range(0, 4).Select(Sentence)) },
                new { role = "user", content = string.Concat(Enumerable.Range(0, 6).Select(Sentence)) },
                new { role = "assistant", content = string.Concat(Enumerable.Range(0, 8).Select(Sentence)) },
                new { role = "user", content = new object[] { new { type = "text", text = Sentence(1) }, new { type = "text", text = Sentence(2) } } },
            },
        });
        _anthropic = JsonSerializer.SerializeToUtf8Bytes(new
        {
            model = "claude-x", max_tokens = 8192, stream = true, thinking = new { type = "enabled", budget_tokens = 4096 },
            messages = new object[]
            {
                new { role = "user", content = string.Concat(Enumerable.Range(0, 6).Select(Sentence)) },
                new { role = "assistant", content = new object[] { new { type = "thinking", thinking = string.Concat(Enumerable.Range(0, 10).Select(Sentence)), signature = new string('s', 400) }, new { type = "text", text = Sentence(3) } } },
                new { role = "user", content = Sentence(4) },
            },
        });
        _responses = JsonSerializer.SerializeToUtf8Bytes(new
        {
            model = "o-x", stream = false, reasoning = new { effort = "high" },
            input = new object[]
            {
                new { role = "user", content = new object[] { new { type = "input_text", text = string.Concat(Enumerable.Range(0, 6).Select(Sentence)) } } },
                new { type = "reasoning", encrypted_content = new string('e', 600), summary = Array.Empty<object>() },
                new { role = "user", content = new object[] { new { type = "input_text", text = Sentence(5) } } },
            },
        });
    }

    [Benchmark] public int Chat() => Read(ApiKind.ChatCompletions, _chat);
    [Benchmark] public int Anthropic() => Read(ApiKind.AnthropicMessages, _anthropic);
    [Benchmark] public int Responses() => Read(ApiKind.Responses, _responses);

    private static int Read(ApiKind api, byte[] body)
    {
        var f = RequestFacts.Parse(api, body);
        return (f.Model?.Length ?? 0) + f.PresentedArtifacts.Count + (f.Stream ? 1 : 0);
    }
}
