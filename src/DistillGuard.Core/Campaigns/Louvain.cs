namespace DistillGuard.Core.Campaigns;

/// <summary>
/// Louvain modularity optimisation (Blondel et al. 2008) on a small weighted undirected graph: nodes move, one at a
/// time and in index order, to the neighbouring community that raises modularity most; communities then become the
/// nodes of the next level, until nothing moves. Deterministic: the same graph always gives the same partition.
/// </summary>
public static class Louvain
{
    /// <summary>
    /// Partitions nodes 0..<paramref name="n"/>-1 given symmetric weighted edges (each listed once, i ≠ j).
    /// Returns each node's community (0-based, numbered by first appearance) and the partition's modularity.
    /// </summary>
    public static (int[] Community, double Modularity) Partition(int n, IReadOnlyList<(int A, int B, double W)> edges)
    {
        var community = new int[n];
        for (int i = 0; i < n; i++) community[i] = i;
        if (n == 0) return (community, 0);

        // Level graph: adjacency as (neighbour, weight) lists, self-loop weight separately.
        var adj = new List<(int, double)>[n];
        var self = new double[n];
        var size = new int[n];   // each list at its final size: no regrowing
        foreach (var (a, b, w) in edges)
            if (w > 0 && a != b) { size[a]++; size[b]++; }
        for (int i = 0; i < n; i++) adj[i] = new List<(int, double)>(size[i]);
        foreach (var (a, b, w) in edges)
        {
            if (w <= 0) continue;
            if (a == b) { self[a] += 2 * w; continue; }
            adj[a].Add((b, w));
            adj[b].Add((a, w));
        }
        double m2 = self.Sum() + adj.Sum(l => l.Sum(e => e.Item2));
        if (m2 <= 0) return (community, 0);

        int levelNodes = n;
        var nodeOf = new int[n]; // original node -> level node
        for (int i = 0; i < n; i++) nodeOf[i] = i;
        for (int level = 0; level < 32; level++)
        {
            var comm = new int[levelNodes];
            var degree = new double[levelNodes];
            var tot = new double[levelNodes];
            for (int i = 0; i < levelNodes; i++)
            {
                comm[i] = i;
                degree[i] = self[i] + adj[i].Sum(e => e.Item2);
                tot[i] = degree[i];
            }
            bool movedAny = false;
            // weight from node i to each neighbouring community: dense by community, the touched ones listed (and
            // visited in ascending order, as ties between equal gains are decided by the first)
            var toComm = new double[levelNodes];
            var touched = new bool[levelNodes];
            var near = new List<int>();
            for (int pass = 0; pass < 100; pass++)
            {
                bool moved = false;
                for (int i = 0; i < levelNodes; i++)
                {
                    near.Clear();
                    foreach (var (j, w) in adj[i])
                    {
                        int cj = comm[j];
                        if (!touched[cj]) { touched[cj] = true; toComm[cj] = 0; near.Add(cj); }
                        toComm[cj] += w;
                    }
                    int own = comm[i];
                    tot[own] -= degree[i];
                    double bestGain = (touched[own] ? toComm[own] : 0) - tot[own] * degree[i] / m2;
                    int best = own;
                    near.Sort();
                    foreach (int c in near)
                    {
                        double gain = toComm[c] - tot[c] * degree[i] / m2;
                        if (gain > bestGain + 1e-12) { bestGain = gain; best = c; }
                        touched[c] = false;
                    }
                    tot[best] += degree[i];
                    if (best != own) { comm[i] = best; moved = true; movedAny = true; }
                }
                if (!moved) break;
            }
            if (!movedAny) break;

            // Renumber communities and aggregate.
            var renumber = new Dictionary<int, int>();
            for (int i = 0; i < levelNodes; i++) if (!renumber.ContainsKey(comm[i])) renumber[comm[i]] = renumber.Count;
            int next = renumber.Count;
            var nadj = new Dictionary<int, double>[next];
            var nself = new double[next];
            for (int c = 0; c < next; c++) nadj[c] = new Dictionary<int, double>();
            for (int i = 0; i < levelNodes; i++)
            {
                int ci = renumber[comm[i]];
                nself[ci] += self[i];
                foreach (var (j, w) in adj[i])
                {
                    int cj = renumber[comm[j]];
                    if (ci == cj) nself[ci] += w; // each internal edge is seen from both ends: 2w in total
                    else nadj[ci][cj] = nadj[ci].GetValueOrDefault(cj) + w;
                }
            }
            for (int i = 0; i < n; i++) nodeOf[i] = renumber[comm[nodeOf[i]]];
            adj = nadj.Select(d => d.OrderBy(kv => kv.Key).Select(kv => (kv.Key, kv.Value)).ToList()).ToArray();
            self = nself;
            levelNodes = next;
        }

        var ids = new Dictionary<int, int>();
        for (int i = 0; i < n; i++)
        {
            if (!ids.TryGetValue(nodeOf[i], out int id)) ids[nodeOf[i]] = id = ids.Count;
            community[i] = id;
        }
        return (community, Modularity(n, edges, community));
    }

    /// <summary>Newman's modularity of a partition: Σ_c [in_c / m − (tot_c / 2m)²].</summary>
    public static double Modularity(int n, IReadOnlyList<(int A, int B, double W)> edges, int[] community)
    {
        double m = 0;
        var tot = new Dictionary<int, double>();
        var inside = new Dictionary<int, double>();
        foreach (var (a, b, w) in edges)
        {
            if (w <= 0) continue;
            m += w;
            tot[community[a]] = tot.GetValueOrDefault(community[a]) + w;
            tot[community[b]] = tot.GetValueOrDefault(community[b]) + w;
            if (community[a] == community[b]) inside[community[a]] = inside.GetValueOrDefault(community[a]) + w;
        }
        if (m <= 0) return 0;
        double q = 0;
        foreach (var (c, t) in tot) q += inside.GetValueOrDefault(c) / m - (t / (2 * m)) * (t / (2 * m));
        return q;
    }
}
