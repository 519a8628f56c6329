using DistillGuard.Core.Accounts;
using DistillGuard.Core.Links;
using DistillGuard.Core.Model;
using DistillGuard.Core.Profiles;

using static DistillGuard.Core.Tests.Links.LinkGraphs;

namespace DistillGuard.Core.Tests.Links;

/// <summary>
/// A log read with <c>--log</c> alone: no registry says who runs which account. An organisation's worker fleet — 30
/// accounts that all send through the same three server addresses, round the clock through the log, on a system prompt
/// only they run — shares one egress and one harness, as a station on exits of its own does. It is one operator either
/// way; what tells an organisation's own fleet from an operation without a registry (KeyGroupBuilder.EgressOrganisation)
/// is how the addresses are held — the fleet's accounts each use every one of its addresses, where a station parcels its
/// exits out, a few accounts to each, or runs its harness from two sites — that the fleet's accounts run through the
/// log rather than come and go, and that the addresses are theirs (not a cloud marketplace's they send through). The same fleet with a registry that names no organisation for it is not named (the rule
/// reads only where no registry can).
/// </summary>
public sealed class OneEgressTests
{
    private const ulong FleetPrompt = 0xF1EE_7001UL;

    private enum Shape { Fleet, ParcelledExits, TwoSites, FleetForAFewDays, ThroughAPartner, FleetWithRegistry }

    private static (KeyGroupBuilder Builder, List<AccountProfile> Profiles) Build(Shape shape)
    {
        var world = new World();
        var r = new Random(53);
        // customers: 700, each from an address of its own, on a person's working day, prompts of their own (enough that an
        // address thirty accounts hold is one few others use: KeyGroupBuilder's identity values hold at most one in twenty)
        for (int c = 0; c < 700; c++)
        {
            string ip = $"203.0.{c / 250}.{c % 250 + 1}";
            ulong prompt = 0xC0570000UL + (ulong)c;
            var f = new ExchangeFeatures { UserAgent = "python-httpx/0.27", MaxTokens = 1024 + 512 * (c % 4), Temperature = 0.1 * (c % 10) };
            world.Add($"cust_{c:000}", null, 20, f, (_, x) =>
            {
                x.TimestampMs = LogStart + r.Next(10) * DayMs + 9 * Hour + r.NextInt64(9 * Hour);
                x.Ip = ip;
                x.SystemHash = prompt;
                x.TemplateFingerprint = (ulong)r.NextInt64();
                x.ItemHash = (ulong)r.NextInt64();
            });
        }
        // the fleet: 30 accounts, one prompt, round the clock, one client; ordinary requests
        string[] servers = ["198.51.100.10", "198.51.100.11", "198.51.100.12"];
        for (int o = 0; o < 30; o++)
        {
            int a = o;
            var record = shape == Shape.FleetWithRegistry
                ? new AccountRecord { Account = $"fleet_{a:00}", CreatedMs = LogStart - r.NextInt64(300 * DayMs), Tier = "paid", EmailDomain = $"mail{a}.example", PaymentFingerprint = $"pf_{a:00}" }
                : null;
            var f = new ExchangeFeatures { UserAgent = "go-http-client/2.0", MaxTokens = 4096, Temperature = 0.2 };
            world.Add($"fleet_{a:00}", record, 60, f, (i, x) =>
            {
                // round the clock, through the log (or from its fourth day to its sixth)
                x.TimestampMs = shape == Shape.FleetForAFewDays ? LogStart + 3 * DayMs + r.NextInt64(3 * DayMs) : LogStart + r.NextInt64(10 * DayMs);
                // one egress: every account through every server; parcelled: three accounts to each of ten addresses
                // two sites: fifteen accounts on each of two servers
                x.Ip = shape switch
                {
                    Shape.ParcelledExits => $"198.51.100.{a / 3 + 20}",
                    Shape.TwoSites => $"198.51.100.{a / 15 + 40}",
                    _ => servers[i % servers.Length],
                };
                x.SystemHash = FleetPrompt;
                x.Route = shape == Shape.ThroughAPartner ? "cloud:marketplace" : "direct";   // a partner's egress, not theirs
                x.TemplateFingerprint = (ulong)r.NextInt64();
                x.ItemHash = (ulong)r.NextInt64();
            });
        }
        return world.Build();
    }

