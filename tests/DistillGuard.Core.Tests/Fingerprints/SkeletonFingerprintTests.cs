using DistillGuard.Core.Fingerprints;
using DistillGuard.Core.Profiles;

namespace DistillGuard.Core.Tests.Fingerprints;

public sealed class SkeletonFingerprintTests
{
    // One instruction skeleton written four ways (synonyms, clause order, framing, casing, numbering), each with a
    // different filled-in problem; and unrelated prompts. Written for this test.
    private static readonly string[] Paraphrases =
    [
        "Solve the following problem: {0}. Explain your complete reasoning step by step, verify each step, then state the final answer.",
        "Kindly tackle this question - {0}\nDescribe your entire thought process in stages. Then give the ultimate result after you check every stage.",
        "1. {0}\n2. verify all intermediate stages\n3. clarify your exhaustive thinking\n4. finally report the solution",
        "I'd appreciate your help. Work out this exercise: {0}. Elaborate your full rationale, phase by phase; double-check each phase before you provide the last answer.",
    ];

    private static readonly string[] Problems =
    [
        "a train travels 81 km/h for 3 hours, how far does it go",
        "if 13x - 13 = 130, what is x",
        "Maria has 14 apples and gives away 5; how many remain",
        "what is the area of a circle of radius 7 cm",
    ];

    [Fact]
    public void Paraphrases_OfOneSkeleton_LieWithinTheTemplateThreshold_WhateverTheFilledInProblem()
    {
        var fps = Paraphrases.SelectMany(p => Problems.Select(q => SkeletonFingerprint.Compute(string.Format(p, q)))).ToList();
        Assert.DoesNotContain(0UL, fps);
        foreach (var a in fps)
            foreach (var b in fps)
                Assert.True(TemplateFingerprint.Distance(a, b) <= TemplateFingerprint.RecommendedThreshold, $"{a:x16} vs {b:x16}: {TemplateFingerprint.Distance(a, b)} bits");
    }

    [Fact]
    public void TheFilledInProblem_DoesNotMoveTheFingerprint()
    {
        var one = Problems.Select(q => SkeletonFingerprint.Compute(string.Format(Paraphrases[0], q))).Distinct().ToList();
        Assert.Single(one);
    }

    [Theory]
    [InlineData("Write a short poem about autumn leaves falling in the park.")]
    [InlineData("What is the capital of Australia?")]
    [InlineData("Translate 'good morning' into Spanish.")]
    [InlineData("Résous ce problème et explique ton raisonnement complet étape par étape.")]
    public void GenericOrForeignPrompts_HaveNoSkeleton(string prompt)
    {
        Assert.Equal(0UL, SkeletonFingerprint.Compute(prompt));
    }

    [Fact]
    public void DifferentSkeletons_AreFarApart()
    {
        ulong cot = SkeletonFingerprint.Compute(string.Format(Paraphrases[0], Problems[0]));
        ulong judge = SkeletonFingerprint.Compute("Here are two responses to a user. Compare them against the rubric criteria, decide which is more helpful and harmless, and output your verdict as JSON.");
        ulong synth = SkeletonFingerprint.Compute("Generate 20 diverse examples of customer support questions with sample replies, formatted as a CSV table.");
        Assert.NotEqual(0UL, judge);
        Assert.NotEqual(0UL, synth);
        Assert.True(TemplateFingerprint.Distance(cot, judge) > TemplateFingerprint.RecommendedThreshold);
        Assert.True(TemplateFingerprint.Distance(cot, synth) > TemplateFingerprint.RecommendedThreshold);
        Assert.True(TemplateFingerprint.Distance(judge, synth) > TemplateFingerprint.RecommendedThreshold);
    }

    [Fact]
    public void Concepts_FoldSynonymsAndEndings()
    {
        Assert.Equal(SkeletonFingerprint.Concepts("explain the complete reasoning steps"), SkeletonFingerprint.Concepts("Describes THOROUGH thinking stages"));
        Assert.Equal(0UL, SkeletonFingerprint.Concepts("the cat sat on the mat"));
    }
}

public sealed class RotatingExitsTests
{
    [Theory]
    [InlineData("203.0.113.7", "203.0.9.1", true)]
    [InlineData("203.0.113.7", "198.51.100.7", false)]
    [InlineData("2001:db8:1::1", "2001:db8:ffff::2", true)]
    [InlineData("2001:db8:1::1", "2001:db9:1::1", false)]
    public void NetworkOf_IsIpv4Slash16_OrIpv6Slash32(string a, string b, bool same)
    {
        Assert.Equal(same, AccountProfile.NetworkOf(a) == AccountProfile.NetworkOf(b));
    }
}

public sealed class RotatingExitsProfileTests
{
    private static AccountProfile Feed(IEnumerable<string> ips)
    {
        var ctx = new ProfileContext { TrackParaphrase = true };
        var p = new AccountProfile(0, "a");
        long t = 1_770_000_000_000;
        foreach (var ip in ips) p.Add(new Model.ExchangeFeatures { Id = "ex", Account = "a", Ip = ip, TimestampMs = t += 60_000 }, ctx);
        return p;
    }

    [Fact]
    public void ANewNetworkEveryFewRequests_Rotates()
    {
        var r = new Random(5);
        Assert.True(Feed(Enumerable.Range(0, 20).Select(_ => $"{r.Next(1, 224)}.{r.Next(256)}.1.1")).RotatesExits());
    }

    [Fact]
    public void AHomeLineAndAPhone_DoNotRotate()
    {
        // 60 requests from home, a phone on two carriers and one hotel: 4 networks, but a new one for < 20 % of requests.
        var ips = Enumerable.Range(0, 60).Select(i => i % 10 == 0 ? "100.64.3.4" : i % 17 == 0 ? "172.58.9.1" : "73.12.40.2").Append("198.51.100.20");
        Assert.False(Feed(ips).RotatesExits());
        Assert.False(Feed(["73.12.40.2", "73.12.40.2", "73.12.40.3"]).RotatesExits());
    }
}
