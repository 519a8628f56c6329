using System.Diagnostics;
using DistillGuard.Provenance.Watermarking;

namespace DistillGuard.ProvenanceBench;

internal static partial class Experiments
{
    /// <summary>Development only: time of the whole-text transform per word on assistant prose (for profiling).</summary>
    public static int Speed(string[] args)
    {
        int words = int.Parse(Arg(args, "--words", "2000"));
        int rounds = int.Parse(Arg(args, "--rounds", "2000"));
        var text = string.Join("\n\n", Corpora.TauAirlineAssistant().Where(t => t.Length > 400).Take(400));
        text = string.Join(' ', text.Split(' ').Take(words));
        var wm = new Watermarker(WatermarkKey.FromSeed("speed"));
        for (int i = 0; i < 50; i++) wm.Apply(text);
        long a0 = GC.GetAllocatedBytesForCurrentThread();
        int g0 = GC.CollectionCount(0);
        var sw = Stopwatch.StartNew();
        for (int i = 0; i < rounds; i++) wm.Apply(text);
        double ms = sw.Elapsed.TotalMilliseconds;
        Console.WriteLine($"{words} words ({text.Length} chars): {ms / rounds:F3} ms per Apply, {ms * 1000 / rounds / words:F2} µs per word; " +
            $"{(GC.GetAllocatedBytesForCurrentThread() - a0) / rounds / 1024.0:F1} KB allocated per Apply; {GC.CollectionCount(0) - g0} gen0 GCs; GC pause {GC.GetTotalPauseDuration().TotalMilliseconds:F0} ms total");
        return 0;
    }
}
