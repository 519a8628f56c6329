using System.Numerics;

namespace DistillGuard.Core.Links;

/// <summary>
/// Groups template SimHashes whose instances differ by a few bits. Leader clustering, so clusters cannot chain:
/// fingerprints are taken by descending weight (then value); each joins the nearest existing leader within the
/// distance, else becomes a leader. Candidate leaders come from LSH tables: for distances ≤ 7, d+1 bands
/// (two fingerprints within d bits share a band, by pigeonhole: exact); for larger distances, 32 tables that each
/// sample 14 fixed bit positions (a fingerprint 10 bits from a leader finds it with probability ≈ 0.96; after
/// re-centring, instances sit about half the template's spread from the centre). A fingerprint joins the heaviest
/// leader within the distance, not merely the nearest, so small fragments cannot hold on to their members.
/// </summary>
public static class TemplateClusterer
{
    private const int Tables = 32, SampleBits = 14;
    private static readonly int[][] Samples = BuildSamples();

    private static int[][] BuildSamples()
    {
        var r = new Random(20260201);
        return Enumerable.Range(0, Tables).Select(_ => Enumerable.Range(0, 64).OrderBy(_ => r.Next()).Take(SampleBits).ToArray()).ToArray();
    }

    /// <summary>Maps every fingerprint to its cluster's leader.</summary>
    public static Dictionary<ulong, ulong> Cluster(IEnumerable<ulong> fingerprints, int maxDistance)
        => Cluster(fingerprints.GroupBy(f => f).Select(g => (g.Key, (long)g.Count())), maxDistance);

    /// <summary>Maps every fingerprint to its cluster's key; heavier fingerprints lead, then each cluster is re-centred
    /// on its bitwise (weighted) majority and reassigned, twice, so one template's instances gather round its skeleton.</summary>
    public static Dictionary<ulong, ulong> Cluster(IEnumerable<(ulong Fingerprint, long Weight)> weighted, int maxDistance)
    {
        // distinct fingerprints with their summed weights, heaviest first (then by value: a total order)
        var sum = new Dictionary<ulong, long>();
        foreach (var (fp, w) in weighted)
        {
            ref long at = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(sum, fp, out _);
            at += w;
        }
        var items = new (ulong Fp, long W)[sum.Count];
        int n = 0;
        foreach (var (fp, w) in sum) items[n++] = (fp, w);
        Array.Sort(items, static (x, y) => x.W != y.W ? y.W.CompareTo(x.W) : x.Fp.CompareTo(y.Fp));
        // the items' sampled keys, computed once for the three passes
        int[]? keys = maxDistance <= 7 ? null : ItemKeys(items);
        var assign = LeaderPass(items, keys, Array.Empty<ulong>(), maxDistance);
        for (int iter = 0; iter < 2; iter++)
            assign = LeaderPass(items, keys, Centroids(items, assign), maxDistance);
        var result = new Dictionary<ulong, ulong>(items.Length);
        for (int i = 0; i < items.Length; i++) result[items[i].Fp] = assign[i];
        return result;
    }

    /// <summary>Each cluster's bitwise weighted majority, heaviest cluster first (then by value), without repeats:
    /// the seeds of the next pass.</summary>
    private static ulong[] Centroids((ulong Fp, long W)[] items, ulong[] assign)
    {
        // clusters in order of their first item, as grouping the items by leader would list them
        var cluster = new Dictionary<ulong, int>();
        var first = new List<int>();
        var of = new int[items.Length];
        for (int i = 0; i < items.Length; i++)
        {
            if (!cluster.TryGetValue(assign[i], out int c)) { c = first.Count; cluster.Add(assign[i], c); first.Add(i); }
            of[i] = c;
        }
        // per-thread buffers, cleared: a pass's arrays are large and the same size every re-assembly
        var votes = Rent(ref t_votes, first.Count * 64);
        var total = Rent(ref t_total, first.Count);
        for (int i = 0; i < items.Length; i++)
        {
            var (fp, w) = items[i];
            int c = of[i];
            total[c] += w;
            var v = votes.Slice(c * 64, 64);
            for (int b = 0; b < 64; b++) if (((fp >> b) & 1) != 0) v[b] += w;
        }
        var centroids = new (ulong C, long W)[first.Count];
        for (int c = 0; c < centroids.Length; c++)
        {
            ulong m = 0;
            var v = votes.Slice(c * 64, 64);
            for (int b = 0; b < 64; b++) if (2 * v[b] > total[c]) m |= 1UL << b;
            centroids[c] = (m, total[c]);
        }
        Array.Sort(centroids, static (x, y) => x.W != y.W ? y.W.CompareTo(x.W) : x.C.CompareTo(y.C));
        var seen = new HashSet<ulong>();
        var seeds = new List<ulong>(centroids.Length);
        foreach (var (c, _) in centroids) if (seen.Add(c)) seeds.Add(c);
        return seeds.ToArray();
    }

