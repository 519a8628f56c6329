using DistillGuard.Core.Analysis;

namespace DistillGuard.Storage.Writing;

/// <summary>What <see cref="AnalysisPublisher.Publish"/> needs besides the analysis.</summary>
public sealed record PublishOptions
{
    public string Source { get; init; } = "analyze";
    /// <summary>The logs analysed: the exchanges cited as evidence are read back from them (none read when empty).</summary>
    public IReadOnlyList<string> Logs { get; init; } = [];
    public AnalysisInputs? Inputs { get; init; }
    public ActivityTally? Activity { get; init; }
    public long Quarantined { get; init; }
    public DetectorOptions Detector { get; init; } = DetectorOptions.Default;
    /// <summary>Exchanges already read back (e.g. by an earlier publish of the same analysis): used instead of reading the logs.</summary>
    public IReadOnlyList<Model.ExchangeSample>? Samples { get; init; }
}

/// <summary>What was published.</summary>
public sealed record Published(AnalysisResult Result, FeedbackResult Feedback, int Run, IReadOnlyList<Model.ExchangeSample> SamplesRead);

/// <summary>
/// The one path from an analysis to a store, shared by `analyze` and the tests: the store's standing dismissals are
/// applied first (<see cref="DismissalFeedback"/>), the cited exchanges are read back from the logs, and the result is
/// written. The caller writes verdicts.jsonl and campaigns.json from <see cref="Published.Result"/>, so the files and
/// the store agree.
/// </summary>
public static class AnalysisPublisher
{
    public static Published Publish(IResultStore store, AnalysisResult result, PublishOptions options, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        var (adjusted, feedback) = DismissalFeedback.Apply(result, store.Dismissals(), options.Detector.MinCampaignAccounts);
        var cited = SnapshotBuilder.CitedExchanges(adjusted, feedback.Suppressed.Select(s => s.Campaign));
        var samples = options.Samples is { } given ? given.Where(s => cited.ContainsKey(s.Id)).Select(s => s with { CitedBy = cited[s.Id] }).ToList()
            : options.Logs.Count > 0 ? ExchangeSampler.Read(options.Logs, cited, ct) : [];
        var snapshot = SnapshotBuilder.Build(adjusted, new SnapshotExtras
        {
            Source = options.Source,
            Inputs = options.Inputs,
            Activity = options.Activity,
            Samples = samples,
            Suppressed = feedback.Suppressed,
            Quarantined = options.Quarantined,
            CampaignThreshold = options.Detector.CampaignThreshold,
        });
        int run = store.Write(snapshot);
        return new Published(adjusted, feedback, run, samples);
    }
}
