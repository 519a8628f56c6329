using DistillGuard.Core.Accounts;
using DistillGuard.Core.Analysis;
using DistillGuard.Core.Links;
using DistillGuard.Core.Model;
using DistillGuard.Core.Profiles;
using DistillGuard.Core.Scoring;

namespace DistillGuard.Core.Tests.Links;

public sealed class KeyGroupTests
{
    private static (List<AccountProfile> Profiles, ProfileContext Ctx) Build(Action<Action<ExchangeFeatures>> feed)
    {
        var ctx = new ProfileContext();
        var byId = new Dictionary<string, AccountProfile>();
        var list = new List<AccountProfile>();
        feed(f =>
        {
            if (!byId.TryGetValue(f.Account, out var p)) { p = new AccountProfile(list.Count, f.Account); byId[f.Account] = p; list.Add(p); }
            p.Add(f, ctx);
        });
        return (list, ctx);
    }

    private static KeyGroupBuilder Builder(List<AccountProfile> profiles, ProfileContext ctx, IReadOnlyList<AccountRecord?>? records = null) => new(new LinkGraphInputs
    {
        Profiles = profiles, Context = ctx, Records = records ?? new AccountRecord?[profiles.Count], Allowlisted = new bool[profiles.Count],
        Harvest = profiles.Select(HarvestStrength.Of).ToArray(), Replays = Array.Empty<ReplayEdge>(), IpIntel = IpIntel.Empty, Options = DetectorOptions.Default,
    });

    /// <summary>Five harvesting accounts share one rare address and the popular SDK 120 ordinary users also use.</summary>
    private static void Feed(Action<ExchangeFeatures> add)
    {
        var r = new Random(5);
        var f = new ExchangeFeatures { UserAgent = "popular-sdk/1.0" };
        for (int a = 0; a < 125; a++)
        {
            bool harvester = a < 5;
            for (int i = 0; i < 60; i++)
            {
                f.Account = $"acct_{a:000}";
                f.Id = $"ex_{a}_{i}";
                f.TimestampMs = 1_770_000_000_000 + r.NextInt64(7 * 86_400_000L);
                f.Ip = harvester ? "203.0.113.5" : $"100.64.{a}.{r.Next(1, 250)}";
                f.Signals = harvester ? SignalSet.CotElicitation | SignalSet.AnswerToReasoning : (i % 30 == 0 ? SignalSet.CotElicitation : SignalSet.None);
                f.TemplateFingerprint = (ulong)r.NextInt64();
                add(f);
            }
        }
    }

    [Fact]
    public void Build_RareSharedAddressAmongHarvesters_OutweighsAPopularSdk()
    {
        var (profiles, ctx) = Build(Feed);
        var groups = Builder(profiles, ctx).Build();
        var ip = groups.Single(g => g.Kind == LinkKind.Ip && g.Value == "203.0.113.5");
        var ua = groups.Single(g => g.Kind == LinkKind.UserAgent);
        Assert.Equal(5, ip.Members.Count);
        Assert.Equal(125, ua.Members.Count);
        Assert.True(ip.Rarity > ua.Rarity);
        Assert.True(ip.Weight > 5 * ua.Weight, $"ip {ip.Weight:0.000} vs user agent {ua.Weight:0.000}");
        Assert.True(ua.Weight < DetectorOptions.Default.MinKeyWeight, $"popular SDK weight {ua.Weight:0.000} should carry no link");
    }

    [Fact]
    public void Build_SharedValueWithoutHarvestBehaviour_CarriesNoLink()
    {
        // A corporate card: 15 accounts on one payment instrument, ordinary traffic.
        var records = new List<AccountRecord?>();
        var (profiles, ctx) = Build(add =>
        {
            var f = new ExchangeFeatures();
            for (int a = 0; a < 15; a++)
                for (int i = 0; i < 40; i++)
                {
                    f.Account = $"emp_{a:00}"; f.Id = $"ex_{a}_{i}"; f.TimestampMs = 1_770_000_000_000 + (a * 40 + i) * 600_000L;
                    f.TemplateFingerprint = (ulong)(a * 1000 + i + 1); f.Signals = SignalSet.None;
                    add(f);
                }
        });
        foreach (var p in profiles) records.Add(new AccountRecord { Account = p.Account, PaymentFingerprint = "pf_corp", Tier = "enterprise", Verified = true });
        var groups = Builder(profiles, ctx, records).Build();
        var card = groups.Single(g => g.Kind == LinkKind.Payment);
        Assert.Equal(15, card.Members.Count);
        Assert.Equal(0, card.Weight);
    }

