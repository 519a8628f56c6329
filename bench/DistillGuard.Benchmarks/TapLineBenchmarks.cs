using System.Text;
using BenchmarkDotNet.Attributes;
using DistillGuard.Gateway.Keys;
using DistillGuard.Gateway.Proxy;
using DistillGuard.Gateway.Tap;

namespace DistillGuard.Benchmarks;

/// <summary>The tap line the gateway writes for every proxied exchange (request body as received, the passed-through
/// JSON response as bytes, the gateway's decision): the bench's short chat completion and a longer one with tools.</summary>
[MemoryDiagnoser]
public class TapLineBenchmarks
{
    private Exchange _short = null!, _long = null!;

    [GlobalSetup]
    public void Setup()
    {
        static Exchange Make(string request, string response) => new()
        {
            Id = GatewayHandler.ExchangeId(DateTimeOffset.UnixEpoch.AddDays(20_000)),
            Arrival = DateTimeOffset.UnixEpoch.AddDays(20_000),
            StartTimestamp = 0,
            Key = new KeyEntry("acct_bench", "paid", "key_1"),
            Api = ApiKind.ChatCompletions,
            RequestBody = Encoding.UTF8.GetBytes(request),
            Facts = RequestFacts.Parse(ApiKind.ChatCompletions, Encoding.UTF8.GetBytes(request)),
            Ip = "127.0.0.1",
            UserAgent = "wrk",
            ResponseBytes = Encoding.UTF8.GetBytes(response),
            Latency = TimeSpan.FromMilliseconds(3),
        };
        const string answer = """{"id":"chatcmpl-1","object":"chat.completion","created":1700000000,"model":"gpt-bench","choices":[{"index":0,"message":{"role":"assistant","content":"Six times seven is 42."},"finish_reason":"stop"}],"usage":{"prompt_tokens":20,"completion_tokens":8,"total_tokens":28}}""";
        _short = Make("""{"model":"gpt-bench","messages":[{"role":"system","content":"You are a helpful assistant."},{"role":"user","content":"What is six times seven?"}],"max_tokens":64}""", answer);
        string step = string.Concat(Enumerable.Range(0, 12).Select(i => $"Step {i}: read the file, parse each record, keep the valid ones and report how many were dropped and why. "));
        string tools = string.Join(",", Enumerable.Range(0, 4).Select(i => "{\"type\":\"function\",\"function\":{\"name\":\"tool_" + i + "\",\"description\":\"" + step[..200] + "\",\"parameters\":{\"type\":\"object\",\"properties\":{\"path\":{\"type\":\"string\"}}}}}"));
        _long = Make($$"""{"model":"gpt-x","max_tokens":4096,"tools":[{{tools}}],"messages":[{"role":"system","content":"{{step}}"},{"role":"user","content":"{{step}}"}]}""",
            answer.Replace("Six times seven is 42.", step + step));
    }

    [Benchmark] public int Short() => TapLineWriter.Write(_short, "gateway").Length;
    [Benchmark] public int Long() => TapLineWriter.Write(_long, "gateway").Length;
}
