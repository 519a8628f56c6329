using System.Buffers;
using System.Diagnostics;
using System.IO.Compression;
using DistillGuard.Core.Model;
using DistillGuard.Simulation.Content;
using DistillGuard.Simulation.Network;
using DistillGuard.Simulation.Output;
using DistillGuard.Simulation.World;

namespace DistillGuard.Simulation.Engine;

/// <summary>
/// Runs a simulation: builds the world, merges every account's stream by time with a priority queue, renders
/// bodies in parallel batches while keeping order, compresses each chunk as an independent gzip member and
/// concatenates them. Memory stays flat (one local day per account, two batches in flight); output bytes
/// depend only on the scenario and seed, not on the thread count.
/// </summary>
public static class SimulationRunner
{
    internal const int ChunkSize = 1024;
    internal const int BatchChunks = 8;
    private const int BatchSize = ChunkSize * BatchChunks;

    public static SimulationSummary Run(SimulationOptions o, CancellationToken ct = default)
    {
        var sw = Stopwatch.StartNew();
        Directory.CreateDirectory(o.OutDir);
        var ips = o.CorpusDir is not null ? IpSpace.Load(o.CorpusDir) : IpSpace.BuiltIn();
        var renderer = o.Renderer ?? new TemplateContentRenderer(o.CorpusDir is not null ? ContentLibrary.Load(o.CorpusDir) : ContentLibrary.BuiltIn());
        var world = WorldBuilder.Build(o.Scenario, o.Seed, ips);
        OutputFiles.WriteAccounts(Path.Combine(o.OutDir, "accounts.jsonl"), world.Accounts);
        File.WriteAllLines(Path.Combine(o.OutDir, "allow.txt"), world.Allow);

        var perAccount = new long[world.Plans.Count];
        var operated = new long[world.Plans.Count]; // exchanges sent by the account's current operator (not a bought account's history)
        var perApi = new long[3];
        long total;
        string tmp = Path.Combine(o.OutDir, "exchanges.jsonl.gz.partial");
        using (var file = new FileStream(tmp, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20))
            total = Stream(world, renderer, o, file, perAccount, operated, perApi, ct);
        File.Move(tmp, Path.Combine(o.OutDir, "exchanges.jsonl.gz"), overwrite: true);

        // The verdict contract covers the accounts that appear in the log: label exactly those. The registry keeps
        // every sign-up (accounts without traffic are realistic there).
        var active = new HashSet<string>(StringComparer.Ordinal);
        foreach (var p in world.Plans) if (perAccount[p.Index] > 0) active.Add(p.AccountId);
        // A campaign's bought account that only showed its former owner's ordinary traffic in the window (taken over
        // later, or never used) is labelled `dormant`: true of the world, invisible in the log.
        var dormant = new HashSet<string>(StringComparer.Ordinal);
        foreach (var p in world.Plans) if (p.Campaign is not null && perAccount[p.Index] > 0 && operated[p.Index] == 0) dormant.Add(p.AccountId);
        OutputFiles.WriteLabels(Path.Combine(o.OutDir, "labels.jsonl"),
            world.Labels.Where(l => active.Contains(l.Account)).Select(l => dormant.Contains(l.Account) ? l with { Dormant = true } : l));

        var summary = Summarize(world, perAccount, perApi, total, ips, sw.Elapsed.TotalSeconds);
        OutputFiles.WriteScenario(Path.Combine(o.OutDir, "scenario.json"), o.Scenario, summary);
        return summary;
    }

    private sealed class Slot
    {
        public readonly ArrayBufferWriter<byte> Raw = new(1 << 20);
        public readonly MemoryStream Packed = new(1 << 18);
        public ExchangeLineWriter? Writer;
    }

