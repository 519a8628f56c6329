using DistillGuard.Core.Profiles;

namespace DistillGuard.Core.Tests.Profiles;

public sealed class SketchTests
{
    [Fact]
    public void TopK_SkewedStream_KeepsTheHeavyHitters()
    {
        var t = new TopK(4);
        var r = new Random(1);
        for (int i = 0; i < 10_000; i++) t.Add(r.NextDouble() < 0.5 ? 7UL : r.NextDouble() < 0.5 ? 9UL : (ulong)r.Next(1000, 100000));
        var top = t.TopIndex();
        Assert.Equal(7UL, t.KeyAt(top));
        Assert.InRange(t.CountOf(7), 4900, 6200);
        Assert.True(t.CountOf(9) > 2000);
    }

    [Fact]
    public void ItemSketch_DisjointSets_OverlapNearZeroAndIdenticalSetsNearOne()
    {
        var a = new ItemSketch(24); var b = new ItemSketch(24); var c = new ItemSketch(24);
        for (ulong i = 1; i <= 500; i++) { a.Add(i); c.Add(i); b.Add(i + 10_000); }
        Assert.Equal(0, ItemSketch.Overlap(a, b));
        Assert.Equal(1, ItemSketch.Overlap(a, c));
        Assert.InRange(a.Distinct, 300, 800);
    }

    [Fact]
    public void MinHash_HalfOverlappingSets_EstimatesJaccardNearOneThird()
    {
        var a = new uint[48]; var b = new uint[48];
        MinHash.Init(a); MinHash.Init(b);
        for (ulong i = 0; i < 1000; i++) MinHash.Add(a, i);
        for (ulong i = 500; i < 1500; i++) MinHash.Add(b, i);
        Assert.InRange(MinHash.Jaccard(a, b), 0.15, 0.55);
    }
}
