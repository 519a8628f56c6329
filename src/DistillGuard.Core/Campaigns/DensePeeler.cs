namespace DistillGuard.Core.Campaigns;

/// <summary>
/// Fraudar-style greedy peeling (Hooi et al., KDD 2016) on the weighted account–key graph: repeatedly remove the node
/// with the smallest weighted degree and keep the node set with the highest density (total edge weight / nodes).
/// Camouflage (edges from campaign accounts to legitimate keys) cannot lower the block's density, and the key weights
/// already discount popular values. Runs in O(E log V) with a lazy heap.
/// </summary>
public static class DensePeeler
{
    /// <summary>The densest subset of <paramref name="nodes"/> (those with <paramref name="alive"/> set), and its density.</summary>
    public static (List<int> Block, double Density) Densest(AccountKeyGraph g, IReadOnlyList<int> nodes, bool[] alive)
    {
        var deg = new Dictionary<int, double>(nodes.Count);
        double total = 0;
        int n = 0;
        foreach (var x in nodes)
        {
            if (!alive[x]) continue;
            double d = 0;
            foreach (var (y, w) in g.Adjacency[x]) if (alive[y]) d += w;
            deg[x] = d;
            if (g.IsAccount(x)) total += d;
            n++;
        }
        if (n == 0) return (new List<int>(), 0);
        var removed = new HashSet<int>();
        var order = new List<int>(n);
        var heap = new PriorityQueue<int, (double, int)>();
        foreach (var (x, d) in deg) heap.Enqueue(x, (d, x));
        double best = total / n;
        int bestStep = 0;
        int remaining = n;
        while (heap.TryDequeue(out var x, out var pri))
        {
            if (removed.Contains(x) || pri.Item1 != deg[x]) continue;
            removed.Add(x);
            order.Add(x);
            total -= deg[x];
            remaining--;
            foreach (var (y, w) in g.Adjacency[x])
            {
                if (!alive[y] || removed.Contains(y) || !deg.ContainsKey(y)) continue;
                deg[y] -= w;
                heap.Enqueue(y, (deg[y], y));
            }
            if (remaining == 0) break;
            double density = total / remaining;
            if (density > best + 1e-12) { best = density; bestStep = order.Count; }
        }
        var cut = new HashSet<int>(order.Take(bestStep));
        var block = deg.Keys.Where(x => !cut.Contains(x)).Order().ToList();
        return (block, best);
    }
}
