using DistillGuard.Core.Accounts;

namespace DistillGuard.Core.Analysis;

/// <summary>What sits beside the exchange log: every part is optional and defaults to empty.</summary>
public sealed record AnalysisInputs
{
    public static AnalysisInputs None { get; } = new();
    public AccountRegistry Registry { get; init; } = AccountRegistry.Empty;
    public Allowlist Allowlist { get; init; } = Allowlist.Empty;
    public IpIntel IpIntel { get; init; } = IpIntel.Empty;

    /// <summary>
    /// Loads the files given on the command line (each optional). A missing file is an error naming it; a malformed
    /// line inside a file is counted (<see cref="AccountRegistry.MalformedLines"/>, <see cref="IpIntel.MalformedLines"/>), not fatal.
    /// </summary>
    public static AnalysisInputs Load(string? registryPath, string? allowlistPath, IEnumerable<string>? ipIntelPaths)
    {
        var missing = new[] { registryPath, allowlistPath }.Concat(ipIntelPaths ?? Array.Empty<string>())
            .Where(p => p is not null && !File.Exists(p)).ToList();
        if (missing.Count > 0) throw new FileNotFoundException("input file(s) not found: " + string.Join(", ", missing), missing[0]);
        var intel = (ipIntelPaths ?? Array.Empty<string>()).ToList();
        return new AnalysisInputs
        {
            Registry = registryPath is null ? AccountRegistry.Empty : AccountRegistry.Load(registryPath),
            Allowlist = allowlistPath is null ? Allowlist.Empty : Allowlist.Load(allowlistPath),
            IpIntel = intel.Count == 0 ? IpIntel.Empty : IpIntel.Load(intel),
        };
    }
}
