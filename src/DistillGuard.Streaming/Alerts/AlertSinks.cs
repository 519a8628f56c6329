using System.Diagnostics.Metrics;
using System.Net.Http.Headers;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace DistillGuard.Streaming.Alerts;

/// <summary>Where alerts go. <see cref="SendAsync"/> throws on failure; the queue in front of it retries.</summary>
public interface IAlertSink
{
    string Name { get; }
    Task SendAsync(ReadOnlyMemory<byte> alertJson, CancellationToken ct);
}

/// <summary>Appends each alert as one line of JSON to a file.</summary>
public sealed class JsonlAlertSink(string path) : IAlertSink
{
    public string Name => "jsonl:" + path;

    public async Task SendAsync(ReadOnlyMemory<byte> alertJson, CancellationToken ct)
    {
        var dir = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(dir)) Directory.CreateDirectory(dir);
        await using var fs = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read);
        await fs.WriteAsync(alertJson, ct);
        fs.WriteByte((byte)'\n');
    }
}

/// <summary>POSTs each alert as a JSON body; any non-2xx answer is a failure (retried by the queue).</summary>
public sealed class WebhookAlertSink(Uri url, HttpClient http, string? bearer = null) : IAlertSink
{
    public string Name => "webhook:" + url;

    public async Task SendAsync(ReadOnlyMemory<byte> alertJson, CancellationToken ct)
    {
        using var req = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ReadOnlyMemoryContent(alertJson) };
        req.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        if (bearer is not null) req.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        using var res = await http.SendAsync(req, ct);
        if (!res.IsSuccessStatusCode) throw new HttpRequestException($"{url} answered {(int)res.StatusCode}", null, res.StatusCode);
    }
}

/// <summary>
/// A bounded queue in front of one sink: <see cref="TryEnqueue"/> never blocks (a full queue drops the alert and
/// counts it), a worker delivers in order and retries a failure with exponential backoff before giving up (counted).
/// A slow or dead sink therefore never stalls the detector.
/// </summary>
public sealed class AlertQueue : IAsyncDisposable
{
    private readonly IAlertSink _sink;
    private readonly Channel<ReadOnlyMemory<byte>> _channel;
    private readonly Task _worker;
    private readonly CancellationTokenSource _stop = new();
    private readonly ILogger? _log;
    private readonly int _attempts;
    private readonly TimeSpan _firstBackoff, _maxBackoff;
    private long _delivered, _dropped, _failed, _retries;

    public AlertQueue(IAlertSink sink, int capacity = 10_000, int attempts = 6, TimeSpan? firstBackoff = null, TimeSpan? maxBackoff = null, ILogger? log = null)
    {
        _sink = sink;
        _log = log;
        _attempts = Math.Max(1, attempts);
        _firstBackoff = firstBackoff ?? TimeSpan.FromMilliseconds(250);
        _maxBackoff = maxBackoff ?? TimeSpan.FromSeconds(30);
        _channel = Channel.CreateBounded<ReadOnlyMemory<byte>>(new BoundedChannelOptions(capacity) { FullMode = BoundedChannelFullMode.Wait, SingleReader = true });
        _worker = Task.Run(RunAsync);
    }

    public string Name => _sink.Name;
    public long Delivered => Interlocked.Read(ref _delivered);
    public long Dropped => Interlocked.Read(ref _dropped);
    public long Failed => Interlocked.Read(ref _failed);
    public long Retries => Interlocked.Read(ref _retries);
    public int Queued => _channel.Reader.Count;

    public bool TryEnqueue(ReadOnlyMemory<byte> alert)
    {
        if (_channel.Writer.TryWrite(alert)) return true;
        Interlocked.Increment(ref _dropped);
        StreamingMetrics.AlertsDropped.Add(1, new KeyValuePair<string, object?>("sink", _sink.Name));
        return false;
    }

    /// <summary>Waits until everything queued so far was delivered or given up (tests, shutdown).</summary>
    public async Task DrainAsync(TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        while (_channel.Reader.Count > 0 || Volatile.Read(ref _busy) != 0)
        {
            if (DateTime.UtcNow > until) return;
            await Task.Delay(20);
        }
    }

    private int _busy;

    private async Task RunAsync()
    {
        var ct = _stop.Token;
        try
        {
            while (await _channel.Reader.WaitToReadAsync(ct))
            {
                Volatile.Write(ref _busy, 1);
                while (_channel.Reader.TryRead(out var alert))
                {
                    var backoff = _firstBackoff;
                    for (int attempt = 1; ; attempt++)
                    {
                        try
                        {
                            await _sink.SendAsync(alert, ct);
                            Interlocked.Increment(ref _delivered);
                            StreamingMetrics.AlertsDelivered.Add(1, new KeyValuePair<string, object?>("sink", _sink.Name));
                            break;
                        }
                        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
                        {
                            if (attempt >= _attempts)
                            {
                                Interlocked.Increment(ref _failed);
                                StreamingMetrics.AlertsFailed.Add(1, new KeyValuePair<string, object?>("sink", _sink.Name));
                                _log?.LogWarning("alert sink {Sink} failed {Attempts} times, alert given up: {Error}", _sink.Name, attempt, e.Message);
                                break;
                            }
                            Interlocked.Increment(ref _retries);
                            await Task.Delay(backoff, ct);
                            backoff = TimeSpan.FromTicks(Math.Min(_maxBackoff.Ticks, backoff.Ticks * 2));
                        }
                    }
                }
                Volatile.Write(ref _busy, 0);
            }
        }
        catch (OperationCanceledException) { }
    }

    public async ValueTask DisposeAsync()
    {
        _channel.Writer.TryComplete();
        await DrainAsync(TimeSpan.FromSeconds(2));
        _stop.Cancel();
        try { await _worker; } catch (OperationCanceledException) { }
        _stop.Dispose();
    }
}
