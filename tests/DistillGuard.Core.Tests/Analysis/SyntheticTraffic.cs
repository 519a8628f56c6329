using DistillGuard.Core.Accounts;
using DistillGuard.Core.Model;

namespace DistillGuard.Core.Tests.Analysis;

/// <summary>Truth about one synthetic account.</summary>
public sealed record SyntheticAccount(string Id, string Population, string? Campaign);

/// <summary>
/// A small seeded generator of feature streams (what the reader stage would emit): ordinary users, the hard negatives
/// of the threat record (campus NAT, corporate card, agent platform, enterprise batch template, a researcher sweeping a
/// benchmark step by step, a licensed distiller) and coordinated campaigns, one of them hiding among relayed traffic.
/// All values are invented here; addresses come from the documentation ranges.
/// </summary>
public sealed class SyntheticTraffic
{
    public sealed record Settings
    {
        public int Seed { get; init; } = 7;
        public int LegitUsers { get; init; } = 160;
        public int CampaignAccounts { get; init; } = 30;
        /// <summary>Share of the main campaign's exchanges that are relayed ordinary traffic.</summary>
        public double Camouflage { get; init; } = 0.7;
        public int RewardCampaignAccounts { get; init; } = 12;
        public bool IncludeHardNegatives { get; init; } = true;
        /// <summary>Campaign B also egresses through campaign A's hosting range (two strangers on one proxy provider).</summary>
        public bool SharedEgress { get; init; }
        public bool IncludeRegistry { get; init; } = true;
        /// <summary>Maps every account's country (to show it changes nothing).</summary>
        public Func<string, string>? CountryMap { get; init; }
        /// <summary>Replacement accounts of campaign A (same burst, cards, domain, egress and template) that each made
        /// only 1–6 requests before being banned or rotated: a Hydra cluster's short-lived accounts.</summary>
        public int Replacements { get; init; }
        /// <summary>Independent researchers running campaign A's prompt format (a public benchmark's): own cards,
        /// residential addresses, own timing; step-by-step prompts at maximal budgets.</summary>
        public int BenchmarkUsers { get; init; }
        /// <summary>Campaign C: bought, aged accounts, each with its former owner's traffic on one home network, then a
        /// few harvest requests per account through rotating residential exits, every prompt reworded (no shared
        /// template, one shared instruction skeleton), a card and e-mail domain of its own.</summary>
        public int BoughtAccounts { get; init; }
        /// <summary>Users who ask step-by-step questions at maximal budgets in campaign C's wording, from home.</summary>
        public int SkeletonUsers { get; init; }
        /// <summary>Users who once asked a step-by-step question at maximal budgets from a network they use for nothing
        /// else (a café, a hotel), in their own words.</summary>
        public int TravellingUsers { get; init; }
        /// <summary>Share of campaign B's requests sent on campaign A's template (a second operation running the
        /// first's published prompt): a content bridge between two operations that share nothing else.</summary>
        public double BridgeShare { get; init; }
        /// <summary>Campaign D: a transfer station harvesting agentic coding and tool use with no harvest wording at all —
        /// fresh startup accounts in one sign-up burst, a few shared cards, one hosting range, one SDK, one system prompt
        /// and tool set, round-robin round the clock at the log's largest output budget, half its traffic moved to a new
        /// model within hours of its release. No content signal fires on any of its requests.</summary>
        public int StationAccounts { get; init; }
        /// <summary>More accounts of campaign D on its cards, signed up in its burst, that carry only its relayed customers'
        /// ordinary requests (no harvest of their own) from residential addresses on a human schedule.</summary>
        public int StationRelayAccounts { get; init; }
        /// <summary>Campaign D runs on bought aged accounts: paid tier, signed up one by one over the two years before the
        /// log (no burst, nothing fresh), some verified, each under a name of its own.</summary>
        public bool StationAged { get; init; }
        /// <summary>With <see cref="StationAged"/>: every account pays with a card of its own and signs up on a public mail
        /// provider, so nothing in the registry ties two of them; only the exits they share and how they run do.</summary>
        public bool StationOwnCards { get; init; }
        /// <summary>Campaign D without a machine's tells: no system prompt, each account on a person's daytime schedule
        /// (no round-robin, nothing round the clock), its parameters spread over three vectors of the operation's own
        /// (three output budgets no one else asks).</summary>
        public bool StationHuman { get; init; }
        /// <summary>With <see cref="StationHuman"/>: each account is pinned to one of this many exits (0: off), one address in a
        /// network of its own, not known as hosting, several accounts to each; two thirds of the accounts ask one output budget
        /// and temperature of the operation's own, the rest another. With <see cref="StationAged"/> and
        /// <see cref="StationOwnCards"/> nothing but those exits and how they are used ties two accounts. About three in ten of
        /// its bought accounts are verified (half, without pinned exits).</summary>
        public int StationPinnedExits { get; init; }
        /// <summary>With <see cref="StationPinnedExits"/>: the station's accounts keep no quiet hours — each spreads its requests
        /// over the whole day, as a harness served round-robin does, where a person's day has a quiet third.</summary>
        public bool StationPinnedRoundTheClock { get; init; }
        /// <summary>With <see cref="StationPinnedExits"/>: ordinary users (a card, a home and hours of their own) whose client
        /// sends the station's main parameter vector (its output budget and temperature) in every request — a framework's
        /// preset — so most holders of that vector are people nothing ties to one another.</summary>
        public int StationVectorCustomers { get; init; }
        /// <summary>With <see cref="StationPinnedExits"/>: the harness declares no tools (plain completions), so no tool set of
        /// its own ties its accounts.</summary>
        public bool StationPinnedNoTools { get; init; }
        /// <summary>With <see cref="StationPinnedExits"/>: more accounts of campaign D, aged, a card and webmail each, that send
        /// only ordinary requests (no harvest, no system prompt, no shared budget) from one of its exits each, with its SDK and
        /// on its hours: the exit and the client are all that tie them to it.</summary>
        public int StationExitSharers { get; init; }
        /// <summary>With <see cref="StationPinnedExits"/>: customers who send about a quarter of their requests from one of the
        /// station's exits (a VPN exit it rents too) and the rest from home, half with the station's SDK, half with another.</summary>
        public int StationExitCustomers { get; init; }
        /// <summary>With <see cref="StationPinnedExits"/>: customers who send every request from one of the station's exits (a
        /// VPN exit they keep on), a quarter of them on each exit with the station's SDK, the rest with another.</summary>
        public int StationExitResidents { get; init; }
        /// <summary>With <see cref="StationPinnedExits"/>: customers on a neighbouring address of the /24 of one of the station's
        /// exits (a VPN provider's or cloud range; an address of their own, nobody else on it), signed up within the station's
        /// sign-up hours, each with a card and SDK of its own, a third of their requests at the log's largest output budget
        /// (researchers at maximal budgets): the range, the hours and the budget are all they share with the station.</summary>
        public int StationExitNeighbours { get; init; }
        /// <summary>With <see cref="StationPinnedExits"/>: the station's last three accounts per satellite exit (this many, 0:
        /// off) are on exits of their own, three accounts to each, and the accounts off the main vector spread over three
        /// minor vectors of the operation's own (a budget per model), so no vector has three accounts on a satellite exit.</summary>
        public int StationSatelliteExits { get; init; }
        /// <summary>With <see cref="StationPinnedExits"/>: the harness sends one system prompt of the operation's own in every
        /// request and each account asks an output budget of its own, so no parameter vector ties two of its accounts:
        /// only the prompt and the exits, each exit a network of its own, are common to them.</summary>
        public bool StationPinnedPrompt { get; init; }
        /// <summary>With <see cref="StationPinnedExits"/>: the harness spreads its accounts over three parameter vectors and
        /// three tool sets of the operation's own (an account one of each, in turn across the exits), so on every exit each
        /// vector and each tool set holds a third of the accounts, none half.</summary>
        public bool StationSpreadHarness { get; init; }
        /// <summary>Researchers of one lab (a hard negative): aged accounts, a card each, a person's hours, all behind the lab's one
        /// NAT address, all running the lab's evaluation script — one output budget and temperature nobody else asks — on
        /// ordinary coding and reasoning questions.</summary>
        public int LabAccounts { get; init; }
        /// <summary>With <see cref="StationHuman"/>: every account asks an output budget of its own (no shared parameter
        /// vector at all) and the operation moves jointly to the new model within hours of its release.</summary>
        public bool StationPivotOnly { get; init; }
        /// <summary>Campaign D runs as this many crews (1: one): each crew its own system prompt, hosting range and
        /// working hours, every crew paying with one card.</summary>
        public int StationCrews { get; init; } = 1;
        /// <summary>Campaign D spreads its identity: a card of its own for every account, a public mail provider's
        /// addresses, exits in ranges not known to be hosting, and sign-ups in three batches a day apart under three
        /// organisation names of its own. No card, domain or hosting address ties two of its accounts in the whole log.</summary>
        public bool StationSpread { get; init; }
        /// <summary>With <see cref="StationSpread"/>: this share of campaign D's accounts works loose — each from one
        /// residential address of its own, never on the templates the rest of the station shares — tied to the others
        /// only by its system prompt, its organisation names and its sign-up batches.</summary>
        public double StationLooseShare { get; init; }
        /// <summary>Campaign D hides behind a residential proxy pool: bought aged accounts, a card and a public mail address
        /// of its own for each, no organisation name, every request from a new residential network. Nothing but its one
        /// system prompt (and how its exits behave) is shared by two of its accounts.</summary>
        public bool StationRotating { get; init; }
        /// <summary>With <see cref="StationRotating"/>: the operation's harness sends no system prompt and keeps a person's
        /// hours — each account on a daytime window of its own, asking a budget of its own — and declares tools of its own
        /// (names no one else's client sends). Only those tools and its rotating exits are common to its accounts.</summary>
        public bool StationQuiet { get; init; }
        /// <summary>Accounts of another operation that each ask for step-by-step reasoning in a third of their requests, every
        /// request from a new residential network, a card and a webmail address of their own: rotation that comes with harvest.</summary>
        public int RotatingHarvesters { get; init; }
        /// <summary>With <see cref="StationQuiet"/>: the operation declares the agent platform's tools (a published set its
        /// users' client sends) instead of its own.</summary>
        public bool StationPublicTools { get; init; }
        /// <summary>With <see cref="StationRotating"/>: no round-robin harness but people's sessions — each account a few
        /// sessions a day at hours of its own, each this many turns a minute apart from one residential network, a new
        /// network every session (a proxy pool that rotates per session, not per request). 0: off.</summary>
        public int StationSessionTurns { get; init; }
        /// <summary>Campaign D's harness without a round-robin or a prompt: requests at random moments (Poisson) day and night
        /// for six days, no system prompt, no move to the new model, two thirds of the accounts on one output budget and a
        /// third on another of the operation's own. With <see cref="StationAged"/> and <see cref="StationOwnCards"/> only
        /// its hosting exits tie its accounts.</summary>
        public bool StationPoisson { get; init; }
        /// <summary>The agent platform's egress spans this many networks (a cloud provider's ranges), a few addresses in
        /// each that all its users share; its users work in sessions of several turns, each session leaving from one of
        /// the networks (with <see cref="PlatformHuman"/>, sessions in a person's ten hours a day). 0: off (one range).</summary>
        public int PlatformEgressNetworks { get; init; }
        /// <summary>With <see cref="PlatformEgressNetworks"/>: this share of the platform users' sessions asks for
        /// step-by-step reasoning (every turn of the session), as some of any population's users now and then do.</summary>
        public double PlatformSessionHarvestShare { get; init; }
        /// <summary>Share of ordinary users who roam: every request from another network (a phone between carriers,
        /// cafés, hotels).</summary>
        public double RoamingShare { get; init; }
        /// <summary>Users of a phone agent app who bring their own free, unverified accounts: one system prompt, tool set
        /// and parameter vector for all, every request from another network, ordinary tool use, own hours.</summary>
        public int RoamingAppUsers { get; init; }
        /// <summary>Campaign D runs the agent platform's system prompt (copied from its public client), and three of its
        /// accounts registered under a common personal name that two of the platform's users registered under too (the
        /// platform then pins each user to one of ten egress addresses, four users to each).</summary>
        public bool StationOnPlatformPrompt { get; init; }
        /// <summary>The agent platform's users keep a person's hours (ten hours a day from a start of their own) instead of
        /// being served at any hour, and each is pinned to one of the platform's ten egress addresses, in a range not known
        /// as hosting; none has verified its identity (the platform signs its users up).</summary>
        public bool PlatformHuman { get; init; }
        /// <summary>With <see cref="PlatformHuman"/>, the platform's ten egress addresses are in a range known as hosting.</summary>
        public bool PlatformEgressKnownHosting { get; init; }
        /// <summary>Campaign D's round-robin harness egresses from the agent platform's ten addresses (the same cloud).</summary>
        public bool StationOnPlatformEgress { get; init; }
        /// <summary>Campaign D's round-robin harness runs mostly by day: from 20:00 to 08:00 UTC it sends one request in five
        /// of its day rate, so no account runs round the clock (a fifth of the rate at night leaves about a tenth of its
        /// requests in its quietest eight hours) and none keeps a person's hours either.</summary>
        public bool StationDayHeavy { get; init; }
        /// <summary>Campaign D's round-robin harness egresses from two addresses of the agent platform's own /24 (a cloud
        /// range both rent), which none of the platform's users use.</summary>
        public bool StationBesidePlatform { get; init; }
        /// <summary>Output budget of campaign D's requests.</summary>
        public int StationBudget { get; init; } = 64000;
        /// <summary>The agent platform's users ask the same output budget as campaign D (the platform sets the model's
        /// maximum by default).</summary>
        public bool PlatformAtStationBudget { get; init; }
        /// <summary>A company's own fleet: verified enterprise accounts under one organisation name, one card, one hosting
        /// address, its product's system prompt (which asks for step-by-step reasoning) on a machine schedule.</summary>
        public int FleetAccounts { get; init; }
        /// <summary>More of the fleet's accounts, under its name, card and address but unverified, that run a second product
        /// of the company (a system prompt of their own) on the same machine schedule.</summary>
        public int FleetUnverifiedWorkers { get; init; }
        /// <summary>Campaign E: a replay ring — issuers ask ordinary questions with thinking on; other accounts paste
        /// those reasoning artifacts into conversations of their own. Human timing, residential addresses, own cards:
        /// nothing but the artifacts ties them.</summary>
        /// <summary>A hydra that collects thinly: accounts on shared cards and hosting exits, human timing, ordinary
        /// coding with a few step-by-step requests each (about as many as the campus's students ask), no template, no
        /// budget at the ceiling, no burst. Campaign "H".</summary>
        public int ThinHydraAccounts { get; init; }
        /// <summary>Campaign "W": a chain-of-thought sweep run as this many crews (0: off) of <see cref="CrewSweepAccounts"/>
        /// accounts, each crew on a hosting range and working hours of its own and paying with a card of its own, every
        /// request worded its own way (no template), items split between accounts, and one parameter vector for the whole
        /// operation: an output budget and temperature no one else sends. Without the registry nothing but that vector and
        /// what the requests ask ties one crew to another.</summary>
        public int CrewSweepCrews { get; init; }
        public int CrewSweepAccounts { get; init; } = 12;
        /// <summary>Ordinary users (own cards, homes and hours) whose client sends campaign W's parameter vector in every
        /// request: a framework's preset, so the vector is a popular one.</summary>
        public int CrewVectorCustomers { get; init; }
        /// <summary>Campaign "R": a transfer station relaying its customers from three ranges only its accounts use (not
        /// known to be hosting), on bought aged paid accounts each with a card and public mail address of its own and a
        /// popular SDK, each request from one of the ranges, each account on its customers' hours; a quarter of its requests ask for step-by-step reasoning in
        /// words of their own, the rest are its customers' ordinary requests. Nothing but the ranges ties two accounts.</summary>
        public int RelayStationAccounts { get; init; }
        /// <summary>A throttled hydra (campaign "T"): fresh free accounts signed up in four batches days apart, one card
        /// per batch, addresses not known as hosting, public mail domains, one system prompt and parameter vector, and a
        /// handful of ordinary-looking tool-use requests per account on a human schedule — too few for the accounts to
        /// share anything densely, and no harvest signal.</summary>
        public int ThrottledHydraAccounts { get; init; }
        /// <summary>With <see cref="ThrottledHydraAccounts"/>: the hydra bought enterprise seats — every account on the
        /// enterprise tier, about three in five verified, each registered under a company name of its own invention
        /// (no two alike), with public mail (gmail.com, as half the ordinary users have).</summary>
        public bool ThrottledEnterprise { get; init; }
        /// <summary>A company that opened seats for its team in one afternoon (a hard negative): verified enterprise accounts
        /// registered to people (no organisation name), all on the company's mail domain and corporate card, behind its
        /// office address, each using its internal assistant (one system prompt) on a person's working hours.</summary>
        public int OnboardedTeamAccounts { get; init; }
        /// <summary>A hydra that replaces its accounts as it uses them up (campaign "U"): two cards, each paying for half
        /// of its accounts — more accounts to a card than one in twenty of the log's — each account signed up hours before
        /// its first request, used over a day or two for a handful of requests (about a third of them asking for
        /// step-by-step reasoning) and dropped, the next one signed up later in the week; all send one parameter vector,
        /// from addresses not known as hosting, with public mail domains and popular clients.</summary>
        public int ChurnHydraAccounts { get; init; }
        /// <summary>A hydra signed up in four batches, a card per batch (campaign "W"): a third of its accounts harvest on one
        /// template of step-by-step reasoning, the rest send a handful of ordinary coding requests on one parameter vector,
        /// each from a residential address of its own and a public mail domain — the batches' cards and sign-up hours and
        /// that vector are all that ties them to the harvesters.</summary>
        public int BatchHydraAccounts { get; init; }
        /// <summary>Employees on the corporate card (one of the hard negatives).</summary>
        public int CorporateCardAccounts { get; init; } = 20;
        /// <summary>Chance that an ordinary user's request asks for step-by-step reasoning.</summary>
        public double LegitCotRate { get; init; } = 0.03;
        /// <summary>Chance that a campus student's request does (homework).</summary>
        public double CampusCotRate { get; init; } = 0.15;
        public int ReplayIssuers { get; init; }
        public int ReplayPresenters { get; init; }
        /// <summary>More presenters of campaign E that paste rarely: two artifacts, of two different issuers, once each,
        /// among 20–30 ordinary requests of their own.</summary>
        public int ReplaySparsePresenters { get; init; }
        /// <summary>The ring branches instead of asking: issuers think at the log's largest budget, presenters ask its
        /// largest output budget, and a presenter's request carries an issued artifact in its conversation (with tool
        /// results of its own) and no instruction to write anything out — no content signal at all.</summary>
        public bool ReplayWordless { get; init; }
        /// <summary>The ring's accounts are one organisation's own, declared: verified enterprise accounts under one name
        /// that hand conversations to one another (an agent framework's service accounts).</summary>
        public bool ReplayOneOrganisation { get; init; }
    }

