using System.Collections;
using System.Data.Common;
using System.Globalization;
using DistillGuard.Storage.Model;
using DistillGuard.Storage.Writing;

namespace DistillGuard.Storage.Sql;

/// <summary>
/// <see cref="IResultStore"/> over SQL that DuckDB and PostgreSQL both run. A subclass supplies connections, type names,
/// bulk loading (DuckDB's Appender, PostgreSQL's binary COPY), parameters and the one list function that differs.
/// Analysis tables are dropped and re-created inside the write's transaction, so a reader sees the old analysis or the
/// new one, never half of each.
/// </summary>
public abstract class SqlResultStore : IResultStore
{
    public abstract string Description { get; }

    protected abstract DbConnection Connect();
    protected abstract string TypeName(ColumnType type);
    protected abstract void BulkWrite(DbConnection conn, DbTransaction tx, Table table, List<object?[]> rows);
    protected abstract DbParameter Parameter(object? value);
    /// <summary>SQL that is true when list column <paramref name="column"/> contains parameter <paramref name="param"/>.</summary>
    protected abstract string ListContains(string column, string param);
    /// <summary>Whether secondary indexes help (PostgreSQL) or only slow appends (DuckDB scans columns fast).</summary>
    protected abstract bool UseIndexes { get; }
    /// <summary>Statements run after a table is created (e.g. prefix-search indexes).</summary>
    protected virtual IEnumerable<string> AfterCreate(Table table) => [];
    /// <summary>Statements run after a write committed (e.g. refreshing the planner's statistics).</summary>
    protected virtual IEnumerable<string> AfterWrite() => [];

    public abstract void Dispose();

    private static readonly string[] Actions = ["confirm", "dismiss", "share", "reopen"];

    // ---------------------------------------------------------------- schema

    protected void EnsureSchema()
    {
        using var c = Connect();
        Exec(c, null, $"CREATE TABLE IF NOT EXISTS {StoreSchema.Meta.Name} (name VARCHAR PRIMARY KEY, value VARCHAR)");
        Exec(c, null, "CREATE SEQUENCE IF NOT EXISTS dg_ids START 1");
        var version = Scalar(c, null, $"SELECT value FROM {StoreSchema.Meta.Name} WHERE name = 'schema_version'") as string;
        using var tx = c.BeginTransaction();
        if (version != StoreSchema.Version.ToString(CultureInfo.InvariantCulture))
        {
            foreach (var t in StoreSchema.All.Where(t => t.Analysis)) Exec(c, tx, $"DROP TABLE IF EXISTS {t.Name}");
            Exec(c, tx, $"DELETE FROM {StoreSchema.Meta.Name} WHERE name = 'schema_version'");
            Exec(c, tx, $"INSERT INTO {StoreSchema.Meta.Name} VALUES ('schema_version', $1)", StoreSchema.Version.ToString(CultureInfo.InvariantCulture));
        }
        foreach (var t in StoreSchema.All.Where(t => t != StoreSchema.Meta)) Create(c, tx, t);
        tx.Commit();
    }

    private void Create(DbConnection c, DbTransaction? tx, Table t)
    {
        foreach (var ddl in StoreSchema.Ddl(t, TypeName))
            if (UseIndexes || !ddl.StartsWith("CREATE INDEX", StringComparison.Ordinal)) Exec(c, tx, ddl);
        foreach (var sql in AfterCreate(t)) Exec(c, tx, sql);
    }

    // ---------------------------------------------------------------- write

    public int Write(StoreSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        using var c = Connect();
        using var tx = c.BeginTransaction();
        var previous = new Dictionary<string, (string Verdict, string? Campaign)>(StringComparer.Ordinal);
        using (var r = Reader(c, tx, "SELECT account, verdict, campaign FROM verdicts"))
            while (r.Read()) previous[r.GetString(0)] = (r.GetString(1), Str(r, 2));
        int run = (int)Long(Scalar(c, tx, "SELECT CAST(COALESCE(MAX(id), 0) + 1 AS BIGINT) FROM runs"));
        var decisions = ActiveCampaignDecisions(c, tx);

        foreach (var t in StoreSchema.All.Where(t => t.Analysis))
        {
            Exec(c, tx, $"DROP TABLE IF EXISTS {t.Name}");
            Create(c, tx, t);
        }
        foreach (var t in StoreSchema.All.Where(t => t.Analysis))
            if (snapshot.Rows.TryGetValue(t.Name, out var rows) && rows.Count > 0)
            {
                if (t == StoreSchema.Campaigns) rows = CarryDecisions(snapshot, rows, decisions);
                BulkWrite(c, tx, t, rows);
            }

        var verdicts = snapshot.Rows.GetValueOrDefault(StoreSchema.Verdicts.Name) ?? [];
        var history = new List<object?[]>();
        int campaignAccounts = 0, watch = 0;
        foreach (var v in verdicts)
        {
            string account = (string)v[0]!, verdict = (string)v[2]!;
            var campaign = (string?)v[3];
            if (verdict == "campaign") campaignAccounts++;
            else if (verdict == "watch") watch++;
            bool changed = previous.TryGetValue(account, out var p) ? p.Verdict != verdict || p.Campaign != campaign : verdict != "clear";
            if (changed) history.Add([run, snapshot.WrittenAt, account, verdict, Convert.ToDouble(v[1], CultureInfo.InvariantCulture), campaign]);
        }
        if (history.Count > 0) BulkWrite(c, tx, StoreSchema.VerdictHistory, history);
        var campaigns = snapshot.Rows.GetValueOrDefault(StoreSchema.Campaigns.Name) ?? [];
        var profiles = snapshot.Rows.GetValueOrDefault(StoreSchema.AccountProfiles.Name) ?? [];
        DateTimeOffset? first = profiles.Count == 0 ? null : profiles.Min(p => (DateTimeOffset)p[2]!);
        DateTimeOffset? last = profiles.Count == 0 ? null : profiles.Max(p => (DateTimeOffset)p[3]!);
        BulkWrite(c, tx, StoreSchema.Runs,
        [[
            run, snapshot.WrittenAt, snapshot.Source, snapshot.Exchanges, verdicts.Count, campaigns.Count(r => (string?)r[8] == "open"),
            campaignAccounts, watch, snapshot.Quarantined, snapshot.Suppressed, first, last, snapshot.CampaignThreshold,
        ]]);
        tx.Commit();
        foreach (var sql in AfterWrite()) Exec(c, null, sql);
        return run;
    }

