using System.Text;
using DistillGuard.Cli.Commands;

namespace DistillGuard.Streaming.Tests;

/// <summary>replay reads the log as bytes and sends each line's own bytes: the lines it yields.</summary>
public sealed class ReplayLineReaderTests
{
    private static async Task<List<string>> Lines(byte[] data, int chunk = int.MaxValue)
    {
        var reader = new ReplayCommand.LineReader(new ChunkedStream(data, chunk));
        var lines = new List<string>();
        while (await reader.ReadLineAsync(CancellationToken.None)) lines.Add(Encoding.UTF8.GetString(reader.Current.Span));
        return lines;
    }

    [Fact]
    public async Task Lines_SplitOnNewlines_WithoutCarriageReturnsOrByteOrderMark()
    {
        var data = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(Encoding.UTF8.GetBytes("{\"a\":1}\r\n\n{\"b\":\"é\"}\n{\"c\":3}")).ToArray();
        foreach (int chunk in new[] { 1, 2, 7, int.MaxValue })
            Assert.Equal(new[] { "{\"a\":1}", "", "{\"b\":\"é\"}", "{\"c\":3}" }, await Lines(data, chunk));
    }

    [Fact]
    public async Task Lines_LongerThanTheBuffer_ArriveWhole()
    {
        string big = new string('x', 3 << 20);
        var data = Encoding.UTF8.GetBytes("short\n" + big + "\nlast\n");
        Assert.Equal(new[] { "short", big, "last" }, await Lines(data, 100_000));
    }

    [Fact]
    public async Task Empty_YieldsNothing() => Assert.Empty(await Lines(Array.Empty<byte>()));

    /// <summary>Answers reads in pieces of at most <c>chunk</c> bytes, as a network or inflating stream may.</summary>
    private sealed class ChunkedStream(byte[] data, int chunk) : Stream
    {
        private int _pos;
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => data.Length;
        public override long Position { get => _pos; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count)
        {
            int n = Math.Min(Math.Min(count, chunk), data.Length - _pos);
            Array.Copy(data, _pos, buffer, offset, n);
            _pos += n;
            return n;
        }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
