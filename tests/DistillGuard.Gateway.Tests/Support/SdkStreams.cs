using System.Text;
using Anthropic;
using Anthropic.Models.Messages;
using OpenAI.Chat;
using OpenAI.Responses;

namespace DistillGuard.Gateway.Tests.Support;

/// <summary>Reads whole streams through the official SDKs, as an application would.</summary>
public static class SdkStreams
{
    public sealed record Result(string Text, string Reasoning, List<string> Artifacts, int Events);

    public static async Task<Result> AnthropicAsync(AnthropicClient client, MessageCreateParams p)
    {
        var text = new StringBuilder();
        var thinking = new StringBuilder();
        var signatures = new List<string>();
        int n = 0;
        await foreach (var e in client.Messages.CreateStreaming(p))
        {
            n++;
            if (!e.TryPickContentBlockDelta(out var d)) continue;
            if (d.Delta.TryPickText(out var t)) text.Append(t.Text);
            else if (d.Delta.TryPickThinking(out var th)) thinking.Append(th.Thinking);
            else if (d.Delta.TryPickSignature(out var s)) signatures.Add(s.Signature);
        }
        return new Result(text.ToString(), thinking.ToString(), signatures, n);
    }

    public static async Task<Result> ChatAsync(ChatClient client, string question = Bodies.Question)
    {
        var text = new StringBuilder();
        int n = 0;
        await foreach (var u in client.CompleteChatStreamingAsync([new UserChatMessage(question)]))
        {
            n++;
            foreach (var part in u.ContentUpdate) text.Append(part.Text);
        }
        return new Result(text.ToString(), "", [], n);
    }

    public static async Task<Result> ResponsesAsync(ResponsesClient client, string model = "o-test")
    {
        var text = new StringBuilder();
        var summary = new StringBuilder();
        var artifacts = new List<string>();
        int n = 0;
        var options = new CreateResponseOptions(model, [ResponseItem.CreateUserMessageItem(Bodies.Question)]) { StreamingEnabled = true };
        await foreach (var u in await client.CreateResponseStreamingAsync(options))
        {
            n++;
            if (u is StreamingResponseOutputTextDeltaUpdate d) text.Append(d.Delta);
            else if (u is StreamingResponseReasoningSummaryTextDeltaUpdate r) summary.Append(r.Delta);
            else if (u is StreamingResponseCompletedUpdate c)
                foreach (var item in c.Response.OutputItems.OfType<ReasoningResponseItem>())
                    if (item.EncryptedContent is { } ec) artifacts.Add(ec);
        }
        return new Result(text.ToString(), summary.ToString(), artifacts, n);
    }

    /// <summary>The text and reasoning summary of a buffered Responses result.</summary>
    public static (string Text, string Reasoning, int ReasoningItems) Read(ResponseResult r)
    {
        var text = string.Concat(r.OutputItems.OfType<MessageResponseItem>().SelectMany(m => m.Content).Select(c => c.Text));
        var reasoning = r.OutputItems.OfType<ReasoningResponseItem>().ToList();
        var summary = string.Concat(reasoning.SelectMany(i => i.SummaryParts).OfType<ReasoningSummaryTextPart>().Select(p => p.Text));
        return (text, summary, reasoning.Count);
    }
}
