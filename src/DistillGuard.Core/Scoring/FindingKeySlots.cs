using DistillGuard.Core.Campaigns;

namespace DistillGuard.Core.Scoring;

/// <summary>
/// For each member of a finding, the finding's keys it holds (position in <see cref="CampaignFinding.Keys"/>, in that
/// order) and its position in each key's members: what searching every key's member list for the account gives, built
/// once per finding instead of once per member (a large campaign's members each searched keys thousands of accounts
/// hold). A key group lists an account once.
/// </summary>
internal sealed class FindingKeySlots
{
    private static readonly List<(int Key, int Slot)> None = new();
    private readonly Dictionary<CampaignFinding, Dictionary<int, List<(int Key, int Slot)>>> _byFinding = new(ReferenceEqualityComparer.Instance);

    public List<(int Key, int Slot)> Of(CampaignFinding f, int account)
    {
        if (!_byFinding.TryGetValue(f, out var slots))
        {
            slots = new Dictionary<int, List<(int, int)>>();
            var members = new HashSet<int>(f.Members);
            for (int k = 0; k < f.Keys.Count; k++)
            {
                var key = f.Keys[k].Key;
                for (int i = 0; i < key.Members.Count; i++)
                {
                    int m = key.Members[i];
                    if (!members.Contains(m)) continue;
                    if (!slots.TryGetValue(m, out var list)) slots[m] = list = new List<(int, int)>();
                    if (list.Count == 0 || list[^1].Item1 != k) list.Add((k, i));   // the first position, as a search finds
                }
            }
            _byFinding[f] = slots;
        }
        return slots.TryGetValue(account, out var mine) ? mine : None;
    }
}
