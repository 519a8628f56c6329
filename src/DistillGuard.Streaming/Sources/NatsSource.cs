using Microsoft.Extensions.Logging;
using NATS.Client.Core;
using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;

namespace DistillGuard.Streaming.Sources;

/// <summary>Where to read exchanges from NATS JetStream.</summary>
public sealed record NatsSourceOptions
{
    public required string Url { get; init; }
    public string Stream { get; init; } = "EXCHANGES";
    public string Subject { get; init; } = "distillguard.exchanges";
    public string Consumer { get; init; } = "distillguard";
    /// <summary>Create the stream when it does not exist (file storage, the subject above).</summary>
    public bool CreateStream { get; init; } = true;
    public int Batch { get; init; } = 500;
    /// <summary>How long JetStream waits for an ack before redelivering (a batch is acked within milliseconds of its
    /// durable write; after a crash the unacked messages come back this much later).</summary>
    public TimeSpan AckWait { get; init; } = TimeSpan.FromSeconds(10);
}

/// <summary>
/// Reads exchange-log lines from a JetStream stream through a durable pull consumer (explicit acks): a batch of
/// messages is ingested as one durable write, then every message in it is acknowledged. A crash before the acks
/// makes JetStream redeliver them, and the detector's exchange-id memory drops the repeats. Each message holds one
/// line (or several, newline-separated); the quarantine names a bad one by its stream sequence number.
/// </summary>
public sealed class NatsSource : IAsyncDisposable
{
    private readonly NatsSourceOptions _opt;
    private readonly StreamingDetector _detector;
    private readonly ILogger? _log;
    private readonly CancellationTokenSource _stop = new();
    private NatsConnection? _nats;
    private Task? _task;
    private long _messages;

    public NatsSource(NatsSourceOptions options, StreamingDetector detector, ILogger? log = null)
    {
        _opt = options;
        _detector = detector;
        _log = log;
    }

    public long Messages => Interlocked.Read(ref _messages);

    /// <summary>Connects and makes sure the stream and the consumer exist (errors surface here, at start).</summary>
    public async Task StartAsync(CancellationToken ct = default)
    {
        _nats = new NatsConnection(new NatsOpts { Url = _opt.Url, Name = "distillguard-serve" });
        await _nats.ConnectAsync();
        var js = new NatsJSContext(_nats);
        if (_opt.CreateStream)
        {
            try { await js.GetStreamAsync(_opt.Stream, cancellationToken: ct); }
            catch (NatsJSApiException e) when (e.Error.Code == 404)
            {
                await js.CreateStreamAsync(new StreamConfig(_opt.Stream, [_opt.Subject]) { Storage = StreamConfigStorage.File }, ct);
            }
        }
        var consumer = await js.CreateOrUpdateConsumerAsync(_opt.Stream, new ConsumerConfig(_opt.Consumer)
        {
            AckPolicy = ConsumerConfigAckPolicy.Explicit,
            FilterSubject = _opt.Subject,
            AckWait = _opt.AckWait,
        }, ct);
        _task = Task.Run(() => RunAsync(consumer, _stop.Token));
    }

    private async Task RunAsync(INatsJSConsumer consumer, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            try
            {
                var batch = new List<INatsJSMsg<byte[]>>();
                await foreach (var msg in consumer.FetchNoWaitAsync<byte[]>(new NatsJSFetchOpts { MaxMsgs = _opt.Batch }, cancellationToken: ct))
                    batch.Add(msg);
                if (batch.Count == 0)
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(100), ct);
                    continue;
                }
                var buffer = new MemoryStream();
                var lines = new List<(int Start, int Length, long Line)>();
                foreach (var m in batch)
                {
                    long seq = (long)(m.Metadata?.Sequence.Stream ?? 0);
                    var data = m.Data ?? [];
                    int p = 0;
                    while (p <= data.Length)
                    {
                        int nl = Array.IndexOf(data, (byte)'\n', p);
                        int end = nl < 0 ? data.Length : nl;
                        if (end > p)
                        {
                            lines.Add(((int)buffer.Length, end - p, seq));
                            buffer.Write(data, p, end - p);
                        }
                        if (nl < 0) break;
                        p = nl + 1;
                    }
                }
                IngestResult r;
                while ((r = _detector.IngestLines(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), lines, "nats:" + _opt.Stream)).Busy)
                    await Task.Delay(TimeSpan.FromMilliseconds(500), ct);
                foreach (var m in batch) await m.AckAsync(cancellationToken: ct);
                Interlocked.Add(ref _messages, batch.Count);
            }
            catch (OperationCanceledException) { break; }
            catch (Exception e) when (e is NatsException or TimeoutException)
            {
                _log?.LogWarning("nats {Url}: {Error}; retrying", _opt.Url, e.Message);
                try { await Task.Delay(TimeSpan.FromSeconds(1), ct); } catch (OperationCanceledException) { break; }
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        if (_task is not null) { try { await _task; } catch (OperationCanceledException) { } }
        if (_nats is not null) await _nats.DisposeAsync();
        _stop.Dispose();
    }
}
