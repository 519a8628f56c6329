namespace DistillGuard.Server.Taxii;

/// <summary>One partner's API key and its rights: the collections it may read and write. The key is compared in
/// constant time; the partner name is the recipient TLP policy and the audit log use.</summary>
public sealed record TaxiiClientGrant
{
    public required string Partner { get; init; }
    public required string ApiKey { get; init; }
    public IReadOnlyList<string> Read { get; init; } = [];
    public IReadOnlyList<string> Write { get; init; } = [];
}
