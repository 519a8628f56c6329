using DistillGuard.Simulation.Content;
using DistillGuard.Simulation.Network;
using DistillGuard.Simulation.Scenarios;

namespace DistillGuard.Simulation.World;

/// <summary>The default behaviour of a legitimate persona (scenario entries may override volume and group size).</summary>
internal sealed record PersonaProfile
{
    public required KindMix Kinds { get; init; }
    public double DailyMedian { get; init; } = 5;
    public double DailySigma { get; init; } = 1.1;
    public TimingMode Timing { get; init; } = TimingMode.Diurnal;
    public double WeekendFactor { get; init; } = 0.5;
    public double DayActiveProb { get; init; } = 0.7;
    public double TurnsMean { get; init; } = 3;
    public bool Conversational { get; init; } = true;
    public int GroupSize { get; init; } = 1;
    public double CloudProb { get; init; } = 0.05;
    public double VerifiedProb { get; init; } = 0.5;
    public double ToolProb { get; init; }
    public double LogprobsProb { get; init; }
    public bool Multilingual { get; init; }
    public double[] ThinkingProbs { get; init; } = [0, 0, 0.1, 0.3, 0.7];
    public ClientStack[] Clients { get; init; } = Sdk("openai-python", "anthropic-python", "openai-node", "anthropic-typescript", "httpx", "curl", "langchain-python", "requests");
    public string[] Tiers { get; init; } = ["free", "paid", "paid"];

    private static ClientStack[] Sdk(params string[] names) => names.Select(ClientStacks.ByName).ToArray();

