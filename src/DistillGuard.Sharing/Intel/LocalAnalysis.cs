using DistillGuard.Core.Analysis;
using DistillGuard.Core.Reading;

namespace DistillGuard.Sharing.Intel;

/// <summary>One local analysis and what sharing needs from it: the result, the inputs (registry, IP intelligence)
/// and the index partners' indicators are matched against.</summary>
public sealed record LocalAnalysis(AnalysisResult Result, AnalysisInputs Inputs, LocalIndex Index)
{
    /// <summary>Reads the logs and analyses them with the default detector options (the same run as `analyze`).</summary>
    public static LocalAnalysis Run(IReadOnlyList<string> logs, string? registry, string? allowlist, IReadOnlyList<string>? ipIntel, int workers = 1, CancellationToken ct = default)
    {
        var inputs = AnalysisInputs.Load(registry, allowlist, ipIntel is { Count: > 0 } ? ipIntel : null);
        var engine = new AnalysisEngine(DetectorOptions.Default.EnsureValid());
        ExchangeLogReader.Read(new ReaderOptions { Files = logs, Workers = workers }, engine.Add, ct);
        return From(engine.Complete(inputs), inputs);
    }

    public static LocalAnalysis From(AnalysisResult result, AnalysisInputs inputs) => new(result, inputs, new LocalIndex(result, inputs));

    public IReadOnlyList<CampaignIntel> Campaigns() => IntelExtractor.Extract(Result, Index);
}
