using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using DistillGuard.Core.Model;
using DistillGuard.Simulation.Content;

namespace DistillGuard.Benchmarks;

/// <summary>
/// Renders a typical mix of exchanges (mostly ordinary chat, some harvest, a few agent steps with tools, some
/// thinking and logprobs) into one reused buffer. One operation = <see cref="Batch"/> renders.
/// </summary>
[MemoryDiagnoser]
public class ContentRendererBenchmarks
{
    public const int Batch = 1024;
    private ExchangeIntent[] _intents = [];
    private TemplateContentRenderer _renderer = null!;
    private ArrayBufferWriter<byte> _buffer = null!;
    private Utf8JsonWriter _writer = null!;

    [GlobalSetup]
    public void Setup()
    {
        _renderer = new TemplateContentRenderer(ContentLibrary.BuiltIn());
        _buffer = new ArrayBufferWriter<byte>(1 << 20);
        _writer = new Utf8JsonWriter(_buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        _intents = TypicalMix(Batch);
    }

    public static ExchangeIntent[] TypicalMix(int n)
    {
        ContentKind[] legit = [ContentKind.GeneralChat, ContentKind.GeneralChat, ContentKind.Writing, ContentKind.Coding, ContentKind.Math,
            ContentKind.Support, ContentKind.Summarization, ContentKind.Extraction, ContentKind.Translation, ContentKind.Homework, ContentKind.Research];
        ContentKind[] harvest = [ContentKind.CotElicitation, ContentKind.AnswerToReasoning, ContentKind.RubricGrading, ContentKind.CodingHarvest, ContentKind.SyntheticData];
        var intents = new ExchangeIntent[n];
        var apis = Enum.GetValues<ApiFormat>();
        for (int i = 0; i < n; i++)
        {
            bool isHarvest = i % 5 == 0;
            bool agent = i % 17 == 0;
            var kind = agent ? ContentKind.AgentStep : isHarvest ? harvest[i % harvest.Length] : legit[i % legit.Length];
            intents[i] = new ExchangeIntent
            {
                Api = apis[i % apis.Length],
                Model = "model-x",
                Kind = kind,
                Template = isHarvest ? 2 : -1,
                Paraphrase = isHarvest ? (ulong)(i % 40) : 0,
                Item = i,
                SystemPrompt = i % 3 == 0 ? i % 7 : -1,
                Turns = i % 6 == 0 ? 3 : 1,
                ToolSet = agent ? i % 13 : -1,
                ToolCallInResponse = agent,
                ThinkingBudget = i % 8 == 0 ? 4096 : 0,
                IssuedArtifact = i % 8 == 0 ? "sig_" + i : null,
                Logprobs = i % 50 == 0,
                TopLogprobs = i % 50 == 0 ? 3 : 0,
                MaxTokens = isHarvest ? 8192 : 1024,
                Temperature = 0.7,
                Language = i % 10 == 9 ? "es" : "en",
                ContentSeed = (ulong)i * 2654435761UL,
            };
        }
        return intents;
    }

    [Benchmark(OperationsPerInvoke = Batch)]
    public long RenderTypicalMix()
    {
        long bytes = 0;
        foreach (var intent in _intents)
        {
            _buffer.ResetWrittenCount();
            _writer.Reset(_buffer);
            _writer.WriteStartObject();
            _renderer.Write(_writer, intent);
            _writer.WriteEndObject();
            _writer.Flush();
            bytes += _buffer.WrittenCount;
        }
        return bytes;
    }
}
