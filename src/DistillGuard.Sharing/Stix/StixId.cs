using System.Security.Cryptography;
using System.Text;

namespace DistillGuard.Sharing.Stix;

/// <summary>Deterministic STIX identifiers: UUIDv5 (RFC 9562) so that re-exporting the same analysis yields the same ids.</summary>
public static class StixId
{
    /// <summary>The STIX 2.1 namespace for cyber-observable (SCO) ids (spec §2.9).</summary>
    public static readonly Guid ScoNamespace = Guid.Parse("00abedb4-aa42-466c-9c01-fed23315a9b7");
    /// <summary>DistillGuard's own namespace for SDO/SRO ids derived from stable content.</summary>
    public static readonly Guid DistillGuardNamespace = Guid.Parse("6f1c3b52-4d1e-5a8e-9b7a-2c0e5d8f4a11");

    public static string For(string type, string name) => $"{type}--{V5(DistillGuardNamespace, type + "|" + name)}";

    public static string ForSco(string type, string canonicalJson) => $"{type}--{V5(ScoNamespace, canonicalJson)}";

    public static Guid V5(Guid ns, string name)
    {
        Span<byte> nsBytes = stackalloc byte[16];
        ns.TryWriteBytes(nsBytes, bigEndian: true, out _);
        var nameBytes = Encoding.UTF8.GetBytes(name);
        var buf = new byte[16 + nameBytes.Length];
        nsBytes.CopyTo(buf);
        nameBytes.CopyTo(buf, 16);
        Span<byte> hash = stackalloc byte[20];
        SHA1.HashData(buf, hash);
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash[..16], bigEndian: true);
    }

    /// <summary>STIX timestamp with milliseconds, always UTC 'Z'.</summary>
    public static string Timestamp(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture);
}
