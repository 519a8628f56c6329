using System.Collections.Concurrent;
using System.ClientModel;
using System.ClientModel.Primitives;
using System.Net.Http.Headers;
using System.Text;
using Anthropic;
using DistillGuard.Gateway.Seams;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using OpenAI;
using OpenAI.Chat;
using OpenAI.Responses;

namespace DistillGuard.Gateway.Tests.Support;

/// <summary>Verdicts set by the test; <see cref="Down"/> makes every lookup throw.</summary>
public sealed class FakeVerdicts : IVerdictSource
{
    public ConcurrentDictionary<string, VerdictLookup> Verdicts { get; } = new();
    public bool Down { get; set; }
    public bool ReturnUnavailable { get; set; }

    public VerdictLookup? Lookup(string account)
    {
        if (Down) throw new InvalidOperationException("detector down");
        if (ReturnUnavailable) return VerdictLookup.Unavailable;
        return Verdicts.TryGetValue(account, out var v) ? v : null;
    }

    public FakeVerdicts Set(string account, string verdict, double score = 0.9, string? campaign = null)
    {
        Verdicts[account] = new VerdictLookup(true, verdict, score, campaign);
        return this;
    }
}

/// <summary>Keeps every tapped line.</summary>
public sealed class RecordingTap : IExchangeTap
{
    public ConcurrentQueue<byte[]> Lines { get; } = new();
    public bool Throw { get; set; }
    public void Tap(ReadOnlyMemory<byte> exchangeLogLine)
    {
        if (Throw) throw new InvalidOperationException("tap queue broken");
        Lines.Enqueue(exchangeLogLine.ToArray());
    }
    public string Last => Encoding.UTF8.GetString(Lines.Last());
}

/// <summary>
/// One gateway on 127.0.0.1 (port 0) in front of a <see cref="FakeUpstream"/>, with a keys file of five accounts
/// (key "sk-&lt;account&gt;"; acct_licensed has tier "licensed") and the given policy in a temp folder.
/// </summary>
public sealed class GatewayHarness : IAsyncDisposable
{
    public static readonly string[] Accounts = ["acct_a", "acct_b", "acct_c", "acct_d", "acct_licensed"];

    private readonly WebApplication _app;
    public string Dir { get; }
    public string PolicyPath { get; }
    public FakeUpstream Upstream { get; }
    public FakeVerdicts Verdicts { get; }
    public RecordingTap Tap { get; }
    public string BaseUrl => _app.Urls.First();
    public GatewayState State => _app.Services.GetRequiredService<GatewayState>();
    public IServiceProvider Services => _app.Services;
    public Microsoft.Extensions.Configuration.IConfiguration Configuration => _app.Configuration;

    private GatewayHarness(WebApplication app, string dir, string policyPath, FakeUpstream upstream, FakeVerdicts verdicts, RecordingTap tap)
    {
        _app = app; Dir = dir; PolicyPath = policyPath; Upstream = upstream; Verdicts = verdicts; Tap = tap;
    }

    public static string KeyOf(string account) => "sk-" + account;

    public static async Task<GatewayHarness> StartAsync(FakeUpstream upstream, string? policyYaml, FakeVerdicts? verdicts = null,
        IResponseTextTransform? transform = null, Func<GatewayOptions, GatewayOptions>? configure = null, ILoggerFactory? logs = null)
    {
        var dir = Path.Combine(Path.GetTempPath(), "dg-gw-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(dir);
        var keys = Path.Combine(dir, "keys.jsonl");
        File.WriteAllLines(keys, Accounts.Select(a => a == "acct_licensed"
            ? $"{{\"key\":\"{KeyOf(a)}\",\"account\":\"{a}\",\"tier\":\"licensed\"}}"
            : $"{{\"key\":\"{KeyOf(a)}\",\"account\":\"{a}\"}}"));
        var policyPath = Path.Combine(dir, "policy.yaml");
        if (policyYaml is not null) File.WriteAllText(policyPath, policyYaml);
        var options = new GatewayOptions
        {
            Port = 0,
            Upstream = new Uri(upstream.BaseUrl),
            KeysFile = keys,
            PolicyFile = policyYaml is null ? null : policyPath,
            ReloadDebounce = TimeSpan.FromMilliseconds(50),
        };
        if (configure is not null) options = configure(options);
        verdicts ??= new FakeVerdicts();
        var tap = new RecordingTap();
        var app = GatewayServer.Build(options, verdicts, tap, logs ?? NullLoggerFactory.Instance, transform);
        await app.StartAsync();
        return new GatewayHarness(app, dir, policyPath, upstream, verdicts, tap);
    }

    public HttpClient Http(string account)
    {
        var http = new HttpClient { BaseAddress = new Uri(BaseUrl), Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", KeyOf(account));
        return http;
    }

    public static OpenAIClientOptions OpenAIOptions(string baseUrl) => new() { Endpoint = new Uri(baseUrl.TrimEnd('/') + "/v1"), RetryPolicy = new ClientRetryPolicy(0), NetworkTimeout = TimeSpan.FromSeconds(30) };

    public ChatClient Chat(string account, string model = "gpt-test") => new(model, new ApiKeyCredential(KeyOf(account)), OpenAIOptions(BaseUrl));

    public ResponsesClient Responses(string account) => new(new ApiKeyCredential(KeyOf(account)), new ResponsesClientOptions { Endpoint = new Uri(BaseUrl + "/v1"), RetryPolicy = new ClientRetryPolicy(0), NetworkTimeout = TimeSpan.FromSeconds(30) });

    public AnthropicClient Anthropic(string account) => new() { ApiKey = KeyOf(account), BaseUrl = BaseUrl, MaxRetries = 0, Timeout = TimeSpan.FromSeconds(30) };

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        try { Directory.Delete(Dir, recursive: true); } catch (IOException) { }
    }
}
