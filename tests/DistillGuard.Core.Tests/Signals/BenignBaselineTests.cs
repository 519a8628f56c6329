using System.Text.Json;
using DistillGuard.Core.Fingerprints;
using DistillGuard.Core.Model;
using DistillGuard.Core.Signals;
using Xunit.Abstractions;

namespace DistillGuard.Core.Tests.Signals;

/// <summary>
/// Runs the content signals over real ordinary user prompts (../shared/data/legit, read in place, never copied) and
/// bounds how often the reasoning-harvest signals fire on them. Skips when the folder is absent.
/// </summary>
public sealed class BenignBaselineTests(ITestOutputHelper output)
{
    internal static List<string>? LoadLegitPrompts()
    {
        var dir = Path.Combine(SignalFixtureTests.RepoRoot(), "..", "shared", "data", "legit");
        if (!Directory.Exists(dir)) dir = "/work/shared/data/legit";
        if (!Directory.Exists(dir)) return null;
        var prompts = new List<string>();
        foreach (var file in Directory.EnumerateFiles(dir, "*.jsonl"))
            foreach (var line in File.ReadLines(file))
            {
                if (string.IsNullOrWhiteSpace(line)) continue;
                var e = JsonDocument.Parse(line).RootElement;
                if (e.TryGetProperty("prompt", out var p) && p.ValueKind == JsonValueKind.String) prompts.Add(p.GetString()!);
                if (e.TryGetProperty("turns", out var t)) prompts.AddRange(t.EnumerateArray().Select(x => x.GetString() ?? ""));
                if (e.TryGetProperty("instruction", out var ins))
                {
                    var input = e.TryGetProperty("instances", out var inst) && inst.GetArrayLength() > 0 && inst[0].TryGetProperty("input", out var inp) ? inp.GetString() : null;
                    prompts.Add(string.IsNullOrEmpty(input) ? ins.GetString()! : ins.GetString() + "\n" + input);
                }
            }
        var toxic = Path.Combine(dir, "toxic_chat_human_train.json");
        if (File.Exists(toxic))
            foreach (var i in JsonDocument.Parse(File.ReadAllText(toxic)).RootElement.GetProperty("instances").EnumerateArray())
            {
                // Prompts labelled as jailbreaking are not ordinary; leave them out of the benign baseline.
                bool jailbreak = i.TryGetProperty("annotations", out var a) && a.TryGetProperty("jailbreaking", out var j) && j.GetProperty("majority_human").GetString() == "1";
                if (!jailbreak) prompts.Add(i.GetProperty("instance").GetString()!);
            }
        return prompts.Where(p => p.Length > 0).ToList();
    }

    [Fact]
    public void ContentSignals_OrdinaryPrompts_ReasoningHarvestSignalsRarelyFire()
    {
        var prompts = LoadLegitPrompts();
        if (prompts is null) { output.WriteLine("SKIPPED: ../shared/data/legit not present"); return; }
        var engine = ContentSignalEngine.Default;
        var counts = new Dictionary<SignalSet, int>();
        var examples = new Dictionary<SignalSet, List<string>>();
        foreach (var p in prompts)
        {
            var (s, _) = engine.Evaluate(p);
            foreach (SignalSet flag in Enum.GetValues<SignalSet>())
                if (flag != SignalSet.None && (s & flag) != 0)
                {
                    counts[flag] = counts.GetValueOrDefault(flag) + 1;
                    (examples.TryGetValue(flag, out var l) ? l : examples[flag] = new()).Add(p.Length > 140 ? p[..140] + "…" : p);
                }
        }
        output.WriteLine($"{prompts.Count} ordinary prompts");
        foreach (var (flag, n) in counts.OrderBy(kv => kv.Key))
        {
            output.WriteLine($"  {SignalCatalog.Default[flag].Id}: {n} ({n / (double)prompts.Count:P2})");
            foreach (var ex in examples[flag].Take(3)) output.WriteLine($"      e.g. {ex.Replace('\n', ' ')}");
        }
        foreach (var flag in new[] { SignalSet.CotElicitation, SignalSet.AnswerToReasoning, SignalSet.ReasoningReveal })
        {
            double rate = counts.GetValueOrDefault(flag) / (double)prompts.Count;
            Assert.True(rate < 0.03, $"{flag} fired on {rate:P2} of ordinary prompts");
        }
        int harvest = counts.Where(kv => kv.Key is SignalSet.RubricGrading or SignalSet.PairwiseJudging or SignalSet.SafeRewrite or SignalSet.SyntheticData or SignalSet.SystemPromptExtraction).Sum(kv => kv.Value);
        Assert.True(harvest / (double)prompts.Count < 0.05, $"other harvest signals fired {harvest} times");
    }

    [Fact]
    public void SkeletonFingerprint_OrdinaryPrompts_SpreadOverManySkeletons()
    {
        // A skeleton links accounts only among those whose harvest egresses apart, and weighs by rarity; still, ordinary
        // prompts should not pile onto a few skeletons, or those skeletons would say nothing.
        var prompts = LoadLegitPrompts();
        if (prompts is null) { output.WriteLine("SKIPPED: ../shared/data/legit not present"); return; }
        var skeletons = prompts.Select(p => SkeletonFingerprint.Compute(p)).Where(x => x != 0).ToList();
        // Near skeletons (within the template threshold) count as one: greedy clusters around the most common values.
        var clusters = new List<(ulong Centre, int Count)>();
        foreach (var g in skeletons.GroupBy(x => x).OrderByDescending(g => g.Count()).ThenBy(g => g.Key))
        {
            int i = clusters.FindIndex(c => TemplateFingerprint.Distance(c.Centre, g.Key) <= TemplateFingerprint.RecommendedThreshold);
            if (i < 0) clusters.Add((g.Key, g.Count()));
            else clusters[i] = (clusters[i].Centre, clusters[i].Count + g.Count());
        }
        int top = clusters.Count == 0 ? 0 : clusters.Max(c => c.Count);
        output.WriteLine($"{prompts.Count} ordinary prompts: {skeletons.Count} ({skeletons.Count / (double)prompts.Count:P1}) have a skeleton, " +
            $"{clusters.Count} skeleton clusters, the largest holds {top} ({top / (double)prompts.Count:P2} of all prompts)");
        Assert.True(top < 0.05 * prompts.Count, $"one skeleton cluster holds {top} of {prompts.Count} ordinary prompts");
    }

    [Fact]
    public void TemplateFingerprint_DistinctOrdinaryPrompts_RarelyLookLikeOneTemplate()
    {
        var prompts = LoadLegitPrompts();
        if (prompts is null) { output.WriteLine("SKIPPED: ../shared/data/legit not present"); return; }
        var distinct = prompts.Where(p => p.Length >= 40).Distinct().Take(1500).ToList();
        var prints = distinct.Select(TemplateFingerprint.Compute).ToArray();
        long pairs = 0, close = 0;
        for (int i = 0; i < prints.Length; i++)
            for (int j = i + 1; j < prints.Length; j += 7)
            {
                pairs++;
                if (TemplateFingerprint.SameTemplate(prints[i], prints[j])) close++;
            }
        output.WriteLine($"{close} of {pairs} pairs of distinct ordinary prompts within {TemplateFingerprint.RecommendedThreshold} bits ({close / (double)pairs:P3})");
        Assert.True(close / (double)pairs < 0.005);
    }
}
