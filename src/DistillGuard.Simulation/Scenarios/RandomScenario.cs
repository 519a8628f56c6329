using DistillGuard.Simulation.Common;
using DistillGuard.Simulation.Content;

namespace DistillGuard.Simulation.Scenarios;

/// <summary>
/// The randomised scenario family (<c>--scenario random --seed N</c>): from the seed alone, draws a whole world —
/// 3–6 campaigns, each with its own archetype, capabilities, wording, languages, budgets, infrastructure, size and
/// evasion knobs, and hard negatives whose shapes overlap the campaigns' — as an ordinary <see cref="ScenarioSpec"/>,
/// so the engine is unchanged and the run stays deterministic. Every draw comes from a range (docs/simulator.md).
/// </summary>
public static class RandomScenario
{
    public const string Name = "random";

    /// <summary>Archetypes drawn with equal weight.</summary>
    public static readonly Archetype[] Archetypes =
        [Archetype.CotSweep, Archetype.AgenticHarvest, Archetype.TransferStation, Archetype.ReasoningReplay, Archetype.AgenticPlain];

    /// <summary>Harvest-worded kinds (the wording lexicons know).</summary>
    public static readonly ContentKind[] HarvestKinds =
    [
        ContentKind.CotElicitation, ContentKind.AnswerToReasoning, ContentKind.ReasoningReveal, ContentKind.RubricGrading,
        ContentKind.PairwiseJudging, ContentKind.SafeRewrite, ContentKind.SyntheticData, ContentKind.CodingHarvest, ContentKind.AgenticHarvest,
    ];

    /// <summary>Ordinary kinds a campaign may also harvest, in ordinary wording.</summary>
    public static readonly ContentKind[] PlainKinds =
    [
        ContentKind.Coding, ContentKind.AgentStep, ContentKind.Math, ContentKind.DataAnalysis, ContentKind.Extraction,
        ContentKind.Summarization, ContentKind.Translation, ContentKind.Writing, ContentKind.Research,
    ];

    private static readonly string[] Resellers = ["tokenbridge", "relaymax", "apihub", "cheapgpt", "openrelay", "tokenpool", "gatewayx", "aimirror", "fastapi-cn", "llmproxy"];
    private static readonly string[] CloudRoutes = ["cloud:bedrock", "cloud:vertex", "cloud:azure"];
    private static readonly string[] Clients =
        ["httpx", "openai-python", "anthropic-python", "aiohttp", "requests", "openai-node", "anthropic-typescript", "langchain-python", "langchain-js", "go-http", "java-okhttp", "curl", "openai-python-old", "anthropic-python-old"];
    private static readonly string[] ReleaseModels = ["atlas-3", "atlas-3-preview", "atlas-2.5", "atlas-next"];

    /// <summary>Draws the world for <paramref name="seed"/> (a pure function of the seed).</summary>
    public static ScenarioSpec Generate(ulong seed)
    {
        var r = SimRandom.Derive(seed, 0x5CE7A210);
        int days = r.Next(12, 17);
        var start = new DateTime(2026, 1, 5, 0, 0, 0, DateTimeKind.Utc).AddDays(r.Next(0, 300));
        ReleaseSpec? release = r.Chance(0.65) ? new ReleaseSpec { Model = r.Pick(ReleaseModels), Day = Math.Round(Uniform(ref r, 2, days - 3), 2) } : null;

        var personas = Personas(ref r);
        int campaigns = r.Next(3, 7);
        var specs = new List<CampaignSpec>();
        var counters = new Dictionary<string, int>();
        for (int i = 0; i < campaigns; i++)
        {
            var archetype = r.Pick(Archetypes);
            string prefix = Prefix(archetype);
            counters[prefix] = counters.GetValueOrDefault(prefix) + 1;
            specs.Add(Campaign(ref r, archetype, $"{prefix}-{counters[prefix]}", days, release is not null));
        }

        return new ScenarioSpec
        {
            Name = Name,
            Description = $"Randomised world drawn from seed {seed}: {specs.Count} campaigns ({string.Join(", ", specs.Select(c => $"{c.Name} {c.Archetype.WireName()} x{c.Accounts}"))}) among {personas.Count} legitimate populations.",
            Start = start,
            Days = days,
            Models = r.Chance(0.5) ? ["atlas-2", "atlas-2-mini"] : ["atlas-2", "atlas-2-mini", "atlas-2-nano"],
            Release = release,
            FailureRate = Math.Round(Uniform(ref r, 0.003, 0.02), 4),
            Personas = personas,
            Campaigns = specs,
        };
    }

