using DistillGuard.Core.Model;
using DistillGuard.Simulation.Common;
using DistillGuard.Simulation.Content;
using DistillGuard.Simulation.Network;
using DistillGuard.Simulation.Scenarios;

namespace DistillGuard.Simulation.World;

/// <summary>Builds the accounts and their plans from a scenario and a seed (deterministic).</summary>
internal static class WorldBuilder
{
    private sealed record Draft(ActorPlan Plan, AccountRecord Account);

    private static readonly int[] Budgets = [1024, 2048, 4096, 8000, 16000, 32000];
    private static readonly int[] MaxTokenChoices = [512, 1024, 2048, 4096, 8192];
    private static readonly double?[] Temps = [null, null, 0, 0.2, 0.7, 1.0];

    public static SimWorld Build(ScenarioSpec scenario, ulong seed, IpSpace ips)
    {
        var drafts = new List<Draft>();
        var rng = SimRandom.Derive(seed, 0xB0B);
        int group = 0;
        foreach (var (ps, pi) in scenario.Personas.Select((p, i) => (p, i)))
        {
            int n = Scaled(ps.Accounts, scenario.Scale);
            var prof = PersonaProfile.For(ps.Persona);
            if (ps.ExtraKinds is { Count: > 0 } extra) prof = prof with { Kinds = prof.Kinds.WithShares(extra.Select(e => (e.Kind, e.Weight))) };
            int groupSize = ps.GroupSize ?? prof.GroupSize;
            var gr = SimRandom.Derive(seed, 0x6000 + (ulong)pi);
            GroupContext? ctx = null;
            for (int k = 0; k < n; k++)
            {
                if (ps.Persona.IsGrouped() && k % groupSize == 0) ctx = NewGroup(ps.Persona, group++, ips, ref gr, ps.CloudShare);
                var ar = SimRandom.Derive(seed, 0x10000 + (ulong)pi, (ulong)k);
                drafts.Add(Legit(scenario, ps, prof, ctx, ips, ref ar, drafts.Count));
            }
        }

        var legitDaily = drafts.Select(d => d.Plan.DailyMean * d.Plan.DayActiveProb).Order().ToList();
        double legitMedian = legitDaily.Count == 0 ? 5 : legitDaily[legitDaily.Count / 2];

        foreach (var (cs, ci) in scenario.Campaigns.Select((c, i) => (c, i)))
        {
            if (cs.StartDay >= scenario.Days) continue; // --days cut the window before it began
            int n = Scaled(cs.Accounts, scenario.Scale);
            var cr = SimRandom.Derive(seed, 0xC000 + (ulong)ci);
            var camp = new CampaignContext(cs, ci, scenario, ips, legitMedian, n, ref cr, SimRandom.Derive(seed, 0xE000 + (ulong)ci));
            for (int k = 0; k < n; k++)
            {
                var ev = SlotKnobs(cs.Evasion, seed, ci, k);
                // Each slot is one account, or (with churn) a chain of accounts each replacing the burned one at once.
                var life = SimRandom.Derive(seed, 0x30000 + (ulong)ci, (ulong)k);
                double from = cs.StartDay;
                for (ulong gen = 0; ; gen++)
                {
                    double? lifetime = cs.ChurnDays is double churn ? life.NextExponential(churn) : null;
                    var ar = SimRandom.Derive(seed, 0x20000 + (ulong)ci, (ulong)k + (gen << 32));
                    var d = CampaignAccount(scenario, camp, ev, k, ips, ref ar, drafts.Count);
                    if (camp.Overrides) d = ApplyOverrides(camp, d, ev, k, SimRandom.Derive(seed, 0x40000 + (ulong)ci, (ulong)k + (gen << 32)));
                    if (gen > 0)
                    {
                        // A replacement is put to work at once. A bought (aged) one keeps its ordinary history before that.
                        d.Plan.HarvestFromDay = from;
                        if (!ev.AgedAccounts)
                        {
                            d.Plan.ActiveFromDay = from;
                            // replacements are signed up in bursts a few hours before they are needed
                            d = d with { Account = d.Account with { Created = scenario.Start.AddDays(Math.Floor(from * 4) / 4 - 0.05 - life.NextDouble() * 0.1) } };
                        }
                    }
                    // An account is burned for what it harvested: its lifetime runs from its takeover (a bought
                    // account's is staggered), never ending before the campaign has used it.
                    double to = lifetime is double l ? d.Plan.HarvestFromDay + l : camp.End;
                    d.Plan.ActiveToDay = Math.Min(to, camp.End);
                    drafts.Add(d);
                    if (to >= camp.End) break;
                    from = to;
                }
            }
        }

        // Account ids are a seeded permutation so that no id range reveals a persona or a campaign.
        int count = drafts.Count;
        var perm = Enumerable.Range(0, count).ToArray();
        for (int i = count - 1; i > 0; i--) { int j = rng.Next(i + 1); (perm[i], perm[j]) = (perm[j], perm[i]); }
        int width = Math.Max(6, (count * 3 + 100_000).ToString().Length);
        var accounts = new List<AccountRecord>(count);
        var labels = new List<AccountLabel>(count);
        for (int i = 0; i < count; i++)
        {
            var p = drafts[i].Plan;
            long num = 100_000 + perm[i] * 3L + rng.Next(3);
            p.AccountId = "acct_" + num.ToString().PadLeft(width, '0');
            int keys = p.Keys.Length;
            p.Keys = new string[keys];
            for (int k = 0; k < keys; k++) p.Keys[k] = $"key_{num}_{(char)('a' + k)}";
            p.Index = i;
            accounts.Add(drafts[i].Account with { Account = p.AccountId });
            labels.Add(new AccountLabel(p.AccountId, p.Campaign, p.Persona));
        }
        return new SimWorld
        {
            Scenario = scenario,
            Seed = seed,
            Ips = ips,
            Plans = drafts.Select(d => d.Plan).ToList(),
            Accounts = accounts.OrderBy(a => a.Account, StringComparer.Ordinal).ToList(),
            Labels = labels.OrderBy(a => a.Account, StringComparer.Ordinal).ToList(),
            Allow = labels.Where(l => l.Persona == Persona.LicensedDistiller.WireName()).Select(l => l.Account).Order(StringComparer.Ordinal).ToList(),
            LegitMedianDaily = legitMedian,
        };
    }

