using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Yarp.ReverseProxy.Forwarder;

namespace DistillGuard.Gateway.Proxy;

/// <summary>
/// YARP transforms: the request goes upstream as the client sent it, less <c>Accept-Encoding</c> (the gateway reads
/// response bodies, so it asks for them uncompressed) and the client's Host; when the upstream's headers arrive, the
/// exchange's response interceptor decides how to handle the body.
/// </summary>
internal sealed class GatewayTransformer : HttpTransformer
{
    public static readonly GatewayTransformer Instance = new();
    internal static readonly object ScopeKey = new();

    public override async ValueTask TransformRequestAsync(HttpContext httpContext, HttpRequestMessage proxyRequest, string destinationPrefix, CancellationToken cancellationToken)
    {
        await base.TransformRequestAsync(httpContext, proxyRequest, destinationPrefix, cancellationToken);
        proxyRequest.Headers.AcceptEncoding.Clear();
        proxyRequest.Headers.Host = null;
    }

    public override async ValueTask<bool> TransformResponseAsync(HttpContext httpContext, HttpResponseMessage? proxyResponse, CancellationToken cancellationToken)
    {
        bool copy = await base.TransformResponseAsync(httpContext, proxyResponse, cancellationToken);
        if (proxyResponse is not null && httpContext.Items[ScopeKey] is UpstreamScope scope)
        {
            scope.HeadersAt = Stopwatch.GetTimestamp();
            scope.Interceptor?.OnHeaders(httpContext.Response, (int)proxyResponse.StatusCode,
                proxyResponse.Content.Headers.ContentType?.MediaType?.ToLowerInvariant(),
                proxyResponse.Content.Headers.ContentEncoding.Count > 0, proxyResponse.Content.Headers.ContentLength);
        }
        return copy;
    }
}

/// <summary>What the transformer needs of one forwarded exchange.</summary>
internal sealed class UpstreamScope
{
    public ResponseInterceptor? Interceptor { get; init; }
    public long HeadersAt { get; set; }
}
