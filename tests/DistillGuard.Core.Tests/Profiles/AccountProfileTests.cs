using DistillGuard.Core.Model;
using DistillGuard.Core.Profiles;

namespace DistillGuard.Core.Tests.Profiles;

public sealed class AccountProfileTests
{
    private static ExchangeFeatures Heavy(Random r, int account, int i)
    {
        var f = new ExchangeFeatures
        {
            Id = $"ex_{account:000000}_{i:000000}",
            TimestampMs = 1_770_000_000_000 + i * 37_000L + r.Next(1000),
            Account = $"acct_{account:000000}",
            Ip = $"10.{account % 200}.{r.Next(256)}.{r.Next(256)}",
            UserAgent = $"agent-{account}-{r.Next(4)}",
            Ja4 = $"ja4-{account}-{r.Next(3)}",
            Route = r.Next(3) == 0 ? "reseller:x" : "direct",
            Model = $"model-{r.Next(10)}",
            MaxTokens = r.Next(64000),
            ThinkingBudget = r.Next(32000),
            N = 1 + r.Next(3),
            Temperature = r.NextDouble(),
            TemplateFingerprint = (ulong)r.NextInt64(),
            ItemHash = (ulong)r.NextInt64(),
            SystemHash = (ulong)r.Next(5),
            Signals = (SignalSet)(uint)r.Next(1 << 15),
            Capabilities = (Capability)(ushort)r.Next(1 << 11),
        };
        f.IssuedArtifacts.Add((ulong)r.NextInt64());
        return f;
    }

    [Fact]
    public void Add_HeavyDiverseTraffic_StaysWithinTwoKilobytesPerAccount()
    {
        const int accounts = 1500, perAccount = 200;
        var r = new Random(3);
        var ctx = new ProfileContext();
        var warm = new AccountProfile(0, "warm");
        warm.Add(Heavy(r, 0, 0), ctx);
        long before = GC.GetTotalMemory(forceFullCollection: true);
        var profiles = new AccountProfile[accounts];
        var samples = new ExchangeFeatures[perAccount];
        for (int a = 0; a < accounts; a++)
        {
            profiles[a] = new AccountProfile(a, $"acct_{a:000000}");
            for (int i = 0; i < perAccount; i++) profiles[a].Add(Heavy(r, a, i), ctx);
        }
        // Interned values (per-account user agents, JA4s, addresses here) are shared tables, counted separately.
        long tables = (ctx.Infra.IpCount + ctx.Infra.PrefixCount) * 90L + (ctx.UserAgents.Count + ctx.Ja4.Count + ctx.Models.Count) * 80L;
        long after = GC.GetTotalMemory(forceFullCollection: true);
        double perProfile = (after - before - tables) / (double)accounts;
        Assert.True(perProfile <= 2048, $"measured {perProfile:0} bytes per profile");
        Assert.All(profiles, p => Assert.True(p.ApproximateBytes <= 2048, $"{p.Account}: {p.ApproximateBytes} bytes"));
        GC.KeepAlive(profiles);
        GC.KeepAlive(samples);
    }

    [Fact]
    public void Add_RecordsVolumeTimingSignalsAndExamples()
    {
        var ctx = new ProfileContext();
        var p = new AccountProfile(0, "a");
        var f = new ExchangeFeatures { Account = "a", Ip = "203.0.113.9" };
        for (int i = 0; i < 10; i++)
        {
            f.Id = $"ex_{i}";
            f.TimestampMs = 1_770_000_000_000 + i * 60_000L;   // perfectly regular
            f.Signals = i < 5 ? SignalSet.CotElicitation : SignalSet.None;
            f.TemplateFingerprint = 42;
            p.Add(f, ctx);
        }
        Assert.Equal(10, p.Exchanges);
        Assert.Equal(5, p.HarvestExchanges);
        Assert.Equal(5, p.SignalCount(0));
        Assert.Equal(new[] { "ex_0", "ex_1", "ex_2" }, p.ExampleHandles(0).Select(ctx.Examples.Get));
        Assert.True(p.TimingCv < 0.01);
        Assert.Equal(10, p.Templates.CountOf(42));
        Assert.Equal("203.0.113.0/24", ctx.Infra.Prefix((int)p.Prefixes.KeyAt(0)));
    }

    [Fact]
    public void Interner_PastItsCap_MapsNewValuesToBoundedOverflowIds()
    {
        var i = new Interner(maxValues: 10);
        for (int n = 0; n < 10_000; n++) i.Intern("v" + n);
        Assert.Equal(10, i.Count);
        Assert.Equal(9_990, i.Overflowed);
        Assert.Equal("(other)", i.Value(i.Intern("fresh")));
    }
}
