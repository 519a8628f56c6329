using System.Buffers;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using DistillGuard.Core.Verdicts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;

namespace DistillGuard.Streaming;

/// <summary>
/// The streaming service's HTTP API: <c>POST /v1/exchanges</c> (JSON Lines body, gzip allowed; <c>?bulk=1</c> marks a bulk load), <c>GET
/// /v1/accounts/{account}</c>, <c>GET /v1/campaigns</c>, <c>GET /v1/campaigns/{id}</c>, <c>GET /v1/stats</c>,
/// <c>GET /v1/verdicts</c> (verdicts.jsonl), <c>GET /v1/changes?after=N&amp;limit=M</c> and <c>POST /v1/reassemble</c> (wait until everything sent is
/// processed, then re-assemble). With a token configured every call needs <c>Authorization: Bearer TOKEN</c>.
/// </summary>
public static class StreamingEndpoints
{
    /// <summary>Largest ingest body by default (after decompression).</summary>
    public const long DefaultMaxBody = 512L << 20;

    public static void MapStreamingApi(this IEndpointRouteBuilder app, StreamingDetector detector, string? token = null, long maxBody = DefaultMaxBody)
    {
        var group = app.MapGroup("/v1");
        if (!string.IsNullOrEmpty(token))
        {
            var expected = Encoding.UTF8.GetBytes("Bearer " + token);
            group.AddEndpointFilter(async (ctx, next) =>
            {
                var given = Encoding.UTF8.GetBytes(ctx.HttpContext.Request.Headers.Authorization.ToString());
                if (!CryptographicOperations.FixedTimeEquals(given, expected))
                    return Results.Json(new { error = "missing or wrong bearer token" }, statusCode: 401);
                return await next(ctx);
            });
        }

        group.MapPost("/exchanges", async (HttpContext http) =>
        {
            var size = http.Features.Get<IHttpMaxRequestBodySizeFeature>();
            if (size is { IsReadOnly: false }) size.MaxRequestBodySize = maxBody;
            if (http.Request.ContentLength > maxBody)
                return Results.Json(new { error = $"body of {http.Request.ContentLength} bytes is larger than the limit of {maxBody} bytes: send it in parts" }, statusCode: 413);
            PooledBody body;
            StreamingDetector.BodyBatch? batch = null;
            try { (body, batch) = await ReadBody(http.Request, maxBody, detector); }
            catch (TooLargeException e)
            {
                // The rest of a body within the transfer limit (a gzip body too large only once inflated) is read and
                // dropped, so the client gets the 413 instead of a reset while it is still sending.
                try { await http.Request.Body.CopyToAsync(Stream.Null); } catch (Exception x) when (x is BadHttpRequestException or IOException) { }
                return Results.Json(new { error = e.Message }, statusCode: 413);
            }
            catch (InvalidDataException e) { return Results.Json(new { error = e.Message }, statusCode: 400); }
            catch (BadHttpRequestException e) { return Results.Json(new { error = e.Message }, statusCode: e.StatusCode); }
            IngestResult r;
            // ?bulk=1: the sender says the lines are a bulk load, not traffic as it happens (no exchange-clock re-assembly)
            bool bulk = http.Request.Query["bulk"].ToString() is "1" or "true";
            try { r = batch is not null ? batch.Complete(body.Length, "http", bulk) : detector.Ingest(body.Memory, "http", bulk: bulk); }
            finally { body.Dispose(); }
            if (r.Busy)
            {
                http.Response.Headers.RetryAfter = "1";
                return Results.Json(new { error = "the detector is behind; nothing was taken, send the same lines again" }, statusCode: 503);
            }
            return Results.Json(new
            {
                accepted = r.Accepted,
                duplicates = r.Duplicates,
                quarantined = r.Quarantined,
                problems = r.Problems.Select(p => new { line = p.Line, reason = p.Reason }),
            }, StreamingJson.Options);
        });

        group.MapGet("/accounts/{account}", (string account) =>
        {
            var live = detector.Live;
            live.Verdicts.TryGetValue(account, out var v);
            if (v is null && !detector.Knows(account))
                return Results.Json(new { error = $"account '{account}' has not been seen" }, statusCode: 404);
            return Json(w => StreamingJson.WriteAccount(w, account, v, detector.History(account), live));
        });

        group.MapGet("/campaigns", () =>
        {
            var live = detector.Live;
            return Json(w =>
            {
                w.WriteStartObject();
                if (live.Sequence > 0) w.WriteString("as_of", live.At);
                if (live.ExchangeClock is { } t) w.WriteString("exchange_time", t);
                w.WriteNumber("exchanges", live.Exchanges);
                w.WriteStartArray("campaigns");
                foreach (var c in live.Campaigns) VerdictWriter.Write(w, c);
                w.WriteEndArray();
                w.WriteEndObject();
            });
        });

        group.MapGet("/campaigns/{id}", (string id) =>
        {
            var c = detector.Live.Campaigns.FirstOrDefault(x => x.Id == id);
            return c is null ? Results.Json(new { error = $"no campaign '{id}'" }, statusCode: 404) : Json(w => VerdictWriter.Write(w, c));
        });

        // Every assessed account's verdict, as verdicts.jsonl (sorted by account): the batch output of the live state.
        group.MapGet("/verdicts", async (HttpContext http) =>
        {
            var live = detector.Live;
            http.Response.ContentType = "application/x-ndjson";
            var ms = new MemoryStream();
            VerdictWriter.WriteVerdicts(ms, live.Verdicts.Values.OrderBy(v => v.Account, StringComparer.Ordinal));
            ms.Position = 0;
            await ms.CopyToAsync(http.Response.Body);
        });

        group.MapGet("/stats", () => Results.Json(detector.Stats(), StreamingJson.Options));

        group.MapGet("/changes", (long? after, int? limit) =>
            Results.Json(new { changes = detector.Changes(after ?? 0, Math.Clamp(limit ?? 1000, 1, 100_000)) }, StreamingJson.Options));

        group.MapPost("/reassemble", async (CancellationToken ct) =>
        {
            await detector.FlushAsync(ct);
            return Results.Json(detector.Stats(), StreamingJson.Options);
        });
    }

