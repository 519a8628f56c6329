using DistillGuard.Core.Campaigns;

namespace DistillGuard.Core.Tests.Campaigns;

/// <summary>
/// One exit, one operation, for the pieces a split turned down (<see cref="CampaignAssembler.PieceJoins"/>): a finding that
/// was not accepted goes with the accepted finding whose exact addresses — each held by at least two of its flagged members
/// and mostly by the two findings' accounts — carry at least half of the piece's members. The red team's adaptive 22
/// published a transfer station's 28 accounts as 16, the other 10 a piece at score 0 on the same 12 addresses.
/// </summary>
public sealed class PieceJoinTests
{
    private static int _next;

    /// <summary>An address with <paramref name="holders"/> holders, flagged members per accepted finding and members per piece.</summary>
    private static (int, IReadOnlyDictionary<int, int>, IReadOnlyDictionary<int, List<int>>) Exit(int holders, (int Finding, int Flagged)[] findings,
        params (int Piece, int Members)[] pieces)
        => (holders, findings.ToDictionary(f => f.Finding, f => f.Flagged),
            pieces.ToDictionary(p => p.Piece, p => Enumerable.Range(0, p.Members).Select(_ => Interlocked.Increment(ref _next)).ToList()));

    [Fact]
    public void APieceOnTheStationsOwnAddresses_GoesWithTheStation()
    {
        // the station: 16 flagged on three addresses of its own; the piece's 10 members on the same three
        var exits = new[] { Exit(11, [(0, 6)], (0, 5)), Exit(10, [(0, 7)], (0, 3)), Exit(5, [(0, 3)], (0, 2)) };
        Assert.Equal([0], CampaignAssembler.PieceJoins([10], exits));
    }

    [Fact]
    public void AnAddressMostlyHeldByOthers_JoinsNothing()
    {
        // the same accounts on a campus NAT or a cloud egress that 80 accounts hold, most of them in neither finding
        var exits = new[] { Exit(80, [(0, 6)], (0, 5)), Exit(80, [(0, 7)], (0, 5)) };
        Assert.Equal([-1], CampaignAssembler.PieceJoins([10], exits));
    }

    [Fact]
    public void APieceMostlyElsewhere_IsNotJoined()
    {
        // 3 of the piece's 12 members share the station's address; the other 9 are on none of its addresses
        var exits = new[] { Exit(9, [(0, 6)], (0, 3)) };
        Assert.Equal([-1], CampaignAssembler.PieceJoins([12], exits));
    }

    [Fact]
    public void OneFlaggedAccountOnTheAddress_IsNotAnExitOfTheFinding()
    {
        var exits = new[] { Exit(6, [(0, 1)], (0, 5)) };
        Assert.Equal([-1], CampaignAssembler.PieceJoins([5], exits));
    }

    [Fact]
    public void APieceOnTwoFindingsAddresses_GoesWithTheOneHoldingMostOfIt()
    {
        var exits = new[] { Exit(8, [(0, 4)], (0, 2)), Exit(10, [(1, 4)], (0, 5)), Exit(7, [(1, 3)], (0, 2)) };
        Assert.Equal([1], CampaignAssembler.PieceJoins([8], exits));
    }
}
