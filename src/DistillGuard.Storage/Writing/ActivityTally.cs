using System.Runtime.InteropServices;
using DistillGuard.Core.Model;
using DistillGuard.Core.Scoring;

namespace DistillGuard.Storage.Writing;

/// <summary>
/// Counts what the dashboard plots, one call per exchange on the reader's thread: exchanges and harvest exchanges per
/// account and hour, per account, model and day, per account and API key, and each model's first appearance.
/// Memory is one small cell per (account, hour) the account was active in.
/// </summary>
public sealed class ActivityTally
{
    public const long HourMs = 3_600_000, DayMs = 86_400_000;

    private readonly Dictionary<string, int> _accounts = new(StringComparer.Ordinal);
    private readonly List<string> _accountNames = new();
    private readonly Dictionary<string, int> _models = new(StringComparer.Ordinal);
    private readonly List<(string Name, long FirstMs, long Exchanges)> _modelInfo = new();
    private readonly Dictionary<long, (int Exchanges, int Harvest)> _hours = new();
    private readonly Dictionary<(int Account, int Model, int Day), int> _modelDays = new();
    private readonly Dictionary<(int Account, string Key), int> _keys = new();

    public long Exchanges { get; private set; }

    public void Add(ExchangeFeatures f)
    {
        if (!_accounts.TryGetValue(f.Account, out int a))
        {
            a = _accountNames.Count;
            _accounts.Add(f.Account, a);
            _accountNames.Add(f.Account);
        }
        long hour = Math.DivRem(f.TimestampMs, HourMs, out long rem);
        if (rem < 0) hour--;
        bool harvest = HarvestSignals.IsHarvest(f.Signals);
        ref var cell = ref CollectionsMarshal.GetValueRefOrAddDefault(_hours, ((long)a << 28) | (hour & 0xFFFFFFF), out _);
        cell.Exchanges++;
        if (harvest) cell.Harvest++;
        string model = string.IsNullOrEmpty(f.Model) ? "(none)" : f.Model;
        if (!_models.TryGetValue(model, out int m))
        {
            m = _modelInfo.Count;
            _models.Add(model, m);
            _modelInfo.Add((model, f.TimestampMs, 0));
        }
        var info = _modelInfo[m];
        _modelInfo[m] = (info.Name, Math.Min(info.FirstMs, f.TimestampMs), info.Exchanges + 1);
        CollectionsMarshal.GetValueRefOrAddDefault(_modelDays, (a, m, (int)(hour / 24)), out _)++;
        if (!string.IsNullOrEmpty(f.Key)) CollectionsMarshal.GetValueRefOrAddDefault(_keys, (a, f.Key), out _)++;
        Exchanges++;
    }

    /// <summary>(account, hour_ms, exchanges, harvest), by account then hour.</summary>
    public IEnumerable<(string Account, long HourMs, int Exchanges, int Harvest)> Hours()
        => _hours.Select(kv => (A: (int)(kv.Key >> 28), H: kv.Key & 0xFFFFFFF, kv.Value))
            .OrderBy(x => _accountNames[x.A], StringComparer.Ordinal).ThenBy(x => x.H)
            .Select(x => (_accountNames[x.A], x.H * HourMs, x.Value.Exchanges, x.Value.Harvest));

    /// <summary>All traffic per hour.</summary>
    public IEnumerable<(long HourMs, long Exchanges, long Harvest)> Traffic()
        => _hours.GroupBy(kv => kv.Key & 0xFFFFFFF).OrderBy(g => g.Key)
            .Select(g => (g.Key * HourMs, g.Sum(kv => (long)kv.Value.Exchanges), g.Sum(kv => (long)kv.Value.Harvest)));

    public IEnumerable<(string Account, string Model, long DayMs, int Exchanges)> ModelDays()
        => _modelDays.OrderBy(kv => _accountNames[kv.Key.Account], StringComparer.Ordinal).ThenBy(kv => kv.Key.Model).ThenBy(kv => kv.Key.Day)
            .Select(kv => (_accountNames[kv.Key.Account], _modelInfo[kv.Key.Model].Name, kv.Key.Day * DayMs, kv.Value));

    public IEnumerable<(string Model, long FirstMs, long Exchanges)> Models() => _modelInfo.OrderBy(m => m.FirstMs);

    public IEnumerable<(string Account, string Key, int Exchanges)> Keys()
        => _keys.OrderBy(kv => _accountNames[kv.Key.Account], StringComparer.Ordinal).ThenBy(kv => kv.Key.Key, StringComparer.Ordinal)
            .Select(kv => (_accountNames[kv.Key.Account], kv.Key.Key, kv.Value));
}