    public static int Scaled(int accounts, double scale) => accounts == 0 ? 0 : Math.Max(1, (int)Math.Round(accounts * scale));

    // ---------------- legitimate ----------------

    private sealed record GroupContext(int Id, Country Country, string Org, string Domain, string Payment, uint[] Ips, int SystemPrompt, int ToolSet, ClientStack Client,
        uint[]? CloudIps = null, int MaxTokens = 0, double? Temperature = null, int Template = -1);

    private static GroupContext NewGroup(Persona persona, int id, IpSpace ips, ref SimRandom r, double? cloudShare)
    {
        var country = Geo.PickCountry(ref r);
        switch (persona)
        {
            case Persona.OrgFleet:
            {
                // An organisation's own worker fleet: one org, one card, its servers, one system prompt and client.
                string org = Names.Org(ref r);
                var range = ips.PickRange(IpKind.Hosting, ref r);
                var servers = new uint[1 + r.Next(4)];
                for (int i = 0; i < servers.Length; i++) servers[i] = IpSpace.PickIn(range, ref r);
                var client = r.Pick(PersonaProfile.For(Persona.OrgFleet).Clients);
                int toolSet = r.Chance(0.5) ? 100 + r.Next(40) : -1;
                return new(id, country, org, Names.Domain(org, ref r), Names.Payment(ref r), servers, 5000 + id, toolSet, client,
                    MaxTokens: r.Pick(MaxTokenChoices), Temperature: r.Pick(Temps), Template: r.Next(1000));
            }
            case Persona.CampusStudent:
            {
                var (org, domain) = Names.University(ref r);
                uint nat = ips.Pick(IpKind.Campus, ref r); // one NAT for the whole group
                return new(id, country, org, domain, "", [nat], -1, -1, ClientStacks.All[0]);
            }
            case Persona.CorporateEmployee:
            {
                string org = Names.Org(ref r);
                var range = ips.PickRange(IpKind.Corporate, ref r);
                uint first = IpSpace.PickIn(range, ref r) & 0xFFFFFFF0u;
                return new(id, country, org, Names.Domain(org, ref r), Names.Payment(ref r), [first + 1, first + 2, first + 3, first + 4], -1, -1, ClientStacks.All[0]);
            }
            default: // agent platform: its users share the platform's system prompt and tool set
            {
                string org = Names.Org(ref r);
                var client = r.Pick(new[] { ClientStacks.ByName("openai-node"), ClientStacks.ByName("browser-app"), ClientStacks.ByName("langchain-js"), ClientStacks.ByName("anthropic-typescript") });
                var g = new GroupContext(id, country, org, Names.Domain(org, ref r), "", [], 1000 + id, 1000 + id, client);
                if (cloudShare is > 0)
                {
                    // A hosted platform calling the API with its users' keys: its servers are the users' egress.
                    var range = ips.PickRange(IpKind.Hosting, ref r);
                    var servers = new uint[2 + r.Next(6)];
                    for (int i = 0; i < servers.Length; i++) servers[i] = IpSpace.PickIn(range, ref r);
                    g = g with { CloudIps = servers };
                }
                return g;
            }
        }
    }

