using System.Text;
using DistillGuard.Core.Model;
using DistillGuard.Simulation.Content;
using static DistillGuard.Simulation.Tests.ContentTestSupport;

namespace DistillGuard.Simulation.Tests;

public sealed class ContentLibraryLoadTests
{
    [CorpusFact]
    public void Load_PublicCorpus_ReadsEveryShapeAndFeedsTheKinds()
    {
        var lib = ContentLibrary.Load(CorpusDir);
        Assert.Contains(lib.Sources, s => s.File.Contains("gsm8k") && s.Items > 1000);
        Assert.Contains(lib.Sources, s => s.File.Contains("mmlu") && s.Items > 50);
        Assert.Contains(lib.Sources, s => s.File.Contains("HumanEval") && s.Items > 100);
        Assert.Contains(lib.Sources, s => s.File.Contains("bfcl") && s.Items > 100);
        Assert.Contains(lib.Sources, s => s.File.Contains("toxic_chat") && s.Items > 1000);
        Assert.Contains(lib.Sources, s => s.File.Contains("mt_bench_judge") && s.Items > 0);
        Assert.Contains(lib.Sources, s => s.File.Contains("tensor_trust") && s.Items > 100);
        Assert.Contains(lib.Sources, s => s.File.Contains("jailbreak_prompts") && s.Items > 100);
        Assert.True(lib.CorpusItemCount(ContentKind.Math) > 1000);
        Assert.True(lib.CorpusItemCount(ContentKind.GeneralChat) > 500);
        Assert.True(lib.CorpusItemCount(ContentKind.Coding) > 1000);
        Assert.True(lib.ToolSetCount > BuiltIn.ToolSetCount + 100);
        Assert.True(lib.TemplateCount(ContentKind.PairwiseJudging) > BuiltIn.TemplateCount(ContentKind.PairwiseJudging));

        var renderer = new TemplateContentRenderer(lib);
        foreach (var api in Enum.GetValues<ApiFormat>())
            foreach (var kind in Enum.GetValues<ContentKind>())
                for (ulong seed = 0; seed < 6; seed++)
                {
                    var intent = Intent(api, kind, seed);
                    intent.Template = (int)seed * 5;
                    intent.ToolSet = kind is ContentKind.AgentStep or ContentKind.AgenticHarvest ? BuiltIn.ToolSetCount + (int)seed : -1;
                    intent.ToolCallInResponse = intent.ToolSet >= 0;
                    using var doc = Render(renderer, intent, out _);
                    Assert.True(doc.RootElement.GetProperty("request").GetRawText().Length > 40);
                }
    }

    [CorpusFact]
    public void Load_PublicCorpus_RealPromptsReplaceBuiltInFills()
    {
        var lib = ContentLibrary.Load(CorpusDir);
        var builtIn = new TemplateContentRenderer(BuiltIn);
        var loaded = new TemplateContentRenderer(lib);
        var builtInTexts = new HashSet<string>();
        var loadedTexts = new HashSet<string>();
        for (long item = 0; item < 200; item++)
        {
            var intent = Intent(ApiFormat.OpenAIChatCompletions, ContentKind.Math, 1);
            intent.Template = 0; intent.Item = item;
            builtInTexts.Add(builtIn.UserText(intent));
            loadedTexts.Add(loaded.UserText(intent));
        }
        Assert.True(loadedTexts.Count > 150);
        Assert.Empty(loadedTexts.Intersect(builtInTexts));
    }

    [Fact]
    public void Load_MissingDirectory_FallsBackToBuiltInWithANote()
    {
        var lib = ContentLibrary.Load(Path.Combine(Path.GetTempPath(), "distillguard-no-such-dir-" + Guid.NewGuid()));
        var source = Assert.Single(lib.Sources);
        Assert.Equal(0, source.Items);
        Assert.Contains("not found", source.Note);
        Assert.Equal(BuiltIn.TemplateCount(ContentKind.CotElicitation), lib.TemplateCount(ContentKind.CotElicitation));
    }

