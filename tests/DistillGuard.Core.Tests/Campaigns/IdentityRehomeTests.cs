using DistillGuard.Core.Campaigns;

namespace DistillGuard.Core.Tests.Campaigns;

/// <summary>
/// One account, the operator it belongs to (<see cref="CampaignAssembler.IdentityHome"/>, <see cref="CampaignAssembler.TiesTo"/>):
/// a flagged member whose card, address, small domain or replayed artifact is mostly held by another finding's flagged
/// members, and none by its own finding's, goes to that finding — unless its harness (system prompt, parameter vector)
/// is its own finding's more than that one's. Tied to two others alike, or to none, it stays.
/// </summary>
public sealed class IdentityRehomeTests
{
    private static IReadOnlyDictionary<int, int> Ties(params (int Finding, int Values)[] t) => t.ToDictionary(x => x.Finding, x => x.Values);

    [Fact]
    public void ACardHeldByAnotherFindingsMembers_TiesTheAccountToIt()
    {
        // the card's other 7 holders: 6 flagged members of the other finding
        Assert.True(CampaignAssembler.TiesTo(6, 7, personal: true));
        // a card two accounts share
        Assert.True(CampaignAssembler.TiesTo(1, 1, personal: true));
    }

    [Fact]
    public void AValueMostlyHeldByAccountsNoFindingFlags_OrByOneOtherAccount_TiesToNothing()
    {
        // an address 2 flagged members of a finding share with 9 customers
        Assert.False(CampaignAssembler.TiesTo(2, 11, personal: false));
        // a domain, or a residential exit, two accounts of two findings happen to share
        Assert.False(CampaignAssembler.TiesTo(1, 1, personal: false));
        Assert.True(CampaignAssembler.TiesTo(2, 3, personal: false));
    }

    [Fact]
    public void AnAccountTiedOnlyToAnotherFinding_GoesThere()
    {
        Assert.Equal(3, CampaignAssembler.IdentityHome(own: 0, Ties((3, 1)), null));
        Assert.Equal(2, CampaignAssembler.IdentityHome(own: 0, Ties((2, 2), (3, 1)), Ties((2, 1))));
    }

    [Fact]
    public void AnAccountTiedToItsOwnFindingToo_Stays()
    {
        // its card is another finding's, its address its own finding's
        Assert.Equal(-1, CampaignAssembler.IdentityHome(own: 0, Ties((0, 1), (3, 2)), null));
    }

    [Fact]
    public void AnAccountOnItsOwnFindingsHarness_Stays()
    {
        // a domain it shares with another operation's accounts, but its finding's parameter vector and system prompt
        Assert.Equal(-1, CampaignAssembler.IdentityHome(own: 0, Ties((3, 1)), Ties((0, 2))));
        Assert.Equal(3, CampaignAssembler.IdentityHome(own: 0, Ties((3, 1)), Ties((0, 1), (3, 1))));
    }

    [Fact]
    public void AnAccountTiedToTwoOthersAlike_OrToNone_Stays()
    {
        Assert.Equal(-1, CampaignAssembler.IdentityHome(own: 0, Ties((2, 1), (3, 1)), null));
        Assert.Equal(-1, CampaignAssembler.IdentityHome(own: 0, Ties(), null));
    }
}
