namespace DistillGuard.Core.Accounts;

/// <summary>What IP intelligence says about one address: hosting/VPN flag and origin AS, when known.</summary>
public readonly record struct IpInfo(bool Hosting, int Asn, string? Org)
{
    public static IpInfo Unknown => default;
}
