using DistillGuard.Core.Accounts;
using DistillGuard.Core.Links;
using DistillGuard.Core.Model;
using DistillGuard.Core.Profiles;

using static DistillGuard.Core.Tests.Links.LinkGraphs;

namespace DistillGuard.Core.Tests.Links;

/// <summary>
/// A day that the countries its accounts bill in do not keep (KeyGroupBuilder.DeniedDay, MeasureDeniedDays). Customers in
/// eight countries keep their own country's working day; 40 of them, in every country, run one public agent's parameter
/// vector. An operation of 40 accounts — a card, a mail address and an address each, nothing shared — bills in all eight
/// countries and keeps one day, its people's, on a parameter vector of its own. Its accounts are operator evidence; the
/// customers are not, nor is a night shift billing in one country, nor is the operation when the log's countries say
/// nothing of anyone's hours, nor when many customers keep the operators' day abroad (it is then not ten times as common
/// on the operation's vector as in the log).
/// </summary>
public sealed class DeniedDaysTests
{
    private static readonly string[] Countries = ["AA", "BB", "CC", "DD", "EE", "FF", "GG", "HH"];

    private enum Operation { Spread, NightShift }

    private static (KeyGroupBuilder Builder, List<AccountProfile> Profiles) Build(Operation op, bool countriesSayNothing = false, int expatriates = 0)
    {
        var ctx = new ProfileContext();
        var profiles = new List<AccountProfile>();
        var records = new List<AccountRecord?>();
        var r = new Random(33);
        var f = new ExchangeFeatures { UserAgent = "sdk/2.0" };
        void Account(string id, string country, int dayStartUtc, Func<int, string> ip, (int MaxTokens, double Temperature) vector)
        {
            var p = new AccountProfile(profiles.Count, id);
            profiles.Add(p);
            records.Add(new AccountRecord
            {
                Account = id, CreatedMs = LogStart - r.NextInt64(300 * DayMs), Tier = "paid", Country = country,
                EmailDomain = $"mail{r.Next(1000)}.example", PaymentFingerprint = $"pf_{id}",
            });
            for (int i = 0; i < 30; i++)
            {
                f.Account = id;
                f.Id = $"{id}_{i}";
                f.TimestampMs = LogStart + r.Next(14) * DayMs + ((dayStartUtc * Hour + r.NextInt64(8 * Hour)) % DayMs);   // an eight-hour day
                f.Ip = ip(i);
                f.MaxTokens = vector.MaxTokens;
                f.Temperature = vector.Temperature;
                f.TemplateFingerprint = (ulong)r.NextInt64();
                f.ItemHash = (ulong)r.NextInt64();
                p.Add(f, ctx);
            }
        }
        // each country's working day starts three hours after the previous one's
        int DayOf(int country) => (country * 3) % 24;
        for (int c = 0; c < 640; c++)
        {
            int n = c, country = c % Countries.Length;
            // expatriates: customers who keep the operators' day wherever they bill
            int day = countriesSayNothing ? r.Next(24) : c >= 640 - expatriates ? 12 : DayOf(country);
            var vector = c < 40 ? (4096, 0.2) : (1000 + c, 1.0);   // the first 40 run the public agent's vector
            Account($"cust_{c:000}", Countries[country], day, _ => $"203.0.{n / 200}.{n % 200 + 1}", vector);
        }
        for (int b = 0; b < 40; b++)
        {
            int n = b;
            string country = op == Operation.Spread ? Countries[b % Countries.Length] : Countries[0];
            // the operation's people keep one day, twelve hours from country AA's
            Account($"op_{b:00}", country, 12, _ => $"198.51.{100 + n / 200}.{n % 200 + 1}", (8000, 0.37));
        }
        var builder = LinkGraphs.Builder(profiles, ctx, records);
        builder.Build();
        return (builder, profiles);
    }

