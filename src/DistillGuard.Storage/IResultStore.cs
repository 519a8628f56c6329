using DistillGuard.Storage.Model;
using DistillGuard.Storage.Writing;

namespace DistillGuard.Storage;

/// <summary>
/// The store behind `analyze --store`, `report` and the dashboard: the latest analysis (replaced by every write), the
/// history of writes, analysts' decisions and the audit log. DuckDB (one file, embedded) and PostgreSQL (shared by a
/// team) implement it with the same tables and the same SQL (<see cref="Sql.SqlResultStore"/>). Thread-safe: every call
/// takes its own connection.
/// </summary>
public interface IResultStore : IDisposable
{
    /// <summary>"duckdb:PATH" or "postgresql://HOST:PORT/DB" (never a password).</summary>
    string Description { get; }

    /// <summary>Replaces the latest analysis, appends a run and the verdict changes since the previous write; decisions and
    /// audit are kept. Returns the run id.</summary>
    int Write(StoreSnapshot snapshot);

    StoreSummary Summary();
    Page<CampaignRow> Campaigns(CampaignQuery query);
    CampaignDetail? Campaign(string id, int maxMembers = 500);
    LinkGraph CampaignGraph(string id, int maxAccounts = 300, int maxKeys = 40);
    CampaignActivity CampaignActivity(string id);
    IReadOnlyList<ScoreBin> ScoreHistogram(int bins = 20);
    IReadOnlyList<string> CampaignIds(bool includeSuppressed = false);
    AccountDetail? Account(string account);
    IReadOnlyList<ActivityPoint> AccountTimeline(string account);
    ExchangeSample? Exchange(string id);
    IReadOnlyList<SearchHit> Search(string query, int limit = 50);
    /// <summary>The observables a campaign would share (for the STIX export).</summary>
    IReadOnlyList<(string Kind, string Value, int Members, long Exchanges)> Observables(string campaign);

    /// <summary>Records a decision and its audit entry in one transaction. Throws <see cref="ArgumentException"/> for an
    /// unknown action or target, <see cref="KeyNotFoundException"/> when the target is not in the latest analysis.</summary>
    DecisionRow Decide(DecisionRequest request);
    IReadOnlyList<DecisionRow> Decisions(int limit = 200);
    /// <summary>Active dismissals, for <see cref="DismissalFeedback"/>.</summary>
    IReadOnlyList<DismissalRule> Dismissals();
    void Audit(string actor, string role, string action, string target, string? detail, string? remote);
    IReadOnlyList<AuditRow> AuditLog(int limit = 200);
}
