using System.Diagnostics.Tracing;

namespace DistillGuard.Benchmarks;

/// <summary>Allocation samples (the runtime's GCAllocationTick, about one per 100 KB) of one OS thread, by type and
/// heap (small/large): where a stage's allocations come from. Enabled by DG_ALLOC_TICKS=1 in reassembly-replay.</summary>
internal sealed class AllocationTicks : EventListener
{
    [System.Runtime.InteropServices.DllImport("libc")] private static extern long syscall(long n);
    public static long CurrentOsThread() => syscall(186);   // gettid, x86-64

    public long Thread;
    public readonly Dictionary<string, long> Bytes = new();

    protected override void OnEventSourceCreated(EventSource source)
    {
        if (source.Name == "Microsoft-Windows-DotNETRuntime") EnableEvents(source, EventLevel.Verbose, (EventKeywords)0x1);
    }

    protected override void OnEventWritten(EventWrittenEventArgs e)
    {
        if (e.EventName is null || !e.EventName.StartsWith("GCAllocationTick") || e.OSThreadId != Thread || e.Payload is null) return;
        int kind = e.PayloadNames!.IndexOf("AllocationKind"), type = e.PayloadNames.IndexOf("TypeName"), amount = e.PayloadNames.IndexOf("AllocationAmount64");
        string key = (Convert.ToInt32(e.Payload[kind]) == 1 ? "LOH " : "    ") + e.Payload[type];
        long bytes = amount >= 0 ? Convert.ToInt64(e.Payload[amount]) : 100_000;
        lock (Bytes) Bytes[key] = Bytes.GetValueOrDefault(key) + bytes;
    }
}
