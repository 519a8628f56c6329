using System.IO.Compression;

namespace DistillGuard.Core.Accounts;

/// <summary>
/// IP intelligence supplied by the operator (<c>--ip-intel</c>, repeatable): CIDR lists (one range a line: the ranges
/// are hosting/VPN) or <c>start,end,asn,org</c> tables (origin AS), plain or .gz. Lookups are a binary search over
/// sorted, merged ranges. Nothing ships with the product: with no files every lookup is <see cref="IpInfo.Unknown"/>.
/// </summary>
public sealed class IpIntel
{
    private readonly UInt128[] _hostStart, _hostEnd;
    private readonly UInt128[] _asnStart, _asnEnd;
    private readonly int[] _asn;
    private readonly string?[] _org;

    public static IpIntel Empty { get; } = new(Array.Empty<IpRange>());

    public int HostingRanges => _hostStart.Length;
    public int AsnRanges => _asnStart.Length;
    public int MalformedLines { get; private init; }

    public IpIntel(IEnumerable<IpRange> ranges)
    {
        var host = new List<(UInt128 S, UInt128 E)>();
        var asn = new List<IpRange>();
        foreach (var r in ranges)
        {
            if (r.Hosting) host.Add((r.Start, r.End));
            if (r.Asn != 0 || r.Org is not null) asn.Add(r);
        }
        host.Sort((a, b) => a.S.CompareTo(b.S));
        var hs = new List<UInt128>(); var he = new List<UInt128>();
        foreach (var (s, e) in host)
        {
            if (hs.Count > 0 && s <= he[^1] + 1) { if (e > he[^1]) he[^1] = e; }
            else { hs.Add(s); he.Add(e); }
        }
        _hostStart = hs.ToArray(); _hostEnd = he.ToArray();
        asn.Sort((a, b) => a.Start.CompareTo(b.Start));
        _asnStart = asn.Select(a => a.Start).ToArray();
        _asnEnd = asn.Select(a => a.End).ToArray();
        _asn = asn.Select(a => a.Asn).ToArray();
        _org = asn.Select(a => a.Org).ToArray();
    }

    public IpInfo Lookup(string? ip)
        => ip is not null && IpAddressParser.TryParse(ip, out var v, out _) ? Lookup(v) : IpInfo.Unknown;

    public IpInfo Lookup(UInt128 ip)
    {
        bool hosting = Find(_hostStart, _hostEnd, ip) >= 0;
        int i = Find(_asnStart, _asnEnd, ip);
        return i >= 0 ? new IpInfo(hosting, _asn[i], _org[i]) : new IpInfo(hosting, 0, null);
    }

    private static int Find(UInt128[] starts, UInt128[] ends, UInt128 ip)
    {
        int lo = 0, hi = starts.Length - 1, found = -1;
        while (lo <= hi)
        {
            int mid = (lo + hi) >>> 1;
            if (starts[mid] <= ip) { found = mid; lo = mid + 1; } else hi = mid - 1;
        }
        return found >= 0 && ip <= ends[found] ? found : -1;
    }

    public static IpIntel Load(IEnumerable<string> paths)
    {
        var all = new List<IpRange>();
        int bad = 0;
        foreach (var p in paths)
        {
            using var file = File.OpenRead(p);
            Stream s = p.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? new GZipStream(file, CompressionMode.Decompress) : file;
            using var reader = new StreamReader(s);
            bad += Parse(reader, all);
        }
        return new IpIntel(all) { MalformedLines = bad };
    }

    /// <summary>Parses one file's lines into <paramref name="into"/>; returns the number of lines that were not a range
    /// (headers and comments excluded).</summary>
    public static int Parse(TextReader reader, List<IpRange> into)
    {
        int bad = 0;
        string? line;
        bool first = true;
        while ((line = reader.ReadLine()) is not null)
        {
            var span = line.AsSpan().Trim();
            bool wasFirst = first;
            first = false;
            if (span.IsEmpty || span[0] == '#') continue;
            if (span.IndexOf(',') >= 0)
            {
                if (TryParseCsv(span, out var r)) into.Add(r);
                else if (!wasFirst) bad++;
            }
            else if (TryParseCidr(span, out var r)) into.Add(r);
            else if (!wasFirst) bad++;
        }
        return bad;
    }

    private static bool TryParseCidr(ReadOnlySpan<char> s, out IpRange r)
    {
        r = default;
        int slash = s.IndexOf('/');
        var addr = slash >= 0 ? s[..slash] : s;
        if (!IpAddressParser.TryParse(addr, out var v, out var v4)) return false;
        int bits = v4 ? 32 : 128;
        if (slash >= 0 && (!int.TryParse(s[(slash + 1)..], out bits) || bits < 0 || bits > (v4 ? 32 : 128))) return false;
        int hostBits = (v4 ? 32 : 128) - bits;
        UInt128 mask = hostBits == 0 ? UInt128.Zero : hostBits >= 128 ? UInt128.MaxValue : (UInt128.One << hostBits) - 1;
        r = new IpRange(v & ~mask, v | mask, true, 0, null);
        return true;
    }

    private static bool TryParseCsv(ReadOnlySpan<char> s, out IpRange r)
    {
        r = default;
        Span<Range> parts = stackalloc Range[5];
        int n = s.Split(parts, ',');
        if (n < 3) return false;
        if (!IpAddressParser.TryParse(s[parts[0]], out var a, out _) || !IpAddressParser.TryParse(s[parts[1]], out var b, out _)) return false;
        var asnText = s[parts[2]].Trim();
        if (asnText.StartsWith("AS", StringComparison.OrdinalIgnoreCase)) asnText = asnText[2..];
        if (!int.TryParse(asnText, out var asn)) return false;
        string? org = n >= 4 ? s[parts[3].Start..].Trim().Trim('"').ToString() : null;
        r = new IpRange(a, b, false, asn, string.IsNullOrEmpty(org) ? null : org);
        return true;
    }
}
