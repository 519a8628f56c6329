using System.Text;
using System.Text.Json.Nodes;
using DistillGuard.Gateway.Tests.Support;

namespace DistillGuard.Gateway.Tests;

public sealed class PassThroughTests : IAsyncLifetime
{
    private FakeUpstream _upstream = null!;
    private GatewayHarness _gw = null!;

    public async Task InitializeAsync()
    {
        _upstream = await FakeUpstream.StartAsync();
        _gw = await GatewayHarness.StartAsync(_upstream, policyYaml: null);
    }

    public async Task DisposeAsync()
    {
        await _gw.DisposeAsync();
        await _upstream.DisposeAsync();
    }

    [Theory]
    [InlineData("chat", false)]
    [InlineData("chat", true)]
    [InlineData("responses", false)]
    [InlineData("responses", true)]
    [InlineData("anthropic", false)]
    [InlineData("anthropic", true)]
    public async Task Allow_ResponseBytes_AreThoseOfTheUpstream(string api, bool stream)
    {
        using var direct = Bodies.Direct(_upstream.BaseUrl);
        var (ds, expected, _) = await Bodies.PostAsync(direct, api, Bodies.Request(api, stream));
        using var http = _gw.Http("acct_a");
        var (status, actual, response) = await Bodies.PostAsync(http, api, Bodies.Request(api, stream));

        Assert.Equal(200, ds);
        Assert.Equal(200, status);
        // The fake issues a fresh artifact per answer: the two answers differ only there.
        var artifacts = _upstream.Artifacts.ToArray();
        string exp = Encoding.UTF8.GetString(expected), act = Encoding.UTF8.GetString(actual);
        if (artifacts.Length >= 2) act = act.Replace(artifacts[^1], artifacts[^2]);
        Assert.Equal(exp, act);
        Assert.Equal(stream ? "text/event-stream" : "application/json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Allow_RequestBytesAndHeaders_ReachTheUpstreamUnchanged()
    {
        using var http = _gw.Http("acct_a");
        var body = "{\"model\": \"gpt-test\",\n \"messages\": [{\"role\": \"user\", \"content\": \"hi\"}]}";
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        content.Headers.Add("x-custom", "kept");
        var response = await http.PostAsync("/v1/chat/completions", content);
        Assert.Equal(200, (int)response.StatusCode);
        var seen = _upstream.Requests.Last();
        Assert.Equal(body, Encoding.UTF8.GetString(seen.Body));
        Assert.Equal("kept", seen.Headers["x-custom"]);
        Assert.Equal("Bearer sk-acct_a", seen.Headers["Authorization"]);
    }

    [Fact]
    public async Task Stream_IsNotBuffered_FirstTextDeltaArrivesBeforeTheUpstreamFinishes()
    {
        _upstream.ResetGate();
        using var http = _gw.Http("acct_a");
        var request = new HttpRequestMessage(HttpMethod.Post, "/v1/messages")
        {
            Content = new StringContent(Bodies.Request("anthropic", stream: true, model: "gated").ToJsonString(), Encoding.UTF8, "application/json"),
        };
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        using var stream = await response.Content.ReadAsStreamAsync();
        var seen = new StringBuilder();
        var buffer = new byte[4096];
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (!seen.ToString().Contains("\"text\":\"The answer\""))
        {
            int n = await stream.ReadAsync(buffer, cts.Token);      // the upstream is paused after this delta: only an unbuffered gateway delivers it
            Assert.True(n > 0, "stream ended before the first text delta");
            seen.Append(Encoding.UTF8.GetString(buffer, 0, n));
        }
        _upstream.ReleaseGate();
        var rest = await new StreamReader(stream).ReadToEndAsync(cts.Token);
        Assert.Contains("message_stop", rest);
    }

    [Fact]
    public async Task OtherPaths_AreForwardedUntouched_AndUnknownKeysRefused()
    {
        using var http = _gw.Http("acct_a");
        var ok = await http.GetAsync("/v1/models");
        Assert.Equal(200, (int)ok.StatusCode);
        Assert.Contains("\"m1\"", await ok.Content.ReadAsStringAsync());

        using var stranger = Bodies.Direct(_gw.BaseUrl);
        stranger.DefaultRequestHeaders.Add("x-api-key", "sk-nobody");
        var (status, body, _) = await Bodies.PostAsync(stranger, "anthropic", Bodies.Request("anthropic", false));
        Assert.Equal(401, status);
        var error = JsonNode.Parse(body)!;
        Assert.Equal("error", (string?)error["type"]);
        Assert.Equal("authentication_error", (string?)error["error"]!["type"]);
    }

    [Fact]
    public async Task ClientGoneBeforeTheAnswer_NothingIsWritten_AndTheExchangeIs499_NotAGateway5xx()
    {
        var silent = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        silent.Start();                                            // the kernel accepts; nobody ever answers
        try
        {
            int port = ((System.Net.IPEndPoint)silent.LocalEndpoint).Port;
            await using var gw = await GatewayHarness.StartAsync(_upstream, null, configure: o => o with { Upstream = new Uri($"http://127.0.0.1:{port}/") });
            using var http = gw.Http("acct_a");
            using var cts = new CancellationTokenSource();
            using var content = new StringContent(Bodies.Request("chat", false).ToJsonString(), Encoding.UTF8, "application/json");
            var post = http.PostAsync("/v1/chat/completions", content, cts.Token);
            // Cancel only once the gateway has forwarded the request upstream: a fixed delay raced a slow start on a
            // loaded machine, where the client gave up before the gateway had seen the request at all.
            // The upstream connection stays open and silent until the exchange is tapped, so the client's leaving is
            // the only thing that can end it.
            using var accepted = await silent.AcceptTcpClientAsync().WaitAsync(TimeSpan.FromSeconds(30));
            cts.Cancel();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => post);
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (gw.Tap.Lines.IsEmpty && DateTime.UtcNow < deadline) await Task.Delay(20);
            var line = JsonNode.Parse(gw.Tap.Last)!;
            Assert.Equal(499, (int)line["status"]!);
            Assert.Equal("client_aborted", (string?)line["gateway"]!["refused"]);
            Assert.Null(line["response"]);
        }
        finally { silent.Stop(); }
    }
}
