using DistillGuard.Core.Campaigns;

namespace DistillGuard.Core.Tests.Campaigns;

/// <summary>
/// One exit, one operation (<see cref="CampaignAssembler.ExitJoins"/>): published findings that egress from the same exact
/// addresses, each mostly held by their flagged members, are pieces of one operation when those addresses carry most of the
/// smaller finding's flagged members, unless each runs a harness of its own the other never runs. Read with the log alone,
/// random 10203 published one transfer station fifteen times, its pieces on addresses whose other holders were in the largest.
/// </summary>
public sealed class ExitJoinTests
{
    private static int _next;

    /// <summary>An address with <paramref name="holders"/> holders in the log and the given flagged members per finding.</summary>
    private static (int, IReadOnlyDictionary<int, List<int>>) Exit(int holders, params (int Finding, int Members)[] on)
        => (holders, on.ToDictionary(o => o.Finding, o => Enumerable.Range(0, o.Members).Select(_ => Interlocked.Increment(ref _next)).ToList()));

    private static (int, IReadOnlyDictionary<int, int>) Value(int holders, params (int Finding, int Held)[] held)
        => (holders, held.ToDictionary(h => h.Finding, h => h.Held));

    [Fact]
    public void PiecesOnTheirOperationsAddresses_AreOne()
    {
        // a ring of 120 flagged accounts and two pieces of 7 and 5, each piece on an address whose other holders are the ring's
        var root = CampaignAssembler.ExitJoins([120, 7, 5], [Exit(8, (0, 4), (1, 4)), Exit(9, (0, 4), (2, 5))], []);
        Assert.Equal([0, 0, 0], root);
    }

    [Fact]
    public void AnAddressMostlyHeldByOthers_JoinsNothing()
    {
        // the same findings on a NAT or a popular egress that 60 accounts hold, most of them nobody flagged
        var root = CampaignAssembler.ExitJoins([120, 7, 5], [Exit(60, (0, 4), (1, 4)), Exit(60, (0, 4), (2, 5))], []);
        Assert.Equal([0, 1, 2], root);
    }

    [Fact]
    public void AFindingThatDrewAFewOfAnothersAccounts_IsNotJoined()
    {
        // finding 1 (40 flagged) holds 3 accounts on finding 0's address: a few stragglers, not a piece of finding 0
        var root = CampaignAssembler.ExitJoins([30, 40], [Exit(12, (0, 9), (1, 3))], []);
        Assert.Equal([0, 1], root);
    }

    [Fact]
    public void OneAccountOnTheAddress_IsNotEnough()
    {
        var root = CampaignAssembler.ExitJoins([30, 3], [Exit(5, (0, 4), (1, 1))], []);
        Assert.Equal([0, 1], root);
    }

    [Fact]
    public void TwoOperationsEachWithAHarnessOfItsOwn_StayApart()
    {
        // the two findings share addresses, but each runs a template of its own that none of the other's accounts run
        var root = CampaignAssembler.ExitJoins([30, 12], [Exit(10, (0, 4), (1, 6)), Exit(8, (0, 2), (1, 5))],
            [Value(34, (0, 30)), Value(14, (1, 12))]);
        Assert.Equal([0, 1], root);
    }

    [Fact]
    public void APieceWithoutAHarnessOfItsOwn_JoinsTheOperationThatHasOne()
    {
        // the ring runs a template of its own; the piece (accounts that only relay or replay) runs none: it is not another
        // operation for lacking the template
        var root = CampaignAssembler.ExitJoins([30, 6], [Exit(10, (0, 4), (1, 6))], [Value(34, (0, 30))]);
        Assert.Equal([0, 0], root);
    }
}