    private sealed class TooLargeException(string message) : Exception(message);

    /// <summary>A request body in a pooled buffer (bulk loads send tens of MB per request: a fresh array per request, grown
    /// by doubling, would churn the large-object heap and force full collections). The pool is the service's own and
    /// keeps at most two buffers of each size (the shared pool would keep up to eight per core and size).</summary>
    private sealed class PooledBody : IDisposable
    {
        private static readonly ArrayPool<byte> Pool = ArrayPool<byte>.Create(1 << 30, 2);
        private byte[] _buffer;
        private int _length;
        public PooledBody(int capacity) => _buffer = Pool.Rent(Math.Max(capacity, 4096));
        public ReadOnlyMemory<byte> Memory => _buffer.AsMemory(0, _length);
        /// <summary>The whole buffer (fixed until <see cref="Free"/> has to grow it).</summary>
        public ReadOnlyMemory<byte> Whole => _buffer;
        public int Length => _length;
        public Memory<byte> Free(int atLeast)
        {
            if (_buffer.Length - _length < atLeast)
            {
                var bigger = Pool.Rent((int)Math.Min(Array.MaxLength, Math.Max((long)_buffer.Length * 2, (long)_length + atLeast)));
                _buffer.AsSpan(0, _length).CopyTo(bigger);
                Pool.Return(_buffer);
                _buffer = bigger;
            }
            return _buffer.AsMemory(_length);
        }
        public void Advance(int n) => _length += n;
        public void Dispose()
        {
            var b = Interlocked.Exchange(ref _buffer, Array.Empty<byte>());
            if (b.Length > 0) Pool.Return(b);
        }
    }

    /// <summary>Reads the body into a pooled buffer. A plain body of known length fills one buffer of that size, and its
    /// complete lines are parsed while the rest arrives (<see cref="StreamingDetector.Begin"/>; the batch returned);
    /// a gzip body or one of unknown length is read whole first (no batch).</summary>
    private static async Task<(PooledBody Body, StreamingDetector.BodyBatch? Batch)> ReadBody(HttpRequest request, long maxBody, StreamingDetector detector)
    {
        Stream s = request.Body;
        string encoding = request.Headers.ContentEncoding.ToString();
        await using var gzip = encoding.Equals("gzip", StringComparison.OrdinalIgnoreCase) ? new GZipStream(s, CompressionMode.Decompress) : null;
        if (gzip is not null) s = gzip;
        else if (encoding.Length > 0 && !encoding.Equals("identity", StringComparison.OrdinalIgnoreCase))
            throw new InvalidDataException($"unsupported Content-Encoding '{encoding}' (gzip or none)");
        // a plain body's length is known (and already checked against the limit): read it into one buffer of that size
        bool sized = gzip is null && request.ContentLength is long cl && cl >= 0 && cl < Array.MaxLength;
        long hint = sized ? request.ContentLength!.Value + 1 : 81920;
        var body = new PooledBody((int)Math.Min(Math.Min(hint, maxBody + 1), Array.MaxLength));
        // the buffer never moves while it holds no more than the declared length, so pieces can be parsed in place
        var batch = sized ? detector.Begin(body.Whole) : null;
        int n;
        try
        {
            while ((n = await s.ReadAsync(body.Free(batch is null ? 16384 : 1))) > 0)
            {
                body.Advance(n);
                if (body.Length > maxBody) throw new TooLargeException($"body larger than the limit of {maxBody} bytes (after decompression): send it in parts");
                if (batch is not null)
                {
                    if (body.Length >= body.Whole.Length) throw new InvalidDataException("body longer than its Content-Length");
                    batch.Received(body.Length);
                }
            }
        }
        catch (BadHttpRequestException e) when (e.StatusCode == 413)
        {
            batch?.Abandon();
            body.Dispose();
            throw new TooLargeException($"body larger than the limit of {maxBody} bytes: send it in parts");
        }
        catch (InvalidDataException e) when (gzip is not null)
        {
            batch?.Abandon();
            body.Dispose();
            throw new InvalidDataException($"Content-Encoding gzip, but the body is not gzip: {e.Message}");
        }
        catch
        {
            batch?.Abandon();
            body.Dispose();
            throw;
        }
        return (body, batch);
    }

    private static IResult Json(Action<Utf8JsonWriter> write)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(4096);
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
            write(w);
        return Results.Bytes(buffer.WrittenMemory.ToArray(), "application/json");
    }
}
