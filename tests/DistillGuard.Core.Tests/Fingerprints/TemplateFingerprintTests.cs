using System.Text;
using System.Text.RegularExpressions;
using DistillGuard.Core.Fingerprints;
using Xunit.Abstractions;

namespace DistillGuard.Core.Tests.Fingerprints;

public sealed partial class TemplateFingerprintTests(ITestOutputHelper output)
{
    // Skeletons written for this test: clauses separated by '|', alternatives as [a/b/c], slots in braces.
    private static readonly string[] Skeletons =
    [
        "You are an expert {TOPIC} tutor.|Solve the following problem and [show/display] your [complete/full/entire] reasoning step by step.|Problem: {NAME} has {N} apples and buys {N} more bags of {N} apples each.|[Give/Provide] the final answer at the end.",
        "As a senior data analyst combining statistical rigor with deep domain knowledge, [analyze/examine/evaluate] the dataset below.|Explain every assumption you make.|The data: {TEXT}|Report the [key/main] findings and your confidence.",
        "[Write/Compose] a Python function named {CODEID} that {TOPIC}.|Include type hints and docstrings.|Then write unit tests for edge cases.|Here is the starting code: {CODE}",
        "Translate the following text into {NAME}, keeping the tone formal:|{Q}|Do not add any commentary.",
        "Here is a question and its correct answer.|Question: {TEXT}|Answer: {N}.|[Explain/Describe] the reasoning that leads to this answer, as if you did not know it in advance.",
        "Please act as an impartial judge and [evaluate/assess] the quality of the response provided by an AI assistant to the user question displayed below.|Rate the response on a scale of 1 to 10.|[Question]: {TEXT}|[Response]: {TEXT}",
        "[Generate/Create/Produce] {N} diverse instructions for a language model about {TOPIC}.|Each instruction should be different in style and difficulty.|Output them as a JSON list.",
        "I am planning a trip to {NAME} with my family in {NAME}.|We have a budget of {N} dollars.|Can you suggest an itinerary for {N} days with kid-friendly activities?",
        "My landlord {NAME} has not returned my deposit of {N} euros after {N} months.|What are my rights and how should I write to him?|Contact: {EMAIL}",
        "Summarize the article at {URL} in {N} bullet points for a newsletter.|Focus on what matters for small business owners.",
        "Rewrite the following sensitive question into a safe alternative that does not violate content policy:|{Q}|Keep the meaning as close as possible.",
        "You are a customer support agent for {NAME}.|A customer writes: {Q}|Reply politely, apologise for the delay of {N} days, and offer a refund if appropriate.",
    ];

    private static readonly string[] Names = ["Maria Lopez", "Chen Wei", "Ahmed", "Olga Petrova", "John", "Tokyo", "Nairobi", "Lisbon", "Kenji Sato", "Fatima", "Portuguese", "German", "Acme Corp", "Priya Natarajan", "Oslo"];
    private static readonly string[] Topics = ["photosynthesis", "supply and demand", "the water cycle", "binary search trees", "organic chemistry", "merges two sorted lists", "parses dates from log lines", "plate tectonics", "linear algebra", "cooking pasta", "reverses a string", "European history"];
    private static readonly string[] Vocabulary = "the a of to and in that is was he for it with as his on be at by had are but from or have an they which one you were her all she there would their we him been has when who will more no if out so said what up its about into than them can only other new some could time these two may then do first any my now such like our over man me even most made after also did many before must through back years where much your way well down should because each just those people how too little state good very make world still own see men work long get here between both life being under never day same another know while last might us great old year off come since against go came right used take three".Split(' ');

    private static string Instance(string skeleton, Random rnd)
    {
        var clauses = skeleton.Split('|').ToList();
        if (clauses.Count > 2 && rnd.NextDouble() < 0.3)
        {
            int k = rnd.Next(clauses.Count - 1);
            (clauses[k], clauses[k + 1]) = (clauses[k + 1], clauses[k]);
        }
        var text = string.Join(' ', clauses);
        text = Alternatives().Replace(text, m => { var opts = m.Groups[1].Value.Split('/'); return opts[rnd.Next(opts.Length)]; });
        text = Slot().Replace(text, m => m.Groups[1].Value switch
        {
            "N" => rnd.Next(2) == 0 ? rnd.Next(1, 100000).ToString() : (rnd.Next(1, 1000) / 10.0).ToString("F1"),
            "NAME" => Names[rnd.Next(Names.Length)],
            "TOPIC" => Topics[rnd.Next(Topics.Length)],
            "Q" => "\"" + Words(rnd, 6, 25) + "?\"",
            "TEXT" => Words(rnd, 8, 30) + ".",
            "CODE" => "```python\ndef f(x):\n    return x * " + rnd.Next(100) + "\n```",
            "CODEID" => "`" + Words(rnd, 1, 3).Replace(' ', '_') + "`",
            "URL" => $"https://news.example.org/{rnd.Next(100000)}/story-{rnd.Next(1000)}",
            "EMAIL" => $"user{rnd.Next(1000)}@mail{rnd.Next(50)}.example.com",
            _ => m.Value,
        });
        return text;
    }

