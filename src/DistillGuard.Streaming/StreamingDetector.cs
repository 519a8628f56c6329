using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using DistillGuard.Core.Analysis;
using DistillGuard.Core.Fingerprints;
using DistillGuard.Core.Model;
using DistillGuard.Core.Parsing;
using DistillGuard.Core.Reading;
using DistillGuard.Core.Verdicts;
using DistillGuard.Streaming.Alerts;
using Microsoft.Extensions.Logging;

namespace DistillGuard.Streaming;

/// <summary>
/// The detector, run continuously. Exchanges arrive from any source through <see cref="Ingest"/>: parsed on the
/// caller's thread by the batch reader's own parser, de-duplicated by exchange id, written to the
/// <see cref="ExchangeJournal"/> and made durable before the call returns, then queued for one detector thread
/// that adds them to the same <see cref="AnalysisEngine"/> `analyze` uses and re-runs its account stages
/// (<see cref="AnalysisEngine.Snapshot"/>) on the exchanges' own clock, on the wall clock and when a burst of new
/// exchanges arrives. Each re-assembly replaces <see cref="Live"/>; every verdict change is logged, kept per account
/// and sent to the alert sinks. A restart replays the journal, so no acknowledged exchange is lost and, because ids
/// are remembered, none is counted twice.
/// </summary>
public sealed class StreamingDetector : IAsyncDisposable
{
    private readonly StreamingOptions _opt;
    private readonly ILogger? _log;
    private readonly AnalysisEngine _engine;
    private readonly ExchangeJournal _journal;
    private readonly QuarantineWriter _quarantine;
    private readonly CampaignIdentity _identity;
    private readonly ThreadLocal<ExchangeLineParser> _parsers;
    private readonly HashSet<UInt128> _ids = new();
    private readonly HashSet<string> _accounts = new(StringComparer.Ordinal);
    private readonly object _ingestLock = new();
    private readonly Channel<Queued> _queue = Channel.CreateUnbounded<Queued>(new UnboundedChannelOptions { SingleReader = true });
    private readonly List<AlertQueue> _sinks = new();
    private readonly HashSet<string> _alerted = new(StringComparer.Ordinal);
    private readonly StreamWriter _alertedLog;
    private readonly StreamWriter _changesLog;
    private readonly object _historyLock = new();
    private readonly Dictionary<string, List<VerdictChange>> _history = new(StringComparer.Ordinal);
    private readonly List<VerdictChange> _changes = new();
    private readonly Dictionary<string, (string Verdict, string? Campaign)> _current = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _campaignAlertedSize = new(StringComparer.Ordinal);
    private readonly List<(long Target, TaskCompletionSource Done)> _flushes = new();
    private readonly CancellationTokenSource _stop = new();
    private Thread? _thread;
    private volatile LiveState _live = LiveState.Empty;
    private long _bulkWrites;
    private long _unsynced;
    private long _queued, _accepted, _processed, _quarantined, _duplicates, _reassemblies, _clockMs, _lastOldestTicks;
    private double _lastReassemblySeconds;
    private long _lastSnapshotExchanges, _lastSnapshotClockMs;
    private long _lastSnapshotWallTicks;
    private bool _started;

    /// <param name="Bulk">the exchange came in a bulk write (<see cref="StreamingOptions.BulkWriteExchangeTime"/>)</param>
    private readonly record struct Queued(ExchangeFeatures Features, long EnqueuedTicks, bool Bulk);

