using System.Text.Json;
using System.Text.Json.Serialization;
using System.Threading.Channels;

namespace DistillGuard.Provenance.Watermarking;

/// <summary>
/// One watermarked text block as the lab's model wrote it, before the watermark: who it was served to, when, under which
/// key. The unwatermarked originals of what was served watermarked are the strongest source of prefix probes
/// (<c>provenance probes --served</c>): a student that trained on those responses is asked to continue them where the
/// watermark chose a word (docs/provenance.md, "Probes from what was served watermarked").
/// </summary>
public sealed record WatermarkJournalEntry
{
    [JsonPropertyName("exchange_id")] public required string ExchangeId { get; init; }
    [JsonPropertyName("account")] public required string Account { get; init; }
    [JsonPropertyName("campaign")] public string? Campaign { get; init; }
    [JsonPropertyName("api")] public string? Api { get; init; }
    [JsonPropertyName("model")] public string? Model { get; init; }
    [JsonPropertyName("key_id")] public required string KeyId { get; init; }
    [JsonPropertyName("served_at")] public required DateTimeOffset ServedAt { get; init; }
    /// <summary>The text block's index within the exchange (choices, output_text parts, Anthropic text blocks), in the order finished.</summary>
    [JsonPropertyName("block")] public int Block { get; init; }
    /// <summary>The block's text before the watermark.</summary>
    [JsonPropertyName("text")] public required string Text { get; init; }
}

/// <summary>
/// Appends <see cref="WatermarkJournalEntry"/> lines to a JSON-lines file from a bounded queue on a background task, so a
/// slow disk never holds up a response: when the queue is full the entry is dropped and counted (<see cref="Dropped"/>).
/// Lines are flushed to the file after each batch; <see cref="DisposeAsync"/> writes what is queued and closes it.
/// </summary>
public sealed class WatermarkJournal : IAsyncDisposable
{
    private static readonly JsonSerializerOptions Json = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    private readonly Channel<WatermarkJournalEntry> _queue;
    private readonly FileStream _file;
    private readonly Task _writer;
    private long _written, _dropped;

    /// <summary>Opens (creating or appending to) <paramref name="path"/>; at most <paramref name="capacity"/> entries wait.</summary>
    public WatermarkJournal(string path, int capacity = 10_000)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        if (System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path)) is { } dir) Directory.CreateDirectory(dir);
        _file = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read, 1 << 16);
        Path = path;
        _queue = Channel.CreateBounded<WatermarkJournalEntry>(new BoundedChannelOptions(capacity)
        {
            FullMode = BoundedChannelFullMode.Wait, SingleReader = true,   // TryWrite answers false when full: counted as dropped
        });
        _writer = Task.Run(WriteAsync);
    }

    public string Path { get; }

    /// <summary>Entries written to the file.</summary>
    public long Written => Interlocked.Read(ref _written);

    /// <summary>Entries dropped because the queue was full (or the journal closed).</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>The last write error (a full disk, say), or null.</summary>
    public string? LastError { get; private set; }

    /// <summary>Queues an entry; never blocks.</summary>
    public void Add(WatermarkJournalEntry entry)
    {
        if (!_queue.Writer.TryWrite(entry)) Interlocked.Increment(ref _dropped);
    }

    private async Task WriteAsync()
    {
        var reader = _queue.Reader;
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            int batch = 0;
            while (reader.TryRead(out var e))
            {
                try
                {
                    JsonSerializer.Serialize(_file, e, Json);
                    _file.WriteByte((byte)'\n');
                    batch++;
                }
                catch (IOException x) { Interlocked.Increment(ref _dropped); LastError = x.Message; }
            }
            try
            {
                await _file.FlushAsync().ConfigureAwait(false);
                Interlocked.Add(ref _written, batch);
            }
            catch (IOException x) { Interlocked.Add(ref _dropped, batch); LastError = x.Message; }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _writer.ConfigureAwait(false);
        await _file.DisposeAsync().ConfigureAwait(false);
    }
}
