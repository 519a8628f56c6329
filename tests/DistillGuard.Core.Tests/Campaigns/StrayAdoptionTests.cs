using DistillGuard.Core.Campaigns;

namespace DistillGuard.Core.Tests.Campaigns;

/// <summary>
/// Accounts no accepted finding holds are scored with the finding that owns the keys they are bound to
/// (<see cref="CampaignAssembler.KeyOwner"/>, <see cref="CampaignAssembler.Adopts"/>). Random 10227: a replay ring found as
/// one 345-account block left 63 presenters — each on the ring's replay keys, templates and addresses — in no finding at all.
/// </summary>
public sealed class StrayAdoptionTests
{
    [Fact]
    public void AKeyMostlyHeldByOneFinding_IsThatFindings()
    {
        // a replay key: 10 of its 12 holders are the ring's
        Assert.Equal(3, CampaignAssembler.KeyOwner(new Dictionary<int, int> { [3] = 10 }, 12));
    }

    [Fact]
    public void APopularKey_IsNoFindings()
    {
        // an SDK 378 accounts use, 130 of them the ring's
        Assert.Equal(-1, CampaignAssembler.KeyOwner(new Dictionary<int, int> { [0] = 130 }, 378));
    }

    [Fact]
    public void OneMemberOnAKey_DoesNotMakeItTheFindings()
    {
        Assert.Equal(-1, CampaignAssembler.KeyOwner(new Dictionary<int, int> { [0] = 1 }, 2));
    }

    [Fact]
    public void AStrayBoundMostlyToTheFindingsKeys_AndCorroborated_IsAdopted()
        => Assert.True(CampaignAssembler.Adopts(onFinding: 0.9, all: 1.1, corroborated: true, median: 1.5));

    [Fact]
    public void AStrayBoundMostlyElsewhere_IsNot()
        // a customer whose own organisation's card and domain carry most of its binding
        => Assert.False(CampaignAssembler.Adopts(onFinding: 0.4, all: 1.2, corroborated: true, median: 1.5));

    [Fact]
    public void AStrayOnOneKindOfEvidence_IsNot()
        // a template and nothing else: not corroborated by a second family
        => Assert.False(CampaignAssembler.Adopts(onFinding: 0.9, all: 0.9, corroborated: false, median: 1.5));

    [Fact]
    public void AStrayBoundFarLessThanTheFindingsMembers_IsNot()
        => Assert.False(CampaignAssembler.Adopts(onFinding: 0.3, all: 0.3, corroborated: true, median: 1.5));
}
