namespace DistillGuard.Core.Scoring;

/// <summary>
/// Harvest judged on a group against the population of the same log, not on any one account. A hydra spreads its
/// collection so thinly that each account looks like a customer who once asked for step-by-step reasoning; what gives
/// it away is that most of the accounts sharing its card, its addresses or its sign-up hours did so, where in the log
/// as a whole only a minority of accounts ever did. The statistic is the share of the group's accounts with at least
/// one harvest request against the share among all the log's accounts (the base rate, <c>p0</c>):
/// <c>lift = (share − p0) / (1 − p0)</c> — 0 at the base rate, 1 when every account harvests — counted only as far as
/// the excess is statistically clear: the binomial z-score of the group's count under the base rate is ramped from 3
/// (nothing) to 6 (all of it). Three and six standard deviations are conventions of significance, not fitted values.
/// A corporate card's employees, a campus NAT's students or an agent platform's users harvest at about the base rate
/// and get nothing, however many they are; five accounts on one card of which four harvest, where one account in
/// five does in the log, already count.
/// </summary>
public static class HarvestLift
{
    /// <summary>z-score at which an excess starts to count, and at which it counts fully.</summary>
    public const double ZFrom = 3, ZFull = 6;

    /// <param name="harvesting">Group accounts with at least one harvest request.</param>
    /// <param name="members">Group accounts.</param>
    /// <param name="baseRate">Share of the log's accounts with at least one harvest request.</param>
    public static double Of(int harvesting, int members, double baseRate)
    {
        if (members < 2 || harvesting <= 0 || baseRate <= 0 || baseRate >= 1) return 0;
        double share = (double)harvesting / members;
        double excess = (share - baseRate) / (1 - baseRate);
        if (excess <= 0) return 0;
        double z = (harvesting - members * baseRate) / Math.Sqrt(members * baseRate * (1 - baseRate));
        return excess * Math.Clamp((z - ZFrom) / (ZFull - ZFrom), 0, 1);
    }
}
