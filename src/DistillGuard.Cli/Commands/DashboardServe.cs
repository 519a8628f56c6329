using System.CommandLine;
using DistillGuard.Dashboard;
using DistillGuard.Dashboard.Auth;
using DistillGuard.Dashboard.Live;
using DistillGuard.Storage;
using DistillGuard.Streaming;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DistillGuard.Cli.Commands;

/// <summary>What `serve --dashboard-port` runs: the analysts' dashboard over a store (and, with the streaming detector,
/// its live verdicts written into that store).</summary>
internal sealed record DashboardSettings
{
    public int Port { get; init; }
    public string Host { get; init; } = "127.0.0.1";
    public string? Store { get; init; }
    public string? StorePasswordEnv { get; init; }
    public string? Keys { get; init; }
    public string Producer { get; init; } = "DistillGuard";
    public double LiveEverySeconds { get; init; } = 10;

    public List<string> Validate()
    {
        var errors = new List<string>();
        if (Port is < 0 or > 65535) errors.Add($"dashboard_port: {Port} is not a TCP port");
        if (string.IsNullOrWhiteSpace(Store)) errors.Add("--dashboard-port needs --store FILE.duckdb or postgresql://…");
        if (string.IsNullOrWhiteSpace(Keys)) errors.Add("--dashboard-port needs --dashboard-keys FILE (JSON lines {\"user\",\"role\",\"key_sha256\"}; see `distillguard dashboard-key`)");
        else if (!File.Exists(Keys)) errors.Add($"dashboard_keys: no file '{Keys}'");
        else ApiKeyStore.Load(Keys, errors);
        if (Host is not ("127.0.0.1" or "localhost" or "::1") && Environment.GetEnvironmentVariable("DISTILLGUARD_DASHBOARD_ALLOW_REMOTE") != "1")
            errors.Add($"dashboard_host {Host}: the dashboard binds to loopback; put a TLS proxy in front, or set DISTILLGUARD_DASHBOARD_ALLOW_REMOTE=1");
        if (LiveEverySeconds <= 0) errors.Add("dashboard live interval must be positive");
        return errors;
    }
}

internal static class DashboardServe
{
    private sealed record Opts(Option<int?> Port, Option<string?> Store, Option<string?> PasswordEnv, Option<string?> Keys, Option<string?> Host, Option<string?> Producer);

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<Command, Opts> s_opts = new();

    /// <summary>Adds the dashboard's options to `serve`.</summary>
    public static void AddOptions(Command serve)
    {
        var o = new Opts(
            new Option<int?>("--dashboard-port") { Description = "Analysts' dashboard (web page and JSON API under /api/) on 127.0.0.1:PORT; needs --store and --dashboard-keys." },
            new Option<string?>("--store") { Description = "The dashboard's store: a DuckDB file or postgresql://USER@HOST:PORT/DB (as analyze --store). With the streaming detector, its live verdicts are written there." },
            new Option<string?>("--store-password-env") { Description = "Environment variable holding the PostgreSQL password (default PGPASSWORD)." },
            new Option<string?>("--dashboard-keys") { Description = "Dashboard API keys: JSON lines {\"user\",\"role\":\"viewer|analyst|admin\",\"key_sha256\"} or {…,\"key_env\":\"VAR\"}." },
            new Option<string?>("--dashboard-host") { Description = "Interface of the dashboard (default 127.0.0.1)." },
            new Option<string?>("--dashboard-producer") { Description = "Your lab's name on STIX exports from the dashboard (default DistillGuard)." });
        serve.Options.Add(o.Port);
        serve.Options.Add(o.Store);
        serve.Options.Add(o.PasswordEnv);
        serve.Options.Add(o.Keys);
        serve.Options.Add(o.Host);
        serve.Options.Add(o.Producer);
        s_opts.Add(serve, o);
    }

    /// <summary>The dashboard settings the command line asks for (null when no --dashboard-port), environment
    /// variables DISTILLGUARD_DASHBOARD_PORT, _STORE, _KEYS as fall-backs.</summary>
    public static DashboardSettings? Read(ParseResult pr, Command serve)
    {
        var o = s_opts.TryGetValue(serve, out var x) ? x : throw new InvalidOperationException("AddOptions first");
        int? port = pr.GetValue(o.Port) ?? (int.TryParse(Environment.GetEnvironmentVariable("DISTILLGUARD_DASHBOARD_PORT"), out var p) ? p : null);
        if (port is null) return null;
        return new DashboardSettings
        {
            Port = port.Value,
            Store = pr.GetValue(o.Store) ?? Environment.GetEnvironmentVariable("DISTILLGUARD_DASHBOARD_STORE"),
            StorePasswordEnv = pr.GetValue(o.PasswordEnv),
            Keys = pr.GetValue(o.Keys) ?? Environment.GetEnvironmentVariable("DISTILLGUARD_DASHBOARD_KEYS"),
            Host = pr.GetValue(o.Host) ?? "127.0.0.1",
            Producer = pr.GetValue(o.Producer) ?? "DistillGuard",
        };
    }

    /// <summary>Starts the dashboard (added to <paramref name="apps"/>, stopped with them) and, with a detector, the live writer.</summary>
    public static async Task StartAsync(DashboardSettings s, StreamingDetector? detector, List<WebApplication> apps, TextWriter stdout,
        Action<ILoggingBuilder> logging, ILoggerFactory loggers, CancellationToken ct)
    {
        IResultStore store;
        try { store = ResultStores.Open(s.Store!, s.StorePasswordEnv); }
        catch (Exception e) when (e is System.Data.Common.DbException or ArgumentException)
        {
            throw new IOException($"dashboard store {s.Store}: {e.Message}", e);
        }
        var errors = new List<string>();
        var keys = ApiKeyStore.Load(s.Keys!, errors);
        LiveStoreWriter? live = null;
        if (detector is not null)
        {
            live = new LiveStoreWriter(detector, store, TimeSpan.FromSeconds(s.LiveEverySeconds), loggers.CreateLogger("dashboard-live"));
            live.Start();
        }
        var app = DashboardServer.Build(store, new DashboardOptions
        {
            Host = s.Host,
            Port = s.Port,
            Keys = keys,
            Producer = s.Producer,
            Live = detector is null ? null : () => detector.Stats(),
        }, logging);
        app.Lifetime.ApplicationStopped.Register(() =>
        {
            live?.DisposeAsync().AsTask().GetAwaiter().GetResult();
            store.Dispose();
        });
        await app.StartAsync(ct);
        apps.Add(app);
        stdout.WriteLine($"listening dashboard {app.Urls.First()} (store {store.Description}; {keys.Count} key(s){(live is null ? "" : "; live verdicts every " + s.LiveEverySeconds + " s")})");
    }
}
