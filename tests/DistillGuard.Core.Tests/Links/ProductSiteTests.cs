using DistillGuard.Core.Links;
using DistillGuard.Core.Model;
using DistillGuard.Core.Profiles;

using static DistillGuard.Core.Tests.Links.LinkGraphs;

namespace DistillGuard.Core.Tests.Links;

/// <summary>
/// An operation that rides an agent platform's system prompt, its accounts paced like people and each pinned to one proxy
/// at three sites of its own, is found on that prompt at its pinned sites (session 32). The platform's users send from
/// the platform's egress — here one address, so every user is "pinned" to it — and run the platform's tools, which only
/// they run. A site whose accounts run a harness value of their own that no other site of the pool runs is the product's,
/// not one of the operation's sites: its users are not taken (fresh random 14207 with the corpus: 94 platform users on one
/// egress address were flagged as the operation's third site).
/// </summary>
public sealed class ProductSiteTests
{
    private const ulong PlatformPrompt = 0x91A7_F0A1UL, PlatformTools = 0x7001_5E75UL;

    private static (KeyGroupBuilder Builder, List<AccountProfile> Profiles) Build()
    {
        var world = new World();
        var r = new Random(54);
        void Add(string account, int exchanges, string ip, ulong prompt, ulong tools, ExchangeFeatures f)
            => world.AddOnAPersonsDay(OwnRecord(account, r), exchanges, ip, prompt, tools, f, r);
        for (int c = 0; c < 700; c++)
            Add($"cust_{c:000}", 20, $"203.0.{c / 250}.{c % 250 + 1}", 0xC0570000UL + (ulong)c, 0,
                new ExchangeFeatures { UserAgent = "python-httpx/0.27", MaxTokens = 1024 + 512 * (c % 4), Temperature = 0.1 * (c % 10) });
        // the platform: 30 users on its one egress address, its prompt and its own tools
        for (int u = 0; u < 30; u++)
            Add($"user_{u:00}", 30, "192.0.2.50", PlatformPrompt, PlatformTools,
                new ExchangeFeatures { UserAgent = "platform-agent/3.1", MaxTokens = 2048 + 1024 * (u % 3), Temperature = 0.1 * (u % 5) });
        // the operation: 30 accounts on the platform's prompt and no tools, ten pinned to each of three proxies in networks
        // of its own
        for (int o = 0; o < 30; o++)
            Add($"op_{o:00}", 30, $"198.51.{100 + o % 3}.{10 + o % 3}", PlatformPrompt, 0,
                new ExchangeFeatures { UserAgent = "python-requests/2.32", MaxTokens = 4096 + 1024 * (o % 3), Temperature = 0.1 * (o % 5) });
        return world.Build();
    }

    private static IEnumerable<AccountProfile> Named(List<AccountProfile> profiles, string prefix)
        => profiles.Where(p => p.Account.StartsWith(prefix, StringComparison.Ordinal));

    [Fact]
    public void Build_APlatformsUsersOnOneEgressAddressWithToolsOfTheirOwn_AreNotTheOperationsSite()
    {
        var (builder, profiles) = Build();
        Assert.All(Named(profiles, "op_"), p => Assert.True(builder.OperatorEvidence(p.Index) > 0, p.Account + ": " + Why(builder)));
        Assert.All(Named(profiles, "user_"), p => Assert.True(builder.OperatorEvidence(p.Index) == 0, p.Account + ": " + Why(builder)));
        Assert.All(Named(profiles, "cust_"), p => Assert.Equal(0, builder.OperatorEvidence(p.Index)));
    }
}
