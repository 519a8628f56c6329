using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace DistillGuard.Gateway.Proxy;

/// <summary>One error the gateway answers itself, in both APIs' terms.</summary>
public sealed record GatewayError(int Status, string OpenAIType, string Code, string AnthropicType, string Message)
{
    public static GatewayError InvalidKey() => new(401, "invalid_request_error", "invalid_api_key", "authentication_error", "Invalid API key.");
    public static GatewayError Blocked(string? message) => new(403, "permission_error", "account_blocked", "permission_error", message ?? "This account is blocked from this API.");
    public static GatewayError Verify(string? message, string? url) => new(401, "verification_required", "verification_required", "authentication_error",
        (message ?? "This account must complete identity verification before using this API.") + (url is null ? "" : $" Verify at {url}"));
    public static GatewayError Throttled() => new(429, "requests", "rate_limit_exceeded", "rate_limit_error", "Rate limit exceeded for this account. Retry after the time in the Retry-After header.");
    public static GatewayError Replay() => new(400, "invalid_request_error", "reasoning_artifact_replay", "invalid_request_error",
        "A reasoning signature or encrypted_content in this request was not issued to this account, conversation and model.");
    public static GatewayError DetectorUnavailable() => new(503, "server_error", "detector_unavailable", "api_error", "The service is temporarily unavailable. Please retry.");
    public static GatewayError Upstream() => new(502, "server_error", "upstream_unavailable", "api_error", "The upstream API could not be reached.");
    public static GatewayError TooLarge(long limit) => new(413, "invalid_request_error", "request_too_large", "request_too_large", $"Request body exceeds {limit} bytes.");
    public static GatewayError ResponseUnreadable() => new(502, "server_error", "response_unreadable", "api_error", "The upstream response could not be delivered.");
}

/// <summary>Writes a <see cref="GatewayError"/> in the error format of the API the request was for.</summary>
internal static class ErrorBodies
{
    /// <summary>OpenAI: <c>{"error":{"message","type","param","code"}}</c>. Anthropic: <c>{"type":"error","error":{"type","message"}}</c>.</summary>
    public static byte[] Body(GatewayError e, bool anthropic)
    {
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms))
        {
            w.WriteStartObject();
            if (anthropic)
            {
                w.WriteString("type", "error");
                w.WriteStartObject("error");
                w.WriteString("type", e.AnthropicType);
                w.WriteString("message", e.Message);
                w.WriteEndObject();
            }
            else
            {
                w.WriteStartObject("error");
                w.WriteString("message", e.Message);
                w.WriteString("type", e.OpenAIType);
                w.WriteNull("param");
                w.WriteString("code", e.Code);
                w.WriteEndObject();
            }
            w.WriteEndObject();
        }
        return ms.ToArray();
    }

    public static async Task WriteAsync(HttpContext ctx, GatewayError e, bool anthropic, TimeSpan? retryAfter = null)
    {
        var body = Body(e, anthropic);
        ctx.Response.StatusCode = e.Status;
        ctx.Response.ContentType = "application/json";
        ctx.Response.ContentLength = body.Length;
        if (retryAfter is { } ra) ctx.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(ra.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        ctx.Response.Headers["x-distillguard-error"] = e.Code;
        await ctx.Response.Body.WriteAsync(body, ctx.RequestAborted);
    }
}
