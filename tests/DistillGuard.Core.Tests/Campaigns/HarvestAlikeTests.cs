using DistillGuard.Core.Campaigns;

namespace DistillGuard.Core.Tests.Campaigns;

/// <summary>
/// The split by operator merges back parts that run one harness only when they harvest alike by what they ask
/// (<see cref="CampaignAssembler.HarvestAlike"/>): the share of each part's members whose own requests read as harvest.
/// One operation's batches ask alike; a tool-use harvest whose requests read as ordinary agent work and a relay station
/// whose accounts ask for chain-of-thought, both running one public agent's prompt and tools, do not.
/// </summary>
public sealed class HarvestAlikeTests
{
    [Theory]
    [InlineData(1.0, 0.04)]    // the red team's realistic 3, as measured: relay station 36 members at 1.00, tool-use harvest 64 at 0.04
    [InlineData(0.6, 0.1)]
    [InlineData(0.5, 0.125)]   // a quarter of one half: the capability split's MaxTargetAlike
    public void OnePartAskingForHarvestAndOneNot_AreNotAlike(double a, double b)
    {
        Assert.False(CampaignAssembler.HarvestAlike(a, b));
        Assert.False(CampaignAssembler.HarvestAlike(b, a));
    }

    [Theory]
    [InlineData(1.0, 0.9)]     // two batches of a sweep
    [InlineData(0.6, 0.3)]     // a batch with half the other's harvest share is still the same kind of traffic
    [InlineData(0.3, 0.0)]     // neither part harvests by its requests (operator evidence carries both): nothing to tell them apart by
    [InlineData(0.0, 0.0)]
    public void PartsThatAskAlike_OrThatNeitherHarvest_AreAlike(double a, double b)
    {
        Assert.True(CampaignAssembler.HarvestAlike(a, b));
        Assert.True(CampaignAssembler.HarvestAlike(b, a));
    }
}
