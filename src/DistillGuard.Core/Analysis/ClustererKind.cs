namespace DistillGuard.Core.Analysis;

/// <summary>How linked accounts are grouped into campaigns.</summary>
public enum ClustererKind
{
    /// <summary>Fraudar-style greedy peeling of the densest account–key subgraph, repeated, with absorption.</summary>
    DensePeeling = 0,
    /// <summary>Connected components of the suspicious account–key graph (the baseline the peeling is measured against).</summary>
    Components = 1,
}
