using System.Text.Encodings.Web;
using System.Text.Json;
using DistillGuard.Core.Model;
using DistillGuard.Simulation.Content;

namespace DistillGuard.Simulation.Tests;

/// <summary>Renders intents into a standalone JSON object and parses it back.</summary>
internal static class ContentTestSupport
{
    public static readonly ContentLibrary BuiltIn = ContentLibrary.BuiltIn();

    public static string CorpusDir
    {
        get
        {
            string? env = Environment.GetEnvironmentVariable("DISTILLGUARD_DATA");
            if (!string.IsNullOrEmpty(env)) return env;
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null)
            {
                var candidate = Path.Combine(dir.FullName, "shared", "data");
                if (Directory.Exists(candidate)) return candidate;
                candidate = Path.Combine(dir.FullName, "..", "shared", "data");
                if (Directory.Exists(candidate)) return Path.GetFullPath(candidate);
                dir = dir.Parent;
            }
            return "/work/shared/data";
        }
    }

    public static byte[] RenderBytes(IContentRenderer renderer, ExchangeIntent intent, out RenderResult result)
    {
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            result = renderer.Write(w, intent);
            w.WriteEndObject();
        }
        return ms.ToArray();
    }

    public static JsonDocument Render(IContentRenderer renderer, ExchangeIntent intent, out RenderResult result)
        => JsonDocument.Parse(RenderBytes(renderer, intent, out result));

    public static JsonDocument Render(ExchangeIntent intent) => Render(new TemplateContentRenderer(BuiltIn), intent, out _);

    public static ExchangeIntent Intent(ApiFormat api, ContentKind kind, ulong seed = 1) => new()
    {
        Api = api,
        Model = api == ApiFormat.AnthropicMessages ? "claude-test-1" : "gpt-test-1",
        Kind = kind,
        ContentSeed = seed,
        MaxTokens = 2048,
    };

    public static readonly HashSet<ContentKind> HarvestKinds =
    [
        ContentKind.CotElicitation, ContentKind.AnswerToReasoning, ContentKind.ReasoningReveal, ContentKind.RubricGrading,
        ContentKind.PairwiseJudging, ContentKind.SafeRewrite, ContentKind.AgenticHarvest, ContentKind.CodingHarvest,
        ContentKind.SyntheticData, ContentKind.SystemPromptExtraction, ContentKind.ReasoningReplay,
    ];

    public static HashSet<string> Words(string text)
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        foreach (var w in text.Split([' ', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries)) set.Add(w);
        return set;
    }
}

/// <summary>A fact that runs only when the public corpus directory exists.</summary>
public sealed class CorpusFactAttribute : FactAttribute
{
    public CorpusFactAttribute()
    {
        if (!Directory.Exists(ContentTestSupport.CorpusDir))
            Skip = $"public corpus not found at {ContentTestSupport.CorpusDir} (set DISTILLGUARD_DATA to run this test)";
    }
}
