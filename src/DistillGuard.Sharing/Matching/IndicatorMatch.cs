using DistillGuard.Sharing.Import;

namespace DistillGuard.Sharing.Matching;

/// <summary>A partner indicator that matched one local account, and how ("exact", "in 203.0.113.0/24",
/// "SimHash distance 5", "HMAC under key k1").</summary>
public sealed record IndicatorMatch(PartnerIndicator Indicator, string Account, string How);
