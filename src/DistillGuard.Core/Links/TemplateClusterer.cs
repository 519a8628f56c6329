using System.Numerics;

namespace DistillGuard.Core.Links;

/// <summary>
/// Groups near-identical template SimHashes: LSH with 4 bands of 16 bits (two fingerprints within Hamming distance
/// ≤ 3 share a band by pigeonhole), candidates verified by exact distance, merged with union-find over fingerprints
/// (never over accounts). Returns the cluster representative (smallest fingerprint) of each input.
/// </summary>
public static class TemplateClusterer
{
    public static Dictionary<ulong, ulong> Cluster(IReadOnlyCollection<ulong> fingerprints, int maxDistance)
    {
        var fps = fingerprints.Distinct().Order().ToArray();
        var parent = new int[fps.Length];
        for (int i = 0; i < parent.Length; i++) parent[i] = i;
        int Find(int x) { while (parent[x] != x) { parent[x] = parent[parent[x]]; x = parent[x]; } return x; }
        void Union(int a, int b) { a = Find(a); b = Find(b); if (a != b) { if (a < b) parent[b] = a; else parent[a] = b; } }

        int bands = Math.Min(16, maxDistance + 1);
        int bandBits = 64 / bands;
        if (maxDistance > 0)
        {
            var order = new int[fps.Length];
            var bandKeys = new ulong[fps.Length];
            for (int b = 0; b < bands; b++)
            {
                int shift = b * bandBits;
                ulong mask = bandBits == 64 ? ulong.MaxValue : ((1UL << bandBits) - 1);
                for (int i = 0; i < fps.Length; i++) { order[i] = i; bandKeys[i] = (fps[i] >> shift) & mask; }
                Array.Sort(bandKeys.ToArray(), order);
                int start = 0;
                for (int i = 1; i <= order.Length; i++)
                {
                    if (i < order.Length && bandKeys[order[i]] == bandKeys[order[start]]) continue;
                    // bucket [start, i): verify pairs; very large buckets are compared within a sliding window
                    for (int x = start; x < i; x++)
                        for (int y = x + 1; y < i && y < x + 256; y++)
                            if (BitOperations.PopCount(fps[order[x]] ^ fps[order[y]]) <= maxDistance) Union(order[x], order[y]);
                    start = i;
                }
            }
        }
        var result = new Dictionary<ulong, ulong>(fps.Length);
        for (int i = 0; i < fps.Length; i++) result[fps[i]] = fps[Find(i)];
        return result;
    }
}
