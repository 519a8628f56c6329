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
    // An event made by WithStringAt: where its data is in Raw (one line), read from there when asked.
    private int _dataStart, _dataEnd = -1;

    private string? DecodeData() => _dataEnd < 0 || Raw is null ? null : _data = Encoding.UTF8.GetString(Raw, _dataStart, _dataEnd - _dataStart);
    /// <summary>The <c>id:</c> field, kept when the event is rewritten.</summary>
    public string? Id { get; init; }
    /// <summary>The event's bytes as received, blank line included; null for a rewritten or synthetic event.</summary>
    public byte[]? Raw { get; private set; }
    /// <summary>The data as JSON once parsed or rewritten.</summary>
    public JsonNode? Json { get; private set; }

    /// <summary>Hold-back key: the event belongs to a reasoning block whose events are held until it ends.</summary>
    public string? Hold { get; set; }
    /// <summary>Releases the events held under this key (after this event when it is held under the same key, before it otherwise).</summary>
    public string? Release { get; set; }

    public static SseEvent FromUpstream(string? name, string? data, string? id, byte[] raw) => new() { Name = name, Data = data, Id = id, Raw = raw };

    public static SseEvent Synthetic(string? name, JsonNode json) => new() { Name = name, Json = json };

    /// <summary>Not an event: tells the hold buffer that a held block has ended. Never written.</summary>
    public static SseEvent ReleaseMarker(string key) => new() { Release = key, IsControl = true };

    public bool IsControl { get; private init; }

    public bool IsDone => Data is "[DONE]";

    /// <summary>The data parsed as a JSON object, or null (not JSON, or no data).</summary>
    public JsonObject? Object()
    {
        if (Json is JsonObject o) return o;
        if (Json is null && _data is null && _dataEnd > _dataStart && Raw is not null && Raw[_dataStart] == (byte)'{')
        {
            // Made by WithStringAt from checked JSON: parsed from its bytes, with no string in between.
            try { Json = JsonNode.Parse(Raw.AsSpan(_dataStart, _dataEnd - _dataStart)); return Json as JsonObject; }
            catch (JsonException) { }                       // read as text below, as any event is
        }
        if (Json is not null || Data is null || Data.Length == 0 || Data[0] != '{') return null;
        try { Json = JsonNode.Parse(Data); }
        catch (JsonException) { return null; }
        return Json as JsonObject;
    }

    /// <summary>Marks the data as rewritten: the event is written from <see cref="Json"/> from now on.</summary>
    public void Changed() { _ = Data; Raw = null; _splices = null; }

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
    /// This upstream event with the JSON string token at <paramref name="start"/> (<paramref name="length"/> bytes,
    /// quotes included) of <see cref="Raw"/> replaced by <paramref name="value"/>, escaped as the gateway's serialiser
    /// escapes; the token lies in the data line at [<paramref name="dataStart"/>, <paramref name="dataEnd"/>) found by
    /// <see cref="TryFindData"/>. A new upstream event whose bytes are the old ones but for that value (what
    /// <see cref="SetString"/> and <see cref="WriteTo"/> would write), with its data parsed again when asked.
    /// </summary>
    public SseEvent WithStringAt(int dataStart, int dataEnd, int start, int length, string value)
    {
        var raw = Raw!;
        var bytes = JsonSplice.Replace(raw, start, length, value);
        return new SseEvent { Name = Name, Id = Id, Raw = bytes, _dataStart = dataStart, _dataEnd = dataEnd + bytes.Length - raw.Length };
    }
}