    /// <summary>Active decisions on campaigns (latest per target), with their accounts.</summary>
    private List<(long Id, string Action, HashSet<string> Accounts)> ActiveCampaignDecisions(DbConnection c, DbTransaction tx)
    {
        var list = new List<(long, string, HashSet<string>)>();
        using var r = Reader(c, tx, "SELECT id, action, accounts FROM decisions WHERE target_kind = 'campaign' AND active ORDER BY id DESC");
        while (r.Read()) list.Add((r.GetInt64(0), r.GetString(1), Strings(r.GetValue(2)).ToHashSet(StringComparer.Ordinal)));
        return list;
    }

    /// <summary>A decision taken on an earlier run's campaign follows it to the new campaign sharing at least half its members.</summary>
    private static List<object?[]> CarryDecisions(StoreSnapshot snapshot, List<object?[]> rows, List<(long Id, string Action, HashSet<string> Accounts)> decisions)
    {
        if (decisions.Count == 0) return rows;
        var members = (snapshot.Rows.GetValueOrDefault(StoreSchema.CampaignMembers.Name) ?? [])
            .GroupBy(m => (string)m[0]!).ToDictionary(g => g.Key, g => g.Select(m => (string)m[1]!).ToList(), StringComparer.Ordinal);
        var result = new List<object?[]>(rows.Count);
        foreach (var row in rows)
        {
            var copy = (object?[])row.Clone();
            if (copy[12] is null && members.TryGetValue((string)copy[0]!, out var ms) && ms.Count > 0)
            {
                var d = decisions.FirstOrDefault(d => ms.Count(d.Accounts.Contains) * 2 >= ms.Count);
                if (d.Action is not null && d.Action != "reopen") { copy[12] = DecisionState(d.Action); copy[13] = d.Id; }
            }
            result.Add(copy);
        }
        return result;
    }

    private static string? DecisionState(string action) => action switch
    {
        "confirm" => "confirmed",
        "dismiss" => "dismissed",
        "share" => "shared",
        _ => null,
    };

    // ---------------------------------------------------------------- queries

    public StoreSummary Summary()
    {
        using var c = Connect();
        RunInfo? run = null;
        using (var r = Reader(c, null, "SELECT id, written_at, source, exchanges, accounts, campaigns, campaign_accounts, watch_accounts, quarantined, suppressed, first_seen, last_seen, campaign_threshold FROM runs ORDER BY id DESC LIMIT 1"))
            if (r.Read())
                run = new RunInfo(Int(r, 0), Time(r, 1)!.Value, r.GetString(2), Long(r.GetValue(3)), Int(r, 4), Int(r, 5), Int(r, 6), Int(r, 7),
                    Long(r.GetValue(8)), Int(r, 9), Time(r, 10), Time(r, 11), Dbl(r, 12));
        int Count(string sql) => (int)Long(Scalar(c, null, sql));
        return new StoreSummary(
            run,
            Count("SELECT count(*) FROM runs"),
            Count("SELECT count(*) FROM verdicts"),
            Count("SELECT count(*) FROM campaigns WHERE status = 'open'"),
            Count("SELECT count(*) FROM verdicts WHERE verdict = 'campaign'"),
            Count("SELECT count(*) FROM verdicts WHERE verdict = 'watch'"),
            Count("SELECT count(*) FROM campaigns WHERE status = 'suppressed'"),
            Count("SELECT count(*) FROM decisions"),
            Count("SELECT count(*) FROM decisions WHERE action = 'dismiss' AND active"),
            Count("SELECT count(*) FROM exchanges"),
            Counts(c, "SELECT t, CAST(count(*) AS BIGINT) FROM (SELECT unnest(targets) AS t FROM campaigns WHERE status = 'open') x GROUP BY t ORDER BY 2 DESC, 1"),
            Counts(c, "SELECT t, CAST(count(*) AS BIGINT) FROM (SELECT unnest(tactics) AS t FROM campaigns WHERE status = 'open') x GROUP BY t ORDER BY 2 DESC, 1"));
    }

    private List<CountItem> Counts(DbConnection c, string sql)
    {
        var list = new List<CountItem>();
        using var r = Reader(c, null, sql);
        while (r.Read()) list.Add(new CountItem(r.GetString(0), (int)Long(r.GetValue(1))));
        return list;
    }

    private const string CampaignColumns = "id, score, accounts, exchanges, first_seen, last_seen, targets, tactics, status, decision, top_evidence, harvest_share";

    private static CampaignRow ReadCampaign(DbDataReader r) => new(
        r.GetString(0), Dbl(r, 1), Int(r, 2), Long(r.GetValue(3)), Time(r, 4)!.Value, Time(r, 5)!.Value, Strings(r.GetValue(6)), Strings(r.GetValue(7)),
        r.GetString(8), Str(r, 9), Str(r, 10), Dbl(r, 11));

