using DistillGuard.Simulation.Common;

namespace DistillGuard.Simulation.World;

/// <summary>
/// The reasoning artifacts a replay campaign has harvested so far (a bounded ring; the engine touches it only
/// from its single ordered generation thread, so replays are deterministic).
/// </summary>
internal sealed class ArtifactPool(int capacity = 1024)
{
    private readonly string[] _ring = new string[capacity];
    private long _count;

    public long Count => _count;

    public void Add(string artifact) => _ring[_count++ % _ring.Length] = artifact;

    public string? PickRecent(ref SimRandom rng)
    {
        if (_count == 0) return null;
        long n = Math.Min(_count, _ring.Length);
        return _ring[(int)((_count - 1 - rng.Next((int)n)) % _ring.Length)];
    }
}
