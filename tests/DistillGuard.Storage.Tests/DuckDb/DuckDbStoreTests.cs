using DistillGuard.Core.Accounts;
using DistillGuard.Core.Analysis;
using DistillGuard.Core.Model;
using DistillGuard.Storage.DuckDb;
using DuckDB.NET.Data;

namespace DistillGuard.Storage.Tests.DuckDb;

public sealed class DuckDbStoreTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), $"dg-store-{Guid.NewGuid():N}");

    public void Dispose() { if (Directory.Exists(_dir)) Directory.Delete(_dir, true); }

    /// <summary>Eight fresh accounts on one CoT template from one hosting range with one card, and 20 ordinary users.</summary>
    private static AnalysisResult Analyse()
    {
        var r = new Random(9);
        var engine = new AnalysisEngine();
        var records = new List<AccountRecord>();
        long start = new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();
        var f = new ExchangeFeatures { UserAgent = "python-httpx/0.27.0" };
        var events = new List<(long Ts, int A)>();
        for (int a = 0; a < 28; a++)
            for (int i = 0; i < 80; i++)
                events.Add((a < 8 ? start + i * 600_000L + a * 20_000L : start + r.NextInt64(5 * 86_400_000L), a));
        events.Sort();
        int n = 0;
        foreach (var (ts, a) in events)
        {
            bool bad = a < 8;
            f.Id = $"ex_{++n:000000}";
            f.Account = $"acct_{a:00}";
            f.TimestampMs = ts;
            f.Ip = bad ? $"203.0.113.{r.Next(1, 20)}" : $"100.64.{a}.{r.Next(1, 200)}";
            f.TemplateFingerprint = bad ? 0xABCDEF0123456789UL : (ulong)r.NextInt64();
            f.ItemHash = (ulong)r.NextInt64();
            f.Signals = bad ? SignalSet.CotElicitation | SignalSet.AnswerToReasoning | SignalSet.MaxThinkingBudget | SignalSet.MaxOutputBudget : SignalSet.None;
            f.Capabilities = bad ? Capability.Reasoning : Capability.Writing;
            f.MaxTokens = bad ? 64000 : r.Next(4) * 1000;
            f.ThinkingBudget = bad ? 32000 : 0;
            f.Temperature = bad ? 1.0 : null;
            engine.Add(f);
        }
        for (int a = 0; a < 28; a++)
            records.Add(new AccountRecord
            {
                Account = $"acct_{a:00}", CreatedMs = a < 8 ? start - 86_400_000L + a * 60_000L : start - (a + 100) * 86_400_000L,
                Tier = a < 8 ? "free" : "paid", Verified = a >= 8, PaymentFingerprint = a < 8 ? "pf_shared" : $"pf_{a}", Country = "US",
            });
        var intel = new List<IpRange>();
        IpIntel.Parse(new StringReader("203.0.113.0/24"), intel);
        return engine.Complete(new AnalysisInputs { Registry = new AccountRegistry(records), IpIntel = new IpIntel(intel) });
    }

    private static object? Scalar(DuckDBConnection c, string sql)
    {
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        return cmd.ExecuteScalar();
    }

    [Fact]
    public void Write_AnalysisResult_CanBeQueriedWithSql()
    {
        var result = Analyse();
        Assert.Single(result.Campaigns);
        var path = Path.Combine(_dir, "run.duckdb");
        new DuckDbStore(path).Write(result);

        using var c = new DuckDBConnection($"Data Source={path}");
        c.Open();
        Assert.Equal(28L, Convert.ToInt64(Scalar(c, "SELECT count(*) FROM verdicts")));
        Assert.Equal(28L, Convert.ToInt64(Scalar(c, "SELECT count(*) FROM account_profiles")));
        Assert.Equal(8L, Convert.ToInt64(Scalar(c, "SELECT count(*) FROM verdicts WHERE verdict = 'campaign' AND campaign = 'C-0001'")));
        Assert.Equal(8L, Convert.ToInt64(Scalar(c, "SELECT count(*) FROM campaign_members m JOIN verdicts v USING (account) WHERE v.verdict = 'campaign'")));
        Assert.Equal("acct_00", Scalar(c, "SELECT min(account) FROM campaign_members WHERE campaign = 'C-0001'"));
        Assert.True(Convert.ToInt64(Scalar(c, "SELECT count(*) FROM evidence WHERE campaign = 'C-0001' AND len(exchange_ids) > 0")) > 0);
        Assert.True(Convert.ToBoolean(Scalar(c, "SELECT list_contains(tactics, 'shared-template') FROM campaigns WHERE id = 'C-0001'")));
        Assert.Equal("cot-elicitation", Scalar(c, "SELECT signal FROM reasons WHERE account = 'acct_00' AND signal = 'cot-elicitation'"));
        Assert.Equal(0L, Convert.ToInt64(Scalar(c, "SELECT count(*) FROM verdicts WHERE account >= 'acct_08' AND verdict <> 'clear'")));
        Assert.Equal("203.0.113.0/24", Scalar(c, "SELECT top_prefix FROM account_profiles WHERE account = 'acct_03'"));
    }

    [Fact]
    public void Write_SameFileTwice_ReplacesTheTables()
    {
        var result = Analyse();
        var path = Path.Combine(_dir, "twice.duckdb");
        new DuckDbStore(path).Write(result);
        new DuckDbStore(path).Write(result);
        using var c = new DuckDBConnection($"Data Source={path}");
        c.Open();
        Assert.Equal(28L, Convert.ToInt64(Scalar(c, "SELECT count(*) FROM verdicts")));
    }
}
