namespace DistillGuard.Simulation.Network;

/// <summary>An inclusive IPv4 range with the network kind and operator it belongs to.</summary>
public readonly record struct IpRange(uint Start, uint End, IpKind Kind, string Org)
{
    public ulong Size => (ulong)End - Start + 1;

    public static string Format(uint ip) => $"{ip >> 24}.{(ip >> 16) & 255}.{(ip >> 8) & 255}.{ip & 255}";

    public static bool TryParseIp(ReadOnlySpan<char> s, out uint ip)
    {
        ip = 0;
        int parts = 0;
        foreach (var range in s.Split('.'))
        {
            if (!byte.TryParse(s[range], out byte b)) return false;
            ip = (ip << 8) | b;
            parts++;
        }
        return parts == 4;
    }

    /// <summary>Parses <c>a.b.c.d/n</c> (IPv4 only; other lines return false).</summary>
    public static bool TryParseCidr(ReadOnlySpan<char> s, IpKind kind, string org, out IpRange range)
    {
        range = default;
        int slash = s.IndexOf('/');
        if (slash < 0 || !TryParseIp(s[..slash].Trim(), out uint ip) || !int.TryParse(s[(slash + 1)..].Trim(), out int bits) || bits is < 8 or > 32)
            return false;
        uint mask = bits == 32 ? uint.MaxValue : ~(uint.MaxValue >> bits);
        uint start = ip & mask;
        range = new IpRange(start, start | ~mask, kind, org);
        return true;
    }
}
