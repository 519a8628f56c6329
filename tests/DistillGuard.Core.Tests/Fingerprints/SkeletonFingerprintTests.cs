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
    [InlineData("¿Cuál es la capital de Australia?")]
    [InlineData("Wie wird das Wetter morgen in Berlin?")]
    [InlineData("推荐一本好看的科幻小说吧。")]
    [InlineData("今日の夕飯のおすすめは何ですか？")]
    [InlineData("오늘 저녁 메뉴 추천해 줘")]
    [InlineData("Как приготовить борщ?")]
    [InlineData("كيف يمكنني أن أنام بشكل أفضل؟")]
    [InlineData("होम लोन कैसे काम करता है?")]
    public void GenericPrompts_InAnyLanguage_HaveNoSkeleton(string prompt)
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

    // One chain-of-thought instruction in English and as written in other languages (for this test), each around a
    // different problem: the translations land on (nearly) the English concept set.
    [Theory]
    [InlineData("Resuelve este problema y muestra tu razonamiento completo paso a paso antes de dar la respuesta final: {0}")]
    [InlineData("Résous ce problème et montre ton raisonnement complet étape par étape avant de donner la réponse finale : {0}")]
    [InlineData("Löse diese Aufgabe und zeige deinen vollständigen Denkprozess Schritt für Schritt, bevor du die endgültige Antwort gibst: {0}")]
    [InlineData("Resolva este problema e mostre seu raciocínio completo passo a passo antes de dar a resposta final: {0}")]
    [InlineData("Risolvi questo problema e mostra il tuo ragionamento completo passo dopo passo prima di dare la risposta finale: {0}")]
    [InlineData("Реши эту задачу и покажи своё полное рассуждение шаг за шагом, прежде чем дать окончательный ответ: {0}")]
    [InlineData("请解决这个问题，在给出最终答案之前，一步一步地展示你完整的推理过程：{0}")]
    [InlineData("この問題を解いて、最終的な答えを出す前に、完全な推論をステップごとに示してください：{0}")]
    [InlineData("이 문제를 풀고, 최종 답을 제시하기 전에 완전한 추론 과정을 단계별로 보여 주세요: {0}")]
    [InlineData("حل هذه المسألة واعرض استدلالك الكامل خطوة بخطوة قبل أن تعطي الإجابة النهائية: {0}")]
    [InlineData("इस समस्या को हल करें और अंतिम उत्तर देने से पहले अपना पूरा तर्क चरण दर चरण दिखाएँ: {0}")]
    public void Translations_OfOneSkeleton_LandNearTheEnglish(string translated)
    {
        const string english = "Solve this problem and show your complete reasoning step by step before you give the final answer: {0}";
        ulong en = SkeletonFingerprint.Concepts(string.Format(english, Problems[0]));
        foreach (var problem in Problems)
        {
            ulong other = SkeletonFingerprint.Concepts(string.Format(translated, problem));
            int shared = System.Numerics.BitOperations.PopCount(en & other), union = System.Numerics.BitOperations.PopCount(en | other);
            Assert.True(shared >= 0.75 * union, $"{Names(en)} vs {Names(other)}");
            Assert.NotEqual(0UL, SkeletonFingerprint.Compute(string.Format(translated, problem)));
        }
    }

    private static string Names(ulong set) =>
        string.Join(",", Enumerable.Range(0, SkeletonFingerprint.Lexicon.Length).Where(i => (set >> i & 1) != 0).Select(i => SkeletonFingerprint.Lexicon[i].Concept));

    [Fact]
    public void ForeignLexicon_ReportsEveryProblemAtOnce()
    {
        var e = Assert.Throws<InvalidOperationException>(() => SkeletonFingerprint.ParseForeign("""
            explain:
              es: ["explic*", "ex*plic"]
            flattery:
              es: ["halag*"]
            step:
              spanish: ["paso"]
            """));
        Assert.Contains("ex*plic", e.Message);
        Assert.Contains("unknown concept 'flattery'", e.Message);
        Assert.Contains("'spanish'", e.Message);
    }

    [Fact]
    public void ForeignLexicon_ShipsEveryLanguageForTheCoreConcepts()
    {
        string[] core = ["explain", "show", "complete", "reasoning", "step", "answer", "problem", "solve", "judge", "rewrite"];
        string[] languages = ["es", "pt", "fr", "de", "it", "ru", "zh", "ja", "ko", "ar", "hi"];
        foreach (var c in core)
        {
            int id = Array.FindIndex(SkeletonFingerprint.Lexicon, l => l.Concept == c);
            foreach (var lang in languages)
                Assert.Contains(SkeletonFingerprint.ForeignPhrases, p => p.Concept == id && p.Language == lang);
        }
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
    /// <summary>One request per address, <paramref name="gapMs"/> apart (default three hours: each request its own visit).</summary>
    private static AccountProfile Feed(IEnumerable<string> ips, long gapMs = 3 * 3_600_000L)
    {
        var ctx = new ProfileContext { TrackParaphrase = true };
        var p = new AccountProfile(0, "a");
        long t = 1_770_000_000_000;
        foreach (var ip in ips) p.Add(new Model.ExchangeFeatures { Id = "ex", Account = "a", Ip = ip, TimestampMs = t += gapMs }, ctx);
        return p;
    }

    [Fact]
    public void ANewNetworkEverySession_Rotates_ThoughEachSessionHasTenTurns()
    {
        // twelve sessions a few hours apart, ten agent turns a minute apart in each, every session from another network:
        // a new network for one request in ten, but for every visit
        var ctx = new ProfileContext { TrackParaphrase = true };
        var p = new AccountProfile(0, "a");
        var r = new Random(3);
        long t = 1_770_000_000_000;
        for (int s = 0; s < 12; s++)
        {
            string ip = $"{r.Next(1, 224)}.{r.Next(256)}.1.1";
            t += 5 * 3_600_000L;
            for (int k = 0; k < 10; k++) p.Add(new Model.ExchangeFeatures { Id = "ex", Account = "a", Ip = ip, TimestampMs = t + k * 60_000 }, ctx);
        }
        Assert.True(p.RotatesExits());
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
