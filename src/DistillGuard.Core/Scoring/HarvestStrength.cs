using DistillGuard.Core.Profiles;

namespace DistillGuard.Core.Scoring;

/// <summary>How strongly an account's own exchanges look like harvest, in [0, 1]. Count-based first (a camouflaged
/// account with 30 % harvest among relayed traffic still scores high), tempered by share.</summary>
public static class HarvestStrength
{
    public static double Of(AccountProfile p)
    {
        if (p.Exchanges == 0) return 0;
        double weighted = 0;
        for (int i = 0; i < HarvestSignals.Count; i++) weighted += HarvestSignals.Weights[i] * p.SignalCount(i);
        weighted = Math.Min(weighted, 1.5 * p.Exchanges);
        double countPart = 1 - Math.Exp(-weighted / 20.0);
        double share = Math.Min(1, p.HarvestShare / 0.25);
        return countPart * (0.15 + 0.85 * share);
    }

    /// <summary>Harvest strength of an account's exchanges on one key from (exchanges on key, harvest exchanges on key).</summary>
    public static double OnKey(int count, int harvest)
    {
        if (count <= 0 || harvest <= 0) return 0;
        double share = (double)Math.Min(harvest, count) / count;
        return Math.Min(1, share / 0.6) * (1 - Math.Exp(-harvest / 5.0));
    }

    /// <summary>
    /// Harvest evidence of a few exchanges once an account is already tied to a campaign by identity: the share of
    /// harvest exchanges shrunk toward zero by two pseudo-exchanges (1 of 1 → 0.33, 5 of 5 → 0.71, 3 of 10 → 0.25),
    /// or the count-based strength when larger. A replacement account that made five requests, all harvest, is not
    /// "weak harvest" — it is a small sample.
    /// </summary>
    public static double SmallSample(int count, int harvest)
    {
        if (count <= 0 || harvest <= 0) return 0;
        return Math.Max(OnKey(count, harvest), (double)Math.Min(harvest, count) / (count + 2));
    }

    /// <summary>Account-level harvest evidence: the larger of <see cref="Of"/> and <see cref="SmallSample"/>.</summary>
    /// <remarks>When the harvest egresses apart from the account's own networks (<see cref="AccountProfile.HarvestEgressApart"/>),
    /// the rest of its traffic is not the harvester's to dilute with: a bought account keeps its former owner's history.
    /// Its harvest then counts as a small sample of its own (2 requests → 0.4, 5 → 0.63).</remarks>
    public static double Evidence(AccountProfile p)
    {
        double e = Math.Max(Of(p), SmallSample(p.Exchanges, p.HarvestExchanges));
        if (p.HarvestExchanges > 0 && p.HarvestEgressApart()) e = Math.Max(e, p.HarvestExchanges / (p.HarvestExchanges + 3.0));
        return e;
    }
}