    private static Draft Legit(ScenarioSpec s, PersonaSpec ps, PersonaProfile prof, GroupContext? g, IpSpace ips, ref SimRandom r, int index)
    {
        var country = g is not null && ps.Persona != Persona.AgentPlatformUser ? g.Country : Geo.PickCountry(ref r);
        double median = ps.DailyMedian ?? prof.DailyMedian;
        double sigma = ps.DailySigma ?? prof.DailySigma;
        var plan = new ActorPlan
        {
            Persona = ps.Persona.WireName(),
            Seed = r.NextUInt64(),
            Timing = prof.Timing,
            DailyMean = r.NextLogNormal(Math.Log(median), sigma),
            TzOffsetMinutes = country.UtcOffsetMinutes,
            WeekendFactor = prof.WeekendFactor,
            DayActiveProb = prof.DayActiveProb,
            TurnsMean = prof.TurnsMean,
            Conversational = prof.Conversational,
            Kinds = prof.Kinds,
            Language = Geo.PickLanguage(country, ref r),
            OtherLanguageProb = prof.Multilingual ? 0.6 : 0.05,
            FailureRate = s.FailureRate,
            MaxTokens = r.Pick(MaxTokenChoices),
            Temperature = r.Pick(Temps),
            ThinkingProb = r.Pick(prof.ThinkingProbs),
            ThinkingBudget = r.Pick(Budgets),
            ExposeReasoning = r.Chance(0.3),
            IssueEncrypted = r.Chance(0.3),
            ToolProb = prof.ToolProb,
            ToolSet = prof.ToolProb > 0 ? 100 + r.Next(40) : -1,
            LogprobsProb = prof.LogprobsProb,
            MiniShare = r.NextDouble() * 0.5,
        };
        // Slow adoption of a released model: each account on its own schedule, many never in the window.
        if (s.Release is { } rel) { plan.AdoptDay = rel.Day + r.NextExponential(s.Days * 0.8); plan.NewModelShare = 0.3 + r.NextDouble() * 0.6; }

        var client = r.Pick(prof.Clients);
        string tier = r.Pick(prof.Tiers);
        string org = r.Chance(0.5) ? Names.Person(ref r) : Names.Org(ref r);
        string domain = tier is "enterprise" or "startup" || r.Chance(0.3) ? Names.Domain(org.Contains(' ') && !org.EndsWith('.') ? org : Names.Org(ref r), ref r) : r.Pick(Names.MailProviders);
        string payment = Names.Payment(ref r);
        bool verified = tier is "enterprise" or "research" || r.Chance(prof.VerifiedProb);
        int keys = 1 + (r.Chance(0.3) ? r.Next(1, 3) : 0);

        // Addresses: home/office/mobile mostly; a share of people run things from cloud machines.
        IpKind home = r.Chance(0.15) ? IpKind.Mobile : IpKind.Residential;
        plan.Ips = r.Chance(prof.CloudProb)
            ? [ips.Pick(IpKind.Hosting, ref r), ips.Pick(IpKind.Hosting, ref r)]
            : r.Chance(0.3) ? [ips.Pick(home, ref r), ips.Pick(IpKind.Corporate, ref r)] : [ips.Pick(home, ref r)];
        if (r.Chance(0.05)) plan.Ips = [.. plan.Ips, ips.Pick(IpKind.Vpn, ref r)]; // privacy-minded people use VPNs too

        switch (ps.Persona)
        {
            case Persona.CampusStudent:
                tier = r.Chance(0.8) ? "edu" : "free";
                org = g!.Org; domain = g.Domain; plan.Ips = g.Ips; verified = r.Chance(0.2); keys = 1;
                break;
            case Persona.CorporateEmployee:
                tier = r.Chance(0.7) ? "paid" : "enterprise";
                org = g!.Org; domain = g.Domain; payment = g.Payment; verified = true;
                plan.Ips = r.Chance(0.8) ? g.Ips : [.. g.Ips, ips.Pick(IpKind.Residential, ref r)];
                break;
            case Persona.AgentPlatformUser:
                plan.SystemPrompt = g!.SystemPrompt; plan.ToolSet = g.ToolSet; plan.ToolProb = 1; plan.ToolCallProb = 0.65;
                client = g.Client;
                break;
            case Persona.EnterpriseBatch:
                tier = "enterprise"; verified = true; org = Names.Org(ref r); domain = Names.Domain(org, ref r);
                plan.Ips = [ips.Pick(IpKind.Hosting, ref r)];
                plan.Templates = [r.Next(1000)];
                plan.SystemPrompt = 2000 + index;
                plan.Items = ItemMode.Sequential; plan.ItemStart = r.Next(1_000_000);
                plan.Temperature = 0; plan.MaxTokens = 2048; plan.ThinkingProb = 0; plan.MiniShare = r.Chance(0.5) ? 1 : 0;
                plan.OtherLanguageProb = 0;
                break;
            case Persona.BenchmarkResearcher:
                plan.Items = ItemMode.Sequential; plan.ItemStart = r.Next(50) * 1000L;
                plan.ThinkingProb = 0.8; plan.ThinkingBudget = r.Pick(new[] { 16000, 32000 }); plan.MaxTokens = 32000;
                plan.Temperature = r.Chance(0.5) ? 0 : 1.0; plan.OtherLanguageProb = 0;
                if (r.Chance(0.5)) plan.Ips = [ips.Pick(IpKind.Campus, ref r)];
                break;
            case Persona.RelayApp:
                tier = r.Chance(0.5) ? "enterprise" : "paid"; verified = true; org = Names.Org(ref r); domain = Names.Domain(org, ref r);
                plan.Ips = [ips.Pick(IpKind.Hosting, ref r), ips.Pick(IpKind.Hosting, ref r), ips.Pick(IpKind.Hosting, ref r)];
                plan.ForwardedFor = r.Chance(0.8); plan.SystemPrompt = 3000 + index; plan.SystemPromptProb = 0.9;
                plan.RelayShare = 1; plan.Temperature = 0.7;
                break;
            case Persona.LicensedDistiller:
                tier = "enterprise"; verified = true; org = Names.Org(ref r); domain = Names.Domain(org, ref r);
                plan.Ips = [ips.Pick(IpKind.Hosting, ref r), ips.Pick(IpKind.Hosting, ref r)];
                plan.ThinkingProb = 0.9; plan.ThinkingBudget = 32000; plan.MaxTokens = 32000; plan.Temperature = 1.0;
                plan.Templates = [r.Next(8), r.Next(8), r.Next(8)];
                plan.Items = ItemMode.Sequential; plan.ItemStart = r.Next(100) * 10_000L;
                if (s.Release is { } rl) { plan.AdoptDay = rl.Day + 0.2 + r.NextDouble(); plan.NewModelShare = 0.6; }
                break;
            case Persona.JailbreakTinkerer:
                if (r.Chance(0.3)) plan.Ips = [ips.Pick(IpKind.Vpn, ref r), .. plan.Ips];
                break;
            case Persona.OrgFleet:
                tier = r.Chance(0.7) ? "enterprise" : "paid";
                org = g!.Org; domain = g.Domain; payment = g.Payment; verified = r.Chance(0.9); keys = 1;
                plan.Ips = g.Ips; plan.SystemPrompt = g.SystemPrompt; plan.SystemPromptProb = 1;
                plan.ToolSet = g.ToolSet; plan.ToolProb = g.ToolSet >= 0 ? 0.5 : 0;
                plan.MaxTokens = g.MaxTokens; plan.Temperature = g.Temperature; plan.Templates = [g.Template];
                plan.DayNoiseSigma = 0.15; plan.OtherLanguageProb = 0.1;
                client = g.Client;
                break;
        }
        if (ps.CloudShare is double cloudShare && ps.Persona is not (Persona.OrgFleet or Persona.CampusStudent or Persona.CorporateEmployee) && r.Chance(cloudShare))
            plan.Ips = g?.CloudIps is { Length: > 0 } servers ? servers : [ips.Pick(IpKind.Hosting, ref r), ips.Pick(IpKind.Hosting, ref r)];
        plan.Client = client;
        plan.Apis = client.Apis;
        plan.Keys = new string[keys];
        var created = CreatedLegit(s, ref r);
        plan.ActiveFromDay = Math.Max(0, (created - s.Start).TotalDays + r.NextDouble() * 0.5);
        var acct = new AccountRecord
        {
            Account = "", Created = created, Tier = tier, OrgName = org, EmailDomain = domain, PaymentFp = payment,
            Country = country.Code, Verified = verified,
        };
        return new Draft(plan, acct);
    }

