using DistillGuard.Core.Verdicts;

namespace DistillGuard.Core.Scoring;

/// <summary>
/// What <see cref="AccountScorer"/> built for each account at the last snapshot, kept for the next one
/// (<see cref="Analysis.AnalysisEngine.Snapshot"/>): a profile changes only by adding exchanges, so an account whose
/// exchange count is the same has the same signal counts, example ids and rhythm, and what is computed from the profile
/// alone — its example exchange ids, its signal reasons, and, for an account in no accepted campaign, its whole verdict
/// when the few other inputs of that verdict are also the same — is taken back instead of formatted again. The objects
/// handed out are never changed afterwards (records and lists nobody writes to), so two snapshots may share them.
/// </summary>
public sealed class VerdictCache
{
    /// <summary>Everything a verdict outside an accepted campaign is computed from besides the profile (whose version
    /// is its exchange count) and the detector options: allowlisting, the rejected group it belongs to (its size and
    /// confidence, as its reason names them) and the account's operator evidence and its description.</summary>
    internal readonly record struct Key(int Exchanges, bool Allowlisted, int RejectedMembers, double RejectedScore, double OperatorEvidence, string? OperatorDetail);

    internal sealed class Entry
    {
        public int Exchanges = -1;
        public List<string>? Ids;
        public List<Reason>? SignalReasons;     // the per-signal reasons, in signal order
        public Reason? Budget;                  // budget-at-ceiling, or null
        public bool BudgetKnown;
        public Key VerdictKey;
        public AccountVerdict? Verdict;
    }

    private Entry[] _entries = [];

    /// <summary>The entry of account <paramref name="index"/>, emptied when the account has changed since it was filled.</summary>
    internal Entry Of(int index, int exchanges)
    {
        if (index >= _entries.Length) Array.Resize(ref _entries, Math.Max(index + 1, _entries.Length * 2));
        var e = _entries[index] ??= new Entry();
        if (e.Exchanges != exchanges)
        {
            e.Exchanges = exchanges;
            e.Ids = null;
            e.SignalReasons = null;
            e.Budget = null;
            e.BudgetKnown = false;
            e.Verdict = null;
        }
        return e;
    }
}
