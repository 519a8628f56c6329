using System.Text;
using System.Text.Json;
using DistillGuard.Bench;
using DistillGuard.Provenance.Watermarking;

namespace DistillGuard.Benchmarks;

/// <summary>
/// Writes the watermarked text of every string (≥ 20 characters) in the given JSONL files, whole (<c>Apply</c>) and
/// streamed in deltas of 1, 4 and 37 characters, one line each, so that two builds can be compared byte for byte:
/// <c>… -- wm-dump OUT FILE…</c>. Exits 1 when a streamed text differs from the whole one.
/// </summary>
internal static class WatermarkDump
{
    [System.Runtime.CompilerServices.ModuleInitializer]
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Usage", "CA2255", Justification = "command dispatch before the BenchmarkDotNet switcher")]
    internal static void Dispatch()
    {
        var args = Environment.GetCommandLineArgs().Skip(1).ToArray();
        if (args.Length < 3 || args[0] != "wm-dump") return;
        var wm = new Watermarker(WatermarkKey.FromSeed("dump"));
        using var w = new StreamWriter(args[1], false, new UTF8Encoding(false));
        int texts = 0, changed = 0, mismatched = 0;
        foreach (var file in args.Skip(2))
            foreach (var line in File.ReadLines(file))
            {
                if (line.Length == 0) continue;
                foreach (var text in BenchTexts.Strings(JsonDocument.Parse(line).RootElement))
                {
                    string whole = wm.Apply(text);
                    texts++;
                    if (whole != text) changed++;
                    w.WriteLine(JsonSerializer.Serialize(whole));
                    foreach (int size in new[] { 1, 4, 37 })
                    {
                        var s = wm.Begin();
                        var sb = new StringBuilder();
                        for (int i = 0; i < text.Length; i += size) sb.Append(s.Write(text.Substring(i, Math.Min(size, text.Length - i))));
                        sb.Append(s.Flush());
                        if (sb.ToString() != whole) mismatched++;
                        w.WriteLine(JsonSerializer.Serialize(sb.ToString()));
                    }
                }
            }
        w.Flush();   // before Environment.Exit, which does not dispose the writer
        Console.WriteLine($"{texts} texts, {changed} changed by the watermark, {mismatched} streamed outputs differing from the whole text");
        Environment.Exit(mismatched == 0 ? 0 : 1);
    }
}