    [ThreadStatic] private static long[]? t_votes, t_total;

    /// <summary>A zeroed span of <paramref name="length"/> over this thread's buffer (grown when too small).</summary>
    private static Span<long> Rent(ref long[]? buffer, int length)
    {
        if (buffer is null || buffer.Length < length) buffer = new long[Math.Max(length, (buffer?.Length ?? 0) * 2)];
        var span = buffer.AsSpan(0, length);
        span.Clear();
        return span;
    }

    private static int[] ItemKeys((ulong Fp, long W)[] items)
    {
        var keys = new int[items.Length * Tables];
        for (int i = 0; i < items.Length; i++)
            for (int t = 0; t < Tables; t++) keys[i * Tables + t] = (t << SampleBits) | SampleKey(items[i].Fp, ByteKeys[t]);
        return keys;
    }

    /// <summary>Bucket chains of the sampled tables (<see cref="Tables"/> × 2^<see cref="SampleBits"/> heads and tails, −1 =
    /// empty) and the node pool, kept per thread between passes: streaming re-assembles every simulated hour, and
    /// allocating and filling 4 MB of tables for each of a re-assembly's six passes was most of the clusterer's cost.
    /// Only the buckets a pass touched are reset.</summary>
    private sealed class Scratch
    {
        public readonly int[] Heads = NewEmpty(), Tails = NewEmpty();
        public readonly List<int> Touched = new();
        public ulong[] Leader = new ulong[1024];
        public int[] Next = new int[1024], Rank = new int[1024];

        private static int[] NewEmpty()
        {
            var a = new int[Tables << SampleBits];
            Array.Fill(a, -1);
            return a;
        }

        public void Reset()
        {
            foreach (var b in Touched) { Heads[b] = -1; Tails[b] = -1; }
            Touched.Clear();
        }
    }

    [ThreadStatic] private static Scratch? t_scratch;

    /// <summary>One leader pass: each item (heaviest first) joins the heaviest-ranked leader within the distance that
    /// shares a sampled key with it (seeds rank first, then leaders in the order they arose), else leads. Returns each
    /// item's leader, by item position.</summary>
    private static ulong[] LeaderPass((ulong Fp, long W)[] items, int[]? itemKeys, ulong[] seeds, int maxDistance)
    {
        if (maxDistance <= 7) return BandPass(items, seeds, maxDistance);
        var result = new ulong[items.Length];
        if (items.Length == 0) return result;
        var sc = t_scratch ??= new Scratch();
        var heads = sc.Heads;
        var tails = sc.Tails;
        int nodes = 0, rank = 0;
        Span<int> keys = stackalloc int[Tables];
        void Insert(ulong leader, ReadOnlySpan<int> leaderKeys)
        {
            if (nodes + Tables > sc.Leader.Length)
            {
                int size = Math.Max(sc.Leader.Length * 2, nodes + Tables);
                Array.Resize(ref sc.Leader, size);
                Array.Resize(ref sc.Next, size);
                Array.Resize(ref sc.Rank, size);
            }
            for (int t = 0; t < Tables; t++)
            {
                int b = leaderKeys[t];
                int node = nodes++;
                sc.Leader[node] = leader;
                sc.Rank[node] = rank;
                sc.Next[node] = -1;
                int tail = tails[b];
                if (tail >= 0) sc.Next[tail] = node;
                else { heads[b] = node; sc.Touched.Add(b); }
                tails[b] = node;
            }
            rank++;
        }
        try
        {
            var seen = new HashSet<ulong>();
            foreach (var s in seeds)
                if (seen.Add(s))
                {
                    for (int t = 0; t < Tables; t++) keys[t] = (t << SampleBits) | SampleKey(s, ByteKeys[t]);
                    Insert(s, keys);
                }
            for (int i = 0; i < items.Length; i++)
            {
                ulong fp = items[i].Fp;
                var own = itemKeys.AsSpan(i * Tables, Tables);
                ulong best = 0; int bestRank = int.MaxValue; bool found = false;
                for (int t = 0; t < Tables; t++)
                    for (int n = heads[own[t]]; n >= 0; n = sc.Next[n])
                    {
                        if (sc.Rank[n] >= bestRank) break;
                        ulong l = sc.Leader[n];
                        if (BitOperations.PopCount(l ^ fp) <= maxDistance) { bestRank = sc.Rank[n]; best = l; found = true; break; }
                    }
                if (found) { result[i] = best; continue; }
                result[i] = fp;
                if (seen.Add(fp)) Insert(fp, own);
            }
        }
        finally { sc.Reset(); }
        return result;
    }

