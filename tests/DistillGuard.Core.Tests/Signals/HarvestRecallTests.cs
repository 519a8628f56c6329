using System.Text;
using System.Text.Json;
using DistillGuard.Core.Model;
using DistillGuard.Core.Signals;
using Xunit.Abstractions;

namespace DistillGuard.Core.Tests.Signals;

/// <summary>
/// Measures how often signals fire on public text written by others for the purposes the signals describe (judge
/// prompts, system-prompt extraction attacks, in-the-wild jailbreaks), read in place from ../shared/data. The bounds
/// are deliberately loose: these are single-exchange evidence, not verdicts. Skips when the data is absent.
/// </summary>
public sealed class HarvestRecallTests(ITestOutputHelper output)
{
    private static string? Data(string rel)
    {
        var p = Path.Combine("/work/shared/data", rel);
        var alt = Path.Combine(SignalFixtureTests.RepoRoot(), "..", "shared", "data", rel);
        return File.Exists(alt) ? alt : File.Exists(p) ? p : null;
    }

    private double Rate(string name, IReadOnlyList<string> texts, SignalSet flags)
    {
        int n = texts.Count(t => (ContentSignalEngine.Default.Evaluate(t).Signals & flags) != 0);
        double r = n / (double)Math.Max(1, texts.Count);
        output.WriteLine($"{name}: {n} of {texts.Count} ({r:P1})");
        return r;
    }

    [Fact]
    public void RewardSignals_MtBenchJudgePrompts_MostlyFire()
    {
        var f = Data("harvest/mt_bench_judge_prompts.jsonl");
        if (f is null) { output.WriteLine("SKIPPED: judge prompts not present"); return; }
        var texts = File.ReadLines(f).Where(l => l.Length > 0).Select(l => JsonDocument.Parse(l).RootElement)
            .Select(e => e.GetProperty("system_prompt").GetString() + "\n" + e.GetProperty("prompt_template").GetString()).ToList();
        Assert.True(Rate("judge prompts -> rubric-grading|pairwise-judging", texts, SignalSet.RubricGrading | SignalSet.PairwiseJudging) >= 0.6);
    }

    [Fact]
    public void SystemPromptExtraction_TensorTrustAttacks_FiresOnAShare()
    {
        var f = Data("jailbreak/tensor_trust_extraction_robustness.jsonl");
        if (f is null) { output.WriteLine("SKIPPED: tensor trust data not present"); return; }
        var texts = File.ReadLines(f).Where(l => l.Length > 0).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("attack").GetString() ?? "").ToList();
        Assert.True(Rate("tensor-trust extraction attacks -> system-prompt-extraction", texts, SignalSet.SystemPromptExtraction) >= 0.2);
    }

    [Fact]
    public void Jailbreak_InTheWildJailbreakPrompts_FiresOnAShare()
    {
        var f = Data("jailbreak/jailbreak_llms_jailbreak_prompts_2023_12_25.csv");
        if (f is null) { output.WriteLine("SKIPPED: jailbreak prompts not present"); return; }
        var rows = Csv(File.ReadAllText(f)).Skip(1).Where(r => r.Count > 2).Select(r => r[2]).ToList();
        Assert.True(Rate("in-the-wild jailbreaks -> jailbreak", rows, SignalSet.Jailbreak) >= 0.4);
    }

    [Fact]
    public void SyntheticData_AlpacaGenerationPrompts_Fire()
    {
        var texts = new[] { "harvest/alpaca_generation_prompt.txt", "harvest/code_alpaca_generation_prompt.txt" }.Select(Data).Where(p => p is not null).Select(p => File.ReadAllText(p!)).ToList();
        if (texts.Count == 0) { output.WriteLine("SKIPPED: generation prompts not present"); return; }
        Assert.Equal(1.0, Rate("self-instruct generation prompts -> synthetic-data", texts, SignalSet.SyntheticData));
    }

    private static List<List<string>> Csv(string text)
    {
        var rows = new List<List<string>>();
        var row = new List<string>();
        var cell = new StringBuilder();
        bool quoted = false;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { cell.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else cell.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { row.Add(cell.ToString()); cell.Clear(); }
            else if (c == '\n') { row.Add(cell.ToString()); cell.Clear(); rows.Add(row); row = new(); }
            else if (c != '\r') cell.Append(c);
        }
        if (cell.Length > 0 || row.Count > 0) { row.Add(cell.ToString()); rows.Add(row); }
        return rows;
    }
}
