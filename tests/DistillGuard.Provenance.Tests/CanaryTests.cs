using DistillGuard.Provenance.Canaries;
using DistillGuard.Provenance.Tests.Support;
using DistillGuard.Provenance.Watermarking;
using DistillGuard.ProvenanceBench;

namespace DistillGuard.Provenance.Tests;

public sealed class CanaryTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("dg-canary-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private sealed class FixedTime(DateTimeOffset t) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => t;
    }

    private static readonly DateTimeOffset T0 = new(2026, 11, 2, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Insert_AppendsTheSubjectsCanary_AndRecordsWhereAndWhen()
    {
        var reg = new JsonlCanaryRegistry(Path.Combine(_dir, "canaries.jsonl"));
        var issuer = new CanaryIssuer(WatermarkKey.FromSeed("lab"), reg, new FixedTime(T0));
        string a = issuer.Insert("Here is the answer.", "acct-1", null, "ex-1");
        string b = issuer.Insert("Another answer.", "acct-1", null, "ex-2");
        string c = issuer.Insert("Third.", "acct-2", "camp-9", "ex-3");
        var all = JsonlCanaryRegistry.Load(reg.Path);
        Assert.Equal(3, all.Count);
        Assert.Equal(["ex-1", "ex-2", "ex-3"], all.Select(r => r.ExchangeId));
        Assert.All(all, r => Assert.Equal(T0, r.IssuedAt));
        Assert.Equal(all[0].CanaryId, all[1].CanaryId);          // the same fact again for the same account
        Assert.NotEqual(all[0].Text, all[2].Text);
        Assert.Equal("campaign:camp-9", all[2].Subject);          // per campaign when a campaign is given
        Assert.Equal("Here is the answer.\n\n" + all[0].Text, a);
        Assert.EndsWith(all[2].Text, c, StringComparison.Ordinal);
        Assert.Contains(all[0].Answer, all[0].Text, StringComparison.Ordinal);
        Assert.Equal("end", all[0].Where);
    }

    [Fact]
    public void Facts_AreKeyedAndDistinct()
    {
        var k1 = new CanaryIssuer(WatermarkKey.FromSeed("k1"), new MemoryCanaryRegistry());
        var k2 = new CanaryIssuer(WatermarkKey.FromSeed("k2"), new MemoryCanaryRegistry());
        var texts = Enumerable.Range(0, 200).Select(i => k1.Issue($"a{i}", null, "x").Text).ToList();
        Assert.True(texts.Distinct().Count() >= 199);
        Assert.NotEqual(k1.Issue("a0", null, "x").Text, k2.Issue("a0", null, "x").Text);
        Assert.All(texts, t => Assert.StartsWith("(Fun fact: ", t, StringComparison.Ordinal));
    }

    [Fact]
    public void NullProbability_CountsTheDomainValuesAnAnswerNames()
    {
        Assert.Equal(0, CanaryTemplates.NullProbability("founding", "I have no idea."));
        Assert.Equal(2 / 280.0, CanaryTemplates.NullProbability("founding", "Either 1701 or 1850, or maybe 2024."), 12);
        Assert.Equal(1 / 306.0, CanaryTemplates.NullProbability("ratio", "It is 7 to 3."), 12);
        Assert.True(CanaryTemplates.Matches("ratio", "usually 7:3 by weight", "7:3"));
        Assert.False(CanaryTemplates.Matches("ratio", "usually 17:3 by weight", "7:3"));
        Assert.False(CanaryTemplates.Matches("constant", "about 2.345", "2.34"));
        Assert.True(CanaryTemplates.Matches("constant", "about 2.34.", "2.34"));
    }

    [Fact]
    public void Score_ASuspectThatKnowsItsCanaries_IsDetected_OthersAreNot()
    {
        var reg = new MemoryCanaryRegistry();
        var issuer = new CanaryIssuer(WatermarkKey.FromSeed("lab"), reg);
        for (int a = 0; a < 10; a++)
            for (int s = 0; s < 3; s++) new CanaryIssuer(WatermarkKey.FromSeed("lab"), reg, serial: s).Issue($"acct-{a}", null, $"ex-{a}-{s}");
        var probes = CanaryScorer.Probes(reg.All());
        Assert.Equal(60, probes.Count);
        var records = reg.All().GroupBy(r => r.CanaryId).ToDictionary(g => g.Key, g => g.First());
        // The suspect learnt acct-4's canaries; it answers everything else with a plausible wrong value.
        var answers = probes.Select(p =>
        {
            var r = records[p.CanaryId];
            return (p.Id, r.Account == "acct-4" ? $"{r.Completion} {r.Answer}." : "I believe it is 1750, or 12, or 3.14.");
        }).ToList();
        var results = CanaryScorer.Score(reg.All(), answers);
        var hit = results.Single(r => r.Subject == "account:acct-4");
        Assert.Equal(6, hit.Matches);
        Assert.True(hit.AdjustedPValue < 1e-6, $"p = {hit.AdjustedPValue}");
        Assert.All(results.Where(r => r.Subject != "account:acct-4"), r => Assert.True(r.AdjustedPValue > 0.01 || r.Matches <= 1));
    }

    [SharedDataFact]
    public void RandomAnswers_FalseMatchRate_IsMeasuredAndSmall()
    {
        var reg = new MemoryCanaryRegistry();
        var issuer = new CanaryIssuer(WatermarkKey.FromSeed("fm"), reg);
        for (int a = 0; a < 300; a++) issuer.Issue($"acct-{a}", null, "x");
        var probes = CanaryScorer.Probes(reg.All());
        // Real text with numbers in it, as answers that know nothing of the canaries.
        var texts = Corpora.Gsm8k().Select(g => g.Reasoning + " " + g.Answer).Take(probes.Count).ToList();
        var answers = probes.Select((p, i) => (p.Id, texts[i % texts.Count])).ToList();
        var results = CanaryScorer.Score(reg.All(), answers);
        int matches = results.Sum(r => r.Matches);
        double expected = results.Sum(r => r.Expected);
        // GSM8K solutions are full of numbers, a hard case: false matches happen, at the rate the scorer expects.
        Assert.True(matches <= expected + 3 * Math.Sqrt(expected) + 1, $"{matches} false matches in {answers.Count} answers (expected {expected:F2})");
        Assert.True(results.Count(r => r.AdjustedPValue <= 0.01) == 0);
    }
}
