using DistillGuard.Sharing.Stix;

namespace DistillGuard.Sharing.Tests.Stix;

public class StixIdTests
{
    [Fact]
    public void V5_RfcDnsExample_MatchesTheKnownUuid()
    {
        // uuid5(NAMESPACE_DNS, "python.org") from Python's uuid module documentation.
        var dns = Guid.Parse("6ba7b810-9dad-11d1-80b4-00c04fd430c8");
        Assert.Equal(Guid.Parse("886313e1-3b8a-5372-9b90-0c9aee199e5d"), StixId.V5(dns, "python.org"));
    }

    [Fact]
    public void For_SameInput_SameIdAndDifferentInput_DifferentId()
    {
        Assert.Equal(StixId.For("campaign", "x"), StixId.For("campaign", "x"));
        Assert.NotEqual(StixId.For("campaign", "x"), StixId.For("campaign", "y"));
        Assert.Matches("^campaign--[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$", StixId.For("campaign", "x"));
    }
}
