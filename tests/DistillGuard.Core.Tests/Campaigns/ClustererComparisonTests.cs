using DistillGuard.Core.Analysis;
using DistillGuard.Core.Tests.Analysis;
using Xunit.Abstractions;

namespace DistillGuard.Core.Tests.Campaigns;

/// <summary>The measurement behind the clustering choice (docs/detector.md): dense peeling against plain connected
/// components of the same weighted graph, on seeded synthetic traffic where two campaigns share a proxy range.</summary>
public sealed class ClustererComparisonTests(ITestOutputHelper output)
{
    [Fact]
    public void DensePeeling_OnSharedProxyTraffic_IsAtLeastAsPreciseAsComponentsAndNeverMerges()
    {
        int peelFp = 0, compFp = 0, peelMerged = 0, compMerged = 0, peelFn = 0, compFn = 0;
        for (int seed = 1; seed <= 4; seed++)
        {
            var t = new SyntheticTraffic(new SyntheticTraffic.Settings { Seed = seed, SharedEgress = true });
            var peel = AnalysisHarness.Evaluate(t, AnalysisHarness.Run(t));
            var comp = AnalysisHarness.Evaluate(t, AnalysisHarness.Run(t, DetectorOptions.Default with { Clusterer = ClustererKind.Components }));
            output.WriteLine($"seed {seed}: peeling {peel}; components {comp}");
            peelFp += peel.FalsePositives; compFp += comp.FalsePositives;
            peelFn += peel.FalseNegatives; compFn += comp.FalseNegatives;
            peelMerged += peel.MergedCampaigns; compMerged += comp.MergedCampaigns;
        }
        foreach (var seed in new[] { 7, 8 })
        {
            var t = new SyntheticTraffic(new SyntheticTraffic.Settings { Seed = seed });
            var peel = AnalysisHarness.Evaluate(t, AnalysisHarness.Run(t));
            var comp = AnalysisHarness.Evaluate(t, AnalysisHarness.Run(t, DetectorOptions.Default with { Clusterer = ClustererKind.Components }));
            output.WriteLine($"seed {seed} (separate ranges): peeling {peel}; components {comp}");
            peelFp += peel.FalsePositives; compFp += comp.FalsePositives;
        }
        output.WriteLine($"total: peeling fp {peelFp} fn {peelFn} merged {peelMerged}; components fp {compFp} fn {compFn} merged {compMerged}");
        Assert.Equal(0, peelMerged);
        Assert.True(peelFp <= compFp);
        Assert.True(compMerged > 0, "the shared proxy range should merge the two campaigns into one component");
    }
}
