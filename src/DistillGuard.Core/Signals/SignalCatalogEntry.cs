using DistillGuard.Core.Model;

namespace DistillGuard.Core.Signals;

/// <summary>What later stages need to explain a signal in a verdict: its id, flag, meaning and known false positives.</summary>
public sealed record SignalCatalogEntry(
    string Id, int Version, SignalKind Kind, SignalSet Flag, Capability Capability,
    string Title, string Description, IReadOnlyList<string> FalsePositives);
