using DistillGuard.Cli.Commands;
using DistillGuard.Sharing.Consortium;

namespace DistillGuard.Cli.Tests;

public sealed class ShareRotateKeyTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("dg-rotate-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string WriteRing()
    {
        var ring = new ConsortiumKeyring("labs", ["lab-a", "lab-b"],
            [new ConsortiumKey { Id = "k1", Secret = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray(), Created = DateTimeOffset.UtcNow.AddDays(-90) }],
            TimeSpan.FromDays(30));
        string path = Path.Combine(_dir, "keyring.json");
        ring.Save(path);
        return path;
    }

    private static int Run(params string[] args) => ShareCommand.Create().Parse(args).Invoke();

    [Fact]
    public void RotateKey_MakesANewKeyCurrent_AndOldHashesStillMatchDuringGrace()
    {
        string path = WriteRing();
        var before = ConsortiumKeyring.Load(path);
        string oldHash = ConsortiumKeyring.Hash(before.Current(DateTimeOffset.UtcNow), "payment", "pf_123");

        Assert.Equal(ExitCodes.Success, Run("rotate-key", "--keyring", path, "--id", "k2"));

        var after = ConsortiumKeyring.Load(path);
        var now = DateTimeOffset.UtcNow;
        Assert.Equal("k2", after.Current(now).Id);
        Assert.Contains(after.Matching(now), k => ConsortiumKeyring.Hash(k, "payment", "pf_123") == oldHash);
        Assert.DoesNotContain(after.Matching(now.AddDays(31)), k => k.Id == "k1");
    }

    [Fact]
    public void RotateKey_ExistingIdOrMissingFile_IsAUsageError()
    {
        string path = WriteRing();
        Assert.Equal(ExitCodes.UsageError, Run("rotate-key", "--keyring", path, "--id", "k1"));
        Assert.Equal(ExitCodes.UsageError, Run("rotate-key", "--keyring", Path.Combine(_dir, "none.json"), "--id", "k9"));
    }
}
