using System.Buffers;

namespace DistillGuard.Simulation.Evaluation;

/// <summary>Receives one line (without its end-of-line bytes) and its 1-based line number.</summary>
internal delegate void Utf8LineHandler(ReadOnlySpan<byte> line, long lineNumber);

/// <summary>
/// Splits a UTF-8 stream into lines through one pooled buffer: no per-line allocation, memory bounded by the
/// longest line. Strips a leading BOM and trailing <c>\r</c>; blank lines are counted but not handed out.
/// </summary>
internal static class Utf8Lines
{
    /// <summary>Calls <paramref name="handler"/> for each non-blank line; returns how many lines the stream had.</summary>
    public static long ForEach(Stream stream, Utf8LineHandler handler, int initialBufferSize = 1 << 16)
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent(initialBufferSize);
        int start = 0, end = 0, scanned = 0;
        long lineNumber = 0;
        try
        {
            while (true)
            {
                if (start > 0)
                {
                    Buffer.BlockCopy(buffer, start, buffer, 0, end - start);
                    end -= start;
                    scanned -= start;
                    start = 0;
                }
                if (end == buffer.Length)
                {
                    byte[] bigger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                    Buffer.BlockCopy(buffer, 0, bigger, 0, end);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = bigger;
                }
                int read = stream.Read(buffer, end, buffer.Length - end);
                if (read == 0)
                {
                    break;
                }
                end += read;
                while (true)
                {
                    int nl = buffer.AsSpan(scanned, end - scanned).IndexOf((byte)'\n');
                    if (nl < 0)
                    {
                        scanned = end;
                        break;
                    }
                    int lineEnd = scanned + nl;
                    Emit(buffer.AsSpan(start, lineEnd - start), ++lineNumber, handler);
                    start = scanned = lineEnd + 1;
                }
            }
            if (end > start)
            {
                Emit(buffer.AsSpan(start, end - start), ++lineNumber, handler);
            }
            return lineNumber;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static void Emit(ReadOnlySpan<byte> line, long lineNumber, Utf8LineHandler handler)
    {
        if (lineNumber == 1 && line.StartsWith("\uFEFF"u8))
        {
            line = line[3..];
        }
        if (!line.IsEmpty && line[^1] == (byte)'\r')
        {
            line = line[..^1];
        }
        if (line.Trim(" \t"u8).IsEmpty)
        {
            return;
        }
        handler(line, lineNumber);
    }
}
