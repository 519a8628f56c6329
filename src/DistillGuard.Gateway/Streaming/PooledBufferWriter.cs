using System.Buffers;

namespace DistillGuard.Gateway.Streaming;

/// <summary>
/// An <see cref="IBufferWriter{T}"/> over an array rented from <see cref="ArrayPool{T}.Shared"/>: the write buffer of a
/// rewritten stream, reused for every read of it and returned when the stream is over (<see cref="Dispose"/>), instead
/// of a new buffer grown from 256 bytes per response. Not thread-safe.
/// </summary>
internal sealed class PooledBufferWriter(int initialSize = 16384) : IBufferWriter<byte>, IDisposable
{
    private byte[]? _buffer;
    private int _written;

    public ReadOnlyMemory<byte> WrittenMemory => _buffer is null ? default : _buffer.AsMemory(0, _written);
    public int WrittenCount => _written;

    public void ResetWrittenCount() => _written = 0;

    public void Advance(int count)
    {
        if (count < 0 || _buffer is null || _written + count > _buffer.Length) throw new ArgumentOutOfRangeException(nameof(count));
        _written += count;
    }

    public Memory<byte> GetMemory(int sizeHint = 0) => Ensure(sizeHint).AsMemory(_written);

    public Span<byte> GetSpan(int sizeHint = 0) => Ensure(sizeHint).AsSpan(_written);

    private byte[] Ensure(int sizeHint)
    {
        int need = _written + Math.Max(sizeHint, 1);
        if (_buffer is { } b && need <= b.Length) return b;
        var next = ArrayPool<byte>.Shared.Rent(Math.Max(need, _buffer is null ? initialSize : 2 * _buffer.Length));
        if (_buffer is not null)
        {
            _buffer.AsSpan(0, _written).CopyTo(next);
            ArrayPool<byte>.Shared.Return(_buffer);
        }
        return _buffer = next;
    }

    /// <summary>Returns the buffer to the pool; nothing written may be used after this.</summary>
    public void Dispose()
    {
        if (_buffer is { } b) ArrayPool<byte>.Shared.Return(b);
        _buffer = null;
        _written = 0;
    }
}
