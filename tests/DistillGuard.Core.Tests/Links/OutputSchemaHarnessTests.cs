using DistillGuard.Core.Accounts;
using DistillGuard.Core.Links;
using DistillGuard.Core.Model;
using DistillGuard.Core.Profiles;

using static DistillGuard.Core.Tests.Links.LinkGraphs;

namespace DistillGuard.Core.Tests.Links;

/// <summary>
/// An operation that rewords its instructions per account but asks every account for one output schema (the record its
/// training set needs): 30 accounts, each with a system prompt of its own and a card of its own on webmail, three to each
/// of ten hosting addresses nobody else uses, round the clock. Their prompts are thirty harness values of one holder each;
/// the schema is one value they all hold (an output schema is a harness value, judged as a tool set is). Customers who
/// ask for a popular record format of their own accord, each from an address of its own, share the schema and nothing
/// else.
/// </summary>
public sealed class OutputSchemaHarnessTests
{
    private const ulong OperationSchema = 0x5C4E_0001_0001UL;
    private const ulong PopularSchema = 0x5C4E_0002_0002UL;

    private static (KeyGroupBuilder Builder, List<AccountProfile> Profiles) Build()
    {
        var world = new World();
        var r = new Random(52);
        var f = new ExchangeFeatures { UserAgent = "python-httpx/0.27", MaxTokens = 2048, Temperature = 0.3 };
        string[] webmail = ["post.example", "inbox.example", "box.example", "letters.example"];
        void Account(string id, string ip, ulong prompt, ulong outputSchema, bool roundTheClock)
            => world.Add(new AccountRecord { Account = id, CreatedMs = LogStart - r.NextInt64(300 * DayMs), Tier = "paid", EmailDomain = webmail[world.Profiles.Count % 4], PaymentFingerprint = "pf_" + id },
                60, f, (_, x) =>
                {
                    x.TimestampMs = LogStart + r.Next(10) * DayMs + (roundTheClock ? r.NextInt64(DayMs) : 9 * Hour + r.NextInt64(9 * Hour));
                    x.Ip = ip;
                    x.SystemHash = prompt;
                    x.SchemaHash = outputSchema;
                    x.TemplateFingerprint = (ulong)r.NextInt64();
                    x.ItemHash = (ulong)r.NextInt64();
                });
        // customers: 400 from addresses of their own, 40 of them asking for a popular record format in prompts of their own
        for (int c = 0; c < 400; c++)
            Account($"cust_{c:000}", $"203.0.{c / 200}.{c % 200 + 1}", prompt: 0xC0570000UL + (ulong)c, outputSchema: c < 40 ? PopularSchema : 0, roundTheClock: false);
        // the operation: a prompt per account, one schema, three accounts to each of ten hosting addresses of its own
        for (int o = 0; o < 30; o++)
            Account($"op_{o:00}", $"198.51.100.{o / 3 + 1}", prompt: 0x0B0000UL + (ulong)o, outputSchema: OperationSchema, roundTheClock: true);
        return world.Build();
    }

    private static string Why(KeyGroupBuilder builder)
        => string.Join(" | ", builder.OperatorCandidates.Select(c => $"{c.Source}: {c.Outcome} ({c.Measures})"));

    [Fact]
    public void Build_AnOperationAskingEveryAccountForOneSchema_IsOperatorEvidence_CustomersOnAPopularOneAreNot()
    {
        var (builder, profiles) = Build();
        Assert.All(profiles.Where(p => p.Account.StartsWith("op_", StringComparison.Ordinal)), p => Assert.True(builder.OperatorEvidence(p.Index) > 0, p.Account + ": " + Why(builder)));
        Assert.All(profiles.Where(p => p.Account.StartsWith("cust_", StringComparison.Ordinal)), p => Assert.Equal(0, builder.OperatorEvidence(p.Index)));
        Assert.Contains(builder.OperatorCandidates, c => c.Source.Contains("output schema", StringComparison.Ordinal) && c.Outcome.StartsWith("operator:", StringComparison.Ordinal));
    }
}
