using System.IO.Compression;
using DistillGuard.Simulation.Common;
using DistillGuard.Simulation.Network;
using DistillGuard.Simulation.Tests.Support;

namespace DistillGuard.Simulation.Tests;

public sealed class IpSpaceTests
{
    [Fact]
    public void BuiltIn_HasEveryKind_WithAFewDozenRanges()
    {
        var s = IpSpace.BuiltIn();
        foreach (var k in Enum.GetValues<IpKind>()) Assert.NotEmpty(s.Ranges(k));
        Assert.InRange(s.RangeCount, 24, 100);
    }

    [Fact]
    public void Pick_StaysInsideARangeOfTheAskedKind()
    {
        var s = IpSpace.BuiltIn();
        var r = new SimRandom(4);
        for (int i = 0; i < 2000; i++)
        {
            uint ip = s.Pick(IpKind.Hosting, ref r);
            Assert.Contains(s.Ranges(IpKind.Hosting), x => ip >= x.Start && ip <= x.End);
        }
    }

    [Fact]
    public void Load_ReadsCidrListsAndAsnCsv_ClassifyingByPathAndOperator()
    {
        string dir = Path.Combine(Path.GetTempPath(), "dg-ip-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(dir, "ip", "lists", "datacenter"));
        Directory.CreateDirectory(Path.Combine(dir, "ip", "lists", "vpn"));
        try
        {
            File.WriteAllText(Path.Combine(dir, "ip", "lists", "datacenter", "ipv4.txt"), "10.20.0.0/16\nnot a cidr\n10.30.0.0/24\n");
            File.WriteAllText(Path.Combine(dir, "ip", "lists", "vpn", "ipv4.txt"), "10.40.0.0/20\n");
            using (var gz = new GZipStream(File.Create(Path.Combine(dir, "ip", "asn-ipv4.csv.gz")), CompressionLevel.Fastest))
            using (var w = new StreamWriter(gz))
            {
                w.WriteLine("11.0.0.0,11.0.255.255,64500,Example Home Broadband");
                w.WriteLine("12.0.0.0,12.0.0.255,64501,\"Example Cloud Hosting, Inc.\"");
                w.WriteLine("13.0.0.0,13.0.255.255,64502,Example State University");
                w.WriteLine("14.0.0.0,14.0.0.255,64503,Plain Name Networks");
                w.WriteLine("garbage");
            }
            File.WriteAllText(Path.Combine(dir, "ip", "bad-asn.csv"), "ASN,Entity\n64503,\"Plain Name Networks, XX\"\n");
            var s = IpSpace.Load(dir);
            Assert.Equal("corpus", s.Source);
            Assert.Contains(s.Ranges(IpKind.Hosting), r => IpRange.Format(r.Start) == "10.20.0.0" && IpRange.Format(r.End) == "10.20.255.255");
            Assert.Contains(s.Ranges(IpKind.Hosting), r => r.Org == "Example Cloud Hosting, Inc.");
            Assert.Contains(s.Ranges(IpKind.Hosting), r => r.Org == "Plain Name Networks"); // by the ASN list, not by name
            Assert.Contains(s.Ranges(IpKind.Vpn), r => IpRange.Format(r.Start) == "10.40.0.0");
            Assert.Single(s.Ranges(IpKind.Residential));
            Assert.Single(s.Ranges(IpKind.Campus));
            Assert.Equal(IpSpace.BuiltIn().Ranges(IpKind.Mobile).Count, s.Ranges(IpKind.Mobile).Count); // kinds missing in the corpus fall back to built-in
        }
        finally { Directory.Delete(dir, true); }
    }

    [SharedDataFact("ip/x4bnet")]
    public void Load_SharedCidrLists_GivesHostingAndVpnRanges()
    {
        var s = IpSpace.Load(SharedDataFactAttribute.Locate("ip/x4bnet")!, maxPerKind: 2000);
        Assert.Equal(2000, s.Ranges(IpKind.Hosting).Count);
        Assert.Equal(2000, s.Ranges(IpKind.Vpn).Count);
        Assert.Equal(IpSpace.BuiltIn().Ranges(IpKind.Residential).Count, s.Ranges(IpKind.Residential).Count);
    }
}