    private static DateTime CreatedLegit(ScenarioSpec s, ref SimRandom r)
    {
        if (r.Chance(0.05)) return s.Start.AddSeconds(r.NextDouble() * s.Days * 86400 * 0.8); // new sign-ups during the window
        return s.Start.AddSeconds(-r.NextPareto(3 * 86400, 0.6) % (1500 * 86400.0) - 3600);
    }

    // ---------------- campaigns ----------------

    private sealed class CampaignContext
    {
        public CampaignSpec Spec = null!;
        public string Label = "";
        public int Index;
        public ClientStack Client = null!;
        public ApiFormat Api;
        public IpRange[] Ranges = [];
        public uint[] SharedIps = [];
        public string[] Payments = [];
        public string[] Domains = [];
        public string[] Orgs = [];
        public double[] Bursts = [];
        public int[] Templates = [];
        public int[] ToolSets = [];
        public Country Operator = null!;
        public double Daily;
        public double End;
        public ArtifactPool? Pool;
        public long ItemPool;
        public long ItemsPerAccount;
        public int Accounts;
        public double LegitMedian;
        /// <summary>Whether any optional override of the spec is set (only then are they applied, so older scenarios draw as before).</summary>
        public bool Overrides;
        public KindMix? Capabilities;

        public CampaignContext(CampaignSpec c, int index, ScenarioSpec s, IpSpace ips, double legitMedian, int accounts, ref SimRandom r, SimRandom x)
        {
            LegitMedian = legitMedian;
            Spec = c; Index = index; Label = c.Name; Accounts = accounts;
            Client = r.Pick(new[] { ClientStacks.ByName("httpx"), ClientStacks.ByName("openai-python"), ClientStacks.ByName("anthropic-python"), ClientStacks.ByName("aiohttp") });
            Api = c.Archetype == Archetype.ReasoningReplay ? ApiFormat.AnthropicMessages : Client.Apis[r.Next(Client.Apis.Length)];
            Ranges = [ips.PickRange(IpKind.Hosting, ref r), ips.PickRange(IpKind.Hosting, ref r), ips.PickRange(IpKind.Vpn, ref r)];
            int shared = Math.Max(2, accounts / (c.Archetype == Archetype.TransferStation ? 12 : 4));
            SharedIps = new uint[shared];
            for (int i = 0; i < shared; i++) SharedIps[i] = IpSpace.PickIn(Ranges[r.Next(Ranges.Length)], ref r);
            Payments = new string[Math.Max(1, accounts / 15)];
            for (int i = 0; i < Payments.Length; i++) Payments[i] = Names.Payment(ref r);
            Orgs = new string[Math.Max(2, accounts / 10)];
            for (int i = 0; i < Orgs.Length; i++) Orgs[i] = Names.Org(ref r);
            Domains = [Names.Domain(Names.Org(ref r), ref r), Names.Domain(Names.Org(ref r), ref r), "gmail.com", "outlook.com", "proton.me", "qq.com"];
            Bursts = [c.StartDay - 1 - r.NextDouble() * 10, c.StartDay - 0.5 - r.NextDouble() * 4, c.StartDay - 0.2 - r.NextDouble()];
            Templates = [r.Next(8), r.Next(8), r.Next(8)];
            ToolSets = [r.Next(40), r.Next(40), r.Next(40)];
            Operator = Geo.PickCountry(ref r);
            Daily = c.Evasion.Throttle ? legitMedian : c.DailyPerAccount;
            End = Math.Min(c.EndDay ?? s.Days, s.Days);
            if (c.Archetype == Archetype.ReasoningReplay) Pool = new ArtifactPool();
            ItemPool = Math.Max(200, (long)(accounts * Daily * 2));
            ItemsPerAccount = (long)Math.Ceiling(Daily * (End - c.StartDay) * 1.5) + 10;

            // Optional overrides, drawn from their own stream.
            Overrides = c.Capabilities is not null || c.Templates is not null || c.Languages is not null || c.MaxTokens is not null
                || c.ThinkingBudget is not null || c.ThinkingShare is not null || c.ReasoningEffort is not null || c.Temperature is not null
                || c.ParamSpread is not null || c.ToolShare is not null || c.TurnsMean is not null || c.Routes is not null || c.Tiers is not null
                || c.Clients is not null;
            if (c.Capabilities is { Count: > 0 } caps) Capabilities = new KindMix([.. caps.Select(k => (k.Kind, k.Weight))]);
            if (c.Templates is int t and > 0)
            {
                Templates = new int[t];
                for (int i = 0; i < t; i++) Templates[i] = x.Next(12);
            }
            if (c.Egress is { } e)
            {
                var kinds = new (IpKind Kind, double W)[] { (IpKind.Hosting, e.Hosting), (IpKind.Vpn, e.Vpn), (IpKind.Residential, e.Residential), (IpKind.Mobile, e.Mobile) };
                double total = kinds.Sum(k => k.W);
                Ranges = new IpRange[e.Ranges];
                for (int i = 0; i < Ranges.Length; i++)
                {
                    double u = x.NextDouble() * total;
                    var kind = kinds[^1].Kind;
                    foreach (var (k, w) in kinds) { if (u < w) { kind = k; break; } u -= w; }
                    Ranges[i] = ips.PickRange(kind, ref x);
                }
                SharedIps = new uint[Math.Max(1, (int)Math.Round(accounts / e.AccountsPerIp))];
                for (int i = 0; i < SharedIps.Length; i++) SharedIps[i] = IpSpace.PickIn(Ranges[x.Next(Ranges.Length)], ref x);
            }
            if (c.AccountsPerCard is double apc)
            {
                Payments = new string[Math.Max(1, (int)Math.Round(accounts / apc))];
                for (int i = 0; i < Payments.Length; i++) Payments[i] = Names.Payment(ref x);
            }
        }
    }