    public StreamingDetector(StreamingOptions options, IEnumerable<IAlertSink>? sinks = null, ILogger? log = null)
    {
        var errors = options.Validate();
        if (errors.Count > 0) throw new ArgumentException(string.Join("; ", errors));
        _opt = options;
        _log = log;
        Directory.CreateDirectory(options.StateDir);
        _engine = new AnalysisEngine(options.Detector);
        _journal = ExchangeJournal.Open(Path.Combine(options.StateDir, "journal"));
        _quarantine = new QuarantineWriter(Path.Combine(options.StateDir, "quarantine.jsonl"), append: true);
        _identity = new CampaignIdentity(Path.Combine(options.StateDir, "campaign-ids.json"));
        bool skeletons = options.Detector.ParaphraseLinks;
        _parsers = new ThreadLocal<ExchangeLineParser>(() => new ExchangeLineParser { SkeletonFingerprints = skeletons });
        foreach (var s in sinks ?? []) _sinks.Add(new AlertQueue(s, log: log));
        string alertedPath = Path.Combine(options.StateDir, "alerted.txt");
        if (File.Exists(alertedPath)) foreach (var line in File.ReadLines(alertedPath)) if (line.Length > 0) _alerted.Add(line);
        _alertedLog = new StreamWriter(new FileStream(alertedPath, FileMode.Append, FileAccess.Write, FileShare.Read)) { AutoFlush = true };
        string changesPath = Path.Combine(options.StateDir, "changes.jsonl");
        LoadChanges(changesPath);
        _changesLog = new StreamWriter(new FileStream(changesPath, FileMode.Append, FileAccess.Write, FileShare.Read), new UTF8Encoding(false)) { AutoFlush = true };
        string quarantinePath = Path.Combine(options.StateDir, "quarantine.jsonl");
        _quarantined = CountLines(quarantinePath);
        StreamingMetrics.Observe(Stats);
    }

    public LiveState Live => _live;
    /// <summary>The detector thread is alive (verdicts are current); false before Start and after a stop.</summary>
    public bool Running => _thread is { IsAlive: true } && !_stop.IsCancellationRequested;
    public IReadOnlyList<AlertQueue> Sinks => _sinks;
    public DetectorOptions Detector => _opt.Detector;
    public string StateDir => _opt.StateDir;

    /// <summary>Replays the journal (a restart), re-assembles once, then starts the detector thread.</summary>
    public void Start()
    {
        if (_started) throw new InvalidOperationException("already started");
        _started = true;
        var sw = Stopwatch.StartNew();
        var segments = _journal.Segments;
        if (segments.Count > 0)
        {
            var stats = ExchangeLogReader.Read(new ReaderOptions
            {
                Files = segments,
                Workers = Math.Max(1, Environment.ProcessorCount),
                SkeletonFingerprints = _opt.Detector.ParaphraseLinks,
            }, f =>
            {
                _ids.Add(IdKey(f.Id));
                _accounts.Add(f.Account);
                _engine.Add(f);
                if (f.TimestampMs > _clockMs) _clockMs = f.TimestampMs;
                _accepted++;
                _processed++;
            }, _stop.Token);
            if (stats.Quarantined > 0) _log?.LogWarning("journal held {Count} unreadable lines (not counted)", stats.Quarantined);
            Reassemble();
            _log?.LogInformation("recovered {Exchanges} exchanges from {Segments} journal segment(s) in {Seconds:0.0} s", _accepted, segments.Count, sw.Elapsed.TotalSeconds);
        }
        _lastSnapshotWallTicks = Stopwatch.GetTimestamp();
        _thread = new Thread(Run) { IsBackground = true, Name = "distillguard-detector" };
        _thread.Start();
    }

    /// <summary>
    /// Reads exchange-log lines from <paramref name="body"/> (JSON Lines; blank lines ignored), quarantines the unreadable
    /// ones with their line numbers, drops exchanges already seen (same id) and makes the rest durable before returning.
    /// </summary>
    /// <param name="source">names the body in the quarantine (e.g. <c>http</c>, <c>file:/var/log/x.jsonl</c>, <c>nats:SUBJECT</c>)</param>
    /// <param name="firstLine">the line number of the body's first line within its source (files tailed in pieces)</param>
    /// <param name="bulk">the sender declares the lines a bulk load (<c>POST /v1/exchanges?bulk=1</c>, <c>replay --speed 0</c>):
    /// they do not trigger the exchange-clock re-assembly</param>
    /// <param name="durable">false: the lines are journaled but not synced before the call returns — for exchanges not
    /// acknowledged to anyone (the gateway's tap), whose writer calls <see cref="SyncJournal"/> on its own schedule, so
    /// the request path does not share the machine with an fsync per commit</param>
    public IngestResult Ingest(ReadOnlyMemory<byte> body, string source, long firstLine = 1, bool bulk = false, bool durable = true)
    {
        if (!_started) throw new InvalidOperationException("Start() first");
        return Begin(body, firstLine).Complete(body.Length, source, bulk, durable);
    }

