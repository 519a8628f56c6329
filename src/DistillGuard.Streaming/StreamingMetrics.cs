using System.Diagnostics.Metrics;

namespace DistillGuard.Streaming;

/// <summary>The streaming detector's instruments (Meter <c>DistillGuard.Streaming</c>); `serve` exports them to Prometheus.</summary>
public static class StreamingMetrics
{
    public const string MeterName = "DistillGuard.Streaming";
    public static readonly Meter Meter = new(MeterName, "1.0");

    public static readonly Counter<long> Ingested = Meter.CreateCounter<long>("distillguard.ingest.exchanges", "{exchange}", "Exchanges accepted (journaled), by source kind.");
    public static readonly Counter<long> Quarantined = Meter.CreateCounter<long>("distillguard.ingest.quarantined", "{line}", "Lines that could not be read, by reason.");
    public static readonly Counter<long> Duplicates = Meter.CreateCounter<long>("distillguard.ingest.duplicates", "{exchange}", "Exchanges received again (same id) and not counted twice.");
    public static readonly Counter<long> Rejected = Meter.CreateCounter<long>("distillguard.ingest.busy", "{request}", "Ingest requests refused because the detector's queue was full.");
    public static readonly Counter<long> VerdictChanges = Meter.CreateCounter<long>("distillguard.verdict.changes", "{change}", "Account verdict changes, by new verdict.");
    public static readonly Counter<long> CampaignChanges = Meter.CreateCounter<long>("distillguard.campaign.changes", "{change}", "Campaign detections and growth.");
    public static readonly Histogram<double> Reassembly = Meter.CreateHistogram<double>("distillguard.reassembly.duration", "s", "Time to re-run links, campaigns and verdicts over the live profiles.");
    public static readonly Counter<long> AlertsDelivered = Meter.CreateCounter<long>("distillguard.alerts.delivered", "{alert}");
    public static readonly Counter<long> AlertsDropped = Meter.CreateCounter<long>("distillguard.alerts.dropped", "{alert}", "Alerts dropped because a sink's queue was full.");
    public static readonly Counter<long> AlertsFailed = Meter.CreateCounter<long>("distillguard.alerts.failed", "{alert}", "Alerts given up after every retry.");

    private static Func<StreamingStats>? s_stats;

    /// <summary>Observable gauges read the running detector's stats (one detector per process).</summary>
    internal static void Observe(Func<StreamingStats> stats)
    {
        if (Interlocked.Exchange(ref s_stats, stats) is not null) return;
        Meter.CreateObservableGauge("distillguard.ingest.lag", () => s_stats?.Invoke().LagSeconds ?? 0, "s", "Age of the oldest accepted exchange the detector has not yet processed.");
        Meter.CreateObservableGauge("distillguard.ingest.queued", () => s_stats?.Invoke().Queued ?? 0, "{exchange}");
        Meter.CreateObservableGauge("distillguard.accounts", () => s_stats?.Invoke().Accounts ?? 0, "{account}");
        Meter.CreateObservableGauge("distillguard.campaigns", () => s_stats?.Invoke().Campaigns ?? 0, "{campaign}");
    }
}