    /// <summary>The knobs one campaign slot applies: all of them, or (with <c>coverage</c>) none for the uncovered share of slots.</summary>
    private static EvasionKnobs SlotKnobs(EvasionKnobs ev, ulong seed, int campaign, int slot)
    {
        if (ev.Coverage is not double coverage || coverage >= 1) return ev;
        var r = SimRandom.Derive(seed, 0x50000 + (ulong)campaign, (ulong)slot);
        return r.Chance(coverage) ? ev : new EvasionKnobs { Dilution = ev.Dilution, Coverage = ev.Coverage };
    }

    private static readonly string[] AgentClients = ["openai-node", "langchain-python", "langchain-js", "anthropic-typescript", "openai-python", "anthropic-python", "go-http"];

    /// <summary>Applies the spec's optional overrides to one account (from the account's own override stream).</summary>
    private static Draft ApplyOverrides(CampaignContext c, Draft d, EvasionKnobs ev, int k, SimRandom x)
    {
        var spec = c.Spec;
        var plan = d.Plan;
        if (c.Capabilities is not null) plan.Kinds = c.Capabilities;
        if (spec.Templates is int t)
        {
            if (t > 0) plan.Templates = c.Templates;
            else
            {
                // No campaign template: each account has its own wording (its own skeleton choice and paraphrase).
                plan.Templates = [x.Next(1000), x.Next(1000)];
                if (plan.Paraphrase == 0) plan.Paraphrase = x.NextUInt64() | 1;
            }
        }
        if (spec.Languages is { Count: > 0 } langs) { plan.Language = langs[x.Next(langs.Count)]; plan.OtherLanguageProb = 0; }
        double spread = spec.ParamSpread ?? 0;
        if (spec.MaxTokens is int mt) plan.MaxTokens = RoundTokens(mt * (spread > 0 ? Math.Exp((x.NextDouble() * 2 - 1) * spread) : 1), 16);
        if (spec.ThinkingBudget is int tb)
        {
            plan.ThinkingBudget = tb == 0 ? 0 : RoundTokens(tb * (spread > 0 ? Math.Exp((x.NextDouble() * 2 - 1) * spread) : 1), 1024);
            if (tb == 0) plan.ThinkingProb = 0;
        }
        if (spec.ThinkingShare is double ts && plan.ThinkingBudget > 0) plan.ThinkingProb = ts;
        plan.ReasoningEffort = spec.ReasoningEffort;
        if (spec.Temperature is double temp) plan.Temperature = temp;
        if (spec.ToolShare is double tool)
        {
            plan.ToolProb = tool;
            if (plan.ToolSet < 0 && tool > 0) plan.ToolSet = 500 + c.ToolSets[x.Next(c.ToolSets.Length)];
        }
        if (spec.TurnsMean is double turns) { plan.TurnsMean = turns; plan.Conversational = turns > 1; plan.SyncTurns = turns > 1; }
        if (spec.Routes is { Count: > 0 } routes) plan.Routes = [routes[k % routes.Count]];
        if (spec.Clients is { Count: > 0 } clients)
        {
            var client = ClientStacks.ByName(clients[k % clients.Count]);
            var apis = spec.Archetype == Archetype.ReasoningReplay
                ? client.Apis.Where(a => a is ApiFormat.AnthropicMessages or ApiFormat.OpenAIResponses).ToArray()
                : client.Apis;
            if (apis.Length > 0) { plan.Client = client; plan.Apis = apis; }
        }
        if (spec.Tiers is { Count: > 0 } tiers && !ev.AgedAccounts) d = d with { Account = d.Account with { Tier = tiers[x.Next(tiers.Count)] } };
        return d;
    }

