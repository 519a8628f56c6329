using System.Buffers;
using System.Diagnostics;
using System.Net;
using DistillGuard.Gateway.Binding;
using DistillGuard.Gateway.Diagnostics;
using DistillGuard.Gateway.Keys;
using DistillGuard.Gateway.Policy;
using DistillGuard.Gateway.Seams;
using DistillGuard.Gateway.Tap;
using DistillGuard.Gateway.Throttling;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Yarp.ReverseProxy.Forwarder;

namespace DistillGuard.Gateway.Proxy;

/// <summary>
/// One request through the gateway, in a fixed order: identify the account by its key → read the body → allowlist →
/// verdict (fail open or closed) → policy rule → block / verify / throttle → artifact binding check → forward through
/// YARP with reasoning protection and the text transform on the way back → tap the exchange.
/// </summary>
internal sealed class GatewayHandler(
    GatewayOptions options,
    GatewayState state,
    IVerdictSource verdicts,
    IExchangeTap tap,
    IResponseTextTransform? transform,
    SignatureBindings bindings,
    Throttler throttler,
    GatewayMetrics metrics,
    IHttpForwarder forwarder,
    HttpMessageInvoker client,
    TimeProvider time,
    ILogger<GatewayHandler> log)
{
    private readonly string _prefix = options.Upstream.ToString().TrimEnd('/');
    private readonly ForwarderRequestConfig _config = new() { ActivityTimeout = options.UpstreamActivityTimeout };

    public async Task HandleAsync(HttpContext ctx)
    {
        long start = Stopwatch.GetTimestamp();
        var arrival = time.GetUtcNow();
        string path = ctx.Request.Path.Value ?? "";
        var api = HttpMethods.IsPost(ctx.Request.Method) ? ApiKinds.FromPath(path) : null;
        bool anthropic = ApiKinds.AnthropicErrors(path);
        string apiName = api?.WireName() ?? "other";

        var key = ApiKey(ctx.Request);
        var entry = key is null ? null : state.Keys.Find(key);
        if (entry is null)
        {
            metrics.Action("unauthenticated", apiName);
            await RefuseAsync(ctx, GatewayError.InvalidKey(), anthropic, apiName, null);
            return;
        }

        if (api is null) { await OtherPathAsync(ctx, entry, anthropic, apiName); return; }

        if (ctx.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
            limit.MaxRequestBodySize = options.MaxRequestBytes;             // the gateway's limit, not the server's default
        byte[] body;
        try { body = await ReadBodyAsync(ctx.Request, options.MaxRequestBytes, ctx.RequestAborted); }
        catch (Exception e) when (e is InvalidDataException or BadHttpRequestException { StatusCode: 413 })
        {
            await RefuseAsync(ctx, GatewayError.TooLarge(options.MaxRequestBytes), anthropic, apiName, null);
            return;
        }
        var facts = RequestFacts.Parse(api.Value, body);
        var x = new Exchange
        {
            Id = ExchangeId(arrival),
            Arrival = arrival,
            StartTimestamp = start,
            Key = entry,
            Api = api.Value,
            RequestBody = body,
            Facts = facts,
            Ip = ClientIp(ctx),
            UserAgent = ctx.Request.Headers.UserAgent is { Count: > 0 } ua ? ua.ToString() : null,
            ForwardedFor = ctx.Request.Headers["X-Forwarded-For"] is { Count: > 0 } xff ? xff.ToString() : null,
        };

        var policy = state.Policy;
        if (policy.IsAllowlisted(entry.Account, entry.Tier))
        {
            x.Allowlisted = true;
            metrics.Action("allowlisted", apiName);
            await ForwardAsync(ctx, x, null, null, anthropic);
            Finish(x);
            return;
        }

        var (verdict, known, down) = LookUp(entry.Account, policy);
        x.Verdict = verdict;
        x.VerdictKnown = known;
        x.DetectorUnavailable = down;
        if (x.DetectorUnavailable && policy.DetectorUnavailable == DetectorUnavailableMode.Closed)
        {
            metrics.Action("detector_unavailable_closed", apiName);
            x.Refused = "detector_unavailable";
            await RefuseAsync(ctx, GatewayError.DetectorUnavailable(), anthropic, apiName, x);
            return;
        }
        if (x.DetectorUnavailable) metrics.Action("detector_unavailable_open", apiName);

        var decision = PolicyEvaluator.Decide(policy, entry.Account, entry.Tier, verdict, apiName);
        x.Decision = decision;
        var actions = decision.Actions;
        if (actions.Access != AccessAction.Allow)
        {
            bool block = actions.Access == AccessAction.Block;
            string kind = block ? "block" : "verify";
            metrics.Action(kind, apiName);
            Log.PolicyAction(log, kind, entry.Account, decision.Rule, verdict.Verdict, verdict.Score, verdict.Campaign, apiName);
            x.Refused = kind;
            await RefuseAsync(ctx, block ? GatewayError.Blocked(actions.Message) : GatewayError.Verify(actions.Message, actions.VerifyUrl), anthropic, apiName, x);
            return;
        }
        if (throttler.TryAcquire(decision.Rule, actions.Throttles, entry.Account, verdict.Campaign) is { } wait)
        {
            metrics.Action("throttle", apiName);
            x.Refused = "throttle";
            await RefuseAsync(ctx, GatewayError.Throttled(), anthropic, apiName, x, wait);
            return;
        }

        if (policy.SignatureBinding.Mode != BindingMode.Off && facts.PresentedArtifacts.Count > 0)
        {
            foreach (var artifact in facts.PresentedArtifacts)
            {
                var check = bindings.Check(artifact, entry.Account, facts.Conversation, facts.Model, policy.SignatureBinding.Checks);
                if (!check.Violated) continue;
                string mismatch = check.Mismatch.ToString().ToLowerInvariant().Replace(", ", "+");
                x.Replays.Add((mismatch, check.Binding!.Account));
                bool reject = policy.SignatureBinding.Mode == BindingMode.Reject;
                metrics.Replay(reject ? "rejected" : "flagged", mismatch, apiName);
                Log.ArtifactReplay(log, entry.Account, apiName, check.Binding.Account, mismatch, reject ? "rejected" : "flagged");
            }
            if (x.Replays.Count > 0)
            {
                x.ReplayOutcome = policy.SignatureBinding.Mode == BindingMode.Reject ? "rejected" : "flagged";
                if (policy.SignatureBinding.Mode == BindingMode.Reject)
                {
                    metrics.Action("replay_rejected", apiName);
                    x.Refused = "replay_rejected";
                    await RefuseAsync(ctx, GatewayError.Replay(), anthropic, apiName, x);
                    return;
                }
                metrics.Action("replay_flagged", apiName);
            }
        }

        foreach (var kind in actions.Kinds())
            if (kind != "throttle") metrics.Action(kind, apiName);          // "throttle" counts the requests it refused
        IResponseTextTransformer? transformer = null;
        if (transform is not null)
        {
            transformer = transform.For(new ResponseTextContext
            {
                Account = entry.Account,
                Verdict = verdict,
                Api = apiName,
                Model = facts.Model,
                Watermark = actions.Watermark,
                WatermarkParameters = actions.WatermarkParameters,
                ExchangeId = x.Id,
            });
        }
        x.Transformed = transformer is not null;
        x.ReasoningMode = actions.ProtectReasoning?.Mode;
        await ForwardAsync(ctx, x, actions.ProtectReasoning, transformer, anthropic);
        metrics.ReasoningProtected(x.ReasoningBlocks, actions.ProtectReasoning?.Mode == ReasoningMode.Summarise ? "summarise" : "strip", x.Streamed, apiName);
        Finish(x);
    }

    /// <summary>The account's verdict: found, unknown (clear), or the detector is down (clear, <c>Down</c> set).</summary>
    private (VerdictLookup Verdict, bool Known, bool Down) LookUp(string account, GatewayPolicy policy)
    {
        VerdictLookup? found;
        try { found = verdicts.Lookup(account); }
        catch (Exception e)
        {
            Log.VerdictSourceFailed(log, e, account, policy.DetectorUnavailable.ToString().ToLowerInvariant());
            found = VerdictLookup.Unavailable;
        }
        if (found is null) { metrics.Lookup("unknown"); return (VerdictLookup.Clear, false, false); }
        if (!found.Value.Available) { metrics.Lookup("unavailable"); return (VerdictLookup.Clear, false, true); }
        metrics.Lookup("found");
        return (found.Value, true, false);
    }

    /// <summary>Forwards through YARP with the response interceptor in place of the client's body.</summary>
    private async Task ForwardAsync(HttpContext ctx, Exchange x, ReasoningProtection? protect, IResponseTextTransformer? text, bool anthropic)
    {
        if (x.Facts.IsObject || x.RequestBody.Length > 0)
        {
            ctx.Request.Body = new MemoryStream(x.RequestBody, writable: false);
            ctx.Request.ContentLength = x.RequestBody.Length;
        }
        var original = ctx.Response.Body;
        var interceptor = new ResponseInterceptor(original, x, protect, text, options.MaxResponseBytes,
            artifact => { bindings.Record(artifact, x.Key.Account, x.Facts.Conversation, x.Facts.Model); metrics.Bound(x.Api.WireName()); });
        var scope = new UpstreamScope { Interceptor = interceptor };
        ctx.Items[GatewayTransformer.ScopeKey] = scope;
        ctx.Response.Body = interceptor;
        long sent = Stopwatch.GetTimestamp();
        try
        {
            var error = await forwarder.SendAsync(ctx, _prefix, client, _config, GatewayTransformer.Instance);
            if (scope.HeadersAt != 0) metrics.Upstream(Stopwatch.GetElapsedTime(sent, scope.HeadersAt), x.Api.WireName(), x.Status);
            ctx.Response.Body = original;
            if (error != ForwarderError.None)
            {
                interceptor.Abandon();
                bool clientGone = ClientGone(error);
                x.Refused = clientGone ? "client_aborted" : "upstream_error";
                if (!clientGone)
                {
                    var reason = ctx.Features.Get<IForwarderErrorFeature>()?.Exception?.Message ?? error.ToString();
                    Log.UpstreamFailed(log, x.Api.WireName(), $"{error}: {reason}");
                }
                await AnswerForwardErrorAsync(ctx, clientGone, anthropic);
                x.Status = ctx.Response.StatusCode;
                return;
            }
            ctx.Response.Body = interceptor;
            await interceptor.CompleteAsync(ctx.RequestAborted);
            ctx.Response.Body = original;
            if (interceptor.Refusal is { } refusal)
            {
                Log.ResponseRefused(log, x.Api.WireName(), refusal, options.MaxResponseBytes);
                x.Refused = refusal;
                x.Response = null;
                ctx.Response.Clear();
                await ErrorBodies.WriteAsync(ctx, GatewayError.ResponseUnreadable(), anthropic);
                x.Status = 502;
            }
        }
        finally
        {
            ctx.Response.Body = original;
            ctx.Items.Remove(GatewayTransformer.ScopeKey);
        }
    }

    /// <summary>
    /// Any other path under the gateway: the same access decisions, then forwarded untouched and not tapped — except a
    /// stored response read back (<c>GET /v1/responses/{id}</c>, <c>GET /v1/chat/completions/{id}</c>), which gets the
    /// account's reasoning protection too, or it would be a way around it.
    /// </summary>
    private async Task OtherPathAsync(HttpContext ctx, KeyEntry entry, bool anthropic, string apiName)
    {
        var policy = state.Policy;
        ReasoningProtection? protect = null;
        if (!policy.IsAllowlisted(entry.Account, entry.Tier))
        {
            var (verdict, _, down) = LookUp(entry.Account, policy);
            if (down && policy.DetectorUnavailable == DetectorUnavailableMode.Closed)
            {
                await RefuseAsync(ctx, GatewayError.DetectorUnavailable(), anthropic, apiName, null);
                return;
            }
            var decision = PolicyEvaluator.Decide(policy, entry.Account, entry.Tier, verdict, apiName);
            if (decision.Actions.Access == AccessAction.Block) { await RefuseAsync(ctx, GatewayError.Blocked(decision.Actions.Message), anthropic, apiName, null); return; }
            if (decision.Actions.Access == AccessAction.Verify) { await RefuseAsync(ctx, GatewayError.Verify(decision.Actions.Message, decision.Actions.VerifyUrl), anthropic, apiName, null); return; }
            if (throttler.TryAcquire(decision.Rule, decision.Actions.Throttles, entry.Account, verdict.Campaign) is { } wait)
            {
                await RefuseAsync(ctx, GatewayError.Throttled(), anthropic, apiName, null, wait);
                return;
            }
            protect = decision.Actions.ProtectReasoning;
        }
        string path = ctx.Request.Path.Value ?? "";
        if (protect is not null && HttpMethods.IsGet(ctx.Request.Method) && StoredKind(path) is { } kind)
        {
            var x = new Exchange
            {
                Id = "", Arrival = time.GetUtcNow(), StartTimestamp = Stopwatch.GetTimestamp(), Key = entry, Api = kind, RequestBody = [],
                Facts = RequestFacts.Parse(kind, Array.Empty<byte>()),
            };
            await ForwardAsync(ctx, x, protect, null, anthropic);
            metrics.ReasoningProtected(x.ReasoningBlocks, protect.Mode == ReasoningMode.Summarise ? "summarise" : "strip", x.Streamed, kind.WireName());
            metrics.Request(apiName, ctx.Response.StatusCode);
            return;
        }
        var error = await forwarder.SendAsync(ctx, _prefix, client, _config, GatewayTransformer.Instance);
        if (error != ForwarderError.None) await AnswerForwardErrorAsync(ctx, ClientGone(error), anthropic);
        metrics.Request(apiName, ctx.Response.StatusCode);
    }

    /// <summary>The request was cancelled by the client, or the client stopped reading: it went away.</summary>
    private static bool ClientGone(ForwarderError error) => error is ForwarderError.RequestCanceled or ForwarderError.RequestBodyCanceled
        or ForwarderError.ResponseBodyCanceled or ForwarderError.RequestBodyClient or ForwarderError.ResponseBodyClient;

    /// <summary>
    /// After a failed forward whose response has not started: 502 <c>upstream_unavailable</c> when the upstream failed;
    /// nothing when the client went away — nobody is left to read it — and the exchange is counted and tapped as 499
    /// (client closed request), so a client's timeout never shows as a gateway 5xx. A started response is left to YARP,
    /// which aborts it.
    /// </summary>
    private static async Task AnswerForwardErrorAsync(HttpContext ctx, bool clientGone, bool anthropic)
    {
        if (ctx.Response.HasStarted) return;
        ctx.Response.Clear();
        if (clientGone) ctx.Response.StatusCode = StatusClientClosedRequest;
        else await ErrorBodies.WriteAsync(ctx, GatewayError.Upstream(), anthropic);
    }

    /// <summary>nginx's "client closed request": the client went away before the answer.</summary>
    internal const int StatusClientClosedRequest = 499;

    /// <summary>The API of a stored response read back by id, or null.</summary>
    private static ApiKind? StoredKind(string path)
    {
        if (path.StartsWith(ApiKinds.ResponsesPath + "/", StringComparison.Ordinal) && path.Count(c => c == '/') == 3) return ApiKind.Responses;
        if (path.StartsWith(ApiKinds.ChatCompletionsPath + "/", StringComparison.Ordinal) && path.Count(c => c == '/') == 4) return ApiKind.ChatCompletions;
        return null;
    }

    private async Task RefuseAsync(HttpContext ctx, GatewayError error, bool anthropic, string apiName, Exchange? x, TimeSpan? retryAfter = null)
    {
        await ErrorBodies.WriteAsync(ctx, error, anthropic, retryAfter);
        if (x is null) { metrics.Request(apiName, error.Status); return; }
        x.Status = error.Status;
        Finish(x);
    }

    /// <summary>Times, counts and taps the exchange (when its request was a JSON object). A tap that throws is logged and counted.</summary>
    private void Finish(Exchange x)
    {
        x.Latency = Stopwatch.GetElapsedTime(x.StartTimestamp);
        metrics.Request(x.Api.WireName(), x.Status);
        metrics.Exchange(x.Latency, x.Api.WireName());
        if (!x.Facts.IsObject) { metrics.Tapped("skipped"); return; }
        try
        {
            tap.Tap(TapLineWriter.Write(x, options.Route));
            metrics.Tapped("ok");
        }
        catch (Exception e)
        {
            metrics.Tapped("failed");
            Log.TapFailed(log, e, x.Id);
        }
    }

    /// <summary>
    /// <c>gw_</c> + a UUIDv7 (RFC 9562: 48-bit Unix ms, version 7, variant 10, 74 random bits) in 32 lowercase hex digits.
    /// Not <see cref="Guid.CreateVersion7(DateTimeOffset)"/>: its random bits cost a read of the kernel's random source per
    /// request (2 % of the gateway's CPU under load); an exchange id must be unique, not unpredictable.
    /// </summary>
    internal static string ExchangeId(DateTimeOffset at)
    {
        Span<byte> b = stackalloc byte[16];
        long ms = at.ToUnixTimeMilliseconds();
        for (int i = 5; i >= 0; i--) { b[i] = (byte)ms; ms >>= 8; }
        Random.Shared.NextBytes(b[6..]);
        b[6] = (byte)(0x70 | (b[6] & 0x0F));
        b[8] = (byte)(0x80 | (b[8] & 0x3F));
        Span<char> s = stackalloc char[35];
        "gw_".CopyTo(s);
        Convert.TryToHexStringLower(b, s[3..], out _);
        return new string(s);
    }

    private static string? ApiKey(HttpRequest r)
    {
        if (r.Headers["x-api-key"] is { Count: > 0 } k && !string.IsNullOrEmpty(k[0])) return k[0];
        var auth = r.Headers.Authorization.ToString();
        return auth.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? auth[7..].Trim() : null;
    }

    private static string? ClientIp(HttpContext ctx)
    {
        var ip = ctx.Connection.RemoteIpAddress;
        if (ip is null) return null;
        return (ip.IsIPv4MappedToIPv6 ? ip.MapToIPv4() : ip).ToString();
    }

    /// <summary>The whole request body: straight into an array of its declared length, else (chunked) through a pooled buffer.</summary>
    private static async Task<byte[]> ReadBodyAsync(HttpRequest request, long max, CancellationToken ct)
    {
        if (request.ContentLength > max) throw new InvalidDataException("request too large");
        if (request.ContentLength is { } n)
        {
            var body = n == 0 ? [] : new byte[n];
            int filled = 0;
            while (filled < body.Length)
            {
                int r = await request.Body.ReadAsync(body.AsMemory(filled), ct);
                if (r == 0) break;
                filled += r;
            }
            return filled == body.Length ? body : body[..filled];
        }
        using var ms = new MemoryStream();
        var buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(buffer, ct)) > 0)
            {
                if (ms.Length + read > max) throw new InvalidDataException("request too large");
                ms.Write(buffer, 0, read);
            }
        }
        finally { ArrayPool<byte>.Shared.Return(buffer); }
        return ms.ToArray();
    }
}