    public Page<CampaignRow> Campaigns(CampaignQuery q)
    {
        ArgumentNullException.ThrowIfNull(q);
        var where = new List<string>();
        var args = new List<object?>();
        string P(object v) { args.Add(v); return "$" + args.Count.ToString(CultureInfo.InvariantCulture); }
        switch ((q.Status ?? "open").ToLowerInvariant())
        {
            case "all": break;
            case "suppressed": where.Add("status = 'suppressed'"); break;
            case "confirmed" or "dismissed" or "shared": where.Add($"decision = {P(q.Status!.ToLowerInvariant())}"); break;
            case "undecided": where.Add("status = 'open' AND decision IS NULL"); break;
            default: where.Add("status = 'open'"); break;
        }
        if (!string.IsNullOrWhiteSpace(q.Text))
        {
            string like = P("%" + EscapeLike(q.Text.Trim()) + "%");
            string exact = P(q.Text.Trim());
            where.Add($"(id ILIKE {like} ESCAPE '\\' OR top_evidence ILIKE {like} ESCAPE '\\' OR EXISTS (SELECT 1 FROM campaign_members m WHERE m.campaign = campaigns.id AND m.account = {exact}))");
        }
        if (!string.IsNullOrWhiteSpace(q.Target)) where.Add(ListContains("targets", P(q.Target.Trim())));
        if (!string.IsNullOrWhiteSpace(q.Tactic)) where.Add(ListContains("tactics", P(q.Tactic.Trim())));
        if (q.MinScore is { } ms) where.Add($"score >= {P(ms)}");
        if (q.MinAccounts is { } ma) where.Add($"accounts >= {P(ma)}");
        string sort = q.Sort switch
        {
            "accounts" => "accounts",
            "exchanges" => "exchanges",
            "first_seen" => "first_seen",
            "last_seen" => "last_seen",
            "id" => "id",
            "harvest_share" => "harvest_share",
            _ => "score",
        };
        string whereSql = where.Count == 0 ? "" : " WHERE " + string.Join(" AND ", where);
        int limit = Math.Clamp(q.Limit, 1, 500), offset = Math.Max(0, q.Offset);
        using var c = Connect();
        int total = (int)Long(Scalar(c, null, "SELECT count(*) FROM campaigns" + whereSql, [.. args]));
        var items = new List<CampaignRow>();
        using (var r = Reader(c, null, $"SELECT {CampaignColumns} FROM campaigns{whereSql} ORDER BY {sort} {(q.Descending ? "DESC" : "ASC")}, id LIMIT {limit} OFFSET {offset}", [.. args]))
            while (r.Read()) items.Add(ReadCampaign(r));
        return new Page<CampaignRow>(items, total, offset, limit);
    }

    public IReadOnlyList<string> CampaignIds(bool includeSuppressed = false)
    {
        using var c = Connect();
        var list = new List<string>();
        using var r = Reader(c, null, "SELECT id FROM campaigns" + (includeSuppressed ? "" : " WHERE status = 'open'") + " ORDER BY score DESC, id");
        while (r.Read()) list.Add(r.GetString(0));
        return list;
    }

