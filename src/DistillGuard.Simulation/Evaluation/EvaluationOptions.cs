namespace DistillGuard.Simulation.Evaluation;

/// <summary>How an evaluation is run and checked.</summary>
public sealed record EvaluationOptions
{
    /// <summary>When set, <see cref="EvaluationReport.Passed"/> requires the <c>campaign</c> verdict's precision to be at least this.</summary>
    public double? MinPrecision { get; init; }

    /// <summary>When set, <see cref="EvaluationReport.Passed"/> requires the <c>campaign</c> verdict's recall to be at least this.</summary>
    public double? MinRecall { get; init; }

    /// <summary>How many examples each data-quality finding keeps (the count is always complete).</summary>
    public int MaxExamples { get; init; } = 20;

    /// <summary>Names shown in issues for each input (defaults are the contract's file names).</summary>
    public string LabelsName { get; init; } = "labels.jsonl";

    /// <inheritdoc cref="LabelsName"/>
    public string VerdictsName { get; init; } = "verdicts.jsonl";

    /// <inheritdoc cref="LabelsName"/>
    public string CampaignsName { get; init; } = "campaigns.json";

    /// <summary>The defaults: no thresholds, 20 examples per finding.</summary>
    public static EvaluationOptions Default { get; } = new();
}
