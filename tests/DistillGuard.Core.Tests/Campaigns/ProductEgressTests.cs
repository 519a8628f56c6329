using DistillGuard.Core.Campaigns;

namespace DistillGuard.Core.Tests.Campaigns;

/// <summary>
/// A product's egress is not a group's exit (<see cref="CampaignAssembler.ProductEgress(int, IEnumerable{ValueTuple{ulong, int}}, Func{ulong, ValueTuple{int, int}})"/>):
/// an address most of whose holders run one system prompt that most of its own holders run outside the group. Random 10227:
/// a CoT sweep's group took ten users of an agent platform along on the platform's three exits (38–40 holders each, nearly
/// all on the platform's prompt, 75 holders of which 12 were in the group), and the prompt itself was no link of the group.
/// </summary>
public sealed class ProductEgressTests
{
    private const ulong Platform = 0x742e, Operation = 0x1234, Other = 0x9999;

    [Fact]
    public void APlatformsExit_HeldByItsUsers_IsTheProductsEgress()
    {
        // 38 holders, 36 of them on the platform's prompt; 12 of the prompt's 75 holders are in the group
        Assert.True(CampaignAssembler.ProductEgress(38, [(Platform, 36), (Other, 2)], p => p == Platform ? (75, 12) : (40, 1)));
    }

    [Fact]
    public void AnOperationsOwnExit_OnItsOwnPrompt_IsNotAProducts()
    {
        // the operation's prompt: 30 of its 40 holders are in the group
        Assert.False(CampaignAssembler.ProductEgress(20, [(Operation, 18)], _ => (40, 30)));
    }

    [Fact]
    public void AnAddressWithoutOnePromptOnHalfItsHolders_IsNotAProducts()
    {
        // a cloud NAT: a third of its holders on one public prompt, the rest on none
        Assert.False(CampaignAssembler.ProductEgress(30, [(Platform, 10), (Other, 4)], _ => (75, 2)));
    }

    [Fact]
    public void APromptNoOneElseHolds_IsNotAProduct()
    {
        // a prompt whose holders are unknown to the log's key groups (no holders): nothing to judge it by
        Assert.False(CampaignAssembler.ProductEgress(10, [(Platform, 9)], _ => (0, 0)));
    }
}
