using DistillGuard.Core.Accounts;
using DistillGuard.Core.Analysis;
using DistillGuard.Core.Links;
using DistillGuard.Core.Model;
using DistillGuard.Core.Profiles;
using DistillGuard.Core.Scoring;

namespace DistillGuard.Core.Tests.Links;

/// <summary>A <see cref="KeyGroupBuilder"/> over hand-made profiles and registry records, with the detector's defaults
/// (nobody allowlisted, no replays, no IP intelligence).</summary>
internal static class LinkGraphs
{
    /// <summary>Milliseconds in a minute, an hour and a day, and the start of the hand-made logs (their timestamps).</summary>
    public const long Minute = 60_000, Hour = 60 * Minute, DayMs = 24 * Hour;
    public static readonly long LogStart = DateTimeOffset.Parse("2026-10-07T00:00:00Z").ToUnixTimeMilliseconds();

    public static KeyGroupBuilder Builder(List<AccountProfile> profiles, ProfileContext ctx, List<AccountRecord?> records, KeyGroupPool? pool = null)
        => new(new LinkGraphInputs
        {
            Profiles = profiles, Context = ctx, Records = records, Allowlisted = new bool[profiles.Count],
            Harvest = profiles.Select(HarvestStrength.Of).ToArray(), Replays = Array.Empty<ReplayEdge>(), IpIntel = IpIntel.Empty,
            Options = DetectorOptions.Default, KeyGroupPool = pool,
        });
}
