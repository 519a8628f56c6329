using DistillGuard.Core.Links;
using DistillGuard.Core.Model;
using DistillGuard.Core.Profiles;

using static DistillGuard.Core.Tests.Links.LinkGraphs;

namespace DistillGuard.Core.Tests.Links;

/// <summary>
/// Accounts tied by exits alone, on a person's hours, with no harness of their own and no batches: an operation that
/// churns its accounts (each used for a day or two, then replaced by a new one on the same exits — "a banned account is
/// replaced at once") looks like this, and so do a product's users on its egress. What tells them apart is how long the
/// accounts live against how long the cluster is active (<see cref="CoordinationMeter.Succession"/>): the users keep
/// theirs. The brief accounts of a cluster that replaces its accounts are the operator's; an operation that keeps its
/// accounts the whole time is as untied by exits alone as the users are.
/// </summary>
public sealed class SuccessionTests
{
    private const ulong PlatformPrompt = 0x91A7_F022UL;

    private enum Shape { Churned, Kept, ChurnedThroughReseller }

    private static (KeyGroupBuilder Builder, List<AccountProfile> Profiles) Build(Shape shape)
    {
        var world = new World();
        var r = new Random(55);
        // customers: 700, each from an address of its own, on prompts of their own
        world.AddCustomers(r);
        // an agent platform's 40 users on its two egress addresses with its prompt, each using it all along
        world.AddPlatformUsers(r, PlatformPrompt);
        // the operation: 60 accounts on two addresses nobody else uses, paced like people, no prompt, parameters spread,
        // each with its own card and mail, opened one by one. Churned: six at a time, each used on two consecutive days of
        // the ten and then replaced; kept: each used on a person's day across all ten.
        for (int o = 0; o < 60; o++)
        {
            var rec = OwnRecord($"op_{o:00}", r);
            var f = new ExchangeFeatures { UserAgent = "python-requests/2.32", MaxTokens = 4096 + 1024 * (o % 3), Temperature = 0.1 * (o % 5) };
            if (shape == Shape.ChurnedThroughReseller) f.Route = "reseller:relay";
            string ip = $"198.51.100.{20 + o % 2}";
            if (shape == Shape.Kept) { world.AddOnAPersonsDay(rec, 12, ip, 0, 0, f, r); continue; }
            int day = o / 6;
            world.Add(rec, 12, f, (i, x) =>
            {
                x.TimestampMs = LogStart + (day + i % 2) * DayMs + 9 * Hour + r.NextInt64(9 * Hour);
                x.Ip = ip;
                x.SystemHash = 0;
                x.ToolSetHash = 0;
                x.TemplateFingerprint = (ulong)r.NextInt64();
                x.ItemHash = (ulong)r.NextInt64();
            });
        }
        return world.Build();
    }

    [Fact]
    public void Build_AnOperationReplacingItsAccountsOnItsExits_ItsAccountsAreOperatorEvidence()
    {
        var (builder, profiles) = Build(Shape.Churned);
        Assert.All(Named(profiles, "op_"), p => Assert.True(builder.OperatorEvidence(p.Index) > 0, p.Account + ": " + Why(builder)));
        // the platform's users and the customers are not
        Assert.All(Named(profiles, "user_"), p => Assert.Equal(0, builder.OperatorEvidence(p.Index)));
        Assert.All(Named(profiles, "cust_"), p => Assert.Equal(0, builder.OperatorEvidence(p.Index)));
    }

    [Fact]
    public void Build_TheSameOperationKeepingItsAccounts_IsNotTiedByItsExits()
    {
        // nothing but exits on a person's hours, accounts that live as long as the cluster: a product's users' shape
        var (builder, profiles) = Build(Shape.Kept);
        Assert.All(Named(profiles, "op_"), p => Assert.Equal(0, builder.OperatorEvidence(p.Index)));
        Assert.All(Named(profiles, "user_"), p => Assert.Equal(0, builder.OperatorEvidence(p.Index)));
    }

    [Fact]
    public void Build_TheSameChurnThroughAReseller_IsTheResellersEgress_NotTiedByIt()
    {
        // through a partner the exits the log records are the partner's, and its customers come and go as a product's do
        var (builder, profiles) = Build(Shape.ChurnedThroughReseller);
        Assert.All(Named(profiles, "op_"), p => Assert.Equal(0, builder.OperatorEvidence(p.Index)));
    }

    [Fact]
    public void Succession_CountsOnlyAccountsSeenOnTwoDays_AgainstTheClustersOwnSpan()
    {
        var (_, profiles) = Build(Shape.Churned);
        var meter = new CoordinationMeter(profiles, _ => null, 6);
        var op = Named(profiles, "op_").Select(p => p.Index).ToList();
        Assert.Equal(1.0, meter.Succession(op));
        Assert.All(meter.BriefMembers(op), Assert.True);
        // the users, each active across the ten days, are not brief
        var users = Named(profiles, "user_").Select(p => p.Index).ToList();
        Assert.Equal(0.0, meter.Succession(users));
        // too few seen on two days: nothing to tell
        Assert.Equal(0.0, meter.Succession(op.Take(2).ToList()));
    }
}
