namespace DistillGuard.Simulation.Network;

/// <summary>What kind of network an address range belongs to.</summary>
public enum IpKind : byte
{
    Residential,
    Mobile,
    Corporate,
    Campus,
    Hosting,
    Vpn,
}