    /// <summary><see cref="LeaderPass"/> for distances ≤ 7: d+1 exact bands.</summary>
    private static ulong[] BandPass((ulong Fp, long W)[] items, ulong[] seeds, int maxDistance)
    {
        var result = new ulong[items.Length];
        int tables = maxDistance + 1;
        int bandBits = 64 / tables;
        // Buckets as linked lists in one node pool, appended at the tail so each chain runs from the heaviest (lowest
        // rank) leader to the lightest: a probe stops at its first leader within the distance, or at a rank no better
        // than the best found, instead of walking whole chains.
        var bandEnds = Enumerable.Range(0, tables).Select(_ => new Dictionary<ulong, (int Head, int Tail)>()).ToArray();
        var nodeLeader = new List<ulong>();
        var nodeNext = new List<int>();
        var nodeRank = new List<int>();
        int rank = 0;
        var keys = new ulong[tables];
        int Head(int t, ulong k) => bandEnds[t].TryGetValue(k, out var e) ? e.Head : -1;
        void Insert(ulong leader)
        {
            for (int t = 0; t < tables; t++)
            {
                ulong k = Band(leader, t, bandBits, tables);
                int node = nodeLeader.Count;
                nodeLeader.Add(leader);
                nodeRank.Add(rank);
                nodeNext.Add(-1);
                if (bandEnds[t].TryGetValue(k, out var e)) { nodeNext[e.Tail] = node; bandEnds[t][k] = (e.Head, node); }
                else bandEnds[t][k] = (node, node);
            }
            rank++;
        }
        var seen = new HashSet<ulong>();
        foreach (var s in seeds) if (seen.Add(s)) Insert(s);
        for (int i = 0; i < items.Length; i++)
        {
            ulong fp = items[i].Fp;
            for (int t = 0; t < tables; t++) keys[t] = Band(fp, t, bandBits, tables);
            ulong best = 0; int bestRank = int.MaxValue; bool found = false;
            for (int t = 0; t < tables; t++)
                for (int n = Head(t, keys[t]); n >= 0; n = nodeNext[n])
                {
                    if (nodeRank[n] >= bestRank) break;
                    ulong l = nodeLeader[n];
                    if (BitOperations.PopCount(l ^ fp) <= maxDistance) { bestRank = nodeRank[n]; best = l; found = true; break; }
                }
            if (found) { result[i] = best; continue; }
            result[i] = fp;
            if (seen.Add(fp)) Insert(fp);
        }
        return result;
    }

    private static ulong Band(ulong fp, int t, int bits, int tables)
    {
        int shift = t * bits;
        int width = t == tables - 1 ? 64 - shift : bits;
        ulong mask = width >= 64 ? ulong.MaxValue : (1UL << width) - 1;
        return ((fp >> shift) & mask) | ((ulong)t << 58);
    }

    /// <summary>Per table, each byte value's share of the sampled key at each of the fingerprint's 8 byte positions: a
    /// key is 8 lookups OR-ed together, the same value <see cref="Sample"/> computes bit by bit.</summary>
    private static readonly ushort[][] ByteKeys = BuildByteKeys();

    private static ushort[][] BuildByteKeys()
    {
        var keys = new ushort[Tables][];
        for (int t = 0; t < Tables; t++)
        {
            keys[t] = new ushort[8 * 256];
            for (int b = 0; b < 8; b++)
                for (int v = 0; v < 256; v++)
                    keys[t][b * 256 + v] = (ushort)Sample((ulong)v << (8 * b), Samples[t]);
        }
        return keys;
    }

    private static int SampleKey(ulong fp, ushort[] k)
        => k[(int)(fp & 0xFF)] | k[256 + (int)((fp >> 8) & 0xFF)] | k[512 + (int)((fp >> 16) & 0xFF)] | k[768 + (int)((fp >> 24) & 0xFF)]
         | k[1024 + (int)((fp >> 32) & 0xFF)] | k[1280 + (int)((fp >> 40) & 0xFF)] | k[1536 + (int)((fp >> 48) & 0xFF)] | k[1792 + (int)(fp >> 56)];

    private static ulong Sample(ulong fp, int[] positions)
    {
        ulong k = 0;
        foreach (var p in positions) k = (k << 1) | ((fp >> p) & 1);
        return k;
    }
}
