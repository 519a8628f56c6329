using System.Buffers;
using System.Text;
using DistillGuard.Gateway.Policy;
using DistillGuard.Gateway.Proxy;
using DistillGuard.Gateway.Seams;
using DistillGuard.Gateway.Streaming;

namespace DistillGuard.Gateway.Tests;

/// <summary>
/// The Chat Completions rewriter reads text-only chunks without a JSON tree (<see cref="TextDelta"/>); whatever the chunk,
/// transform and reasoning protection, what it writes and what it reassembles for the tap must be what the tree path makes.
/// </summary>
public sealed class TextDeltaTests
{
    private static string Chunk(string choices, string head = "\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1700000000,\"model\":\"m\"")
        => "data: {" + head + (head.Length > 0 ? "," : "") + "\"choices\":[" + choices + "]}\n\n";

    private static string Text(string t, int index = 0) => Chunk($"{{\"index\":{index},\"delta\":{{\"content\":\"{t}\"}},\"finish_reason\":null}}");

    private static string Prose(int n)
    {
        const string words = "Sure, I can help you with that. It is a good idea to make sure you don't deploy before the check; for example, " +
                             "it's worth noting that `code` and \\\"quotes\\\" stay, caf\\u00e9 \\u2019 too.\\nMoreover, keep in mind what I'd do.";
        var sb = new StringBuilder();
        // Deltas of 1 to 6 characters, never splitting an escape.
        int i = 0, k = 0;
        while (sb.Length < n * 60)
        {
            int len = 1 + (k++ * 7) % 6;
            int end = Math.Min(words.Length, i + len);
            int bs = words.LastIndexOf('\\', end - 1, end - i);
            if (bs >= 0) end = words[bs + 1] == 'u' ? Math.Min(words.Length, bs + 6) : Math.Min(words.Length, bs + 2);
            sb.Append(Text(words[i..end]));
            i = end == words.Length ? 0 : end;
        }
        return sb.ToString();
    }

