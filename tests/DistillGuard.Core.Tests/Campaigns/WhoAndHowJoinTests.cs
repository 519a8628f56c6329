using DistillGuard.Core.Campaigns;

namespace DistillGuard.Core.Tests.Campaigns;

/// <summary>
/// Who and how, one campaign (<see cref="CampaignAssembler.WhoAndHowPairs"/>): two accepted findings are joined when one
/// harness value (a system prompt, a parameter vector) is held by at least half the flagged members of each, and values
/// that say who runs them (cards, small domains, addresses) that both hold cover at least half the smaller one's flagged
/// members and two of the larger's; the most strongly tied first. A few of another operation's accounts inside a finding
/// hold that operation's harness and card, but the finding as a whole runs neither.
/// </summary>
public sealed class WhoAndHowJoinTests
{
    private static IReadOnlyDictionary<int, int> On(params (int Finding, int Flagged)[] held) => held.ToDictionary(h => h.Finding, h => h.Flagged);

    private static Func<int, int, (int, int)> Who(params (int Small, int Large, int OnSmall, int OnLarge)[] ties)
        => (s, l) => ties.Where(t => t.Small == s && t.Large == l).Select(t => (t.OnSmall, t.OnLarge)).FirstOrDefault();

    [Fact]
    public void PiecesOnOneVectorAndTheirOwnAddresses_AreJoined()
    {
        // a piece of 6 flagged beside a finding of 40, both all on one vector; 4 of the piece's members share addresses
        // with 5 of the finding's
        var how = new[] { On((0, 38), (1, 6)) };
        Assert.Equal([(0, 1, 4)], CampaignAssembler.WhoAndHowPairs([40, 6], how, Who((1, 0, 4, 5))));
    }

    [Fact]
    public void AFewStraysCarryingAnotherOperationsVectorAndCard_JoinNothing()
    {
        // finding 0 (74 flagged) holds two of finding 1's accounts: they send its vector and pay with its card
        var how = new[] { On((0, 2), (1, 49)) };
        Assert.Empty(CampaignAssembler.WhoAndHowPairs([74, 53], how, Who((1, 0, 51, 2))));
    }

    [Fact]
    public void OneHarnessWithoutWhoRunsIt_JoinsNothing()
    {
        // two sweeps on one popular vector, no card, domain or address in common
        var how = new[] { On((0, 30), (1, 20)) };
        Assert.Empty(CampaignAssembler.WhoAndHowPairs([40, 25], how, Who()));
    }

    [Fact]
    public void WhoTiesOnAFewOfTheSmallerPiece_JoinNothing()
    {
        // 2 of the piece's 10 flagged share a card with the finding
        var how = new[] { On((0, 38), (1, 10)) };
        Assert.Empty(CampaignAssembler.WhoAndHowPairs([40, 10], how, Who((1, 0, 2, 3))));
    }

    [Fact]
    public void PairsComeMostStronglyTiedFirst()
    {
        var how = new[] { On((0, 40), (1, 3), (2, 8)) };
        var pairs = CampaignAssembler.WhoAndHowPairs([40, 3, 8], how, Who((1, 0, 2, 4), (2, 0, 6, 6), (1, 2, 3, 2)));
        Assert.Equal([(0, 2, 6), (1, 2, 3), (0, 1, 2)], pairs);
    }
}
