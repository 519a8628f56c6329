using System.Globalization;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace DistillGuard.Streaming;

/// <summary>
/// The service's durable record of every accepted exchange: the raw exchange-log lines, append-only, in the order the
/// detector sees them, in segment files <c>journal/000001.jsonl</c>, … An exchange is acknowledged only after
/// <see cref="Commit"/> has put it on disk, so a restart that replays the journal loses no acknowledged exchange.
/// A crash mid-write leaves at most a torn last line, which <see cref="Open"/> cuts off (it was never acknowledged).
/// The segments are themselves an exchange log: <c>distillguard analyze --log DIR/journal/*.jsonl</c> reads them.
/// On Linux the segments are written with <c>O_DIRECT</c> where the file system takes it (<see cref="DirectSegment"/>):
/// a bulk load writes gigabytes, and copying every byte into the page cache and writing it back on fsync cost the
/// service more CPU than anything but parsing; elsewhere through a buffered <see cref="FileStream"/>.
/// </summary>
public sealed partial class ExchangeJournal : IDisposable
{
    private readonly string _dir;
    private readonly long _segmentBytes;
    private ISegmentWriter? _current;
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
    public void Commit() => _current?.Commit();

    /// <summary>Whether segments are written with <c>O_DIRECT</c> (false: buffered, through the page cache).</summary>
    public bool Direct => _current is DirectSegment;

    /// <summary>Set to false to write segments through the page cache even where <c>O_DIRECT</c> works (tests, comparisons).</summary>
    internal static bool UseDirect { get; set; } = Environment.GetEnvironmentVariable("DISTILLGUARD_JOURNAL_DIRECT") != "0";

    private ISegmentWriter Current()
    {
        // the segment's length is counted, not asked of the file: FileStream.Length is a system call per line
        if (_current is not null && _currentLength >= _segmentBytes)
        {
            _current.Commit();
            _current.Dispose();
            _current = null;
            _segment++;
        }
        if (_current is null)
        {
            string path = Path.Combine(_dir, _segment.ToString("000000", CultureInfo.InvariantCulture) + ".jsonl");
            _current = (UseDirect ? DirectSegment.TryOpen(path) : null) ?? (ISegmentWriter)new BufferedSegment(path);
            _currentLength = _current.Length;
        }
        return _current;
    }

    public void Dispose()
    {
        if (_current is null) return;
        _current.Commit();
        _current.Dispose();
        _current = null;
    }

    private interface ISegmentWriter : IDisposable
    {
        long Length { get; }
        void Write(ReadOnlySpan<byte> bytes);
        void WriteByte(byte b);
        /// <summary>Everything written is on disk, and the file ends where the last write did.</summary>
        void Commit();
    }

    private sealed class BufferedSegment(string path) : ISegmentWriter
    {
        private readonly FileStream _fs = new(path, FileMode.Append, FileAccess.Write, FileShare.Read, 1 << 20);
        public long Length => _fs.Length;
        public void Write(ReadOnlySpan<byte> bytes) => _fs.Write(bytes);
        public void WriteByte(byte b) => _fs.WriteByte(b);
        public void Commit() => _fs.Flush(flushToDisk: true);
        public void Dispose() => _fs.Dispose();
    }

    /// <summary>
    /// A segment written with <c>O_DIRECT</c> from an aligned buffer: the device reads the bytes from this process's
    /// memory, and nothing is copied into (or written back from) the page cache. Every write covers whole aligned
    /// blocks, so the last, partial block of a commit is written padded with zero bytes, the file is then cut back to
    /// its true length (<c>ftruncate</c>) and synced (<c>fsync</c>), and the block stays in the buffer to be written
    /// again, longer, by the next commit. A crash between the padded write and the cut leaves zero bytes after the
    /// last newline — no newline among them, so <see cref="CutTornTail"/> removes them with any torn line; the bytes
    /// of the block written again are the same ones, so an acknowledged line is never at risk.
    /// </summary>
    private sealed unsafe class DirectSegment : ISegmentWriter
    {
        private const int Align = 4096;
        private const int Capacity = 4 << 20;
        private readonly SafeFileHandle _handle;
        private byte* _buffer;
        private int _used;          // bytes in the buffer: the file's bytes from _base on
        private long _base;         // file offset of the buffer's first byte (aligned)

        private DirectSegment(SafeFileHandle handle, long length)
        {
            _handle = handle;
            _buffer = (byte*)NativeMemory.AlignedAlloc(Capacity, Align);
            _base = length / Align * Align;
            _used = (int)(length - _base);
            if (_used > 0)
            {
                // the file's last partial block is written again with what follows it
                long read = Sys.pread(_handle, _buffer, Align, _base);
                if (read != _used) { NativeMemory.AlignedFree(_buffer); _buffer = null; throw new IOException($"journal: read {read} of the last block's {_used} bytes"); }
            }
        }

