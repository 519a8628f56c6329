using BenchmarkDotNet.Attributes;
using DistillGuard.Core.Analysis;
using DistillGuard.Core.Model;

namespace DistillGuard.Benchmarks;

/// <summary>
/// The account stages: <see cref="AnalysisEngine.Add"/> per exchange (steady state, accounts already known) and
/// <see cref="AnalysisEngine.Complete"/> over 50 K accounts (49 K ordinary, 1 K in five campaigns, 10 exchanges each).
/// Run: dotnet run -c Release --project bench/DistillGuard.Benchmarks -- --filter '*AnalysisBenchmarks*' --job short
/// </summary>
[MemoryDiagnoser]
public class AnalysisBenchmarks
{
    private const int Accounts = 50_000, PerAccount = 10, AddBatch = 100_000;
    private static readonly string[] Agents = { "python-httpx/0.27.0", "OpenAI/Python 1.51.0", "node-fetch/3.3.2", "curl/8.5.0" };

    private readonly record struct Row(int Account, long Ts, ulong Template, ulong Item, SignalSet Signals, int Ip, int MaxTokens);

    private Row[] _rows = Array.Empty<Row>();
    private string[] _accounts = Array.Empty<string>(), _ips = Array.Empty<string>(), _ids = Array.Empty<string>();
    private AnalysisEngine _steady = null!;
    private AnalysisEngine _full = null!;
    private readonly ExchangeFeatures _f = new();
    private int _cursor;

    [GlobalSetup]
    public void Setup()
    {
        var r = new Random(42);
        _accounts = Enumerable.Range(0, Accounts).Select(i => $"acct_{i:000000}").ToArray();
        _ips = Enumerable.Range(0, 200_000).Select(i => i < 2000 ? $"203.0.113.{i % 250}" : $"100.{64 + (i >> 16)}.{(i >> 8) & 255}.{i & 255}").ToArray();
        _ids = Enumerable.Range(0, Accounts * PerAccount).Select(i => $"ex_{i:000000000}").ToArray();
        var templates = Enumerable.Range(0, 5).Select(_ => (ulong)r.NextInt64()).ToArray();
        long start = 1_770_000_000_000;
        _rows = new Row[Accounts * PerAccount];
        int n = 0;
        for (int k = 0; k < PerAccount; k++)
            for (int a = 0; a < Accounts; a++)
            {
                bool bad = a >= Accounts - 1000;
                int camp = (a % 5);
                _rows[n++] = new Row(a, start + (long)k * 3_600_000 + r.Next(3_600_000), bad ? templates[camp] : (ulong)r.NextInt64(), (ulong)r.NextInt64(),
                    bad ? SignalSet.CotElicitation | SignalSet.MaxThinkingBudget | SignalSet.MaxOutputBudget : (r.Next(50) == 0 ? SignalSet.CotElicitation : SignalSet.None),
                    bad ? camp * 400 + r.Next(400) : 2000 + r.Next(_ips.Length - 2000), bad ? 64000 : r.Next(4) * 1024);
            }
        _steady = new AnalysisEngine();
        for (int a = 0; a < Accounts; a++) _steady.Add(Fill(_rows[a], a));
    }

    private ExchangeFeatures Fill(in Row row, int i)
    {
        var f = _f;
        f.Id = _ids[i];
        f.Account = _accounts[row.Account];
        f.TimestampMs = row.Ts;
        f.Ip = _ips[row.Ip];
        f.UserAgent = Agents[row.Account & 3];
        f.Ja4 = "t13d1516h2_8daaf6152771_02713d6af862";
        f.Model = "model-a1";
        f.TemplateFingerprint = row.Template;
        f.ItemHash = row.Item;
        f.Signals = row.Signals;
        f.Capabilities = Capability.Reasoning;
        f.MaxTokens = row.MaxTokens;
        return f;
    }

    [Benchmark(OperationsPerInvoke = AddBatch, Description = "Add() per exchange")]
    public void AddPerExchange()
    {
        for (int i = 0; i < AddBatch; i++)
        {
            if (_cursor == _rows.Length) _cursor = 0;
            _steady.Add(Fill(_rows[_cursor], _cursor));
            _cursor++;
        }
    }

    [IterationSetup(Target = nameof(Complete50KAccounts))]
    public void BuildFull()
    {
        _full = new AnalysisEngine();
        for (int i = 0; i < _rows.Length; i++) _full.Add(Fill(_rows[i], i));
    }

    [Benchmark(Description = "Complete() on 50K accounts / 500K exchanges")]
    public int Complete50KAccounts() => _full.Complete().Campaigns.Count;
}
