using DistillGuard.Sharing.Consortium;
using DistillGuard.Sharing.Stix;

namespace DistillGuard.Sharing.Export;

/// <summary>Who exports, under which markings, and with which consortium key (null: no hashed identifiers at all).</summary>
public sealed record ExportOptions
{
    /// <summary>The producing lab's name, e.g. "lab-a"; it names the STIX identity.</summary>
    public required string Producer { get; init; }
    /// <summary>Marking of campaign, report and network/client indicators.</summary>
    public TlpLevel Tlp { get; init; } = TlpLevel.Amber;
    /// <summary>Marking of keyed-hash indicators (account, payment); never less restrictive than <see cref="Tlp"/>.</summary>
    public TlpLevel HashedTlp { get; init; } = TlpLevel.Amber;
    /// <summary>Put the template extension-definition inside the bundle. Off by default: the OASIS bundle.json schema
    /// lists no extension-definition member (it falls into the custom-object branch, where it matches both core and
    /// cyber-observable-core and fails oneOf), so it is published beside the bundle (file, TAXII collection) instead.</summary>
    public bool IncludeExtensionDefinition { get; init; }
    public ConsortiumKeyring? Keyring { get; init; }
    /// <summary>Clock for the current consortium key.</summary>
    public DateTimeOffset Now { get; init; } = DateTimeOffset.UtcNow;
}
