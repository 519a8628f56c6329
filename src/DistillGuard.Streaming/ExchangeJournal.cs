using System.Globalization;

namespace DistillGuard.Streaming;

/// <summary>
/// The service's durable record of every accepted exchange: the raw exchange-log lines, append-only, in the order the
/// detector sees them, in segment files <c>journal/000001.jsonl</c>, … An exchange is acknowledged only after
/// <see cref="Commit"/> has put it on disk, so a restart that replays the journal loses no acknowledged exchange.
/// A crash mid-write leaves at most a torn last line, which <see cref="Open"/> cuts off (it was never acknowledged).
/// The segments are themselves an exchange log: <c>distillguard analyze --log DIR/journal/*.jsonl</c> reads them.
/// </summary>
public sealed class ExchangeJournal : IDisposable
{
    private readonly string _dir;
    private readonly long _segmentBytes;
    private FileStream? _current;
    private long _currentLength;
    private int _segment;

    private ExchangeJournal(string dir, long segmentBytes, int segment)
    {
        _dir = dir;
        _segmentBytes = segmentBytes;
        _segment = segment;
    }

    /// <summary>Segment files in order, oldest first.</summary>
    public IReadOnlyList<string> Segments => Directory.EnumerateFiles(_dir, "*.jsonl").Order(StringComparer.Ordinal).ToList();

    public long Bytes { get; private set; }

    /// <summary>Opens (or creates) the journal under <paramref name="dir"/>; cuts a torn final line off the newest segment.</summary>
    public static ExchangeJournal Open(string dir, long segmentBytes = 256L << 20)
    {
        Directory.CreateDirectory(dir);
        var segments = Directory.EnumerateFiles(dir, "*.jsonl").Order(StringComparer.Ordinal).ToList();
        int last = 0;
        long bytes = 0;
        foreach (var s in segments)
        {
            if (int.TryParse(Path.GetFileNameWithoutExtension(s), NumberStyles.None, CultureInfo.InvariantCulture, out int n)) last = Math.Max(last, n);
            bytes += new FileInfo(s).Length;
        }
        if (segments.Count > 0) bytes -= CutTornTail(segments[^1]);
        return new ExchangeJournal(dir, segmentBytes, Math.Max(1, last)) { Bytes = bytes };
    }

    /// <summary>Truncates <paramref name="path"/> after its last newline; returns the bytes removed.</summary>
    internal static long CutTornTail(string path)
    {
        using var fs = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
        long length = fs.Length, end = length;
        var buf = new byte[64 * 1024];
        while (end > 0)
        {
            int n = (int)Math.Min(buf.Length, end);
            fs.Position = end - n;
            fs.ReadExactly(buf, 0, n);
            int i = Array.LastIndexOf(buf, (byte)'\n', n - 1, n);
            if (i >= 0) { end = end - n + i + 1; break; }
            end -= n;
        }
        if (end == length) return 0;
        fs.SetLength(end);
        fs.Flush(true);
        return length - end;
    }

    /// <summary>Appends one line (without its newline). Not durable until <see cref="Commit"/>.</summary>
    public void Append(ReadOnlySpan<byte> line)
    {
        var fs = Current();
        fs.Write(line);
        fs.WriteByte((byte)'\n');
        Bytes += line.Length + 1;
        _currentLength += line.Length + 1;
    }

    /// <summary>Puts every appended line on disk (fsync).</summary>
    public void Commit() => _current?.Flush(flushToDisk: true);

    private FileStream Current()
    {
        // the segment's length is counted, not asked of the file: FileStream.Length is a system call per line
        if (_current is not null && _currentLength >= _segmentBytes)
        {
            _current.Flush(true);
            _current.Dispose();
            _current = null;
            _segment++;
        }
        if (_current is null)
        {
            _current = new FileStream(Path.Combine(_dir, _segment.ToString("000000", CultureInfo.InvariantCulture) + ".jsonl"),
                FileMode.Append, FileAccess.Write, FileShare.Read, 1 << 20);
            _currentLength = _current.Length;
        }
        return _current;
    }

    public void Dispose()
    {
        if (_current is null) return;
        _current.Flush(true);
        _current.Dispose();
        _current = null;
    }
}
