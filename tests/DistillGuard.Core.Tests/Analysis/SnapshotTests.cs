using System.Text.Json;
using DistillGuard.Core.Analysis;
using DistillGuard.Core.Model;
using DistillGuard.Core.Verdicts;

namespace DistillGuard.Core.Tests.Analysis;

/// <summary>Streaming re-runs the account stages on live profiles: a snapshot must not change what a later one sees.</summary>
public sealed class SnapshotTests
{
    private static string Fingerprint(AnalysisResult r) => JsonSerializer.Serialize(new
    {
        verdicts = r.Verdicts.Select(v => new { v.Account, v.Score, v.Verdict, v.Campaign, v.Exchanges, reasons = v.Reasons.Select(x => new { x.Signal, x.Weight, x.Detail, x.ExchangeIds }) }),
        campaigns = r.Campaigns.Select(c => new { c.Id, c.Accounts, c.Exchanges, c.Score, c.Targets, c.Tactics, evidence = c.Evidence.Select(e => new { e.Kind, e.Summary, e.ExchangeIds }) }),
    });

    [Fact]
    public void Snapshots_Midway_DoNotChangeTheFinalResult()
    {
        var traffic = new SyntheticTraffic(new SyntheticTraffic.Settings { Seed = 11, ReplayIssuers = 2, ReplayPresenters = 6, StationAccounts = 20 });
        var inputs = new AnalysisInputs { Registry = traffic.Registry, Allowlist = traffic.Allowlist, IpIntel = traffic.IpIntel };
        var all = new List<ExchangeFeatures>();
        traffic.Replay(f => all.Add(Copy(f)));

        var batch = new AnalysisEngine();
        foreach (var f in all) batch.Add(f);
        var expected = batch.Complete(inputs);
        Assert.NotEmpty(expected.Campaigns);   // the comparison below means something only with campaigns in it

        var live = new AnalysisEngine();
        int step = all.Count / 7;
        AnalysisResult? midway = null;
        for (int i = 0; i < all.Count; i++)
        {
            live.Add(all[i]);
            if (i > 0 && i % step == 0) midway = live.Snapshot(inputs);
        }
        Assert.NotNull(midway);
        Assert.True(midway!.Stats.Exchanges < all.Count);
        var first = live.Snapshot(inputs);
        var second = live.Snapshot(inputs);
        Assert.Equal(Fingerprint(expected), Fingerprint(first));
        Assert.Equal(Fingerprint(first), Fingerprint(second));
    }

    [Fact]
    public void Snapshot_ReplayPresentedBeforeItsIssuer_IsCountedOncePerSnapshot()
    {
        // The presenters come first; the issuer's exchanges arrive later in the log. Each snapshot resolves the pending
        // artifacts into a copy, so taking many snapshots never inflates the replay counts.
        var e = new AnalysisEngine();
        var f = new ExchangeFeatures();
        long t = 1_770_000_000_000;
        int n = 0;
        for (int round = 0; round < 30; round++)
            for (int p = 0; p < 4; p++)
            {
                f.IssuedArtifacts.Clear(); f.PresentedArtifacts.Clear();
                f.Id = $"ex_{++n}"; f.Account = $"replayer_{p}"; f.TimestampMs = t += 1000; f.Signals = SignalSet.ArtifactReplay | SignalSet.ReasoningReveal;
                f.TemplateFingerprint = (ulong)(round * 10 + p) + 5000;
                f.PresentedArtifacts.Add((ulong)round + 1);
                e.Add(f);
            }
        for (int round = 0; round < 30; round++)
        {
            f.IssuedArtifacts.Clear(); f.PresentedArtifacts.Clear();
            f.Id = $"ex_{++n}"; f.Account = "issuer"; f.TimestampMs = t += 60_000; f.Signals = SignalSet.CotElicitation;
            f.TemplateFingerprint = (ulong)round + 1000;
            f.IssuedArtifacts.Add((ulong)round + 1);
            e.Add(f);
        }
        var a = e.Snapshot();
        var b = e.Snapshot();
        var c = e.Complete();
        Assert.Equal(Fingerprint(a), Fingerprint(b));
        Assert.Equal(Fingerprint(a), Fingerprint(c));
        var campaign = Assert.Single(c.Campaigns);
        Assert.Contains("reasoning-replay", campaign.Tactics);
        Assert.All(c.Verdicts.Where(v => v.Account.StartsWith("replayer")), v => Assert.Equal(VerdictKind.Campaign, v.Verdict));
    }

    private static ExchangeFeatures Copy(ExchangeFeatures f)
    {
        var c = new ExchangeFeatures
        {
            Id = f.Id, TimestampMs = f.TimestampMs, Account = f.Account, Key = f.Key, Ip = f.Ip, UserAgent = f.UserAgent, Ja4 = f.Ja4,
            ForwardedFor = f.ForwardedFor, Route = f.Route, Api = f.Api, Model = f.Model, Status = f.Status, LatencyMs = f.LatencyMs,
            MaxTokens = f.MaxTokens, ThinkingBudget = f.ThinkingBudget, Logprobs = f.Logprobs, TopLogprobs = f.TopLogprobs, N = f.N,
            Temperature = f.Temperature, ToolCount = f.ToolCount, Turns = f.Turns, ReasoningExposed = f.ReasoningExposed,
            InputTokens = f.InputTokens, OutputTokens = f.OutputTokens, ReasoningTokens = f.ReasoningTokens,
            TemplateFingerprint = f.TemplateFingerprint, SkeletonFingerprint = f.SkeletonFingerprint, ItemHash = f.ItemHash,
            SystemHash = f.SystemHash, ToolSetHash = f.ToolSetHash, Signals = f.Signals, Capabilities = f.Capabilities,
        };
        c.IssuedArtifacts.AddRange(f.IssuedArtifacts);
        c.PresentedArtifacts.AddRange(f.PresentedArtifacts);
        return c;
    }
}