    public static PersonaProfile For(Persona p) => p switch
    {
        Persona.Developer => new()
        {
            Kinds = new((ContentKind.Coding, 55), (ContentKind.GeneralChat, 12), (ContentKind.Research, 8), (ContentKind.DataAnalysis, 8),
                (ContentKind.Writing, 5), (ContentKind.Math, 5), (ContentKind.AgentStep, 4), (ContentKind.Extraction, 3)),
            DailyMedian = 6, DailySigma = 1.2, DayActiveProb = 0.75, CloudProb = 0.12, ToolProb = 0.15,
            Clients = Sdk("openai-python", "openai-python-old", "anthropic-python", "openai-node", "anthropic-typescript", "httpx", "curl", "langchain-python", "langchain-js", "go-http", "java-okhttp"),
        },
        Persona.Hobbyist => new()
        {
            Kinds = new((ContentKind.GeneralChat, 40), (ContentKind.Writing, 18), (ContentKind.Coding, 14), (ContentKind.Math, 8),
                (ContentKind.Translation, 8), (ContentKind.Research, 8), (ContentKind.JailbreakAttempt, 2), (ContentKind.Summarization, 2)),
            DailyMedian = 2, DailySigma = 1.0, WeekendFactor = 1.6, DayActiveProb = 0.45, TurnsMean = 3.5, CloudProb = 0.03,
            Tiers = ["free", "free", "paid"], Multilingual = true,
            Clients = Sdk("openai-python", "anthropic-python", "curl", "requests", "httpx", "openai-node", "browser-app"),
        },
        Persona.DataAnalyst => new()
        {
            Kinds = new((ContentKind.DataAnalysis, 50), (ContentKind.Extraction, 20), (ContentKind.Summarization, 18), (ContentKind.Coding, 12)),
            DailyMedian = 9, DailySigma = 1.0, DayActiveProb = 0.8, WeekendFactor = 0.2, ToolProb = 0.3, CloudProb = 0.1,
            Clients = Sdk("openai-python", "anthropic-python", "langchain-python", "httpx", "requests"),
        },
        Persona.Writer => new()
        {
            Kinds = new((ContentKind.Writing, 60), (ContentKind.Translation, 15), (ContentKind.Summarization, 15), (ContentKind.GeneralChat, 10)),
            DailyMedian = 5, DailySigma = 0.9, WeekendFactor = 0.9, TurnsMean = 4, Multilingual = true,
            Clients = Sdk("openai-python", "anthropic-python", "openai-node", "anthropic-typescript", "browser-app"),
        },
        Persona.CampusStudent => new()
        {
            Kinds = new((ContentKind.Homework, 45), (ContentKind.Math, 20), (ContentKind.Coding, 20), (ContentKind.Writing, 10), (ContentKind.GeneralChat, 5)),
            DailyMedian = 3, DailySigma = 0.9, WeekendFactor = 0.8, DayActiveProb = 0.6, GroupSize = 40, CloudProb = 0,
            ThinkingProbs = [0, 0.2, 0.5], Clients = Sdk("openai-python", "anthropic-python", "requests", "curl", "openai-node"),
        },
        Persona.CorporateEmployee => new()
        {
            Kinds = new((ContentKind.Writing, 25), (ContentKind.Coding, 25), (ContentKind.DataAnalysis, 15), (ContentKind.Summarization, 20),
                (ContentKind.Extraction, 10), (ContentKind.Translation, 5)),
            DailyMedian = 7, DailySigma = 0.9, WeekendFactor = 0.1, DayActiveProb = 0.85, GroupSize = 15, CloudProb = 0,
            Clients = Sdk("openai-python", "anthropic-python", "langchain-python", "openai-node", "java-okhttp"),
        },
        Persona.EnterpriseBatch => new()
        {
            Kinds = new((ContentKind.Extraction, 1)),
            Timing = TimingMode.AroundClock, DailyMedian = 600, DailySigma = 0.8, DayActiveProb = 1, WeekendFactor = 1, TurnsMean = 1,
            Conversational = false, CloudProb = 1, ThinkingProbs = [0], Tiers = ["enterprise"],
            Clients = Sdk("go-http", "java-okhttp", "httpx", "aiohttp"),
        },
        Persona.BenchmarkResearcher => new()
        {
            Kinds = new((ContentKind.BenchmarkEval, 85), (ContentKind.Math, 10), (ContentKind.Research, 5)),
            DailyMedian = 60, DailySigma = 1.0, DayActiveProb = 0.3, WeekendFactor = 0.8, TurnsMean = 40, Conversational = false,
            CloudProb = 0.4, Tiers = ["research", "research", "edu", "paid"], LogprobsProb = 0.3,
            Clients = Sdk("openai-python", "anthropic-python", "httpx", "aiohttp"),
        },
        Persona.RelayApp => new()
        {
            Kinds = new((ContentKind.Support, 40), (ContentKind.GeneralChat, 30), (ContentKind.Translation, 15), (ContentKind.Summarization, 15)),
            Timing = TimingMode.AroundClock, DailyMedian = 400, DailySigma = 1.0, DayActiveProb = 1, WeekendFactor = 1, TurnsMean = 1,
            Conversational = false, CloudProb = 1, Multilingual = true, ThinkingProbs = [0, 0.1],
            Clients = Sdk("openai-node", "anthropic-typescript", "go-http", "openai-python"),
        },
        Persona.AgentPlatformUser => new()
        {
            Kinds = new((ContentKind.AgentStep, 1)),
            DailyMedian = 12, DailySigma = 1.0, DayActiveProb = 0.6, TurnsMean = 8, GroupSize = 200, CloudProb = 0.02,
            ThinkingProbs = [0.3, 0.7, 1.0],
        },
        Persona.JailbreakTinkerer => new()
        {
            Kinds = new((ContentKind.JailbreakAttempt, 50), (ContentKind.SystemPromptExtraction, 15), (ContentKind.GeneralChat, 35)),
            DailyMedian = 3, DailySigma = 0.8, DayActiveProb = 0.55, WeekendFactor = 1.5, TurnsMean = 4, Tiers = ["free", "free", "paid"],
            Multilingual = true, Clients = Sdk("curl", "requests", "openai-python", "httpx", "browser-app"),
        },
        Persona.LicensedDistiller => new()
        {
            Kinds = new((ContentKind.CotElicitation, 30), (ContentKind.SyntheticData, 30), (ContentKind.CodingHarvest, 20), (ContentKind.RubricGrading, 20)),
            Timing = TimingMode.AroundClock, DailyMedian = 1500, DailySigma = 0.5, DayActiveProb = 1, WeekendFactor = 1, TurnsMean = 1,
            Conversational = false, CloudProb = 1, Tiers = ["enterprise"], Clients = Sdk("httpx", "aiohttp", "openai-python", "anthropic-python"),
        },
        Persona.OrgFleet => new()
        {
            Kinds = new((ContentKind.Support, 25), (ContentKind.Extraction, 20), (ContentKind.Summarization, 20), (ContentKind.Coding, 10),
                (ContentKind.Translation, 10), (ContentKind.DataAnalysis, 10), (ContentKind.Writing, 5)),
            Timing = TimingMode.AroundClock, DailyMedian = 60, DailySigma = 0.4, DayActiveProb = 1, WeekendFactor = 1, TurnsMean = 1,
            Conversational = false, CloudProb = 1, GroupSize = 20, ThinkingProbs = [0, 0.2], Tiers = ["enterprise", "paid"], VerifiedProb = 0.9,
            Clients = Sdk("go-http", "httpx", "aiohttp", "java-okhttp", "openai-python", "anthropic-python"),
        },
        _ => throw new ArgumentOutOfRangeException(nameof(p)),
    };
}
