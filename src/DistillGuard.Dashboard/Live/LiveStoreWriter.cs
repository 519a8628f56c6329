using DistillGuard.Storage;
using DistillGuard.Storage.Writing;
using DistillGuard.Streaming;
using Microsoft.Extensions.Logging;

namespace DistillGuard.Dashboard.Live;

/// <summary>
/// Where the streaming service runs beside the dashboard: writes the detector's live verdicts and campaigns into the
/// store whenever they change (checked every <c>every</c>), after applying the analysts' dismissals, so the dashboard
/// shows what the service knows now. Live writes carry no profiles, links or activity (those come from `analyze`).
/// </summary>
public sealed class LiveStoreWriter : IAsyncDisposable
{
    private readonly StreamingDetector _detector;
    private readonly IResultStore _store;
    private readonly TimeSpan _every;
    private readonly ILogger? _log;
    private readonly CancellationTokenSource _stop = new();
    private Task? _loop;
    private long _written = -1;

    public LiveStoreWriter(StreamingDetector detector, IResultStore store, TimeSpan every, ILogger? log = null)
    {
        _detector = detector;
        _store = store;
        _every = every;
        _log = log;
    }

    public int Writes { get; private set; }

    public void Start() => _loop = Task.Run(LoopAsync);

    /// <summary>Writes now when the live state changed since the last write.</summary>
    public bool WriteIfChanged()
    {
        var live = _detector.Live;
        if (live.Sequence == _written) return false;
        var fb = DismissalFeedback.Apply(live.Verdicts.Values.ToList(), live.Campaigns, _store.Dismissals(), _detector.Detector.MinCampaignAccounts);
        _store.Write(SnapshotBuilder.BuildLive(fb.Verdicts, fb.Campaigns, fb.Suppressed, live.Exchanges, "serve", _detector.Detector.CampaignThreshold));
        _written = live.Sequence;
        Writes++;
        return true;
    }

    private async Task LoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            try { WriteIfChanged(); }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                _log?.LogWarning(e, "live write to the dashboard store failed; retrying");
            }
            try { await Task.Delay(_every, _stop.Token); } catch (OperationCanceledException) { break; }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        if (_loop is not null) await _loop;
        _stop.Dispose();
    }
}