    /// <summary>Exchanges journaled by a non-durable <see cref="Ingest"/> and not yet synced.</summary>
    public long Unsynced => Interlocked.Read(ref _unsynced);

    /// <summary>Puts every exchange journaled so far on disk (one fsync; nothing to do when all are).</summary>
    public void SyncJournal()
    {
        lock (_ingestLock)
        {
            if (Interlocked.Read(ref _unsynced) == 0) return;
            _journal.Commit();
            Interlocked.Exchange(ref _unsynced, 0);
        }
    }

    /// <summary>
    /// Ingests a body that is still arriving into <paramref name="buffer"/> (which must not move or change where bytes
    /// have arrived): call <see cref="BodyBatch.Received"/> as it fills — complete lines are parsed on the thread pool
    /// meanwhile — then <see cref="BodyBatch.Complete"/> with its length once it is whole. The result is
    /// <see cref="Ingest"/>'s on the whole body: the same lines and line numbers, committed and made durable together.
    /// </summary>
    public BodyBatch Begin(ReadOnlyMemory<byte> buffer, long firstLine = 1) => Begin(buffer, firstLine, BodyBatch.PieceBytes);

    internal BodyBatch Begin(ReadOnlyMemory<byte> buffer, long firstLine, int pieceBytes)
    {
        if (!_started) throw new InvalidOperationException("Start() first");
        return new BodyBatch(this, buffer, firstLine, pieceBytes);
    }

    /// <summary>A body ingested as it arrives (<see cref="Begin"/>).</summary>
    public sealed class BodyBatch
    {
        /// <summary>Complete lines go to a parsing task in pieces of at least this many bytes (about 500 lines of the
        /// simulator's traffic).</summary>
        internal const int PieceBytes = 2 << 20;
        private readonly StreamingDetector _d;
        private readonly ReadOnlyMemory<byte> _buffer;
        private readonly List<((int Start, int Length, long Line)[] Lines, Task<(ExchangeFeatures? F, string? Reason)[]> Parsed)> _pieces = new();
        private readonly int _pieceBytes;
        private int _cut;       // bytes split into lines so far
        private long _lineNo;

        internal BodyBatch(StreamingDetector d, ReadOnlyMemory<byte> buffer, long firstLine, int pieceBytes)
        {
            _d = d;
            _buffer = buffer;
            _lineNo = firstLine - 1;
            _pieceBytes = pieceBytes;
        }

        /// <summary>The first <paramref name="length"/> bytes of the buffer have arrived.</summary>
        public void Received(int length)
        {
            int end = _cut + _buffer.Span[_cut..length].LastIndexOf((byte)'\n') + 1;
            if (end - _cut >= _pieceBytes) Cut(end);
        }

        /// <summary>Starts parsing the lines of [_cut, end) on the thread pool.</summary>
        private void Cut(int end)
        {
            var piece = Split(end);
            var buffer = _buffer;
            var d = _d;
            _pieces.Add((piece, Task.Run(() => d.ParseLines(buffer, piece, 0, piece.Length))));
        }

        /// <summary>The lines of [_cut, end), numbered on from the last.</summary>
        private (int Start, int Length, long Line)[] Split(int end)
        {
            var span = _buffer.Span;
            var lines = new List<(int Start, int Length, long Line)>();
            int pos = _cut;
            while (pos < end)
            {
                int nl = span[pos..end].IndexOf((byte)'\n');
                int start = pos, stop = nl < 0 ? end : pos + nl;
                int len = stop - start;
                if (len > 0 && span[start + len - 1] == (byte)'\r') len--;
                _lineNo++;
                pos = stop + 1;
                lines.Add((start, len, _lineNo));
            }
            _cut = end;
            return lines.ToArray();
        }

