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
        var result = engine.Complete(AnalysisInputs.Load(accounts, Environment.GetEnvironmentVariable("DG_ALLOW"), []));
        // Optional ground truth (DG_LABELS=labels.jsonl) adds each group's composition; DG_KINDS=Skeleton,Route filters kinds.
        var truth = LoadLabels(Environment.GetEnvironmentVariable("DG_LABELS"));
        var kinds = Environment.GetEnvironmentVariable("DG_KINDS")?.Split(',', StringSplitOptions.RemoveEmptyEntries).ToHashSet();
        string Who(int i) => truth.GetValueOrDefault(result.Profiles[i].Account, "?");
        string Mix(IEnumerable<int> members) => string.Join(",", members.GroupBy(Who).OrderByDescending(g => g.Count()).Select(g => $"{g.Key}:{g.Count()}"));
        Console.WriteLine("kind\tvalue\tmembers\trarity\tharvest\tcoord\tsusp\tweight" + (truth.Count > 0 ? "\tcomposition" : "") + "\tsync\tfresh\tburst\tparams\tregular\tdeclared");
        foreach (var g in result.KeyGroups.Where(g => g.Members.Count >= 2 && (kinds is null || kinds.Contains(g.Kind.ToString()))).OrderByDescending(g => g.Weight).Take(top))
            Console.WriteLine($"{g.Kind}\t{g.Value}\t{g.Members.Count}\t{g.Rarity:0.###}\t{g.HarvestShare:0.###}\t{g.Coordination.Score:0.###}\t{g.Suspicion:0.###}\t{g.Weight:0.###}" + (truth.Count > 0 ? "\t" + Mix(g.Members) : "")
                + $"\t{g.Coordination.Synchrony:0.##}\t{g.Coordination.Freshness:0.##}\t{g.Coordination.CreationBurst:0.##}\t{g.Coordination.IdenticalParams:0.##}\t{g.Coordination.Regularity:0.##}\t{g.Coordination.DeclaredOrganisation:0.##}");
        Console.WriteLine();
        Console.WriteLine("finding\taccepted\tmembers\tdensity\tfamilies\tharvest\tcoord\tscore\tkeys");
        foreach (var f in result.Findings)
            Console.WriteLine($"{f.Id}\t{f.Accepted}\t{f.Members.Count}\t{f.Density:0.###}\t{f.Families}\t{f.HarvestFraction:0.###}\t{f.Coordination.Score:0.###}\t{f.Score:0.###}\t" +
                string.Join(", ", f.Keys.Take(5).Select(k => $"{k.Key.Kind.ToString()}({k.Key.Members.Count}):{k.Contribution:0.##}")) + (truth.Count > 0 ? "\t" + Status(f) : ""));
        // DG_MISSED=label: accounts of that label in no finding; DG_FLAGGED=label: accounts of that label with a campaign verdict.
        var missedLabel = Environment.GetEnvironmentVariable("DG_MISSED");
        var flaggedLabel = Environment.GetEnvironmentVariable("DG_FLAGGED");
        var watchedLabel = Environment.GetEnvironmentVariable("DG_WATCHED");   // accounts of that label in a finding but not campaign
        if (missedLabel is not null || flaggedLabel is not null || watchedLabel is not null)
        {
            var inFinding = result.Findings.SelectMany(f => f.Members).ToHashSet();
            var flagged = result.Verdicts.Where(v => v.Campaign is not null).Select(v => v.Account).ToHashSet();
            foreach (var p in result.Profiles.Where(p => (Who(p.Index) == missedLabel && !inFinding.Contains(p.Index))
                || (Who(p.Index) == flaggedLabel && flagged.Contains(p.Account))
                || (Who(p.Index) == watchedLabel && inFinding.Contains(p.Index) && !flagged.Contains(p.Account))).Take(int.Parse(Environment.GetEnvironmentVariable("DG_MAX") ?? "12")))
            {
                Console.WriteLine($"{Who(p.Index)} {p.Account}: {p.Exchanges} exchanges, {p.HarvestExchanges} harvest, rotates {p.RotatesExits()}, egress apart {p.HarvestEgressApart()}");
                foreach (var g in result.KeyGroups.Where(g => g.Weight > 0 && g.Members.Contains(p.Index)).OrderByDescending(g => g.Weight).Take(8))
                {
                    int i = g.Members.IndexOf(p.Index);
                    Console.WriteLine($"    {g.Kind} ({g.Members.Count}) w={g.Weight:0.###} count={g.Counts[i]} harvest={g.Harvest[i]} mix={Mix(g.Members)}");
                }
            }
        }
        // per member: C = campaign-grade, s = weak involvement, h = weak harvest on its keys, r = not corroborated
        string Status(DistillGuard.Core.Campaigns.CampaignFinding f) => string.Join(",", f.Members.Select((m, i) =>
            (Who(m), (f.Strength[i] >= options.MinMemberStrength ? "" : "s") + (f.MemberHarvest[i] >= 0.3 ? "" : "h") + (f.Corroborated[i] ? "" : "r")))
            .GroupBy(x => x).OrderBy(g => g.Key.Item1).Select(g => $"{g.Key.Item1}/{(g.Key.Item2.Length == 0 ? "C" : g.Key.Item2)}:{g.Count()}"));
    }

    private static Dictionary<string, string> LoadLabels(string? path)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        if (string.IsNullOrEmpty(path)) return map;
        foreach (var line in File.ReadLines(path))
        {
            using var doc = System.Text.Json.JsonDocument.Parse(line);
            var r = doc.RootElement;
            string acct = r.GetProperty("account").GetString()!;
            bool dormant = r.TryGetProperty("dormant", out var d) && d.ValueKind == System.Text.Json.JsonValueKind.True;
            map[acct] = dormant ? "dormant" : r.GetProperty("campaign").ValueKind == System.Text.Json.JsonValueKind.String
                ? r.GetProperty("campaign").GetString()! : "legit:" + r.GetProperty("persona").GetString();
        }
        return map;
    }
}
