using DistillGuard.Core.Scoring;
using DistillGuard.Core.Model;
using DistillGuard.Core.Profiles;

namespace DistillGuard.Core.Tests.Profiles;

/// <summary>Measures process-wide heap growth, so it runs alone, after the parallel tests.</summary>
[CollectionDefinition(nameof(MemoryMeasurement), DisableParallelization = true)]
public sealed class MemoryMeasurement;

[Collection(nameof(MemoryMeasurement))]
public sealed class AccountProfileTests
{
    private static ExchangeFeatures Heavy(Random r, int account, int i)
    {
        var f = new ExchangeFeatures
        {
            Id = $"ex_{account:000000}_{i:000000}",
            TimestampMs = 1_770_000_000_000 + i * 37_000L + r.Next(1000),
            Account = $"acct_{account:000000}",
            Ip = $"{(i % 2 == 0 ? 10 : 11 + i % 50)}.{account % 200}.{account / 200}.{r.Next(8)}",
            UserAgent = $"agent-{account}-{r.Next(4)}",
            Ja4 = $"ja4-{account}-{r.Next(3)}",
            Route = r.Next(3) == 0 ? "reseller:x" : "direct",
            Model = $"model-{r.Next(10)}",
            MaxTokens = r.Next(64000),
            ThinkingBudget = r.Next(32000),
            N = 1 + r.Next(3),
            Temperature = r.NextDouble(),
            TemplateFingerprint = (ulong)r.NextInt64(),
            SkeletonFingerprint = (ulong)r.NextInt64(),
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
        // Every signal and capability fires, budgets and templates vary on every exchange, ten models, several
        // addresses, agents and routes per account: the worst case for a profile. The shared value tables (interned
        // addresses, agents) are filled by a first pass, so the second pass measures the profiles alone.
        const int accounts = 1200, perAccount = 120;
        var ctx = new ProfileContext();
        void Feed(AccountProfile[] into)
        {
            var r = new Random(3);
            for (int a = 0; a < accounts; a++)
            {
                into[a] = new AccountProfile(a, $"acct_{a:000000}");
                for (int i = 0; i < perAccount; i++) into[a].Add(Heavy(r, a, i), ctx);
            }
        }
        Feed(new AccountProfile[accounts]);
        long arenaBefore = ctx.Examples.BytesUsed;
        long before = GC.GetTotalMemory(forceFullCollection: true);
        var profiles = new AccountProfile[accounts];
        Feed(profiles);
        long after = GC.GetTotalMemory(forceFullCollection: true);
        double perProfile = (after - before) / (double)accounts;
        Assert.True(perProfile <= 2048, $"measured {perProfile:0} bytes per profile; arena {(ctx.Examples.BytesUsed - arenaBefore) / (double)accounts:0}; estimate {profiles.Max(p => p.ApproximateBytes)}");
        Assert.All(profiles, p => Assert.True(p.ApproximateBytes <= 2048, $"{p.Account}: {p.ApproximateBytes} bytes"));
        GC.KeepAlive(profiles);
    }

    [Fact]
    public void Add_ManyDifferentSignals_KeepsAnExampleOfEverySignalThatFired()
    {
        // Four signals fire first and fill the pool of 12 (3 each); five more content signals fire later.
        var ctx = new ProfileContext();
        var p = new AccountProfile(0, "a");
        var f = new ExchangeFeatures { Account = "a", Ip = "203.0.113.9" };
        var early = SignalSet.CotElicitation | SignalSet.AnswerToReasoning | SignalSet.ReasoningReveal | SignalSet.RubricGrading;
        var late = new[] { SignalSet.PairwiseJudging, SignalSet.SafeRewrite, SignalSet.SyntheticData, SignalSet.Jailbreak, SignalSet.SystemPromptExtraction };
        for (int i = 0; i < 40; i++)
        {
            f.Id = $"ex_{i}";
            f.TimestampMs = 1_770_000_000_000 + i * 60_000L;
            f.Signals = i < 10 ? early : late[i % late.Length];
            p.Add(f, ctx);
        }
        for (int s = 0; s < HarvestSignals.Count; s++)
            if (p.SignalCount(s) > 0) Assert.True(p.ExampleHandles(s).Any(), $"no example kept for {HarvestSignals.Ids[s]}");
        Assert.NotEqual(0, p.FirstExample);
        Assert.Equal("ex_0", ctx.Examples.Get(p.FirstExample));
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
