using System.Diagnostics;
using System.Runtime.CompilerServices;
using DistillGuard.Core.Model;
using DistillGuard.Core.Reading;

namespace DistillGuard.Benchmarks;

/// <summary>
/// End-to-end read + signal throughput, outside BenchmarkDotNet (one run over a whole file, as jsonl-floor does):
/// <c>dotnet run -c Release --project bench/DistillGuard.Benchmarks -- reader-generate FILE.jsonl.gz LINES [BAD_EVERY]</c> and
/// <c>… -- reader-throughput FILE.jsonl.gz [WORKERS]</c>. Dispatched before BenchmarkDotNet's switcher sees the
/// arguments, so Program.cs stays as it is.
/// </summary>
internal static class ReaderThroughput
{
    [ModuleInitializer]
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Usage", "CA2255", Justification = "command dispatch before the BenchmarkDotNet switcher")]
    internal static void Dispatch()
    {
        var args = Environment.GetCommandLineArgs().Skip(1).ToArray();
        if (args.Length == 0) return;
        if (args[0] == "reader-generate" && args.Length >= 2)
        {
            int lines = args.Length > 2 ? int.Parse(args[2]) : 100_000;
            var sw = Stopwatch.StartNew();
            int badEvery = args.Length > 3 ? int.Parse(args[3]) : 0;
            ReaderWorkload.Write(args[1], lines, badEvery: badEvery);
            Console.WriteLine($"wrote {lines} lines to {args[1]} ({new FileInfo(args[1]).Length / 1e6:F1} MB) in {sw.Elapsed.TotalSeconds:F1} s");
            Environment.Exit(0);
        }
        if (args[0] == "reader-profile" && args.Length >= 2)
        {
            ReaderProfile.Run(args[1], args.Length > 2 ? int.Parse(args[2]) : 20_000);
            Environment.Exit(0);
        }
        if (args[0] == "keygroups" && args.Length >= 2)
        {
            KeyGroupDump.Run(args[1], args.Length > 2 ? args[2] : null, args.Length > 3 ? int.Parse(args[3]) : 40);
            Environment.Exit(0);
        }
        if (args[0] == "reader-dump" && args.Length >= 3)
        {
            ReaderDump.Run(args[1], args[2], args.Length > 3 ? int.Parse(args[3]) : Environment.ProcessorCount);
            Environment.Exit(0);
        }
        if (args[0] == "reader-throughput" && args.Length >= 2)
        {
            int workers = args.Length > 2 ? int.Parse(args[2]) : Environment.ProcessorCount;
            long signals = 0;
            var stats = ExchangeLogReader.Read(new ReaderOptions { Files = [args[1]], Workers = workers }, f => { if (f.Signals != SignalSet.None) signals++; });
            double s = stats.Elapsed.TotalSeconds;
            Console.WriteLine($"reader: {stats.Lines} lines, {stats.Bytes / 1e6:F0} MB, {stats.Exchanges} exchanges, {stats.Quarantined} quarantined, {signals} with signals, {workers} workers in {s:F2} s = {stats.Lines / s:F0} lines/s");
            Environment.Exit(0);
        }
    }
}
