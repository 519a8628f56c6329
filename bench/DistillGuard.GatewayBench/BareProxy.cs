using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Yarp.ReverseProxy.Forwarder;

/// <summary>
/// The baseline for bench/gateway-wrk.sh: a bare YARP pass-through — the same host shape as the gateway (slim
/// WebApplication, Kestrel on 127.0.0.1), YARP's direct forwarder with an upstream client set up like the gateway's, one
/// route (<c>/v1/{**path}</c>) to the upstream, no policy, no body read, no tap.
/// </summary>
internal static class BareProxy
{
    public static async Task<int> RunAsync(string[] args)
    {
        int port = Cli.Int(args, "--port", 0);
        string upstream = Cli.Str(args, "--upstream") ?? throw new ArgumentException("--upstream URL is required");
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, port));
        builder.Services.AddHttpForwarder();
        var app = builder.Build();
        var forwarder = app.Services.GetRequiredService<IHttpForwarder>();
        var client = new HttpMessageInvoker(new SocketsHttpHandler
        {
            UseProxy = false,
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
            UseCookies = false,
            EnableMultipleHttp2Connections = true,
            ConnectTimeout = TimeSpan.FromSeconds(15),
            ActivityHeadersPropagator = new ReverseProxyPropagator(DistributedContextPropagator.Current),
        });
        var config = new ForwarderRequestConfig { ActivityTimeout = TimeSpan.FromSeconds(600) };
        string prefix = upstream.TrimEnd('/');
        app.Map("/v1/{**path}", async (HttpContext ctx) =>
        {
            var error = await forwarder.SendAsync(ctx, prefix, client, config, HttpTransformer.Empty);
            if (error != ForwarderError.None && !ctx.Response.HasStarted) ctx.Response.StatusCode = 502;
        });
        await app.StartAsync();
        Console.WriteLine($"listening bare {app.Urls.First()} (gc server={System.Runtime.GCSettings.IsServerGC}, latency mode={System.Runtime.GCSettings.LatencyMode})");
        Console.Out.Flush();
        await Cli.WaitForStopAsync();
        await app.StopAsync();
        return 0;
    }
}

/// <summary>Argument helpers and "run until SIGTERM / Ctrl+C / stdin closes" for the server modes.</summary>
internal static class Cli
{
    public static string? Str(string[] a, string name) { int i = Array.IndexOf(a, name); return i >= 0 && i + 1 < a.Length ? a[i + 1] : null; }
    public static int Int(string[] a, string name, int def) => Str(a, name) is { } s ? int.Parse(s, System.Globalization.CultureInfo.InvariantCulture) : def;
    public static double Dbl(string[] a, string name, double def) => Str(a, name) is { } s ? double.Parse(s, System.Globalization.CultureInfo.InvariantCulture) : def;

    public static async Task WaitForStopAsync()
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var term = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, c => { c.Cancel = true; done.TrySetResult(); });
        using var intr = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGINT, c => { c.Cancel = true; done.TrySetResult(); });
        await done.Task;
    }
}
