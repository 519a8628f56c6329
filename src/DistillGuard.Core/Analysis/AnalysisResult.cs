using DistillGuard.Core.Campaigns;
using DistillGuard.Core.Links;
using DistillGuard.Core.Profiles;
using DistillGuard.Core.Verdicts;

namespace DistillGuard.Core.Analysis;

/// <summary>Everything one analysis concluded: a verdict per account (sorted by account id), the campaigns
/// (in id order), the profiles behind them, and counts.</summary>
public sealed record AnalysisResult
{
    public required IReadOnlyList<AccountVerdict> Verdicts { get; init; }
    public required IReadOnlyList<Campaign> Campaigns { get; init; }
    public required IReadOnlyList<AccountProfile> Profiles { get; init; }
    public required ProfileContext Context { get; init; }
    public required AnalysisStats Stats { get; init; }
    /// <summary>Every group the clusterer scored, accepted or not (for explanation and tuning).</summary>
    public IReadOnlyList<CampaignFinding> Findings { get; init; } = Array.Empty<CampaignFinding>();
    /// <summary>Every key group (who shares which value) with its weight, linked or not (for explanation and tuning).</summary>
    public IReadOnlyList<KeyGroup> KeyGroups { get; init; } = Array.Empty<KeyGroup>();
    /// <summary>Per profile: the harvest lift of its identity cluster (0 outside any), for explanation.</summary>
    public IReadOnlyList<double> ClusterLift { get; init; } = Array.Empty<double>();
    /// <summary>Per profile: the operator evidence of its identity cluster (0 when none), for explanation.</summary>
    public IReadOnlyList<double> OperatorEvidence { get; init; } = Array.Empty<double>();
    /// <summary>Every candidate operator judged, with its measures and outcome (for <c>--explain</c>).</summary>
    public IReadOnlyList<Links.OperatorCandidate> OperatorCandidates { get; init; } = Array.Empty<Links.OperatorCandidate>();
}
