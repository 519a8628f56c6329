using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace DistillGuard.Gateway.Streaming;

/// <summary>
/// One server-sent event. An event read from upstream keeps its exact bytes (<see cref="Raw"/>) and is written back
/// byte for byte unless a rewriter replaced its data (<see cref="Json"/> set, <see cref="Raw"/> null). An event whose
/// only change is the value of some string fields (<see cref="SetString"/>) is written as its bytes with those values
/// spliced in, not re-serialised.
/// </summary>
internal sealed class SseEvent
{
    internal static readonly JsonSerializerOptions JsonOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The <c>event:</c> field, null when absent.</summary>
    public string? Name { get; init; }
    /// <summary>The <c>data:</c> lines joined by newlines, null when the event had none.</summary>
    public string? Data { get => _data ?? DecodeData(); init => _data = value; }

    private string? _data;
    // An event with one data line (from the parser, or made by ReplaceStringAt): where its data is in Raw, decoded from
    // there when asked.
    private int _dataStart, _dataEnd = -1;
    // Set by ReplaceStringAt: its data is checked JSON, parsed from its bytes when asked (Object).
    private bool _jsonBytes;

    private string? DecodeData() => _dataEnd < 0 || Raw is null ? null : _data = Encoding.UTF8.GetString(Raw, _dataStart, _dataEnd - _dataStart);

    /// <summary>The data's bytes when the event has one data line and its bytes as received (or spliced), else empty.</summary>
    public ReadOnlySpan<byte> DataBytes => _dataEnd >= 0 && Raw is { } raw ? raw.AsSpan(_dataStart, _dataEnd - _dataStart) : default;
    /// <summary>The <c>id:</c> field, kept when the event is rewritten.</summary>
    public string? Id { get; init; }
    /// <summary>The event's bytes as received, blank line included; null for a rewritten or synthetic event.</summary>
    public byte[]? Raw { get => _raw ?? Spliced(); private set { _raw = value; _pending = null; } }

    private byte[]? _raw;
    // Set by ReplaceStringAt: the upstream bytes and the string token to replace. The new bytes are written straight to the
    // client (WriteTo) and made as an array only if something asks for Raw.
    private (byte[] Source, int Start, int Length, string Value)? _pending;

    private byte[]? Spliced()
    {
        if (_pending is not { } p) return null;
        _raw = JsonSplice.Replace(p.Source, p.Start, p.Length, p.Value);
        _dataEnd += _raw.Length - p.Source.Length;
        _pending = null;
        return _raw;
    }
    /// <summary>The data as JSON once parsed or rewritten.</summary>
    public JsonNode? Json { get; private set; }

    /// <summary>Hold-back key: the event belongs to a reasoning block whose events are held until it ends.</summary>
    public string? Hold { get; set; }
    /// <summary>Releases the events held under this key (after this event when it is held under the same key, before it otherwise).</summary>
    public string? Release { get; set; }

    public static SseEvent FromUpstream(string? name, string? data, string? id, byte[] raw) => new() { Name = name, Data = data, Id = id, Raw = raw };

    /// <summary>An upstream event with one data line, at [<paramref name="dataStart"/>, <paramref name="dataEnd"/>) of
    /// <paramref name="raw"/> (decoded only when <see cref="Data"/> is asked for).</summary>
    public static SseEvent FromUpstream(string? name, string? id, byte[] raw, int dataStart, int dataEnd)
        => new() { Name = name, Id = id, Raw = raw, _dataStart = dataStart, _dataEnd = dataEnd };

    /// <summary>
    /// Set on a Chat Completions chunk whose data is a text-only delta (<see cref="TextDelta"/>: one choice, a non-empty
    /// <c>content</c>, perhaps a <c>role</c>, no finish_reason, no usage): the choice index, the text as the client
    /// receives it and the role, so that the tap's reassembly need not read the event again. Null when not known.
    /// </summary>
    public ChatText? Text { get; set; }
    public static SseEvent Synthetic(string? name, JsonNode json) => new() { Name = name, Json = json };

    /// <summary>Not an event: tells the hold buffer that a held block has ended. Never written.</summary>
    public static SseEvent ReleaseMarker(string key) => new() { Release = key, IsControl = true };

    public bool IsControl { get; private init; }

    public bool IsDone => _dataEnd >= 0 && _data is null && Raw is not null ? DataBytes.SequenceEqual("[DONE]"u8) : Data is "[DONE]";

    /// <summary>The data parsed as a JSON object, or null (not JSON, or no data).</summary>
    public JsonObject? Object()
    {
        if (Json is JsonObject o) return o;
        if (Json is null && _jsonBytes && _data is null && _dataEnd > _dataStart && Raw is not null && Raw[_dataStart] == (byte)'{')
        {
            // Set by ReplaceStringAt from checked JSON: parsed from its bytes, with no string in between.
            try { Json = JsonNode.Parse(Raw.AsSpan(_dataStart, _dataEnd - _dataStart)); return Json as JsonObject; }
            catch (JsonException) { }                       // read as text below, as any event is
        }
        if (Json is not null || Data is null || Data.Length == 0 || Data[0] != '{') return null;
        try { Json = JsonNode.Parse(Data); }
        catch (JsonException) { return null; }
        return Json as JsonObject;
    }

