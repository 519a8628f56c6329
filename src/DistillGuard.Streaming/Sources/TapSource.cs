using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace DistillGuard.Streaming.Sources;

/// <summary>
/// Exchanges handed over by something in the request path (the gateway): <see cref="TryTap"/> never blocks — a full
/// queue drops the line and counts it — and a writer thread of its own ingests what queued in batches, so the proxied
/// request never waits for the detector's disk.
/// <para>
/// Group commit: once a line is queued the writer waits up to <c>commitWindow</c> (1 ms by default) for more before it
/// ingests them together (at most <c>batch</c> lines): parsing, de-duplication and the journal's bookkeeping run once
/// per batch, and the detector has them within about <c>commitWindow</c>. While lines keep coming (any in the last
/// second) the writer does not wait on the queue at all: it looks again every <c>commitWindow</c> and takes what
/// arrived meanwhile, so a tap is an enqueue and never a thread wake-up.
/// </para>
/// <para>
/// Sync: the batches are journaled without an fsync each; the writer syncs the journal once <c>syncInterval</c> (1 s by
/// default) has passed since its last sync and lines are unsynced, when the queue falls idle with lines unsynced for
/// that long, and when it stops. An fsync stalls more than the thread that calls it on a virtual machine (measured
/// here: a separate process syncing 16 KB 100 times a second took a gateway's p99 at one connection from 0.27 to
/// 0.84 ms), and a tapped exchange was never acknowledged to anyone (the client has its response either way), so it is
/// made durable on this coarser schedule. A process killed meanwhile loses the tapped exchanges of the last
/// <c>syncInterval</c> and any still queued; a restart counts none twice. <c>syncInterval</c> zero syncs every batch.
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
    private readonly long _syncTicks;
    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _tapped, _dropped, _batches, _syncs;
    private long _lastSync;   // Stopwatch timestamp of the writer's last sync (or of its start)

    /// <param name="commitWindow">how long the writer waits for more lines once one is queued (zero: ingest at once)</param>
    /// <param name="nice">how much lower than the process's the writer thread's scheduling priority is (Linux; 0: the same)</param>
    /// <param name="syncInterval">at most how long a journaled tap line waits for its fsync (zero: every batch is synced)</param>
    public TapSource(StreamingDetector detector, int capacity = 20_000, int batch = 500, ILogger? log = null, TimeSpan? commitWindow = null, int nice = 0,
        TimeSpan? syncInterval = null)
    {
        _detector = detector;
        _batch = batch;
        _log = log;
        _window = commitWindow ?? DefaultCommitWindow;
        _nice = nice;
        _syncTicks = (long)((syncInterval ?? DefaultSyncInterval).TotalSeconds * Stopwatch.Frequency);
        _channel = Channel.CreateBounded<ReadOnlyMemory<byte>>(new BoundedChannelOptions(capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
        _thread = new Thread(Run) { IsBackground = true, Name = "distillguard-tap" };
        _thread.Start();
    }

    public static readonly TimeSpan DefaultCommitWindow = TimeSpan.FromMilliseconds(1);
    public static readonly TimeSpan DefaultSyncInterval = TimeSpan.FromSeconds(1);

    public long Tapped => Interlocked.Read(ref _tapped);
    public long Dropped => Interlocked.Read(ref _dropped);
    /// <summary>Ingest calls (journal writes) so far.</summary>
    public long Batches => Interlocked.Read(ref _batches);
    /// <summary>Journal syncs (fsync) the writer made so far.</summary>
    public long Syncs => Interlocked.Read(ref _syncs);

    public bool TryTap(ReadOnlyMemory<byte> line)
    {
        if (_channel.Writer.TryWrite(line)) return true;
        Interlocked.Increment(ref _dropped);
        StreamingMetrics.Rejected.Add(1, new KeyValuePair<string, object?>("source", "tap"));
        return false;
    }

    /// <summary>Waits until everything tapped so far is ingested (tests, shutdown); it may not be synced yet.</summary>
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
            _lastSync = Stopwatch.GetTimestamp();
            int idleLooks = windowTicks > 0 ? (int)Math.Min(1000, Math.Ceiling(TimeSpan.FromSeconds(1) / _window)) : 0;
            int idle = idleLooks;   // from idle: the first line wakes the writer
            while (true)
            {
                bool woken = false;
                if (reader.Count == 0)
                {
                    if (reader.Completion.IsCompleted) break;
                    // Lines came in the last second: look again after a commit window rather than wait on the channel.
                    // A waiting reader is woken by every write and a task wait spins (sched_yield) before it sleeps:
                    // per batch, on the cores the gateway's requests need. The lines of the window make the next batch.
                    if (idle < idleLooks)
                    {
                        idle++;
                        if (_detector.Unsynced > 0 && Stopwatch.GetTimestamp() - _lastSync >= _syncTicks) Sync();
                        if (ct.WaitHandle.WaitOne(_window)) break;
                        continue;
                    }
                    woken = true;
                    var wait = reader.WaitToReadAsync(ct);
                    if (!wait.IsCompleted && _detector.Unsynced > 0)
                    {
                        // idle with lines unsynced: sync them when their interval is up, unless more arrive first
                        var task = wait.AsTask();
                        long left = _lastSync + _syncTicks - Stopwatch.GetTimestamp();
                        if (left <= 0 || !task.Wait(TimeSpan.FromSeconds((double)left / Stopwatch.Frequency)))
                            Sync();
                        if (!task.GetAwaiter().GetResult()) break;
                    }
                    else if (!(wait.IsCompletedSuccessfully ? wait.Result : wait.AsTask().GetAwaiter().GetResult())) break;
                }
                idle = 0;
                Volatile.Write(ref _busy, 1);
                // group commit after a wake: let the lines of the next few milliseconds join this batch (never once shutting down)
                if (woken && windowTicks > 0 && reader.Count < _batch && !reader.Completion.IsCompleted)
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
                    var r = _detector.Ingest(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), "tap", durable: _syncTicks == 0);
                    if (!r.Busy) break;
                    if (ct.WaitHandle.WaitOne(200)) throw new OperationCanceledException(ct);
                }
                Interlocked.Add(ref _tapped, n);
                Interlocked.Increment(ref _batches);
                if (_syncTicks == 0) Interlocked.Increment(ref _syncs);
                else if (Stopwatch.GetTimestamp() - _lastSync >= _syncTicks) Sync();
                if (reader.Count == 0) Volatile.Write(ref _busy, 0);
            }
        }
        catch (OperationCanceledException) { }
        catch (AggregateException e) when (e.InnerException is OperationCanceledException) { }   // the idle wait, at a stop
        catch (Exception e) { _log?.LogError(e, "tap writer stopped: {Error}", e.Message); }
        finally
        {
            try { Sync(); }
            catch (Exception e) { _log?.LogError(e, "tap writer: last journal sync failed: {Error}", e.Message); }
            Volatile.Write(ref _busy, 0);
            _done.TrySetResult();
        }
    }

    /// <summary>Syncs the journal if the detector holds unsynced lines (some may be another source's: one fsync covers all).</summary>
    private void Sync()
    {
        _lastSync = Stopwatch.GetTimestamp();
        if (_detector.Unsynced == 0) return;
        _detector.SyncJournal();
        Interlocked.Increment(ref _syncs);
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
