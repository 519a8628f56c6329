using DistillGuard.Dashboard.Auth;

namespace DistillGuard.Dashboard;

/// <summary>How the dashboard listens and whom it lets in.</summary>
public sealed record DashboardOptions
{
    /// <summary>Interface to bind: 127.0.0.1 unless the operator deliberately widens it (e.g. behind a TLS proxy).</summary>
    public string Host { get; init; } = "127.0.0.1";
    /// <summary>0 = any free port.</summary>
    public int Port { get; init; }
    public required ApiKeyStore Keys { get; init; }
    public TimeSpan SessionLifetime { get; init; } = TimeSpan.FromHours(8);
    /// <summary>The STIX identity of exports.</summary>
    public string Producer { get; init; } = "DistillGuard";
    /// <summary>What the streaming service reports, when it runs in the same process (shown as "live").</summary>
    public Func<object?>? Live { get; init; }
    /// <summary>Failed logins from one address within <see cref="LoginWindow"/> before further attempts are refused.</summary>
    public int MaxFailedLogins { get; init; } = 20;
    public TimeSpan LoginWindow { get; init; } = TimeSpan.FromMinutes(5);
}
