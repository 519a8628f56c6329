using System.Net;
using System.Net.Sockets;

namespace DistillGuard.Core.Accounts;

/// <summary>Parses IPv4/IPv6 text to a 128-bit value (IPv4 as ::ffff:a.b.c.d) without allocating for IPv4.</summary>
public static class IpAddressParser
{
    private static readonly UInt128 V4Mapped = (UInt128)0xFFFF << 32;

    public static bool TryParse(ReadOnlySpan<char> s, out UInt128 value, out bool isV4)
    {
        s = s.Trim();
        if (TryParseV4(s, out var v4)) { value = V4Mapped | v4; isV4 = true; return true; }
        isV4 = false;
        value = default;
        if (s.IndexOf(':') < 0 || !IPAddress.TryParse(s, out var ip) || ip.AddressFamily != AddressFamily.InterNetworkV6) return false;
        if (ip.IsIPv4MappedToIPv6) { isV4 = true; }
        Span<byte> b = stackalloc byte[16];
        ip.TryWriteBytes(b, out _);
        value = new UInt128(System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(b), System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(b[8..]));
        return true;
    }

    private static bool TryParseV4(ReadOnlySpan<char> s, out uint v)
    {
        v = 0;
        int part = 0, digits = 0, parts = 0;
        foreach (var ch in s)
        {
            if (ch == '.')
            {
                if (digits == 0 || parts == 3) return false;
                v = (v << 8) | (uint)part; parts++; part = 0; digits = 0;
            }
            else if (ch is >= '0' and <= '9')
            {
                part = part * 10 + (ch - '0'); digits++;
                if (part > 255 || digits > 3) return false;
            }
            else return false;
        }
        if (digits == 0 || parts != 3) return false;
        v = (v << 8) | (uint)part;
        return true;
    }

    /// <summary>The network prefix used as an infrastructure key: /24 for IPv4, /48 for IPv6.</summary>
    public static UInt128 Prefix(UInt128 value, bool isV4)
        => isV4 ? value & ~(UInt128)0xFF : value & ~(UInt128.MaxValue >> 48);

    public static string Format(UInt128 value, bool isV4)
    {
        if (isV4)
        {
            var v = (uint)(value & 0xFFFFFFFF);
            return $"{v >> 24}.{(v >> 16) & 255}.{(v >> 8) & 255}.{v & 255}";
        }
        Span<byte> b = stackalloc byte[16];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(b, (ulong)(value >> 64));
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(b[8..], (ulong)value);
        return new IPAddress(b).ToString();
    }
}
