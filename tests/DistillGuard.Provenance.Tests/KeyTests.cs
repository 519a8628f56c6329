using DistillGuard.Provenance.Watermarking;

namespace DistillGuard.Provenance.Tests;

public sealed class KeyTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("dg-key-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void SaveLoad_RoundTrips_OwnerOnly_NeverOverwrites()
    {
        var k = WatermarkKey.Generate("k1", "acme", KeyScope.Account, "acct-9");
        string path = Path.Combine(_dir, "k.json");
        k.Save(path);
        if (!OperatingSystem.IsWindows()) Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        var back = WatermarkKey.Load(path);
        Assert.Equal(k.Commitment, back.Commitment);
        Assert.Equal("account acct-9 of acme", back.Describe());
        Assert.Throws<IOException>(() => k.Save(path));
    }

    [Fact]
    public void Load_BadFile_ListsEveryProblem()
    {
        string path = Path.Combine(_dir, "bad.json");
        File.WriteAllText(path, """{"id": "x", "scope": "planet", "secret": "!!!", "created": "yesterday"}""");
        var e = Assert.Throws<InvalidDataException>(() => WatermarkKey.Load(path));
        Assert.Contains("missing \"lab\"", e.Message);
        Assert.Contains("scope must be lab, account or campaign", e.Message);
        Assert.Contains("secret is not base64", e.Message);
        Assert.Contains("created is not a date", e.Message);
    }

    [Fact]
    public void Choose_IsUniformOverKeys()
    {
        var set = DistillGuard.Provenance.Lexicons.WatermarkLexicon.BuiltIn.Sets.First(s => s.Members.Count == 4);
        var counts = new int[4];
        for (int i = 0; i < 4000; i++) counts[WatermarkKey.FromSeed("u" + i).Choose(set, "the")]++;
        Assert.All(counts, c => Assert.InRange(c, 880, 1120));
    }
}
