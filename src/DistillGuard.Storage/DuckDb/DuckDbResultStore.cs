using System.Data.Common;
using System.Globalization;
using DistillGuard.Storage.Sql;
using DuckDB.NET.Data;

namespace DistillGuard.Storage.DuckDb;

/// <summary>The embedded store: one DuckDB file (or <c>:memory:</c>). Connections to one file share one database in the
/// process; one connection is held open for the store's lifetime so the database is not reopened per call. DuckDB lets
/// one process write a file: a team sharing a store uses PostgreSQL.</summary>
public sealed class DuckDbResultStore : SqlResultStore
{
    private readonly string _connectionString;
    private readonly DuckDBConnection _anchor;

    public DuckDbResultStore(string path)
    {
        bool memory = path == ":memory:";
        if (!memory)
        {
            var dir = Path.GetDirectoryName(Path.GetFullPath(path));
            if (dir is not null) Directory.CreateDirectory(dir);
        }
        Path_ = memory ? path : Path.GetFullPath(path);
        _connectionString = memory ? $"Data Source=:memory:?cache=shared&dg={Guid.NewGuid():N}" : $"Data Source={Path_}";
        _anchor = new DuckDBConnection(_connectionString);
        _anchor.Open();
        EnsureSchema();
    }

    public string Path_ { get; }

    public override string Description => "duckdb:" + Path_;

    protected override bool UseIndexes => false;

    protected override DbConnection Connect()
    {
        var c = new DuckDBConnection(_connectionString);
        c.Open();
        return c;
    }

    protected override string TypeName(ColumnType type) => type switch
    {
        ColumnType.Text => "VARCHAR",
        ColumnType.Int => "INTEGER",
        ColumnType.Long => "BIGINT",
        ColumnType.Double => "DOUBLE",
        ColumnType.Bool => "BOOLEAN",
        ColumnType.Time => "TIMESTAMPTZ",
        ColumnType.TextList => "VARCHAR[]",
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };

    protected override DbParameter Parameter(object? value) => new DuckDBParameter(value ?? DBNull.Value);

    protected override string ListContains(string column, string param) => $"list_contains({column}, {param})";

    protected override void BulkWrite(DbConnection conn, DbTransaction tx, Table table, List<object?[]> rows)
    {
        using var app = ((DuckDBConnection)conn).CreateAppender(table.Name);
        var cols = table.Columns;
        foreach (var row in rows)
        {
            var r = app.CreateRow();
            for (int i = 0; i < cols.Count; i++)
            {
                var v = row[i];
                if (v is null) { r.AppendNullValue(); continue; }
                switch (cols[i].Type)
                {
                    case ColumnType.Text: r.AppendValue(v as string ?? Convert.ToString(v, CultureInfo.InvariantCulture)); break;
                    case ColumnType.Int: r.AppendValue(Convert.ToInt32(v, CultureInfo.InvariantCulture)); break;
                    case ColumnType.Long: r.AppendValue(Convert.ToInt64(v, CultureInfo.InvariantCulture)); break;
                    case ColumnType.Double: r.AppendValue(Convert.ToDouble(v, CultureInfo.InvariantCulture)); break;
                    case ColumnType.Bool: r.AppendValue((bool)v); break;
                    case ColumnType.Time: r.AppendValue(v is DateTimeOffset o ? o : new DateTimeOffset((DateTime)v)); break;
                    case ColumnType.TextList: r.AppendValue(((IEnumerable<string>)v).ToList()); break;
                }
            }
            r.EndRow();
        }
    }

    public override void Dispose() => _anchor.Dispose();
}
