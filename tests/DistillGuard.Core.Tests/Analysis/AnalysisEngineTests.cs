using DistillGuard.Core.Analysis;
using DistillGuard.Core.Model;
using DistillGuard.Core.Verdicts;

namespace DistillGuard.Core.Tests.Analysis;

public sealed class AnalysisEngineTests
{
    [Fact]
    public void Complete_NoExchanges_ReturnsEmptyResult()
    {
        var r = new AnalysisEngine().Complete();
        Assert.Empty(r.Verdicts);
        Assert.Empty(r.Campaigns);
        Assert.Equal(0, r.Stats.Accounts);
    }

    [Fact]
    public void Add_AfterComplete_Throws()
    {
        var e = new AnalysisEngine();
        e.Add(new ExchangeFeatures { Account = "a", Id = "x" });
        e.Complete();
        Assert.Throws<InvalidOperationException>(() => e.Add(new ExchangeFeatures { Account = "a", Id = "y" }));
        Assert.Throws<InvalidOperationException>(() => e.Complete());
    }

    [Fact]
    public void Add_ExchangeWithoutAccount_IsRejectedWithAClearError()
    {
        var ex = Assert.Throws<ArgumentException>(() => new AnalysisEngine().Add(new ExchangeFeatures { Id = "x" }));
        Assert.Contains("account", ex.Message);
    }

    [Fact]
    public void Complete_ReasoningIssuedToOneAccountReplayedByOthers_IsACampaignWithReplayEvidence()
    {
        // One account is issued reasoning artifacts; four others paste them back with "expand the reasoning" prompts.
        var e = new AnalysisEngine();
        var f = new ExchangeFeatures();
        long t = 1_770_000_000_000;
        int n = 0;
        for (int round = 0; round < 40; round++)
        {
            f.IssuedArtifacts.Clear(); f.PresentedArtifacts.Clear();
            f.Id = $"ex_{++n}"; f.Account = "issuer"; f.TimestampMs = t += 60_000; f.Signals = SignalSet.CotElicitation;
            f.TemplateFingerprint = (ulong)round + 1000;
            f.IssuedArtifacts.Add((ulong)round + 1);
            e.Add(f);
            for (int p = 0; p < 4; p++)
            {
                f.IssuedArtifacts.Clear(); f.PresentedArtifacts.Clear();
                f.Id = $"ex_{++n}"; f.Account = $"replayer_{p}"; f.TimestampMs = t += 1000; f.Signals = SignalSet.ArtifactReplay | SignalSet.ReasoningReveal;
                f.TemplateFingerprint = (ulong)(round * 10 + p) + 5000;
                f.PresentedArtifacts.Add((ulong)round + 1);
                e.Add(f);
            }
            // the issuer carrying its own artifact forward is ordinary multi-turn use
            f.IssuedArtifacts.Clear(); f.PresentedArtifacts.Clear();
            f.Id = $"ex_{++n}"; f.Account = "issuer"; f.TimestampMs = t += 1000; f.Signals = SignalSet.None;
            f.PresentedArtifacts.Add((ulong)round + 1);
            e.Add(f);
        }
        var r = e.Complete();
        var c = Assert.Single(r.Campaigns);
        Assert.Contains("reasoning-replay", c.Tactics);
        Assert.Equal(new[] { "issuer", "replayer_0", "replayer_1", "replayer_2", "replayer_3" }, c.Accounts);
        Assert.Contains(c.Evidence, x => x.Kind == "reasoning-replay" && x.ExchangeIds.Count > 0);
        Assert.All(r.Verdicts.Where(v => v.Account.StartsWith("replayer")), v => Assert.Equal(VerdictKind.Campaign, v.Verdict));
    }

    [Fact]
    public void Add_MoreIssuedArtifactsThanTracked_SamplesConsistently()
    {
        var e = new AnalysisEngine(DetectorOptions.Default with { MaxTrackedArtifacts = 1000 });
        var f = new ExchangeFeatures { Account = "a", Id = "x" };
        for (ulong i = 1; i <= 10_000; i++)
        {
            f.IssuedArtifacts.Clear();
            f.IssuedArtifacts.Add(i * 0x9E3779B97F4A7C15UL);
            f.TimestampMs = (long)i;
            e.Add(f);
        }
        Assert.True(e.Complete().Stats.ArtifactSamplingShift >= 3);
    }
}

public sealed class AnalysisInputsTests
{
    [Fact]
    public void Load_MissingFiles_NamesEveryOne()
    {
        var ex = Assert.Throws<FileNotFoundException>(() => AnalysisInputs.Load("/nonexistent/accounts.jsonl", null, new[] { "/nonexistent/intel.txt" }));
        Assert.Contains("accounts.jsonl", ex.Message);
        Assert.Contains("intel.txt", ex.Message);
    }

    [Fact]
    public void Load_NoFiles_GivesEmptyInputs()
    {
        var i = AnalysisInputs.Load(null, null, null);
        Assert.Equal(0, i.Registry.Count);
        Assert.Equal(0, i.Allowlist.Count);
        Assert.Equal(0, i.IpIntel.HostingRanges);
    }
}
