using DistillGuard.Core.Campaigns;

namespace DistillGuard.Core.Tests.Campaigns;

/// <summary>
/// One campaign, one target (<see cref="CampaignAssembler.TargetParts"/>): members whose harvest is aimed at different
/// capabilities are separate operations even when something popular binds them. The blind red team's evasive mix: a
/// chain-of-thought sweep, a pairwise-grading farm and a station, each on bought accounts with a card of its own and
/// rotating residential exits, were published as one campaign of 169 accounts through a prompting skeleton and the
/// rotation itself. Capabilities, in <c>HarvestSignals.CapabilityNames</c> order: reasoning, coding, math, agentic-tool-use,
/// data-analysis, writing, reward-grading, safety-rewrites, knowledge, translation, conversation.
/// </summary>
public sealed class TargetSplitTests
{
    private const int Reasoning = 0, Coding = 1, Math_ = 2, Agentic = 3, Grading = 6, Knowledge = 8, Conversation = 10;

    private static int[] Mix(params (int Cap, int Count)[] counts)
    {
        var m = new int[11];
        foreach (var (c, n) in counts) m[c] += n;
        return m;
    }

    /// <summary>Counts drawn from one mix per exchange (deterministic).</summary>
    private static int[] Draw(Random r, int exchanges, params (int Cap, double P)[] mix)
    {
        var m = new int[11];
        for (int e = 0; e < exchanges; e++)
        {
            double u = r.NextDouble(), acc = 0;
            foreach (var (c, p) in mix)
            {
                acc += p;
                if (u < acc) { m[c]++; break; }
            }
        }
        return m;
    }

    [Fact]
    public void ASweepAndAGradingFarm_OnOneBenchmarksDomains_AreTwoParts()
    {
        // the red team's evasive 1, as measured: the sweep's members on reasoning with math and knowledge, the farm's on
        // grading with the same knowledge items
        var mixes = new List<int[]>();
        for (int i = 0; i < 30; i++) mixes.Add(Mix((Reasoning, 25), (Math_, 11), (Knowledge, 15), (Conversation, 1)));
        for (int i = 0; i < 12; i++) mixes.Add(Mix((Grading, 12), (Knowledge, 4), (Reasoning, 2), (Math_, 1)));
        var parts = CampaignAssembler.TargetParts(mixes, minPart: 3);
        Assert.NotNull(parts);
        Assert.Equal(2, parts.Distinct().Count());
        Assert.All(parts.Take(30), p => Assert.Equal(parts[0], p));
        Assert.All(parts.Skip(30), p => Assert.NotEqual(parts[0], p));
    }

    [Theory]
    [InlineData(0.5, 5)]
    [InlineData(0.7, 5)]
    [InlineData(0.8, 6)]
    [InlineData(0.7, 20)]
    public void OneOperationDrawingEachRequestFromOneMix_IsOnePart(double cot, int perMember)
    {
        // every member mixes chain-of-thought and grading in the operation's proportions; by chance some members ask
        // more grading than reasoning
        var r = new Random(11);
        var mixes = Enumerable.Range(0, 80).Select(_ => Draw(r, perMember, (Reasoning, cot), (Grading, 1 - cot))).ToList();
        Assert.Null(CampaignAssembler.TargetParts(mixes, minPart: 4));
    }

    [Fact]
    public void RequestsThatEachExerciseTwoCapabilities_AreOnePart()
    {
        // agentic coding: every request is both tool use and code; which one a member's counts put on top is chance
        var mixes = new List<int[]>();
        for (int i = 0; i < 20; i++) mixes.Add(Mix((Agentic, 12 + i % 3), (Coding, 13)));
        Assert.Null(CampaignAssembler.TargetParts(mixes, minPart: 3));
    }

    [Fact]
    public void APartUnderTheFloor_JoinsTheMostAlikePart()
    {
        // two grading members among a sweep's forty: too few for an operation of their own
        var mixes = new List<int[]>();
        for (int i = 0; i < 40; i++) mixes.Add(Mix((Reasoning, 20), (Math_, 10)));
        for (int i = 0; i < 2; i++) mixes.Add(Mix((Grading, 8)));
        Assert.Null(CampaignAssembler.TargetParts(mixes, minPart: 3));
    }

    [Fact]
    public void ThreeTargets_AreThreeParts()
    {
        var mixes = new List<int[]>();
        for (int i = 0; i < 10; i++) mixes.Add(Mix((Reasoning, 20), (Math_, 10)));
        for (int i = 0; i < 10; i++) mixes.Add(Mix((Grading, 8), (Knowledge, 2)));
        for (int i = 0; i < 10; i++) mixes.Add(Mix((Agentic, 9), (Coding, 9)));
        var parts = CampaignAssembler.TargetParts(mixes, minPart: 3);
        Assert.NotNull(parts);
        Assert.Equal(3, parts.Distinct().Count());
    }