    public static TheoryData<string, string> Streams => new()
    {
        { "prose", Chunk("{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"},\"finish_reason\":null}") + Prose(20) +
                   Chunk("{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}") + "data: [DONE]\n\n" },
        // Spacing, CRLF, no space after "data:", an event name and id, 1.0 and logprobs in the choice, a role beside the text.
        { "odd", "event: x\r\nid: 7\r\ndata:{ \"id\" : \"c1\", \"choices\" : [ { \"index\" : 0, \"delta\" : { \"role\" : \"assistant\", \"content\" : \"I do not\" }, \"x\": 1.0, \"logprobs\": null } ] }\r\n\r\n" +
                 "data: {\"choices\":[{\"delta\":{\"content\":\" know \\u00e9\"},\"finish_reason\":null}],\"system_fingerprint\":\"fp\",\"usage\":null}\n\n" +
                 Chunk("{\"index\":0,\"delta\":{\"content\":\"it.\"},\"finish_reason\":\"stop\"}") + "data: [DONE]\n\n" },
        // Two choices in single-choice chunks and in one chunk; the stream ends without [DONE] or finish_reason, so
        // the rewriter makes up the last chunks (with the latest id, created and model).
        { "two choices, cut", Text("Hello the", 0) + Text("re you", 1) + Chunk("{\"index\":0,\"delta\":{\"content\":\"x y\"}},{\"index\":1,\"delta\":{\"content\":\"z w\"}}") +
                              Chunk("{\"index\":1,\"delta\":{\"content\":\"again\"}}", "\"id\":\"c2\",\"created\":5,\"model\":null") +
                              Chunk("{\"index\":0,\"delta\":{\"content\":\"last\"}}", "\"model\":\"m2\"") },
        // Shapes the reader leaves to the tree: an escaped member name, a number as text, an empty text, a tool call,
        // an index that is not an integer.
        { "other shapes", Chunk("{\"index\":0,\"delta\":{\"con\\u0074ent\":\"I am\"}}") + Chunk("{\"index\":0,\"delta\":{\"content\":7}}") +
                          Chunk("{\"index\":0,\"delta\":{\"content\":\"\"}}") + Text("I am here") +
                          Chunk("{\"index\":0,\"delta\":{\"content\":\"a\",\"tool_calls\":[{\"index\":0,\"function\":{\"name\":\"f\",\"arguments\":\"{}\"}}]}}") +
                          Chunk("{\"index\":0.0,\"delta\":{\"content\":\"b c\"}}") + Text(" done") + "data: [DONE]\n\n" },
        // Reasoning before and between the text (summarised or stripped when protection is on).
        { "reasoning", Chunk("{\"index\":0,\"delta\":{\"role\":\"assistant\",\"reasoning_content\":\"Let me think about it.\"}}") +
                       Chunk("{\"index\":0,\"delta\":{\"reasoning_content\":\" More thoughts here.\"}}") + Text("The answer") + Text(" is 42") +
                       Chunk("{\"index\":0,\"delta\":{\"reasoning_content\":\"Wait.\"}}") + Text(" or 43.") +
                       Chunk("{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}") + "data: [DONE]\n\n" },
        // Text chunks that also carry a role, a usage (null and not), a null role, or a second data line; an event with
        // a comment and no space after "data:"; a chunk before any head.
        { "role and usage", Text("First") + Chunk("{\"index\":0,\"delta\":{\"role\":\"tool\",\"content\":\" words\"}}") +
                            Chunk("{\"index\":0,\"delta\":{\"role\":null,\"content\":\" I am\"}}") +
                            "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\" here\"}}],\"usage\":null}\n\n" +
                            "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\" and\"}}],\"usage\":{\"total_tokens\":3}}\n\n" +
                            ": comment\ndata:{\"choices\":[{\"index\":1,\"delta\":{\"content\":\"do not\"}}]}\n\n" +
                            "data: {\"choices\":[{\"index\":0,\ndata: \"delta\":{\"content\":\" there\"}}]}\n\n" +
                            Chunk("{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}") + "data: [DONE]\n\n" },
    };

    public static IEnumerable<object?[]> Cases()
    {
        foreach (var row in Streams)
            foreach (var transform in new[] { "identity", "upper-held", "upper" })
                for (int p = 0; p < Protections.Length; p++)
                    yield return [row[0], row[1], transform, p];
    }

    private static readonly ReasoningProtection?[] Protections =
        [null, new(ReasoningMode.Strip), new(ReasoningMode.Summarise, HoldStream: true, MaxChars: 8), new(ReasoningMode.Summarise, HoldStream: false, MaxChars: 8)];

    private static IResponseTextTransformer Transform(string name) => name switch
    {
        "identity" => new IdentityTransform(),
        "upper-held" => new UpperTransform().For(new ResponseTextContext { Account = "a", Verdict = VerdictLookup.Clear, Api = "openai.chat.completions", Watermark = true, ExchangeId = "x" })!,
        _ => new Upper(),
    };

    /// <summary>What ResponseInterceptor does: rewrite, hold, reassemble for the tap, write.</summary>
    private static (string Written, string? Tap, int Events) Run(string stream, IResponseTextTransformer text, ReasoningProtection? protect, bool treeOnly, int split)
    {
        var rewriter = new ChatStreamRewriter(protect, text) { TreeOnly = treeOnly };
        var hold = new HoldBuffer(protect is { Mode: ReasoningMode.Summarise, HoldStream: true });
        var acc = new ChatAccumulator(null) { TreeOnly = treeOnly };
        var parser = new SseParser();
        var w = new ArrayBufferWriter<byte>();
        var bytes = Encoding.UTF8.GetBytes(stream);
        int events = 0;
        void Emit(List<SseEvent> parsed, bool end)
        {
            var rewritten = new List<SseEvent>();
            var ready = new List<SseEvent>();
            foreach (var e in parsed) rewriter.OnEvent(e, rewritten);
            if (end) rewriter.OnEnd(rewritten);
            foreach (var e in rewritten) hold.Route(e, ready);
            if (end) hold.ReleaseAll(ready);
            foreach (var e in ready) { acc.Observe(e); e.WriteTo(w); events++; }
        }
        for (int i = 0; i < bytes.Length; i += split)
        {
            var parsed = new List<SseEvent>();
            parser.Feed(bytes.AsSpan(i, Math.Min(split, bytes.Length - i)), parsed);
            Emit(parsed, false);
        }
        var last = new List<SseEvent>();
        if (parser.Finish() is { } tail) last.Add(tail);
        Emit(last, true);
        return (Encoding.UTF8.GetString(w.WrittenSpan), acc.Build()?.ToJsonString(), events);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void TextOnlyChunks_WrittenAsTheTreePathWritesThem(string name, string stream, string transform, int protection)
    {
        var protect = Protections[protection];
        foreach (int split in new[] { 1 << 20, 97, 5 })
        {
            var tree = Run(stream, Transform(transform), protect, treeOnly: true, split);
            var fast = Run(stream, Transform(transform), protect, treeOnly: false, split);
            Assert.True(tree.Events > 2, name);
            Assert.Equal(tree.Written, fast.Written);
            Assert.Equal(tree.Tap, fast.Tap);
        }
        if (transform == "identity" && protection == 0) Assert.Equal(stream, Run(stream, Transform(transform), null, false, 1 << 20).Written);
    }

    /// <summary>A stream passed through untouched (no transform, no protection) is reassembled for the tap from text-only
    /// chunks read in one pass; the body must be the one the tree makes.</summary>
    [Theory]
    [MemberData(nameof(Streams))]
    public void Tee_ReassemblesAsTheTreeDoes(string name, string stream)
    {
        foreach (int split in new[] { 1 << 20, 97, 5 })
        {
            string? Tap(bool treeOnly)
            {
                var acc = new ChatAccumulator(null) { TreeOnly = treeOnly };
                var parser = new SseParser();
                var bytes = Encoding.UTF8.GetBytes(stream);
                var parsed = new List<SseEvent>();
                for (int i = 0; i < bytes.Length; i += split) parser.Feed(bytes.AsSpan(i, Math.Min(split, bytes.Length - i)), parsed);
                if (parser.Finish() is { } tail) parsed.Add(tail);
                foreach (var e in parsed) acc.Observe(e);
                return acc.Build()?.ToJsonString();
            }
            Assert.Equal(Tap(treeOnly: true), Tap(treeOnly: false));
            Assert.NotNull(Tap(false));
        }
        _ = name;
    }

    [Theory]
    [InlineData("{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"hi\"},\"finish_reason\":null}]}", true)]
    [InlineData("{\"id\":null,\"choices\":[{\"delta\":{\"role\":\"assistant\",\"content\":\"hi\"}}],\"model\":\"m\"}", true)]
    [InlineData("{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"hi\"},\"finish_reason\":\"stop\"}]}", false)]      // finishing
    [InlineData("{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"hi\"}},{\"index\":1,\"delta\":{\"content\":\"x\"}}]}", false)]   // two choices
    [InlineData("{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"hi\",\"reasoning_content\":\"r\"}}]}", false)]     // more than text
    [InlineData("{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"hi\",\"content\":\"x\"}}]}", false)]              // repeated name
    [InlineData("{\"choices\":[{\"index\":0,\"index\":1,\"delta\":{\"content\":\"hi\"}}]}", false)]
    [InlineData("{\"id\":\"a\",\"id\":\"b\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"hi\"}}]}", false)]
    [InlineData("{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"\"}}]}", false)]                                  // empty text
    [InlineData("{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"hi\"}}]} x", false)]                              // trailing bytes
    [InlineData("{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"hi\"}}]", false)]                                 // truncated
    [InlineData("{\"choices\":[]}", false)]
    public void TextDelta_RecognisesOnlyTextOnlyChunks(string json, bool expected)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        Assert.Equal(expected, TextDelta.TryRead(bytes, out var d));
        if (!expected) return;
        Assert.Equal("hi", d.Content);
        Assert.Equal("\"hi\"", Encoding.UTF8.GetString(bytes, d.ContentStart, d.ContentLength));
        Assert.Equal(json.Contains("\"model\""), d.HasModel);
        Assert.False(d.HasId);          // absent, or null
    }

    private sealed class Upper : IResponseTextTransformer, IResponseTextStream
    {
        public string Apply(string text) => text.ToUpperInvariant();
        public IResponseTextStream Begin() => this;
        public string Push(string delta) => delta.ToUpperInvariant();
        public string Flush() => "";
    }
}
