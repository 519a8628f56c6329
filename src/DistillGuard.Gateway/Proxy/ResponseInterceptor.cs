using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;
using DistillGuard.Gateway.Policy;
using DistillGuard.Gateway.Seams;
using DistillGuard.Gateway.Streaming;
using Microsoft.AspNetCore.Http;

namespace DistillGuard.Gateway.Proxy;

/// <summary>
/// Stands in for the client's response body while YARP copies the upstream response into it. Decided when the upstream's
/// headers arrive (<see cref="OnHeaders"/>):
/// <list type="bullet">
/// <item>SSE, nothing to rewrite: bytes pass through as they come; a parser beside them reassembles the body for the tap.</item>
/// <item>SSE to rewrite: parsed event by event; unchanged events keep their bytes; only reasoning may be held (hold_stream).</item>
/// <item>JSON to rewrite: buffered (bounded), rewritten, sent with its new length.</item>
/// <item>Anything else: passes through; a 2xx JSON body is kept (bounded) for the tap.</item>
/// </list>
/// </summary>
internal sealed class ResponseInterceptor(Stream inner, Exchange exchange, ReasoningProtection? protect, IResponseTextTransformer? text,
    long maxBuffered, Action<string> issued) : Stream
{
    private enum Mode { Undecided, Pass, TeeSse, RewriteSse, Json, Refuse }

    private Mode _mode = Mode.Undecided;
    private bool _rewrite;
    private HttpResponse? _response;
    private SseParser? _parser;
    private StreamRewriter? _rewriter;
    private StreamAccumulator? _accumulator;
    private HoldBuffer? _hold;
    private List<SseEvent> _events = null!, _ready = null!, _rewritten = null!;   // SSE modes only (OnHeaders)
    private PooledBufferWriter? _out;
    private MemoryStream? _captured;
    private bool _overflow;

    public bool RewriteWanted => protect is not null || text is not null;

    /// <summary>Why the response must be refused instead of delivered (fail closed), or null: a body that must be
    /// rewritten was too large to buffer (<c>response_too_large</c>) or came compressed (<c>response_encoded</c>).</summary>
    public string? Refusal => _mode == Mode.Refuse ? "response_encoded" : _overflow && _rewrite ? "response_too_large" : null;

    /// <summary>Called once the upstream's status and headers are known, before any body byte.</summary>
    public void OnHeaders(HttpResponse response, int status, string? mediaType, bool encoded, long? contentLength = null)
    {
        _response = response;
        exchange.Status = status;
        bool ok = status is >= 200 and < 300 && !encoded;
        if (encoded && RewriteWanted && status is >= 200 and < 300 && mediaType is "text/event-stream" or "application/json")
        {
            _mode = Mode.Refuse;                                       // cannot protect what it cannot read: nothing is sent
            return;
        }
        if (ok && mediaType == "text/event-stream")
        {
            exchange.Streamed = true;
            _events = [];
            _parser = new SseParser();
            _accumulator = StreamAccumulator.For(exchange.Api, issued);
            if (RewriteWanted)
            {
                _mode = Mode.RewriteSse;
                _ready = [];
                _rewritten = [];
                _rewriter = StreamRewriter.For(exchange.Api, protect, text);
                _hold = new HoldBuffer(protect is { Mode: ReasoningMode.Summarise, HoldStream: true });
                response.Headers.ContentLength = null;
            }
            else _mode = Mode.TeeSse;
        }
        else if (ok && mediaType is "application/json" || ok && mediaType is null)
        {
            _mode = Mode.Json;
            _rewrite = RewriteWanted;
            _captured = contentLength is { } n && n <= maxBuffered ? new MemoryStream((int)n) : new MemoryStream();
            if (_rewrite) response.Headers.ContentLength = null;      // set again once the new body is known
        }
        else _mode = Mode.Pass;
    }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        switch (_mode)
        {
            case Mode.TeeSse:
                _events.Clear();
                _parser!.Feed(buffer.Span, _events);
                foreach (var e in _events) _accumulator!.Observe(e);           // artifacts are bound before the bytes leave
                await inner.WriteAsync(buffer, cancellationToken);
                break;
            case Mode.RewriteSse:
                _events.Clear();
                _parser!.Feed(buffer.Span, _events);
                await EmitAsync(cancellationToken);
                break;
            case Mode.Json:
                Capture(buffer.Span);
                if (!_rewrite) await inner.WriteAsync(buffer, cancellationToken);
                break;
            case Mode.Refuse:
                break;
            default:
                await inner.WriteAsync(buffer, cancellationToken);
                break;
        }
    }

    private void Capture(ReadOnlySpan<byte> bytes)
    {
        if (_overflow) return;
        if (_captured!.Length + bytes.Length > maxBuffered) { _overflow = true; _captured = null; return; }
        _captured.Write(bytes);
    }

    /// <summary>Runs parsed events through the rewriter and the hold buffer and writes what is ready, in one write.</summary>
    private async ValueTask EmitAsync(CancellationToken ct, bool end = false)
    {
        _ready.Clear();
        _rewritten.Clear();
        foreach (var e in _events) _rewriter!.OnEvent(e, _rewritten);
        if (end) _rewriter!.OnEnd(_rewritten);
        foreach (var e in _rewritten) _hold!.Route(e, _ready);
        if (end) _hold!.ReleaseAll(_ready);
        if (_ready.Count == 0) return;
        var w = _out ??= new PooledBufferWriter();
        w.ResetWrittenCount();
        foreach (var e in _ready)
        {
            _accumulator!.Observe(e);
            e.WriteTo(w);
        }
        await inner.WriteAsync(w.WrittenMemory, ct);
    }

    public override Task FlushAsync(CancellationToken cancellationToken)
        => _mode == Mode.Json && _rewrite || _mode == Mode.Refuse ? Task.CompletedTask : inner.FlushAsync(cancellationToken);

    /// <summary>The exchange broke off (client gone, upstream failed): keep what the client had received, for the tap.</summary>
    public void Abandon()
    {
        if (_accumulator is not null) exchange.Response = _accumulator.Build();
        if (_rewriter is not null) exchange.ReasoningBlocks = _rewriter.ReasoningBlocks;
    }

    /// <summary>After YARP has copied the whole upstream body: the end of a stream, or the rewritten JSON body.</summary>
    public async Task CompleteAsync(CancellationToken ct)
    {
        switch (_mode)
        {
            case Mode.TeeSse:
                if (_parser!.Finish() is { } last) _accumulator!.Observe(last);
                exchange.Response = _accumulator!.Build();
                break;
            case Mode.RewriteSse:
                _events.Clear();
                if (_parser!.Finish() is { } tail) _events.Add(tail);
                await EmitAsync(ct, end: true);
                _out?.Dispose();                                        // written and awaited: back to the pool
                await inner.FlushAsync(ct);
                exchange.Response = _accumulator!.Build();
                exchange.ReasoningBlocks = _rewriter!.ReasoningBlocks;
                break;
            case Mode.Json:
                if (_overflow) break;
                var bytes = _captured!.Length == _captured.Capacity ? _captured.GetBuffer() : _captured.ToArray();
                if (!_rewrite)
                {
                    // Passed through as it came: the tap takes its bytes, no DOM is built; only an API that issues
                    // artifacts has the body read, to bind them.
                    foreach (var a in BodyRewriter.Issued(exchange.Api, bytes)) issued(a);
                    exchange.ResponseBytes = bytes;
                    break;
                }
                JsonObject? body = null;
                try { body = JsonNode.Parse(bytes) as JsonObject; }
                catch (JsonException) { }
                if (_rewrite && body is not null)
                {
                    var (blocks, changed) = BodyRewriter.Rewrite(exchange.Api, body, protect, text);
                    exchange.ReasoningBlocks = blocks;
                    if (changed) bytes = JsonSerializer.SerializeToUtf8Bytes(body, SseEvent.JsonOptions);
                }
                if (body is not null)
                    foreach (var a in BodyRewriter.Issued(exchange.Api, body)) issued(a);   // bound before the client can see them
                if (_rewrite)
                {
                    _response!.Headers.ContentLength = bytes.Length;
                    await inner.WriteAsync(bytes, ct);
                }
                exchange.Response = body;
                if (body is null) exchange.ResponseBytes = bytes;
                break;
        }
    }

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override void Flush() => inner.Flush();
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => WriteAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();
    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();
}
