namespace DistillGuard.Core.Profiles;

/// <summary>
/// Request budgets (output tokens, thinking tokens) on a half-octave scale: bin = ⌊2·log₂ budget⌋, so two budgets a
/// factor √2 apart are one bin apart. What is "maximal" is never a constant here: it is read off the population of the
/// log being analysed (<see cref="Signals.BudgetPopulation"/>), per model, because each model and API has its own
/// ceiling and each population its own habits.
/// </summary>
public static class BudgetScale
{
    /// <summary>Bins within which a budget is "near" a ceiling: one half-octave below the ceiling's bin, i.e. within a
    /// factor √2–2 of it (64,000 is near a 65,536 ceiling; 32,000 is not).</summary>
    public const int NearBins = 1;

    /// <summary>The half-octave bin of a budget, 0 when none was set (budget ≤ 0).</summary>
    public static int Bin(int budget)
    {
        if (budget <= 0) return 0;
        int k = System.Numerics.BitOperations.Log2((uint)budget);
        return Math.Max(1, 2 * k + ((long)budget * budget >= 1L << (2 * k + 1) ? 1 : 0));
    }
}
