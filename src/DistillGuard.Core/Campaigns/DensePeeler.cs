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
        // Per-node state in arrays over the graph's nodes, kept per thread and marked with this call's number instead of
        // cleared: a re-assembly peels hundreds of blocks from graphs of thousands of nodes.
        var s = t_scratch ??= new Scratch();
        int call = s.Begin(g.NodeCount);
        var deg = s.Deg;
        var state = s.State;   // call * 2: in the peel; call * 2 + 1: removed
        int inPeel = 2 * call, gone = 2 * call + 1;
        var members = new List<int>(nodes.Count);
        double total = 0;
        foreach (var x in nodes)
        {
            if (!alive[x] || state[x] == inPeel) continue;
            double d = 0;
            foreach (var (y, w) in g.Adjacency[x]) if (alive[y]) d += w;
            deg[x] = d;
            state[x] = inPeel;
            members.Add(x);
            if (g.IsAccount(x)) total += d;
        }
        int n = members.Count;
        if (n == 0) return (new List<int>(), 0);
        var order = new List<int>(n);
        var heap = new PriorityQueue<int, (double, int)>(n);
        foreach (var x in members) heap.Enqueue(x, (deg[x], x));
        double best = total / n;
        int bestStep = 0;
        int remaining = n;
        while (heap.TryDequeue(out var x, out var pri))
        {
            if (state[x] == gone || pri.Item1 != deg[x]) continue;
            state[x] = gone;
            order.Add(x);
            total -= deg[x];
            remaining--;
            foreach (var (y, w) in g.Adjacency[x])
            {
                if (!alive[y] || state[y] != inPeel) continue;
                deg[y] -= w;
                heap.Enqueue(y, (deg[y], y));
            }
            if (remaining == 0) break;
            double density = total / remaining;
            if (density > best + 1e-12) { best = density; bestStep = order.Count; }
        }
        // the block: the nodes still in the peel when it was densest
        for (int i = bestStep; i < order.Count; i++) state[order[i]] = inPeel;
        var block = new List<int>(n - bestStep);
        foreach (var x in members) if (state[x] == inPeel) block.Add(x);
        block.Sort();
        return (block, best);
    }

    private sealed class Scratch
    {
        public double[] Deg = Array.Empty<double>();
        public int[] State = Array.Empty<int>();
        private int _call;

        public int Begin(int nodes)
        {
            if (State.Length < nodes) { State = new int[Math.Max(nodes, 2 * State.Length)]; Deg = new double[State.Length]; _call = 0; }
            if (++_call >= int.MaxValue / 2 - 1) { Array.Clear(State); _call = 1; }
            return _call;
        }
    }

    [ThreadStatic] private static Scratch? t_scratch;
}