    private static string Prefix(Archetype a) => a switch
    {
        Archetype.CotSweep => "cot-sweep",
        Archetype.AgenticHarvest => "agentic",
        Archetype.TransferStation => "station",
        Archetype.ReasoningReplay => "replay",
        _ => "tooluse",
    };

    // ---------------- legitimate world and hard negatives ----------------

    private static List<PersonaSpec> Personas(ref SimRandom r)
    {
        var list = new List<PersonaSpec>
        {
            new() { Name = "developer", Persona = Persona.Developer, Accounts = r.Next(200, 451), DailyMedian = R1(Uniform(ref r, 2.5, 5)),
                ExtraKinds = Shares(ref r, (ContentKind.SqlQuery, 0.02, 0.1), (ContentKind.SpreadsheetFormula, 0, 0.03)) },
            new() { Name = "hobbyist", Persona = Persona.Hobbyist, Accounts = r.Next(500, 1201), DailyMedian = R1(Uniform(ref r, 1.5, 2.5)),
                ExtraKinds = Shares(ref r, (ContentKind.ChemistryQa, 0.01, 0.05), (ContentKind.SpreadsheetFormula, 0.01, 0.04)) },
            new() { Name = "data-analyst", Persona = Persona.DataAnalyst, Accounts = r.Next(30, 121), DailyMedian = R1(Uniform(ref r, 4, 9)),
                ExtraKinds = Shares(ref r, (ContentKind.SqlQuery, 0.1, 0.3), (ContentKind.SpreadsheetFormula, 0.05, 0.2)) },
            new() { Name = "writer", Persona = Persona.Writer, Accounts = r.Next(50, 161),
                ExtraKinds = Shares(ref r, (ContentKind.LegalClause, 0, 0.08)) },
            new() { Name = "jailbreak-tinkerer", Persona = Persona.JailbreakTinkerer, Accounts = r.Next(15, 81) },
        };

        // Hard negatives, each drawn from ranges: groups (campus NAT, corporate card, agent platform, org fleet) by count and size.
        int campus = r.Next(20, 101);
        list.Add(new() { Name = "campus-student", Persona = Persona.CampusStudent, GroupSize = campus, Accounts = campus * r.Next(2, 8),
            ExtraKinds = Shares(ref r, (ContentKind.ChemistryQa, 0.05, 0.2)) });
        int corp = r.Next(5, 31);
        list.Add(new() { Name = "corporate-employee", Persona = Persona.CorporateEmployee, GroupSize = corp, Accounts = corp * r.Next(2, 9),
            ExtraKinds = Shares(ref r, (ContentKind.LegalClause, 0.02, 0.1), (ContentKind.SpreadsheetFormula, 0.05, 0.15), (ContentKind.SqlQuery, 0, 0.05)) });
        list.Add(new() { Name = "enterprise-batch", Persona = Persona.EnterpriseBatch, Accounts = r.Next(1, 6), DailyMedian = R1(LogUniform(ref r, 60, 300)),
            ExtraKinds = r.Chance(0.5) ? [new KindWeight(r.Pick(ContentKinds.Professional), R2(Uniform(ref r, 0.5, 0.9)))] : null });
        list.Add(new() { Name = "benchmark-researcher", Persona = Persona.BenchmarkResearcher, Accounts = r.Next(3, 21), DailyMedian = R1(LogUniform(ref r, 30, 120)) });
        list.Add(new() { Name = "relay-app", Persona = Persona.RelayApp, Accounts = r.Next(1, 5), DailyMedian = R1(LogUniform(ref r, 30, 150)) });
        int platform = r.Next(30, 201);
        list.Add(new() { Name = "agent-platform-user", Persona = Persona.AgentPlatformUser, GroupSize = platform, Accounts = platform * r.Next(1, 4),
            DailyMedian = R1(Uniform(ref r, 2, 6)), CloudShare = r.Chance(0.7) ? R2(Uniform(ref r, 0.3, 0.95)) : null });
        list.Add(new() { Name = "licensed-distiller", Persona = Persona.LicensedDistiller, Accounts = r.Next(1, 4), DailyMedian = R1(LogUniform(ref r, 80, 400)) });
        int fleet = r.Next(5, 41);
        list.Add(new() { Name = "org-fleet", Persona = Persona.OrgFleet, GroupSize = fleet, Accounts = fleet * r.Next(1, 4), DailyMedian = R1(LogUniform(ref r, 5, 40)),
            ExtraKinds = r.Chance(0.6) ? [new KindWeight(r.Pick(ContentKinds.Professional), R2(Uniform(ref r, 0.2, 0.6)))] : null });
        return list;
    }

