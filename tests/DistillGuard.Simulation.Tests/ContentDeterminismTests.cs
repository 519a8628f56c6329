using DistillGuard.Core.Model;
using DistillGuard.Simulation.Content;
using static DistillGuard.Simulation.Tests.ContentTestSupport;

namespace DistillGuard.Simulation.Tests;

public sealed class ContentDeterminismTests
{
    private static ExchangeIntent Varied(int i)
    {
        var kinds = Enum.GetValues<ContentKind>();
        var apis = Enum.GetValues<ApiFormat>();
        string[] languages = ["en", "en", "en", "es", "zh", "de", "ja", "ru", "hi", "ar", "ko", "fr", "pt"];
        var intent = Intent(apis[i % apis.Length], kinds[i / 3 % kinds.Length], (ulong)i * 0x9E37 + 1);
        intent.Language = languages[i % languages.Length];
        intent.Turns = 1 + i % 4;
        intent.ToolSet = i % 5 == 0 ? i : -1;
        intent.ToolCallInResponse = i % 10 == 0;
        intent.ThinkingBudget = i % 4 == 0 ? 1024 * (1 + i % 16) : 0;
        intent.IssuedArtifact = i % 8 == 0 ? "iss" + i : null;
        intent.ReplayedArtifact = i % 11 == 0 ? "rep" + i : null;
        intent.Logprobs = i % 7 == 0; intent.TopLogprobs = i % 3;
        intent.N = i % 13 == 0 ? 3 : 1;
        intent.Paraphrase = (ulong)(i % 9);
        intent.Template = i % 6 - 1;
        intent.Item = i % 4 == 0 ? -1 : i;
        intent.Temperature = i % 2 == 0 ? 0.7 : null;
        intent.SystemPrompt = i % 3 == 0 ? i : -1;
        return intent;
    }

    [Fact]
    public void Write_SameIntentTwice_GivesIdenticalBytes()
    {
        var a = new TemplateContentRenderer(BuiltIn);
        var b = new TemplateContentRenderer(ContentLibrary.BuiltIn());
        for (int i = 0; i < 300; i++)
        {
            var intent = Varied(i);
            var first = RenderBytes(a, intent, out var r1);
            RenderBytes(a, Varied(i + 1), out _); // an unrelated render in between must not matter
            var second = RenderBytes(b, intent, out var r2);
            Assert.Equal(first, second);
            Assert.Equal(r1, r2);
        }
    }

    [Fact]
    public void Write_DifferentContentSeeds_GiveDifferentBodies()
    {
        var renderer = new TemplateContentRenderer(BuiltIn);
        var x = Intent(ApiFormat.OpenAIChatCompletions, ContentKind.GeneralChat, 1);
        var y = Intent(ApiFormat.OpenAIChatCompletions, ContentKind.GeneralChat, 2);
        Assert.NotEqual(RenderBytes(renderer, x, out _), RenderBytes(renderer, y, out _));
    }

    [Fact]
    public void Write_ParallelRenders_EqualSerialRenders()
    {
        var renderer = new TemplateContentRenderer(BuiltIn);
        const int n = 1500;
        var serial = new byte[n][];
        for (int i = 0; i < n; i++) serial[i] = RenderBytes(renderer, Varied(i), out _);
        var parallel = new byte[n][];
        Parallel.For(0, n, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i => parallel[i] = RenderBytes(renderer, Varied(i), out _));
        for (int i = 0; i < n; i++) Assert.Equal(serial[i], parallel[i]);
    }

    [Fact]
    public void Write_IntentReusedByEngine_DoesNotLeakBetweenCalls()
    {
        var renderer = new TemplateContentRenderer(BuiltIn);
        var reused = Varied(22);
        var fresh = RenderBytes(renderer, Varied(22), out _);
        reused.ReplayedArtifact = "something else";
        RenderBytes(renderer, reused, out _);
        var again = Varied(22);
        Assert.Equal(fresh, RenderBytes(renderer, again, out _));
    }
}
