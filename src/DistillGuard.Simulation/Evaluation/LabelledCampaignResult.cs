namespace DistillGuard.Simulation.Evaluation;

/// <summary>How well one labelled (true) campaign was found.</summary>
public sealed record LabelledCampaignResult
{
    public required string Campaign { get; init; }
    /// <summary>Accounts labelled with this campaign.</summary>
    public required long Members { get; init; }
    /// <summary>Members given the <c>campaign</c> verdict.</summary>
    public required long FlaggedCampaign { get; init; }
    /// <summary>Members given the <c>watch</c> verdict.</summary>
    public required long FlaggedWatch { get; init; }
    /// <summary>Members with no verdict line (counted as clear).</summary>
    public required long MissingVerdicts { get; init; }
    /// <summary>FlaggedCampaign / Members.</summary>
    public required double Recall { get; init; }
    /// <summary>The detected campaigns its members were placed in, most members first.</summary>
    public required IReadOnlyList<CampaignCount> LandedIn { get; init; }
    /// <summary>Members placed in no detected campaign.</summary>
    public required long NotInAnyDetectedCampaign { get; init; }
    /// <summary>True when its members are spread over two or more detected campaigns.</summary>
    public bool Split => LandedIn.Count > 1;
}
