using DistillGuard.Core.Analysis;
using DistillGuard.Storage.Writing;

namespace DistillGuard.Storage.DuckDb;

/// <summary>
/// Writes one analysis into a DuckDB file an analyst can query with SQL (schema in docs/detector.md and
/// docs/dashboard.md): the latest analysis replaces the previous one, runs, verdict history, decisions and audit persist.
/// A thin convenience over <see cref="DuckDbResultStore"/> for callers that only write.
/// </summary>
public sealed class DuckDbStore
{
    private readonly string _path;

    public DuckDbStore(string path) => _path = path;

    public void Write(AnalysisResult result, SnapshotExtras? extras = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        using var store = new DuckDbResultStore(_path);
        store.Write(SnapshotBuilder.Build(result, extras ?? new SnapshotExtras()));
    }
}
