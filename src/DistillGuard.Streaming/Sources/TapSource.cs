using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace DistillGuard.Streaming.Sources;

/// <summary>
/// Exchanges handed over by something in the request path (the gateway): <see cref="TryTap"/> never blocks — a full
/// queue drops the line and counts it — and a background writer ingests what queued in batches (one durable write
/// per batch), so the proxied request never waits for the detector's disk.
/// </summary>
public sealed class TapSource : IAsyncDisposable
{
    private readonly StreamingDetector _detector;
    private readonly Channel<ReadOnlyMemory<byte>> _channel;
    private readonly Task _task;
    private readonly CancellationTokenSource _stop = new();
    private readonly ILogger? _log;
    private readonly int _batch;
    private long _tapped, _dropped;

    public TapSource(StreamingDetector detector, int capacity = 20_000, int batch = 500, ILogger? log = null)
    {
        _detector = detector;
        _batch = batch;
        _log = log;
        _channel = Channel.CreateBounded<ReadOnlyMemory<byte>>(new BoundedChannelOptions(capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
        _task = Task.Run(RunAsync);
    }

    public long Tapped => Interlocked.Read(ref _tapped);
    public long Dropped => Interlocked.Read(ref _dropped);

    public bool TryTap(ReadOnlyMemory<byte> line)
    {
        if (_channel.Writer.TryWrite(line)) return true;
        Interlocked.Increment(ref _dropped);
        StreamingMetrics.Rejected.Add(1, new KeyValuePair<string, object?>("source", "tap"));
        return false;
    }

    /// <summary>Waits until everything tapped so far is ingested (tests, shutdown).</summary>
    public async Task DrainAsync(TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        while ((_channel.Reader.Count > 0 || Volatile.Read(ref _busy) != 0) && DateTime.UtcNow < until) await Task.Delay(10);
    }

    private int _busy;

    private async Task RunAsync()
    {
        var ct = _stop.Token;
        var buffer = new MemoryStream();
        try
        {
            while (await _channel.Reader.WaitToReadAsync(ct))
            {
                Volatile.Write(ref _busy, 1);
                buffer.SetLength(0);
                int n = 0;
                while (n < _batch && _channel.Reader.TryRead(out var line))
                {
                    buffer.Write(line.Span);
                    buffer.WriteByte((byte)'\n');
                    n++;
                }
                while (true)
                {
                    var r = _detector.Ingest(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), "tap");
                    if (!r.Busy) break;
                    await Task.Delay(200, ct);
                }
                Interlocked.Add(ref _tapped, n);
                if (_channel.Reader.Count == 0) Volatile.Write(ref _busy, 0);
            }
        }
        catch (OperationCanceledException) { }
        catch (Exception e) { _log?.LogError(e, "tap writer stopped: {Error}", e.Message); }
        finally { Volatile.Write(ref _busy, 0); }
    }

    public async ValueTask DisposeAsync()
    {
        _channel.Writer.TryComplete();
        await DrainAsync(TimeSpan.FromSeconds(5));
        _stop.Cancel();
        try { await _task; } catch (OperationCanceledException) { }
        _stop.Dispose();
    }
}
