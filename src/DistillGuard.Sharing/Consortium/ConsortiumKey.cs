namespace DistillGuard.Sharing.Consortium;

/// <summary>One consortium HMAC key. A key is current from <see cref="Created"/> until a newer key replaces it; once
/// <see cref="Retired"/> it is still used to match partners' indicators for the keyring's grace period, never to export.</summary>
public sealed record ConsortiumKey
{
    public required string Id { get; init; }
    public required byte[] Secret { get; init; }
    public required DateTimeOffset Created { get; init; }
    public DateTimeOffset? Retired { get; init; }
}
