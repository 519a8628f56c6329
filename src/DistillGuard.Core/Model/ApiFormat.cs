namespace DistillGuard.Core.Model;

/// <summary>The three public body formats an exchange can carry (exchange-log spec, field <c>api</c>).</summary>
public enum ApiFormat : byte
{
    OpenAIChatCompletions = 0,
    OpenAIResponses = 1,
    AnthropicMessages = 2,
}

/// <summary>Maps <see cref="ApiFormat"/> to and from its wire name.</summary>
public static class ApiFormats
{
    public const string ChatCompletionsName = "openai.chat.completions";
    public const string ResponsesName = "openai.responses";
    public const string AnthropicMessagesName = "anthropic.messages";

    public static string WireName(this ApiFormat api) => api switch
    {
        ApiFormat.OpenAIChatCompletions => ChatCompletionsName,
        ApiFormat.OpenAIResponses => ResponsesName,
        ApiFormat.AnthropicMessages => AnthropicMessagesName,
        _ => throw new ArgumentOutOfRangeException(nameof(api), api, "unknown api format"),
    };

    public static bool TryParse(ReadOnlySpan<byte> utf8, out ApiFormat api)
    {
        if (utf8.SequenceEqual("openai.chat.completions"u8)) { api = ApiFormat.OpenAIChatCompletions; return true; }
        if (utf8.SequenceEqual("anthropic.messages"u8)) { api = ApiFormat.AnthropicMessages; return true; }
        if (utf8.SequenceEqual("openai.responses"u8)) { api = ApiFormat.OpenAIResponses; return true; }
        api = default;
        return false;
    }

    public static bool TryParse(string name, out ApiFormat api)
        => TryParse(System.Text.Encoding.UTF8.GetBytes(name), out api);
}