    private static string Words(Random rnd, int min, int max)
        => string.Join(' ', Enumerable.Range(0, rnd.Next(min, max)).Select(_ => Vocabulary[rnd.Next(Vocabulary.Length)]));

    [GeneratedRegex(@"\[([^\]]+/[^\]]+)\]")] private static partial Regex Alternatives();
    [GeneratedRegex(@"\{([A-Z]+)\}")] private static partial Regex Slot();

    [Fact]
    public void Compute_GeneratedSkeletons_SameTemplateWithinThresholdAndDifferentTemplatesBeyond()
    {
        var rnd = new Random(20260201);
        const int perSkeleton = 30;
        var prints = Skeletons.Select(s => Enumerable.Range(0, perSkeleton).Select(_ => TemplateFingerprint.Compute(Instance(s, rnd))).ToArray()).ToArray();
        var intra = new List<int>();
        var inter = new List<int>();
        for (int a = 0; a < prints.Length; a++)
            for (int i = 0; i < perSkeleton; i++)
            {
                for (int j = i + 1; j < perSkeleton; j++) intra.Add(TemplateFingerprint.Distance(prints[a][i], prints[a][j]));
                for (int b = a + 1; b < prints.Length; b++) inter.Add(TemplateFingerprint.Distance(prints[a][i], prints[b][(i * 7) % perSkeleton]));
            }
        int t = TemplateFingerprint.RecommendedThreshold;
        double recall = intra.Count(d => d <= t) / (double)intra.Count;
        double falseMatch = inter.Count(d => d <= t) / (double)inter.Count;
        var sb = new StringBuilder();
        sb.AppendLine($"threshold {t}: same-template pairs within = {recall:P1}, different-template pairs within = {falseMatch:P2}");
        sb.AppendLine($"same-template distance p50/p90/p99 = {Pct(intra, 50)}/{Pct(intra, 90)}/{Pct(intra, 99)}; different-template p1/p5/p50 = {Pct(inter, 1)}/{Pct(inter, 5)}/{Pct(inter, 50)}");
        for (int a = 0; a < prints.Length; a++)
        {
            var d = new List<int>();
            for (int i = 0; i < perSkeleton; i++) for (int j = i + 1; j < perSkeleton; j++) d.Add(TemplateFingerprint.Distance(prints[a][i], prints[a][j]));
            sb.AppendLine($"  skeleton {a,2}: p50 {Pct(d, 50)}, p90 {Pct(d, 90)}, max {d.Max()}");
        }
        for (int th = 4; th <= 24; th += 2)
            sb.AppendLine($"  t={th,2}: recall {intra.Count(d => d <= th) / (double)intra.Count:P1}, false-match {inter.Count(d => d <= th) / (double)inter.Count:P2}");
        output.WriteLine(sb.ToString());
        Assert.True(recall >= 0.90, sb.ToString());
        Assert.True(falseMatch <= 0.01, sb.ToString());
    }

    private static int Pct(List<int> xs, int p) { var s = xs.Order().ToList(); return s[Math.Min(s.Count - 1, s.Count * p / 100)]; }

    [Fact]
    public void Compute_FilledSlotsOnly_GiveTheSameFingerprint()
    {
        var a = TemplateFingerprint.Compute("Email John Smith at john@example.com about invoice 4411 due on 2026-03-01, see https://x.example/a.");
        var b = TemplateFingerprint.Compute("Email Maria at maria.lopez@corp.example about invoice 98 due on 2027-12-31, see https://y.example/b/c.");
        Assert.Equal(a, b);
    }

    [Fact]
    public void Compute_UnrelatedPrompts_AreFarApart()
    {
        var a = TemplateFingerprint.Compute("What are the health benefits of green tea compared with coffee?");
        var b = TemplateFingerprint.Compute("Write a bash script that backs up my home directory every night.");
        Assert.True(TemplateFingerprint.Distance(a, b) > TemplateFingerprint.RecommendedThreshold);
    }

    [Fact]
    public void Compute_EmptyText_IsZero() => Assert.Equal(0UL, TemplateFingerprint.Compute(""));
}
