using DistillGuard.Core.Links;

namespace DistillGuard.Core.Campaigns;

/// <summary>A group of accounts the clusterer found, before it is published as a <see cref="Campaign"/>: its members,
/// the keys that bind them and how strongly, and its confidence.</summary>
public sealed class CampaignFinding
{
    /// <summary>Profile indexes, ascending.</summary>
    public required List<int> Members { get; init; }
    /// <summary>Keys binding the block with the summed edge weight from members, largest first.</summary>
    public required List<(KeyGroup Key, double Contribution, int MembersOnKey)> Keys { get; init; }
    public required double Density { get; init; }
    public required Coordination Coordination { get; init; }
    public required int Families { get; init; }
    public required double HarvestFraction { get; init; }
    public required double Score { get; init; }
    /// <summary>Per member (parallel to <see cref="Members"/>): involvement in the block's keys relative to the median member, 0–1.</summary>
    public required double[] Strength { get; init; }
    /// <summary>Per member: bound to the group by at least two independent families of evidence (or by replayed artifacts).</summary>
    public required bool[] Corroborated { get; init; }
    /// <summary>Per member: harvest on the block's keys (or overall), 0–1.</summary>
    public required double[] MemberHarvest { get; init; }
    /// <summary>Per member: the operator's identity key that makes it the operation's account whatever it asked, or null —
    /// a card it pays with, or an address it runs from or a small e-mail domain it signed up with (for a member
    /// corroborated by the group's keys), most of whose holders are the group's corroborated harvesting members.</summary>
    public KeyGroup?[] OperatorKey { get; init; } = Array.Empty<KeyGroup?>();
    /// <summary>Per member: its operator key is an address it was adopted on with the client the finding's flagged accounts run
    /// there (<c>CampaignAssembler.AdoptByExitAndClient</c>), not a value of the finding's corroborated harvesting members.</summary>
    public bool[] ExitAndClient { get; init; } = Array.Empty<bool>();
    /// <summary>Whether the member at <paramref name="pos"/> is flagged by its own standing (involvement, harvest on the
    /// block's keys, corroboration), not through an operator key.</summary>
    public bool OwnStanding(int pos, double minMemberStrength)
        => Strength[pos] >= minMemberStrength && MemberHarvest[pos] >= CampaignAssembler.MemberHarvestForCampaign && Corroborated[pos];
    /// <summary>Whether the member at <paramref name="pos"/> gets the campaign verdict from this finding: the finding is
    /// accepted and the member stands on its own (<see cref="OwnStanding"/>) or through an operator key.</summary>
    public bool Flags(int pos, double minMemberStrength)
        => Accepted && (OwnStanding(pos, minMemberStrength) || (pos < OperatorKey.Length && OperatorKey[pos] is not null));
    public string Id { get; set; } = "";
    public bool Accepted { get; set; }
}
