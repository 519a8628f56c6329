using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace DistillGuard.Streaming.Sources;

/// <summary>
/// Exchanges handed over by something in the request path (the gateway): <see cref="TryTap"/> never blocks — a full
/// queue drops the line and counts it — and a writer thread of its own ingests what queued in batches (one durable
/// write per batch), so the proxied request never waits for the detector's disk.
/// <para>
/// Group commit: once a line is queued the writer waits up to <c>commitWindow</c> (10 ms by default) for more before it
/// ingests them together (at most <c>batch</c> lines), so under sustained traffic the journal is written and fsynced
/// about 100 times a second instead of once per handful of exchanges, and parsing, de-duplication and the commit's
/// bookkeeping run once per batch. A tapped exchange is therefore durable about <c>commitWindow</c> plus one commit
/// after its response ended (it was never acknowledged to anyone: the client has its response either way); a process
/// killed meanwhile loses the exchanges of that window and any still queued.
/// </para>
/// </summary>
public sealed class TapSource : IAsyncDisposable
{
    private readonly StreamingDetector _detector;
    private readonly Channel<ReadOnlyMemory<byte>> _channel;
    private readonly Thread _thread;
    private readonly CancellationTokenSource _stop = new();
    private readonly ILogger? _log;
    private readonly int _batch;
    private readonly TimeSpan _window;
    private readonly int _nice;
    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _tapped, _dropped, _batches;

    /// <param name="commitWindow">how long the writer waits for more lines once one is queued (zero: ingest at once)</param>
    /// <param name="nice">how much lower than the process's the writer thread's scheduling priority is (Linux; 0: the same)</param>
    public TapSource(StreamingDetector detector, int capacity = 20_000, int batch = 500, ILogger? log = null, TimeSpan? commitWindow = null, int nice = 0)
    {
        _detector = detector;
        _batch = batch;
        _log = log;
        _window = commitWindow ?? DefaultCommitWindow;
        _nice = nice;
        _channel = Channel.CreateBounded<ReadOnlyMemory<byte>>(new BoundedChannelOptions(capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
        _thread = new Thread(Run) { IsBackground = true, Name = "distillguard-tap" };
        _thread.Start();
    }

    public static readonly TimeSpan DefaultCommitWindow = TimeSpan.FromMilliseconds(10);

    public long Tapped => Interlocked.Read(ref _tapped);
    public long Dropped => Interlocked.Read(ref _dropped);
    /// <summary>Ingest calls (journal commits) so far.</summary>
    public long Batches => Interlocked.Read(ref _batches);

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

    private void Run()
    {
        var ct = _stop.Token;
        if (_nice > 0) ThreadNice.Lower(_nice, _log);
        var buffer = new MemoryStream();
        long windowTicks = (long)(_window.TotalSeconds * Stopwatch.Frequency);
        try
        {
            var reader = _channel.Reader;
            while (true)
            {
                if (reader.Count == 0)
                {
                    var wait = reader.WaitToReadAsync(ct);
                    if (!(wait.IsCompletedSuccessfully ? wait.Result : wait.AsTask().GetAwaiter().GetResult())) break;
                }
                Volatile.Write(ref _busy, 1);
                // group commit: let the lines of the next few milliseconds join this batch (never once shutting down)
                if (windowTicks > 0 && reader.Count < _batch && !reader.Completion.IsCompleted)
                {
                    long until = Stopwatch.GetTimestamp() + windowTicks;
                    while (reader.Count < _batch && !ct.IsCancellationRequested)
                    {
                        long left = until - Stopwatch.GetTimestamp();
                        if (left <= 0) break;
                        ct.WaitHandle.WaitOne(TimeSpan.FromSeconds(Math.Max((double)left / Stopwatch.Frequency, 0.001)));
                    }
                }
                buffer.SetLength(0);
                int n = 0;
                while (n < _batch && reader.TryRead(out var line))
                {
                    buffer.Write(line.Span);
                    buffer.WriteByte((byte)'\n');
                    n++;
                }
                if (n == 0) { Volatile.Write(ref _busy, 0); continue; }
                while (true)
                {
                    var r = _detector.Ingest(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), "tap");
                    if (!r.Busy) break;
                    if (ct.WaitHandle.WaitOne(200)) throw new OperationCanceledException(ct);
                }
                Interlocked.Add(ref _tapped, n);
                Interlocked.Increment(ref _batches);
                if (reader.Count == 0) Volatile.Write(ref _busy, 0);
            }
        }
        catch (OperationCanceledException) { }
        catch (Exception e) { _log?.LogError(e, "tap writer stopped: {Error}", e.Message); }
        finally
        {
            Volatile.Write(ref _busy, 0);
            _done.TrySetResult();
        }
    }

    public async ValueTask DisposeAsync()
    {
        _channel.Writer.TryComplete();
        await DrainAsync(TimeSpan.FromSeconds(5));
        _stop.Cancel();
        await _done.Task.WaitAsync(TimeSpan.FromSeconds(5)).ContinueWith(_ => { });
        _stop.Dispose();
    }
}