    [Fact]
    public void Build_AnOperationBillingEverywhereOnOneDay_IsOperatorEvidence_CustomersAreNot()
    {
        var (builder, profiles) = Build(Operation.Spread);
        var op = profiles.Where(p => p.Account.StartsWith("op_", StringComparison.Ordinal)).ToList();
        // the operation's day is 12:00-20:00 UTC; the accounts billing in the five countries whose own day is more than
        // four hours from it are found (those in the three that keep about that day cannot be told from customers)
        var denied = op.Where(p => (int.Parse(p.Account[3..]) % Countries.Length) is 0 or 1 or 2 or 6 or 7).ToList();
        Assert.Equal(25, denied.Count);
        Assert.All(denied, p => Assert.True(builder.OperatorEvidence(p.Index) > 0, p.Account + ": " + Why(builder)));
        Assert.All(profiles.Where(p => p.Account.StartsWith("cust_", StringComparison.Ordinal)), p => Assert.Equal(0, builder.OperatorEvidence(p.Index)));
        Assert.Contains(builder.OperatorCandidates, c => c.Source.StartsWith("days of", StringComparison.Ordinal) && c.Outcome.StartsWith("operator:", StringComparison.Ordinal));
        // the evidence says which day, against which, for the account itself
        var detail = builder.OperatorDetail(denied[0].Index);
        Assert.NotNull(detail);
        Assert.Contains("that the countries they bill in do not keep", detail);
        Assert.Contains("this account's day centred near", detail);
    }

    [Fact]
    public void Build_ANightShiftBillingInOneCountry_IsNot()
    {
        var (builder, profiles) = Build(Operation.NightShift);
        Assert.All(profiles, p => Assert.True(builder.OperatorEvidence(p.Index) == 0, p.Account + ": " + Why(builder)));
    }

    [Fact]
    public void Build_WhenCountriesSayNothingOfHours_NoDayIsDenied()
    {
        var (builder, profiles) = Build(Operation.Spread, countriesSayNothing: true);
        Assert.All(profiles, p => Assert.True(builder.OperatorEvidence(p.Index) == 0, p.Account + ": " + Why(builder)));
    }

    /// <summary>Judged against the log: where a sixth of the customers keep the operators' day while billing elsewhere,
    /// the operation's accounts doing the same are not ten times as common on its vector, however unlikely by chance.</summary>
    [Fact]
    public void Build_WhenManyCustomersKeepThatDayAbroad_TheOperationIsNotSingledOut()
    {
        var (builder, profiles) = Build(Operation.Spread, expatriates: 110);
        Assert.All(profiles.Where(p => p.Account.StartsWith("op_", StringComparison.Ordinal)), p => Assert.True(builder.OperatorEvidence(p.Index) == 0, p.Account + ": " + Why(builder)));
    }

    [Theory]
    [InlineData(10, 0, 0.3, 1.0)]
    [InlineData(10, 3, 0.1, 0.0702)]
    [InlineData(100, 30, 0.1, 2.445e-8)]
    public void BinomialUpperTail_MatchesTheSum(int n, int k, double p, double expected)
    {
        double got = KeyGroupBuilder.BinomialUpperTail(n, k, p);
        Assert.InRange(got, expected * 0.9, expected * 1.1 + 1e-12);
    }

    [Fact]
    public void DayCentre_IsTheCircularMean_AndNoneForEvenHours()
    {
        var ctx = new ProfileContext();
        var p = new AccountProfile(0, "a");
        var f = new ExchangeFeatures { Account = "a" };
        // 22:00-02:00 UTC: centred on midnight, not on noon
        foreach (var h in new[] { 22, 23, 0, 1, 22, 23, 0, 1 }) { f.Id = "x" + h; f.TimestampMs = LogStart + h * Hour + 30 * Minute; p.Add(f, ctx); }
        Assert.InRange(KeyGroupBuilder.HoursApart(KeyGroupBuilder.DayCentre(p), 0), 0, 0.6);
        var even = new AccountProfile(1, "b");
        for (int h = 0; h < 24; h++) { f.Account = "b"; f.Id = "y" + h; f.TimestampMs = LogStart + h * Hour; even.Add(f, ctx); }
        Assert.True(double.IsNaN(KeyGroupBuilder.DayCentre(even)));
    }
}
