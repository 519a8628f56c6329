namespace DistillGuard.Core.Campaigns;

/// <summary>
/// The (pair, weight) list <see cref="CampaignAssembler"/> splits a campaign with, kept per thread between calls: a
/// large campaign makes millions of entries, and a list grown afresh for each split (and each re-assembly, every
/// simulated hour in streaming) put tens of MB a time on the large-object heap, each time a full collection sooner.
/// The list is cleared, never shrunk; one caller at a time per thread (rented, then returned before any recursion).
/// </summary>
internal static class PairBuffer
{
    [ThreadStatic] private static List<(long Pair, double W)>? t_free;

    public static List<(long Pair, double W)> Rent()
    {
        var list = t_free ?? new List<(long Pair, double W)>();
        t_free = null;
        list.Clear();
        return list;
    }

    public static void Return(List<(long Pair, double W)> list)
    {
        list.Clear();
        t_free = list;
    }
}
