using DistillGuard.Core.Analysis;
using DistillGuard.Core.Verdicts;

namespace DistillGuard.Core.Tests.Analysis;

/// <summary>Runs the engine over synthetic traffic and measures it against the truth.</summary>
public static class AnalysisHarness
{
    public static AnalysisResult Run(SyntheticTraffic t, DetectorOptions? options = null, bool withInputs = true)
        // withInputs: false keeps only the allowlist (no registry, no IP intelligence)
    {
        var engine = new AnalysisEngine(options);
        t.Replay(engine.Add);
        return engine.Complete(withInputs
            ? new AnalysisInputs { Registry = t.Registry, Allowlist = t.Allowlist, IpIntel = t.IpIntel }
            : new AnalysisInputs { Allowlist = t.Allowlist });
    }

    public sealed record Measure(int TruePositives, int FalsePositives, int FalseNegatives, int MergedCampaigns, int SplitCampaigns)
    {
        public double Precision => TruePositives + FalsePositives == 0 ? 1 : (double)TruePositives / (TruePositives + FalsePositives);
        public double Recall => TruePositives + FalseNegatives == 0 ? 1 : (double)TruePositives / (TruePositives + FalseNegatives);
        public override string ToString() => $"precision {Precision:0.000} recall {Recall:0.000} (tp {TruePositives}, fp {FalsePositives}, fn {FalseNegatives}, merged {MergedCampaigns}, split {SplitCampaigns})";
    }

    public static Measure Evaluate(SyntheticTraffic t, AnalysisResult r)
    {
        var truth = t.Accounts.ToDictionary(a => a.Id);
        int tp = 0, fp = 0, fn = 0;
        foreach (var v in r.Verdicts)
        {
            bool isCampaign = truth[v.Account].Campaign is not null;
            bool flagged = v.Verdict == VerdictKind.Campaign;
            if (flagged && isCampaign) tp++;
            else if (flagged) fp++;
            else if (isCampaign) fn++;
        }
        int merged = r.Campaigns.Count(c => c.Accounts.Select(a => truth[a].Campaign).Where(x => x is not null).Distinct().Count() > 1);
        int split = t.Accounts.Where(a => a.Campaign is not null).GroupBy(a => a.Campaign)
            .Count(g => r.Verdicts.Where(v => g.Any(a => a.Id == v.Account) && v.Campaign is not null).Select(v => v.Campaign).Distinct().Count() > 1);
        return new Measure(tp, fp, fn, merged, split);
    }
}
