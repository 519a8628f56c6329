namespace DistillGuard.Storage.Sql;

/// <summary>Column types the store uses; each maps to one DuckDB and one PostgreSQL type.</summary>
public enum ColumnType { Text, Int, Long, Double, Bool, Time, TextList }

/// <summary>One column of a store table.</summary>
public sealed record Column(string Name, ColumnType Type, bool PrimaryKey = false);

/// <summary>One store table: its columns (in the order rows are written) and whether it belongs to the latest analysis
/// (replaced on every write) or persists across writes (runs, verdict history, decisions, audit).</summary>
public sealed record Table(string Name, bool Analysis, IReadOnlyList<Column> Columns, IReadOnlyList<string>? Indexes = null)
{
    public IEnumerable<string> ColumnNames => Columns.Select(c => c.Name);
}

/// <summary>
/// The store's tables, defined once and rendered as DDL for each database (docs/dashboard.md lists them).
/// Analysis tables hold the latest analysis and are emptied by every write; the others persist: <c>runs</c> (one row a
/// write), <c>verdict_history</c> (changes of an account's verdict between writes), <c>decisions</c> (analysts'
/// confirm/dismiss/share) and <c>audit</c>.
/// </summary>
public static class StoreSchema
{
    /// <summary>Bumped when a table changes shape: a store of another version gets its analysis tables rebuilt
    /// (decisions and audit are kept).</summary>
    public const int Version = 2;

    private static Column S(string n, bool pk = false) => new(n, ColumnType.Text, pk);
    private static Column I(string n) => new(n, ColumnType.Int);
    private static Column L(string n, bool pk = false) => new(n, ColumnType.Long, pk);
    private static Column D(string n) => new(n, ColumnType.Double);
    private static Column B(string n) => new(n, ColumnType.Bool);
    private static Column T(string n) => new(n, ColumnType.Time);
    private static Column A(string n) => new(n, ColumnType.TextList);

    public static readonly Table Verdicts = new("verdicts", true,
        [S("account", true), D("score"), S("verdict"), S("campaign"), I("exchanges"), S("suppressed_campaign")], ["campaign"]);
    public static readonly Table Reasons = new("reasons", true,
        [S("account"), I("rank"), S("signal"), D("weight"), S("detail"), A("exchange_ids")], ["account"]);
    public static readonly Table Campaigns = new("campaigns", true,
        [S("id", true), D("score"), I("accounts"), L("exchanges"), T("first_seen"), T("last_seen"), A("targets"), A("tactics"),
         S("status"), L("suppressed_by"), D("harvest_share"), S("top_evidence"), S("decision"), L("decision_id")]);
    public static readonly Table CampaignMembers = new("campaign_members", true,
        [S("campaign"), S("account"), D("strength"), B("corroborated")], ["campaign", "account"]);
    public static readonly Table Evidence = new("evidence", true,
        [S("campaign"), I("rank"), S("kind"), S("summary"), D("weight"), A("exchange_ids")], ["campaign"]);
    public static readonly Table AccountProfiles = new("account_profiles", true,
        [S("account", true), I("exchanges"), T("first_seen"), T("last_seen"), I("active_days"), I("harvest_exchanges"), D("harvest_share"),
         D("harvest_strength"), D("timing_cv"), I("max_output_tokens"), I("max_thinking_budget"), I("max_n"), I("logprobs_exchanges"),
         I("failed_exchanges"), D("distinct_items_est"), I("artifacts_issued"), I("artifacts_presented"), S("top_template"),
         D("top_template_share"), S("top_ip"), S("top_prefix"), S("top_user_agent"), S("top_ja4")]);
    /// <summary>Registry facts (sign-up, payment, tier) of the analysed accounts.</summary>
    public static readonly Table Accounts = new("accounts", true,
        [S("account", true), T("created"), S("tier"), S("org_name"), S("email_domain"), S("payment_fp"), S("country"), B("verified")],
        ["payment_fp", "email_domain"]);
    /// <summary>Infrastructure and client values an account used (kind ip, prefix, ja4, user-agent, route, model), top values only.</summary>
    public static readonly Table AccountInfra = new("account_infra", true,
        [S("account"), S("kind"), S("value"), I("exchanges")], ["account", "value"]);
    /// <summary>API keys an account used.</summary>
    public static readonly Table AccountKeys = new("account_keys", true,
        [S("account"), S("api_key"), I("exchanges")], ["account", "api_key"]);
    /// <summary>Exchanges per account and hour (epoch ms of the hour's start).</summary>
    public static readonly Table Activity = new("activity", true,
        [S("account"), L("hour_ms"), I("exchanges"), I("harvest")], ["account"]);
    /// <summary>All traffic per hour.</summary>
    public static readonly Table Traffic = new("traffic", true,
        [L("hour_ms", true), L("exchanges"), L("harvest")]);
    /// <summary>Exchanges per account, model and day (for the model-release pivot).</summary>
    public static readonly Table ModelActivity = new("model_activity", true,
        [S("account"), S("model"), L("day_ms"), I("exchanges")], ["account"]);
    /// <summary>When each model was first seen in the traffic.</summary>
    public static readonly Table Models = new("models", true,
        [S("model", true), L("first_ms"), L("exchanges")]);
    /// <summary>Link keys that carry weight (shared template, IP, payment, …).</summary>
    public static readonly Table KeyGroups = new("key_groups", true,
        [I("id"), S("kind"), S("value"), I("accounts"), D("weight"), D("rarity"), D("suspicion"), B("hosting")], ["id"]);
    public static readonly Table KeyMembers = new("key_members", true,
        [I("key_id"), S("account"), I("exchanges"), I("harvest")], ["key_id", "account"]);
    /// <summary>The keys that bind each campaign, with their share of its binding.</summary>
    public static readonly Table CampaignKeys = new("campaign_keys", true,
        [S("campaign"), I("key_id"), D("contribution"), I("members")], ["campaign"]);
    /// <summary>Exchanges cited as evidence, read back from the log: texts, signals and the phrases that matched.</summary>
    public static readonly Table Exchanges = new("exchanges", true,
        [S("id", true), S("account"), T("ts"), S("api"), S("model"), S("api_key"), S("ip"), I("status"), A("signals"), A("phrases"),
         S("system_text"), S("prompt"), S("response")], ["account"]);
    /// <summary>Which reason or evidence item cites which exchange.</summary>
    public static readonly Table ExchangeRefs = new("exchange_refs", true,
        [S("exchange_id"), S("account"), S("campaign"), S("cited_by")], ["exchange_id"]);

