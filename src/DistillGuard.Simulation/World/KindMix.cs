using DistillGuard.Simulation.Common;
using DistillGuard.Simulation.Content;

namespace DistillGuard.Simulation.World;

/// <summary>A weighted choice of content kinds.</summary>
public sealed class KindMix
{
    private readonly ContentKind[] _kinds;
    private readonly double[] _cumulative;

    public KindMix(params (ContentKind Kind, double Weight)[] items)
    {
        _kinds = items.Select(i => i.Kind).ToArray();
        _cumulative = new double[items.Length];
        double sum = 0;
        for (int i = 0; i < items.Length; i++) { sum += items[i].Weight; _cumulative[i] = sum; }
        for (int i = 0; i < items.Length; i++) _cumulative[i] /= sum;
    }

    public IReadOnlyList<ContentKind> Kinds => _kinds;

    /// <summary>This mix scaled to the room the <paramref name="shares"/> leave, plus those kinds at their shares (of all traffic).</summary>
    public KindMix WithShares(IEnumerable<(ContentKind Kind, double Share)> shares)
    {
        var extra = shares.ToList();
        double room = Math.Max(0, 1 - extra.Sum(e => e.Share));
        var items = new List<(ContentKind, double)>();
        double prev = 0;
        for (int i = 0; i < _kinds.Length; i++) { items.Add((_kinds[i], (_cumulative[i] - prev) * room)); prev = _cumulative[i]; }
        items.AddRange(extra);
        return new KindMix([.. items]);
    }

    public ContentKind Pick(ref SimRandom rng)
    {
        double x = rng.NextDouble();
        for (int i = 0; i < _cumulative.Length; i++) if (x < _cumulative[i]) return _kinds[i];
        return _kinds[^1];
    }

    /// <summary>Ordinary traffic relayed for end users (transfer stations, dilution, relay apps).</summary>
    public static readonly KindMix Relayed = new(
        (ContentKind.GeneralChat, 4), (ContentKind.Support, 2), (ContentKind.Writing, 2), (ContentKind.Translation, 1.5),
        (ContentKind.Summarization, 1.5), (ContentKind.Coding, 2), (ContentKind.Homework, 1));

    /// <summary>Harvest kinds: what counts as harvest in tests and summaries.</summary>
    public static bool IsHarvest(ContentKind k) => k >= ContentKind.CotElicitation && k <= ContentKind.ReasoningReplay;
}