    [Fact]
    public void TemplateClusterer_InstancesWithinSixteenBits_FormOneClusterWithoutStrangers()
    {
        var r = new Random(4);
        ulong skeleton = (ulong)r.NextInt64();
        var instances = Enumerable.Range(0, 200).Select(_ =>
        {
            ulong f = skeleton;
            for (int i = 0; i < 8; i++) f ^= 1UL << r.Next(64);
            return f;
        }).ToList();
        var strangers = Enumerable.Range(0, 2000).Select(_ => (ulong)r.NextInt64()).ToList();
        var c = TemplateClusterer.Cluster(instances.Concat(strangers).ToList(), 16);
        var biggest = instances.GroupBy(i => c[i]).OrderByDescending(g => g.Count()).First();
        Assert.True(biggest.Count() >= 190, $"{biggest.Count()} of 200 instances in the main cluster");
        Assert.DoesNotContain(strangers, s => c[s] == biggest.Key);
    }

    [Fact]
    public void TemplateClusterer_NearFingerprints_ShareAClusterAndFarOnesDoNot()
    {
        ulong a = 0xF0F0_1234_5678_9ABC;
        var fps = new ulong[] { a, a ^ 1, a ^ (1UL << 40) ^ (1UL << 3), a ^ 0xFFFF_0000_0000_0000, 0x0123_4567_89AB_CDEF };
        var c = TemplateClusterer.Cluster(fps, 3);
        Assert.Equal(c[a], c[a ^ 1]);
        Assert.Equal(c[a], c[a ^ (1UL << 40) ^ (1UL << 3)]);
        Assert.NotEqual(c[a], c[a ^ 0xFFFF_0000_0000_0000]);
        Assert.NotEqual(c[a], c[0x0123_4567_89AB_CDEF]);
    }

    [Fact]
    public void TemplateClusterer_ReusedScratch_GivesWhatAFreshThreadGives()
    {
        // The sampled tables are kept per thread between calls (streaming clusters every simulated hour): a call after
        // others on the same thread must answer exactly as the first call on a fresh thread.
        var r = new Random(11);
        List<(ulong, long)> Input(int templates, int spread)
        {
            var list = new List<(ulong, long)>();
            for (int t = 0; t < templates; t++)
            {
                ulong centre = (ulong)r.NextInt64();
                for (int i = 0; i < 20; i++)
                {
                    ulong f = centre;
                    for (int b = 0; b < spread; b++) f ^= 1UL << r.Next(64);
                    list.Add((f, 1 + r.Next(50)));
                }
            }
            return list;
        }
        var a = Input(300, 6);
        var b = Input(50, 9);
        Dictionary<ulong, ulong> Fresh(List<(ulong, long)> input)
        {
            Dictionary<ulong, ulong>? result = null;
            var t = new Thread(() => result = TemplateClusterer.Cluster(input, 16));
            t.Start();
            t.Join();
            return result!;
        }
        var freshA = Fresh(a);
        var freshB = Fresh(b);
        var sameThread = new[] { TemplateClusterer.Cluster(a, 16), TemplateClusterer.Cluster(b, 16), TemplateClusterer.Cluster(new List<(ulong, long)>(), 16), TemplateClusterer.Cluster(a, 16) };
        Assert.Equal(freshA.OrderBy(kv => kv.Key), sameThread[0].OrderBy(kv => kv.Key));
        Assert.Equal(freshB.OrderBy(kv => kv.Key), sameThread[1].OrderBy(kv => kv.Key));
        Assert.Empty(sameThread[2]);
        Assert.Equal(freshA.OrderBy(kv => kv.Key), sameThread[3].OrderBy(kv => kv.Key));
        Assert.True(freshA.Values.Distinct().Count() < freshA.Count / 5, "instances gather into clusters");
    }

