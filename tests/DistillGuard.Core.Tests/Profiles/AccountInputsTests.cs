using System.IO.Compression;
using DistillGuard.Core.Accounts;

namespace DistillGuard.Core.Tests.Profiles;

public sealed class AccountInputsTests
{
    [Fact]
    public void AccountRegistry_MalformedLines_AreCountedNotFatal()
    {
        var text = """
            {"account":"acct_1","created":"2026-01-28T03:11:09Z","tier":"free","email_domain":"Example.COM","payment_fp":"pf_1","country":"SG","verified":false}
            not json
            {"tier":"free"}
            {"account":"acct_2","tier":"paid"}
            """;
        var reg = AccountRegistry.Load(new StringReader(text));
        Assert.Equal(2, reg.Count);
        Assert.Equal(2, reg.MalformedLines);
        Assert.Equal(new long[] { 2, 3 }, reg.MalformedExamples.Select(e => e.Line));
        var a = reg.Find("acct_1")!;
        Assert.Equal("example.com", a.EmailDomain);
        Assert.True(a.IsProgramTier);
        Assert.Equal(false, a.Verified);
        Assert.Equal(new DateTimeOffset(2026, 1, 28, 3, 11, 9, TimeSpan.Zero).ToUnixTimeMilliseconds(), a.CreatedMs);
    }

    [Fact]
    public void Allowlist_CommentsAndBlankLines_AreIgnored()
    {
        var a = Allowlist.Parse(new[] { "# licensed", "acct_1  # partner", "", "  acct_2" });
        Assert.Equal(2, a.Count);
        Assert.True(a.Contains("acct_1"));
        Assert.False(a.Contains("# licensed"));
    }

    [Fact]
    public void IpIntel_CidrAndAsnTables_AnswerIPv4AndIPv6Lookups()
    {
        var ranges = new List<IpRange>();
        int bad = IpIntel.Parse(new StringReader("# hosting\n203.0.113.0/24\n2001:db8::/32\n198.51.100.7\nnonsense\n"), ranges);
        bad += IpIntel.Parse(new StringReader("start,end,asn,org\n192.0.2.0,192.0.2.255,64500,Example Hosting\n203.0.113.0,203.0.113.127,64501,\"Doc Net, Inc\"\n"), ranges);
        var intel = new IpIntel(ranges);
        Assert.Equal(1, bad);
        Assert.True(intel.Lookup("203.0.113.77").Hosting);
        Assert.Equal(64501, intel.Lookup("203.0.113.77").Asn);
        Assert.Equal("Doc Net, Inc", intel.Lookup("203.0.113.77").Org);
        Assert.False(intel.Lookup("203.0.114.1").Hosting);
        Assert.True(intel.Lookup("2001:db8:1::5").Hosting);
        Assert.False(intel.Lookup("2001:db9::5").Hosting);
        Assert.True(intel.Lookup("198.51.100.7").Hosting);
        Assert.False(intel.Lookup("198.51.100.8").Hosting);
        Assert.Equal(new IpInfo(false, 64500, "Example Hosting"), intel.Lookup("192.0.2.1"));
        Assert.Equal(IpInfo.Unknown, intel.Lookup("not an ip"));
    }

    [Fact]
    public void IpIntel_Load_ReadsGzipFiles()
    {
        var path = Path.Combine(Path.GetTempPath(), $"dg-intel-{Guid.NewGuid():N}.txt.gz");
        try
        {
            using (var gz = new GZipStream(File.Create(path), CompressionLevel.Fastest))
            using (var w = new StreamWriter(gz)) w.Write("10.0.0.0/8\n");
            var intel = IpIntel.Load(new[] { path });
            Assert.True(intel.Lookup("10.200.3.4").Hosting);
            Assert.Equal(1, intel.HostingRanges);
        }
        finally { File.Delete(path); }
    }

    [SharedDataFact("ip/x4bnet/output/datacenter/ipv4.txt")]
    public void IpIntel_WithSharedData_LoadsTheRealDatacenterList()
    {
        var intel = IpIntel.Load(new[] { SharedDataFactAttribute.Locate("ip/x4bnet/output/datacenter/ipv4.txt")! });
        Assert.True(intel.HostingRanges > 1000);
        Assert.Equal(0, intel.MalformedLines);
    }
}
