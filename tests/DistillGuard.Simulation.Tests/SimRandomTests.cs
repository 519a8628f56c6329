using DistillGuard.Simulation.Common;

namespace DistillGuard.Simulation.Tests;

public sealed class SimRandomTests
{
    [Fact]
    public void SameSeed_GivesSameSequence()
    {
        var a = new SimRandom(42);
        var b = new SimRandom(42);
        for (int i = 0; i < 1000; i++) Assert.Equal(a.NextUInt64(), b.NextUInt64());
    }

    [Fact]
    public void Derive_DifferentChildren_GiveDifferentStreams()
    {
        var a = SimRandom.Derive(7, 1);
        var b = SimRandom.Derive(7, 2);
        Assert.NotEqual(a.NextUInt64(), b.NextUInt64());
    }

    [Fact]
    public void Next_StaysInRange_AndCoversIt()
    {
        var r = new SimRandom(3);
        var seen = new bool[10];
        for (int i = 0; i < 10_000; i++)
        {
            int v = r.Next(10);
            Assert.InRange(v, 0, 9);
            seen[v] = true;
        }
        Assert.All(seen, Assert.True);
    }
}
