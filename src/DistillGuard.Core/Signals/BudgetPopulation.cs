using DistillGuard.Core.Model;
using DistillGuard.Core.Profiles;

namespace DistillGuard.Core.Signals;

/// <summary>
/// Decides the <c>max-output</c> and <c>max-thinking</c> signals against the population of the log as it streams in,
/// per model: a budget is maximal when it lies within a half-octave bin (<see cref="BudgetScale.NearBins"/>) of the
/// <see cref="Quantile"/> of the budgets the log's accounts ask of that model. Each account contributes only its first
/// <see cref="PerAccount"/> exchanges, so the ceiling is what accounts ask, not what the heaviest (or one large campaign)
/// sends most. Until a model has <see cref="MinSample"/> contributions the whole log's stands in; until the log has that
/// many, no budget is called maximal (there is no population to be maximal in yet).
/// <para>Runs in the account stage's single thread, in file order, so it is deterministic; batch, streaming and the
/// gateway tap call the same <see cref="Judge"/>.</para>
/// </summary>
public sealed class BudgetPopulation
{
    /// <summary>The quantile of the population's budgets taken as its ceiling.</summary>
    public const double Quantile = 0.99;
    /// <summary>Exchanges of one account that feed the population.</summary>
    public const int PerAccount = 20;
    /// <summary>Contributions a population needs before its ceiling is used: a 99th percentile read off fewer than 200
    /// values is the largest of a handful (at 20 per account, at least ten accounts).</summary>
    public const int MinSample = 200;

    private sealed class Histogram
    {
        public readonly int[] Counts = new int[64];
        public int Total;
        private int _ceiling, _at = -1;

        public void Add(int bin)
        {
            Counts[Math.Min(bin, 63)]++;
            Total++;
        }

        /// <summary>The quantile bin, recomputed when the sample has grown by an eighth since the last time.</summary>
        public int Ceiling()
        {
            if (Total < MinSample) return 0;
            if (_at >= 0 && Total < _at + _at / 8) return _ceiling;
            int need = (int)Math.Ceiling(Quantile * Total), run = 0;
            for (int b = 0; b < Counts.Length; b++)
            {
                run += Counts[b];
                if (run >= need) { _ceiling = b; break; }
            }
            _at = Total;
            return _ceiling;
        }
    }

    private readonly Dictionary<string, (Histogram Output, Histogram Thinking)> _byModel = new(StringComparer.Ordinal);
    private readonly bool _off;

    /// <param name="off">Call no budget maximal (ablation of the <c>budgets</c> evidence family).</param>
    public BudgetPopulation(bool off = false) => _off = off;
    private readonly Histogram _output = new(), _thinking = new();

    /// <summary>Sets or clears the two budget signals of <paramref name="f"/>; <paramref name="accountExchanges"/> is how
    /// many exchanges of its account came before it.</summary>
    public void Judge(ExchangeFeatures f, int accountExchanges)
    {
        if (_off) { f.Signals &= ~(SignalSet.MaxOutputBudget | SignalSet.MaxThinkingBudget); return; }
        int ob = BudgetScale.Bin(f.MaxTokens), tb = BudgetScale.Bin(f.ThinkingBudget);
        var model = f.Model ?? "";
        if (!_byModel.TryGetValue(model, out var h))
        {
            h = (new Histogram(), new Histogram());
            _byModel.Add(model, h);
        }
        if (accountExchanges < PerAccount)
        {
            if (ob > 0) { h.Output.Add(ob); _output.Add(ob); }
            if (tb > 0) { h.Thinking.Add(tb); _thinking.Add(tb); }
        }
        var s = f.Signals & ~(SignalSet.MaxOutputBudget | SignalSet.MaxThinkingBudget);
        if (ob > 0 && Maximal(ob, h.Output, _output)) s |= SignalSet.MaxOutputBudget;
        if (tb > 0 && Maximal(tb, h.Thinking, _thinking)) s |= SignalSet.MaxThinkingBudget;
        f.Signals = s;
    }

    private static bool Maximal(int bin, Histogram model, Histogram all)
    {
        int c = model.Ceiling();
        if (c == 0) c = all.Ceiling();
        return c > 0 && bin >= c - BudgetScale.NearBins;
    }
}