    /// <summary>What each campaign would share (STIX export): values its members share, by observable kind.</summary>
    public static readonly Table CampaignObservables = new("campaign_observables", true,
        [S("campaign"), S("kind"), S("value"), I("members"), L("exchanges")], ["campaign"]);

    public static readonly Table Runs = new("runs", false,
        [I("id"), T("written_at"), S("source"), L("exchanges"), I("accounts"), I("campaigns"), I("campaign_accounts"), I("watch_accounts"),
         L("quarantined"), I("suppressed"), T("first_seen"), T("last_seen"), D("campaign_threshold")]);
    public static readonly Table VerdictHistory = new("verdict_history", false,
        [I("run"), T("changed_at"), S("account"), S("verdict"), D("score"), S("campaign")], ["account"]);
    public static readonly Table Decisions = new("decisions", false,
        [L("id", true), T("decided_at"), S("actor"), S("role"), S("action"), S("target_kind"), S("target"), I("run"), S("reason"),
         A("accounts"), A("evidence_kinds"), B("active")], ["target"]);
    public static readonly Table Audit = new("audit", false,
        [L("id", true), T("logged_at"), S("actor"), S("role"), S("action"), S("target"), S("detail"), S("remote")]);
    public static readonly Table Meta = new("dg_meta", false, [S("name", true), S("value")]);

    public static readonly IReadOnlyList<Table> All =
    [
        Verdicts, Reasons, Campaigns, CampaignMembers, Evidence, AccountProfiles, Accounts, AccountInfra, AccountKeys, Activity, Traffic,
        ModelActivity, Models, KeyGroups, KeyMembers, CampaignKeys, Exchanges, ExchangeRefs, CampaignObservables, Runs, VerdictHistory, Decisions, Audit, Meta,
    ];

    /// <summary>CREATE TABLE and CREATE INDEX statements for one table.</summary>
    public static IEnumerable<string> Ddl(Table t, Func<ColumnType, string> typeName)
    {
        var pk = t.Columns.Where(c => c.PrimaryKey).Select(c => c.Name).ToList();
        var cols = string.Join(", ", t.Columns.Select(c => $"{c.Name} {typeName(c.Type)}"));
        yield return $"CREATE TABLE IF NOT EXISTS {t.Name} ({cols}{(pk.Count > 0 ? $", PRIMARY KEY ({string.Join(", ", pk)})" : "")})";
        foreach (var ix in t.Indexes ?? []) yield return $"CREATE INDEX IF NOT EXISTS ix_{t.Name}_{ix} ON {t.Name} ({ix})";
    }
}
