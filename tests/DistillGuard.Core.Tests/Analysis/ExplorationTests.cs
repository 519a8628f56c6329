using DistillGuard.Core.Analysis;
using Xunit.Abstractions;

namespace DistillGuard.Core.Tests.Analysis;

public sealed class ExplorationTests(ITestOutputHelper output)
{
    [Fact]
    public void Explore()
    {
        var t = new SyntheticTraffic(new SyntheticTraffic.Settings { SharedEgress = true });
        var sw = System.Diagnostics.Stopwatch.StartNew();
        var r = AnalysisHarness.Run(t);
        output.WriteLine($"exchanges {t.ExchangeCount} accounts {r.Stats.Accounts} in {sw.ElapsedMilliseconds} ms; {AnalysisHarness.Evaluate(t, r)}");
        output.WriteLine($"{r.Stats}");
        var truth = t.Accounts.ToDictionary(a => a.Id);
        foreach (var f in r.Findings)
            output.WriteLine($"finding acc={f.Accepted} score={f.Score:0.00} n={f.Members.Count} fam={f.Families} hv={f.HarvestFraction:0.00} dens={f.Density:0.00} {f.Coordination} pops={string.Join(",", f.Members.Select(m => r.Profiles[m].Account).GroupBy(a => truth[a].Population + truth[a].Campaign).Select(g => g.Key + ":" + g.Count()))}\n   keys: {string.Join("; ", f.Keys.Take(8).Select(k => $"{k.Key} c={k.Contribution:0.00} on={k.MembersOnKey} h={k.Key.HarvestShare:0.00} C={k.Key.Coordination.Score:0.00} r={k.Key.Rarity:0.00}"))}");
        foreach (var c in r.Campaigns)
            output.WriteLine($"{c.Id} score {c.Score} n={c.Accounts.Count} pops={string.Join(",", c.Accounts.GroupBy(a => truth[a].Population + truth[a].Campaign).Select(g => g.Key + ":" + g.Count()))} tactics={string.Join(",", c.Tactics)} targets={string.Join(",", c.Targets)}");
        foreach (var g in r.Verdicts.GroupBy(v => truth[v.Account].Population + "/" + truth[v.Account].Campaign))
            output.WriteLine($"{g.Key}: {string.Join(", ", g.GroupBy(v => v.Verdict).Select(x => x.Key + "=" + x.Count()))} maxScore={g.Max(v => v.Score)}");
        var c1 = new SyntheticTraffic(new SyntheticTraffic.Settings());
        var nr = AnalysisHarness.Run(c1, withInputs: false);
        output.WriteLine("no inputs: " + AnalysisHarness.Evaluate(c1, nr));
        foreach (var f in nr.Findings) output.WriteLine($"  nofinding acc={f.Accepted} score={f.Score:0.00} n={f.Members.Count} fam={f.Families} hv={f.HarvestFraction:0.00} {f.Coordination} pops={string.Join(",", f.Members.Select(m => nr.Profiles[m].Account).GroupBy(a => truth[a].Population + truth[a].Campaign).Select(g => g.Key + ":" + g.Count()))}\n   keys: {string.Join("; ", f.Keys.Take(8).Select(k => $"{k.Key} c={k.Contribution:0.00} on={k.MembersOnKey} h={k.Key.HarvestShare:0.00} C={k.Key.Coordination.Score:0.00} r={k.Key.Rarity:0.00}"))}");
        var rc = AnalysisHarness.Run(c1, DetectorOptions.Default with { Clusterer = ClustererKind.Components });
        output.WriteLine("components: " + AnalysisHarness.Evaluate(c1, rc));
        foreach (var c in rc.Campaigns)
            output.WriteLine($"{c.Id} score {c.Score} n={c.Accounts.Count} pops={string.Join(",", c.Accounts.GroupBy(a => truth[a].Population + truth[a].Campaign).Select(g => g.Key + ":" + g.Count()))}");
    }
}
