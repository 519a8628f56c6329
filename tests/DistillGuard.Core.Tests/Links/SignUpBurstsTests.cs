using DistillGuard.Core.Accounts;
using DistillGuard.Core.Links;
using DistillGuard.Core.Model;
using DistillGuard.Core.Profiles;

using static DistillGuard.Core.Tests.Links.LinkGraphs;

namespace DistillGuard.Core.Tests.Links;

public sealed class SignUpBurstsTests
{
    private static readonly long Day = DateTimeOffset.Parse("2026-10-07T00:00:00Z").ToUnixTimeMilliseconds();
    private const long Window = 6 * Hour;

    [Fact]
    public void Keys_TwoBatchesHoursApartInOneWindow_AreTwoBursts()
    {
        var r = new Random(3);
        var created = new List<long?>();
        for (int i = 0; i < 40; i++) created.Add(Day + 18 * Hour + i * 2 * Minute + r.Next(60_000));        // 18:00 – 19:20
        for (int i = 0; i < 25; i++) created.Add(Day + 22 * Hour + 40 * Minute + i * Minute + r.Next(30_000)); // 22:40 – 23:05
        var keys = SignUpBursts.Keys(created, Window);
        Assert.Single(keys.Take(40).Distinct());
        Assert.Single(keys.Skip(40).Distinct());
        Assert.NotEqual(keys[0], keys[40]);
        Assert.Equal(created.Take(40).Min(), keys[0]!.Value.First);
        Assert.Equal(created.Take(40).Max(), keys[0]!.Value.Last);
    }

    [Fact]
    public void Keys_EvenSignUpsAndFewSignUps_StayOneKeyPerWindow()
    {
        var r = new Random(4);
        var even = new List<long?>();
        for (int i = 0; i < 36; i++) even.Add(Day + i * 10 * Minute + r.Next(300_000));   // one every ten minutes, 00:00 – 06:00
        var keys = SignUpBursts.Keys(even, Window);
        Assert.Single(keys.Where(k => k is not null && k.Value.First < Day + Window).Distinct());

        // three sign-ups hours apart: nothing to tell apart, one key as before
        var few = new List<long?> { Day + Hour, Day + 2 * Hour, Day + 5 * Hour + 50 * Minute };
        Assert.Single(SignUpBursts.Keys(few, Window).Distinct());
    }

    /// <summary>Red team adaptive 24's evening: a course's batch, one account of another operation an hour later, and a
    /// hydra's batch two hours after that. The lone account is on no one's burst: left on the course's key it tied 70
    /// students to its operation.</summary>
    [Fact]
    public void Keys_ALoneSignUpAnHourAfterABatch_IsNotPartOfIt()
    {
        var created = new List<long?>();
        for (int i = 0; i < 70; i++) created.Add(Day + 18 * Hour + i * 90_000L);            // 18:00 – 19:43
        created.Add(Day + 20 * Hour + 57 * Minute);                                            // 20:57
        for (int i = 0; i < 29; i++) created.Add(Day + 22 * Hour + 44 * Minute + i * 90_000L); // 22:44 – 23:26
        var keys = SignUpBursts.Keys(created, Window);
        Assert.Single(keys.Take(70).Distinct());
        Assert.Single(keys.Skip(71).Distinct());
        Assert.Equal(3, keys.Distinct().Count());
        Assert.Equal((created[70]!.Value, created[70]!.Value), keys[70]);
    }

    [Fact]
    public void Keys_NoSignUpTimeOrOtherWindow_AreKeptApart()
    {
        var keys = SignUpBursts.Keys([Day + Hour, null, Day + Window + Hour, Day + Hour + Minute], Window);
        Assert.Null(keys[1]);
        Assert.Equal(keys[0], keys[3]);
        Assert.NotEqual(keys[0], keys[2]);
    }

    private static IReadOnlyList<KeyGroup> Groups(List<AccountProfile> profiles, ProfileContext ctx, List<AccountRecord?> records, KeyGroupPool? pool = null)
        => LinkGraphs.Builder(profiles, ctx, records, pool).Build();

