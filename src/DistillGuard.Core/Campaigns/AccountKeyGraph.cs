using DistillGuard.Core.Links;

namespace DistillGuard.Core.Campaigns;

/// <summary>
/// The weighted bipartite graph accounts × linked key groups. Node ids: accounts first (0..A-1, mapped to profile
/// indexes), then keys (A..A+K-1, mapped to key groups). Only groups with weight ≥ the minimum carry edges.
/// </summary>
public sealed class AccountKeyGraph
{
    /// <param name="pool">lists of the previous graph built with the same pool, reused (a streaming snapshot: that graph
    /// is no longer read); null allocates new ones</param>
    public AccountKeyGraph(IReadOnlyList<KeyGroup> groups, KeyGroupBuilder builder, double minKeyWeight, ListPool? pool = null)
    {
        var accountNode = pool?.AccountNode(groups.Count) ?? new Dictionary<int, int>();
        var accounts = new List<int>();
        var keys = new List<KeyGroup>();
        var edges = pool?.Edges() ?? new List<(int A, int K, double W, int Slot)>();
        foreach (var g in groups)
        {
            if (g.Weight < minKeyWeight || g.Members.Count < 2) continue;
            int k = keys.Count;
            keys.Add(g);
            for (int i = 0; i < g.Members.Count; i++)
            {
                double w = builder.EdgeWeight(g, i);
                if (w <= 0) continue;
                if (!accountNode.TryGetValue(g.Members[i], out var a))
                {
                    a = accounts.Count;
                    accounts.Add(g.Members[i]);
                    accountNode.Add(g.Members[i], a);
                }
                edges.Add((a, k, w, i));
            }
        }
        Groups = groups;
        AccountCount = accounts.Count;
        Accounts = accounts;
        _accountNode = accountNode;
        Keys = keys;
        int n = accounts.Count + keys.Count;
        // each node's list allocated (or taken from the pool) at its final size: no regrowing
        var degree = new int[n];
        foreach (var (a, k, _, _) in edges) { degree[a]++; degree[AccountCount + k]++; }
        var adj = new List<(int Node, double W)>[n];
        for (int i = 0; i < n; i++) adj[i] = pool?.Adjacency(i, degree[i]) ?? new List<(int, double)>(degree[i]);
        var slots = new List<int>[AccountCount];
        for (int i = 0; i < AccountCount; i++) slots[i] = pool?.Slots(i, degree[i]) ?? new List<int>(degree[i]);
        foreach (var (a, k, w, slot) in edges)
        {
            adj[a].Add((AccountCount + k, w));
            slots[a].Add(slot);
            adj[AccountCount + k].Add((a, w));
        }
        Adjacency = adj;
        Slots = slots;
        EdgeCount = edges.Count;
    }

    private readonly Dictionary<int, int> _accountNode;

    /// <summary>Every key group the graph was built from, those too light to carry edges included (a harness value most of
    /// whose holders are one operation's, common enough in the log to weigh little as a link).</summary>
    public IReadOnlyList<KeyGroup> Groups { get; }

    /// <summary>
    /// The lists a graph is made of, kept for the next graph (<see cref="Analysis.AnalysisEngine.Snapshot"/>): each
    /// re-assembly builds a graph of about the same shape, and its adjacency lists were most of what it allocated.
    /// A graph built with a pool is valid until the next graph is built with it.
    /// </summary>
    public sealed class ListPool
    {
        private readonly List<List<(int Node, double W)>> _adjacency = new();
        private readonly List<List<int>> _slots = new();
        private readonly List<(int A, int K, double W, int Slot)> _edges = new();
        private readonly Dictionary<int, int> _accountNode = new();

        internal Dictionary<int, int> AccountNode(int capacity)
        {
            _accountNode.Clear();
            _accountNode.EnsureCapacity(capacity);
            return _accountNode;
        }

        internal List<(int A, int K, double W, int Slot)> Edges()
        {
            _edges.Clear();
            return _edges;
        }

        internal List<(int Node, double W)> Adjacency(int node, int capacity) => Take(_adjacency, node, capacity);

        internal List<int> Slots(int node, int capacity) => Take(_slots, node, capacity);

        private static List<T> Take<T>(List<List<T>> pool, int i, int capacity)
        {
            while (pool.Count <= i) pool.Add(new List<T>());
            var list = pool[i];
            list.Clear();
            list.EnsureCapacity(capacity);
            return list;
        }
    }

    /// <summary>The node of the account with profile index <paramref name="account"/>, or -1 when it has no edge.</summary>
    public int NodeOf(int account) => _accountNode.TryGetValue(account, out var a) ? a : -1;

    public int AccountCount { get; }
    /// <summary>Profile index of each account node.</summary>
    public IReadOnlyList<int> Accounts { get; }
    public IReadOnlyList<KeyGroup> Keys { get; }
    public IReadOnlyList<List<(int Node, double W)>> Adjacency { get; }
    /// <summary>For each account node, parallel to its adjacency: the account's position in that key group's members.</summary>
    public IReadOnlyList<List<int>> Slots { get; }
    public int NodeCount => Adjacency.Count;
    public int EdgeCount { get; }
    public bool IsAccount(int node) => node < AccountCount;
    public KeyGroup Key(int node) => Keys[node - AccountCount];

    /// <summary>Connected components, each a sorted list of node ids, in order of their smallest node.</summary>
    public List<List<int>> Components()
    {
        var seen = new bool[NodeCount];
        var result = new List<List<int>>();
        var stack = new Stack<int>();
        for (int s = 0; s < NodeCount; s++)
        {
            if (seen[s]) continue;
            var comp = new List<int>();
            seen[s] = true;
            stack.Push(s);
            while (stack.Count > 0)
            {
                int x = stack.Pop();
                comp.Add(x);
                foreach (var (y, _) in Adjacency[x]) if (!seen[y]) { seen[y] = true; stack.Push(y); }
            }
            comp.Sort();
            result.Add(comp);
        }
        return result;
    }
}
