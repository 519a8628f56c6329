using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text.Json;
using DistillGuard.Core.Analysis;
using DistillGuard.Core.Model;
using DistillGuard.Core.Reading;

namespace DistillGuard.Benchmarks;

/// <summary>
/// Re-assembly as the streaming service runs it, without the service: reads a log in file order into one
/// <see cref="AnalysisEngine"/> and takes a <see cref="AnalysisEngine.Snapshot"/> each time the exchange clock (the
/// latest timestamp seen) has moved <c>MINUTES</c> (60, the service's default) since the last one, then once at the end.
/// Prints per snapshot its exchange count, its time (links / campaigns / verdicts) and a SHA-256 of its verdicts (with
/// reasons) and campaigns, so two builds can be compared snapshot by snapshot (<c>diff</c> the files after cutting
/// the time columns), and the totals.
/// <c>dotnet run -c Release --project bench/DistillGuard.Benchmarks -- reassembly-replay LOG ACCOUNTS ALLOW [MINUTES] [EVERY]</c>
/// (EVERY = fingerprint only every n-th snapshot; 1 by default). Timing lines start with <c>#</c>.
/// </summary>
internal static class ReassemblyReplay
{
    [ModuleInitializer]
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Usage", "CA2255", Justification = "command dispatch before the BenchmarkDotNet switcher")]
    internal static void Dispatch()
    {
        var args = Environment.GetCommandLineArgs().Skip(1).ToArray();
        if (args.Length < 4 || args[0] != "reassembly-replay") return;
        Run(args[1], args[2], args[3], args.Length > 4 ? int.Parse(args[4]) : 60, args.Length > 5 ? int.Parse(args[5]) : 1);
        Environment.Exit(0);
    }

    [System.Runtime.InteropServices.DllImport("libc")]
    private static extern int clock_gettime(int clock, out TimeSpec t);
    private struct TimeSpec { public long Sec, Nsec; }
    /// <summary>CPU time of the calling thread (Linux CLOCK_THREAD_CPUTIME_ID), in seconds: what a snapshot costs whatever else runs.</summary>
    private static double ThreadCpu() => clock_gettime(3, out var t) == 0 ? t.Sec + t.Nsec / 1e9 : double.NaN;