        /// <summary>The body is whole at <paramref name="length"/> bytes: parses what is left (here: the caller would only
        /// wait otherwise), waits for every piece and commits (see <see cref="Ingest"/>).</summary>
        public IngestResult Complete(int length, string source, bool bulk = false, bool durable = true)
        {
            try { return Commit(length, source, bulk, durable); }
            catch
            {
                Abandon();   // nothing may read the buffer once the caller has it back
                throw;
            }
        }

        private IngestResult Commit(int length, string source, bool bulk, bool durable)
        {
            var last = length > _cut ? Split(length) : [];
            var lastParsed = _d.ParseLines(_buffer, last, 0, last.Length);
            var good = new List<(ExchangeFeatures F, int Start, int Length)>();
            var bad = new List<(long Line, string Reason, int Start, int Length)>();
            void Collect((int Start, int Length, long Line)[] lines, (ExchangeFeatures? F, string? Reason)[] parsed)
            {
                for (int i = 0; i < lines.Length; i++)
                {
                    var (start, len, lineNo) = lines[i];
                    if (parsed[i].F is { } f) good.Add((f, start, len));
                    else if (parsed[i].Reason is { } reason) bad.Add((lineNo, reason, start, len));
                }
            }
            foreach (var (lines, task) in _pieces) Collect(lines, task.GetAwaiter().GetResult());
            Collect(last, lastParsed);
            return _d.Commit(_buffer, source, good, bad, bulk, durable);
        }

        /// <summary>The body will not be completed (the client went away): waits until no piece reads the buffer any more,
        /// so it can be reused.</summary>
        public void Abandon()
        {
            foreach (var (_, task) in _pieces)
                try { task.Wait(); } catch (AggregateException) { }
        }
    }

    /// <summary>Ingests the given slices of <paramref name="buffer"/> as lines, each with its own line number in the
    /// quarantine (a message queue's sequence numbers, say), made durable together.</summary>
    public IngestResult IngestLines(ReadOnlyMemory<byte> buffer, IReadOnlyList<(int Start, int Length, long Line)> lines, string source)
    {
        if (!_started) throw new InvalidOperationException("Start() first");
        var parsed = ParseLines(buffer, lines, 0, lines.Count);
        var good = new List<(ExchangeFeatures F, int Start, int Length)>();
        var bad = new List<(long Line, string Reason, int Start, int Length)>();
        for (int i = 0; i < lines.Count; i++)
        {
            var (start, len, lineNo) = lines[i];
            if (parsed[i].F is { } f) good.Add((f, start, len));
            else if (parsed[i].Reason is { } reason) bad.Add((lineNo, reason, start, len));
        }
        return Commit(buffer, source, good, bad);
    }

    /// <summary>Parses lines [from, to) by the batch reader's parser (on every core for many lines, each thread its own
    /// parser); blank lines give (null, null).</summary>
    private (ExchangeFeatures? F, string? Reason)[] ParseLines(ReadOnlyMemory<byte> buffer, IReadOnlyList<(int Start, int Length, long Line)> lines, int from, int to)
    {
        var parsed = new (ExchangeFeatures? F, string? Reason)[to - from];
        void ParseRange(int a, int b)
        {
            var parser = _parsers.Value!;
            var span = buffer.Span;
            for (int i = a; i < b; i++)
            {
                var (start, len, _) = lines[i];
                var line = span.Slice(start, len);
                if (line.IsEmpty || line.IndexOfAnyExcept(" \t"u8) < 0) continue;
                var f = new ExchangeFeatures();
                string? reason = parser.Parse(line, f);
                parsed[i - from] = reason is null ? (f, null) : (null, reason);
            }
        }
        int count = to - from;
        int workers = count >= 512 ? Math.Min(Environment.ProcessorCount, count / 256) : 1;
        if (workers <= 1) ParseRange(from, to);
        else
        {
            int per = (count + workers - 1) / workers;
            Parallel.For(0, workers, w => ParseRange(from + w * per, Math.Min(to, from + (w + 1) * per)));
        }
        return parsed;
    }

