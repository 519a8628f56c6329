using DistillGuard.Core.Accounts;
using DistillGuard.Core.Links;
using DistillGuard.Core.Model;
using DistillGuard.Core.Profiles;

using static DistillGuard.Core.Tests.Links.LinkGraphs;

namespace DistillGuard.Core.Tests.Links;

/// <summary>
/// An operation that rewords its instructions per account but asks every account for one output schema (the record its
/// training set needs): 30 accounts, each with a system prompt of its own, on webmail, paying five to a card, three to
/// each of ten hosting addresses nobody else uses, on a person's working day. Their prompts are thirty harness values of
/// one holder each and their parameters everybody's; an identity cluster of them does not act as one, and exits alone on
/// a person's day are no operator. The schema is one value they all hold (an output schema is a harness value, judged as
/// a tool set is), and its holders are tied by their cards. Customers who ask for a popular record format of their own
/// accord, each from an address of its own, share that schema and nothing else.
/// </summary>
public sealed class OutputSchemaHarnessTests
{
    private const ulong OperationSchema = 0x5C4E_0001_0001UL;
    private const ulong PopularSchema = 0x5C4E_0002_0002UL;

    private static (KeyGroupBuilder Builder, List<AccountProfile> Profiles) Build(bool schema)
    {
        var world = new World();
        var r = new Random(52);
        var f = new ExchangeFeatures { UserAgent = "python-httpx/0.27", MaxTokens = 2048, Temperature = 0.3 };
        string[] webmail = ["post.example", "inbox.example", "box.example", "letters.example"];
        void Account(string id, string card, string ip, ulong prompt, ulong outputSchema)
            => world.Add(new AccountRecord { Account = id, CreatedMs = LogStart - r.NextInt64(300 * DayMs), Tier = "paid", EmailDomain = webmail[world.Profiles.Count % 4], PaymentFingerprint = card },
                60, f, (_, x) =>
                {
                    x.TimestampMs = LogStart + r.Next(10) * DayMs + 9 * Hour + r.NextInt64(9 * Hour);   // a person's working day
                    x.Ip = ip;
                    x.SystemHash = prompt;
                    x.SchemaHash = outputSchema;
                    x.TemplateFingerprint = (ulong)r.NextInt64();
                    x.ItemHash = (ulong)r.NextInt64();
                });
        // customers: 400 from addresses of their own, 40 of them asking for a popular record format in prompts of their own
        for (int c = 0; c < 400; c++)
            Account($"cust_{c:000}", $"pf_cust_{c:000}", $"203.0.{c / 200}.{c % 200 + 1}", prompt: 0xC0570000UL + (ulong)c, outputSchema: c < 40 ? PopularSchema : 0);
        // the operation: a prompt per account, one schema, five accounts to a card, three to each of ten hosting addresses of its own
        for (int o = 0; o < 30; o++)
            Account($"op_{o:00}", $"pf_op_{o / 5}", $"198.51.100.{o / 3 + 1}", prompt: 0x0B0000UL + (ulong)o, outputSchema: schema ? OperationSchema : 0);
        return world.Build();
    }

    [Fact]
    public void Build_AnOperationAskingEveryAccountForOneSchema_IsOperatorEvidence_CustomersOnAPopularOneAreNot()
    {
        var (builder, profiles) = Build(schema: true);
        Assert.All(profiles.Where(p => p.Account.StartsWith("op_", StringComparison.Ordinal)), p => Assert.True(builder.OperatorEvidence(p.Index) > 0, p.Account + ": " + Why(builder)));
        Assert.All(profiles.Where(p => p.Account.StartsWith("cust_", StringComparison.Ordinal)), p => Assert.Equal(0, builder.OperatorEvidence(p.Index)));
        Assert.Contains(builder.OperatorCandidates, c => c.Source.Contains("output schema", StringComparison.Ordinal) && c.Outcome.StartsWith("operator:", StringComparison.Ordinal));
    }

    [Fact]
    public void Build_TheSameOperationWithoutItsSchema_IsNotFound()
    {
        // what the schema adds: without it nothing the operation's accounts share makes them an operator
        var (builder, profiles) = Build(schema: false);
        Assert.All(profiles.Where(p => p.Account.StartsWith("op_", StringComparison.Ordinal)), p => Assert.Equal(0, builder.OperatorEvidence(p.Index)));
    }
}
