namespace DistillGuard.Core.Accounts;

/// <summary>One address range from an IP-intelligence file. IPv4 is held as IPv4-mapped IPv6 so one table serves both.</summary>
public readonly record struct IpRange(UInt128 Start, UInt128 End, bool Hosting, int Asn, string? Org);
