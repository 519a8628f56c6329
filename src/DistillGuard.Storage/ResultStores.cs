using DistillGuard.Storage.DuckDb;
using DistillGuard.Storage.Postgres;

namespace DistillGuard.Storage;

/// <summary>Opens the store a <c>--store</c> value names: a postgresql:// (or postgres://) URI, or a DuckDB file path.</summary>
public static class ResultStores
{
    public static bool IsPostgres(string store)
        => store.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase) || store.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase);

    /// <summary>Opens (and creates the tables of) the store. <paramref name="passwordEnv"/> names the environment variable
    /// holding the PostgreSQL password (default PGPASSWORD); a password in the URI works too but shows in process lists.</summary>
    public static IResultStore Open(string store, string? passwordEnv = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(store);
        return IsPostgres(store) ? new PostgresResultStore(store, passwordEnv) : new DuckDbResultStore(store);
    }
}
