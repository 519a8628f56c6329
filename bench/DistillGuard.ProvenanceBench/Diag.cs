using DistillGuard.Provenance.Detection;
using DistillGuard.Provenance.Watermarking;

namespace DistillGuard.ProvenanceBench;

internal static partial class Experiments
{
    public static double GreenRate(IEnumerable<string> texts, WatermarkKey key, out long occ)
    {
        var su = SuspectUnits.Collect(texts);
        long g = 0; occ = 0;
        foreach (var u in su.Units) { int c = key.Choose(u.Set, u.Context); g += u.Counts[c]; occ += u.Occurrences; }
        return (double)g / occ;
    }

    public static int Diag(string[] args)
    {
        var corpus = TeacherCorpus(Arg(args, "--corpus", "model"));
        var key = WatermarkKey.FromSeed("student-1");
        var wm = new Watermarker(key);
        var marked = corpus.Select(d => wm.Apply(d)).ToList();
        Console.WriteLine($"clean corpus green rate {GreenRate(corpus, key, out var o1):F3} ({o1} occ); watermarked corpus {GreenRate(marked, key, out var o2):F3} ({o2} occ)");
        foreach (var share in new[] { 0.0, 0.2, 1.0 })
        {
            var s = TrainAndSample(corpus, share, [key], 1, 20000);
            Console.WriteLine($"student {share:P0}: sample green rate {GreenRate(s, key, out var o3):F3} ({o3} occ)");
        }
        return 0;
    }
}
