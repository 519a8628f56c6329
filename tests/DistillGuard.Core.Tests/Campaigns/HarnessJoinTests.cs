using DistillGuard.Core.Campaigns;

namespace DistillGuard.Core.Tests.Campaigns;

/// <summary>
/// One harness, one campaign (<see cref="CampaignAssembler.HarnessJoins"/>): published findings whose flagged members each
/// mostly run one system prompt or template that is theirs — most of its holders in the log are flagged by
/// them — are one operation. Random 4001 published a tool-use operation on a prompt of its own as ten campaigns.
/// </summary>
public sealed class HarnessJoinTests
{
    private static (int, IReadOnlyDictionary<int, int>) Value(int holders, params (int Finding, int Held)[] held)
        => (holders, held.ToDictionary(h => h.Finding, h => h.Held));

    [Fact]
    public void PiecesOnAPromptOfTheirOwn_AreOne()
    {
        // three pieces of 31, 20 and 14 flagged accounts, all on a prompt 70 accounts hold
        var root = CampaignAssembler.HarnessJoins([31, 20, 14], [Value(70, (0, 31), (1, 20), (2, 14))]);
        Assert.Equal([0, 0, 0], root);
    }

    [Fact]
    public void APublicPrompt_JoinsNothing()
    {
        // the same pieces on an agent platform's prompt that 400 accounts hold: most holders are customers nobody flagged
        var root = CampaignAssembler.HarnessJoins([31, 20, 14], [Value(400, (0, 31), (1, 20), (2, 14))]);
        Assert.Equal([0, 1, 2], root);
    }

    [Fact]
    public void AFindingThatHoldsTheValueWithAFewOfItsAccounts_IsNotJoined()
    {
        // finding 1 is another operation with 5 of its 40 flagged accounts on the first one's template
        var root = CampaignAssembler.HarnessJoins([31, 40, 14], [Value(52, (0, 31), (1, 5), (2, 14))]);
        Assert.Equal([0, 1, 0], root);
    }

    [Fact]
    public void JoinsAreTransitive_AcrossValues()
    {
        // pieces 0 and 1 share a prompt, 1 and 2 a template; 3 stands apart
        var root = CampaignAssembler.HarnessJoins([10, 12, 8, 9],
            [Value(24, (0, 10), (1, 12)), Value(22, (1, 11), (2, 8)), Value(30, (3, 9))]);
        Assert.Equal([0, 0, 0, 3], root);
    }
}
