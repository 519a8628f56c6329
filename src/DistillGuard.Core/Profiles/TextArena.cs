namespace DistillGuard.Core.Profiles;

/// <summary>
/// Append-only store of short strings (example exchange ids) in large shared char chunks, addressed by an int handle,
/// so a profile keeps 4 bytes per example instead of a string object. Single-threaded.
/// </summary>
public sealed class TextArena
{
    private const int ChunkBits = 20;
    private const int ChunkSize = 1 << ChunkBits;
    private readonly List<char[]> _chunks = new() { new char[ChunkSize] };
    private int _pos;

    /// <summary>Handle 0 is reserved for "none".</summary>
    public TextArena() => _pos = 1;

    public long BytesUsed => (long)(_chunks.Count - 1) * ChunkSize * 2 + _pos * 2L;

    public int Add(ReadOnlySpan<char> text)
    {
        if (text.Length > 255) text = text[..255];
        if (_pos + text.Length + 1 > ChunkSize)
        {
            _chunks.Add(new char[ChunkSize]);
            _pos = 0;
        }
        var chunk = _chunks[^1];
        int handle = ((_chunks.Count - 1) << ChunkBits) | _pos;
        chunk[_pos] = (char)text.Length;
        text.CopyTo(chunk.AsSpan(_pos + 1));
        _pos += text.Length + 1;
        return handle;
    }

    public string Get(int handle)
    {
        if (handle == 0) return "";
        var chunk = _chunks[handle >>> ChunkBits];
        int off = handle & (ChunkSize - 1);
        return new string(chunk, off + 1, chunk[off]);
    }
}
