namespace DistillGuard.Gateway.Streaming;

/// <summary>
/// Holds a stream's reasoning events back until their block has ended (<see cref="SseEvent.Hold"/> /
/// <see cref="SseEvent.Release"/>); everything else passes in order.
/// </summary>
internal sealed class HoldBuffer(bool enabled)
{
    private readonly Dictionary<string, List<SseEvent>> _held = new(StringComparer.Ordinal);

    public bool Holding => _held.Count > 0;

    public void Route(SseEvent e, List<SseEvent> ready)
    {
        if (!enabled) { if (!e.IsControl) ready.Add(e); return; }
        if (e.Hold is { } key)
        {
            if (!_held.TryGetValue(key, out var list)) _held[key] = list = [];
            list.Add(e);
            if (e.Release == key) Release(key, ready);
            return;
        }
        if (e.Release is { } r) Release(r, ready);
        if (!e.IsControl) ready.Add(e);
    }

    public void Release(string key, List<SseEvent> ready)
    {
        if (_held.Remove(key, out var list)) ready.AddRange(list);
    }

    /// <summary>At the end of the stream: whatever is still held goes out (a stream cut inside a block).</summary>
    public void ReleaseAll(List<SseEvent> ready)
    {
        foreach (var list in _held.Values) ready.AddRange(list);
        _held.Clear();
    }
}
