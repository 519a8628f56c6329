using System.Text.Json;
using DistillGuard.Core.Model;
using DistillGuard.Simulation.Common;

namespace DistillGuard.Simulation.Content;

/// <summary>
/// Renders request and response bodies from skeletons, slot fills and seeded text generators. Stateless apart
/// from the immutable <see cref="ContentLibrary"/> and per-thread scratch buffers, so it is thread-safe and its
/// output depends only on the intent and the library.
/// </summary>
public sealed class TemplateContentRenderer : IContentRenderer
{
    /// <summary>2026-02-01T00:00:00Z: the <c>created</c> time used when the intent gives none.</summary>
    public const long DefaultCreatedUnixSeconds = 1_769_904_000;

    [ThreadStatic] private static RenderScratch? t_scratch;
    private readonly ContentLibrary _library;

    public TemplateContentRenderer(ContentLibrary library) => _library = library ?? throw new ArgumentNullException(nameof(library));

    public ContentLibrary Library => _library;

    public RenderResult Write(Utf8JsonWriter writer, ExchangeIntent intent)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(intent);
        var sc = t_scratch ??= new RenderScratch();
        ConversationPlanner.Plan(_library, intent, sc);
        var r = SimRandom.Derive(intent.ContentSeed, 0x1D5);
        long created = intent.CreatedUnixSeconds > 0 ? intent.CreatedUnixSeconds : DefaultCreatedUnixSeconds;
        int output = 0;
        switch (intent.Api)
        {
            case ApiFormat.OpenAIChatCompletions:
                ChatCompletionsWriter.Request(writer, intent, sc);
                if (!intent.Failed) ChatCompletionsWriter.Response(writer, intent, sc, created, ref r, out output);
                break;
            case ApiFormat.OpenAIResponses:
                ResponsesWriter.Request(writer, intent, sc, ref r);
                if (!intent.Failed) ResponsesWriter.Response(writer, intent, sc, created, ref r, out output);
                break;
            case ApiFormat.AnthropicMessages:
                AnthropicWriter.Request(writer, intent, sc);
                if (!intent.Failed) AnthropicWriter.Response(writer, intent, sc, ref r, out output);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(intent), intent.Api, "unknown api format");
        }
        int input = sc.InputTokens;
        for (int t = 0; t < sc.TurnCount; t++) sc.Turns[t].ReplayedSignature = null;
        return new RenderResult(input, output);
    }

    /// <summary>The final user message alone (for tests and tooling), rendered exactly as in the request.</summary>
    public string UserText(ExchangeIntent intent)
    {
        var sc = t_scratch ??= new RenderScratch();
        ConversationPlanner.Plan(_library, intent, sc);
        return sc.Final.ToString();
    }
}
