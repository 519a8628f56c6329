using System.Text.Json;
using System.Text.Unicode;

namespace DistillGuard.Core.Reading;

/// <summary>
/// Writes quarantined lines as JSON Lines: <c>{"file":…,"line":N,"reason":…,"text":…}</c>, the raw line as a
/// string, or base64 with <c>"encoding":"base64"</c> when it is not UTF-8. Nothing is lost: the raw bytes can be
/// restored from every record.
/// </summary>
public sealed class QuarantineWriter : IDisposable
{
    private readonly FileStream _stream;
    private readonly Utf8JsonWriter _writer;

    public QuarantineWriter(string path) : this(path, append: false) { }

    /// <param name="append">keep what the file holds and add to it (a service's quarantine across restarts)</param>
    public QuarantineWriter(string path, bool append)
    {
        var dir = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(dir)) Directory.CreateDirectory(dir);
        _stream = new FileStream(path, append ? FileMode.Append : FileMode.Create, FileAccess.Write, FileShare.Read, 1 << 16);
        _writer = new Utf8JsonWriter(_stream, new JsonWriterOptions { SkipValidation = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    }

    public void Write(string file, long line, string reason, ReadOnlySpan<byte> text)
    {
        _writer.WriteStartObject();
        _writer.WriteString("file"u8, file);
        _writer.WriteNumber("line"u8, line);
        _writer.WriteString("reason"u8, reason);
        if (Utf8.IsValid(text)) _writer.WriteString("text"u8, text);
        else
        {
            _writer.WriteString("encoding"u8, "base64"u8);
            _writer.WriteBase64String("text"u8, text);
        }
        _writer.WriteEndObject();
        _writer.Flush();
        _writer.Reset();
        _stream.WriteByte((byte)'\n');
    }

    /// <summary>Makes what was written durable (a service acknowledges only what is on disk).</summary>
    public void Flush(bool durable) => _stream.Flush(durable);

    public void Dispose()
    {
        _writer.Dispose();
        _stream.Dispose();
    }
}
