using System.Buffers;
using System.Text;
using System.Text.Json;
using DistillGuard.Simulation.Content;
using FsCheck.Xunit;

namespace DistillGuard.Simulation.Tests;

public sealed class JsonStringWriterTests
{
    private static string RoundTrip(string value)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteText("t"u8, value);
            w.WriteStartArray("a"u8);
            w.WriteTextValue(value);
            w.WriteEndArray();
            w.WriteEndObject();
        }
        using var doc = JsonDocument.Parse(buffer.WrittenMemory);
        string a = doc.RootElement.GetProperty("t").GetString()!;
        Assert.Equal(a, doc.RootElement.GetProperty("a")[0].GetString());
        return a;
    }

    [Theory]
    [InlineData("")]
    [InlineData("plain ascii")]
    [InlineData("line one\nline two\r\n\ttabbed \"quoted\" back\\slash")]
    [InlineData("\u0000\u0001\u001f\u007f\b\f")]
    [InlineData("¿Qué tal? Grüße, 你好, こんにちは, مرحبا, नमस्ते, 안녕하세요, привет")]
    [InlineData("emoji 🙂 and \u2028 line separator")]
    public void WriteText_AnyText_ParsesBackToTheSameString(string value)
    {
        Assert.Equal(value, RoundTrip(value));
    }

    [Fact]
    public void WriteText_LoneSurrogate_BecomesReplacementCharacter()
    {
        Assert.Equal("a\uFFFDb", RoundTrip("a\uD800b"));
    }

    [Fact]
    public void WriteText_LongText_GrowsTheBuffer()
    {
        string value = string.Concat(Enumerable.Repeat("ünïcödé \"x\"\n", 20_000));
        Assert.Equal(value, RoundTrip(value));
    }

    [Property(MaxTest = 300)]
    public bool WriteText_RandomValidText_RoundTrips(string? value)
    {
        value ??= "";
        // FsCheck strings may hold lone surrogates; those become U+FFFD, as with Encoding.UTF8.
        string expected = Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(value));
        return RoundTrip(value) == expected;
    }
}
