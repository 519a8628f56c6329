namespace DistillGuard.Simulation.Evaluation;

/// <summary>The make-up of one detected campaign, compared to the labels.</summary>
public sealed record DetectedCampaignResult
{
    public required string Id { get; init; }
    /// <summary>All member accounts, labelled or not.</summary>
    public required long Members { get; init; }
    /// <summary>The labelled campaign with the most members here (ties: ordinal name order); null when none is.</summary>
    public string? MajorityCampaign { get; init; }
    /// <summary>Members labelled with <see cref="MajorityCampaign"/>.</summary>
    public required long MajorityMembers { get; init; }
    /// <summary>MajorityMembers / Members: 1.0 is a pure campaign; legit and unlabelled members lower it.</summary>
    public required double Purity { get; init; }
    /// <summary>Members labelled legitimate (campaign null).</summary>
    public required long Legitimate { get; init; }
    /// <summary>Members with no label line.</summary>
    public required long Unlabelled { get; init; }
    /// <summary>Listed accounts labelled <c>dormant</c> (a campaign's bought account that sent only its former owner's
    /// traffic): left out of <see cref="Members"/> and purity, as out of every other metric.</summary>
    public long Dormant { get; init; }
    /// <summary>Every labelled campaign among the members, most members first.</summary>
    public required IReadOnlyList<CampaignCount> LabelledCampaigns { get; init; }
}
