using Anthropic;
using Anthropic.Models.Messages;

namespace DistillGuard.Gateway.Tests.Support;

/// <summary>Requests through the official Anthropic SDK.</summary>
public static class Sdk
{
    public static MessageCreateParams Ask(string model = "claude-test", IReadOnlyList<MessageParam>? messages = null) => new()
    {
        Model = model,
        MaxTokens = 2048,
        Messages = messages ?? [new UserMessageParam(Bodies.Question)],
        Thinking = new ThinkingConfigEnabled(1024),
    };
}