    [Fact]
    public void Load_DirectoryOfMalformedFiles_SkipsWithNotesAndKeepsGoodRecords()
    {
        string dir = Path.Combine(Path.GetTempPath(), "distillguard-bad-corpus-" + Guid.NewGuid().ToString("N"));
        try
        {
            Directory.CreateDirectory(Path.Combine(dir, "harvest", "bfcl"));
            Directory.CreateDirectory(Path.Combine(dir, "harvest", "mmlu"));
            Directory.CreateDirectory(Path.Combine(dir, "harvest", "cot_prompts"));
            Directory.CreateDirectory(Path.Combine(dir, "legit"));
            Directory.CreateDirectory(Path.Combine(dir, "jailbreak"));
            File.WriteAllText(Path.Combine(dir, "harvest", "gsm8k_train.jsonl"),
                "{not json\n[1,2,3]\n{\"question\": 5}\n{\"question\": \"Ana has 3 pens and buys 4 more. How many pens?\", \"answer\": \"3+4=7\\n#### 7\"}\n\u0000\u0001garbage\n");
            File.WriteAllText(Path.Combine(dir, "legit", "toxic_chat_human_train.json"), "{\"instances\": [ {\"instance\": ");
            File.WriteAllText(Path.Combine(dir, "legit", "arena_hard_v0.1_question.jsonl"), "{\"prompt\": [\"wrong type\"]}\n{\"uid\": \"x\"}\n");
            File.WriteAllBytes(Path.Combine(dir, "harvest", "HumanEval.jsonl.gz"), Encoding.UTF8.GetBytes("this is not gzip"));
            File.WriteAllText(Path.Combine(dir, "harvest", "code_alpaca_2k.json"), "{\"instruction\": \"an object, not an array\"}");
            File.WriteAllText(Path.Combine(dir, "harvest", "bfcl", "BFCL_v4_simple.json"), "{\"id\": 1, \"question\": \"flat\", \"function\": {}}\n{\"question\": [[{\"role\": \"user\", \"content\": \"hi\"}]], \"function\": [{\"name\": \"f\"}]}\n");
            File.WriteAllText(Path.Combine(dir, "harvest", "mmlu", "broken_test.csv"), "\"unterminated,quote,A,B,C,D,A\nq,only,three\n");
            File.WriteAllText(Path.Combine(dir, "harvest", "mt_bench_judge_prompts.jsonl"), "{\"type\": \"pairwise\"}\n");
            File.WriteAllText(Path.Combine(dir, "harvest", "persona_hub_tool_2k.jsonl"), "");
            File.WriteAllText(Path.Combine(dir, "harvest", "cot_prompts", "prompt_easy.txt"), "");
            File.WriteAllText(Path.Combine(dir, "jailbreak", "jailbreak_llms_jailbreak_prompts_2023_12_25.csv"), "platform,prompt\n\"x\",\"never closed");
            File.WriteAllText(Path.Combine(dir, "jailbreak", "tensor_trust_extraction_robustness.jsonl"), "{\"attack\": null}\n");

            var lib = ContentLibrary.Load(dir);

            var gsm = Assert.Single(lib.Sources, s => s.File.EndsWith("gsm8k_train.jsonl"));
            Assert.Equal(1, gsm.Items);
            Assert.Contains("skipped", gsm.Note);
            Assert.Contains(lib.Sources, s => s.File.EndsWith("toxic_chat_human_train.json") && s.Items == 0 && s.Note.StartsWith("skipped"));
            Assert.Contains(lib.Sources, s => s.File.EndsWith("HumanEval.jsonl.gz") && s.Items == 0);
            Assert.Contains(lib.Sources, s => s.File.EndsWith("code_alpaca_2k.json") && s.Items == 0);
            Assert.True(lib.Sources.Count >= 10);
            Assert.Equal(1, lib.CorpusItemCount(ContentKind.Math));

            // The library still renders every kind.
            var renderer = new TemplateContentRenderer(lib);
            foreach (var kind in Enum.GetValues<ContentKind>())
            {
                var intent = Intent(ApiFormat.AnthropicMessages, kind, 3);
                intent.ToolSet = lib.ToolSetCount - 1;
                using var doc = Render(renderer, intent, out _);
            }
            var math = Intent(ApiFormat.OpenAIChatCompletions, ContentKind.Math, 3);
            math.Template = 0; math.Item = 0;
            Assert.Contains("Ana has 3 pens", renderer.UserText(math));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
