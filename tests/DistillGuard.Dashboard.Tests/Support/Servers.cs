using Npgsql;

namespace DistillGuard.Dashboard.Tests.Support;

/// <summary>Where the tests find PostgreSQL and Chromium. CI (.ci/run) installs both, starts PostgreSQL on 127.0.0.1 and
/// exports DG_TEST_PG; DG_REQUIRE_SERVERS=1 turns a missing one into a failure instead of a skip.</summary>
public static class Servers
{
    public const string Chromium = "/usr/bin/chromium";

    public static string? PostgresUri => Environment.GetEnvironmentVariable("DG_TEST_PG") is { Length: > 0 } s ? s : null;

    public static bool Required => Environment.GetEnvironmentVariable("DG_REQUIRE_SERVERS") == "1";

    /// <summary>A fresh database on the test server; its URI. Dropped by <see cref="DropDatabase"/>.</summary>
    public static string CreateDatabase(string prefix)
    {
        var admin = PostgresUri ?? throw new InvalidOperationException("DG_TEST_PG is not set");
        var b = Storage.Postgres.PostgresResultStore.ParseUri(admin);
        var name = $"{prefix}_{Guid.NewGuid():N}"[..Math.Min(60, prefix.Length + 33)];
        using (var c = new NpgsqlConnection(b.ConnectionString))
        {
            c.Open();
            using var cmd = c.CreateCommand();
            cmd.CommandText = $"CREATE DATABASE {name}";
            cmd.ExecuteNonQuery();
        }
        var u = new Uri(admin);
        return $"{u.Scheme}://{u.UserInfo}{(u.UserInfo.Length > 0 ? "@" : "")}{u.Host}:{(u.Port > 0 ? u.Port : 5432)}/{name}";
    }

    public static void DropDatabase(string uri)
    {
        var admin = PostgresUri;
        if (admin is null) return;
        var b = Storage.Postgres.PostgresResultStore.ParseUri(admin);
        var name = new Uri(uri).AbsolutePath.Trim('/');
        NpgsqlConnection.ClearAllPools();
        using var c = new NpgsqlConnection(b.ConnectionString);
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = $"DROP DATABASE IF EXISTS {name} WITH (FORCE)";
        cmd.ExecuteNonQuery();
    }
}

/// <summary>A fact needing PostgreSQL (DG_TEST_PG); skipped without it unless DG_REQUIRE_SERVERS=1.</summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (Servers.PostgresUri is null && !Servers.Required) Skip = "DG_TEST_PG is not set (.ci/run starts PostgreSQL and sets it): skipped";
    }
}

/// <summary>A fact needing Debian's Chromium; skipped without it unless DG_REQUIRE_SERVERS=1.</summary>
public sealed class ChromiumFactAttribute : FactAttribute
{
    public ChromiumFactAttribute()
    {
        if (!File.Exists(Servers.Chromium) && !Servers.Required) Skip = "chromium is not installed (apt-get install chromium; .ci/run installs it): skipped";
    }
}