    private static void Run(string log, string accounts, string allow, int minutes, int every)
    {
        var options = DetectorOptionsLoader.Load(null, Environment.GetEnvironmentVariables(), out var errors)
            ?? throw new ArgumentException(string.Join("; ", errors));
        var inputs = AnalysisInputs.Load(accounts, allow, null);
        var engine = new AnalysisEngine(options);
        using var ticks = Environment.GetEnvironmentVariable("DG_ALLOC_TICKS") == "1" ? new AllocationTicks() : null;
        long clock = 0, last = 0, every_ms = minutes * 60_000L;
        int n = 0;
        double total = 0, links = 0, clusters = 0, scores = 0, snapCpu = 0;
        long snapAlloc = 0;
        var add = new Stopwatch();
        var seen = new Dictionary<string, long>();
        void Take(bool final)
        {
            if (ticks is not null) ticks.Thread = AllocationTicks.CurrentOsThread();
            double cpu0 = ThreadCpu();
            long alloc0 = GC.GetAllocatedBytesForCurrentThread();
            var r = engine.Snapshot(inputs);
            snapCpu += ThreadCpu() - cpu0;
            long allocated = GC.GetAllocatedBytesForCurrentThread() - alloc0;
            snapAlloc += allocated;
            if (ticks is not null) ticks.Thread = -1;
            n++;
            total += r.Stats.CompleteTime.TotalSeconds;
            links += r.Stats.LinkTime.TotalSeconds;
            clusters += r.Stats.ClusterTime.TotalSeconds;
            scores += r.Stats.ScoreTime.TotalSeconds;
            int dirty = 0;
            foreach (var p in r.Profiles)
                if (seen.GetValueOrDefault(p.Account) != p.Exchanges) { dirty++; seen[p.Account] = p.Exchanges; }
            string hash = final || n % every == 0 ? Fingerprint(r) : "-";
            Console.WriteLine($"{n}\t{r.Stats.Exchanges}\t{hash}\t# {r.Stats.CompleteTime.TotalMilliseconds:F0} ms ({r.Stats.LinkTime.TotalMilliseconds:F0} / {r.Stats.ClusterTime.TotalMilliseconds:F0} / {r.Stats.ScoreTime.TotalMilliseconds:F0}), {dirty} of {r.Profiles.Count} accounts changed, {allocated >> 20} MB allocated");
        }
        var wall = Stopwatch.StartNew();
        // the reader hands exchanges over in file order on one thread: snapshots run inside its callback
        ExchangeLogReader.Read(new ReaderOptions { Files = [log], SkeletonFingerprints = options.ParaphraseLinks }, f =>
        {
            add.Start();
            engine.Add(f);
            add.Stop();
            if (f.TimestampMs > clock) clock = f.TimestampMs;
            if (last == 0) last = clock;
            if (clock - last >= every_ms) { Take(false); last = clock; }
        });
        Take(true);
        if (ticks is not null)
            foreach (var (type, bytes) in ticks.Bytes.OrderByDescending(kv => kv.Value).Take(40))
                Console.WriteLine($"# alloc {bytes >> 20,6} MB {type}");
        if (Environment.GetEnvironmentVariable("DG_CLUSTER_BENCH") is { } reps)
        {
            // the template clusterer alone over the final profiles' linking templates (as KeyGroupBuilder.Build takes them)
            var fps = new List<(ulong, long)>();
            var allowed = inputs.Allowlist;
            var final = engine.Snapshot(inputs);
            foreach (var p in final.Profiles)
                if (!allowed.Contains(p.Account))
                    for (int i = 0; i < p.Templates.Count; i++)
                        if (p.Templates.CountAt(i) >= 3 || p.Templates.AuxAt(i) > 0) fps.Add((p.Templates.KeyAt(i), p.Templates.CountAt(i)));
            var c0 = DistillGuard.Core.Links.TemplateClusterer.Cluster(fps, options.TemplateHammingDistance);
            var sw = Stopwatch.StartNew();
            int reps_ = int.Parse(reps);
            for (int i = 0; i < reps_; i++) DistillGuard.Core.Links.TemplateClusterer.Cluster(fps, options.TemplateHammingDistance);
            ulong h = 0;
            foreach (var (k, v) in c0.OrderBy(kv => kv.Key)) h = h * 31 + k * 7 + v;
            Console.WriteLine($"# clusterer: {fps.Count} fingerprints, {c0.Values.Distinct().Count()} clusters, {sw.Elapsed.TotalMilliseconds / reps_:F1} ms per run, hash {h:x16}");
        }
        Console.WriteLine($"# {n} snapshots: {total:F2} s, thread cpu {snapCpu:F2} s, {snapAlloc >> 20} MB allocated (links {links:F2}, campaigns {clusters:F2}, verdicts {scores:F2}); Add {add.Elapsed.TotalSeconds:F2} s; wall {wall.Elapsed.TotalSeconds:F1} s; peak working set {Process.GetCurrentProcess().PeakWorkingSet64 >> 20} MB{Reuse(engine)}; GCs {GC.CollectionCount(0)}/{GC.CollectionCount(1)}/{GC.CollectionCount(2)}; cpu {Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds:F1} s");
    }

    // what the engine reports of work kept between re-assemblies, when it does (read by reflection so this file also
    // builds against revisions without it, for before/after runs)
    private static string Reuse(AnalysisEngine e)
        => e.GetType().GetProperty("CoordinationReuse")?.GetValue(e) is { } v ? $"; coordination reused {v}" : "";

    private static string Fingerprint(AnalysisResult r)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(new { verdicts = r.Verdicts, campaigns = r.Campaigns });
        return Convert.ToHexString(SHA256.HashData(json))[..16];
    }
}