    public CampaignDetail? Campaign(string id, int maxMembers = 500)
    {
        using var c = Connect();
        CampaignRow? row = null;
        using (var r = Reader(c, null, $"SELECT {CampaignColumns} FROM campaigns WHERE id = $1", id))
            if (r.Read()) row = ReadCampaign(r);
        if (row is null) return null;
        var evidence = new List<EvidenceItem>();
        using (var r = Reader(c, null, "SELECT rank, kind, summary, weight, exchange_ids FROM evidence WHERE campaign = $1 ORDER BY rank", id))
            while (r.Read()) evidence.Add(new EvidenceItem(Int(r, 0), r.GetString(1), r.GetString(2), Dbl(r, 3), Strings(r.GetValue(4))));
        var members = new List<MemberRow>();
        using (var r = Reader(c, null,
            """
            SELECT m.account, v.score, v.verdict, v.exchanges, m.strength, m.corroborated, p.harvest_share, p.top_ip, p.top_prefix,
                   a.payment_fp, a.email_domain, a.created, a.tier, a.country
            FROM campaign_members m
            LEFT JOIN verdicts v ON v.account = m.account
            LEFT JOIN account_profiles p ON p.account = m.account
            LEFT JOIN accounts a ON a.account = m.account
            WHERE m.campaign = $1
            ORDER BY m.strength DESC, m.account
            """, id))
            while (r.Read())
                members.Add(new MemberRow(r.GetString(0), Dbl(r, 1), Str(r, 2) ?? "clear", Int(r, 3), Dbl(r, 4), !r.IsDBNull(5) && r.GetBoolean(5), Dbl(r, 6),
                    Str(r, 7), Str(r, 8), Str(r, 9), Str(r, 10), Time(r, 11), Str(r, 12), Str(r, 13)));
        var keys = new List<KeyShare>();
        using (var r = Reader(c, null,
            """
            SELECT k.key_id, g.kind, g.value, g.accounts, k.members, k.contribution, g.hosting, g.weight
            FROM campaign_keys k JOIN key_groups g ON g.id = k.key_id
            WHERE k.campaign = $1 ORDER BY k.contribution DESC, g.value
            """, id))
            while (r.Read()) keys.Add(new KeyShare(Int(r, 0), r.GetString(1), r.GetString(2), Int(r, 3), Int(r, 4), Dbl(r, 5), !r.IsDBNull(6) && r.GetBoolean(6), Dbl(r, 7)));
        var overlaps = new List<Overlap>();
        void Group(string kind, Func<MemberRow, string?> key)
        {
            foreach (var g in members.Select(m => key(m)).Where(v => !string.IsNullOrEmpty(v)).GroupBy(v => v!, StringComparer.Ordinal)
                         .Where(g => g.Count() >= 2).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).Take(15))
                overlaps.Add(new Overlap(kind, g.Key, g.Count()));
        }
        Group("payment", m => m.PaymentFp);
        Group("email-domain", m => m.EmailDomain);
        Group("signup-hour", m => m.Created?.UtcDateTime.ToString("yyyy-MM-dd HH':00Z'", CultureInfo.InvariantCulture));
        Group("country", m => m.Country);
        Group("tier", m => m.Tier);
        Group("prefix", m => m.TopPrefix);
        var decisions = ReadDecisions(c, "WHERE target_kind = 'campaign' AND target = $1 ORDER BY id DESC LIMIT 50", id);
        var ids = evidence.SelectMany(e => e.ExchangeIds).Distinct(StringComparer.Ordinal).Take(200).ToList();
        var examples = Samples(c, ids).ToDictionary(s => s.Id, StringComparer.Ordinal);
        return new CampaignDetail(row, evidence, members.Take(maxMembers).ToList(), members.Count, keys, overlaps, decisions, examples);
    }

    public LinkGraph CampaignGraph(string id, int maxAccounts = 300, int maxKeys = 40)
    {
        using var c = Connect();
        var members = new List<(string Account, string Verdict, double Strength)>();
        using (var r = Reader(c, null, "SELECT m.account, v.verdict, m.strength FROM campaign_members m LEFT JOIN verdicts v ON v.account = m.account WHERE m.campaign = $1 ORDER BY m.strength DESC, m.account", id))
            while (r.Read()) members.Add((r.GetString(0), Str(r, 1) ?? "clear", Dbl(r, 2)));
        var keys = new List<(int Id, string Kind, string Value, double Contribution)>();
        using (var r = Reader(c, null, "SELECT k.key_id, g.kind, g.value, k.contribution FROM campaign_keys k JOIN key_groups g ON g.id = k.key_id WHERE k.campaign = $1 ORDER BY k.contribution DESC, k.key_id", id))
            while (r.Read()) keys.Add((Int(r, 0), r.GetString(1), r.GetString(2), Dbl(r, 3)));
        bool truncated = members.Count > maxAccounts || keys.Count > maxKeys;
        var shownMembers = members.Take(maxAccounts).Select(m => m.Account).ToHashSet(StringComparer.Ordinal);
        var shownKeys = keys.Take(maxKeys).ToDictionary(k => k.Id);
        var edges = new List<GraphEdge>();
        using (var r = Reader(c, null,
            """
            SELECT km.key_id, km.account, km.exchanges FROM key_members km
            JOIN campaign_keys ck ON ck.key_id = km.key_id AND ck.campaign = $1
            JOIN campaign_members m ON m.account = km.account AND m.campaign = $1
            """, id))
            while (r.Read())
            {
                int k = Int(r, 0);
                string a = r.GetString(1);
                if (shownKeys.ContainsKey(k) && shownMembers.Contains(a)) edges.Add(new GraphEdge("a:" + a, "k:" + k.ToString(CultureInfo.InvariantCulture), Long(r.GetValue(2))));
            }
        var nodes = members.Take(maxAccounts).Select(m => new GraphNode("a:" + m.Account, m.Account, "account", null, m.Verdict, m.Strength))
            .Concat(shownKeys.Values.Where(k => edges.Any(e => e.Target == "k:" + k.Id.ToString(CultureInfo.InvariantCulture)))
                .Select(k => new GraphNode("k:" + k.Id.ToString(CultureInfo.InvariantCulture), Shorten(k.Value, 40), "key", k.Kind, null, k.Contribution)))
            .ToList();
        edges.Sort((x, y) => string.CompareOrdinal(x.Source + x.Target, y.Source + y.Target));
        return new LinkGraph(nodes, edges, truncated);
    }

    public CampaignActivity CampaignActivity(string id)
    {
        using var c = Connect();
        var campaign = Points(c,
            """
            SELECT a.hour_ms, CAST(sum(a.exchanges) AS BIGINT), CAST(sum(a.harvest) AS BIGINT) FROM activity a
            JOIN campaign_members m ON m.account = a.account WHERE m.campaign = $1 GROUP BY a.hour_ms ORDER BY 1
            """, id);
        var all = Points(c, "SELECT hour_ms, exchanges, harvest FROM traffic ORDER BY hour_ms");
        var firsts = new Dictionary<string, long>(StringComparer.Ordinal);
        using (var r = Reader(c, null, "SELECT model, first_ms FROM models")) while (r.Read()) firsts[r.GetString(0)] = Long(r.GetValue(1));
        var days = new Dictionary<string, List<long[]>>(StringComparer.Ordinal);
        using (var r = Reader(c, null,
            """
            SELECT ma.model, ma.day_ms, CAST(sum(ma.exchanges) AS BIGINT) FROM model_activity ma
            JOIN campaign_members m ON m.account = ma.account WHERE m.campaign = $1 GROUP BY ma.model, ma.day_ms ORDER BY 1, 2
            """, id))
            while (r.Read())
            {
                string model = r.GetString(0);
                if (!days.TryGetValue(model, out var list)) days[model] = list = new List<long[]>();
                list.Add([Long(r.GetValue(1)), Long(r.GetValue(2))]);
            }
        var models = days.Select(kv => new ModelSeries(kv.Key, firsts.GetValueOrDefault(kv.Key), kv.Value)).OrderBy(m => m.FirstSeenMs).ToList();
        return new CampaignActivity(campaign, all, models, HoursOfDay(campaign), HoursOfDay(all));
    }

    private static long[] HoursOfDay(IEnumerable<ActivityPoint> points)
    {
        var h = new long[24];
        foreach (var p in points) h[(int)(((p.HourMs / ActivityTally.HourMs) % 24 + 24) % 24)] += p.Exchanges;
        return h;
    }

    private List<ActivityPoint> Points(DbConnection c, string sql, params object?[] args)
    {
        var list = new List<ActivityPoint>();
        using var r = Reader(c, null, sql, args);
        while (r.Read()) list.Add(new ActivityPoint(Long(r.GetValue(0)), Long(r.GetValue(1)), Long(r.GetValue(2))));
        return list;
    }

    public IReadOnlyList<ScoreBin> ScoreHistogram(int bins = 20)
    {
        bins = Math.Clamp(bins, 2, 200);
        var counts = new int[bins, 3];
        using var c = Connect();
        using (var r = Reader(c, null, $"SELECT CAST(floor(score * {bins}) AS INTEGER), verdict, CAST(count(*) AS BIGINT) FROM verdicts GROUP BY 1, 2"))
            while (r.Read())
            {
                int b = Math.Clamp(Int(r, 0), 0, bins - 1);
                int k = r.GetString(1) switch { "campaign" => 2, "watch" => 1, _ => 0 };
                counts[b, k] += (int)Long(r.GetValue(2));
            }
        return Enumerable.Range(0, bins).Select(b => new ScoreBin(Math.Round((double)b / bins, 4), Math.Round((double)(b + 1) / bins, 4), counts[b, 0], counts[b, 1], counts[b, 2])).ToList();
    }

    public AccountDetail? Account(string account)
    {
        using var c = Connect();
        AccountVerdictRow? verdict = null;
        using (var r = Reader(c, null, "SELECT account, score, verdict, campaign, exchanges, suppressed_campaign FROM verdicts WHERE account = $1", account))
            if (r.Read()) verdict = new AccountVerdictRow(r.GetString(0), Dbl(r, 1), r.GetString(2), Str(r, 3), Int(r, 4), Str(r, 5));
        if (verdict is null) return null;
        var profile = new Dictionary<string, object?>(StringComparer.Ordinal);
        using (var r = Reader(c, null, "SELECT * FROM account_profiles WHERE account = $1", account))
            if (r.Read())
                for (int i = 0; i < r.FieldCount; i++)
                    profile[r.GetName(i)] = r.IsDBNull(i) ? null : r.GetValue(i) switch
                    {
                        DateTime or DateTimeOffset => Time(r, i),
                        System.Numerics.BigInteger b => (long)b,
                        var v => v,
                    };
        RegistryRow? registry = null;
        using (var r = Reader(c, null, "SELECT created, tier, org_name, email_domain, payment_fp, country, verified FROM accounts WHERE account = $1", account))
            if (r.Read()) registry = new RegistryRow(Time(r, 0), Str(r, 1), Str(r, 2), Str(r, 3), Str(r, 4), Str(r, 5), r.IsDBNull(6) ? null : r.GetBoolean(6));
        var reasons = new List<ReasonRow>();
        using (var r = Reader(c, null, "SELECT rank, signal, weight, detail, exchange_ids FROM reasons WHERE account = $1 ORDER BY rank", account))
            while (r.Read()) reasons.Add(new ReasonRow(Int(r, 0), r.GetString(1), Dbl(r, 2), r.GetString(3), Strings(r.GetValue(4))));
        var infra = new List<InfraRow>();
        using (var r = Reader(c, null, "SELECT kind, value, exchanges FROM account_infra WHERE account = $1 ORDER BY kind, exchanges DESC, value", account))
            while (r.Read()) infra.Add(new InfraRow(r.GetString(0), r.GetString(1), Int(r, 2)));
        var keys = new List<InfraRow>();
        using (var r = Reader(c, null, "SELECT api_key, exchanges FROM account_keys WHERE account = $1 ORDER BY exchanges DESC, api_key", account))
            while (r.Read()) keys.Add(new InfraRow("api-key", r.GetString(0), Int(r, 1)));
        var links = new List<(int Id, string Kind, string Value, int Accounts, double Weight, bool Hosting, int Exchanges)>();
        using (var r = Reader(c, null,
            """
            SELECT g.id, g.kind, g.value, g.accounts, g.weight, g.hosting, km.exchanges FROM key_members km JOIN key_groups g ON g.id = km.key_id
            WHERE km.account = $1 ORDER BY g.weight DESC, g.value LIMIT 40
            """, account))
            while (r.Read()) links.Add((Int(r, 0), r.GetString(1), r.GetString(2), Int(r, 3), Dbl(r, 4), !r.IsDBNull(5) && r.GetBoolean(5), Int(r, 6)));
        var others = new Dictionary<int, List<string>>();
        if (links.Count > 0)
        {
            var ids = string.Join(", ", links.Select(l => l.Id.ToString(CultureInfo.InvariantCulture)));
            using var r = Reader(c, null, $"SELECT key_id, account FROM key_members WHERE key_id IN ({ids}) AND account <> $1 ORDER BY key_id, exchanges DESC, account", account);
            while (r.Read())
            {
                int k = Int(r, 0);
                if (!others.TryGetValue(k, out var list)) others[k] = list = new List<string>();
                if (list.Count < 12) list.Add(r.GetString(1));
            }
        }
        var samples = new List<ExchangeSample>();
        using (var r = Reader(c, null, $"SELECT {SampleColumns} FROM exchanges WHERE account = $1 ORDER BY ts, id LIMIT 60", account))
            while (r.Read()) samples.Add(ReadSample(r));
        var history = new List<HistoryRow>();
        using (var r = Reader(c, null, "SELECT run, changed_at, verdict, score, campaign FROM verdict_history WHERE account = $1 ORDER BY run", account))
            while (r.Read()) history.Add(new HistoryRow(Int(r, 0), Time(r, 1)!.Value, r.GetString(2), Dbl(r, 3), Str(r, 4)));
        var decisions = ReadDecisions(c, $"WHERE (target_kind = 'account' AND target = $1) OR (target_kind = 'campaign' AND {ListContains("accounts", "$1")}) ORDER BY id DESC LIMIT 50", account);
        var campaigns = new List<string>();
        using (var r = Reader(c, null, "SELECT campaign FROM campaign_members WHERE account = $1 ORDER BY campaign", account))
            while (r.Read()) campaigns.Add(r.GetString(0));
        return new AccountDetail(verdict, profile, registry, reasons, infra, keys,
            links.Select(l => new AccountLink(l.Id, l.Kind, l.Value, l.Accounts, l.Weight, l.Hosting, l.Exchanges, others.GetValueOrDefault(l.Id) ?? [])).ToList(),
            samples, history, decisions, campaigns);
    }

    public IReadOnlyList<ActivityPoint> AccountTimeline(string account)
    {
        using var c = Connect();
        return Points(c, "SELECT hour_ms, exchanges, harvest FROM activity WHERE account = $1 ORDER BY hour_ms", account);
    }

    private const string SampleColumns = "id, account, ts, api, model, api_key, ip, status, signals, phrases, system_text, prompt, response";

    private static ExchangeSample ReadSample(DbDataReader r) => new()
    {
        Id = r.GetString(0),
        Account = r.GetString(1),
        Ts = Time(r, 2) ?? default,
        Api = Str(r, 3) ?? "",
        Model = Str(r, 4),
        ApiKey = Str(r, 5),
        Ip = Str(r, 6),
        Status = Int(r, 7),
        Signals = Strings(r.GetValue(8)),
        Phrases = Strings(r.GetValue(9)),
        SystemText = Str(r, 10),
        Prompt = Str(r, 11) ?? "",
        Response = Str(r, 12),
    };

    private List<ExchangeSample> Samples(DbConnection c, IReadOnlyList<string> ids)
    {
        var list = new List<ExchangeSample>();
        if (ids.Count == 0) return list;
        var ps = string.Join(", ", ids.Select((_, i) => "$" + (i + 1).ToString(CultureInfo.InvariantCulture)));
        using var r = Reader(c, null, $"SELECT {SampleColumns} FROM exchanges WHERE id IN ({ps})", [.. ids]);
        while (r.Read()) list.Add(ReadSample(r));
        return list;
    }

    public ExchangeSample? Exchange(string id)
    {
        using var c = Connect();
        var refs = new List<string>();
        string? account = null;
        using (var r = Reader(c, null, "SELECT account, campaign, cited_by FROM exchange_refs WHERE exchange_id = $1 ORDER BY cited_by, account", id))
            while (r.Read())
            {
                account ??= Str(r, 0);
                refs.Add(r.GetString(2) + (Str(r, 0) is { } a ? ":" + a : "") + (Str(r, 1) is { } cp ? "@" + cp : ""));
            }
        var s = Samples(c, [id]).FirstOrDefault();
        if (s is not null) return s with { CitedBy = refs.Distinct().Take(30).ToList() };
        // Cited but not read back (e.g. the streaming service writes without the logs): the facts the store has.
        return refs.Count == 0 ? null : new ExchangeSample { Id = id, Account = account ?? "", CitedBy = refs.Distinct().Take(30).ToList() };
    }

    public IReadOnlyList<SearchHit> Search(string query, int limit = 50)
    {
        var q = (query ?? "").Trim();
        if (q.Length == 0) return [];
        limit = Math.Clamp(limit, 1, 500);
        var hits = new List<SearchHit>();
        using var c = Connect();
        string prefix = EscapeLike(q) + "%";
        void Add(string sql, Func<DbDataReader, SearchHit> map, params object?[] args)
        {
            if (hits.Count >= limit) return;
            using var r = Reader(c, null, sql + $" LIMIT {limit - hits.Count}", args);
            while (r.Read()) hits.Add(map(r));
        }
        Add("SELECT id, score FROM campaigns WHERE id LIKE $1 ESCAPE '\\' ORDER BY id",
            r => new SearchHit("campaign", r.GetString(0), null, r.GetString(0), $"score {Dbl(r, 1):0.00}"), prefix);
        Add("SELECT account, verdict, campaign, score FROM verdicts WHERE account LIKE $1 ESCAPE '\\' ORDER BY account",
            r => new SearchHit("account", r.GetString(0), r.GetString(0), Str(r, 2), $"score {Dbl(r, 3):0.00}", r.GetString(1)), prefix);
        Add("SELECT k.api_key, k.account, v.campaign, k.exchanges, v.verdict FROM account_keys k LEFT JOIN verdicts v ON v.account = k.account WHERE k.api_key LIKE $1 ESCAPE '\\' ORDER BY k.api_key, k.account",
            r => new SearchHit("api-key", r.GetString(0), r.GetString(1), Str(r, 2), $"{Int(r, 3)} exchanges", Str(r, 4)), prefix);
        foreach (var (kind, pattern) in IpPatterns(q))
            Add("SELECT i.kind, i.value, i.account, v.campaign, i.exchanges, v.verdict FROM account_infra i LEFT JOIN verdicts v ON v.account = i.account " +
                $"WHERE i.kind = '{kind}' AND i.value LIKE $1 ESCAPE '\\' ORDER BY i.value, i.exchanges DESC, i.account",
                r => new SearchHit(r.GetString(0), r.GetString(1), r.GetString(2), Str(r, 3), $"{Int(r, 4)} exchanges", Str(r, 5)), pattern);
        Add("SELECT a.payment_fp, a.account, v.campaign, v.verdict FROM accounts a LEFT JOIN verdicts v ON v.account = a.account WHERE a.payment_fp LIKE $1 ESCAPE '\\' ORDER BY a.payment_fp, a.account",
            r => new SearchHit("payment", r.GetString(0), r.GetString(1), Str(r, 2), "payment fingerprint", Str(r, 3)), prefix);
        Add("SELECT a.email_domain, a.account, v.campaign, v.verdict FROM accounts a LEFT JOIN verdicts v ON v.account = a.account WHERE a.email_domain = $1 ORDER BY a.account",
            r => new SearchHit("email-domain", r.GetString(0), r.GetString(1), Str(r, 2), "sign-up e-mail domain", Str(r, 3)), q.ToLowerInvariant());
        Add("SELECT id, account FROM exchanges WHERE id = $1",
            r => new SearchHit("exchange", r.GetString(0), r.GetString(1), null, "exchange (text available)"), q);
        if (!hits.Any(h => h.Kind == "exchange"))
            Add("SELECT exchange_id, account, campaign, cited_by FROM exchange_refs WHERE exchange_id = $1",
                r => new SearchHit("exchange", r.GetString(0), Str(r, 1), Str(r, 2), "cited by " + r.GetString(3)), q);
        return hits;
    }

    /// <summary>What an IP-like query matches: ip values starting with it (or inside a /8, /16, /24 CIDR) and prefix values.</summary>
    internal static IEnumerable<(string Kind, string Pattern)> IpPatterns(string q)
    {
        if (q.Length == 0 || !(char.IsAsciiDigit(q[0]) || q.Contains(':'))) yield break;
        int slash = q.IndexOf('/');
        if (slash > 0 && int.TryParse(q.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out int bits) && !q.Contains(':'))
        {
            var octets = q[..slash].Split('.');
            int keep = bits / 8;
            if (bits % 8 == 0 && keep is >= 1 and <= 3 && octets.Length == 4) yield return ("ip", EscapeLike(string.Join('.', octets.Take(keep)) + ".") + "%");
            yield return ("prefix", EscapeLike(q));
            yield break;
        }
        yield return ("ip", EscapeLike(q) + "%");
        yield return ("prefix", EscapeLike(q) + "%");
    }

    public IReadOnlyList<(string Kind, string Value, int Members, long Exchanges)> Observables(string campaign)
    {
        using var c = Connect();
        var list = new List<(string, string, int, long)>();
        using var r = Reader(c, null, "SELECT kind, value, members, exchanges FROM campaign_observables WHERE campaign = $1 ORDER BY kind, value", campaign);
        while (r.Read()) list.Add((r.GetString(0), r.GetString(1), Int(r, 2), Long(r.GetValue(3))));
        return list;
    }

    // ---------------------------------------------------------------- decisions and audit

    public DecisionRow Decide(DecisionRequest d)
    {
        ArgumentNullException.ThrowIfNull(d);
        if (!Actions.Contains(d.Action)) throw new ArgumentException($"unknown action '{d.Action}' (confirm, dismiss, share, reopen)");
        if (d.TargetKind is not ("campaign" or "account")) throw new ArgumentException($"unknown target kind '{d.TargetKind}' (campaign, account)");
        if (d.Action == "dismiss" && string.IsNullOrWhiteSpace(d.Reason)) throw new ArgumentException("a dismissal needs a reason");
        using var c = Connect();
        using var tx = c.BeginTransaction();
        List<string> accounts, kinds;
        if (d.TargetKind == "campaign")
        {
            if (Long(Scalar(c, tx, "SELECT count(*) FROM campaigns WHERE id = $1", d.Target)) == 0) throw new KeyNotFoundException($"no campaign '{d.Target}'");
            accounts = Column(c, tx, "SELECT account FROM campaign_members WHERE campaign = $1 ORDER BY account", d.Target);
            kinds = Column(c, tx, "SELECT DISTINCT kind FROM evidence WHERE campaign = $1 ORDER BY kind", d.Target);
        }
        else
        {
            if (Long(Scalar(c, tx, "SELECT count(*) FROM verdicts WHERE account = $1", d.Target)) == 0) throw new KeyNotFoundException($"no account '{d.Target}'");
            accounts = [d.Target];
            kinds = Column(c, tx, $"SELECT DISTINCT signal FROM reasons WHERE account = $1 AND signal <> '{DismissalFeedback.Signal}' ORDER BY signal", d.Target);
        }
        int run = (int)Long(Scalar(c, tx, "SELECT CAST(COALESCE(MAX(id), 0) AS BIGINT) FROM runs"));
        long id = Long(Scalar(c, tx, "SELECT nextval('dg_ids')"));
        var at = DateTimeOffset.UtcNow;
        // A new decision on a target replaces the earlier ones (they stay in the log, inactive); reopen only closes them.
        Exec(c, tx, "UPDATE decisions SET active = false WHERE target_kind = $1 AND target = $2 AND active", d.TargetKind, d.Target);
        bool active = d.Action != "reopen";
        BulkWrite(c, tx, StoreSchema.Decisions, [[id, at, d.Actor, d.Role, d.Action, d.TargetKind, d.Target, run, d.Reason, accounts.ToArray(), kinds.ToArray(), active]]);
        if (d.TargetKind == "campaign")
        {
            var state = DecisionState(d.Action);
            if (state is null) Exec(c, tx, "UPDATE campaigns SET decision = NULL, decision_id = NULL WHERE id = $1", d.Target);
            else Exec(c, tx, "UPDATE campaigns SET decision = $1, decision_id = $2 WHERE id = $3", state, id, d.Target);
        }
        long auditId = Long(Scalar(c, tx, "SELECT nextval('dg_ids')"));
        BulkWrite(c, tx, StoreSchema.Audit, [[auditId, at, d.Actor, d.Role, "decision:" + d.Action, d.TargetKind + ":" + d.Target,
            $"decision {id}; {accounts.Count} account(s); evidence {string.Join(",", kinds)}" + (d.Reason is null ? "" : "; reason: " + d.Reason), d.Remote]]);
        tx.Commit();
        return new DecisionRow(id, at, d.Actor, d.Role, d.Action, d.TargetKind, d.Target, run, d.Reason, accounts, kinds, active);
    }

    public IReadOnlyList<DecisionRow> Decisions(int limit = 200)
    {
        using var c = Connect();
        return ReadDecisions(c, $"ORDER BY id DESC LIMIT {Math.Clamp(limit, 1, 5000)}");
    }

    private List<DecisionRow> ReadDecisions(DbConnection c, string tail, params object?[] args)
    {
        var list = new List<DecisionRow>();
        using var r = Reader(c, null, "SELECT id, decided_at, actor, role, action, target_kind, target, run, reason, accounts, evidence_kinds, active FROM decisions " + tail, args);
        while (r.Read())
            list.Add(new DecisionRow(r.GetInt64(0), Time(r, 1)!.Value, r.GetString(2), r.GetString(3), r.GetString(4), r.GetString(5), r.GetString(6), Int(r, 7),
                Str(r, 8), Strings(r.GetValue(9)), Strings(r.GetValue(10)), r.GetBoolean(11)));
        return list;
    }

    public IReadOnlyList<DismissalRule> Dismissals()
    {
        using var c = Connect();
        return ReadDecisions(c, "WHERE action = 'dismiss' AND active ORDER BY id")
            .Select(d => new DismissalRule(d.Id, d.Actor, d.At, d.TargetKind, d.Target, d.Reason ?? "",
                d.Accounts.ToHashSet(StringComparer.Ordinal), d.EvidenceKinds.ToHashSet(StringComparer.Ordinal)))
            .ToList();
    }

    public void Audit(string actor, string role, string action, string target, string? detail, string? remote)
    {
        using var c = Connect();
        using var tx = c.BeginTransaction();
        long id = Long(Scalar(c, tx, "SELECT nextval('dg_ids')"));
        BulkWrite(c, tx, StoreSchema.Audit, [[id, DateTimeOffset.UtcNow, actor, role, action, target, detail, remote]]);
        tx.Commit();
    }

    public IReadOnlyList<AuditRow> AuditLog(int limit = 200)
    {
        using var c = Connect();
        var list = new List<AuditRow>();
        using var r = Reader(c, null, $"SELECT id, logged_at, actor, role, action, target, detail, remote FROM audit ORDER BY id DESC LIMIT {Math.Clamp(limit, 1, 5000)}");
        while (r.Read()) list.Add(new AuditRow(r.GetInt64(0), Time(r, 1)!.Value, r.GetString(2), r.GetString(3), r.GetString(4), r.GetString(5), Str(r, 6), Str(r, 7)));
        return list;
    }

    // ---------------------------------------------------------------- helpers

    protected DbCommand Command(DbConnection c, DbTransaction? tx, string sql, params object?[] args)
    {
        var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        if (tx is not null) cmd.Transaction = tx;
        foreach (var a in args) cmd.Parameters.Add(Parameter(a));
        return cmd;
    }

    protected void Exec(DbConnection c, DbTransaction? tx, string sql, params object?[] args)
    {
        using var cmd = Command(c, tx, sql, args);
        cmd.ExecuteNonQuery();
    }

    protected object? Scalar(DbConnection c, DbTransaction? tx, string sql, params object?[] args)
    {
        using var cmd = Command(c, tx, sql, args);
        var v = cmd.ExecuteScalar();
        return v is DBNull ? null : v;
    }

    protected DbDataReader Reader(DbConnection c, DbTransaction? tx, string sql, params object?[] args)
    {
        var cmd = Command(c, tx, sql, args);
        return cmd.ExecuteReader(System.Data.CommandBehavior.Default);
    }

    private List<string> Column(DbConnection c, DbTransaction? tx, string sql, params object?[] args)
    {
        var list = new List<string>();
        using var r = Reader(c, tx, sql, args);
        while (r.Read()) list.Add(r.GetString(0));
        return list;
    }

    internal static string EscapeLike(string s) => s.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_");

    private static string Shorten(string s, int max) => s.Length <= max ? s : s[..(max - 1)] + "…";

    protected static long Long(object? v) => v switch
    {
        null or DBNull => 0,
        System.Numerics.BigInteger b => (long)b,
        decimal d => (long)d,
        _ => Convert.ToInt64(v, CultureInfo.InvariantCulture),
    };

    protected static int Int(DbDataReader r, int i) => r.IsDBNull(i) ? 0 : (int)Long(r.GetValue(i));
    protected static double Dbl(DbDataReader r, int i) => r.IsDBNull(i) ? 0 : Convert.ToDouble(r.GetValue(i), CultureInfo.InvariantCulture);
    protected static string? Str(DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetValue(i).ToString();

    protected static DateTimeOffset? Time(DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetValue(i) switch
    {
        DateTimeOffset o => o.ToUniversalTime(),
        DateTime d => new DateTimeOffset(d.Kind == DateTimeKind.Local ? d.ToUniversalTime() : DateTime.SpecifyKind(d, DateTimeKind.Utc)),
        var v => DateTimeOffset.Parse(v.ToString()!, CultureInfo.InvariantCulture),
    };

    protected static IReadOnlyList<string> Strings(object? v) => v switch
    {
        null or DBNull => [],
        string s => [s],
        IEnumerable e => e.Cast<object?>().Where(x => x is not null).Select(x => x!.ToString()!).ToList(),
        _ => [],
    };
}