    private readonly struct Ev
    {
        public required long Ts { get; init; }
        public required int Account { get; init; }
        public required ulong Template { get; init; }
        public required ulong Item { get; init; }
        public required SignalSet Signals { get; init; }
        public required Capability Caps { get; init; }
        public required string Ip { get; init; }
        public required int MaxTokens { get; init; }
        public required int Thinking { get; init; }
        public required double? Temperature { get; init; }
        public ulong System { get; init; }
        public int Tools { get; init; }
        /// <summary>The tool set declared (0: the app's own with its system prompt, else a popular public set).</summary>
        public ulong ToolSet { get; init; }
        public string Model { get; init; }
        public ulong Issued { get; init; }
        public ulong Presented { get; init; }
        public ulong Skeleton { get; init; }
    }

    private static readonly string[] PopularAgents = { "python-httpx/0.27.0", "OpenAI/Python 1.51.0", "Anthropic/Python 0.39.0", "node-fetch/3.3.2", "curl/8.5.0" };
    private static readonly string[] PopularJa4 = { "t13d1516h2_8daaf6152771_02713d6af862", "t13d1715h2_5b57614c22b0_3d5424432f57", "t13d1812h2_e8f1e7e78f70_b26ce05bbdd6" };
    private static readonly string[] Countries = { "US", "DE", "SG", "BR", "IN", "GB", "JP", "FR", "CN", "KR" };
    public static readonly long Start = new DateTimeOffset(2026, 2, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();
    private const long Day = 86_400_000L, Hour = 3_600_000L;

    private readonly Settings _s;
    private readonly Random _r;
    private readonly List<SyntheticAccount> _accounts = new();
    private readonly List<AccountRecord> _records = new();
    private readonly List<Ev> _events = new();
    private readonly List<string> _allow = new();

    public SyntheticTraffic(Settings? settings = null)
    {
        _s = settings ?? new Settings();
        _r = new Random(_s.Seed);
        Generate();
        _events.Sort((a, b) => a.Ts != b.Ts ? a.Ts.CompareTo(b.Ts) : a.Account.CompareTo(b.Account));
    }

    public IReadOnlyList<SyntheticAccount> Accounts => _accounts;
    public AccountRegistry Registry => new(_records);
    public Allowlist Allowlist => new(_allow);
    public int ExchangeCount => _events.Count;
    /// <summary>The hosting ranges the campaigns egress from, as an operator's IP-intelligence file would list them.</summary>
    public IpIntel IpIntel => new(new[]
    {
        Cidr("203.0.113.0/24"), Cidr("198.18.0.0/15"), Cidr("192.0.2.0/24"),
    });

    private static IpRange Cidr(string c)
    {
        var list = new List<IpRange>();
        IpIntel.Parse(new StringReader(c), list);
        return list[0];
    }

    /// <summary>Replays the stream in time order through one reused instance, as the reader does.</summary>
    public void Replay(Action<ExchangeFeatures> onExchange)
    {
        var f = new ExchangeFeatures();
        long n = 0;
        foreach (var e in _events)
        {
            n++;
            var acc = _accounts[e.Account];
            f.Id = $"ex_{n:000000000}";
            f.TimestampMs = e.Ts;
            f.Account = acc.Id;
            f.Ip = e.Ip;
            f.UserAgent = UaOf(e.Account);
            f.Ja4 = Ja4Of(e.Account);
            f.Route = "direct";
            f.Api = ApiFormat.OpenAIChatCompletions;
            f.Model = e.Model ?? "model-a1";
            f.MaxTokens = e.MaxTokens;
            f.ThinkingBudget = e.Thinking;
            f.Temperature = e.Temperature;
            f.N = 1;
            f.Logprobs = false;
            f.ToolCount = e.Tools;
            f.TemplateFingerprint = e.Template;
            f.SkeletonFingerprint = e.Skeleton;
            f.ItemHash = e.Item;
            f.SystemHash = e.System;
            // An app's prompt comes with its own tools (a platform's, a station's harness); tools without a prompt of
            // the app's own are a popular public set, unless the event names its set.
            f.ToolSetHash = e.Tools == 0 ? 0 : e.ToolSet != 0 ? e.ToolSet : e.System != 0 ? ToolsOf(e.System) : 77UL;
            f.Signals = e.Signals;
            f.Capabilities = e.Caps;
            f.IssuedArtifacts.Clear();
            f.PresentedArtifacts.Clear();
            if (e.Issued != 0) f.IssuedArtifacts.Add(e.Issued);
            if (e.Presented != 0) f.PresentedArtifacts.Add(e.Presented);
            onExchange(f);
        }
    }

    private readonly Dictionary<int, string> _ua = new(), _ja4 = new();
    private string UaOf(int a) => _ua[a];
    private string Ja4Of(int a) => _ja4[a];

    private int NewAccount(string population, string? campaign, string tier, bool verified, long created, string pay, string domain, string ua, string ja4, string? org = null)
    {
        int idx = _accounts.Count;
        var id = $"acct_{_r.Next(100000, 999999)}_{idx:0000}";
        _accounts.Add(new SyntheticAccount(id, population, campaign));
        var country = Countries[_r.Next(Countries.Length)];
        if (_s.CountryMap is not null) country = _s.CountryMap(country);
        if (_s.IncludeRegistry)
            _records.Add(new AccountRecord
            {
                Account = id, CreatedMs = created, Tier = tier, Verified = verified, PaymentFingerprint = pay,
                // organisations' accounts under the organisation's name; individuals and campaigns' (bought or fresh) accounts under none in common
                EmailDomain = domain, Country = country, OrgName = org ?? (population is "corporate-card" or "enterprise-batch" or "licensed-distiller" ? population : null),
            });
        _ua[idx] = ua;
        _ja4[idx] = ja4;
        return idx;
    }

    private ulong Rand64() => (ulong)_r.NextInt64() ^ ((ulong)_r.Next() << 40);
    private string Pay() => $"pf_{_r.Next():x8}";
    private string ResidentialIp() => $"100.{_r.Next(64, 128)}.{_r.Next(256)}.{_r.Next(1, 255)}";
    private string Popular(string[] a) => a[_r.Next(a.Length)];
    /// <summary>One instance of a template: up to 6 bits differ from the skeleton, as filled-in slots move a SimHash.</summary>
    private static ulong Noise(ulong fp, Random r)
    {
        int flips = r.Next(7);
        for (int i = 0; i < flips; i++) fp ^= 1UL << r.Next(64);
        return fp;
    }

    /// <summary>Arrival times: a user's daily active window (hours), Poisson-like within it, over 7 days.</summary>
    private IEnumerable<long> Times(int count, int startHour, int windowHours, bool regular = false)
    {
        for (int i = 0; i < count; i++)
        {
            long day = _r.Next(7);
            double h = regular ? (double)i / count * windowHours * 7 % windowHours : _r.NextDouble() * windowHours;
            if (regular) day = (long)((double)i / count * 7);
            yield return Start + day * Day + (long)(((startHour + h) % 24) * Hour) + _r.Next(60_000);
        }
    }

    private void Ordinary(int a, int count, string ipSel, double cotRate, int startHour, Func<string>? ip = null)
    {
        ulong own = Rand64();
        foreach (var ts in Times(count, startHour, 10))
        {
            bool cot = _r.NextDouble() < cotRate;
            bool newModel = ts > Start + 5 * Day && _r.NextDouble() < 0.1;
            _events.Add(new Ev
            {
                Ts = ts, Account = a, Template = _r.NextDouble() < 0.2 ? own : Rand64(), Item = Rand64(),
                Signals = cot ? SignalSet.CotElicitation : SignalSet.None,
                Caps = _r.NextDouble() < 0.5 ? Capability.Writing : Capability.Coding, Ip = ip?.Invoke() ?? ipSel,
                MaxTokens = _r.Next(4) * 1024, Thinking = 0, Temperature = _r.NextDouble() < 0.5 ? null : 0.7,
                Model = newModel ? "model-b2" : "model-a1",
            });
        }
    }

    private void Generate()
    {
        long oldCreated() => Start - (long)(_r.Next(60, 700) * Day);

        // Ordinary users: popular SDKs, residential addresses, own cards, occasional step-by-step questions.
        for (int i = 0; i < _s.LegitUsers; i++)
        {
            int a = NewAccount("legit", null, _r.NextDouble() < 0.6 ? "paid" : "free", _r.NextDouble() < 0.8, oldCreated(), Pay(),
                _r.NextDouble() < 0.5 ? "gmail.com" : $"d{i}.example.com", Popular(PopularAgents), Popular(PopularJa4));
            bool roams = _s.RoamingShare > 0 && _r.NextDouble() < _s.RoamingShare;   // no draw when off: other tests' streams unchanged
            Ordinary(a, _r.Next(15, 220), ResidentialIp(), _s.LegitCotRate, _r.Next(24), roams ? new Func<string>(ResidentialIp) : null);
        }
        // A phone agent app's users: the app's prompt, tools and parameters, the users' own accounts and networks.
        ulong appSystem = _s.RoamingAppUsers > 0 ? Rand64() : 0;
        for (int i = 0; i < _s.RoamingAppUsers; i++)
        {
            int a = NewAccount("roaming-app", null, "free", false, oldCreated(), Pay(), "gmail.com", "pocketapp/3.2", PopularJa4[2]);
            foreach (var ts in Times(_r.Next(20, 60), _r.Next(24), 12))
                _events.Add(new Ev
                {
                    Ts = ts, Account = a, Template = Rand64(), Item = Rand64(), System = appSystem, Tools = 4,
                    Signals = SignalSet.None, Caps = Capability.AgenticToolUse, Ip = ResidentialIp(),
                    MaxTokens = 4096, Thinking = 0, Temperature = 0.3,
                });
        }

        if (_s.IncludeHardNegatives)
        {
            // Campus NAT: students behind one address, same university domain, step-by-step homework now and then.
            for (int i = 0; i < 25; i++)
            {
                int a = NewAccount("campus-nat", null, "edu", true, oldCreated(), Pay(), "uni.example.edu", Popular(PopularAgents), PopularJa4[0]);
                Ordinary(a, _r.Next(20, 80), "198.51.100.10", _s.CampusCotRate, 8);
            }
            // Corporate card: employees on one payment instrument and one office prefix.
            var corpCard = Pay();
            for (int i = 0; i < _s.CorporateCardAccounts; i++)
            {
                int a = NewAccount("corporate-card", null, "enterprise", true, oldCreated(), corpCard, "corp.example.com", PopularAgents[1], PopularJa4[1]);
                Ordinary(a, _r.Next(30, 150), $"198.51.100.{_r.Next(64, 72)}", i == 0 ? 0.3 : 0.02, 9);
            }
            // Agent platform: many customers' accounts called from the platform's servers with its system prompt and tools.
            ulong platformSystem = Rand64();
            _platformSystem = platformSystem;
            for (int i = 0; i < 40; i++)
            {
                int a = NewAccount("agent-platform", null, "paid", !_s.PlatformHuman, oldCreated(), Pay(), $"cust{i}.example.net", "agentplatform/2.1", PopularJa4[2],
                    org: _s.StationOnPlatformPrompt && i < 2 ? CommonName : null);
                int pinned = 20 + i / 4;
                if (_s.PlatformEgressNetworks > 0)
                {
                    foreach (var start in _s.PlatformHuman ? Times(_r.Next(5, 25), _r.Next(6, 12), 10) : Times(_r.Next(5, 25), 0, 24))
                    {
                        string egress = $"52.{16 + _r.Next(_s.PlatformEgressNetworks)}.7.{10 + _r.Next(2)}";
                        var signals = _s.PlatformSessionHarvestShare > 0 && _r.NextDouble() < _s.PlatformSessionHarvestShare ? SignalSet.CotElicitation : SignalSet.None;
                        for (int k = 0, turns = _r.Next(6, 12); k < turns; k++)
                            _events.Add(new Ev
                            {
                                Ts = start + k * 45_000L, Account = a, Template = Rand64(), Item = Rand64(), System = platformSystem, Tools = 6,
                                Signals = signals, Caps = Capability.AgenticToolUse, Ip = egress, MaxTokens = 8192, Thinking = 0, Temperature = 0.2,
                            });
                    }
                    continue;
                }
                int visits = _r.Next(40, 200);
                foreach (var ts in _s.PlatformHuman ? Times(visits, _r.Next(6, 12), 10) : Times(visits, 0, 24))
                    _events.Add(new Ev
                    {
                        Ts = ts, Account = a, Template = Rand64(), Item = Rand64(), System = platformSystem, Tools = 6,
                        Signals = _r.NextDouble() < 0.5 ? SignalSet.MaxOutputBudget : SignalSet.None, Caps = Capability.AgenticToolUse,
                        Ip = _r.Next(10, 14) is var spread && _s.PlatformHuman ? $"{PlatformEgress}.{pinned}" : _s.StationOnPlatformPrompt ? $"192.0.2.{pinned}" : $"192.0.2.{spread}", MaxTokens = _s.PlatformAtStationBudget ? _s.StationBudget : 8192, Thinking = 0, Temperature = 0.2,
                    });
            }
            // Enterprise batch: a nightly summarisation template at maximal output, identical parameters, one card.
            ulong batch = Rand64();
            var entCard = Pay();
            for (int i = 0; i < 10; i++)
            {
                int a = NewAccount("enterprise-batch", null, "enterprise", true, oldCreated(), entCard, "bigco.example.com", PopularAgents[0], PopularJa4[0]);
                foreach (var ts in Times(300, 1, 3, regular: true))
                    _events.Add(new Ev
                    {
                        Ts = ts, Account = a, Template = Noise(batch, _r), Item = Rand64(), Signals = SignalSet.MaxOutputBudget,
                        Caps = Capability.Writing, Ip = "198.51.100.200", MaxTokens = 16384, Thinking = 0, Temperature = 0.0,
                    });
            }
            // A researcher sweeping a benchmark step by step: strong harvest signals, nobody else involved.
            {
                int a = NewAccount("researcher", null, "research", true, oldCreated(), Pay(), "lab.example.org", PopularAgents[0], PopularJa4[0]);
                ulong tpl = Rand64();
                foreach (var ts in Times(300, 10, 8))
                    _events.Add(new Ev
                    {
                        Ts = ts, Account = a, Template = Noise(tpl, _r), Item = Rand64(), Signals = SignalSet.CotElicitation | SignalSet.MaxThinkingBudget,
                        Caps = Capability.Math | Capability.Reasoning, Ip = "100.70.1.1", MaxTokens = 32000, Thinking = 32000, Temperature = 0.0,
                    });
            }
            // A licensed distiller (allowlisted): three accounts, one template, one card, heavy reasoning harvest.
            {
                ulong tpl = Rand64();
                var card = Pay();
                for (int i = 0; i < 3; i++)
                {
                    int a = NewAccount("licensed-distiller", null, "enterprise", true, oldCreated(), card, "licensee.example.com", PopularAgents[0], PopularJa4[0]);
                    _allow.Add(_accounts[a].Id);
                    foreach (var ts in Times(400, 0, 24, regular: true))
                        _events.Add(new Ev
                        {
                            Ts = ts + i * 1000, Account = a, Template = Noise(tpl, _r), Item = Rand64(), Signals = SignalSet.CotElicitation | SignalSet.AnswerToReasoning | SignalSet.MaxThinkingBudget | SignalSet.MaxOutputBudget,
                            Caps = Capability.Reasoning, Ip = $"203.0.113.{200 + i}", MaxTokens = 64000, Thinking = 32000, Temperature = 1.0,
                        });
                }
            }
        }

        // Campaign A: fresh free accounts made in one burst, hosting egress, one CoT template with answers given,
        // maximal budgets, round-robin timing, a benchmark split between accounts, relayed legit traffic as camouflage,
        // reasoning artifacts replayed across accounts, a pivot to the new model within hours of its release.
        {
            ulong tpl = _templateA = Rand64();
            long burst = Start - 2 * Day;
            var cards = Enumerable.Range(0, 4).Select(_ => Pay()).ToArray();
            var members = new List<int>();
            for (int i = 0; i < _s.CampaignAccounts; i++)
                members.Add(NewAccount("campaign", "A", "free", false, burst + _r.Next(0, 3 * 3600) * 1000L, cards[i % cards.Length], "mailbox.example", PopularAgents[0], PopularJa4[0]));
            int harvestPer = 120;
            int relayPer = _s.Camouflage <= 0 ? 0 : (int)Math.Round(harvestPer * _s.Camouflage / (1 - _s.Camouflage));
            var issued = new List<ulong>();
            long release = Start + 4 * Day + 2 * Hour;
            for (int m = 0; m < members.Count; m++)
            {
                int a = members[m];
                string Egress() => _r.NextDouble() < 0.5 ? $"203.0.113.{_r.Next(1, 40)}" : $"198.18.{_r.Next(0, 4)}.{_r.Next(1, 250)}";
                for (int k = 0; k < harvestPer; k++)
                {
                    long ts = Start + 1 * Day + (long)k * (5 * Day / harvestPer) + m * 60_000L + _r.Next(30_000);
                    ulong art = Rand64();
                    bool replay = issued.Count > 0 && _r.NextDouble() < 0.05;
                    _events.Add(new Ev
                    {
                        Ts = ts, Account = a, Template = Noise(tpl, _r), Item = Hash(m, k), Signals = SignalSet.CotElicitation | SignalSet.AnswerToReasoning | SignalSet.MaxThinkingBudget | SignalSet.MaxOutputBudget | (replay ? SignalSet.ArtifactReplay : 0),
                        Caps = Capability.Reasoning | Capability.Math, Ip = Egress(), MaxTokens = 64000, Thinking = 32000, Temperature = 1.0,
                        Model = ts > release && _r.NextDouble() < 0.6 ? "model-b2" : "model-a1",
                        Issued = art, Presented = replay ? issued[_r.Next(issued.Count)] : 0,
                    });
                    if (_r.NextDouble() < 0.2) issued.Add(art);
                }
                if (m == members.Count - 1)
                    for (int j = 0; j < _s.Replacements; j++)
                    {
                        int rep = NewAccount("campaign", "A", "free", false, burst + _r.Next(0, 3 * 3600) * 1000L, cards[j % cards.Length], "mailbox.example", PopularAgents[0], PopularJa4[0]);
                        int n = _r.Next(1, 7);
                        for (int k = 0; k < n; k++)
                            _events.Add(new Ev
                            {
                                Ts = Start + 1 * Day + (long)(_r.NextDouble() * 5 * Day), Account = rep, Template = Noise(tpl, _r), Item = Hash(1000 + j, k),
                                Signals = SignalSet.CotElicitation | SignalSet.AnswerToReasoning | SignalSet.MaxThinkingBudget | SignalSet.MaxOutputBudget,
                                Caps = Capability.Reasoning | Capability.Math, Ip = Egress(), MaxTokens = 64000, Thinking = 32000, Temperature = 1.0,
                            });
                    }
                if (m == 0)
                    for (int j = 0; j < _s.BenchmarkUsers; j++)
                    {
                        int u = NewAccount("benchmark-user", null, "research", true, oldCreated(), Pay(), $"lab{j}.example.org", Popular(PopularAgents), Popular(PopularJa4));
                        string home = ResidentialIp();
                        foreach (var ts in Times(_r.Next(40, 200), _r.Next(24), 8))
                            _events.Add(new Ev
                            {
                                Ts = ts, Account = u, Template = Noise(tpl, _r), Item = Rand64(),
                                Signals = SignalSet.CotElicitation | SignalSet.MaxThinkingBudget | SignalSet.MaxOutputBudget,
                                Caps = Capability.Reasoning | Capability.Math, Ip = home, MaxTokens = 64000, Thinking = 32000, Temperature = 1.0,
                            });
                    }
                // Relayed ordinary traffic from the reseller's end users.
                for (int k = 0; k < relayPer; k++)
                {
                    long ts = Start + 1 * Day + (long)(_r.NextDouble() * 5 * Day);
                    _events.Add(new Ev
                    {
                        Ts = ts, Account = a, Template = Rand64(), Item = Rand64(), Signals = _r.NextDouble() < 0.03 ? SignalSet.CotElicitation : SignalSet.None,
                        Caps = Capability.Writing | Capability.Conversation, Ip = Egress(), MaxTokens = _r.Next(4) * 1024, Thinking = 0,
                        Temperature = _r.NextDouble() < 0.5 ? null : 0.7, Model = "model-a1",
                    });
                }
            }
        }

        BoughtAndLookalikes();
        ThinHydra();
        CrewSweep();
        RelayStation();
        Station();
        ThrottledHydra();
        OnboardedTeam();
        Lab();
        ChurnHydra();
        BatchHydra();
        Fleet();
        ReplayRing();

        // Campaign B: reward-model data — rubric grading and pairwise judging on one template from another hosting range,
        // using the same popular SDK as campaign A (strangers: must stay a separate campaign).
        if (_s.RewardCampaignAccounts > 0)
        {
            ulong tpl = Rand64();
            var card = Pay();
            long burst = Start - 5 * Day;
            for (int i = 0; i < _s.RewardCampaignAccounts; i++)
            {
                int a = NewAccount("campaign", "B", "startup", false, burst + _r.Next(0, 4 * 3600) * 1000L, i % 2 == 0 ? card : Pay(), "startup.example", PopularAgents[0], PopularJa4[0]);
                foreach (var ts in Times(150, 20, 6, regular: true))
                    _events.Add(new Ev
                    {
                        Ts = ts + i * 20_000L, Account = a, Template = Noise(_r.NextDouble() < _s.BridgeShare ? _templateA : tpl, _r), Item = Rand64(),
                        Signals = (_r.NextDouble() < 0.5 ? SignalSet.RubricGrading : SignalSet.PairwiseJudging) | SignalSet.MaxOutputBudget,
                        Caps = Capability.RewardGrading, Ip = _s.SharedEgress && _r.NextDouble() < 0.5 ? $"203.0.113.{_r.Next(1, 40)}" : $"198.19.{_r.Next(10, 12)}.{_r.Next(1, 250)}", MaxTokens = 8192, Thinking = 0, Temperature = 0.0,
                    });
            }
        }
    }

    private ulong _templateA;

    private void BoughtAndLookalikes()
    {
        ulong skeleton = Rand64();
        const SignalSet harvest = SignalSet.MaxThinkingBudget | SignalSet.MaxOutputBudget;   // reworded: no content signal fires
        for (int i = 0; i < _s.BoughtAccounts; i++)
        {
            int a = NewAccount("campaign", "C", _r.NextDouble() < 0.5 ? "paid" : "free", _r.NextDouble() < 0.5, Start - (long)(_r.Next(200, 900) * Day),
                Pay(), $"c{i}.example.com", Popular(PopularAgents), Popular(PopularJa4));
            string home = ResidentialIp();
            foreach (var ts in Times(_r.Next(10, 40), _r.Next(24), 10).Select(t => t - 3 * Day))   // the former owner
                _events.Add(OrdinaryEvent(a, ts, home));
            int n = _r.Next(2, 7);
            for (int k = 0; k < n; k++)
            {
                long ts = Start + 2 * Day + (long)(_r.NextDouble() * 4 * Day);
                _events.Add(new Ev
                {
                    Ts = ts, Account = a, Template = Rand64(), Skeleton = Noise(skeleton, _r), Item = Hash(5000 + i, k), Signals = harvest,
                    Caps = Capability.Reasoning | Capability.Math, Ip = $"{_r.Next(11, 99)}.{_r.Next(256)}.{_r.Next(256)}.{_r.Next(1, 255)}",
                    MaxTokens = 64000, Thinking = 32000, Temperature = 1.0,
                });
            }
        }
        for (int i = 0; i < _s.RotatingHarvesters; i++)
        {
            int a = NewAccount("campaign", "R", "paid", false, Start - (long)(_r.Next(200, 900) * Day), Pay(), "gmail.com", Popular(PopularAgents), Popular(PopularJa4));
            foreach (var ts in Times(_r.Next(30, 60), _r.Next(24), 12))
            {
                bool cot = _r.NextDouble() < 0.33;
                _events.Add(OrdinaryEvent(a, ts, ResidentialIp()) with
                {
                    Signals = cot ? SignalSet.CotElicitation : SignalSet.None, Caps = cot ? Capability.Reasoning | Capability.Math : Capability.Writing,
                });
            }
        }
        for (int i = 0; i < _s.SkeletonUsers; i++)
        {
            int a = NewAccount("skeleton-user", null, "paid", true, Start - (long)(_r.Next(60, 700) * Day), Pay(), $"u{i}.example.org", Popular(PopularAgents), Popular(PopularJa4));
            string home = ResidentialIp();
            foreach (var ts in Times(_r.Next(30, 120), _r.Next(24), 10))
                _events.Add(_r.NextDouble() < 0.3
                    ? new Ev { Ts = ts, Account = a, Template = Rand64(), Skeleton = Noise(skeleton, _r), Item = Rand64(), Signals = harvest, Caps = Capability.Reasoning, Ip = home, MaxTokens = 64000, Thinking = 32000, Temperature = 1.0 }
                    : OrdinaryEvent(a, ts, home));
        }
        for (int i = 0; i < _s.TravellingUsers; i++)
        {
            int a = NewAccount("traveller", null, "paid", true, Start - (long)(_r.Next(60, 700) * Day), Pay(), $"t{i}.example.org", Popular(PopularAgents), Popular(PopularJa4));
            string home = ResidentialIp();
            foreach (var ts in Times(_r.Next(20, 80), _r.Next(24), 10))
                _events.Add(OrdinaryEvent(a, ts, home));
            _events.Add(new Ev
            {
                Ts = Start + (long)(_r.NextDouble() * 6 * Day), Account = a, Template = Rand64(), Skeleton = Rand64(), Item = Rand64(), Signals = harvest,
                Caps = Capability.Reasoning, Ip = $"{_r.Next(11, 99)}.{_r.Next(256)}.{_r.Next(256)}.{_r.Next(1, 255)}", MaxTokens = 64000, Thinking = 32000, Temperature = 1.0,
            });
        }
    }

    private void ReplayRing()
    {
        if (_s.ReplayIssuers <= 0) return;
        var issued = new List<(long Ts, ulong Artifact, int Issuer)>();
        for (int i = 0; i < _s.ReplayIssuers; i++)
        {
            int a = NewAccount("replay", "E", "paid", _r.NextDouble() < 0.5, Start - (long)(_r.Next(60, 700) * Day), Pay(), $"r{i}.example.org", Popular(PopularAgents), Popular(PopularJa4));
            if (_s.IncludeRegistry) _records[^1] = _s.ReplayOneOrganisation
                ? _records[^1] with { OrgName = "Northwind Agents", Tier = "enterprise", Verified = true }
                : _records[^1] with { OrgName = $"Issuer {i}" };   // each under a name of its own
            string home = ResidentialIp();
            foreach (var ts in Times(_r.Next(60, 120), _r.Next(24), 10))
            {
                ulong art = Rand64();
                issued.Add((ts, art, i));
                _events.Add(new Ev { Ts = ts, Account = a, Template = Rand64(), Item = Rand64(), Signals = SignalSet.None, Caps = Capability.Math, Ip = home,
                    MaxTokens = 8192, Thinking = _s.ReplayWordless ? 32000 : 4096, Temperature = null, Issued = art });
            }
        }
        issued.Sort((x, y) => x.Ts.CompareTo(y.Ts));
        for (int i = 0; i < _s.ReplayPresenters; i++)
        {
            int a = NewAccount("replay", "E", "paid", _r.NextDouble() < 0.5, Start - (long)(_r.Next(60, 700) * Day), Pay(), $"p{i}.example.org", Popular(PopularAgents), Popular(PopularJa4));
            if (_s.IncludeRegistry) _records[^1] = _s.ReplayOneOrganisation
                ? _records[^1] with { OrgName = "Northwind Agents", Tier = "enterprise", Verified = true }
                : _records[^1] with { OrgName = $"Presenter {i}" };
            string home = ResidentialIp();
            foreach (var ts in Times(_r.Next(30, 80), _r.Next(24), 10))
            {
                // a third of its requests paste an artifact issued to an issuer earlier, asking to write the reasoning out
                var earlier = issued.Where(x => x.Ts < ts).ToList();
                bool paste = earlier.Count > 0 && _r.NextDouble() < 0.35;
                if (_s.ReplayWordless)
                    _events.Add(new Ev { Ts = ts, Account = a, Template = Rand64(), Item = Rand64(), Signals = SignalSet.None,
                        Caps = Capability.Math | Capability.AgenticToolUse, Ip = home, MaxTokens = 64000, Thinking = 0, Temperature = null,
                        Presented = paste ? earlier[_r.Next(earlier.Count)].Artifact : 0 });
                else
                    _events.Add(new Ev { Ts = ts, Account = a, Template = Rand64(), Item = Rand64(), Signals = paste ? SignalSet.ArtifactReplay : SignalSet.None,
                        Caps = Capability.Math, Ip = home, MaxTokens = 8192, Thinking = 0, Temperature = null,
                        Presented = paste ? earlier[_r.Next(earlier.Count)].Artifact : 0 });
            }
        }
        for (int i = 0; i < _s.ReplaySparsePresenters; i++)
        {
            int a = NewAccount("replay-sparse", "E", "paid", _r.NextDouble() < 0.5, Start - (long)(_r.Next(60, 700) * Day), Pay(), $"q{i}.example.org", Popular(PopularAgents), Popular(PopularJa4));
            if (_s.IncludeRegistry) _records[^1] = _records[^1] with { OrgName = $"Sparse presenter {i}" };
            string home = ResidentialIp();
            var times = Times(_r.Next(20, 30), _r.Next(24), 10).Order().ToList();
            // the last two requests paste one artifact each, of two different issuers, issued before them
            int firstIssuer = -1;
            for (int k = 0; k < times.Count; k++)
            {
                long ts = times[k];
                ulong presented = 0;
                if (k >= times.Count - 2)
                {
                    var earlier = issued.Where(x => x.Ts < ts && x.Issuer != firstIssuer).ToList();
                    if (earlier.Count > 0)
                    {
                        var pick = earlier[_r.Next(earlier.Count)];
                        presented = pick.Artifact;
                        firstIssuer = pick.Issuer;
                    }
                }
                _events.Add(new Ev { Ts = ts, Account = a, Template = Rand64(), Item = Rand64(), Signals = presented != 0 ? SignalSet.ArtifactReplay : SignalSet.None,
                    Caps = Capability.Math, Ip = home, MaxTokens = 8192, Thinking = 0, Temperature = null, Presented = presented });
            }
        }
    }

    private void ThinHydra()
    {
        if (_s.ThinHydraAccounts <= 0) return;
        var cards = Enumerable.Range(0, Math.Max(1, _s.ThinHydraAccounts / 8)).Select(_ => Pay()).ToArray();
        for (int i = 0; i < _s.ThinHydraAccounts; i++)
        {
            // created over two weeks (no burst), each with its own e-mail domain, a card shared with seven others
            int a = NewAccount("thin-hydra", "H", _r.NextDouble() < 0.5 ? "free" : "startup", _r.NextDouble() < 0.5, Start - (long)(_r.Next(1, 15) * Day + _r.Next(86_400) * 1000L),
                cards[i % cards.Length], $"h{i}.example.net", Popular(PopularAgents), Popular(PopularJa4));
            int exits = i % 4;
            Ordinary(a, _r.Next(25, 60), "", _s.CampusCotRate, _r.Next(24), () => $"198.18.{60 + exits}.{_r.Next(1, 6)}");
        }
    }

    private void CrewSweep()
    {
        for (int crew = 0; crew < _s.CrewSweepCrews; crew++)
        {
            var card = Pay();
            int startHour = _r.Next(24);
            for (int i = 0; i < _s.CrewSweepAccounts; i++)
            {
                int a = NewAccount("crew-sweep", "W", "free", false, Start - (long)(_r.Next(1, 30) * Day), card, $"w{crew}-{i}.example.net",
                    Popular(PopularAgents), Popular(PopularJa4));
                int k = 0;
                foreach (var ts in Times(_r.Next(40, 60), startHour, 12))
                    _events.Add(new Ev
                    {
                        Ts = ts, Account = a, Template = Rand64(), Item = Hash(5000 + crew * 100 + i, k++),
                        Signals = SignalSet.CotElicitation | SignalSet.AnswerToReasoning, Caps = Capability.Reasoning | Capability.Math,
                        Ip = $"198.18.{120 + crew}.{_r.Next(1, 6)}",
                        MaxTokens = 12288, Thinking = 0, Temperature = 0.85,
                    });
            }
        }
        for (int i = 0; i < _s.CrewVectorCustomers; i++)
        {
            int a = NewAccount("legit", null, "paid", true, Start - (long)(_r.Next(60, 700) * Day), Pay(), $"p{i}.example.com", Popular(PopularAgents), Popular(PopularJa4));
            string home = ResidentialIp();
            foreach (var ts in Times(_r.Next(15, 120), _r.Next(24), 10))
                _events.Add(new Ev
                {
                    Ts = ts, Account = a, Template = Rand64(), Item = Rand64(), Signals = _r.NextDouble() < _s.LegitCotRate ? SignalSet.CotElicitation : SignalSet.None,
                    Caps = _r.NextDouble() < 0.5 ? Capability.Writing : Capability.Coding, Ip = home, MaxTokens = 12288, Thinking = 0, Temperature = 0.85,
                });
        }
    }

    private void RelayStation()
    {
        for (int i = 0; i < _s.RelayStationAccounts; i++)
        {
            int a = NewAccount("relay-station", "R", "paid", _r.NextDouble() < 0.5, Start - (long)(_r.Next(90, 700) * Day), Pay(),
                _r.NextDouble() < 0.5 ? "gmail.com" : "outlook.com", Popular(PopularAgents), Popular(PopularJa4));
            Ordinary(a, _r.Next(60, 200), "", 0.25, _r.Next(24), () => $"100.{70 + _r.Next(3)}.9.{_r.Next(1, 8)}");
        }
    }

    private void Fleet()
    {
        if (_s.FleetAccounts <= 0) return;
        ulong system = Rand64(), tpl = Rand64();
        var card = Pay();
        // one worker of the fleet: its product's prompt, the company's template, card and address, a machine schedule
        void Worker(int i, bool verified, long created, ulong product)
        {
            int a = NewAccount("fleet", null, "enterprise", verified, created, card, "fleetco.example.com", PopularAgents[2], PopularJa4[2]);
            if (_s.IncludeRegistry) _records[^1] = _records[^1] with { OrgName = "Fleet Co" };
            foreach (var ts in Times(200, 0, 24, regular: true))
                _events.Add(new Ev
                {
                    Ts = ts + i * 30_000L, Account = a, Template = Noise(tpl, _r), Item = Rand64(), System = product,
                    Signals = _r.NextDouble() < 0.5 ? SignalSet.CotElicitation : SignalSet.None, Caps = Capability.Reasoning | Capability.Writing,
                    Ip = "203.0.113.250", MaxTokens = 4096, Thinking = 0, Temperature = 0.3,
                });
        }
        for (int i = 0; i < _s.FleetAccounts; i++) Worker(i, true, Start - 200 * Day, system);
        if (_s.FleetUnverifiedWorkers <= 0) return;
        ulong second = Rand64();
        for (int i = 0; i < _s.FleetUnverifiedWorkers; i++) Worker(i, false, Start - 100 * Day, second);
    }

    private ulong _platformSystem;
    private static ulong ToolsOf(ulong system) => DistillGuard.Core.Profiles.Hashing.Combine(system, 0x7001);
    private ulong PlatformTools => ToolsOf(_platformSystem);
    private string PlatformEgress => _s.PlatformEgressKnownHosting ? "192.0.2" : "100.72.9";
    private const string CommonName = "Maria P.";

    private void Station()
    {
        if (_s.StationAccounts <= 0) return;
        ulong system = Rand64();
        if (_s.StationOnPlatformPrompt) system = _platformSystem;
        var cards = Enumerable.Range(0, _s.StationCrews > 1 ? 1 : Math.Max(1, _s.StationAccounts / 12)).Select(_ => Pay()).ToArray();
        long burst = Start - 3 * Day;
        long release = Start + 4 * Day + 2 * Hour;
        var members = new List<int>();
        for (int i = 0; i < _s.StationAccounts && _s.StationRotating; i++)
            members.Add(NewAccount("station", "D", "paid", _r.NextDouble() < 0.3, Start - (30 + _r.Next(0, 700)) * Day - _r.Next(0, 86400) * 1000L, Pay(), "gmail.com",
                PopularAgents[1], PopularJa4[1]));
        for (int i = 0; i < _s.StationAccounts && _s.StationSpread; i++)
            members.Add(NewAccount("station", "D", "startup", false, burst + (i % 3) * Day + _r.Next(0, 3 * 3600) * 1000L, Pay(), "gmail.com",
                PopularAgents[1], PopularJa4[1], org: _s.StationOnPlatformPrompt && i < 3 ? CommonName : $"Relay Cloud {i % 3}"));
        for (int i = 0; i < _s.StationAccounts && !_s.StationSpread && !_s.StationRotating; i++)
            members.Add(_s.StationAged
                ? NewAccount("station", "D", "paid", _r.NextDouble() < (_s.StationPinnedExits > 0 ? 0.3 : 0.5), Start - (30 + _r.Next(0, 700)) * Day - _r.Next(0, 86400) * 1000L,
                    _s.StationOwnCards ? Pay() : cards[i % cards.Length], _s.StationOwnCards ? "gmail.com" : $"relay{i % 3}.example", PopularAgents[1], PopularJa4[1])
                : NewAccount("station", "D", "startup", false, burst + _r.Next(0, 5 * 3600) * 1000L, cards[i % cards.Length], $"relay{i % 3}.example", PopularAgents[1], PopularJa4[1],
                    org: _s.StationOnPlatformPrompt && i < 3 ? CommonName : null));
        for (int i = 0; i < _s.StationRelayAccounts; i++)
        {
            int a = NewAccount("station-relay", "D", "startup", false, burst + _r.Next(0, 5 * 3600) * 1000L, cards[i % cards.Length], $"relay{i % 3}.example", Popular(PopularAgents), Popular(PopularJa4));
            string home = ResidentialIp();
            foreach (var ts in Times(_r.Next(15, 40), 9, 12))
                _events.Add(OrdinaryEvent(a, ts, home) with { Model = "model-a1" });
        }
        if (_s.StationQuiet)
        {
            ulong tools = _s.StationPublicTools ? PlatformTools : Rand64();
            for (int j = 0; j < members.Count; j++)
            {
                int budget = _s.StationBudget - 37 * (j + 1);
                foreach (var ts in Times(_r.Next(60, 100), _r.Next(6, 12), 10))
                    _events.Add(new Ev
                    {
                        Ts = ts, Account = members[j], Template = Rand64(), Item = Rand64(), Tools = 5, ToolSet = tools, Signals = SignalSet.None,
                        Caps = _r.NextDouble() < 0.5 ? Capability.AgenticToolUse | Capability.Coding : Capability.Coding,
                        Ip = ResidentialIp(), MaxTokens = budget, Thinking = 0, Temperature = 1.0, Model = "model-a1",
                    });
            }
            return;
        }
        if (_s.StationHuman && _s.StationPinnedExits > 0)
        {
            int satellites = 3 * _s.StationSatelliteExits, main = members.Count - satellites;
            var spreadTools = _s.StationSpreadHarness ? new[] { Rand64(), Rand64(), Rand64() } : [];   // drawn only when used: the other cases keep their traffic
            for (int j = 0; j < members.Count; j++)
            {
                string exit = $"100.{90 + j % _s.StationPinnedExits}.33.{17 + 3 * (j % _s.StationPinnedExits)}";
                bool second = j % 3 == 2;
                int minor = satellites > 0 ? (j / 3) % 3 : 0;   // which of the minor vectors (one without satellites)
                if (j >= main)
                {
                    int k = j - main;
                    exit = $"100.98.{44 + k / 3}.9";
                    second = true;
                    minor = k % 3;
                }
                int budget = _s.StationPinnedPrompt ? _s.StationBudget - 97 * (j + 1) : second ? _s.StationBudget + 1111 * (minor + 1) : _s.StationBudget;
                int turn = (j / _s.StationPinnedExits) % 3;   // StationSpreadHarness: which vector and tool set
                if (_s.StationSpreadHarness) budget = _s.StationBudget + 1111 * turn;
                foreach (var ts in _s.StationPinnedRoundTheClock ? Times(_r.Next(60, 90), 0, 24) : Times(_r.Next(20, 40), _r.Next(6, 12), 10))
                    _events.Add(new Ev
                    {
                        Ts = ts, Account = members[j], Template = Rand64(), Item = Rand64(), Tools = _s.StationPinnedNoTools ? 0 : 5, Signals = SignalSet.None,
                        System = _s.StationPinnedPrompt ? system : 0, ToolSet = _s.StationSpreadHarness ? spreadTools[turn] : 0,
                        Caps = _r.NextDouble() < 0.5 ? Capability.AgenticToolUse | Capability.Coding : Capability.Coding,
                        Ip = exit, MaxTokens = budget, Thinking = 0, Temperature = _s.StationSpreadHarness ? 0.75 + 0.1 * turn : second ? 0.85 : 1.05,
                        Model = "model-a1",
                    });
            }
            for (int i = 0; i < _s.StationExitSharers; i++)
            {
                int a = NewAccount("station-exit", "D", "paid", _r.NextDouble() < 0.3, Start - (30 + _r.Next(0, 700)) * Day - _r.Next(0, 86400) * 1000L, Pay(), "gmail.com",
                    PopularAgents[1], PopularJa4[1]);
                string exit = $"100.{90 + i % _s.StationPinnedExits}.33.{17 + 3 * (i % _s.StationPinnedExits)}";
                foreach (var ts in Times(_r.Next(15, 30), _r.Next(6, 12), 10)) _events.Add(OrdinaryEvent(a, ts, exit));
            }
            for (int i = 0; i < _s.StationExitCustomers; i++)
            {
                bool other = i % 2 == 0;
                int a = NewAccount("exit-customer", null, "paid", true, Start - _r.Next(30, 700) * Day, Pay(), "gmail.com",
                    other ? PopularAgents[3] : PopularAgents[1], other ? PopularJa4[2] : PopularJa4[1]);
                string exit = $"100.{90 + i % _s.StationPinnedExits}.33.{17 + 3 * (i % _s.StationPinnedExits)}", home = ResidentialIp();
                foreach (var ts in Times(_r.Next(15, 30), 8, 12)) _events.Add(OrdinaryEvent(a, ts, _r.NextDouble() < 0.25 ? exit : home));
            }
            for (int i = 0; i < _s.StationExitNeighbours; i++)
            {
                int a = NewAccount("exit-neighbour", null, "paid", false, burst + _r.Next(0, 5 * 3600) * 1000L, Pay(), "gmail.com",
                    PopularAgents[3], PopularJa4[2]);
                string near = $"100.{90 + i % _s.StationPinnedExits}.33.{120 + i}";
                foreach (var ts in Times(_r.Next(15, 30), 8, 12))
                    _events.Add(_r.NextDouble() < 0.35
                        ? OrdinaryEvent(a, ts, near) with
                        {
                            Signals = SignalSet.MaxOutputBudget | SignalSet.MaxThinkingBudget, Caps = Capability.Reasoning, MaxTokens = 64000, Thinking = 32000,
                        }
                        : OrdinaryEvent(a, ts, near));
            }
            for (int i = 0; i < _s.StationExitResidents; i++)
            {
                bool other = i / _s.StationPinnedExits % 4 != 0;   // a quarter on each exit
                int a = NewAccount("exit-resident", null, "paid", true, Start - _r.Next(30, 700) * Day, Pay(), "gmail.com",
                    other ? PopularAgents[3] : PopularAgents[1], other ? PopularJa4[2] : PopularJa4[1]);
                string exit = $"100.{90 + i % _s.StationPinnedExits}.33.{17 + 3 * (i % _s.StationPinnedExits)}";
                foreach (var ts in Times(_r.Next(15, 30), 8, 12)) _events.Add(OrdinaryEvent(a, ts, exit));
            }
            for (int i = 0; i < _s.StationVectorCustomers; i++)
            {
                int a = NewAccount("vector-customer", null, "paid", true, Start - _r.Next(30, 700) * Day, Pay(), "gmail.com", PopularAgents[3], PopularJa4[2]);
                string home = ResidentialIp();
                foreach (var ts in Times(_r.Next(15, 30), 8, 12))
                    _events.Add(OrdinaryEvent(a, ts, home) with { MaxTokens = _s.StationBudget, Temperature = 1.05, Model = "model-a1" });
            }
            return;
        }
        if (_s.StationHuman)
        {
            for (int j = 0; j < members.Count; j++)
            {
                int budget = _s.StationPivotOnly ? _s.StationBudget - 97 * (j + 1) : _s.StationBudget + 1000 * (j % 3) + 111;
                foreach (var ts in Times(_r.Next(60, 100), _r.Next(6, 12), 10))
                    _events.Add(new Ev
                    {
                        Ts = ts, Account = members[j], Template = Rand64(), Item = Rand64(), Tools = 5, Signals = SignalSet.None,
                        Caps = _r.NextDouble() < 0.5 ? Capability.AgenticToolUse | Capability.Coding : Capability.Coding,
                        Ip = $"198.18.40.{_r.Next(1, 250)}", MaxTokens = budget, Thinking = 0, Temperature = 1.0,
                        Model = _s.StationPivotOnly && ts > release && _r.NextDouble() < 0.7 ? "model-b2" : "model-a1",
                    });
            }
            return;
        }
        if (_s.StationCrews > 1)
        {
            var systems = Enumerable.Range(0, _s.StationCrews).Select(_ => Rand64()).ToArray();
            for (int j = 0; j < members.Count; j++)
            {
                int crew = j * _s.StationCrews / members.Count;
                foreach (var ts in Times(_r.Next(80, 120), 8 * crew, 8))
                    _events.Add(new Ev
                    {
                        Ts = ts, Account = members[j], Template = Rand64(), Item = Rand64(), System = systems[crew], Tools = 5,
                        Signals = SignalSet.None, Caps = Capability.AgenticToolUse | Capability.Coding,
                        Ip = $"198.18.{41 + crew}.{_r.Next(1, 250)}", MaxTokens = _s.StationBudget + 100 * crew, Thinking = 0, Temperature = 1.0,
                    });
            }
            return;
        }
        if (_s.StationSessionTurns > 0)
        {
            foreach (int a in members)
                foreach (var start in Times(_r.Next(6, 12), _r.Next(24), 10))
                {
                    string exit = ResidentialIp();
                    for (int k = 0; k < _s.StationSessionTurns; k++)
                        _events.Add(new Ev
                        {
                            Ts = start + k * 60_000L, Account = a, Template = Rand64(), Item = Rand64(), System = system, Tools = 5,
                            Signals = SignalSet.None, Caps = Capability.AgenticToolUse | Capability.Coding, Ip = exit,
                            MaxTokens = _s.StationBudget, Thinking = 0, Temperature = 1.0,
                        });
                }
            return;
        }
        if (_s.StationPoisson)
        {
            long p0 = Start + Day, span = 6 * Day;
            for (int j = 0; j < members.Count; j++)
            {
                int budget = j % 3 == 2 ? _s.StationBudget + 1111 : _s.StationBudget;
                for (int k = _r.Next(90, 130); k > 0; k--)
                {
                    bool agentic = _r.NextDouble() < 0.5;
                    _events.Add(new Ev
                    {
                        Ts = p0 + (long)(_r.NextDouble() * span), Account = members[j], Template = Rand64(), Item = Rand64(), Tools = 5,
                        Signals = _s.StationBudget >= 32000 ? SignalSet.MaxOutputBudget : SignalSet.None,
                        Caps = agentic ? Capability.AgenticToolUse | Capability.Coding : Capability.Coding,
                        Ip = $"198.18.40.{_r.Next(1, 250)}", MaxTokens = budget, Thinking = 0, Temperature = 1.0, Model = "model-a1",
                    });
                }
            }
            return;
        }
        // Round-robin: one request every 90 s from the harness, each to the next account, for six days, day and night.
        var coreTemplates = _s.StationLooseShare > 0 ? Enumerable.Range(0, 6).Select(_ => Rand64()).ToArray() : [];
        var looseExits = _s.StationLooseShare > 0 ? members.Select(_ => ResidentialIp()).ToArray() : [];
        long t0 = Start + Day;
        int total = 6 * 24 * 40;
        for (int k = 0; k < total; k++)
        {
            long ts = t0 + k * 90_000L + _r.Next(5_000);
            int a = members[k % members.Count];
            if (_s.StationDayHeavy && (ts / Hour % 24 is < 8 or >= 20) && _r.NextDouble() < 0.8) continue;
            bool agentic = _r.NextDouble() < 0.5;
            int m = k % members.Count;
            bool loose = _s.StationSpread && m >= members.Count * (1 - _s.StationLooseShare);
            _events.Add(new Ev
            {
                Ts = ts, Account = a, Template = loose ? Rand64() : _s.StationLooseShare > 0 ? coreTemplates[_r.Next(coreTemplates.Length)] : Rand64(), Item = Rand64(), System = system, Tools = 5,
                Signals = _s.StationBudget >= 32000 ? SignalSet.MaxOutputBudget : SignalSet.None,   // no content signal: ordinary-looking coding
                Caps = agentic ? Capability.AgenticToolUse | Capability.Coding : Capability.Coding,
                Ip = _s.StationRotating ? ResidentialIp() : loose ? looseExits[m] : _s.StationSpread ? $"100.64.{k % 4}.{_r.Next(1, 250)}"
                    : _s.StationOnPlatformEgress ? $"{PlatformEgress}.{20 + _r.Next(10)}" : _s.StationBesidePlatform ? $"192.0.2.{200 + k % 2}" : $"198.18.40.{_r.Next(1, 250)}",
                MaxTokens = _s.StationBudget, Thinking = 0, Temperature = 1.0,
                Model = ts > release && _r.NextDouble() < 0.55 ? "model-b2" : "model-a1",
            });
        }
    }

    private void ThrottledHydra()
    {
        if (_s.ThrottledHydraAccounts <= 0) return;
        ulong system = Rand64();
        const int batches = 4;
        var members = new List<int>();
        for (int b = 0; b < batches; b++)
        {
            var card = Pay();
            long batch = Start - (12 - 3 * b) * Day + _r.Next(0, 12) * Hour;
            for (int i = b; i < _s.ThrottledHydraAccounts; i += batches)
                members.Add(_s.ThrottledEnterprise
                    ? NewAccount("throttled", "T", "enterprise", _r.NextDouble() < 0.6, batch + _r.Next(0, 3 * 3600) * 1000L, card,
                        "gmail.com", PopularAgents[2], PopularJa4[2], org: ShellCompanies[i % ShellCompanies.Length] + " " + ShellForms[i / ShellCompanies.Length % ShellForms.Length])
                    : NewAccount("throttled", "T", "free", false, batch + _r.Next(0, 3 * 3600) * 1000L, card,
                        i % 2 == 0 ? "mail.example" : "post.example", PopularAgents[2], PopularJa4[2]));
        }
        for (int j = 0; j < members.Count; j++)
        {
            string ip = $"100.80.{j / 6}.{10 + j % 6}";   // six accounts to an address not known as hosting
            foreach (var ts in Times(_r.Next(3, 7), 8, 12))
                _events.Add(new Ev
                {
                    Ts = ts, Account = members[j], Template = Rand64(), Item = Rand64(), System = system, Tools = 4,
                    Signals = SignalSet.None, Caps = Capability.AgenticToolUse | Capability.Coding, Ip = ip,
                    MaxTokens = 6000, Thinking = 0, Temperature = 0.4,
                });
        }
    }

    private static readonly string[] ShellCompanies = { "Quillmark Analytics", "Brightfen", "Nordvale Systems", "Corvid Peak Labs", "Tessaline", "Amberwick Data" };
    private static readonly string[] ShellForms = { "Ltd", "LLC", "GmbH", "Inc", "Pty", "BV", "SARL", "Oy" };

    private void Lab()
    {
        for (int i = 0; i < _s.LabAccounts; i++)
        {
            int a = NewAccount("lab", null, "paid", _r.NextDouble() < 0.5, Start - (60 + _r.Next(0, 700)) * Day, Pay(), "gmail.com", PopularAgents[1], PopularJa4[1]);
            foreach (var ts in Times(_r.Next(20, 40), _r.Next(7, 11), 10))
            {
                bool cot = _r.NextDouble() < _s.LegitCotRate;
                _events.Add(new Ev
                {
                    Ts = ts, Account = a, Template = Rand64(), Item = Rand64(), Signals = cot ? SignalSet.CotElicitation : SignalSet.None,
                    Caps = cot ? Capability.Coding | Capability.Reasoning : Capability.Coding, Ip = "100.99.1.77", MaxTokens = 12288, Thinking = 0, Temperature = 0.55,
                });
            }
        }
    }

    private void OnboardedTeam()
    {
        if (_s.OnboardedTeamAccounts <= 0) return;
        ulong system = Rand64();
        var card = Pay();
        long afternoon = Start - 40 * Day + 13 * Hour;
        for (int i = 0; i < _s.OnboardedTeamAccounts; i++)
        {
            int a = NewAccount("onboarded-team", null, "enterprise", true, afternoon + _r.Next(0, 3 * 3600) * 1000L, card, "kestrelworks.example.com",
                PopularAgents[1], PopularJa4[1]);
            foreach (var ts in Times(_r.Next(30, 90), 8, 10))
                _events.Add(new Ev
                {
                    Ts = ts, Account = a, Template = Rand64(), Item = Rand64(), System = system, Tools = 2,
                    Signals = _r.NextDouble() < 0.03 ? SignalSet.CotElicitation : SignalSet.None, Caps = Capability.Coding | Capability.Writing,
                    Ip = $"198.51.100.{_r.Next(80, 82)}", MaxTokens = 4096, Thinking = 0, Temperature = 0.4,
                });
        }
    }

    private void BatchHydra()
    {
        if (_s.BatchHydraAccounts <= 0) return;
        ulong tpl = Rand64();
        const int batches = 4;
        for (int b = 0; b < batches; b++)
        {
            var card = Pay();
            long batch = Start - (12 - 3 * b) * Day + _r.Next(0, 12) * Hour;
            for (int i = b; i < _s.BatchHydraAccounts; i += batches)
            {
                int a = NewAccount("batch-hydra", "W", "free", false, batch + _r.Next(0, 3 * 3600) * 1000L, card,
                    _r.NextDouble() < 0.5 ? "gmail.com" : "outlook.com", Popular(PopularAgents), Popular(PopularJa4));
                string home = ResidentialIp();
                if (i % 3 == 0)
                    foreach (var ts in Times(_r.Next(40, 80), _r.Next(24), 10))
                        _events.Add(new Ev
                        {
                            Ts = ts, Account = a, Template = Noise(tpl, _r), Item = Rand64(),
                            Signals = SignalSet.CotElicitation | SignalSet.MaxOutputBudget, Caps = Capability.Reasoning | Capability.Math,
                            Ip = home, MaxTokens = 32000, Thinking = 0, Temperature = 1.0,
                        });
                else
                    foreach (var ts in Times(_r.Next(4, 9), _r.Next(24), 10))
                        _events.Add(new Ev
                        {
                            Ts = ts, Account = a, Template = Rand64(), Item = Rand64(), Signals = _r.NextDouble() < 0.1 ? SignalSet.CotElicitation : SignalSet.None,
                            Caps = Capability.Coding, Ip = home, MaxTokens = 6000, Thinking = 0, Temperature = 0.4,
                        });
            }
        }
    }

    private void ChurnHydra()
    {
        if (_s.ChurnHydraAccounts <= 0) return;
        var cards = new[] { Pay(), Pay() };
        for (int i = 0; i < _s.ChurnHydraAccounts; i++)
        {
            long first = Start + (long)((double)i / _s.ChurnHydraAccounts * 6 * Day) + _r.Next(0, 6) * Hour;
            int a = NewAccount("churn-hydra", "U", "free", false, first - _r.Next(1, 12) * Hour, cards[i % cards.Length],
                _r.NextDouble() < 0.5 ? "gmail.com" : "outlook.com", Popular(PopularAgents), Popular(PopularJa4));
            string ip = $"100.90.{i % 8}.{_r.Next(1, 30)}";
            int n = _r.Next(3, 7);
            for (int k = 0; k < n; k++)
            {
                bool cot = _r.NextDouble() < 0.35;
                _events.Add(new Ev
                {
                    Ts = first + (long)(_r.NextDouble() * 1.5 * Day), Account = a, Template = Rand64(), Item = Rand64(),
                    Signals = cot ? SignalSet.CotElicitation : SignalSet.None, Caps = cot ? Capability.Coding | Capability.Reasoning : Capability.Coding,
                    Ip = ip, MaxTokens = 12000, Thinking = 0, Temperature = 0.6,
                });
            }
        }
    }

    private Ev OrdinaryEvent(int a, long ts, string ip) => new()
    {
        Ts = ts, Account = a, Template = Rand64(), Item = Rand64(), Signals = SignalSet.None, Caps = Capability.Writing, Ip = ip,
        MaxTokens = _r.Next(4) * 1024, Thinking = 0, Temperature = _r.NextDouble() < 0.5 ? null : 0.7,
    };

    private static ulong Hash(int m, int k) => (ulong)(m * 100_003 + k + 1) * 0x9E3779B97F4A7C15UL;
}
