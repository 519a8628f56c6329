namespace DistillGuard.Gateway.Proxy;

/// <summary>The three API body formats the gateway proxies (exchange-log <c>api</c> names).</summary>
public enum ApiKind { ChatCompletions, Responses, AnthropicMessages }

public static class ApiKinds
{
    public const string ChatCompletionsPath = "/v1/chat/completions";
    public const string ResponsesPath = "/v1/responses";
    public const string MessagesPath = "/v1/messages";

    public static string WireName(this ApiKind api) => api switch
    {
        ApiKind.ChatCompletions => "openai.chat.completions",
        ApiKind.Responses => "openai.responses",
        _ => "anthropic.messages",
    };

    public static ApiKind? FromPath(string path) => path switch
    {
        ChatCompletionsPath => ApiKind.ChatCompletions,
        ResponsesPath => ApiKind.Responses,
        MessagesPath => ApiKind.AnthropicMessages,
        _ => null,
    };

    /// <summary>Whether errors for this path use Anthropic's format (anything under /v1/messages) rather than OpenAI's.</summary>
    public static bool AnthropicErrors(string path) => path.StartsWith(MessagesPath, StringComparison.Ordinal);
}
