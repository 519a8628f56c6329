namespace DistillGuard.Dashboard.Tests.Support;

/// <summary>The store kinds a theory runs on: DuckDB always, PostgreSQL where DG_TEST_PG is set (or required).</summary>
public static class StoreKinds
{
    public static TheoryData<string> All()
    {
        var d = new TheoryData<string> { "duckdb" };
        if (Servers.PostgresUri is not null || Servers.Required) d.Add("postgres");
        return d;
    }
}