    private static List<KindWeight>? Shares(ref SimRandom r, params (ContentKind Kind, double Lo, double Hi)[] kinds)
    {
        var list = new List<KindWeight>();
        foreach (var (kind, lo, hi) in kinds)
        {
            double share = R2(Uniform(ref r, lo, hi));
            if (share > 0) list.Add(new KindWeight(kind, share));
        }
        return list.Count > 0 ? list : null;
    }

    // ---------------- campaigns ----------------

    private static CampaignSpec Campaign(ref SimRandom r, Archetype archetype, string name, int days, bool release)
    {
        int accounts = (int)Math.Round(LogUniform(ref r, 20, 400));
        double startDay = R2(Uniform(ref r, 0, days * 0.45));
        double? endDay = r.Chance(0.25) ? R2(Uniform(ref r, Math.Min(days - 1, startDay + 4), days)) : null;
        double active = (endDay ?? days) - startDay;
        // Volume: a total drawn first, spread over the accounts (small campaigns hit hard, large ones go low and slow).
        double total = LogUniform(ref r, 3_000, 35_000);
        double daily = R1(Math.Clamp(total / (accounts * active), 1.5, 400));
        string reseller = r.Pick(Resellers);

        // Capabilities.
        List<KindWeight>? caps = archetype switch
        {
            Archetype.AgenticPlain => Draw(ref r, [ContentKind.AgentStep, ContentKind.Coding, ContentKind.AgentStep], 1, 2,
                r.Chance(0.5) ? [ContentKind.SqlQuery, ContentKind.SpreadsheetFormula, ContentKind.DataAnalysis] : [], 0, 1),
            Archetype.AgenticHarvest => r.Chance(0.4) ? null : Draw(ref r, [ContentKind.AgenticHarvest, ContentKind.CodingHarvest, ContentKind.AgentStep, ContentKind.Coding], 1, 3,
                ContentKinds.Professional, r.Chance(0.4) ? 1 : 0, 1),
            Archetype.ReasoningReplay => r.Chance(0.6) ? null : Draw(ref r, [ContentKind.CotElicitation, ContentKind.AnswerToReasoning, ContentKind.Math], 1, 2,
                ContentKinds.Professional, 0, 1),
            _ => r.Next(3) switch
            {
                0 => null, // the archetype's own mix
                1 => Draw(ref r, HarvestKinds, 1, 4, ContentKinds.Professional, 0, 1), // harvest wording, maybe plus a new capability
                _ => Draw(ref r, ContentKinds.Professional, 1, 2, PlainKinds, 0, 2), // a capability no lexicon names, in ordinary wording
            },
        };

        // Budgets from wide ranges (not the 32 K default).
        bool thinking = archetype == Archetype.ReasoningReplay || r.Chance(0.8); // replay needs reasoning artifacts to replay
        int maxTokens = Tokens(LogUniform(ref r, 400, 64_000));
        int budget = thinking ? Tokens(LogUniform(ref r, 1_024, 64_000)) : 0;
        var knobs = Knobs(ref r);

        bool agentic = archetype is Archetype.AgenticHarvest or Archetype.AgenticPlain;
        var routes = new List<string>();
        if (r.Chance(0.6)) routes.Add("direct");
        foreach (var c in CloudRoutes) if (r.Chance(agentic ? 0.4 : 0.15)) routes.Add(c);
        if (r.Chance(agentic ? 0.4 : 0.2)) routes.Add("reseller:" + reseller);
        if (routes.Count == 0) routes.Add("direct");

        var tiers = Subset(ref r, ["free", "paid", "edu", "startup", "research", "enterprise"], 1, 4);
        var clients = Subset(ref r, Clients, 1, 4);
        return new CampaignSpec
        {
            Name = name,
            Archetype = archetype,
            Accounts = accounts,
            DailyPerAccount = daily,
            StartDay = startDay,
            EndDay = endDay,
            PivotToRelease = !release || r.Chance(0.7),
            TurnDay = archetype == Archetype.AgenticHarvest && r.Chance(0.5) ? R2(startDay + Uniform(ref r, 0.3, 0.9) * active) : null,
            Reseller = reseller,
            ChurnDays = r.Chance(0.35) ? R1(Uniform(ref r, 2, 10)) : null,
            RelayShare = archetype == Archetype.TransferStation ? R2(Uniform(ref r, 0.2, 0.85)) : 0.5,
            Evasion = knobs,
            Capabilities = caps,
            Templates = r.Chance(0.3) ? 0 : r.Next(1, 7),
            Languages = r.Chance(0.4) ? null : Languages(ref r),
            MaxTokens = maxTokens,
            ThinkingBudget = budget,
            ThinkingShare = thinking ? R2(Uniform(ref r, archetype == Archetype.ReasoningReplay ? 0.6 : 0.2, 1)) : null,
            ReasoningEffort = thinking && r.Chance(0.5) ? r.Pick(new[] { "low", "medium", "high" }) : null,
            Temperature = r.Chance(0.3) ? r.Pick(new[] { 0, 0.2, 0.7, 1.0 }) : R2(Uniform(ref r, 0, 1.2)),
            ParamSpread = r.Chance(0.6) ? 0 : R2(Uniform(ref r, 0.1, 0.8)),
            ToolShare = agentic ? R2(Uniform(ref r, 0.5, 1)) : r.Chance(0.2) ? R2(Uniform(ref r, 0.05, 0.5)) : null,
            TurnsMean = agentic ? R1(Uniform(ref r, 2, 8)) : r.Chance(0.3) ? R1(Uniform(ref r, 1.2, 3)) : null,
            Egress = new EgressSpec
            {
                Hosting = R2(Uniform(ref r, 0.05, 1)),
                Vpn = R2(r.Chance(0.6) ? Uniform(ref r, 0, 1) : 0),
                Residential = R2(r.Chance(0.3) ? Uniform(ref r, 0.1, 1) : 0),
                Mobile = R2(r.Chance(0.15) ? Uniform(ref r, 0.1, 0.5) : 0),
                Ranges = r.Next(1, 13),
                AccountsPerIp = R1(LogUniform(ref r, 1, 40)),
            },
            Routes = routes,
            Tiers = tiers,
            Clients = clients,
            AccountsPerCard = R1(LogUniform(ref r, 3, 60)),
        };
    }