    private static int RoundTokens(double v, int min) => Math.Max(min, (int)Math.Round(v / 256) * 256);

    private static readonly string[] CotTiers = ["free", "free", "edu", "startup", "research"];
    private static readonly string[] SpreadTiers = ["paid", "startup", "enterprise", "free", "paid"];

    private static Draft CampaignAccount(ScenarioSpec s, CampaignContext c, EvasionKnobs ev, int k, IpSpace ips, ref SimRandom r, int index)
    {
        var spec = c.Spec;
        double daily = ev.Throttle ? c.LegitMedian : spec.DailyPerAccount;
        var country = Geo.PickCountry(ref r); // billing details are bought or made up anywhere
        var plan = new ActorPlan
        {
            Persona = spec.Archetype.WireName(),
            Campaign = c.Label,
            CampaignIndex = c.Index,
            Seed = r.NextUInt64(),
            Timing = ev.HumanTiming ? TimingMode.Diurnal : spec.Archetype == Archetype.TransferStation ? TimingMode.AroundClock : TimingMode.Synchronized,
            DailyMean = daily * (ev.HumanTiming || ev.Throttle ? r.NextLogNormal(0, 0.3) : 1),
            DayNoiseSigma = ev.HumanTiming ? 0.45 : 0.05,
            TzOffsetMinutes = c.Operator.UtcOffsetMinutes,
            WeekendFactor = ev.HumanTiming ? 0.7 : 1,
            TurnsMean = ev.HumanTiming ? 2.5 : 1,
            GapMeanSec = 40,
            Conversational = false,
            ActiveFromDay = spec.StartDay,
            ActiveToDay = c.End,
            SyncPhase = (double)k / Math.Max(1, c.Accounts),
            Client = c.Client,
            Apis = [c.Api],
            Templates = c.Templates,
            Paraphrase = ev.Paraphrase ? r.NextUInt64() | 1 : 0,
            ThinkingProb = 1,
            ThinkingBudget = 32000,
            MaxTokens = 32000,
            Temperature = 1.0,
            ExposeReasoning = true,
            IssueEncrypted = true,
            Language = r.Chance(0.8) ? "en" : Geo.PickLanguage(country, ref r),
            RelayShare = ev.Dilution,
            FailureRate = s.FailureRate * 2,
            MiniShare = 0,
            Items = ItemMode.SharedPool,
            ItemStart = 0,
            ItemCount = c.ItemPool,
        };
        if (ev.PartitionItems) { plan.Items = ItemMode.Sequential; plan.ItemStart = k * c.ItemsPerAccount; plan.ItemCount = c.ItemsPerAccount; }
        if (s.Release is { } rel && spec.PivotToRelease) { plan.AdoptDay = rel.Day + 0.1 + r.NextDouble() * 0.7; plan.NewModelShare = 0.5; }

        // Addresses.
        plan.Ips = [c.SharedIps[r.Next(c.SharedIps.Length)]];
        if (ev.ResidentialProxy) { plan.ProxyRotation = true; plan.Ips = [ips.Pick(IpKind.Residential, ref r)]; }

        string tier = r.Pick(CotTiers);
        bool verified = false;
        string org = r.Chance(0.6) ? c.Orgs[r.Next(c.Orgs.Length)] : Names.Person(ref r);
        string domain = c.Domains[r.Next(c.Domains.Length)];
        double burst = c.Bursts[r.Next(c.Bursts.Length)];
        DateTime created = s.Start.AddDays(burst).AddSeconds(r.NextGaussian() * 5400);
        if (created > s.Start.AddDays(spec.StartDay - 0.05)) created = s.Start.AddDays(spec.StartDay - 0.05 - r.NextDouble() * 0.1);
        switch (spec.Archetype)
        {
            case Archetype.CotSweep:
                plan.Kinds = new KindMix((ContentKind.CotElicitation, 35), (ContentKind.AnswerToReasoning, 25), (ContentKind.RubricGrading, 15),
                    (ContentKind.PairwiseJudging, 10), (ContentKind.SafeRewrite, 15));
                plan.LogprobsProb = 0.5;
                break;
            case Archetype.AgenticHarvest:
                plan.Kinds = new KindMix((ContentKind.AgenticHarvest, 55), (ContentKind.CodingHarvest, 45));
                double turn = spec.TurnDay ?? spec.StartDay + 0.6 * (c.End - spec.StartDay);
                plan.LaterKinds = new KindMix((ContentKind.ReasoningReveal, 40), (ContentKind.CotElicitation, 40), (ContentKind.AnswerToReasoning, 20));
                plan.LaterFromDay = turn;
                plan.ToolProb = 1; plan.ToolSet = 500 + c.ToolSets[r.Next(c.ToolSets.Length)]; plan.ToolCallProb = 0.7;
                plan.TurnsMean = 4; plan.Conversational = true;
                tier = r.Pick(SpreadTiers);
                verified = r.Chance(0.4);
                plan.Routes = (k % 4) switch
                {
                    0 => ["direct"],
                    1 => ["cloud:bedrock"],
                    2 => ["cloud:vertex"],
                    _ => ["reseller:" + spec.Reseller],
                };
                var stacks = new[] { c.Client, ClientStacks.ByName("openai-node"), ClientStacks.ByName("langchain-python") };
                plan.Client = stacks[k % stacks.Length];
                plan.Apis = plan.Client.Apis;
                break;
            case Archetype.TransferStation:
                plan.Kinds = new KindMix((ContentKind.CotElicitation, 30), (ContentKind.CodingHarvest, 30), (ContentKind.SyntheticData, 25), (ContentKind.AgenticHarvest, 15));
                plan.RelayShare = 1 - (1 - spec.RelayShare) * (1 - ev.Dilution);
                tier = r.Chance(0.6) ? "paid" : "free";
                org = $"{char.ToUpperInvariant(spec.Reseller[0])}{spec.Reseller[1..]} {r.Pick(new[] { "API", "Cloud", "AI", "Hub" })} {k % 7}";
                plan.Apis = [ApiFormat.OpenAIChatCompletions, ApiFormat.AnthropicMessages];
                plan.Client = ClientStacks.ByName("go-http");
                break;
            case Archetype.AgenticPlain:
                // Ordinary agent-platform and coding requests at volume: no harvest wording, no turn.
                plan.Kinds = new KindMix((ContentKind.AgentStep, 55), (ContentKind.Coding, 45));
                plan.ToolProb = 0.85; plan.ToolSet = 500 + c.ToolSets[r.Next(c.ToolSets.Length)]; plan.ToolCallProb = 0.7;
                plan.SystemPrompt = 4000 + c.Index; plan.SystemPromptProb = 0.85;
                plan.TurnsMean = 5; plan.Conversational = true;
                plan.Temperature = null; plan.ThinkingProb = 0.5; plan.ExposeReasoning = false;
                tier = r.Pick(SpreadTiers);
                verified = r.Chance(0.4);
                plan.Routes = (k % 3) switch { 0 => ["direct"], 1 => ["cloud:bedrock"], _ => ["reseller:" + spec.Reseller] };
                plan.Client = ClientStacks.ByName(AgentClients[k % AgentClients.Length]);
                plan.Apis = plan.Client.Apis;
                break;
            case Archetype.ReasoningReplay:
                plan.Kinds = new KindMix((ContentKind.CotElicitation, 60), (ContentKind.AnswerToReasoning, 40));
                plan.Replay = k % 3 == 0 ? ReplayRole.Issuer : ReplayRole.Replayer;
                plan.Pool = c.Pool;
                plan.Apis = k % 2 == 0 ? [ApiFormat.AnthropicMessages] : [ApiFormat.OpenAIResponses];
                plan.Client = k % 2 == 0 ? ClientStacks.ByName("anthropic-python") : ClientStacks.ByName("openai-python");
                break;
        }
        string payment = ev.DistinctPayment ? Names.Payment(ref r) : c.Payments[k % c.Payments.Length];
        if (ev.AgedAccounts)
        {
            // Bought accounts: signed up long ago, ordinary history until the campaign takes them over.
            created = s.Start.AddDays(-(200 + r.NextDouble() * 1000));
            tier = r.Chance(0.6) ? "paid" : "free";
            verified = r.Chance(0.5);
            org = r.Chance(0.5) ? Names.Person(ref r) : Names.Org(ref r);
            domain = r.Chance(0.6) ? r.Pick(Names.MailProviders) : Names.Domain(Names.Org(ref r), ref r);
            plan.ActiveFromDay = 0;
            plan.HarvestFromDay = spec.StartDay + r.NextDouble() * Math.Max(0.5, (c.End - spec.StartDay) * 0.3);
            plan.HistoryKinds = PersonaProfile.For(Persona.Hobbyist).Kinds;
            plan.HistoryDaily = r.NextLogNormal(Math.Log(2), 0.6);
        }
        else plan.HarvestFromDay = spec.StartDay;
        plan.Keys = new string[1];
        var acct = new AccountRecord
        {
            Account = "", Created = created, Tier = tier, OrgName = org, EmailDomain = domain, PaymentFp = payment,
            Country = country.Code, Verified = verified,
        };
        return new Draft(plan, acct);
    }
}