    private IngestResult Commit(ReadOnlyMemory<byte> body, string source, List<(ExchangeFeatures F, int Start, int Length)> good, List<(long Line, string Reason, int Start, int Length)> bad, bool declaredBulk = false, bool durable = true)
    {
        long accepted = 0, duplicates = 0;
        lock (_ingestLock)
        {
            if (Interlocked.Read(ref _queued) + good.Count > _opt.MaxQueued)
            {
                StreamingMetrics.Rejected.Add(1);
                return new IngestResult { Accepted = 0, Duplicates = 0, Quarantined = 0, Problems = [], Busy = true };
            }
            foreach (var (line, reason, start, length) in bad)
            {
                _quarantine.Write(source, line, reason, body.Span.Slice(start, length));
                StreamingMetrics.Quarantined.Add(1, new KeyValuePair<string, object?>("reason", reason));
            }
            var fresh = new List<ExchangeFeatures>(good.Count);
            foreach (var (f, start, length) in good)
            {
                if (!_ids.Add(IdKey(f.Id))) { duplicates++; continue; }
                _journal.Append(body.Span.Slice(start, length));
                _accounts.Add(f.Account);
                fresh.Add(f);
            }
            if (fresh.Count > 0)
            {
                if (durable)
                {
                    _journal.Commit();   // and whatever a non-durable ingest left unsynced
                    Interlocked.Exchange(ref _unsynced, 0);
                }
                else Interlocked.Add(ref _unsynced, fresh.Count);
            }
            if (bad.Count > 0) _quarantine.Flush(durable: true);
            long now = Stopwatch.GetTimestamp();
            // a write declared a bulk load, or carrying more of the exchanges' own clock than BulkWriteExchangeTime
            long minTs = long.MaxValue, maxTs = long.MinValue;
            foreach (var f in fresh)
            {
                if (f.TimestampMs < minTs) minTs = f.TimestampMs;
                if (f.TimestampMs > maxTs) maxTs = f.TimestampMs;
            }
            bool bulk = declaredBulk || fresh.Count > 1 && maxTs - minTs >= (long)_opt.BulkWriteExchangeTime.TotalMilliseconds;
            if (bulk) Interlocked.Increment(ref _bulkWrites);
            Interlocked.Add(ref _queued, fresh.Count);
            foreach (var f in fresh) _queue.Writer.TryWrite(new Queued(f, now, bulk));
            accepted = fresh.Count;
            _accepted += accepted;
            _duplicates += duplicates;
            _quarantined += bad.Count;
        }
        string kind = source.Split(':', 2)[0];
        if (accepted > 0) StreamingMetrics.Ingested.Add(accepted, new KeyValuePair<string, object?>("source", kind));
        if (duplicates > 0) StreamingMetrics.Duplicates.Add(duplicates);
        return new IngestResult
        {
            Accepted = accepted,
            Duplicates = duplicates,
            Quarantined = bad.Count,
            Problems = bad.Take(100).Select(b => (b.Line, b.Reason)).ToList(),
        };
    }

    /// <summary>Whether the account has been seen (it may not be assessed yet).</summary>
    public bool Knows(string account)
    {
        lock (_ingestLock) return _accounts.Contains(account);
    }

    /// <summary>The account's verdict changes, oldest first.</summary>
    public IReadOnlyList<VerdictChange> History(string account)
    {
        lock (_historyLock) return _history.TryGetValue(account, out var h) ? h.ToList() : [];
    }

    /// <summary>The change log from <paramref name="after"/> (exclusive), at most <paramref name="limit"/>.</summary>
    public IReadOnlyList<VerdictChange> Changes(long after, int limit)
    {
        lock (_historyLock)
        {
            int start = (int)Math.Clamp(after, 0, _changes.Count);
            return _changes.Skip(start).Take(limit).ToList();
        }
    }

