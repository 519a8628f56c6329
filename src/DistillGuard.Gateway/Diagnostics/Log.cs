using Microsoft.Extensions.Logging;

namespace DistillGuard.Gateway.Diagnostics;

/// <summary>The gateway's structured log events (stable ids 4100-4199).</summary>
internal static partial class Log
{
    [LoggerMessage(4100, LogLevel.Information, "Gateway policy loaded from {Source}: {Rules} rules, detector_unavailable={DetectorUnavailable}, signature_binding={Binding}")]
    public static partial void PolicyLoaded(ILogger logger, string source, int rules, string detectorUnavailable, string binding);

    [LoggerMessage(4101, LogLevel.Error, "Gateway {File} file {Path} changed but is invalid; the previous one stays in force. {Count} errors: {Errors}")]
    public static partial void ReloadRejected(ILogger logger, string file, string path, int count, string errors);

    [LoggerMessage(4102, LogLevel.Information, "Gateway keys loaded from {Source}: {Count} keys")]
    public static partial void KeysLoaded(ILogger logger, string source, int count);

    [LoggerMessage(4110, LogLevel.Warning, "Verdict source failed for account {Account}; detector treated as unavailable ({Mode})")]
    public static partial void VerdictSourceFailed(ILogger logger, Exception exception, string account, string mode);

    [LoggerMessage(4111, LogLevel.Information, "Policy {Action} for account {Account} (rule {Rule}, verdict {Verdict}, score {Score}, campaign {Campaign}) on {Api}")]
    public static partial void PolicyAction(ILogger logger, string action, string account, string rule, string verdict, double score, string? campaign, string api);

    [LoggerMessage(4112, LogLevel.Warning, "Reasoning artifact replay by account {Account} on {Api}: issued to account {Issuer}, mismatch {Mismatch}; {Outcome}")]
    public static partial void ArtifactReplay(ILogger logger, string account, string api, string issuer, string mismatch, string outcome);

    [LoggerMessage(4120, LogLevel.Error, "Exchange tap threw; the exchange {Id} is not in the detector's stream")]
    public static partial void TapFailed(ILogger logger, Exception exception, string id);

    [LoggerMessage(4121, LogLevel.Warning, "Upstream request failed for {Api}: {Error}")]
    public static partial void UpstreamFailed(ILogger logger, string api, string error);

    [LoggerMessage(4122, LogLevel.Warning, "Response body of {Api} must be rewritten but cannot be read ({Reason}; buffer limit {Limit} bytes); answered 502 (fail closed)")]
    public static partial void ResponseRefused(ILogger logger, string api, string reason, long limit);

    [LoggerMessage(4130, LogLevel.Warning, "Saving artifact bindings to {Path} failed")]
    public static partial void BindingSaveFailed(ILogger logger, Exception exception, string path);
}
