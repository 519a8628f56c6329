using DistillGuard.Core.Accounts;

namespace DistillGuard.Core.Analysis;

/// <summary>What sits beside the exchange log: every part is optional and defaults to empty.</summary>
public sealed record AnalysisInputs
{
    public static AnalysisInputs None { get; } = new();
    public AccountRegistry Registry { get; init; } = AccountRegistry.Empty;
    public Allowlist Allowlist { get; init; } = Allowlist.Empty;
    public IpIntel IpIntel { get; init; } = IpIntel.Empty;
}
