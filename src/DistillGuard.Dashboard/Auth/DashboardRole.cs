namespace DistillGuard.Dashboard.Auth;

/// <summary>What a dashboard user may do: viewers read, analysts also decide and export, admins also read the audit log.</summary>
public enum DashboardRole
{
    Viewer = 0,
    Analyst = 1,
    Admin = 2,
}

public static class DashboardRoles
{
    public static string WireName(this DashboardRole r) => r switch
    {
        DashboardRole.Viewer => "viewer",
        DashboardRole.Analyst => "analyst",
        DashboardRole.Admin => "admin",
        _ => throw new ArgumentOutOfRangeException(nameof(r)),
    };

    public static bool TryParse(string? s, out DashboardRole role)
    {
        role = s switch { "viewer" => DashboardRole.Viewer, "analyst" => DashboardRole.Analyst, "admin" => DashboardRole.Admin, _ => (DashboardRole)(-1) };
        return (int)role >= 0;
    }
}

/// <summary>Who made a request, and how they proved it (an API key as a bearer token, or a session cookie).</summary>
public sealed record DashboardUser(string Name, DashboardRole Role, string Via, string? SessionId = null, string? Csrf = null);
