using DistillGuard.Core.Campaigns;

namespace DistillGuard.Core.Tests.Campaigns;

/// <summary>
/// One harness, one campaign (<see cref="CampaignAssembler.HarnessJoins"/>): published findings that run the same harness
/// of their own — the system prompts and templates most of each one's flagged members run, mostly held in the log by
/// flagged members — are one operation. Random 4001 published a tool-use operation on a prompt of its own as ten campaigns.
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
    public void AnOperationThatBorrowedATemplate_StaysApart_ForTheTemplateOfItsOwn()
    {
        // finding 1 runs finding 0's template on most of its accounts, and a template of its own that finding 0 does not
        // run; finding 2 is a piece of finding 0
        var root = CampaignAssembler.HarnessJoins([30, 25, 12],
            [Value(70, (0, 30), (1, 20), (2, 12)), Value(26, (1, 25))]);
        Assert.Equal([0, 1, 0], root);
    }
}
