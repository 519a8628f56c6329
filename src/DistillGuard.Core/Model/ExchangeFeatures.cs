namespace DistillGuard.Core.Model;

/// <summary>
/// What the per-exchange stage (read + signals) hands to the per-account and cross-account stages:
/// compact facts about one exchange, no prompt text. Produced by the reader/signal stage, consumed by
/// profiles, linkers and campaign assembly. Instances may be pooled and reused by the producer: a consumer
/// copies what it keeps.
/// </summary>
public sealed class ExchangeFeatures
{
    // Who, when, where (exchange-log spec fields).
    public string Id { get; set; } = "";
    /// <summary>Arrival time, Unix milliseconds, UTC.</summary>
    public long TimestampMs { get; set; }
    public string Account { get; set; } = "";
    public string? Key { get; set; }
    public string? Ip { get; set; }
    public string? UserAgent { get; set; }
    public string? Ja4 { get; set; }
    public string? ForwardedFor { get; set; }
    /// <summary><c>direct</c> when absent.</summary>
    public string Route { get; set; } = "direct";
    public ApiFormat Api { get; set; }
    public string? Model { get; set; }
    public int Status { get; set; } = 200;
    public int LatencyMs { get; set; }

    // Request parameters.
    public int MaxTokens { get; set; }
    /// <summary>Anthropic <c>thinking.budget_tokens</c>; for OpenAI, an equivalent from <c>reasoning_effort</c> / <c>reasoning.effort</c> (low 2k, medium 8k, high 32k).</summary>
    public int ThinkingBudget { get; set; }
    public bool Logprobs { get; set; }
    public int TopLogprobs { get; set; }
    public int N { get; set; } = 1;
    public double? Temperature { get; set; }
    public int ToolCount { get; set; }
    /// <summary>User turns in the request's conversation.</summary>
    public int Turns { get; set; }
    /// <summary>Whether the response carried reasoning text or a reasoning summary the caller can read.</summary>
    public bool ReasoningExposed { get; set; }

    // Response.
    public int InputTokens { get; set; }
    public int OutputTokens { get; set; }
    public int ReasoningTokens { get; set; }

    // Content fingerprints (no text).
    /// <summary>Similarity-preserving fingerprint (64-bit SimHash) of the last user message with slots (numbers, quoted spans, code, names) masked: equal or near for one template's instances.</summary>
    public ulong TemplateFingerprint { get; set; }
    /// <summary>SimHash of the instruction concepts of the last user message and the system prompt
    /// (<see cref="Fingerprints.SkeletonFingerprint"/>): near for paraphrases and translations of one skeleton; 0 when
    /// too generic, and computed for harvest exchanges only (the only ones that use it).</summary>
    public ulong SkeletonFingerprint { get; set; }
    /// <summary>Exact hash of the normalized last user message: identifies an item (benchmark question, problem).</summary>
    public ulong ItemHash { get; set; }
    /// <summary>Hash of the system prompt / instructions, 0 when none.</summary>
    public ulong SystemHash { get; set; }
    /// <summary>Hash of the sorted tool names offered, 0 when none.</summary>
    public ulong ToolSetHash { get; set; }
    /// <summary>Set hash of the field names of the output schema the request asks for: its structured-output schema
    /// (<c>response_format</c>, <c>text.format</c>), else the first record shape written into its system prompt
    /// (<see cref="Fingerprints.OutputSchema"/>); 0 when none.</summary>
    public ulong SchemaHash { get; set; }

    // Signals.
    /// <summary>Per-exchange signals that fired.</summary>
    public SignalSet Signals { get; set; }
    /// <summary>Capabilities the exchange exercises.</summary>
    public Capability Capabilities { get; set; }
    /// <summary>Hashes of reasoning artifacts (thinking signatures, <c>encrypted_content</c>) issued in the response.</summary>
    public List<ulong> IssuedArtifacts { get; } = new(2);
    /// <summary>Hashes of reasoning artifacts presented in the request (pasted back, or carried in a conversation's history).</summary>
    public List<ulong> PresentedArtifacts { get; } = new(2);
}

/// <summary>Per-exchange signals (ids in the signal catalog). A flags set so one exchange can carry several.</summary>
[Flags]
public enum SignalSet : uint
{
    None = 0,
    CotElicitation = 1 << 0,          // cot-elicitation: demands complete step-by-step / transparent reasoning
    AnswerToReasoning = 1 << 1,       // answer-to-reasoning: gives the answer, asks for the reasoning behind it
    ReasoningReveal = 1 << 2,         // reasoning-reveal: reveal / translate / debug-print hidden reasoning
    RubricGrading = 1 << 3,           // rubric-grading: score a response against criteria
    PairwiseJudging = 1 << 4,         // pairwise-judging: which of two responses is better
    SafeRewrite = 1 << 5,             // safe-rewrite: rewrite sensitive questions into "safe" alternatives
    Jailbreak = 1 << 6,               // jailbreak: role-play / DAN-style policy evasion
    SystemPromptExtraction = 1 << 7,  // system-prompt-extraction: asks for hidden instructions
    SyntheticData = 1 << 8,           // synthetic-data: asks for many diverse examples/instructions
    MaxOutputBudget = 1 << 9,         // max-output: output budget at or near the model's maximum
    MaxThinkingBudget = 1 << 10,      // max-thinking: thinking budget / effort at maximum
    LogprobsRequested = 1 << 11,      // logprobs: token log-probabilities requested
    MultipleCompletions = 1 << 12,    // n-gt-1: several completions per request
    ReasoningExposure = 1 << 13,      // reasoning-exposed: response carried readable reasoning
    ArtifactReplay = 1 << 14,         // artifact-replay: request presents a reasoning artifact pasted as content
    AnswerEcho = 1 << 15,             // answer-echo: the response works toward new numbers and ends on one the request stated
}

/// <summary>Capability domains an exchange exercises.</summary>
[Flags]
public enum Capability : ushort
{
    None = 0,
    Reasoning = 1 << 0,
    Coding = 1 << 1,
    Math = 1 << 2,
    AgenticToolUse = 1 << 3,
    DataAnalysis = 1 << 4,
    Writing = 1 << 5,
    RewardGrading = 1 << 6,
    SafetyRewrites = 1 << 7,
    Knowledge = 1 << 8,
    Translation = 1 << 9,
    Conversation = 1 << 10,
}