    public StreamingStats Stats()
    {
        var live = _live;
        long oldest = Interlocked.Read(ref _lastOldestTicks);
        int queued = (int)Interlocked.Read(ref _queued);
        int accounts;
        lock (_ingestLock) accounts = _accounts.Count;
        long changes;
        lock (_historyLock) changes = _changes.Count;
        return new StreamingStats
        {
            Exchanges = Interlocked.Read(ref _accepted),
            Processed = Interlocked.Read(ref _processed),
            Quarantined = Interlocked.Read(ref _quarantined),
            Duplicates = Interlocked.Read(ref _duplicates),
            Accounts = accounts,
            Campaigns = live.Campaigns.Count,
            Queued = queued,
            LagSeconds = queued == 0 || oldest == 0 ? 0 : Stopwatch.GetElapsedTime(oldest).TotalSeconds,
            ExchangeClock = live.ExchangeClock,
            LastReassembly = live.Sequence == 0 ? null : live.At,
            Reassemblies = Interlocked.Read(ref _reassemblies),
            LastReassemblySeconds = Volatile.Read(ref _lastReassemblySeconds),
            VerdictChanges = changes,
            BulkWrites = Interlocked.Read(ref _bulkWrites),
        };
    }

    /// <summary>Waits until every exchange accepted so far is in the profiles, then re-assembles (a consistent answer now).</summary>
    public Task FlushAsync(CancellationToken ct = default)
    {
        var tcs = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        long target = Interlocked.Read(ref _accepted);
        lock (_flushes) _flushes.Add((target, tcs));
        _queue.Writer.TryWrite(default);   // wake the detector thread
        return tcs.Task.WaitAsync(ct);
    }

    /// <summary>How often the detector thread looks at an empty queue while exchanges are arriving, and how many empty
    /// looks (about a second) before it blocks on the queue instead.</summary>
    internal static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(5);
    internal const int IdlePolls = 200;

    private void Run()
    {
        var ct = _stop.Token;
        if (_opt.DetectorNice > 0) ThreadNice.Lower(_opt.DetectorNice, _log);
        long wallEvery = (long)(_opt.ReassembleEvery.TotalSeconds * Stopwatch.Frequency);
        long clockEvery = (long)_opt.ReassembleEveryExchangeTime.TotalMilliseconds;
        int sinceCheck = 0, idlePolls = 0;
        while (!ct.IsCancellationRequested)
        {
            try
            {
                if (_queue.Reader.TryRead(out var item))
                {
                    idlePolls = 0;
                    if (item.Features is null) { ServeFlushes(); continue; }
                    Interlocked.Exchange(ref _lastOldestTicks, item.EnqueuedTicks);
                    Interlocked.Decrement(ref _queued);
                    _engine.Add(item.Features);
                    Interlocked.Increment(ref _processed);
                    long ts = item.Features.TimestampMs;
                    if (ts > _clockMs) _clockMs = ts;
                    long fresh = _processed - _lastSnapshotExchanges;
                    // While catching up on a backlog (a restart after downtime, a bulk load) the exchange clock would
                    // ask for a re-assembly per hour of backlog; only the growth and wall-clock triggers run then. The
                    // same holds for exchanges that came in one write spanning hours of their clock (a bulk write):
                    // re-assembling at each hour inside it would only show a state the service had already passed.
                    // In a bulk write the growth trigger waits for the exchanges to double, so a bulk load re-assembles
                    // a logarithmic number of times.
                    bool catchingUp = item.Bulk || Interlocked.Read(ref _queued) > _opt.CatchUpQueue;
                    double growth = item.Bulk ? _opt.ReassembleOnBulkGrowth : _opt.ReassembleOnGrowth;
                    if (fresh >= _opt.MinNewExchanges &&
                        ((!catchingUp && _clockMs - _lastSnapshotClockMs >= clockEvery) || fresh >= growth * Math.Max(_lastSnapshotExchanges, _opt.MinNewExchanges)))
                        Reassemble();
                    else if (++sinceCheck >= 1024)
                    {
                        sinceCheck = 0;
                        if (Stopwatch.GetTimestamp() - _lastSnapshotWallTicks >= wallEvery) Reassemble();
                    }
                    continue;
                }
                Interlocked.Exchange(ref _lastOldestTicks, 0);
                ServeFlushes();
                if (_processed > _lastSnapshotExchanges && Stopwatch.GetTimestamp() - _lastSnapshotWallTicks >= wallEvery) Reassemble();
                // Queue empty. While exchanges keep arriving, look again after a short sleep instead of waiting on the
                // channel: a waiting reader makes every write wake it, and a task wait spins first (sched_yield) — per
                // tap batch, on the cores the gateway's requests need. Idle for a while: block until the next write.
                if (idlePolls < IdlePolls)
                {
                    idlePolls++;
                    if (ct.WaitHandle.WaitOne(PollInterval)) break;
                    continue;
                }
                var wait = _queue.Reader.WaitToReadAsync(ct).AsTask();
                wait.Wait(TimeSpan.FromMilliseconds(250), ct);
            }
            catch (OperationCanceledException) { break; }
            catch (Exception e)
            {
                // The detector thread must not die on one bad assembly: log, keep the last live state, go on.
                _log?.LogError(e, "detector thread: {Error}", e.Message);
                Thread.Sleep(100);
            }
        }
    }

