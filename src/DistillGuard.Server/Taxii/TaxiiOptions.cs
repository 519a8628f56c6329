using DistillGuard.Sharing.Policy;

namespace DistillGuard.Server.Taxii;

/// <summary>What the TAXII 2.1 server serves and to whom.</summary>
public sealed record TaxiiOptions
{
    public string Title { get; init; } = "DistillGuard TAXII";
    /// <summary>Path segment of the one API root ("/{ApiRoot}/").</summary>
    public string ApiRoot { get; init; } = "distillguard";
    public required IReadOnlyList<TaxiiCollection> Collections { get; init; }
    public required IReadOnlyList<TaxiiClientGrant> Clients { get; init; }
    /// <summary>TLP policy applied to every object served (recipient = the client's partner name).</summary>
    public SharingPolicy Policy { get; init; } = new([]);
    public AuditLog? Audit { get; init; }
    public int MaxPageSize { get; init; } = 100;
    public Func<DateTimeOffset> Clock { get; init; } = () => DateTimeOffset.UtcNow;
}
