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

public sealed class NetworkSetTests
{
    [Fact]
    public void HarvestOnlyElsewhere_HomeTrafficAndHarvestFromOtherNetworks_IsTrue()
    {
        var s = new NetworkSet();
        for (int i = 0; i < 30; i++) s.Add(1, harvest: false);
        s.Add(7, harvest: true); s.Add(9, harvest: true);
        Assert.True(s.HarvestOnlyElsewhere(0.1));
        Assert.Equal(3, s.Distinct);
    }

    [Fact]
    public void HarvestOnlyElsewhere_HarvestFromANetworkAlsoUsedOtherwise_IsFalse()
    {
        var s = new NetworkSet();
        s.Add(1, harvest: false); s.Add(2, harvest: false);
        s.Add(7, harvest: true); s.Add(2, harvest: true);   // the office line carries both
        Assert.False(s.HarvestOnlyElsewhere(0.1));
        var onlyHarvest = new NetworkSet();
        onlyHarvest.Add(5, harvest: true);
        Assert.False(onlyHarvest.HarvestOnlyElsewhere(0.1));   // nothing else to compare with
    }

    [Fact]
    public void HarvestOnlyElsewhere_MoreNetworksThanKept_IsJudgedOnTheSample_AndDistinctIsEstimated()
    {
        // a relay: hundreds of networks, harvest among ordinary requests on the same networks
        var relay = new NetworkSet();
        for (ulong n = 100; n < 400; n++) { relay.Add(n, harvest: false); if (n % 3 == 0) relay.Add(n, harvest: true); }
        Assert.False(relay.Exact);
        Assert.False(relay.HarvestOnlyElsewhere(0.25));
        Assert.InRange(relay.Distinct, 150, 600);   // KMV estimate of 300 from 8 minima
        // a bought account: its owner's networks, and a new exit for every harvest session
        // (40 requests of its owner on three home networks, then 10 dilution and 10 harvest requests, each on a new exit)
        var bought = new NetworkSet();
        for (int i = 0; i < 40; i++) bought.Add(1 + (ulong)(i % 3), harvest: false);
        for (ulong n = 1000; n < 1010; n++) bought.Add(n, harvest: false);
        for (ulong n = 2000; n < 2010; n++) bought.Add(n, harvest: true);
        Assert.False(bought.Exact);
        Assert.True(bought.HarvestOnlyElsewhere(10 / 60.0));
        // a relay whose end users sometimes send a harvest-like request from a network of their own
        var mixed = new NetworkSet();
        for (ulong n = 1; n < 300; n++) mixed.Add(n, harvest: n % 10 == 0);
        Assert.False(mixed.HarvestOnlyElsewhere(0.1));
    }

    [Fact]
    public void HarvestOnlyElsewhere_TakeoverWithDilutionOnTheSameExits_IsTrue_AndAnOfficeUsedFromDayOne_IsNot()
    {
        // the owner's home from day 0; from day 5 the operator's exits carry harvest and some ordinary requests too
        var bought = new NetworkSet();
        for (int i = 0; i < 20; i++) bought.Add(1, harvest: false, day: i / 4);
        bought.Add(50, harvest: true, day: 5); bought.Add(50, harvest: false, day: 5);
        bought.Add(51, harvest: true, day: 7); bought.Add(52, harvest: false, day: 8);
        Assert.True(bought.HarvestOnlyElsewhere(0.1));
        // a worker with home and office from the first day, harvesting at the office where they also chat
        var worker = new NetworkSet();
        worker.Add(1, harvest: false, day: 0); worker.Add(2, harvest: false, day: 0);
        for (int d = 1; d < 10; d++) { worker.Add(2, harvest: true, day: d); worker.Add(1, harvest: false, day: d); }
        Assert.False(worker.HarvestOnlyElsewhere(0.3));
        // a traveller who, late, chats and harvests from one hotel network: one network is not a pattern
        var traveller = new NetworkSet();
        traveller.Add(1, harvest: false, day: 0);
        traveller.Add(9, harvest: false, day: 6); traveller.Add(9, harvest: true, day: 6);
        Assert.False(traveller.HarvestOnlyElsewhere(0.1));
    }

    [Fact]
    public void Add_KeepsFlagsWithTheirNetworksWhileInserting()
    {
        var s = new NetworkSet();
        var r = new Random(5);
        var seen = new Dictionary<ulong, int>();
        for (int i = 0; i < 7; i++)
        {
            ulong n = (ulong)r.NextInt64(1, long.MaxValue);
            bool h = i % 2 == 0;
            s.Add(n, h);
            seen[n] = h ? 2 : 1;
        }
        Assert.True(s.Exact);
        Assert.Equal(7, s.Count);
        // every network was either harvest or other, never both
        s.Add(seen.Keys.First(k => seen[k] == 1), harvest: false);
        Assert.True(s.HarvestOnlyElsewhere(0.1));
        s.Add(seen.Keys.First(k => seen[k] == 1), harvest: true);
        Assert.False(s.HarvestOnlyElsewhere(0.1));
    }
}

public sealed class SkeletonTopTests
{
    [Fact]
    public void AddNear_CountsNearFingerprintsTogether_AndEvictsTheSmallest()
    {
        var t = new SkeletonTop();
        ulong a = 0xF0F0_F0F0_0000_0000, b = 0x0000_0000_0F0F_0F0F, c = 0x00FF_00FF_00FF_00FF, d = 0xFFFF_0000_FFFF_0000;
        for (int i = 0; i < 5; i++) t.AddNear(a ^ (1UL << i), maxDistance: 8);
        for (int i = 0; i < 3; i++) t.AddNear(b, 8);
        t.AddNear(c, 8);
        Assert.Equal(3, t.Count);
        t.AddNear(d, 8);   // replaces c (count 1), inheriting its count
        var counts = Enumerable.Range(0, t.Count).ToDictionary(t.KeyAt, t.CountAt);
        Assert.Equal(5, counts[a ^ 1]);
        Assert.Equal(3, counts[b]);
        Assert.Equal(2, counts[d]);
        Assert.False(counts.ContainsKey(c));
    }
}
