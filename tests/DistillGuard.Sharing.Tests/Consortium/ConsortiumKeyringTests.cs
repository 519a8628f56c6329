using DistillGuard.Sharing.Consortium;
using DistillGuard.Sharing.Tests.Support;

namespace DistillGuard.Sharing.Tests.Consortium;

public class ConsortiumKeyringTests
{
    [Fact]
    public void Rotate_OldKeyStillMatchesDuringGraceAndNotAfter()
    {
        var ring = Keyrings.Labs();
        var rotatedAt = Keyrings.Now;
        var rotated = ring.Rotate("k2", rotatedAt);
        Assert.Equal("k2", rotated.Current(rotatedAt.AddDays(1)).Id);
        Assert.Contains(rotated.Matching(rotatedAt.AddDays(29)), k => k.Id == "k1");
        Assert.DoesNotContain(rotated.Matching(rotatedAt.AddDays(31)), k => k.Id == "k1");
        Assert.Contains(rotated.Matching(rotatedAt.AddDays(31)), k => k.Id == "k2");
    }

    [Fact]
    public void Hash_DifferentKeys_DifferentValuesAndNoRawInput()
    {
        var ring = Keyrings.Labs().Rotate("k2", Keyrings.Now);
        var h1 = ConsortiumKeyring.Hash(ring.Keys[0], "payment", "pf_123abc");
        var h2 = ConsortiumKeyring.Hash(ring.Keys[1], "payment", "pf_123abc");
        Assert.StartsWith("k1:", h1);
        Assert.StartsWith("k2:", h2);
        Assert.NotEqual(h1[3..], h2[3..]);
        Assert.DoesNotContain("123abc", h1);
        Assert.Equal(h1, ConsortiumKeyring.Hash(ring.Keys[0], "payment", " PF_123ABC "));
    }

    [Fact]
    public void SaveLoad_RoundTrips()
    {
        var path = Path.GetTempFileName();
        try
        {
            var ring = Keyrings.Labs().Rotate("k2", Keyrings.Now);
            ring.Save(path);
            var back = ConsortiumKeyring.Load(path);
            Assert.Equal(ring.Keys.Select(k => k.Id), back.Keys.Select(k => k.Id));
            Assert.Equal(ring.Keys[1].Secret, back.Keys[1].Secret);
            Assert.True(back.IsMember("lab-b"));
            Assert.False(back.IsMember("lab-z"));
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void Constructor_ShortSecret_IsRefusedWithAClearError()
    {
        var e = Assert.Throws<InvalidDataException>(() => new ConsortiumKeyring("c", [], [new ConsortiumKey { Id = "k", Secret = new byte[8], Created = Keyrings.Created }], TimeSpan.Zero));
        Assert.Contains("at least 32 bytes", e.Message);
    }
}
