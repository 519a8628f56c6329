using DistillGuard.Core.Tests.Analysis;

namespace DistillGuard.Core.Tests.Verdicts;

public sealed class ExampleIdsTests
{
    [Fact]
    public void Complete_EveryReasonAndEveryEvidenceItem_NamesExampleExchanges()
    {
        var t = new SyntheticTraffic(new SyntheticTraffic.Settings { Seed = 2 });
        var r = AnalysisHarness.Run(t);
        Assert.NotEmpty(r.Campaigns);
        var bare = r.Campaigns.SelectMany(c => c.Evidence.Where(e => e.ExchangeIds.Count == 0).Select(e => $"{c.Id} {e.Kind}"))
            .Concat(r.Verdicts.SelectMany(v => v.Reasons.Where(x => x.ExchangeIds.Count == 0).Select(x => $"{v.Account} {x.Signal}")))
            .ToList();
        Assert.True(bare.Count == 0, string.Join("; ", bare.Take(20)));
        Assert.Contains(r.Campaigns.SelectMany(c => c.Evidence), e => e.Kind is "synchronized-timing" or "creation-burst" or "partitioned-items");
    }
}