    /// <summary>In a stream the log is assembled again and again with pooled groups (a group's text is formatted once per
    /// key): a batch that grows at its end names its new last sign-up, not the one it had when first seen.</summary>
    [Fact]
    public void Build_ABatchThatGrowsBetweenReassemblies_NamesItsNewEnd()
    {
        var pool = new KeyGroupPool();
        string BurstOf(int accounts)
        {
            var ctx = new ProfileContext();
            var profiles = new List<AccountProfile>();
            var records = new List<AccountRecord?>();
            var f = new ExchangeFeatures { UserAgent = "python-requests/2.32", Ip = "198.51.100.7", Signals = SignalSet.CotElicitation };
            for (int i = 0; i < accounts; i++)
            {
                var p = new AccountProfile(i, $"op_{i:00}");
                profiles.Add(p);
                records.Add(new AccountRecord { Account = p.Account, CreatedMs = Day + 18 * Hour + i * 2 * Minute, Tier = "free" });
                f.Account = p.Account; f.Id = $"x_{i}"; f.TimestampMs = Day + 86_400_000L + i * Minute;
                p.Add(f, ctx);
            }
            pool.Begin();
            return Groups(profiles, ctx, records, pool).Single(g => g.Kind == LinkKind.CreationBurst).Value;
        }
        Assert.Equal("created 2026-10-07 18:00–18:38Z", BurstOf(20));
        Assert.Equal("created 2026-10-07 18:00–18:58Z", BurstOf(30));
    }

    /// <summary>
    /// A course's students sign up one afternoon on a campus address and do their coursework (some of it grading and
    /// step-by-step answers); an operation registers a batch of free accounts that evening and harvests from hosting
    /// addresses of its own. The window of hours they share is no link between them: each batch is its own burst.
    /// </summary>
    [Fact]
    public void Build_ACourseAndAnOperationSigningUpTheSameDay_ShareNoBurstKey()
    {
        var ctx = new ProfileContext();
        var profiles = new List<AccountProfile>();
        var records = new List<AccountRecord?>();
        var r = new Random(11);
        var f = new ExchangeFeatures { UserAgent = "python-requests/2.32" };
        void Account(string id, long created, bool operation)
        {
            var p = new AccountProfile(profiles.Count, id);
            profiles.Add(p);
            records.Add(new AccountRecord { Account = id, CreatedMs = created, Tier = operation ? "free" : "edu", EmailDomain = operation ? "mailbox.example" : "campus.example.edu" });
            for (int i = 0; i < 30; i++)
            {
                f.Account = id;
                f.Id = $"{id}_{i}";
                f.TimestampMs = Day + 86_400_000L + r.NextInt64(5 * 86_400_000L);
                f.Ip = operation ? $"198.51.100.{r.Next(1, 40)}" : "192.0.2.10";
                f.Signals = operation || i % 4 == 0 ? SignalSet.RubricGrading | SignalSet.CotElicitation : SignalSet.None;
                f.TemplateFingerprint = (ulong)r.NextInt64();
                p.Add(f, ctx);
            }
        }
        for (int i = 0; i < 40; i++) Account($"student_{i:00}", Day + 18 * Hour + i * 2 * Minute + r.Next(60_000), operation: false);
        for (int i = 0; i < 25; i++) Account($"op_{i:00}", Day + 22 * Hour + 40 * Minute + i * Minute + r.Next(30_000), operation: true);

        var bursts = Groups(profiles, ctx, records).Where(g => g.Kind == LinkKind.CreationBurst).ToList();
        Assert.Equal(2, bursts.Count);
        foreach (var g in bursts)
        {
            var names = g.Members.Select(m => profiles[m].Account).ToList();
            Assert.True(names.All(n => n.StartsWith("student_")) || names.All(n => n.StartsWith("op_")), string.Join(", ", names));
        }
        Assert.Contains(bursts, g => g.Value.StartsWith("created 2026-10-07 18:0", StringComparison.Ordinal) && g.Value.Contains("–19:", StringComparison.Ordinal));
        Assert.Contains(bursts, g => g.Value.StartsWith("created 2026-10-07 22:4", StringComparison.Ordinal));
    }
}
