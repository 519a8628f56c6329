using DistillGuard.Sharing.Intel;
using DistillGuard.Sharing.Stix;

namespace DistillGuard.Sharing.Import;

/// <summary>One indicator a partner shared, as DistillGuard understands it.</summary>
public sealed record PartnerIndicator
{
    public required string Id { get; init; }
    public required string Partner { get; init; }
    public required ObservableKind Kind { get; init; }
    /// <summary>The compared value: an address, prefix, AS number, JA4, user agent, SimHash hex or "keyid:hmac".</summary>
    public required string Value { get; init; }
    public required string Pattern { get; init; }
    public required DateTimeOffset ValidFrom { get; init; }
    public DateTimeOffset? LastSeen { get; init; }
    /// <summary>Campaign the partner says the indicator indicates (its STIX id and name), when the bundle says so.</summary>
    public string? CampaignRef { get; init; }
    public string? CampaignName { get; init; }
    public TlpLevel Tlp { get; init; }
}
