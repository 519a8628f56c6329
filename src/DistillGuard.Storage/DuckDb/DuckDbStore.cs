using DistillGuard.Core.Analysis;
using DistillGuard.Core.Profiles;
using DistillGuard.Core.Scoring;
using DistillGuard.Core.Verdicts;
using DuckDB.NET.Data;

namespace DistillGuard.Storage.DuckDb;

/// <summary>
/// Writes one analysis into a DuckDB file an analyst can query with SQL: tables <c>verdicts</c>, <c>reasons</c>,
/// <c>campaigns</c>, <c>campaign_members</c>, <c>evidence</c> and <c>account_profiles</c> (schema in docs/detector.md).
/// Existing tables of the same names are replaced; rows go in through DuckDB's Appender in one transaction.
/// </summary>
public sealed class DuckDbStore
{
    public const string Schema = """
        CREATE OR REPLACE TABLE verdicts (account VARCHAR PRIMARY KEY, score DOUBLE, verdict VARCHAR, campaign VARCHAR, exchanges INTEGER);
        CREATE OR REPLACE TABLE reasons (account VARCHAR, rank INTEGER, signal VARCHAR, weight DOUBLE, detail VARCHAR, exchange_ids VARCHAR[]);
        CREATE OR REPLACE TABLE campaigns (id VARCHAR PRIMARY KEY, score DOUBLE, accounts INTEGER, exchanges BIGINT,
            first_seen TIMESTAMPTZ, last_seen TIMESTAMPTZ, targets VARCHAR[], tactics VARCHAR[]);
        CREATE OR REPLACE TABLE campaign_members (campaign VARCHAR, account VARCHAR);
        CREATE OR REPLACE TABLE evidence (campaign VARCHAR, rank INTEGER, kind VARCHAR, summary VARCHAR, weight DOUBLE, exchange_ids VARCHAR[]);
        CREATE OR REPLACE TABLE account_profiles (account VARCHAR PRIMARY KEY, exchanges INTEGER, first_seen TIMESTAMPTZ, last_seen TIMESTAMPTZ,
            active_days INTEGER, harvest_exchanges INTEGER, harvest_share DOUBLE, harvest_strength DOUBLE, timing_cv DOUBLE,
            max_output_tokens INTEGER, max_thinking_budget INTEGER, max_n INTEGER, logprobs_exchanges INTEGER,
            failed_exchanges INTEGER, distinct_items_est DOUBLE, artifacts_issued INTEGER, artifacts_presented INTEGER,
            top_template VARCHAR, top_template_share DOUBLE, top_ip VARCHAR, top_prefix VARCHAR, top_user_agent VARCHAR, top_ja4 VARCHAR);
        """;

    private readonly string _path;

    public DuckDbStore(string path) => _path = path;

    public void Write(AnalysisResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var dir = Path.GetDirectoryName(Path.GetFullPath(_path));
        if (dir is not null) Directory.CreateDirectory(dir);
        using var conn = new DuckDBConnection($"Data Source={_path}");
        conn.Open();
        using (var cmd = conn.CreateCommand()) { cmd.CommandText = Schema; cmd.ExecuteNonQuery(); }
        using var tx = conn.BeginTransaction();

        using (var a = conn.CreateAppender("verdicts"))
            foreach (var v in result.Verdicts)
            {
                var row = a.CreateRow().AppendValue(v.Account).AppendValue(v.Score).AppendValue(v.Verdict.WireName());
                (v.Campaign is null ? row.AppendNullValue() : row.AppendValue(v.Campaign)).AppendValue(v.Exchanges).EndRow();
            }
        using (var a = conn.CreateAppender("reasons"))
            foreach (var v in result.Verdicts)
                for (int i = 0; i < v.Reasons.Count; i++)
                {
                    var r = v.Reasons[i];
                    a.CreateRow().AppendValue(v.Account).AppendValue(i + 1).AppendValue(r.Signal).AppendValue(r.Weight).AppendValue(r.Detail)
                        .AppendValue(r.ExchangeIds.ToList()).EndRow();
                }
        using (var a = conn.CreateAppender("campaigns"))
            foreach (var c in result.Campaigns)
                a.CreateRow().AppendValue(c.Id).AppendValue(c.Score).AppendValue(c.Accounts.Count).AppendValue(c.Exchanges)
                    .AppendValue(c.FirstSeen).AppendValue(c.LastSeen).AppendValue(c.Targets.ToList()).AppendValue(c.Tactics.ToList()).EndRow();
        using (var a = conn.CreateAppender("campaign_members"))
            foreach (var c in result.Campaigns)
                foreach (var m in c.Accounts) a.CreateRow().AppendValue(c.Id).AppendValue(m).EndRow();
        using (var a = conn.CreateAppender("evidence"))
            foreach (var c in result.Campaigns)
                for (int i = 0; i < c.Evidence.Count; i++)
                {
                    var e = c.Evidence[i];
                    a.CreateRow().AppendValue(c.Id).AppendValue(i + 1).AppendValue(e.Kind).AppendValue(e.Summary).AppendValue(e.Weight)
                        .AppendValue(e.ExchangeIds.ToList()).EndRow();
                }
        using (var a = conn.CreateAppender("account_profiles"))
        {
            var ctx = result.Context;
            foreach (var p in result.Profiles.OrderBy(p => p.Account, StringComparer.Ordinal))
            {
                int t = p.Templates.TopIndex();
                double cv = p.TimingCv;
                var row = a.CreateRow().AppendValue(p.Account).AppendValue(p.Exchanges)
                    .AppendValue(DateTimeOffset.FromUnixTimeMilliseconds(p.FirstMs)).AppendValue(DateTimeOffset.FromUnixTimeMilliseconds(p.LastMs))
                    .AppendValue(p.ActiveDays).AppendValue(p.HarvestExchanges).AppendValue(p.HarvestShare).AppendValue(HarvestStrength.Of(p));
                (double.IsNaN(cv) ? row.AppendNullValue() : row.AppendValue(cv))
                    .AppendValue(p.MaxOutputTokens).AppendValue(p.MaxThinkingBudget).AppendValue(p.MaxN).AppendValue(p.LogprobsExchanges)
                    .AppendValue(p.FailedExchanges).AppendValue(p.Items.Distinct).AppendValue(p.ArtifactsIssued).AppendValue(p.ArtifactsPresented);
                Opt(row, t >= 0 ? p.Templates.KeyAt(t).ToString("x16") : null);
                row.AppendValue(t >= 0 && p.Exchanges > 0 ? (double)p.Templates.CountAt(t) / p.Exchanges : 0.0);
                Opt(row, Top(p.Ips, id => ctx.Infra.Ip(id)));
                Opt(row, Top(p.Prefixes, id => ctx.Infra.Prefix(id)));
                Opt(row, Top(p.UserAgents, ctx.UserAgents.Value));
                Opt(row, Top(p.Ja4, ctx.Ja4.Value));
                row.EndRow();
            }
        }
        tx.Commit();
    }

    private static string? Top(CounterView v, Func<int, string> name)
    {
        int i = v.TopIndex();
        return i < 0 ? null : name((int)v.KeyAt(i));
    }

    private static void Opt(DuckDB.NET.Data.IDuckDBAppenderRow row, string? value)
    {
        if (value is null) row.AppendNullValue(); else row.AppendValue(value);
    }
}