    private void ServeFlushes()
    {
        List<TaskCompletionSource>? done = null;
        lock (_flushes)
        {
            if (_flushes.Count == 0) return;
            for (int i = _flushes.Count - 1; i >= 0; i--)
                if (_flushes[i].Target <= _processed)
                {
                    (done ??= new()).Add(_flushes[i].Done);
                    _flushes.RemoveAt(i);
                }
        }
        if (done is null) return;
        if (_processed != _lastSnapshotExchanges || _live.Sequence == 0) Reassemble();
        foreach (var t in done) t.TrySetResult();
    }

    private void Reassemble()
    {
        var sw = Stopwatch.StartNew();
        var result = _engine.Snapshot(_opt.Inputs);
        var (campaigns, verdicts) = _identity.Assign(result.Campaigns, result.Verdicts);
        var byAccount = new Dictionary<string, AccountVerdict>(verdicts.Count, StringComparer.Ordinal);
        foreach (var v in verdicts) byAccount[v.Account] = v;
        sw.Stop();
        var at = DateTimeOffset.UtcNow;
        DateTimeOffset? clock = _clockMs > 0 ? DateTimeOffset.FromUnixTimeMilliseconds(_clockMs) : null;
        var live = new LiveState
        {
            Sequence = _live.Sequence + 1,
            Exchanges = result.Stats.Exchanges,
            ExchangeClock = clock,
            At = at,
            Duration = sw.Elapsed,
            Verdicts = byAccount,
            Campaigns = campaigns,
        };
        Publish(live);
        _live = live;
        _lastSnapshotExchanges = _processed;
        _lastSnapshotClockMs = _clockMs;
        _lastSnapshotWallTicks = Stopwatch.GetTimestamp();
        Interlocked.Increment(ref _reassemblies);
        Volatile.Write(ref _lastReassemblySeconds, sw.Elapsed.TotalSeconds);
        StreamingMetrics.Reassembly.Record(sw.Elapsed.TotalSeconds);
    }