    private static IEnumerable<AccountProfile> Fleet(List<AccountProfile> profiles)
        => profiles.Where(p => p.Account.StartsWith("fleet_", StringComparison.Ordinal));

    [Fact]
    public void Build_WithoutRegistry_AFleetOnOneEgressItsAccountsAllShare_IsAnOrganisationsOwn()
    {
        // one operator still (the organisation), named as an organisation's own for campaign assembly
        var (builder, profiles) = Build(Shape.Fleet);
        Assert.All(Fleet(profiles), p => Assert.True(builder.EgressOrganisation(p.Index), p.Account + ": " + Why(builder)));
        Assert.All(Fleet(profiles), p => Assert.True(builder.OperatorEvidence(p.Index) > 0));
        Assert.DoesNotContain(profiles, p => p.Account.StartsWith("cust_", StringComparison.Ordinal) && builder.EgressOrganisation(p.Index));
    }

    [Fact]
    public void Build_WithoutRegistry_TheFleetOnlyOverAThirdOfTheLog_IsNot()
    {
        // accounts that come and go inside the log are a campaign's way, not a fleet serving a product
        var (builder, profiles) = Build(Shape.FleetForAFewDays);
        Assert.DoesNotContain(Fleet(profiles), p => builder.EgressOrganisation(p.Index));
        Assert.All(Fleet(profiles), p => Assert.True(builder.OperatorEvidence(p.Index) > 0, p.Account + ": " + Why(builder)));
    }

    [Fact]
    public void Build_WithoutRegistry_TheSameAccountsOnExitsParcelledOutThreeToAnAddress_AreOperatorEvidence()
    {
        var (builder, profiles) = Build(Shape.ParcelledExits);
        Assert.All(Fleet(profiles), p => Assert.True(builder.OperatorEvidence(p.Index) > 0, p.Account + ": " + Why(builder)));
        Assert.DoesNotContain(profiles, p => builder.EgressOrganisation(p.Index));
    }

    [Fact]
    public void Build_WithoutRegistry_TheFleetShapeThroughACloudMarketplace_IsNot()
    {
        // through a partner the addresses the log records are the partner's: nothing says the servers are the accounts' own
        var (builder, profiles) = Build(Shape.ThroughAPartner);
        Assert.DoesNotContain(profiles, p => builder.EgressOrganisation(p.Index));
    }

    [Fact]
    public void Build_WithoutRegistry_TwoSitesOnOnePromptEachOnOneServer_AreOperatorEvidence()
    {
        // each site is one egress, but neither is most of the prompt's holders: an operation's two sites, not one
        // organisation's servers
        var (builder, profiles) = Build(Shape.TwoSites);
        Assert.All(Fleet(profiles), p => Assert.True(builder.OperatorEvidence(p.Index) > 0, p.Account + ": " + Why(builder)));
        Assert.DoesNotContain(profiles, p => builder.EgressOrganisation(p.Index));
    }

    [Fact]
    public void Build_WithARegistryThatNamesNoOrganisation_TheFleetShapeStaysOperatorEvidence()
    {
        // thirty accounts under thirty mail domains and cards, on one egress and one prompt round the clock: the registry
        // says they are strangers, and strangers do not share servers and a harness
        var (builder, profiles) = Build(Shape.FleetWithRegistry);
        Assert.All(Fleet(profiles), p => Assert.True(builder.OperatorEvidence(p.Index) > 0, p.Account + ": " + Why(builder)));
        Assert.DoesNotContain(profiles, p => builder.EgressOrganisation(p.Index));
        Assert.All(profiles.Where(p => p.Account.StartsWith("cust_", StringComparison.Ordinal)), p => Assert.Equal(0, builder.OperatorEvidence(p.Index)));
    }
}
