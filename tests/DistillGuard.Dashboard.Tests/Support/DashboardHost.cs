using DistillGuard.Dashboard.Auth;
using DistillGuard.Storage;
using Microsoft.AspNetCore.Builder;

namespace DistillGuard.Dashboard.Tests.Support;

/// <summary>A real dashboard on 127.0.0.1 (free port) over a store, with one key per role.</summary>
public sealed class DashboardHost : IAsyncDisposable
{
    public const string ViewerKey = "viewer-key-0123456789abcdef";
    public const string AnalystKey = "analyst-key-0123456789abcdef";
    public const string AdminKey = "admin-key-0123456789abcdef";

    private DashboardHost(WebApplication app, IResultStore store)
    {
        App = app;
        Store = store;
        Url = app.Urls.First().TrimEnd('/');
    }

    public WebApplication App { get; }
    public IResultStore Store { get; }
    public string Url { get; }

    public static async Task<DashboardHost> StartAsync(IResultStore store)
    {
        var keys = new ApiKeyStore(
        [
            new ApiKeyEntry("vera", DashboardRole.Viewer, Convert.FromHexString(ApiKeyStore.Hash(ViewerKey))),
            new ApiKeyEntry("alice", DashboardRole.Analyst, Convert.FromHexString(ApiKeyStore.Hash(AnalystKey))),
            new ApiKeyEntry("root", DashboardRole.Admin, Convert.FromHexString(ApiKeyStore.Hash(AdminKey))),
        ]);
        var app = DashboardServer.Build(store, new DashboardOptions { Port = 0, Keys = keys, Producer = "Test Lab" }, b => { });
        await app.StartAsync();
        return new DashboardHost(app, store);
    }

    public HttpClient Client(string? key = null)
    {
        var c = new HttpClient { BaseAddress = new Uri(Url + "/") };
        if (key is not null) c.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);
        return c;
    }

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
    }
}