    /// <summary>
    /// An operation (12 fresh accounts on two cards and one mail domain, one parameter vector) and a reseller's customers:
    /// 4 of them sign up on the operation's mail domain (a small regional provider), each relayed from one of the
    /// reseller's four exits, which 16 other customers and one of the operation's accounts also use; 320 others around
    /// them. The domain brings the 4 into the operation's identity cluster.
    /// </summary>
    private static (KeyGroupBuilder Builder, List<AccountProfile> Profiles) Reseller()
    {
        var records = new List<AccountRecord?>();
        var r = new Random(3);
        long start = 1_770_000_000_000;
        var (profiles, ctx) = Build(add =>
        {
            var f = new ExchangeFeatures();
            void Account(string id, string card, string domain, string tier, Func<int, string> ip, int maxTokens, double temperature)
            {
                records.Add(new AccountRecord { Account = id, PaymentFingerprint = card, EmailDomain = domain, Tier = tier, CreatedMs = start - 400L * 86_400_000, Verified = false });
                for (int i = 0; i < 30; i++)
                {
                    f.Account = id; f.Id = $"{id}_{i}"; f.TimestampMs = start + r.NextInt64(7 * 86_400_000L); f.Ip = ip(i);
                    f.MaxTokens = maxTokens; f.Temperature = temperature; f.TemplateFingerprint = (ulong)r.NextInt64(); f.Signals = SignalSet.None;
                    add(f);
                }
            }
            for (int a = 0; a < 12; a++)
                Account($"op_{a:00}", $"pf_op{a % 2}", "post.example", "free", i => a < 4 && i % 2 == 0 ? $"100.80.0.{a + 1}" : $"198.51.100.{a + 1}", 8000, 0.3);
            for (int c = 0; c < 4; c++)
                Account($"dom_{c}", $"pf_dom{c}", "post.example", "paid", _ => $"100.80.0.{c + 1}", 1000 + 100 * c, 0.7);
            for (int c = 0; c < 64; c++)
                Account($"cust_{c:00}", $"pf_cust{c}", "gmail.com", "paid", _ => $"100.80.0.{c % 4 + 1}", 1000 + 10 * c, 0.7);
            for (int u = 0; u < 320; u++)
                Account($"user_{u:000}", $"pf_user{u}", u % 2 == 0 ? "gmail.com" : "outlook.com", "paid", _ => $"100.64.{u / 200}.{u % 200 + 1}", 2000 + u, 1.0);
        });
        var builder = Builder(profiles, ctx, records);
        builder.Build();
        return (builder, profiles);
    }

    [Fact]
    public void Build_CustomersOnAnOperationsMailDomainAndAResellersExits_CarryNoOperatorEvidence()
    {
        // Two kinds of identity at once make an account the operator's own: here the domain, and an exit the customer shares
        // with one of the operation's accounts — but the exit is the reseller's: 17 of its 18 holders send requests of their
        // own, not the operation's parameter vector (the blind red team's shadow 33: three of a reseller's customers flagged).
        var (builder, profiles) = Reseller();
        var evidence = profiles.ToDictionary(p => p.Account, p => builder.OperatorEvidence(p.Index));
        Assert.All(Enumerable.Range(0, 12), a => Assert.True(evidence[$"op_{a:00}"] > 0, $"op_{a:00} is the operation's"));
        Assert.All(Enumerable.Range(0, 4), c => Assert.True(evidence[$"dom_{c}"] == 0, $"dom_{c}: a customer on the domain and a reseller exit"));
        Assert.All(evidence.Where(kv => kv.Key.StartsWith("cust_") || kv.Key.StartsWith("user_")), kv => Assert.Equal(0, kv.Value));
    }
}
