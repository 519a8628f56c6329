using DistillGuard.Core.Accounts;
using DistillGuard.Core.Analysis;
using DistillGuard.Core.Profiles;

namespace DistillGuard.Core.Links;

/// <summary>Everything the link stage reads, prepared by the engine.</summary>
public sealed record LinkGraphInputs
{
    public required IReadOnlyList<AccountProfile> Profiles { get; init; }
    public required ProfileContext Context { get; init; }
    /// <summary>Registry record per profile index (null when the registry does not know the account).</summary>
    public required IReadOnlyList<AccountRecord?> Records { get; init; }
    /// <summary>Allowlisted per profile index: excluded from linking.</summary>
    public required IReadOnlyList<bool> Allowlisted { get; init; }
    /// <summary>Harvest strength per profile index.</summary>
    public required IReadOnlyList<double> Harvest { get; init; }
    public required IReadOnlyList<ReplayEdge> Replays { get; init; }
    public required IpIntel IpIntel { get; init; }
    public required DetectorOptions Options { get; init; }
    /// <summary>Key groups kept from the previous re-assembly (<see cref="KeyGroupPool"/>), or null for new ones.</summary>
    public KeyGroupPool? KeyGroupPool { get; init; }
}
