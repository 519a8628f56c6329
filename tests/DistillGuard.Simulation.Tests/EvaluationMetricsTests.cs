using DistillGuard.Simulation.Evaluation;

namespace DistillGuard.Simulation.Tests;

public sealed class EvaluationMetricsTests
{
    [Fact]
    public void BinaryMetrics_From_NegativeCount_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => BinaryMetrics.From("campaign", -1, 0, 0, 0));
    }

    [Theory]
    [InlineData(0, 0, 0, 5, 1.0, 1.0, 1.0)]  // nothing to find, nothing flagged
    [InlineData(0, 2, 0, 3, 0.0, 1.0, 0.0)]  // nothing to find, false alarms
    [InlineData(0, 0, 4, 1, 0.0, 0.0, 0.0)]  // nothing flagged, positives missed
    [InlineData(3, 1, 1, 0, 0.75, 0.75, 0.75)]
    [InlineData(1, 0, 3, 0, 1.0, 0.25, 0.4)]
    public void BinaryMetrics_From_AppliesTheDocumentedEdgeCases(long tp, long fp, long fn, long tn, double p, double r, double f1)
    {
        var m = BinaryMetrics.From("campaign", tp, fp, fn, tn);

        Assert.Equal(p, m.Precision, 12);
        Assert.Equal(r, m.Recall, 12);
        Assert.Equal(f1, m.F1, 12);
    }
}
