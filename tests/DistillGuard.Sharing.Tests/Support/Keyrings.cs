using DistillGuard.Sharing.Consortium;

namespace DistillGuard.Sharing.Tests.Support;

/// <summary>A fixed consortium keyring for tests (deterministic secrets).</summary>
public static class Keyrings
{
    public static readonly DateTimeOffset Created = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset Now = new(2026, 4, 1, 0, 0, 0, TimeSpan.Zero);

    public static ConsortiumKeyring Labs(params string[] members) => new(
        "test-consortium",
        members.Length == 0 ? ["lab-a", "lab-b"] : members,
        [new ConsortiumKey { Id = "k1", Secret = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray(), Created = Created }],
        TimeSpan.FromDays(30));
}
