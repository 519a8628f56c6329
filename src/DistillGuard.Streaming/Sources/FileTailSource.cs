using System.Globalization;
using System.Text.Json;
using DistillGuard.Core.Fingerprints;
using Microsoft.Extensions.Logging;

namespace DistillGuard.Streaming.Sources;

/// <summary>
/// Follows a growing exchange log (plain JSON Lines): reads what was appended, hands complete lines to the detector
/// and remembers the byte offset and line number it reached under the state directory, after the detector made them
/// durable. A restart resumes there; a crash between the two re-reads a few lines, which the detector's exchange-id
/// memory drops. A file that shrinks (truncated or rotated in place) is read again from its start.
/// </summary>
public sealed class FileTailSource : IAsyncDisposable
{
    private readonly string _path;
    private readonly StreamingDetector _detector;
    private readonly string _offsetFile;
    private readonly TimeSpan _poll;
    private readonly ILogger? _log;
    private readonly CancellationTokenSource _stop = new();
    private Task? _task;
    private long _offset, _line;

    public FileTailSource(string path, StreamingDetector detector, TimeSpan? poll = null, ILogger? log = null)
    {
        _path = Path.GetFullPath(path);
        _detector = detector;
        _poll = poll ?? TimeSpan.FromMilliseconds(200);
        _log = log;
        string dir = Path.Combine(detector.StateDir, "tail");
        Directory.CreateDirectory(dir);
        _offsetFile = Path.Combine(dir, Hash64.Of(_path).ToString("x16", CultureInfo.InvariantCulture) + ".json");
        if (File.Exists(_offsetFile))
        {
            using var doc = JsonDocument.Parse(File.ReadAllBytes(_offsetFile));
            _offset = doc.RootElement.GetProperty("offset").GetInt64();
            _line = doc.RootElement.GetProperty("line").GetInt64();
        }
    }

    public string FilePath => _path;
    public long Offset => Interlocked.Read(ref _offset);

    public void Start() => _task = Task.Run(() => RunAsync(_stop.Token));

    private async Task RunAsync(CancellationToken ct)
    {
        var buffer = new byte[4 << 20];
        while (!ct.IsCancellationRequested)
        {
            try
            {
                if (!File.Exists(_path)) { await Task.Delay(_poll, ct); continue; }
                using var fs = new FileStream(_path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
                if (fs.Length < _offset)
                {
                    _log?.LogWarning("{Path} shrank from {Offset} to {Length} bytes: reading it again from the start", _path, _offset, fs.Length);
                    _offset = 0; _line = 0;
                }
                if (fs.Length == _offset) { await Task.Delay(_poll, ct); continue; }
                fs.Position = _offset;
                int n = await fs.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, fs.Length - _offset)), ct);
                int last = Array.LastIndexOf(buffer, (byte)'\n', n - 1, n);
                if (last < 0)
                {
                    if (n == buffer.Length) Array.Resize(ref buffer, buffer.Length * 2);   // one line longer than the buffer
                    await Task.Delay(_poll, ct);
                    continue;
                }
                int used = last + 1;
                int lines = buffer.AsSpan(0, used).Count((byte)'\n');
                while (true)
                {
                    var r = _detector.Ingest(buffer.AsMemory(0, used), "file:" + _path, _line + 1);
                    if (!r.Busy) break;
                    await Task.Delay(TimeSpan.FromMilliseconds(500), ct);
                }
                _offset += used;
                _line += lines;
                Save();
            }
            catch (OperationCanceledException) { break; }
            catch (IOException e)
            {
                _log?.LogWarning("tail {Path}: {Error}", _path, e.Message);
                try { await Task.Delay(_poll, ct); } catch (OperationCanceledException) { break; }
            }
        }
    }

    private void Save()
    {
        string tmp = _offsetFile + ".tmp";
        File.WriteAllText(tmp, $"{{\"path\":{JsonSerializer.Serialize(_path)},\"offset\":{_offset},\"line\":{_line}}}");
        File.Move(tmp, _offsetFile, overwrite: true);
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        if (_task is not null) { try { await _task; } catch (OperationCanceledException) { } }
        _stop.Dispose();
    }
}
