using DistillGuard.Simulation.Network;
using DistillGuard.Simulation.Scenarios;

namespace DistillGuard.Simulation.World;

/// <summary>The simulated population: accounts, their ground truth, and the plans that drive their traffic.</summary>
internal sealed class SimWorld
{
    public required ScenarioSpec Scenario { get; init; }
    public required ulong Seed { get; init; }
    public required IpSpace Ips { get; init; }
    public required IReadOnlyList<ActorPlan> Plans { get; init; }
    /// <summary>Sorted by account id.</summary>
    public required IReadOnlyList<AccountRecord> Accounts { get; init; }
    /// <summary>Every account's ground truth, sorted by account id (labels.jsonl keeps those that sent traffic).</summary>
    public required IReadOnlyList<AccountLabel> Labels { get; init; }
    /// <summary>Licensed distillation customers (sorted).</summary>
    public required IReadOnlyList<string> Allow { get; init; }
    /// <summary>The legitimate median of mean daily requests per account (what throttled campaigns hold to).</summary>
    public required double LegitMedianDaily { get; init; }

    public long StartMs => new DateTimeOffset(Scenario.Start).ToUnixTimeMilliseconds();
    public long EndMs => StartMs + Scenario.Days * 86_400_000L;
}
