namespace DistillGuard.Core.Links;

/// <summary>
/// Key groups kept from one re-assembly to the next (streaming re-assembles every simulated hour): the same value
/// (kind, key) gets the same <see cref="KeyGroup"/> object back, emptied — its lists keep their capacity and its
/// display value (a function of kind and key only) is not formatted again. Building every group afresh allocated tens
/// of MB per re-assembly (tens of thousands of groups, most with one member), and the collections that caused took a
/// large share of re-assembly time. A group is emptied completely (<see cref="KeyGroup.Reset"/>), so what
/// <see cref="KeyGroupBuilder"/> computes is what it computes with new groups. Groups not used by a re-assembly are
/// dropped after it. The groups of a snapshot are therefore valid until the next snapshot of the same engine
/// (<see cref="Analysis.AnalysisEngine.Snapshot"/>); verdicts and campaigns do not refer to them. One thread.
/// </summary>
public sealed class KeyGroupPool
{
    private Dictionary<(LinkKind, ulong), KeyGroup> _current = new(), _previous = new();

    /// <summary>Groups handed out by the last re-assembly (a capacity hint for the builder's own index).</summary>
    public int LastCount { get; private set; }

    /// <summary>Starts a re-assembly: groups not taken since the previous call are dropped.</summary>
    public void Begin()
    {
        LastCount = _current.Count;
        (_previous, _current) = (_current, _previous);
        _current.Clear();
    }

    /// <summary>The group of (kind, key), emptied and numbered <paramref name="id"/>; <paramref name="value"/> is asked
    /// only for a value not held before.</summary>
    internal KeyGroup Take(int id, LinkKind kind, ulong key, Func<string> value)
    {
        if (_previous.Remove((kind, key), out var g)) g.Reset(id);
        else if (!_current.TryGetValue((kind, key), out g)) g = new KeyGroup(id, kind, key, value());
        else throw new InvalidOperationException($"key group {kind} {key:x16} taken twice in one re-assembly");
        _current.Add((kind, key), g);
        return g;
    }
}
