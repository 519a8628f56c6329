namespace DistillGuard.Simulation.Evaluation;

/// <summary>
/// Account-level confusion counts and the figures derived from them, for one definition of "flagged".
/// Positive = the account is labelled as a member of some campaign.
/// </summary>
public sealed record BinaryMetrics
{
    /// <summary>Which verdicts count as a positive prediction, e.g. <c>campaign</c> or <c>campaign|watch</c>.</summary>
    public required string Flagged { get; init; }
    public required long TruePositives { get; init; }
    public required long FalsePositives { get; init; }
    public required long FalseNegatives { get; init; }
    public required long TrueNegatives { get; init; }

    /// <summary>TP / (TP + FP). When nothing is flagged: 1.0 if there are no positives, otherwise 0.0.</summary>
    public required double Precision { get; init; }

    /// <summary>TP / (TP + FN). When there are no positives: 1.0 (nothing was missed).</summary>
    public required double Recall { get; init; }

    /// <summary>2PR / (P + R); 0.0 when P + R is 0.</summary>
    public required double F1 { get; init; }

    /// <summary>Computes the figures from confusion counts, with the edge cases documented on each property.</summary>
    public static BinaryMetrics From(string flagged, long tp, long fp, long fn, long tn)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(tp);
        ArgumentOutOfRangeException.ThrowIfNegative(fp);
        ArgumentOutOfRangeException.ThrowIfNegative(fn);
        ArgumentOutOfRangeException.ThrowIfNegative(tn);
        long positives = tp + fn;
        long predicted = tp + fp;
        double precision = predicted == 0 ? (positives == 0 ? 1.0 : 0.0) : (double)tp / predicted;
        double recall = positives == 0 ? 1.0 : (double)tp / positives;
        double f1 = precision + recall == 0 ? 0.0 : 2 * precision * recall / (precision + recall);
        return new BinaryMetrics
        {
            Flagged = flagged,
            TruePositives = tp,
            FalsePositives = fp,
            FalseNegatives = fn,
            TrueNegatives = tn,
            Precision = precision,
            Recall = recall,
            F1 = f1,
        };
    }
}
