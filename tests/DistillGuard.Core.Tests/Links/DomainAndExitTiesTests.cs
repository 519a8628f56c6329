using DistillGuard.Core.Accounts;
using DistillGuard.Core.Links;
using DistillGuard.Core.Model;
using DistillGuard.Core.Profiles;

using static DistillGuard.Core.Tests.Links.LinkGraphs;

namespace DistillGuard.Core.Tests.Links;

/// <summary>
/// An operator cluster's own accounts tied by two kinds of identity at once — a mail domain few others use and a hosting
/// address its harness runs from — are tied to it as strongly as a shared card ties a payer's accounts
/// (<see cref="KeyGroupBuilder.PaysOrRotates"/>): that is what lets campaign assembly gather and corroborate the cluster
/// as one. Until session 56 only a card, rotating exits or a sign-up batch on a domain did, and an operation that paid
/// with a card per account, signed up one by one on its own domains and ran its own parameter vector from its own
/// hosting addresses carried operator evidence and stayed clear (held-out random 14402: a paraphrased, diluted tool-use
/// harvest, 9 of 116 accounts found). A member whose address is a shared egress (most of its holders run harnesses of
/// their own) is tied by the domain alone, which is not enough.
/// </summary>
public sealed class DomainAndExitTiesTests
{
    private static readonly IpIntel Hosting = HostingRange("192.0.2.0/24");

    private static (KeyGroupBuilder Builder, List<AccountProfile> Profiles) Build()
    {
        var world = new World();
        var r = new Random(56);
        world.AddCustomers(r);
        // a coworking space's egress (a hosting address): 30 members, each on a prompt and parameters of its own
        for (int c = 0; c < 30; c++)
            world.AddOnAPersonsDay(OwnRecord($"cowork_{c:00}", r), 20, "192.0.2.70", 0xC0FF_0000UL + (ulong)c, 0,
                new ExchangeFeatures { UserAgent = "python-httpx/0.27", MaxTokens = 1000 + 100 * c, Temperature = 0.05 * (c % 7) }, r);
        // the operation: 42 accounts, a card each, signed up one by one, on three mail domains of its own, paced like
        // people, one parameter vector nobody else sends; 36 pinned to three hosting addresses nobody else uses, the
        // last 6 working from the coworking egress
        for (int o = 0; o < 42; o++)
        {
            var rec = OwnRecord($"op_{o:00}", r);
            rec = rec with { EmailDomain = $"ops{o % 3}.example" };
            string ip = o < 36 ? $"192.0.2.{10 + (o / 3) % 3}" : "192.0.2.70";
            world.AddOnAPersonsDay(rec, 25, ip, 0, 0,
                new ExchangeFeatures { UserAgent = "Python/3.11 aiohttp/3.10", MaxTokens = 7168, Temperature = 0.07 }, r);
        }
        return world.Build(Hosting);
    }

    [Fact]
    public void Build_AccountsOnTheOperatorsDomainsAndHarnessExits_AreStronglyTied()
    {
        var (builder, profiles) = Build();
        var pinned = Named(profiles, "op_").Where(p => int.Parse(p.Account[3..]) < 36).ToList();
        Assert.Equal(36, pinned.Count);
        Assert.All(pinned, p => Assert.True(builder.OperatorEvidence(p.Index) > 0, p.Account + ": " + Why(builder)));
        Assert.All(pinned, p => Assert.True(builder.PaysOrRotates(p.Index), p.Account + " is not strongly tied"));
        // the values that tie them: the domain and the exit
        var ties = builder.StrongTies(pinned[0].Index);
        Assert.Contains(ties, t => t.StartsWith("domain ops", StringComparison.Ordinal));
        Assert.Contains(ties, t => t.StartsWith("exit 192.0.2.1", StringComparison.Ordinal));
    }

    [Fact]
    public void Build_AnAccountOnTheDomainFromASharedEgress_IsNotStronglyTied_NorAreTheEgresssOtherHolders()
    {
        var (builder, profiles) = Build();
        var loose = Named(profiles, "op_").Where(p => int.Parse(p.Account[3..]) >= 36).ToList();
        Assert.Equal(6, loose.Count);
        Assert.All(loose, p => Assert.False(builder.PaysOrRotates(p.Index), p.Account + ": " + string.Join(", ", builder.StrongTies(p.Index))));
        Assert.All(Named(profiles, "cowork_"), p => Assert.Equal(0, builder.OperatorEvidence(p.Index)));
        Assert.All(Named(profiles, "cowork_"), p => Assert.False(builder.PaysOrRotates(p.Index)));
        Assert.All(Named(profiles, "cust_"), p => Assert.Equal(0, builder.OperatorEvidence(p.Index)));
    }

    private static IpIntel HostingRange(string cidr)
    {
        var list = new List<IpRange>();
        IpIntel.Parse(new StringReader(cidr), list);
        return new IpIntel(list);
    }
}
