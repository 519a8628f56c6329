using System.Diagnostics;
using System.IO.Compression;
using DistillGuard.Core.Model;
using DistillGuard.Core.Parsing;

namespace DistillGuard.Core.Reading;

/// <summary>
/// Reads exchange logs (JSON Lines, plain or gzip) into <see cref="ExchangeFeatures"/>, streaming with bounded
/// memory: one thread decompresses and cuts whole lines into pooled batches, <see cref="ReaderOptions.Workers"/>
/// threads parse and compute signals, and the calling thread receives the exchanges in file-then-line order.
/// Bad lines go to quarantine with their number and reason; the read never stops on them.
/// </summary>
public static class ExchangeLogReader
{
    /// <summary>
    /// ~1 MB of text (~250 simulator lines) per batch. On the shared 2-core machine 4 MB batches were slower than 1 MB
    /// ones in every trial (a big batch delays the pipeline's start and end); 256 KB–1 MB were within the noise.
    /// </summary>
    private const int InitialBatchBytes = 1 << 20;

    /// <summary>
    /// Calls <paramref name="onExchange"/> on ONE thread (the caller's), in file-then-line order; the instance is
    /// reused after the call returns. Never throws for bad lines; throws <see cref="IOException"/> (or a subclass)
    /// for missing or unreadable files, and <see cref="OperationCanceledException"/> when cancelled.
    /// </summary>
    public static ReaderStats Read(ReaderOptions options, Action<ExchangeFeatures> onExchange, CancellationToken ct = default)
        => Read(options, onExchange, ct, InitialBatchBytes);

