using DistillGuard.Core.Model;

namespace DistillGuard.Simulation.Network;

/// <summary>An HTTP client as the edge sees it: its User-Agent, its TLS fingerprint (JA4) and the API format it speaks.</summary>
public sealed record ClientStack(string Name, string UserAgent, string Ja4, ApiFormat[] Apis);

/// <summary>
/// The SDKs and tools people call the API with. JA4 strings are made up but follow the format and are
/// shared by every client on the same TLS stack (all Python clients on one OpenSSL look alike), as in life.
/// </summary>
public static class ClientStacks
{
    private const string PyOpenSsl3 = "t13d1812h2_e8a523a41297_7c1d8ff2b8d5";
    private const string PyOpenSsl11 = "t13d1715h2_5b57614c22b0_3d5424432f57";
    private const string Node = "t13d1516h2_8daaf6152771_02713d6af862";
    private const string Curl = "t13d3112h2_e8f1e7e78f70_6bebaf5329ac";
    private const string Go = "t13d1310h2_9dc949149365_e7c285222651";
    private const string Java = "t13d4011h2_5e6e6a5c1a70_4e9f3c7a1b22";
    private const string Browser = "t13d1516h2_8daaf6152771_e5627efa2ab1";

    private static readonly ApiFormat[] OpenAi = [ApiFormat.OpenAIChatCompletions, ApiFormat.OpenAIResponses];
    private static readonly ApiFormat[] Anthropic = [ApiFormat.AnthropicMessages];
    private static readonly ApiFormat[] Any = [ApiFormat.OpenAIChatCompletions, ApiFormat.OpenAIResponses, ApiFormat.AnthropicMessages];

    public static readonly ClientStack[] All =
    [
        new("openai-python", "OpenAI/Python 1.54.3", PyOpenSsl3, OpenAi),
        new("openai-python-old", "OpenAI/Python 1.35.10", PyOpenSsl11, OpenAi),
        new("anthropic-python", "Anthropic/Python 0.39.0", PyOpenSsl3, Anthropic),
        new("anthropic-python-old", "Anthropic/Python 0.28.1", PyOpenSsl11, Anthropic),
        new("openai-node", "OpenAI/JS 4.73.0", Node, OpenAi),
        new("anthropic-typescript", "Anthropic/JS 0.32.1", Node, Anthropic),
        new("httpx", "python-httpx/0.27.2", PyOpenSsl3, Any),
        new("requests", "python-requests/2.32.3", PyOpenSsl3, Any),
        new("aiohttp", "Python/3.11 aiohttp/3.10.10", PyOpenSsl3, Any),
        new("curl", "curl/8.5.0", Curl, Any),
        new("langchain-python", "langchain-openai/0.2.9 OpenAI/Python 1.54.3", PyOpenSsl3, OpenAi),
        new("langchain-anthropic", "langchain-anthropic/0.3.0 Anthropic/Python 0.39.0", PyOpenSsl3, Anthropic),
        new("langchain-js", "langchainjs/0.3.6 OpenAI/JS 4.73.0", Node, OpenAi),
        new("go-http", "Go-http-client/2.0", Go, Any),
        new("java-okhttp", "okhttp/4.12.0", Java, Any),
        new("browser-app", "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36", Browser, Any),
    ];

    public static ClientStack ByName(string name) => All.FirstOrDefault(c => c.Name == name)
        ?? throw new ArgumentException($"unknown client stack '{name}'", nameof(name));
}
