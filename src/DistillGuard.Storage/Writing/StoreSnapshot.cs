using DistillGuard.Storage.Sql;

namespace DistillGuard.Storage.Writing;

/// <summary>One analysis as rows of the store's analysis tables (<see cref="StoreSchema"/>), plus what the <c>runs</c> row
/// says about it. Built by <see cref="SnapshotBuilder"/> from an analysis, or directly (the latency benchmark fills a
/// store with synthetic rows).</summary>
public sealed class StoreSnapshot
{
    public required string Source { get; init; }
    public DateTimeOffset WrittenAt { get; init; } = DateTimeOffset.UtcNow;
    public long Exchanges { get; init; }
    public long Quarantined { get; init; }
    public double CampaignThreshold { get; init; } = 0.5;
    public int Suppressed { get; init; }
    /// <summary>Rows per analysis table name, each in the table's column order.</summary>
    public Dictionary<string, List<object?[]>> Rows { get; } = new(StringComparer.Ordinal);

    public List<object?[]> Of(Table t)
    {
        if (!Rows.TryGetValue(t.Name, out var list)) Rows[t.Name] = list = new List<object?[]>();
        return list;
    }

    public void Add(Table t, params object?[] row)
    {
        if (row.Length != t.Columns.Count) throw new ArgumentException($"{t.Name}: {row.Length} values for {t.Columns.Count} columns");
        Of(t).Add(row);
    }
}
