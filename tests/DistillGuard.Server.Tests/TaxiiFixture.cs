using DistillGuard.Server.Taxii;
using DistillGuard.Sharing.Policy;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace DistillGuard.Server.Tests;

/// <summary>A running TAXII server on 127.0.0.1 (free port) for one test; disposed with it.</summary>
public sealed class RunningServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private RunningServer(WebApplication app, TaxiiServer server, Uri apiRoot) { _app = app; Server = server; ApiRoot = apiRoot; }

    public TaxiiServer Server { get; }
    public Uri ApiRoot { get; }
    public Uri Discovery => new(ApiRoot, "/taxii2/");

    public static async Task<RunningServer> StartAsync(TaxiiOptions options)
    {
        var server = new TaxiiServer(options);
        var app = server.Build(0);
        await app.StartAsync();
        var address = app.Services.GetService(typeof(IServer)) is IServer s ? s.Features.Get<IServerAddressesFeature>()!.Addresses.First() : throw new InvalidOperationException();
        var uri = new Uri(address);
        Assert.Equal("127.0.0.1", uri.Host);
        return new RunningServer(app, server, new Uri(uri, "/" + options.ApiRoot + "/"));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    public static SharingPolicy Policy() => new([
        new Partner { Name = "lab-a", Member = true, Amber = true },
        new Partner { Name = "lab-b", Member = true, Amber = true },
        new Partner { Name = "lab-c", Member = false, Amber = false },
    ]);
}
