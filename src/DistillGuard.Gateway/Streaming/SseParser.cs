using System.Text;

namespace DistillGuard.Gateway.Streaming;

/// <summary>
/// Incremental server-sent-events framing (WHATWG: lines end in CR, LF or CRLF; a blank line ends an event). Keeps only
/// the bytes of the event in progress; every completed event carries its exact bytes for pass-through. A completed event
/// is dropped by moving the start of the buffer past it; what is left moves to the front once per <see cref="Feed"/> (not
/// once per event, which copied the rest of a 16 KB read for each of its hundred-odd events).
/// </summary>
internal sealed class SseParser
{
    private byte[] _buf = new byte[8192];
    private int _start;    // where the event in progress starts
    private int _len;      // end of the bytes held
    private int _scan;     // where the next line starts (positions are in _buf)
    private string? _name, _id;
    private StringBuilder? _data;
    private bool _any;     // the event in progress has at least one line
    // The event's only data line so far, as offsets into _buf (decoded when asked, not here); a second data line
    // decodes both into _data.
    private int _lineStart = -1, _lineEnd;

    public void Feed(ReadOnlySpan<byte> bytes, List<SseEvent> output)
    {
        if (_start > 0)
        {
            Buffer.BlockCopy(_buf, _start, _buf, 0, _len - _start);
            _len -= _start;
            _scan -= _start;
            if (_lineStart >= 0) { _lineStart -= _start; _lineEnd -= _start; }
            _start = 0;
        }
        if (_len + bytes.Length > _buf.Length) Array.Resize(ref _buf, Math.Max(_buf.Length * 2, _len + bytes.Length));
        bytes.CopyTo(_buf.AsSpan(_len));
        _len += bytes.Length;
        while (true)
        {
            var rest = _buf.AsSpan(_scan, _len - _scan);
            int nl = rest.IndexOfAny((byte)'\n', (byte)'\r');
            if (nl < 0) return;
            int term = 1;
            if (rest[nl] == '\r')
            {
                if (nl + 1 == rest.Length) return;           // CR at the end: wait to see whether LF follows
                if (rest[nl + 1] == '\n') term = 2;
            }
            var line = rest[..nl];
            int next = _scan + nl + term;
            if (line.IsEmpty)
            {
                if (_any) output.Add(Dispatch(next));
                else Drop(next);                           // stray blank line
                continue;
            }
            Field(_scan, line);
            _any = true;
            _scan = next;
        }
    }

    /// <summary>What is left at the end of the stream: an unterminated event (its bytes kept as they were), or null.</summary>
    public SseEvent? Finish()
    {
        if (_len == _start) return null;
        if (_scan < _len) { Field(_scan, _buf.AsSpan(_scan, _len - _scan).TrimEnd((byte)'\r')); _any = true; }
        return Dispatch(_len);
    }

    /// <summary>One line of the event in progress; <paramref name="at"/> is where it starts in the buffer.</summary>
    private void Field(int at, ReadOnlySpan<byte> line)
    {
        if (line[0] == ':') return;                        // comment
        int colon = line.IndexOf((byte)':');
        var name = colon < 0 ? line : line[..colon];
        int valueAt = colon < 0 ? line.Length : colon + 1;
        var value = line[valueAt..];
        if (!value.IsEmpty && value[0] == ' ') { value = value[1..]; valueAt++; }
        if (name.SequenceEqual("data"u8))
        {
            if (_data is null && _lineStart < 0)
            {
                // Most events have one data line: it is kept as where it is, and decoded only when asked.
                _lineStart = at + valueAt;
                _lineEnd = _lineStart + value.Length;
                return;
            }
            if (_data is null)
            {
                _data = new StringBuilder(Encoding.UTF8.GetString(_buf, _lineStart, _lineEnd - _lineStart));
                _lineStart = -1;
            }
            _data.Append('\n').Append(Encoding.UTF8.GetString(value));
        }
        else if (name.SequenceEqual("event"u8)) _name = Encoding.UTF8.GetString(value);
        else if (name.SequenceEqual("id"u8)) _id = Encoding.UTF8.GetString(value);
    }

    private SseEvent Dispatch(int end)
    {
        var raw = _buf.AsSpan(_start, end - _start).ToArray();
        var e = _lineStart >= 0 ? SseEvent.FromUpstream(_name, _id, raw, _lineStart - _start, _lineEnd - _start)
            : SseEvent.FromUpstream(_name, _data?.ToString(), _id, raw);
        Drop(end);
        return e;
    }

    private void Drop(int end)
    {
        _start = end;
        _scan = end;
        _name = null; _id = null; _data = null; _any = false; _lineStart = -1;
    }
}
