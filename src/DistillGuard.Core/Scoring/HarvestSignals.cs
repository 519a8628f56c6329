using DistillGuard.Core.Model;

namespace DistillGuard.Core.Scoring;

/// <summary>Per-exchange signal ids (the wire ids of the reader's signal catalog, by bit of <see cref="SignalSet"/>), their weight as harvest evidence, and the masks the
/// account stages use.</summary>
public static class HarvestSignals
{
    public const int Count = 16;

    /// <summary>Signals that on their own mark an exchange as harvest-like (content asks for training data).</summary>
    public const SignalSet StrongHarvest = SignalSet.CotElicitation | SignalSet.AnswerToReasoning | SignalSet.ReasoningReveal
        | SignalSet.RubricGrading | SignalSet.PairwiseJudging | SignalSet.SafeRewrite | SignalSet.SyntheticData | SignalSet.ArtifactReplay
        | SignalSet.AnswerEcho;

    /// <summary>Request parameters that maximise what one response yields.</summary>
    public const SignalSet BudgetHarvest = SignalSet.MaxOutputBudget | SignalSet.MaxThinkingBudget | SignalSet.LogprobsRequested | SignalSet.MultipleCompletions;

    public static readonly string[] Ids =
    {
        "cot-elicitation", "answer-to-reasoning", "reasoning-reveal", "rubric-grading", "pairwise-judging", "safe-rewrite",
        "jailbreak", "system-prompt-extraction", "synthetic-data", "max-output", "max-thinking", "logprobs", "n-gt-1",
        "reasoning-exposed", "artifact-replay", "answer-echo",
    };

    /// <summary>How much one signal counts toward an account's harvest strength.</summary>
    public static readonly double[] Weights =
    {
        1.0, 1.0, 1.0, 0.8, 0.8, 0.8,
        0.2, 0.3, 0.7, 0.25, 0.3, 0.4, 0.3,
        0.05, 1.0, 0.8,
    };

    /// <summary>Whether an exchange counts as harvest: a content signal, or maximal thinking plus maximal output.</summary>
    public static bool IsHarvest(SignalSet s)
        => (s & StrongHarvest) != 0 || ((s & SignalSet.MaxThinkingBudget) != 0 && (s & SignalSet.MaxOutputBudget) != 0);

    public static readonly string[] CapabilityNames =
    {
        "reasoning", "coding", "math", "agentic-tool-use", "data-analysis", "writing", "reward-grading", "safety-rewrites",
        "knowledge", "translation", "conversation",
    };

    public const int CapabilityCount = 11;
}