        /// <summary>Opens the segment for appending with O_DIRECT; null where that is not possible (not Linux, an unknown
        /// architecture, a file system that refuses O_DIRECT), and the caller writes through the page cache instead.</summary>
        public static DirectSegment? TryOpen(string path)
        {
            if (!OperatingSystem.IsLinux()) return null;
            int direct = RuntimeInformation.ProcessArchitecture switch
            {
                Architecture.X64 or Architecture.X86 => 0x4000,       // O_DIRECT: 040000 on x86
                Architecture.Arm64 or Architecture.Arm => 0x10000,    // 0200000 on arm
                _ => 0,
            };
            if (direct == 0) return null;
            const int O_RDWR = 2, O_CREAT = 0x40, O_CLOEXEC = 0x80000;
            int fd = Sys.open(path, O_RDWR | O_CREAT | O_CLOEXEC | direct, Convert.ToInt32("644", 8));
            if (fd < 0) return null;
            var handle = new SafeFileHandle((IntPtr)fd, ownsHandle: true);
            try
            {
                long length = Sys.lseek(handle, 0, 2 /* SEEK_END */);
                if (length < 0) { handle.Dispose(); return null; }
                return new DirectSegment(handle, length);
            }
            catch
            {
                handle.Dispose();
                throw;
            }
        }

        public long Length => _base + _used;

        public void Write(ReadOnlySpan<byte> bytes)
        {
            while (bytes.Length > 0)
            {
                if (_used == Capacity) WriteFullBuffer();
                int n = Math.Min(bytes.Length, Capacity - _used);
                bytes[..n].CopyTo(new Span<byte>(_buffer + _used, n));
                _used += n;
                bytes = bytes[n..];
            }
        }

        public void WriteByte(byte b)
        {
            if (_used == Capacity) WriteFullBuffer();
            _buffer[_used++] = b;
        }

        private void WriteFullBuffer()
        {
            WriteAt(_buffer, Capacity, _base);
            _base += Capacity;
            _used = 0;
        }

        public void Commit()
        {
            int whole = _used / Align * Align;
            int padded = (_used + Align - 1) / Align * Align;
            if (padded > _used) new Span<byte>(_buffer + _used, padded - _used).Clear();
            if (padded > 0) WriteAt(_buffer, padded, _base);
            long length = _base + _used;
            if (padded > _used && Sys.ftruncate(_handle, length) != 0) throw Error("ftruncate");
            if (Sys.fsync(_handle) != 0) throw Error("fsync");
            // keep the partial last block (written again by the next commit)
            if (whole > 0)
            {
                if (_used > whole) Buffer.MemoryCopy(_buffer + whole, _buffer, Capacity, _used - whole);
                _base += whole;
                _used -= whole;
            }
        }

        private void WriteAt(byte* data, int count, long offset)
        {
            int done = 0;
            while (done < count)
            {
                long n = Sys.pwrite(_handle, data + done, count - done, offset + done);
                if (n < 0) throw Error("pwrite");
                if (n == 0 || n % Align != 0) throw new IOException($"journal: O_DIRECT write of {count - done} bytes wrote {n}");
                done += (int)n;
            }
        }

        private static IOException Error(string call) => new($"journal: {call} failed (errno {Marshal.GetLastPInvokeError()})");

        public void Dispose()
        {
            _handle.Dispose();
            if (_buffer is not null) NativeMemory.AlignedFree(_buffer);
            _buffer = null;
        }
    }

    private static unsafe partial class Sys
    {
        [LibraryImport("libc", EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
        public static partial int open(string path, int flags, int mode);
        [LibraryImport("libc", EntryPoint = "pwrite", SetLastError = true)]
        public static partial nint pwrite(SafeFileHandle fd, byte* buf, nint count, long offset);
        [LibraryImport("libc", EntryPoint = "pread", SetLastError = true)]
        public static partial nint pread(SafeFileHandle fd, byte* buf, nint count, long offset);
        [LibraryImport("libc", EntryPoint = "lseek", SetLastError = true)]
        public static partial long lseek(SafeFileHandle fd, long offset, int whence);
        [LibraryImport("libc", EntryPoint = "ftruncate", SetLastError = true)]
        public static partial int ftruncate(SafeFileHandle fd, long length);
        [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
        public static partial int fsync(SafeFileHandle fd);
    }
}
