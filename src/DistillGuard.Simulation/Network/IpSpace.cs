using System.IO.Compression;
using DistillGuard.Simulation.Common;

namespace DistillGuard.Simulation.Network;

/// <summary>
/// The address ranges actors egress from, by kind. Built in (made-up ranges and operators) or read from a
/// corpus directory: CIDR lists (one per line; a path containing <c>datacenter</c>/<c>hosting</c>/<c>cloud</c>
/// is hosting, <c>vpn</c>/<c>proxy</c> is VPN, other lists are hosting) and <c>start,end,asn,org</c> CSV(.gz)
/// tables, whose rows are hosting when their ASN is in an ASN list (a CSV with an <c>ASN,...</c> header) or the
/// operator's name reads like a hosting company, and otherwise campus, mobile, corporate or residential by name.
/// </summary>
public sealed class IpSpace
{
    private readonly IpRange[][] _byKind;

    public IpSpace(IEnumerable<IpRange> ranges)
    {
        var all = ranges.ToList();
        _byKind = new IpRange[Enum.GetValues<IpKind>().Length][];
        foreach (IpKind k in Enum.GetValues<IpKind>()) _byKind[(int)k] = all.Where(r => r.Kind == k).ToArray();
        var builtIn = BuiltInRanges();
        for (int k = 0; k < _byKind.Length; k++)
            if (_byKind[k].Length == 0) _byKind[k] = builtIn.Where(r => (int)r.Kind == k).ToArray();
        Source = all.Count == 0 ? "built-in" : "corpus";
    }

    public string Source { get; }

    public IReadOnlyList<IpRange> Ranges(IpKind kind) => _byKind[(int)kind];

    public int RangeCount => _byKind.Sum(a => a.Length);

    /// <summary>A range of the given kind (uniform over ranges, so small operators count too).</summary>
    public IpRange PickRange(IpKind kind, ref SimRandom rng)
    {
        var list = _byKind[(int)kind];
        return list[rng.Next(list.Length)];
    }

    /// <summary>An address inside <paramref name="range"/> (avoiding .0 and .255 where possible).</summary>
    public static uint PickIn(IpRange range, ref SimRandom rng)
    {
        ulong size = range.Size;
        uint ip = range.Start + (uint)(rng.NextUInt64() % size);
        if (size > 4 && ((ip & 255) == 0 || (ip & 255) == 255)) ip ^= 1;
        return ip;
    }

    public uint Pick(IpKind kind, ref SimRandom rng) => PickIn(PickRange(kind, ref rng), ref rng);

    public static IpSpace BuiltIn() => new([]);