    /// <summary>Marks the data as rewritten: the event is written from <see cref="Json"/> from now on.</summary>
    public void Changed() { _ = Data; Raw = null; _splices = null; Text = null; }

    private List<(PathStep[] Path, string Value)>? _splices;

    /// <summary>
    /// Sets a string field of the parsed data (<paramref name="parent"/>[<paramref name="name"/>], at
    /// <paramref name="path"/> from the root, ending in <paramref name="name"/>). The event keeps its bytes with the new
    /// value spliced in, unless it is re-serialised anyway (<see cref="Changed"/>).
    /// </summary>
    public void SetString(JsonObject parent, string name, string value, params PathStep[] path)
    {
        parent[name] = value;
        if (Raw is not null) (_splices ??= []).Add((path, value));
    }

    public void WriteTo(IBufferWriter<byte> w)
    {
        if (_pending is { } p && _splices is null) { JsonSplice.WriteReplaced(p.Source, p.Start, p.Length, p.Value, w); return; }
        if (Raw is not null)
        {
            if (_splices is null) { w.Write(Raw); return; }
            if (TrySplice(w)) return;
        }
        var sb = new StringBuilder();
        if (Name is not null) sb.Append("event: ").Append(Name).Append('\n');
        if (Id is not null) sb.Append("id: ").Append(Id).Append('\n');
        string data = Json is not null ? Json.ToJsonString(JsonOptions) : Data ?? "";
        foreach (var line in data.Split('\n')) sb.Append("data: ").Append(line).Append('\n');
        sb.Append('\n');
        var s = sb.ToString();
        var span = w.GetSpan(Encoding.UTF8.GetMaxByteCount(s.Length));
        int n = Encoding.UTF8.GetBytes(s, span);
        w.Advance(n);
    }

    /// <summary>
    /// Writes the raw bytes with the spliced values when the data is one <c>data:</c> line whose every path is found;
    /// false (nothing written) otherwise, and the event is re-serialised from <see cref="Json"/>.
    /// </summary>
    private bool TrySplice(IBufferWriter<byte> w)
    {
        if (!TryFindData(out int valueStart, out int valueEnd)) return false;
        var raw = Raw.AsSpan();
        if (!JsonSplice.TryWrite(raw[..valueStart], raw[valueStart..valueEnd], _splices!, w)) return false;
        w.Write(raw[valueEnd..]);
        return true;
    }

    /// <summary>
    /// Where the data is in <see cref="Raw"/> when it is one <c>data:</c> line: from its first byte (after "data:" and
    /// one space) to the end of the line. False for a rewritten or synthetic event, or data over several lines.
    /// </summary>
    public bool TryFindData(out int valueStart, out int valueEnd)
    {
        valueStart = valueEnd = 0;
        if (_dataEnd >= 0 && Raw is not null)
        {
            // One data line, found by the parser (or kept by ReplaceStringAt).
            valueStart = _dataStart;
            valueEnd = _dataEnd;
            return true;
        }
        if (Data is null || Data.Contains('\n') || Raw is null) return false;
        var raw = Raw.AsSpan();
        int lineStart = 0;
        while (lineStart < raw.Length)
        {
            var rest = raw[lineStart..];
            int end = rest.IndexOfAny((byte)'\n', (byte)'\r');
            var line = end < 0 ? rest : rest[..end];
            if (line.StartsWith("data:"u8))
            {
                valueStart = lineStart + 5;
                if (line.Length > 5 && line[5] == ' ') valueStart++;
                valueEnd = lineStart + line.Length;
                return true;
            }
            if (end < 0) break;
            lineStart += end + 1;
        }
        return false;
    }

    /// <summary>
    /// Replaces, in this upstream event, the JSON string token at <paramref name="start"/> (<paramref name="length"/>
    /// bytes, quotes included) of <see cref="Raw"/> by <paramref name="value"/>, escaped as the gateway's serialiser
    /// escapes; the token lies in the data line at [<paramref name="dataStart"/>, <paramref name="dataEnd"/>) found by
    /// <see cref="TryFindData"/>. The event's bytes are then the old ones but for that value (what
    /// <see cref="SetString"/> and <see cref="WriteTo"/> would write); they are written straight to the client, made an
    /// array only if <see cref="Raw"/> is asked for, and its data is parsed again from them when asked. Only for an
    /// event as it came from upstream (not parsed, not changed).
    /// </summary>
    public void ReplaceStringAt(int dataStart, int dataEnd, int start, int length, string value)
    {
        if (Json is not null || _splices is not null || _raw is null) throw new InvalidOperationException("not an upstream event as received");
        _pending = (_raw, start, length, value);
        _raw = null;
        _data = null;
        _dataStart = dataStart;
        _dataEnd = dataEnd;
        _jsonBytes = true;
    }
}

/// <summary>The text of a text-only Chat Completions chunk as the client receives it (see <see cref="SseEvent.Text"/>).</summary>
internal readonly record struct ChatText(int Index, string Content, string? Role);
