namespace DistillGuard.Simulation.Evaluation;

/// <summary>Every figure of an evaluation of verdicts against labels. See docs/evaluator.md for each metric.</summary>
public sealed record EvaluationReport
{
    /// <summary>Names the shape of this report; bumped when a property is renamed or removed.</summary>
    public string Schema => "distillguard.evaluation/1";

    public required AccountTotals Accounts { get; init; }
    /// <summary>The <c>campaign</c> verdict as the prediction (the primary figures).</summary>
    public required BinaryMetrics CampaignVerdict { get; init; }
    /// <summary><c>campaign</c> or <c>watch</c> as the prediction (the secondary figures).</summary>
    public required BinaryMetrics CampaignOrWatch { get; init; }
    /// <summary>One row per labelled campaign, ordered by name.</summary>
    public required IReadOnlyList<LabelledCampaignResult> LabelledCampaigns { get; init; }
    /// <summary>One row per legitimate persona found in the labels, zeros included, ordered by name.</summary>
    public required IReadOnlyList<PersonaResult> LegitimatePersonas { get; init; }
    /// <summary>One row per persona found on campaign labels (archetypes and roles), ordered by name.</summary>
    public required IReadOnlyList<CampaignPersonaResult> CampaignPersonas { get; init; }
    /// <summary>Where detected campaigns came from: <c>campaigns.json</c> or <c>verdicts</c> (their campaign field).</summary>
    public required string DetectedCampaignSource { get; init; }
    /// <summary>One row per detected campaign, ordered by id.</summary>
    public required IReadOnlyList<DetectedCampaignResult> DetectedCampaigns { get; init; }
    /// <summary>Sum of majority members over sum of members across detected campaigns (1.0 when there are none).</summary>
    public required double WeightedPurity { get; init; }
    /// <summary>Labelled campaigns whose members landed in two or more detected campaigns.</summary>
    public required long SplitCampaignCount { get; init; }
    /// <summary>Names of the split labelled campaigns.</summary>
    public required IReadOnlyList<string> SplitCampaigns { get; init; }
    public required DataQualityReport DataQuality { get; init; }
    /// <summary>The thresholds requested in <see cref="EvaluationOptions"/>, each with its outcome.</summary>
    public required IReadOnlyList<ThresholdCheck> Checks { get; init; }
    /// <summary>True when every check passed (also true when none was requested).</summary>
    public bool Passed => Checks.All(c => c.Passed);
}