    /// <summary>Reads every CIDR list and ASN CSV under <paramref name="dir"/>; ranges are sampled deterministically to bound memory.</summary>
    public static IpSpace Load(string dir, int maxPerKind = 20_000)
    {
        var reservoirs = Enum.GetValues<IpKind>().ToDictionary(k => k, _ => new List<IpRange>());
        var seen = Enum.GetValues<IpKind>().ToDictionary(k => k, _ => 0L);
        var rng = new SimRandom(0x1b5ace);
        void Add(IpRange r)
        {
            var list = reservoirs[r.Kind];
            long n = ++seen[r.Kind];
            if (list.Count < maxPerKind) list.Add(r);
            else
            {
                long j = (long)(rng.NextUInt64() % (ulong)n);
                if (j < maxPerKind) list[(int)j] = r;
            }
        }

        var files = Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
        // ASN lists (a CSV whose header starts with "ASN,": hosting/VPN networks) mark ASN-table rows as hosting.
        var hostingAsns = new HashSet<long>();
        foreach (var file in files.Where(f => f.EndsWith(".csv", StringComparison.OrdinalIgnoreCase)))
        {
            using var r = new StreamReader(file);
            if (r.ReadLine() is not { } header || !header.StartsWith("ASN,", StringComparison.OrdinalIgnoreCase)) continue;
            string? l;
            while ((l = r.ReadLine()) is not null)
            {
                int c = l.IndexOf(',');
                if (c > 0 && long.TryParse(l.AsSpan(0, c).Trim(), out long asn)) hostingAsns.Add(asn);
            }
        }

        foreach (var file in files)
        {
            string lower = Path.GetRelativePath(dir, file).ToLowerInvariant();
            string name = Path.GetFileName(lower);
            if (!lower.Contains("ip", StringComparison.Ordinal) && !lower.Contains("asn", StringComparison.Ordinal)) continue;
            if (name.EndsWith(".txt", StringComparison.Ordinal) && name.Contains("v4", StringComparison.Ordinal))
            {
                IpKind kind = lower.Contains("vpn", StringComparison.Ordinal) || lower.Contains("proxy", StringComparison.Ordinal) ? IpKind.Vpn : IpKind.Hosting;
                string org = kind == IpKind.Vpn ? "vpn-list" : "hosting-list";
                foreach (var line in File.ReadLines(file))
                    if (IpRange.TryParseCidr(line, kind, org, out var r)) Add(r);
            }
            else if (name.EndsWith(".csv", StringComparison.Ordinal) || name.EndsWith(".csv.gz", StringComparison.Ordinal))
            {
                using Stream raw = File.OpenRead(file);
                using Stream s = name.EndsWith(".gz", StringComparison.Ordinal) ? new GZipStream(raw, CompressionMode.Decompress) : raw;
                using var reader = new StreamReader(s);
                string? line;
                while ((line = reader.ReadLine()) is not null)
                {
                    var span = line.AsSpan();
                    int c1 = span.IndexOf(','); if (c1 < 0) continue;
                    int c2 = span[(c1 + 1)..].IndexOf(','); if (c2 < 0) continue; c2 += c1 + 1;
                    int c3 = span[(c2 + 1)..].IndexOf(','); if (c3 < 0) continue; c3 += c2 + 1;
                    if (!IpRange.TryParseIp(span[..c1], out uint a) || !IpRange.TryParseIp(span[(c1 + 1)..c2], out uint b) || b < a) continue;
                    string org = span[(c3 + 1)..].Trim().Trim('"').ToString();
                    var kind = long.TryParse(span[(c2 + 1)..c3], out long asn) && hostingAsns.Contains(asn) ? IpKind.Hosting : Classify(org);
                    Add(new IpRange(a, b, kind, org));
                }
            }
        }
        return new IpSpace(reservoirs.Values.SelectMany(v => v));
    }

    private static readonly string[] HostingWords =
        ["hosting", "cloud", "server", "datacenter", "data center", "amazon", "google", "microsoft", "digitalocean", "ovh",
         "hetzner", "linode", "akamai", "vultr", "oracle", "alibaba", "tencent", "leaseweb", "contabo", "colo", "vps", "cdn"];
    private static readonly string[] VpnWords = ["vpn", "proxy", "m247", "datacamp"];
    private static readonly string[] MobileWords = ["mobile", "wireless", "cellular", "lte"];
    private static readonly string[] CampusWords = ["university", "universit", "college", "research and education", "academic", "school"];

    /// <summary>Classifies an operator name from an ASN table.</summary>
    public static IpKind Classify(string org)
    {
        string o = org.ToLowerInvariant();
        if (VpnWords.Any(o.Contains)) return IpKind.Vpn;
        if (HostingWords.Any(o.Contains)) return IpKind.Hosting;
        if (CampusWords.Any(o.Contains)) return IpKind.Campus;
        if (MobileWords.Any(o.Contains)) return IpKind.Mobile;
        if (o.Contains("bank") || o.Contains("corp") || o.Contains("gmbh") || o.Contains("group")) return IpKind.Corporate;
        return IpKind.Residential;
    }

    private static IpRange Cidr(string cidr, IpKind kind, string org)
        => IpRange.TryParseCidr(cidr, kind, org, out var r) ? r : throw new InvalidOperationException(cidr);

