using System.Diagnostics.Metrics;
using System.Net;
using System.Security.Cryptography;
using DistillGuard.Gateway.Binding;
using DistillGuard.Gateway.Diagnostics;
using DistillGuard.Gateway.Proxy;
using DistillGuard.Gateway.Seams;
using DistillGuard.Gateway.Throttling;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Yarp.ReverseProxy.Forwarder;

namespace DistillGuard.Gateway;

/// <summary>A stand-alone gateway: Kestrel on <see cref="GatewayOptions.ListenAddress"/>:<see cref="GatewayOptions.Port"/>, nothing else mapped.</summary>
public static class GatewayServer
{
    /// <summary>
    /// Builds the gateway application (not started). Invalid keys or policy files throw
    /// <see cref="GatewayConfigurationException"/> listing every error.
    /// </summary>
    public static WebApplication Build(GatewayOptions options, IVerdictSource verdicts, IExchangeTap tap,
        ILoggerFactory? loggerFactory = null, IResponseTextTransform? transform = null, TimeProvider? time = null)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = ["--hostBuilder:reloadConfigOnChange=false"] });
        if (loggerFactory is not null)
        {
            builder.Logging.ClearProviders();
            builder.Services.Replace(ServiceDescriptor.Singleton(loggerFactory));
        }
        builder.WebHost.ConfigureKestrel(k => k.Listen(options.ListenAddress == "localhost" ? IPAddress.Loopback : IPAddress.Parse(options.ListenAddress), options.Port));
        builder.Services.AddDistillGuardGateway(options, verdicts, tap, transform, time);
        var app = builder.Build();
        app.MapDistillGuardGateway();
        return app;
    }
}

/// <summary>Hosting the gateway inside another ASP.NET Core application (e.g. <c>distillguard serve</c>).</summary>
public static class GatewayServiceCollectionExtensions
{
    /// <summary>Registers the gateway's services: YARP's forwarder, the live policy and keys, artifact bindings, throttles, metrics.</summary>
    public static IServiceCollection AddDistillGuardGateway(this IServiceCollection services, GatewayOptions options, IVerdictSource verdicts,
        IExchangeTap tap, IResponseTextTransform? transform = null, TimeProvider? time = null)
    {
        services.AddHttpForwarder();
        services.AddMetrics();
        var clock = time ?? TimeProvider.System;
        services.AddSingleton(sp => new GatewayMetrics(sp.GetService<IMeterFactory>()));
        services.AddSingleton(sp => new GatewayState(options, Logger(sp, "DistillGuard.Gateway"), sp.GetRequiredService<GatewayMetrics>(), clock));
        services.AddSingleton(_ =>
        {
            byte[] key = options.BindingKeyFile is { } f
                ? GatewayOptions.ReadBindingKey(f) ?? throw new GatewayConfigurationException([$"{f}: binding key must hold at least 16 bytes"])
                : RandomNumberGenerator.GetBytes(32);
            return new SignatureBindings(key, options.BindingCapacity, options.BindingStoreFile, clock);
        });
        services.AddSingleton(_ => new Throttler(clock));
        services.AddSingleton(sp => new GatewayHandler(options, sp.GetRequiredService<GatewayState>(), verdicts, tap, transform,
            sp.GetRequiredService<SignatureBindings>(), sp.GetRequiredService<Throttler>(), sp.GetRequiredService<GatewayMetrics>(),
            sp.GetRequiredService<IHttpForwarder>(), UpstreamClient(), clock,
            sp.GetService<ILoggerFactory>()?.CreateLogger<GatewayHandler>() ?? NullLogger<GatewayHandler>.Instance));
        services.AddHostedService(sp => new BindingPersistence(sp.GetRequiredService<SignatureBindings>(), options.BindingStoreFile, Logger(sp, "DistillGuard.Gateway")));
        return services;
    }

    /// <summary>
    /// Maps the gateway on <c>/v1/{**path}</c>: <c>/v1/chat/completions</c>, <c>/v1/responses</c> and <c>/v1/messages</c>
    /// get the whole treatment; any other <c>/v1/</c> path gets the key check and access decisions and is forwarded
    /// untouched. Resolves the gateway's state here, so an invalid policy or keys file fails at start.
    /// </summary>
    public static IEndpointRouteBuilder MapDistillGuardGateway(this IEndpointRouteBuilder endpoints)
    {
        var handler = endpoints.ServiceProvider.GetRequiredService<GatewayHandler>();
        endpoints.Map("/v1/{**path}", handler.HandleAsync);
        return endpoints;
    }

    private static ILogger Logger(IServiceProvider sp, string name) => sp.GetService<ILoggerFactory>()?.CreateLogger(name) ?? NullLogger.Instance;

    private static HttpMessageInvoker UpstreamClient() => new(new SocketsHttpHandler
    {
        UseProxy = false,
        AllowAutoRedirect = false,
        AutomaticDecompression = DecompressionMethods.None,
        UseCookies = false,
        EnableMultipleHttp2Connections = true,
        ConnectTimeout = TimeSpan.FromSeconds(15),
        ActivityHeadersPropagator = new ReverseProxyPropagator(System.Diagnostics.DistributedContextPropagator.Current),
    });
}

/// <summary>Saves the artifact bindings every minute and at shutdown (when a persistence file is set).</summary>
internal sealed class BindingPersistence(SignatureBindings bindings, string? path, ILogger log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (path is null) return;
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(1));
        try { while (await timer.WaitForNextTickAsync(stoppingToken)) Save(); }
        catch (OperationCanceledException) { }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        Save();
    }

    private void Save()
    {
        try { bindings.Save(); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { Log.BindingSaveFailed(log, e, path ?? ""); }
    }
}