    private static EvasionKnobs Knobs(ref SimRandom r) => new()
    {
        Paraphrase = r.Chance(0.4),
        ResidentialProxy = r.Chance(0.3),
        Dilution = r.Chance(0.35) ? R2(Uniform(ref r, 0.1, 0.8)) : 0,
        Throttle = r.Chance(0.35),
        HumanTiming = r.Chance(0.35),
        AgedAccounts = r.Chance(0.3),
        PartitionItems = r.Chance(0.35),
        DistinctPayment = r.Chance(0.35),
        Coverage = r.Chance(0.3) ? R2(Uniform(ref r, 0.3, 0.95)) : null,
    };

    private static List<string> Languages(ref SimRandom r)
    {
        var langs = new List<string>();
        int n = r.Next(1, 4);
        for (int i = 0; i < n; i++)
        {
            string l = r.Chance(0.35) ? "en" : r.Pick(ScenarioLoader.LanguageCodes);
            if (!langs.Contains(l)) langs.Add(l);
        }
        return langs;
    }

    /// <summary>Between <paramref name="min"/> and <paramref name="max"/> kinds of <paramref name="main"/>, plus up to <paramref name="extraMax"/> of <paramref name="extra"/>, each weighted 1–10.</summary>
    private static List<KindWeight> Draw(ref SimRandom r, ContentKind[] main, int min, int max, ContentKind[] extra, int extraMin, int extraMax)
    {
        var result = new List<KindWeight>();
        int n = r.Next(min, max + 1);
        for (int i = 0; i < n * 3 && result.Count < n; i++)
        {
            var k = r.Pick(main);
            if (result.All(w => w.Kind != k)) result.Add(new KindWeight(k, r.Next(1, 11)));
        }
        if (extra.Length > 0)
        {
            int m = r.Next(extraMin, extraMax + 1);
            for (int i = 0; i < m; i++)
            {
                var k = r.Pick(extra);
                if (result.All(w => w.Kind != k)) result.Add(new KindWeight(k, r.Next(1, 11)));
            }
        }
        return result;
    }

    private static List<string> Subset(ref SimRandom r, string[] items, int min, int max)
    {
        int n = r.Next(min, max + 1);
        var result = new List<string>();
        for (int i = 0; i < n * 3 && result.Count < n; i++)
        {
            var v = r.Pick(items);
            if (!result.Contains(v)) result.Add(v);
        }
        return result;
    }

    private static int Tokens(double v) => Math.Max(256, (int)Math.Round(v / 256) * 256);
    private static double Uniform(ref SimRandom r, double lo, double hi) => lo + (hi - lo) * r.NextDouble();
    private static double LogUniform(ref SimRandom r, double lo, double hi) => Math.Exp(Uniform(ref r, Math.Log(lo), Math.Log(hi)));
    private static double R1(double v) => Math.Round(v, 1);
    private static double R2(double v) => Math.Round(v, 2);
}
