using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Metrics;

namespace DistillGuard.Streaming;

/// <summary>Hosts the streaming API (and, when asked, the Prometheus endpoint <c>/metrics</c>) on 127.0.0.1.</summary>
public static class StreamingServer
{
    /// <summary>Meters exported at /metrics: the streaming detector's, the gateway's, ASP.NET Core's.</summary>
    public static readonly string[] Meters = [StreamingMetrics.MeterName, "DistillGuard.Gateway", "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel"];

    public static WebApplication Build(StreamingDetector detector, int port, string? token = null, bool metrics = true, Action<ILoggingBuilder>? logging = null,
        long maxBody = StreamingEndpoints.DefaultMaxBody)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = ["--hostBuilder:reloadConfigOnChange=false"] });
        builder.WebHost.UseKestrel(k =>
        {
            k.Listen(System.Net.IPAddress.Loopback, port);
            k.Limits.MaxRequestBodySize = maxBody;
        });
        builder.Logging.ClearProviders();
        if (logging is not null) logging(builder.Logging);
        if (metrics)
            builder.Services.AddOpenTelemetry().WithMetrics(m => m.AddMeter(Meters).AddPrometheusExporter());
        var app = builder.Build();
        app.MapStreamingApi(detector, token, maxBody);
        if (metrics) app.MapPrometheusScrapingEndpoint("/metrics");
        return app;
    }
}
