using DistillGuard.Core.Campaigns;

namespace DistillGuard.Core.Tests.Campaigns;

/// <summary>
/// In the split by operator a sign-up window or a popular mail domain does not join accounts of two operator clusters
/// found apart (<see cref="CampaignAssembler.SpansTwoOperators"/>): it must hold at least two accounts of each of two
/// clusters. One stray of another operation on a key, or accounts in no cluster, leave it joining as before.
/// </summary>
public sealed class SpansTwoOperatorsTests
{
    [Fact]
    public void TwoOfEachOfTwoClusters_Spans()
    {
        // random 12001's sign-up windows each held accounts of both the station's cluster and the harvest's
        Assert.True(CampaignAssembler.SpansTwoOperators([0, 0, 0, 1, 1, -1]));
        Assert.True(CampaignAssembler.SpansTwoOperators([3, 7, 3, 7, 9]));
    }

    [Theory]
    [InlineData(new[] { 0, 0, 0, 0 })]          // one operator's batch
    [InlineData(new[] { 0, 0, 0, 1 })]          // one stray of another operation
    [InlineData(new[] { 0, 0, -1, -1, -1 })]    // one operator and accounts in no cluster
    [InlineData(new[] { -1, -1, -1 })]          // no operator cluster at all
    [InlineData(new int[0])]
    public void AnythingLess_DoesNotSpan(int[] clusters) => Assert.False(CampaignAssembler.SpansTwoOperators(clusters));
}