    [Fact]
    public void TargetAlike_IsOneForOneTarget_AndZeroForDisjointTargets()
    {
        Assert.Equal(1, CampaignAssembler.TargetAlike([4, 0, 2], [8, 0, 4]), 6);
        Assert.Equal(0, CampaignAssembler.TargetAlike([4, 0, 0], [0, 5, 0]), 6);
        // the farm holds a fifth of the sweep's share of reasoning, the sweep none of the farm's grading
        Assert.Equal(0, CampaignAssembler.TargetAlike([50, 0, 50, 0], [10, 0, 0, 90]), 6);
        // each holds half the other's share of its target
        Assert.Equal(0.5, CampaignAssembler.TargetAlike([60, 30], [30, 60]), 6);
    }

    [Fact]
    public void AnAgenticHarvestWhoseAgentsAlsoReason_IsApartFromASweep()
    {
        // the named frontier scenario, as measured: the agents' harvest reads 18 % reasoning, the sweep's 4 % tool use
        var mixes = new List<int[]>();
        for (int i = 0; i < 30; i++) mixes.Add(Mix((Reasoning, 21), (Coding, 9), (Math_, 5), (Agentic, 2), (Knowledge, 6)));
        for (int i = 0; i < 15; i++) mixes.Add(Mix((Agentic, 17), (Reasoning, 5), (Coding, 3), (Knowledge, 2)));
        var parts = CampaignAssembler.TargetParts(mixes, minPart: 3);
        Assert.NotNull(parts);
        Assert.Equal(2, parts.Distinct().Count());
    }

    [Fact]
    public void AReplayRingsTwoRoles_GoWholeToOnePart()
    {
        // five issuers asked for reasoning (part 0), twelve presenters for it written out (part 1); each issuer's artifacts
        // were presented by three presenters
        var part = Enumerable.Range(0, 17).Select(i => i < 5 ? 0 : 1).ToArray();
        var keys = Enumerable.Range(0, 5).Select(i => (IReadOnlyList<int>)new[] { i, 5 + (3 * i) % 12, 5 + (3 * i + 1) % 12, 5 + (3 * i + 2) % 12 }).ToList();
        CampaignAssembler.GatherChains(part, 2, keys);
        Assert.All(part, p => Assert.Equal(part[0], p));
    }

    [Fact]
    public void MembersOnAnotherParts_Card_MoveToIt_AndTheTwoOperationsStayApart()
    {
        // station A's 20 members on its two cards; station B's 12 on its card, four of them placed with A by their harvest
        var part = Enumerable.Range(0, 32).Select(i => i < 24 ? 0 : 1).ToArray();
        var keys = new List<IReadOnlyList<int>>
        {
            Enumerable.Range(0, 10).ToArray(), Enumerable.Range(10, 10).ToArray(),   // A's cards
            Enumerable.Range(20, 12).ToArray(),                                      // B's card: 20–23 sit in part 0
        };
        CampaignAssembler.GatherChains(part, 2, keys);
        Assert.All(part.Take(20), p => Assert.Equal(0, p));
        Assert.All(part.Skip(20), p => Assert.Equal(1, p));
    }

    [Fact]
    public void MembersOnNoSharedKey_StayWhereTheirHarvestPutThem()
    {
        var part = new[] { 0, 1, 0, 1 };
        CampaignAssembler.GatherChains(part, 2, []);
        Assert.Equal(new[] { 0, 1, 0, 1 }, part);
    }

    [Fact]
    public void ASplitChanceAloneMakes_IsCaughtByRedrawingFromOneMix()
    {
        // 60 members with five requests each, every request drawn from one three-capability mix: the top-capability
        // partition finds a "second target" in six members; redrawn from the pooled mix, chance does the same
        var r = new Random(4);
        var mixes = Enumerable.Range(0, 60).Select(_ => Draw(r, 5, (Reasoning, 0.4), (Coding, 0.35), (Knowledge, 0.25))).ToList();
        Assert.NotNull(CampaignAssembler.TargetParts(mixes, minPart: 3));
        Assert.True(CampaignAssembler.ChanceSplits(mixes, minPart: 3) > 0);
    }

    [Fact]
    public void ASweepAndAGradingFarm_AreNoChanceSplit()
    {
        var r = new Random(5);
        var mixes = new List<int[]>();
        for (int i = 0; i < 30; i++) mixes.Add(Draw(r, 5 + i % 20, (Reasoning, 0.5), (Math_, 0.2), (Knowledge, 0.3)));
        for (int i = 0; i < 12; i++) mixes.Add(Draw(r, 5 + i % 10, (Grading, 0.65), (Knowledge, 0.2), (Reasoning, 0.1), (Math_, 0.05)));
        Assert.NotNull(CampaignAssembler.TargetParts(mixes, minPart: 3));
        Assert.Equal(0, CampaignAssembler.ChanceSplits(mixes, minPart: 3));
    }
}
