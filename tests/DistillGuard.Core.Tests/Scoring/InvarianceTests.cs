using DistillGuard.Core.Analysis;
using DistillGuard.Core.Tests.Analysis;
using DistillGuard.Core.Verdicts;

namespace DistillGuard.Core.Tests.Scoring;

public sealed class InvarianceTests
{
    private static (byte[] Verdicts, byte[] Campaigns) Bytes(AnalysisResult r)
    {
        using var v = new MemoryStream();
        using var c = new MemoryStream();
        VerdictWriter.WriteVerdicts(v, r.Verdicts);
        VerdictWriter.WriteCampaigns(c, r.Campaigns);
        return (v.ToArray(), c.ToArray());
    }

    [Fact]
    public void Complete_SameInputTwice_WritesIdenticalBytes()
    {
        var a = Bytes(AnalysisHarness.Run(new SyntheticTraffic(new SyntheticTraffic.Settings { Seed = 11 })));
        var b = Bytes(AnalysisHarness.Run(new SyntheticTraffic(new SyntheticTraffic.Settings { Seed = 11 })));
        Assert.Equal(a.Verdicts, b.Verdicts);
        Assert.Equal(a.Campaigns, b.Campaigns);
    }

    [Theory]
    [InlineData("ZZ")]
    [InlineData("CN")]
    [InlineData("US")]
    public void Complete_EveryAccountsCountryChanged_ChangesNothing(string country)
    {
        var baseline = Bytes(AnalysisHarness.Run(new SyntheticTraffic(new SyntheticTraffic.Settings { Seed = 5 })));
        var moved = Bytes(AnalysisHarness.Run(new SyntheticTraffic(new SyntheticTraffic.Settings { Seed = 5, CountryMap = _ => country })));
        Assert.Equal(baseline.Verdicts, moved.Verdicts);
        Assert.Equal(baseline.Campaigns, moved.Campaigns);
    }

    [Fact]
    public void DetectorOptions_SeveralBadValues_ReportsEveryError()
    {
        var o = DetectorOptions.Default with { CampaignThreshold = 1.5, MinCampaignAccounts = 1, CoActivityBucketMinutes = 0, MinBlockDensity = double.NaN };
        var errors = o.Validate();
        Assert.Equal(4, errors.Count);
        Assert.Contains(errors, e => e.Contains(nameof(DetectorOptions.CampaignThreshold)));
        var ex = Assert.Throws<ArgumentException>(() => new AnalysisEngine(o));
        Assert.Contains(nameof(DetectorOptions.MinBlockDensity), ex.Message);
        Assert.Empty(DetectorOptions.Default.Validate());
    }
}