    internal static long Stream(SimWorld world, IContentRenderer renderer, SimulationOptions o, Stream output, long[] perAccount, long[] operated, long[] perApi, CancellationToken ct)
    {
        var queue = new PriorityQueue<Actor, (long, int)>(world.Plans.Count);
        foreach (var plan in world.Plans)
        {
            var a = new Actor(plan, world);
            if (a.MoveNext()) queue.Enqueue(a, (a.NextTs, plan.Index));
        }

        var batches = new ExchangeDraft[2][];
        var slots = new Slot[2][];
        for (int b = 0; b < 2; b++)
        {
            batches[b] = new ExchangeDraft[BatchSize];
            for (int i = 0; i < BatchSize; i++) batches[b][i] = new ExchangeDraft();
            slots[b] = new Slot[BatchChunks];
            for (int c = 0; c < BatchChunks; c++)
            {
                var s = new Slot();
                s.Writer = new ExchangeLineWriter(renderer, s.Raw, o.DebugIntent);
                slots[b][c] = s;
            }
        }

        long seq = 0;
        int cur = 0;
        Task? pending = null;
        int pendingBatch = -1, pendingCount = 0;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, o.Threads), CancellationToken = ct };
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            var batch = batches[cur];
            int count = 0;
            while (count < BatchSize && queue.TryDequeue(out var actor, out _))
            {
                var d = batch[count++];
                actor.Fill(d, ++seq);
                perAccount[actor.Plan.Index]++;
                if (!d.History) operated[actor.Plan.Index]++;
                perApi[(int)d.Intent.Api]++;
                if (actor.MoveNext()) queue.Enqueue(actor, (actor.NextTs, actor.Plan.Index));
            }
            // Wait for the previous batch, start rendering this one at once, and write the previous batch's
            // compressed chunks while the workers render: the workers never wait for the file.
            pending?.GetAwaiter().GetResult();
            int doneBatch = pendingBatch, doneCount = pendingCount;
            pending = null;
            if (count > 0)
            {
                int b = cur, n = count;
                pending = Task.Run(() => RenderBatch(batches[b], n, slots[b], parallel));
                pendingBatch = b; pendingCount = n;
            }
            if (doneBatch >= 0)
            {
                Flush(slots[doneBatch], doneCount, output);
                o.Progress?.Report(seq - count);
            }
            if (count == 0) break;
            cur ^= 1;
        }
        output.Flush();
        o.Progress?.Report(seq);
        return seq;
    }

    private static void RenderBatch(ExchangeDraft[] batch, int count, Slot[] slots, ParallelOptions parallel)
    {
        int chunks = (count + ChunkSize - 1) / ChunkSize;
        Parallel.For(0, chunks, parallel, c =>
        {
            var slot = slots[c];
            slot.Raw.ResetWrittenCount();
            int end = Math.Min(count, (c + 1) * ChunkSize);
            for (int i = c * ChunkSize; i < end; i++) slot.Writer!.Write(batch[i]);
            slot.Packed.SetLength(0);
            using (var gz = new GZipStream(slot.Packed, CompressionLevel.Fastest, leaveOpen: true))
                gz.Write(slot.Raw.WrittenSpan);
        });
    }

    private static void Flush(Slot[] slots, int count, Stream output)
    {
        int chunks = (count + ChunkSize - 1) / ChunkSize;
        for (int c = 0; c < chunks; c++) output.Write(slots[c].Packed.GetBuffer(), 0, (int)slots[c].Packed.Length);
    }

    private static SimulationSummary Summarize(SimWorld world, long[] perAccount, long[] perApi, long total, IpSpace ips, double seconds)
    {
        var personas = new SortedDictionary<string, GroupCount>(StringComparer.Ordinal);
        var campaigns = new SortedDictionary<string, GroupCount>(StringComparer.Ordinal);
        foreach (var p in world.Plans)
        {
            var dict = p.Campaign is null ? personas : campaigns;
            string key = p.Campaign ?? p.Persona;
            dict.TryGetValue(key, out var g);
            dict[key] = new GroupCount((g?.Accounts ?? 0) + 1, (g?.Exchanges ?? 0) + perAccount[p.Index])
            {
                ActiveAccounts = (g?.ActiveAccounts ?? 0) + (perAccount[p.Index] > 0 ? 1 : 0),
            };
        }
        var apis = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var api in Enum.GetValues<ApiFormat>()) apis[api.WireName()] = perApi[(int)api];
        return new SimulationSummary
        {
            Scenario = world.Scenario.Name,
            Seed = world.Seed,
            Start = world.Scenario.Start,
            Days = world.Scenario.Days,
            Scale = world.Scenario.Scale,
            Exchanges = total,
            Accounts = world.Plans.Count,
            ActiveAccounts = perAccount.Count(n => n > 0),
            LicensedAccounts = world.Allow.Count,
            LegitMedianDaily = Math.Round(world.LegitMedianDaily, 2),
            IpRanges = $"{ips.Source} ({ips.RangeCount} ranges)",
            Personas = personas,
            Campaigns = campaigns,
            Apis = apis,
            Seconds = Math.Round(seconds, 3),
        };
    }

    /// <summary>A rough expected exchange count (for progress bars).</summary>
    public static long Estimate(Scenarios.ScenarioSpec scenario, ulong seed)
    {
        var world = WorldBuilder.Build(scenario, seed, IpSpace.BuiltIn());
        double sum = 0;
        foreach (var p in world.Plans)
        {
            double days = Math.Max(0, Math.Min(p.ActiveToDay, scenario.Days) - p.ActiveFromDay);
            sum += days * p.DailyMean * (p.Timing == TimingMode.Diurnal ? p.DayActiveProb * 0.9 : 1);
        }
        return (long)sum;
    }
}
