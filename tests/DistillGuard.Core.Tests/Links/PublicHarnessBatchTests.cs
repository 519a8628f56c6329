using DistillGuard.Core.Accounts;
using DistillGuard.Core.Links;
using DistillGuard.Core.Model;
using DistillGuard.Core.Profiles;

using static DistillGuard.Core.Tests.Links.LinkGraphs;

namespace DistillGuard.Core.Tests.Links;

/// <summary>
/// A batch of accounts on a public harness (KeyGroupBuilder.BatchApart): a coding agent's system prompt that customers of
/// long standing run from addresses of their own, and a batch of 25 program-tier accounts opened within the hour that
/// runs it too from four addresses nobody else uses. Most of the prompt's holders are the customers, so the prompt says
/// nothing of who runs the batch; the batch is a population apart on it — opened together where the prompt's other
/// holders signed up over months — and is operator evidence when it signs up on public or scattered mail. A course's
/// intake, opened the same way on its campus's addresses, signs up on its university's domain and is not.
/// </summary>
public sealed class PublicHarnessBatchTests
{
    private const ulong AgentPrompt = 0xA9E47_0001UL;

    private static (KeyGroupBuilder Builder, List<AccountProfile> Profiles) Build(bool institution)
    {
        var ctx = new ProfileContext();
        var profiles = new List<AccountProfile>();
        var records = new List<AccountRecord?>();
        var r = new Random(21);
        var f = new ExchangeFeatures { UserAgent = "agent-cli/1.4", MaxTokens = 4096, Temperature = 0.2 };
        void Account(string id, AccountRecord rec, Func<int, string> ip, bool prompt)
        {
            var p = new AccountProfile(profiles.Count, id);
            profiles.Add(p);
            records.Add(rec);
            for (int i = 0; i < 30; i++)
            {
                f.Account = id;
                f.Id = $"{id}_{i}";
                f.TimestampMs = LogStart + r.Next(10) * DayMs + 9 * Hour + r.NextInt64(9 * Hour);   // a person's working day
                f.Ip = ip(i);
                f.SystemHash = prompt ? AgentPrompt : 0;
                f.TemplateFingerprint = (ulong)r.NextInt64();
                f.ItemHash = (ulong)r.NextInt64();
                p.Add(f, ctx);
            }
        }
        // customers of long standing on webmail: 30 on the agent's prompt, 420 without it, each from an address of its own
        string[] webmail = ["post.example", "inbox.example", "box.example", "letters.example"];
        for (int c = 0; c < 450; c++)
        {
            int n = c;
            Account($"cust_{c:000}", new AccountRecord { Account = $"cust_{c:000}", CreatedMs = LogStart - r.NextInt64(400 * DayMs), Tier = "paid", EmailDomain = webmail[c % 4] },
                _ => $"203.0.{n / 200}.{n % 200 + 1}", prompt: c < 30);
        }
        // the batch: 25 accounts opened within the hour during the log, all on the agent's prompt
        for (int b = 0; b < 25; b++)
        {
            int n = b;
            var rec = new AccountRecord
            {
                Account = $"batch_{b:00}", CreatedMs = LogStart + 2 * DayMs + 14 * Hour + b * 2 * Minute + r.Next(60_000), Tier = "edu",
                EmailDomain = institution ? "campus.example.edu" : webmail[(b / 3) % 4],
            };
            Account($"batch_{b:00}", rec, _ => institution ? $"192.0.2.{n % 5 + 10}" : $"198.51.100.{n % 5 + 1}", prompt: true);
        }
        var builder = LinkGraphs.Builder(profiles, ctx, records);
        builder.Build();
        return (builder, profiles);
    }

    [Fact]
    public void Build_ABatchOnAPublicAgentsPrompt_IsOperatorEvidence_ItsCustomersAreNot()
    {
        var (builder, profiles) = Build(institution: false);
        var batch = profiles.Where(p => p.Account.StartsWith("batch_", StringComparison.Ordinal)).ToList();
        Assert.All(batch, p => Assert.True(builder.OperatorEvidence(p.Index) > 0, p.Account + ": " + string.Join(" | ",
            builder.OperatorCandidates.Select(c => $"{c.Source}: {c.Outcome} ({c.Measures})"))));
        Assert.All(profiles.Where(p => p.Account.StartsWith("cust_", StringComparison.Ordinal)), p => Assert.Equal(0, builder.OperatorEvidence(p.Index)));
        // found on the public prompt, its other holders' sign-ups measured
        Assert.Contains(builder.OperatorCandidates, c => c.Outcome.StartsWith("operator:", StringComparison.Ordinal) && c.Measures.Contains("others-burst 0.00", StringComparison.Ordinal));
    }

    [Fact]
    public void Build_ACoursesIntakeOnItsCampusAddressesAndDomain_IsNot()
    {
        var (builder, profiles) = Build(institution: true);
        Assert.All(profiles, p => Assert.Equal(0, builder.OperatorEvidence(p.Index)));
    }
}
