using DistillGuard.Core.Accounts;
using DistillGuard.Core.Analysis;
using DistillGuard.Core.Links;
using DistillGuard.Core.Model;
using DistillGuard.Core.Profiles;
using DistillGuard.Core.Scoring;

namespace DistillGuard.Core.Tests.Links;

/// <summary>A <see cref="KeyGroupBuilder"/> over hand-made profiles and registry records, with the detector's defaults
/// (nobody allowlisted, no replays, no IP intelligence unless given).</summary>
internal static class LinkGraphs
{
    /// <summary>Milliseconds in a minute, an hour and a day, and the start of the hand-made logs (their timestamps).</summary>
    public const long Minute = 60_000, Hour = 60 * Minute, DayMs = 24 * Hour;
    public static readonly long LogStart = DateTimeOffset.Parse("2026-10-07T00:00:00Z").ToUnixTimeMilliseconds();

    /// <summary>A hand-made log: accounts added with their registry record and exchanges, then built into a
    /// <see cref="KeyGroupBuilder"/>.</summary>
    internal sealed class World
    {
        public readonly ProfileContext Context = new();
        public readonly List<AccountProfile> Profiles = new();
        public readonly List<AccountRecord?> Records = new();

        /// <summary>Adds an account with <paramref name="exchanges"/> exchanges, each set by <paramref name="exchange"/>
        /// (its index and the features, whose id and account are set first) on one reused <paramref name="f"/>.</summary>
        public void Add(AccountRecord record, int exchanges, ExchangeFeatures f, Action<int, ExchangeFeatures> exchange)
            => Add(record.Account, record, exchanges, f, exchange);

        /// <summary>As <see cref="Add(AccountRecord, int, ExchangeFeatures, Action{int, ExchangeFeatures})"/>, for an account
        /// no registry knows (<paramref name="record"/> null: a log read with <c>--log</c> alone).</summary>
        public void Add(string account, AccountRecord? record, int exchanges, ExchangeFeatures f, Action<int, ExchangeFeatures> exchange)
        {
            var p = new AccountProfile(Profiles.Count, account);
            Profiles.Add(p);
            Records.Add(record);
            for (int i = 0; i < exchanges; i++)
            {
                f.Account = account;
                f.Id = $"{account}_{i}";
                exchange(i, f);
                p.Add(f, Context);
            }
        }

        /// <summary>Adds an account that sends every request from <paramref name="ip"/> on one system prompt and tool set, on a
        /// person's working day (9:00–18:00 UTC on one of the log's ten days), each request a template and item of its own.</summary>
        public void AddOnAPersonsDay(AccountRecord record, int exchanges, string ip, ulong prompt, ulong tools, ExchangeFeatures f, Random r)
            => Add(record, exchanges, f, (_, x) =>
            {
                x.TimestampMs = LogStart + r.Next(10) * DayMs + 9 * Hour + r.NextInt64(9 * Hour);
                x.Ip = ip;
                x.SystemHash = prompt;
                x.ToolSetHash = tools;
                x.TemplateFingerprint = (ulong)r.NextInt64();
                x.ItemHash = (ulong)r.NextInt64();
            });

        /// <summary>Adds <paramref name="n"/> customers, each sending 20 requests from an address of its own on a prompt of its
        /// own, on a person's day, paid and signed up one by one.</summary>
        public void AddCustomers(Random r, int n = 700)
        {
            for (int c = 0; c < n; c++)
                AddOnAPersonsDay(OwnRecord($"cust_{c:000}", r), 20, $"203.0.{c / 250}.{c % 250 + 1}", 0xC0570000UL + (ulong)c, 0,
                    new ExchangeFeatures { UserAgent = "python-httpx/0.27", MaxTokens = 1024 + 512 * (c % 4), Temperature = 0.1 * (c % 10) }, r);
        }

        /// <summary>Adds an agent platform's <paramref name="n"/> users on its two egress addresses (198.51.100.40 and .41)
        /// with its system prompt, each signed up one by one and sending 30 requests over the log on a person's day.</summary>
        public void AddPlatformUsers(Random r, ulong prompt, int n = 40)
        {
            for (int u = 0; u < n; u++)
                AddOnAPersonsDay(OwnRecord($"user_{u:00}", r), 30, $"198.51.100.{40 + u % 2}", prompt, 0,
                    new ExchangeFeatures { UserAgent = "platform-agent/3.1", MaxTokens = 2048 + 1024 * (u % 3), Temperature = 0.1 * (u % 5) }, r);
        }

        /// <summary>Builds the world, with <paramref name="ipIntel"/> naming hosting ranges (none by default).</summary>
        public (KeyGroupBuilder Builder, List<AccountProfile> Profiles) Build(IpIntel? ipIntel = null)
        {
            var builder = Builder(Profiles, Context, Records, ipIntel: ipIntel);
            builder.Build();
            return (builder, Profiles);
        }
    }

    /// <summary>A paid account's registry record with a card and mail domain of its own, signed up at
    /// <paramref name="created"/> or, by default, one by one over the year before the log (at least two weeks before it).</summary>
    public static AccountRecord OwnRecord(string account, Random r, long? created = null) => new()
    {
        Account = account, CreatedMs = created ?? LogStart - 14 * DayMs - r.NextInt64(400 * DayMs), Tier = "paid",
        EmailDomain = $"{account}.example", PaymentFingerprint = "pf_" + account,
    };

    /// <summary>The profiles whose account names start with <paramref name="prefix"/>.</summary>
    public static IEnumerable<AccountProfile> Named(List<AccountProfile> profiles, string prefix)
        => profiles.Where(p => p.Account.StartsWith(prefix, StringComparison.Ordinal));

    /// <summary>What the operator rules measured and decided for every candidate, for an assertion's message.</summary>
    public static string Why(KeyGroupBuilder builder)
        => string.Join(" | ", builder.OperatorCandidates.Select(c => $"{c.Source}: {c.Outcome} ({c.Measures})"));

    public static KeyGroupBuilder Builder(List<AccountProfile> profiles, ProfileContext ctx, List<AccountRecord?> records, KeyGroupPool? pool = null, IpIntel? ipIntel = null)
        => new(new LinkGraphInputs
        {
            Profiles = profiles, Context = ctx, Records = records, Allowlisted = new bool[profiles.Count],
            Harvest = profiles.Select(HarvestStrength.Of).ToArray(), Replays = Array.Empty<ReplayEdge>(), IpIntel = ipIntel ?? IpIntel.Empty,
            Options = DetectorOptions.Default, KeyGroupPool = pool,
        });
}
