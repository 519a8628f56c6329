using DistillGuard.Core.Model;
using DistillGuard.Simulation.Network;

namespace DistillGuard.Simulation.World;

/// <summary>How items fill a skeleton's slots across an account's sessions.</summary>
internal enum ItemMode : byte { Random, SharedPool, Sequential }

/// <summary>An account's role in reasoning replay.</summary>
internal enum ReplayRole : byte { None, Issuer, Replayer }

/// <summary>Everything that decides one account's traffic; built once by <see cref="WorldBuilder"/>, read by the engine.</summary>
internal sealed class ActorPlan
{
    public int Index;
    public string AccountId = "";
    public string[] Keys = [];
    public string Persona = "";
    public string? Campaign;
    public int CampaignIndex = -1;
    public ulong Seed;

    // When.
    public TimingMode Timing;
    public double DailyMean;
    public double DayNoiseSigma = 0.45;
    public int TzOffsetMinutes;
    public double WeekendFactor = 1;
    public double DayActiveProb = 1;
    public double TurnsMean = 1;
    public bool Conversational = true;
    public double GapMeanSec = 70;
    public double ActiveFromDay;
    public double ActiveToDay = double.MaxValue;
    public double SyncPhase;
    /// <summary>On the synchronized clock, each tick starts a session of about <see cref="TurnsMean"/> turns (campaign <c>turns_mean</c>).</summary>
    public bool SyncTurns;

    // Before the campaign uses a bought account: ordinary history.
    public double HarvestFromDay;
    public double HistoryDaily = 2;
    public KindMix? HistoryKinds;

    // Where from.
    public uint[] Ips = [];
    public bool ProxyRotation;
    public bool ForwardedFor;
    public ClientStack Client = ClientStacks.All[0];
    public ApiFormat[] Apis = [ApiFormat.OpenAIChatCompletions];
    public string[] Routes = ["direct"];

    // What.
    public KindMix Kinds = KindMix.Relayed;
    public KindMix? LaterKinds;
    public double LaterFromDay = double.MaxValue;
    public int[] Templates = [];
    public int SystemPrompt = -1;
    public double SystemPromptProb = 1;
    public int ToolSet = -1;
    public double ToolProb;
    public double ToolCallProb = 0.5;
    public ulong Paraphrase;
    public ItemMode Items;
    public long ItemStart;
    public long ItemCount = 1;
    public long ItemCursor;
    public double ThinkingProb;
    public int ThinkingBudget;
    /// <summary>Explicit OpenAI reasoning effort on thinking requests; null: mapped from the budget.</summary>
    public string? ReasoningEffort;
    public bool ExposeReasoning;
    public bool IssueEncrypted;
    public int MaxTokens = 1024;
    public double? Temperature;
    public double LogprobsProb;
    public int N = 1;
    public string Language = "en";
    public double OtherLanguageProb;
    public double RelayShare;
    public ReplayRole Replay;
    public ArtifactPool? Pool;

    // Models.
    public double AdoptDay = double.MaxValue;
    public double NewModelShare = 0.5;
    public double MiniShare = 0.25;
    public double FailureRate = 0.01;
}
