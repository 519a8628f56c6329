using System.Diagnostics.Metrics;

namespace DistillGuard.Gateway.Diagnostics;

/// <summary>
/// The gateway's instruments, on the Meter <see cref="MeterName"/> (hook an OpenTelemetry exporter with
/// <c>AddMeter("DistillGuard.Gateway")</c>). Names follow OpenTelemetry conventions; Prometheus renders them with
/// underscores (e.g. <c>distillguard_gateway_policy_actions_total</c>).
/// </summary>
public sealed class GatewayMetrics : IDisposable
{
    public const string MeterName = "DistillGuard.Gateway";

    private readonly Meter _meter;
    private readonly Counter<long> _actions, _taps, _reasoning, _replays, _bound, _lookups, _reloads, _requests;
    private readonly Histogram<double> _upstream, _exchange;

    public GatewayMetrics(IMeterFactory? factory = null)
    {
        _meter = factory?.Create(MeterName) ?? new Meter(MeterName);
        _requests = _meter.CreateCounter<long>("distillguard.gateway.requests", "{request}", "Requests received, by api and final status class.");
        _actions = _meter.CreateCounter<long>("distillguard.gateway.policy.actions", "{action}", "Policy actions taken, by kind: allow, throttle, block, verify, protect_reasoning, watermark, allowlisted, unauthenticated, detector_unavailable.");
        _upstream = _meter.CreateHistogram<double>("distillguard.gateway.upstream.duration", "s", "Time from forwarding a request to the upstream's response headers.");
        _exchange = _meter.CreateHistogram<double>("distillguard.gateway.exchange.duration", "s", "Time from a request's arrival to the last byte of its response.");
        _taps = _meter.CreateCounter<long>("distillguard.gateway.tapped", "{exchange}", "Exchanges handed to the detector tap, by result: ok, failed (the tap threw), skipped (body not JSON).");
        _reasoning = _meter.CreateCounter<long>("distillguard.gateway.reasoning.protected", "{block}", "Reasoning blocks stripped or summarised, by mode and whether streamed.");
        _replays = _meter.CreateCounter<long>("distillguard.gateway.artifact.replays", "{artifact}", "Reasoning artifacts presented against their binding, by outcome (rejected, flagged) and mismatch.");
        _bound = _meter.CreateCounter<long>("distillguard.gateway.artifact.bound", "{artifact}", "Reasoning artifacts issued and bound to account, conversation and model.");
        _lookups = _meter.CreateCounter<long>("distillguard.gateway.verdict.lookups", "{lookup}", "Verdict lookups, by result: found, unknown, unavailable.");
        _reloads = _meter.CreateCounter<long>("distillguard.gateway.config.reloads", "{reload}", "Policy and keys file reloads, by file and result (applied, rejected).");
    }

    public Meter Meter => _meter;

    private static readonly string[] StatusClasses = ["0xx", "1xx", "2xx", "3xx", "4xx", "5xx"];

    public void Request(string api, int status) => _requests.Add(1, new("api", api), new("status", (uint)status / 100 < 6 ? StatusClasses[status / 100] : (status / 100) + "xx"));
    public void Action(string kind, string api) => _actions.Add(1, new("action", kind), new("api", api));
    public void Upstream(TimeSpan t, string api, int status) => _upstream.Record(t.TotalSeconds, new("api", api), new("status", status));
    public void Exchange(TimeSpan t, string api) => _exchange.Record(t.TotalSeconds, new KeyValuePair<string, object?>("api", api));
    public void Tapped(string result) => _taps.Add(1, new KeyValuePair<string, object?>("result", result));
    public void ReasoningProtected(int blocks, string mode, bool streamed, string api) { if (blocks > 0) _reasoning.Add(blocks, new("mode", mode), new("streamed", streamed), new("api", api)); }
    public void Replay(string outcome, string mismatch, string api) => _replays.Add(1, new("outcome", outcome), new("mismatch", mismatch), new("api", api));
    public void Bound(string api) => _bound.Add(1, new KeyValuePair<string, object?>("api", api));
    public void Lookup(string result) => _lookups.Add(1, new KeyValuePair<string, object?>("result", result));
    public void Reload(string file, bool applied) => _reloads.Add(1, new("file", file), new("result", applied ? "applied" : "rejected"));

    public void Dispose() => _meter.Dispose();
}
