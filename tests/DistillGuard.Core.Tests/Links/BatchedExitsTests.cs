using DistillGuard.Core.Links;
using DistillGuard.Core.Model;
using DistillGuard.Core.Profiles;

using static DistillGuard.Core.Tests.Links.LinkGraphs;

namespace DistillGuard.Core.Tests.Links;

/// <summary>
/// Accounts tied by exits alone that keep a person's hours: an agent platform's users on its egress with its prompt look
/// like this, and so does an operation that paces its accounts like people (human timing) on exits and a prompt of its
/// own. The schedule cannot tell them apart; how the accounts came to be can. The platform's users signed up one by one
/// over months; the operation opened a good part of its accounts in batches (a quarter or more signed up in bursts far
/// above the log's sign-up rate: <see cref="CoordinationMeter.BatchShare"/>). The accounts of those batches are the
/// operator's; the platform's users, and the operation's accounts opened one by one, are not tied by exits alone.
/// </summary>
public sealed class BatchedExitsTests
{
    private const ulong OperationPrompt = 0x0BE2_A710UL, PlatformPrompt = 0x91A7_F022UL;

    private enum Shape { PartlyBatched, OneByOne }

    private static (KeyGroupBuilder Builder, List<AccountProfile> Profiles) Build(Shape shape)
    {
        var world = new World();
        var r = new Random(54);
        // customers: 700, each from an address of its own, on prompts of their own
        world.AddCustomers(r);
        // an agent platform's 40 users on its two egress addresses with its prompt, signed up one by one
        world.AddPlatformUsers(r, PlatformPrompt);
        // the operation: 40 accounts paced like people on two addresses and a prompt of its own, each with its own card and
        // mail; partly batched: 16 of them opened in two batches of eight within an hour, the rest one by one
        for (int o = 0; o < 40; o++)
        {
            long? created = shape == Shape.PartlyBatched && o < 16 ? LogStart - (o < 8 ? 20 : 12) * DayMs + r.NextInt64(Hour) : null;
            world.AddOnAPersonsDay(OwnRecord($"op_{o:00}", r, created), 30, $"198.51.100.{20 + o % 2}", OperationPrompt, 0,
                new ExchangeFeatures { UserAgent = "python-requests/2.32", MaxTokens = 4096 + 1024 * (o % 3), Temperature = 0.1 * (o % 5) }, r);
        }
        return world.Build();
    }

    [Fact]
    public void Build_AnOperationOnAPersonsHours_ItsAccountsOpenedInBatches_AreOperatorEvidence()
    {
        var (builder, profiles) = Build(Shape.PartlyBatched);
        var batch = Named(profiles, "op_").Take(16).ToList();
        Assert.All(batch, p => Assert.True(builder.OperatorEvidence(p.Index) > 0, p.Account + ": " + Why(builder)));
        // the platform's users and the customers are not
        Assert.All(Named(profiles, "user_"), p => Assert.Equal(0, builder.OperatorEvidence(p.Index)));
        Assert.All(Named(profiles, "cust_"), p => Assert.Equal(0, builder.OperatorEvidence(p.Index)));
    }

    [Fact]
    public void Build_TheSameOperationWithEveryAccountOpenedOneByOne_IsNotTiedByItsExits()
    {
        // nothing but exits and a prompt on a person's hours: the platform's shape, turned down as the platform is
        var (builder, profiles) = Build(Shape.OneByOne);
        Assert.All(Named(profiles, "op_"), p => Assert.Equal(0, builder.OperatorEvidence(p.Index)));
        Assert.All(Named(profiles, "user_"), p => Assert.Equal(0, builder.OperatorEvidence(p.Index)));
    }
}
