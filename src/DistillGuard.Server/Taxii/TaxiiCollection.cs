namespace DistillGuard.Server.Taxii;

/// <summary>A TAXII collection served by this instance.</summary>
public sealed record TaxiiCollection
{
    public required string Id { get; init; }
    public required string Title { get; init; }
    public string? Description { get; init; }
}
