using System.Data.Common;
using System.Globalization;
using DistillGuard.Storage.Sql;
using Npgsql;
using NpgsqlTypes;

namespace DistillGuard.Storage.Postgres;

/// <summary>The team store: PostgreSQL through Npgsql (pooled connections), the same tables and queries as DuckDB.
/// The URI is <c>postgresql://USER@HOST:PORT/DATABASE</c>; the password comes from the environment variable named by
/// <c>--store-password-env</c> (default PGPASSWORD), or from the URI.</summary>
public sealed class PostgresResultStore : SqlResultStore
{
    private readonly NpgsqlDataSource _source;
    private readonly string _description;

    public PostgresResultStore(string uri, string? passwordEnv = null)
    {
        var builder = ParseUri(uri, passwordEnv);
        _description = $"postgresql://{builder.Host}:{builder.Port}/{builder.Database}";
        _source = NpgsqlDataSource.Create(builder);
        EnsureSchema();
    }

    /// <summary>A connection-string builder from a postgresql:// URI (user, password, host, port, database, and the
    /// query options sslmode, application_name, search_path/schema).</summary>
    public static NpgsqlConnectionStringBuilder ParseUri(string uri, string? passwordEnv = null)
    {
        if (!Uri.TryCreate(uri, UriKind.Absolute, out var u) || (u.Scheme != "postgresql" && u.Scheme != "postgres"))
            throw new ArgumentException($"not a postgresql:// URI: '{uri}'");
        var b = new NpgsqlConnectionStringBuilder
        {
            Host = u.Host.Length > 0 ? u.Host : "127.0.0.1",
            Port = u.Port > 0 ? u.Port : 5432,
            Database = u.AbsolutePath.Trim('/') is { Length: > 0 } db ? Uri.UnescapeDataString(db) : "postgres",
            Timezone = "UTC",
            ApplicationName = "distillguard",
            MaxPoolSize = 20,
        };
        if (u.UserInfo.Length > 0)
        {
            var parts = u.UserInfo.Split(':', 2);
            b.Username = Uri.UnescapeDataString(parts[0]);
            if (parts.Length == 2) b.Password = Uri.UnescapeDataString(parts[1]);
        }
        b.Username ??= Environment.GetEnvironmentVariable("PGUSER") ?? "postgres";
        var pw = Environment.GetEnvironmentVariable(passwordEnv ?? "PGPASSWORD");
        if (!string.IsNullOrEmpty(pw)) b.Password = pw;
        foreach (var kv in u.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var p = kv.Split('=', 2);
            string k = Uri.UnescapeDataString(p[0]), v = p.Length == 2 ? Uri.UnescapeDataString(p[1]) : "";
            switch (k)
            {
                case "sslmode": b.SslMode = Enum.Parse<SslMode>(v.Replace("-", ""), ignoreCase: true); break;
                case "application_name": b.ApplicationName = v; break;
                case "search_path" or "schema": b.SearchPath = v; break;
                default: throw new ArgumentException($"unknown option '{k}' in the store URI (sslmode, application_name, search_path)");
            }
        }
        return b;
    }

    public override string Description => _description;

    protected override bool UseIndexes => true;

    protected override DbConnection Connect() => _source.OpenConnection();

    /// <summary>Prefix searches (LIKE 'x%') use B-tree indexes only with the pattern operator class under a non-C collation.</summary>
    private static readonly Dictionary<string, string[]> PrefixColumns = new(StringComparer.Ordinal)
    {
        [StoreSchema.Verdicts.Name] = ["account"],
        [StoreSchema.AccountInfra.Name] = ["value"],
        [StoreSchema.AccountKeys.Name] = ["api_key"],
        [StoreSchema.Accounts.Name] = ["payment_fp"],
        [StoreSchema.Campaigns.Name] = ["id"],
    };

    protected override IEnumerable<string> AfterCreate(Table table) =>
        PrefixColumns.TryGetValue(table.Name, out var cols)
            ? cols.Select(c => $"CREATE INDEX IF NOT EXISTS ix_{table.Name}_{c}_prefix ON {table.Name} ({c} varchar_pattern_ops)")
            : [];

    /// <summary>Fresh tables have no statistics until autovacuum gets to them; the planner needs them for the joins.</summary>
    protected override IEnumerable<string> AfterWrite() => StoreSchema.All.Where(t => t.Analysis).Select(t => $"ANALYZE {t.Name}");

    protected override string TypeName(ColumnType type) => type switch
    {
        ColumnType.Text => "VARCHAR",
        ColumnType.Int => "INTEGER",
        ColumnType.Long => "BIGINT",
        ColumnType.Double => "DOUBLE PRECISION",
        ColumnType.Bool => "BOOLEAN",
        ColumnType.Time => "TIMESTAMPTZ",
        ColumnType.TextList => "VARCHAR[]",
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };

    protected override DbParameter Parameter(object? value) => new NpgsqlParameter { Value = value ?? DBNull.Value };

    protected override string ListContains(string column, string param) => $"{param} = ANY({column})";

    protected override void BulkWrite(DbConnection conn, DbTransaction tx, Table table, List<object?[]> rows)
    {
        var cols = table.Columns;
        using var imp = ((NpgsqlConnection)conn).BeginBinaryImport($"COPY {table.Name} ({string.Join(", ", table.ColumnNames)}) FROM STDIN (FORMAT BINARY)");
        foreach (var row in rows)
        {
            imp.StartRow();
            for (int i = 0; i < cols.Count; i++)
            {
                var v = row[i];
                if (v is null) { imp.WriteNull(); continue; }
                switch (cols[i].Type)
                {
                    case ColumnType.Text: imp.Write(v as string ?? Convert.ToString(v, CultureInfo.InvariantCulture)!, NpgsqlDbType.Varchar); break;
                    case ColumnType.Int: imp.Write(Convert.ToInt32(v, CultureInfo.InvariantCulture), NpgsqlDbType.Integer); break;
                    case ColumnType.Long: imp.Write(Convert.ToInt64(v, CultureInfo.InvariantCulture), NpgsqlDbType.Bigint); break;
                    case ColumnType.Double: imp.Write(Convert.ToDouble(v, CultureInfo.InvariantCulture), NpgsqlDbType.Double); break;
                    case ColumnType.Bool: imp.Write((bool)v, NpgsqlDbType.Boolean); break;
                    case ColumnType.Time: imp.Write((v is DateTimeOffset o ? o : new DateTimeOffset((DateTime)v)).UtcDateTime, NpgsqlDbType.TimestampTz); break;
                    case ColumnType.TextList: imp.Write(((IEnumerable<string>)v).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Varchar); break;
                }
            }
        }
        imp.Complete();
    }

    public override void Dispose() => _source.Dispose();
}
