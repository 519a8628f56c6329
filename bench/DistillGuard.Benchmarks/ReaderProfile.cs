using System.Diagnostics;
using System.IO.Compression;
using System.Text;
using DistillGuard.Core.Fingerprints;
using DistillGuard.Core.Model;
using DistillGuard.Core.Parsing;
using DistillGuard.Core.Signals;
using DistillGuard.Core.Text;

namespace DistillGuard.Benchmarks;

/// <summary>Single-thread phase timings over the first lines of a log: <c>… -- reader-profile FILE [LINES]</c>.</summary>
internal static class ReaderProfile
{
    public static void Run(string file, int max)
    {
        var lines = new List<byte[]>();
        using (Stream s = file.EndsWith(".gz") ? new GZipStream(File.OpenRead(file), CompressionMode.Decompress) : File.OpenRead(file))
        using (var r = new StreamReader(s, Encoding.UTF8))
            while (lines.Count < max && r.ReadLine() is { } l) lines.Add(Encoding.UTF8.GetBytes(l));
        var parser = new ExchangeLineParser();
        var f = new ExchangeFeatures();
        var users = new List<string>();
        // CPU time of this (only busy) thread, not wall time: on a shared machine the thread is often descheduled.
        // Best of five rounds after a warm-up round (tiering done).
        static TimeSpan Cpu() => Process.GetCurrentProcess().TotalProcessorTime;
        double bestTok = double.MaxValue, bestParse = double.MaxValue;
        for (int round = 0; round < 6; round++)
        {
            var c0 = Cpu();
            long tokens = 0;
            foreach (var l in lines) { var jr = new System.Text.Json.Utf8JsonReader(l); while (jr.Read()) tokens++; }
            var c1 = Cpu();
            foreach (var l in lines) parser.Parse(l, f);
            var c2 = Cpu();
            if (round == 0) continue;
            bestTok = Math.Min(bestTok, (c1 - c0).TotalMilliseconds * 1000 / lines.Count);
            bestParse = Math.Min(bestParse, (c2 - c1).TotalMilliseconds * 1000 / lines.Count);
        }
        Console.WriteLine($"{lines.Count} lines, CPU per line (best of 5): tokenize only {bestTok:F2} us, parse + signals {bestParse:F2} us, ratio {bestParse / bestTok:F2}");
        {
            var sw = Stopwatch.StartNew();
            foreach (var l in lines) System.Text.Unicode.Utf8.IsValid(l);
            var valid = sw.Elapsed; sw.Restart();
            parser.ProfileText = true; parser.TextTicks = 0;
            foreach (var l in lines) parser.Parse(l, f);
            var all = sw.Elapsed;
            var text = TimeSpan.FromSeconds(parser.TextTicks / (double)Stopwatch.Frequency);
            parser.ProfileText = false;
            double us(TimeSpan t) => t.TotalMilliseconds * 1000 / lines.Count;
            Console.WriteLine($"per line: utf8-validate {us(valid):F2} us, parse total {us(all):F2} us, of which text work (hashes, fingerprint, signals) {us(text):F2} us; avg line {lines.Average(l => l.Length):F0} B");
        }
        foreach (var l in lines.Take(5000))
        {
            var doc = System.Text.Json.JsonDocument.Parse(l);
            var req = doc.RootElement.GetProperty("request");
            var conv = req.TryGetProperty("messages", out var m) ? m : req.GetProperty("input");
            var last = conv.ValueKind == System.Text.Json.JsonValueKind.String ? conv : conv[conv.GetArrayLength() - 1];
            string text = last.ValueKind == System.Text.Json.JsonValueKind.String ? last.GetString()! : !last.TryGetProperty("content", out var c) ? "" :
                c.ValueKind == System.Text.Json.JsonValueKind.String ? c.GetString()! :
                string.Join("\n", c.EnumerateArray().Where(p => p.ValueKind == System.Text.Json.JsonValueKind.Object && p.TryGetProperty("text", out var t) && t.ValueKind == System.Text.Json.JsonValueKind.String).Select(p => p.GetProperty("text").GetString()));
            users.Add(text);
        }
        var engine = ContentSignalEngine.Default;
        var bits = new ulong[engine.BitWords];
        var sw2 = Stopwatch.StartNew();
        foreach (var u in users) { var n = TextNormalizer.Normalize(u); engine.Match(n, bits); }
        Console.WriteLine($"normalize+match: {users.Count / sw2.Elapsed.TotalSeconds:F0}/s"); sw2.Restart();
        foreach (var u in users) TemplateFingerprint.Compute(u);
        Console.WriteLine($"fingerprint: {users.Count / sw2.Elapsed.TotalSeconds:F0}/s"); sw2.Restart();
        foreach (var u in users) engine.Decide(bits, default);
        Console.WriteLine($"decide: {users.Count / sw2.Elapsed.TotalSeconds:F0}/s"); sw2.Restart();
        var list = new List<ulong>();
        foreach (var u in users) ExchangeLineParser.FindPastedArtifacts(Encoding.UTF8.GetBytes(u), list);
        Console.WriteLine($"pasted (incl. GetBytes): {users.Count / sw2.Elapsed.TotalSeconds:F0}/s; avg user chars {users.Average(u => u.Length):F0}");
    }
}
