using System.Globalization;
using DistillGuard.Core.Model;
using DistillGuard.Core.Profiles;

namespace DistillGuard.Core.Scoring;

/// <summary>
/// Harvest evidence that does not depend on wording: an account that asks, most of the time, for output or thinking
/// budgets at the log's ceiling for its model (the <c>max-output</c> / <c>max-thinking</c> signals, judged against the
/// population by <see cref="Signals.BudgetPopulation"/>), more so when it runs round the clock and on one narrow
/// capability. A harvester maximises what each response yields whatever it asks and in whatever words.
/// <para>
/// This evidence never makes a campaign by itself: a researcher at maximal budgets or an agent framework that sets the
/// model's maximum by default has it too. It stands in for content harvest only where accounts are also tied by
/// identity and act as one (<see cref="Campaigns.CampaignAssembler"/>).
/// </para>
/// </summary>
public sealed class ExtractionEvidence
{
    /// <summary>Fewest exchanges for an hour-of-day shape to mean anything (two an hour on average).</summary>
    public const int MinExchangesForRhythm = 48;

    private static readonly int MaxOutput = System.Numerics.BitOperations.TrailingZeroCount((uint)SignalSet.MaxOutputBudget);
    private static readonly int MaxThinking = System.Numerics.BitOperations.TrailingZeroCount((uint)SignalSet.MaxThinkingBudget);

    private readonly Facts[] _facts;

    /// <summary>What was measured for one account.</summary>
    public readonly record struct Facts(int AtCeiling, double Share, int Signal, int HoursCovered, double RoundTheClock, double Concentration, int TopCapability,
        double Score);

    private ExtractionEvidence(Facts[] facts) => _facts = facts;

    /// <summary>Wording-free harvest evidence of account <paramref name="index"/>, in [0, 1].</summary>
    public double Of(int index) => _facts[index].Score;

    public Facts Of(AccountProfile p) => _facts[p.Index];

    public static ExtractionEvidence Measure(IReadOnlyList<AccountProfile> profiles)
    {
        var facts = new Facts[profiles.Count];
        for (int i = 0; i < profiles.Count; i++) facts[i] = Measure(profiles[i]);
        return new ExtractionEvidence(facts);
    }

    public static Facts Measure(AccountProfile p)
    {
        if (p.Exchanges == 0) return default;
        int output = p.SignalCount(MaxOutput), thinking = p.SignalCount(MaxThinking);
        int near = Math.Max(output, thinking);
        if (near == 0) return default;
        double share = (double)near / p.Exchanges;

        // Round the clock: a person's day has quiet hours; a harness served round-robin has none. Hours "covered" hold
        // at least a quarter of the account's mean hourly volume.
        int covered = 0;
        double rc = 0;
        if (p.Exchanges >= MinExchangesForRhythm)
        {
            double floor = 0.25 * p.Exchanges / 24.0;
            foreach (var h in p.Hours) if (h >= floor) covered++;
            rc = Math.Clamp((covered - 18) / 5.0, 0, 1);   // 18 or fewer covered hours: a human day; 23–24: none quiet
        }

        // One narrow capability: the share of its exchanges that exercise its top capability (an exchange may exercise
        // several), 0.5 → 0, 0.9 → 1.
        var caps = p.Capabilities;
        int topCap = -1;
        for (int c = 0; c < caps.Length; c++)
            if (topCap < 0 || caps[c] > caps[topCap]) topCap = c;
        double conc = topCap < 0 || caps[topCap] == 0 ? 0 : Math.Clamp(((double)caps[topCap] / p.Exchanges - 0.5) / 0.4, 0, 1);

        double budget = (1 - Math.Exp(-near / 8.0)) * Math.Min(1, share / 0.5);
        double score = budget * (0.6 + 0.2 * rc + 0.2 * conc);
        return new Facts(near, share, output >= thinking ? MaxOutput : MaxThinking, covered, rc, conc, topCap, score);
    }

    /// <summary>A one-line account of the evidence, for reasons.</summary>
    public static string Describe(Facts f, int exchanges)
    {
        var ic = CultureInfo.InvariantCulture;
        var what = f.Signal == MaxOutput ? "an output budget" : "a thinking budget";
        var parts = new List<string>
        {
            $"{f.AtCeiling.ToString("N0", ic)} of {exchanges.ToString("N0", ic)} exchanges ({f.Share.ToString("P0", ic)}) ask {what} at the log's ceiling for their model (the 99th percentile of what its accounts ask)",
        };
        if (f.RoundTheClock > 0) parts.Add($"active in {f.HoursCovered} of 24 hours of the day");
        if (f.Concentration > 0 && f.TopCapability >= 0) parts.Add($"concentrated on {HarvestSignals.CapabilityNames[f.TopCapability]}");
        return string.Join("; ", parts);
    }
}
