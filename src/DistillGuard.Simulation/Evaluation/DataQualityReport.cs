namespace DistillGuard.Simulation.Evaluation;

/// <summary>Everything in the inputs that did not follow the contracts, counted completely, with examples.</summary>
public sealed record DataQualityReport
{
    /// <summary>Labelled accounts with no verdict line; they count as <c>clear</c> in every metric.</summary>
    public required IssueSummary MissingFromVerdicts { get; init; }
    /// <summary>Verdict lines for accounts that have no label; they are left out of every metric.</summary>
    public required IssueSummary NotInLabels { get; init; }
    /// <summary>Second and later verdict lines for one account; the first line is the one used.</summary>
    public required IssueSummary DuplicateVerdicts { get; init; }
    /// <summary>Second and later label lines for one account; the first line is the one used.</summary>
    public required IssueSummary DuplicateLabels { get; init; }
    /// <summary>Lines that are not a JSON object with the required string fields; they are skipped.</summary>
    public required IssueSummary MalformedLines { get; init; }
    /// <summary>Verdict values other than clear/watch/campaign; counted as <c>clear</c>.</summary>
    public required IssueSummary InvalidVerdictValues { get; init; }
    /// <summary>Scores that are missing, not a number, or outside [0, 1]; the verdict itself is still used.</summary>
    public required IssueSummary ScoresOutOfRange { get; init; }
    /// <summary>Disagreements between verdicts' campaign ids and campaigns.json (or a campaign verdict with no id).</summary>
    public required IssueSummary CampaignConsistency { get; init; }

    /// <summary>True when no finding of any kind was made.</summary>
    public bool Clean =>
        MissingFromVerdicts.Count + NotInLabels.Count + DuplicateVerdicts.Count + DuplicateLabels.Count +
        MalformedLines.Count + InvalidVerdictValues.Count + ScoresOutOfRange.Count + CampaignConsistency.Count == 0;
}
