using System.IO.Compression;
using System.Text;

namespace DistillGuard.Core.Tests.Reading;

/// <summary>Builds small exchange logs in a temp folder for reader tests.</summary>
internal sealed class TestLog : IDisposable
{
    public string Dir { get; } = Directory.CreateTempSubdirectory("dg-reader-").FullName;

    public static string Good(int i, string api = "openai.chat.completions")
    {
        string body = api switch
        {
            "openai.responses" => $"{{\"input\":\"Question number {i}: what is {i} plus {i}?\",\"max_output_tokens\":500}}",
            "anthropic.messages" => $"{{\"max_tokens\":1000,\"messages\":[{{\"role\":\"user\",\"content\":\"Explain item {i} in detail.\"}}]}}",
            _ => $"{{\"messages\":[{{\"role\":\"user\",\"content\":\"Write a short poem about the number {i}.\"}}],\"max_tokens\":256}}",
        };
        return $"{{\"id\":\"ex_{i:D9}\",\"ts\":\"2026-02-01T12:00:00.000Z\",\"account\":\"acct_{i % 17}\",\"api\":\"{api}\",\"request\":{body}}}";
    }

    public string Write(string name, IEnumerable<string> lines, bool gzip = false, string newline = "\n")
    {
        var path = Path.Combine(Dir, name);
        using var fs = File.Create(path);
        using Stream s = gzip ? new GZipStream(fs, CompressionLevel.Fastest) : fs;
        foreach (var l in lines)
        {
            var b = Encoding.UTF8.GetBytes(l + newline);
            s.Write(b);
        }
        return path;
    }

    public string WriteBytes(string name, IEnumerable<byte[]> lines)
    {
        var path = Path.Combine(Dir, name);
        using var fs = File.Create(path);
        foreach (var l in lines) { fs.Write(l); fs.WriteByte((byte)'\n'); }
        return path;
    }

    public void Dispose()
    {
        try { Directory.Delete(Dir, recursive: true); } catch (IOException) { }
    }
}
