using DistillGuard.Sharing.Intel;
using DistillGuard.Sharing.Stix;

namespace DistillGuard.Sharing.Tests.Stix;

public class StixPatternTests
{
    [Theory]
    [InlineData(ObservableKind.Ipv4, "203.0.113.7")]
    [InlineData(ObservableKind.Ipv6, "2001:db8::1")]
    [InlineData(ObservableKind.Prefix, "203.0.113.0/24")]
    [InlineData(ObservableKind.Prefix, "2001:db8:1::/48")]
    [InlineData(ObservableKind.Asn, "64500")]
    [InlineData(ObservableKind.Ja4, "t13d1812h2_e8a523a41297_7c1d8ff2b8d5")]
    [InlineData(ObservableKind.UserAgent, "it's a \\ weird 'agent'/1.0")]
    [InlineData(ObservableKind.Template, "0123456789abcdef")]
    [InlineData(ObservableKind.AccountHmac, "k1:00ff")]
    [InlineData(ObservableKind.PaymentHmac, "k2:abcd")]
    public void For_EveryKind_ParsesBackToTheSameKindAndValue(ObservableKind kind, string value)
    {
        var pattern = IndicatorPatterns.For(kind, value);
        Assert.True(StixPattern.TryParse(pattern, out _, out var error), error);
        Assert.True(IndicatorPatterns.TryRead(pattern, out var k, out var v));
        Assert.Equal(kind, k);
        Assert.Equal(value, v);
    }

    [Fact]
    public void Parse_QuotedPathComponents_SplitsThePath()
    {
        var p = StixPattern.Parse("[network-traffic:extensions.'http-request-ext'.request_header.'User-Agent' = 'curl/8']");
        var c = Assert.Single(p.Comparisons);
        Assert.Equal("network-traffic", c.ObjectType);
        Assert.Equal(["extensions", "http-request-ext", "request_header", "User-Agent"], c.Path);
        Assert.Equal("curl/8", c.Value);
    }

    [Fact]
    public void Parse_TwoComparisonsWithOr_KeepsBoth()
    {
        var p = StixPattern.Parse("[ipv4-addr:value = '198.51.100.1' OR ipv4-addr:value = '198.51.100.2']");
        Assert.Equal(2, p.Comparisons.Count);
        Assert.Equal("OR", p.Joiner);
    }

    [Theory]
    [InlineData("ipv4-addr:value = '1.2.3.4'")]
    [InlineData("[ipv4-addr:value = '1.2.3.4'")]
    [InlineData("[ipv4-addr:value = '1.2.3.4]")]
    [InlineData("[ipv4-addr:value LIKE '1.2.%']")]
    [InlineData("[ipv4-addr value = '1.2.3.4']")]
    [InlineData("[autonomous-system:number = abc]")]
    [InlineData("[ipv4-addr:value = '1' AND ipv4-addr:value = '2' OR ipv4-addr:value = '3']")]
    [InlineData("[ipv4-addr:value = '1.2.3.4'] trailing")]
    public void TryParse_MalformedOrUnsupported_FailsWithAReason(string pattern)
    {
        Assert.False(StixPattern.TryParse(pattern, out _, out var error));
        Assert.False(string.IsNullOrEmpty(error));
    }

    [Fact]
    public void TryRead_PatternOutsideTheSubset_IsNotMatched()
    {
        Assert.False(IndicatorPatterns.TryRead("[file:hashes.'SHA-256' = 'aa']", out _, out _));
    }
}
