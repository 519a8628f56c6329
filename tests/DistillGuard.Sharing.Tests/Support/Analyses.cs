using DistillGuard.Sharing.Intel;

namespace DistillGuard.Sharing.Tests.Support;

/// <summary>The local analyses of the two simulated providers, computed once per test run.</summary>
public static class Analyses
{
    private static readonly Lazy<LocalAnalysis> s_a = new(() => Run(SimulatedProviders.A));
    private static readonly Lazy<LocalAnalysis> s_b = new(() => Run(SimulatedProviders.B));

    public static LocalAnalysis A => s_a.Value;
    public static LocalAnalysis B => s_b.Value;

    private static LocalAnalysis Run(string dir) =>
        LocalAnalysis.Run([SimulatedProviders.Log(dir)], SimulatedProviders.Accounts(dir), SimulatedProviders.Allow(dir), null);
}
