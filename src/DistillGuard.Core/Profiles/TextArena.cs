using System.Text;

namespace DistillGuard.Core.Profiles;

/// <summary>
/// Append-only store of short strings (example exchange ids) as UTF-8 in large shared chunks, addressed by an int
/// handle below 2^27, so a profile keeps 4 bytes per example instead of a string object. Single-threaded. When the
/// arena is full (128 MiB), <see cref="Add"/> returns 0 and the example is not kept.
/// </summary>
public sealed class TextArena
{
    private const int ChunkBits = 16;
    private const int ChunkSize = 1 << ChunkBits;
    private const int MaxChunks = 1 << (27 - ChunkBits);
    private readonly List<byte[]> _chunks = new() { new byte[ChunkSize] };
    private int _pos = 1;   // handle 0 is "none"

    public long BytesUsed => (long)(_chunks.Count - 1) * ChunkSize + _pos;

    public int Add(ReadOnlySpan<char> text)
    {
        if (text.Length > 120) text = text[..120];
        int max = Encoding.UTF8.GetMaxByteCount(text.Length) + 1;
        if (_pos + max > ChunkSize)
        {
            if (_chunks.Count == MaxChunks) return 0;
            _chunks.Add(new byte[ChunkSize]);
            _pos = 0;
        }
        var chunk = _chunks[^1];
        int handle = ((_chunks.Count - 1) << ChunkBits) | _pos;
        int n = Encoding.UTF8.GetBytes(text, chunk.AsSpan(_pos + 1));
        chunk[_pos] = (byte)n;
        _pos += n + 1;
        return handle;
    }

    public string Get(int handle)
    {
        if (handle <= 0) return "";
        var chunk = _chunks[handle >>> ChunkBits];
        int off = handle & (ChunkSize - 1);
        return Encoding.UTF8.GetString(chunk, off + 1, chunk[off]);
    }
}