    /// <summary>A few dozen made-up ranges with made-up operators (no real allocation is implied).</summary>
    public static IReadOnlyList<IpRange> BuiltInRanges() =>
    [
        Cidr("23.152.0.0/16", IpKind.Hosting, "Northwind Cloud"), Cidr("34.96.0.0/14", IpKind.Hosting, "Stratus Compute"),
        Cidr("35.180.0.0/15", IpKind.Hosting, "Stratus Compute"), Cidr("45.61.128.0/18", IpKind.Hosting, "Keelhost VPS"),
        Cidr("52.16.0.0/14", IpKind.Hosting, "Cumulo Web Services"), Cidr("64.225.0.0/17", IpKind.Hosting, "Driftwood Hosting"),
        Cidr("104.199.0.0/16", IpKind.Hosting, "Stratus Compute"), Cidr("138.68.0.0/16", IpKind.Hosting, "Driftwood Hosting"),
        Cidr("146.190.0.0/16", IpKind.Hosting, "Blueberg Servers"), Cidr("159.89.0.0/16", IpKind.Hosting, "Blueberg Servers"),
        Cidr("167.71.0.0/16", IpKind.Hosting, "Ferrous Colo"), Cidr("188.166.0.0/16", IpKind.Hosting, "Ferrous Colo"),
        Cidr("43.128.0.0/14", IpKind.Hosting, "Eastgate Cloud"), Cidr("47.74.0.0/15", IpKind.Hosting, "Eastgate Cloud"),
        Cidr("91.92.240.0/20", IpKind.Vpn, "Tunnelbird VPN"), Cidr("185.159.156.0/22", IpKind.Vpn, "Quietpath VPN"),
        Cidr("193.29.104.0/21", IpKind.Vpn, "Tunnelbird VPN"), Cidr("146.70.0.0/16", IpKind.Vpn, "Meridian Proxy"),
        Cidr("24.16.0.0/13", IpKind.Residential, "Lakeside Cable"), Cidr("67.160.0.0/12", IpKind.Residential, "Lakeside Cable"),
        Cidr("73.0.0.0/10", IpKind.Residential, "Prairie Broadband"), Cidr("81.96.0.0/13", IpKind.Residential, "Albion Telecom"),
        Cidr("84.128.0.0/11", IpKind.Residential, "Rheinnetz"), Cidr("90.0.0.0/11", IpKind.Residential, "Hexagone Fibre"),
        Cidr("110.32.0.0/12", IpKind.Residential, "Sakura Hikari"), Cidr("121.128.0.0/11", IpKind.Residential, "Hangang Net"),
        Cidr("117.192.0.0/11", IpKind.Residential, "Ganga Broadband"), Cidr("177.0.0.0/12", IpKind.Residential, "Ipê Telecom"),
        Cidr("187.128.0.0/11", IpKind.Residential, "Sierra Madre Cable"), Cidr("101.160.0.0/12", IpKind.Residential, "Southern Cross Net"),
        Cidr("183.0.0.0/11", IpKind.Residential, "Pearl River Broadband"), Cidr("105.96.0.0/12", IpKind.Residential, "Savanna Fibre"),
        Cidr("172.56.0.0/14", IpKind.Mobile, "Velocity Wireless"), Cidr("49.96.0.0/12", IpKind.Mobile, "Monsoon Mobile"),
        Cidr("109.40.0.0/14", IpKind.Mobile, "Eurolink Mobile"),
        Cidr("12.160.0.0/14", IpKind.Corporate, "Backbone Business Services"), Cidr("62.96.0.0/14", IpKind.Corporate, "Continental Enterprise Net"),
        Cidr("203.112.0.0/15", IpKind.Corporate, "Harbour Business Fibre"),
        Cidr("128.84.0.0/16", IpKind.Campus, "State Research Network"), Cidr("129.132.0.0/16", IpKind.Campus, "Alpine Academic Net"),
        Cidr("131.111.0.0/16", IpKind.Campus, "Collegiate Network"), Cidr("133.11.0.0/16", IpKind.Campus, "Tohoku-Kanto Academic Net"),
        Cidr("141.20.0.0/16", IpKind.Campus, "Hochschulnetz"), Cidr("166.111.0.0/16", IpKind.Campus, "Pacific Education Network"),
    ];
}
