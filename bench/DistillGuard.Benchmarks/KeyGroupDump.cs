using DistillGuard.Core.Analysis;
using DistillGuard.Core.Reading;

namespace DistillGuard.Benchmarks;

/// <summary>
/// Prints the heaviest key groups and every scored finding of one analysis, for tuning by measurement:
/// <c>… -- keygroups LOG [ACCOUNTS] [TOP]</c>, detector options from <c>DISTILLGUARD_DETECTOR_*</c>. Columns: kind, value, members, rarity, harvest, coordination, weight.
/// </summary>
internal static class KeyGroupDump
{
    public static void Run(string log, string? accounts, int top)
    {
        var options = DetectorOptionsLoader.Load(null, Environment.GetEnvironmentVariables(), out var errors)
            ?? throw new ArgumentException(string.Join("; ", errors));
        var engine = new AnalysisEngine(options);
        ExchangeLogReader.Read(new ReaderOptions { Files = [log], SkeletonFingerprints = options.ParaphraseLinks }, engine.Add);
        var result = engine.Complete(AnalysisInputs.Load(accounts, null, []));
        Console.WriteLine("kind\tvalue\tmembers\trarity\tharvest\tcoord\tsusp\tweight");
        foreach (var g in result.KeyGroups.Where(g => g.Members.Count >= 2).OrderByDescending(g => g.Weight).Take(top))
            Console.WriteLine($"{g.Kind}\t{g.Value}\t{g.Members.Count}\t{g.Rarity:0.###}\t{g.HarvestShare:0.###}\t{g.Coordination.Score:0.###}\t{g.Suspicion:0.###}\t{g.Weight:0.###}");
        Console.WriteLine();
        Console.WriteLine("finding\taccepted\tmembers\tdensity\tfamilies\tharvest\tcoord\tscore\tkeys");
        foreach (var f in result.Findings)
            Console.WriteLine($"{f.Id}\t{f.Accepted}\t{f.Members.Count}\t{f.Density:0.###}\t{f.Families}\t{f.HarvestFraction:0.###}\t{f.Coordination.Score:0.###}\t{f.Score:0.###}\t" +
                string.Join(", ", f.Keys.Take(5).Select(k => $"{k.Key.Kind.ToString()}({k.Key.Members.Count}):{k.Contribution:0.##}")));
    }
}