    /// <summary>As <see cref="Read(ReaderOptions, Action{ExchangeFeatures}, CancellationToken)"/> with a chosen batch size (tests use small batches).</summary>
    internal static ReaderStats Read(ReaderOptions options, Action<ExchangeFeatures> onExchange, CancellationToken ct, int batchBytes)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(onExchange);
        var sw = Stopwatch.StartNew();
        long totalBytes = 0;
        foreach (var file in options.Files)
        {
            var info = new FileInfo(file);
            if (!info.Exists) throw new FileNotFoundException($"exchange log not found: {file}", file);
            totalBytes += info.Length;
        }
        using var run = new Run(options, totalBytes, ct, batchBytes);
        run.Start();
        run.Consume(onExchange);
        return run.Stats(sw.Elapsed);
    }

    private sealed class Run : IDisposable
    {
        private readonly ReaderOptions _o;
        private readonly long _totalBytes;
        private readonly CancellationTokenSource _cts;
        private readonly int _workers;
        // One lock guards the whole hand-off (work queue, finished batches, pool, batches in flight); every wait is a
        // Monitor.Wait on it, so no thread spins on a semaphore while the others need the cores. The lock is taken a few
        // times per batch (~250 lines).
        private readonly Queue<LineBatch> _work = new();
        private bool _workCompleted;
        private readonly Stack<LineBatch> _pool = new();
        private readonly int _maxInFlight;
        private int _inFlight;
        private readonly Dictionary<long, LineBatch> _done = new();
        private readonly object _gate = new();
        private long _producedBatches = -1;     // set when the producer ends
        private Exception? _producerError;
        private Exception? _workerError;
        private readonly List<Thread> _threads = new();
        private readonly QuarantineWriter? _quarantine;
        private readonly Dictionary<string, long> _reasons = new(StringComparer.Ordinal);
        private long _lines, _exchanges, _quarantined, _bytes;

        private readonly int _batchBytes;

        public Run(ReaderOptions o, long totalBytes, CancellationToken ct, int batchBytes)
        {
            _batchBytes = Math.Max(16, batchBytes);
            _o = o;
            _totalBytes = totalBytes;
            _cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
            _workers = Math.Max(1, o.Workers);
            _maxInFlight = _workers * 3 + 2;
            if (o.QuarantinePath is not null) _quarantine = new QuarantineWriter(o.QuarantinePath);
        }

        public void Start()
        {
            var producer = new Thread(Produce) { IsBackground = true, Name = "dg-read" };
            _threads.Add(producer);
            for (int i = 0; i < _workers; i++) _threads.Add(new Thread(Work) { IsBackground = true, Name = $"dg-parse-{i}" });
            foreach (var t in _threads) t.Start();
        }

        // ---- producer: decompress, cut whole lines, number them ----
        private void Produce()
        {
            long seq = 0, storedBefore = 0;
            try
            {
                var ct = _cts.Token;
                for (int fi = 0; fi < _o.Files.Count; fi++)
                {
                    string file = _o.Files[fi];
                    using var fs = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
                    using Stream input = file.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? new GZipStream(fs, CompressionMode.Decompress) : fs;
                    long line = 1;
                    byte[] carry = new byte[_batchBytes];
                    int carryLen = 0;
                    bool eof = false;
                    while (!eof || carryLen > 0)
                    {
                        var b = Rent(ct);
                        b.FileIndex = fi;
                        if (b.Buffer.Length < carryLen * 2) b.Buffer = new byte[Math.Max(carryLen * 2, _batchBytes)];
                        carry.AsSpan(0, carryLen).CopyTo(b.Buffer);
                        int len = carryLen;
                        int cut;
                        while (true)
                        {
                            while (!eof && len < b.Buffer.Length)
                            {
                                int n;
                                try { n = input.Read(b.Buffer, len, b.Buffer.Length - len); }
                                catch (InvalidDataException e) { throw new IOException($"{file}: corrupt compressed data: {e.Message}", e); }
                                if (n == 0) eof = true; else len += n;
                            }
                            int nl = b.Buffer.AsSpan(0, len).LastIndexOf((byte)'\n');
                            if (nl >= 0) { cut = nl + 1; break; }
                            if (eof) { cut = len; break; }
                            Array.Resize(ref b.Buffer, b.Buffer.Length * 2); // a line longer than the batch
                        }
                        if (eof && cut < len) cut = len; // the last line has no newline
                        carryLen = len - cut;
                        if (carry.Length < carryLen) carry = new byte[carryLen * 2];
                        b.Buffer.AsSpan(cut, carryLen).CopyTo(carry);
                        b.Length = cut;
                        var data = b.Buffer.AsSpan(0, cut);
                        long lines = data.Count((byte)'\n');
                        if (cut > 0 && data[cut - 1] != (byte)'\n') lines++;
                        b.FirstLine = line;
                        b.Lines = lines;
                        line += lines;
                        b.BytesPosition = storedBefore + fs.Position;
                        b.Seq = seq++;
                        if (cut == 0) { b.Lines = 0; }
                        lock (_gate) { _work.Enqueue(b); Monitor.PulseAll(_gate); }
                        if (eof && carryLen == 0) break;
                    }
                    storedBefore += fs.Length;
                }
            }
            catch (Exception e) { _producerError = e; }
            finally
            {
                lock (_gate) { _workCompleted = true; _producedBatches = seq; Monitor.PulseAll(_gate); }
            }
        }

        /// <summary>Waits until fewer than the maximum batches are in flight, then takes a pooled (or new) batch.</summary>
        private LineBatch Rent(CancellationToken ct)
        {
            lock (_gate)
            {
                while (_inFlight >= _maxInFlight)
                {
                    ct.ThrowIfCancellationRequested();
                    Monitor.Wait(_gate, 200);
                }
                ct.ThrowIfCancellationRequested();
                _inFlight++;
                if (_pool.TryPop(out var b)) { b.Reset(); return b; }
            }
            return new LineBatch { Buffer = new byte[_batchBytes] };
        }

        /// <summary>The next batch to parse, or null when the producer has finished (or the run is cancelled).</summary>
        private LineBatch? TakeWork()
        {
            var ct = _cts.Token;
            lock (_gate)
            {
                while (true)
                {
                    if (ct.IsCancellationRequested) return null;
                    if (_work.TryDequeue(out var b)) return b;
                    if (_workCompleted) return null;
                    Monitor.Wait(_gate, 200);
                }
            }
        }

        // ---- workers: parse lines, compute signals ----
        private void Work()
        {
            var parser = new ExchangeLineParser { SkeletonFingerprints = _o.SkeletonFingerprints };
            try
            {
                while (TakeWork() is { } b)
                {
                    ParseBatch(parser, b);
                    lock (_gate) { _done[b.Seq] = b; Monitor.PulseAll(_gate); }
                }
            }
            catch (OperationCanceledException) { }
            catch (Exception e)
            {
                lock (_gate) { _workerError = e; Monitor.PulseAll(_gate); }
                _cts.Cancel();
            }
        }

        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)] // batch reads: optimised code from the first line
        private static void ParseBatch(ExchangeLineParser parser, LineBatch b)
        {
            var data = b.Buffer.AsSpan(0, b.Length);
            long lineNo = b.FirstLine;
            int pos = 0;
            while (pos < data.Length)
            {
                int nl = data[pos..].IndexOf((byte)'\n');
                int end = nl < 0 ? data.Length : pos + nl;
                int start = pos;
                pos = end + 1;
                int e = end;
                if (e > start && data[e - 1] == (byte)'\r') e--;
                var line = data[start..e];
                if (line.Trim(" \t\r"u8).IsEmpty) { lineNo++; continue; }
                var f = b.NextFeatures();
                string? reason;
                try { reason = parser.Parse(line, f); }
                catch (Exception) { reason = "parse-error"; }
                if (reason is null) b.Count++;
                else b.Bad.Add(new LineBatch.BadLine(lineNo, reason, start, e - start));
                lineNo++;
            }
        }

        // ---- consumer: ordered hand-off on the caller's thread ----
        public void Consume(Action<ExchangeFeatures> onExchange)
        {
            long next = 0;
            while (true)
            {
                LineBatch? b;
                lock (_gate)
                {
                    while (!_done.TryGetValue(next, out b) && (_producedBatches < 0 || next < _producedBatches) && _workerError is null && !_cts.IsCancellationRequested)
                        Monitor.Wait(_gate, 200);
                    if (b is not null) _done.Remove(next);
                }
                if (_workerError is not null) throw new InvalidOperationException("exchange parser failed", _workerError);
                if (b is null)
                {
                    if (_cts.IsCancellationRequested) throw new OperationCanceledException(_cts.Token);
                    // every batch delivered
                    if (_producerError is OperationCanceledException oce) throw oce;
                    if (_producerError is IOException io) throw io;
                    if (_producerError is UnauthorizedAccessException ua) throw new IOException(ua.Message, ua);
                    if (_producerError is not null) throw new IOException($"reading the exchange log failed: {_producerError.Message}", _producerError);
                    return;
                }
                Deliver(b, onExchange);
                next++;
                lock (_gate) { _pool.Push(b); _inFlight--; Monitor.PulseAll(_gate); }
                _o.Progress?.Report(new ReadProgress(b.BytesPosition, _totalBytes, _lines, _quarantined));
            }
        }

        private void Deliver(LineBatch b, Action<ExchangeFeatures> onExchange)
        {
            // Interleave exchanges and quarantined lines by line number is unnecessary for the callback (it sees
            // exchanges only), so deliver exchanges in order, then write the batch's quarantined lines in order.
            for (int i = 0; i < b.Count; i++) onExchange(b.Features[i]);
            string file = _o.Files[b.FileIndex];
            foreach (var bad in b.Bad)
            {
                _quarantine?.Write(file, bad.Line, bad.Reason, b.Buffer.AsSpan(bad.Start, bad.Length));
                _reasons[bad.Reason] = _reasons.GetValueOrDefault(bad.Reason) + 1;
            }
            _lines += b.Lines;
            _exchanges += b.Count;
            _quarantined += b.Bad.Count;
            _bytes += b.Length;
        }

        public ReaderStats Stats(TimeSpan elapsed)
            => new(_o.Files.Count, _lines, _exchanges, _quarantined, _bytes, new Dictionary<string, long>(_reasons), elapsed);

        public void Dispose()
        {
            _cts.Cancel();
            lock (_gate) Monitor.PulseAll(_gate);
            foreach (var t in _threads) t.Join();
            _quarantine?.Dispose();
            _cts.Dispose();
        }
    }
}