    /// <summary>Logs every verdict change and sends the alerts that were not sent before.</summary>
    private void Publish(LiveState live)
    {
        foreach (var v in live.Verdicts.Values.OrderBy(v => v.Account, StringComparer.Ordinal))
        {
            string to = v.Verdict.WireName();
            var (from, fromCampaign) = _current.TryGetValue(v.Account, out var c) ? c : ("clear", null);
            if (from == to && fromCampaign == v.Campaign) continue;
            _current[v.Account] = (to, v.Campaign);
            VerdictChange change;
            lock (_historyLock)
            {
                change = new VerdictChange
                {
                    Sequence = _changes.Count + 1, Account = v.Account, From = from, To = to, FromCampaign = fromCampaign, Campaign = v.Campaign,
                    Score = v.Score, At = live.At, ExchangeTime = live.ExchangeClock, Exchanges = v.Exchanges,
                };
                _changes.Add(change);
                if (!_history.TryGetValue(v.Account, out var h)) _history[v.Account] = h = new List<VerdictChange>();
                h.Add(change);
                if (h.Count > _opt.HistoryPerAccount) h.RemoveAt(0);
            }
            _changesLog.WriteLine(JsonSerializer.Serialize(change, StreamingJson.Options));
            StreamingMetrics.VerdictChanges.Add(1, new KeyValuePair<string, object?>("verdict", to));
            Alert($"account|{v.Account}|{to}|{v.Campaign}", w => StreamingJson.WriteAccountAlert(w, change, v));
        }
        foreach (var campaign in live.Campaigns)
        {
            int size = campaign.Accounts.Count;
            bool known = _campaignAlertedSize.TryGetValue(campaign.Id, out int alerted);
            if (known && size < 2 * alerted) continue;
            string change = known ? "grew" : "detected";
            _campaignAlertedSize[campaign.Id] = size;
            StreamingMetrics.CampaignChanges.Add(1, new KeyValuePair<string, object?>("change", change));
            // growth alerts are keyed by the doubling they report, so each is sent once
            string id = known ? $"campaign|{campaign.Id}|grew|{(int)Math.Log2(Math.Max(1, size))}" : $"campaign|{campaign.Id}|detected";
            Alert(id, w => StreamingJson.WriteCampaignAlert(w, change, campaign, live));
        }
    }

    private void Alert(string key, Action<Utf8JsonWriter> write)
    {
        string id = "alert-" + Hash64.Of(key).ToString("x16");
        if (!_alerted.Add(id)) return;
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(1024);
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteString("id", id);
            write(w);
            w.WriteEndObject();
        }
        var bytes = buffer.WrittenMemory.ToArray();
        foreach (var s in _sinks) s.TryEnqueue(bytes);
        _alertedLog.WriteLine(id);
    }

    private void LoadChanges(string path)
    {
        if (!File.Exists(path)) return;
        long n = 0;
        foreach (var line in File.ReadLines(path))
        {
            n++;
            if (line.Length == 0) continue;
            VerdictChange? c;
            try { c = JsonSerializer.Deserialize<VerdictChange>(line, StreamingJson.Options); }
            catch (JsonException) { _log?.LogWarning("changes.jsonl line {Line} unreadable (torn by a crash?); skipped", n); continue; }
            if (c is null) continue;
            c = c with { Sequence = _changes.Count + 1 };
            _changes.Add(c);
            if (!_history.TryGetValue(c.Account, out var h)) _history[c.Account] = h = new List<VerdictChange>();
            h.Add(c);
            if (h.Count > _opt.HistoryPerAccount) h.RemoveAt(0);
            _current[c.Account] = (c.To, c.Campaign);
        }
        // campaigns already alerted keep their sizes: the members the change log names per campaign
        foreach (var g in _current.Where(kv => kv.Value.Campaign is not null && kv.Value.Verdict == "campaign").GroupBy(kv => kv.Value.Campaign!))
            _campaignAlertedSize[g.Key] = g.Count();
    }

    private static long CountLines(string path)
    {
        if (!File.Exists(path)) return 0;
        long n = 0;
        foreach (var _ in File.ReadLines(path)) n++;
        return n;
    }

    /// <summary>A 128-bit key of an exchange id: two independent 64-bit hashes.</summary>
    internal static UInt128 IdKey(string id)
    {
        var bytes = System.Runtime.InteropServices.MemoryMarshal.AsBytes(id.AsSpan());
        ulong a = Hash64.Of(bytes);
        ulong b = Hash64.Finish(Hash64.Append(Hash64.Start ^ 0x9E3779B97F4A7C15UL, bytes), bytes.Length ^ 0x5bd1e995);
        return new UInt128(a, b);
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _thread?.Join(TimeSpan.FromSeconds(3));   // a re-assembly in progress finishes or is abandoned; the journal is durable either way
        foreach (var s in _sinks) await s.DisposeAsync();
        lock (_ingestLock)
        {
            _journal.Dispose();
            _quarantine.Dispose();
        }
        _changesLog.Dispose();
        _alertedLog.Dispose();
        _parsers.Dispose();
        _stop.Dispose();
        lock (_flushes)
            foreach (var (_, t) in _flushes) t.TrySetCanceled();
    }
}
