using DistillGuard.Core.Model;

namespace DistillGuard.Core.Signals;

/// <summary>
/// The request/response parameter signals (definitions <c>signals/parameters/*.yaml</c>; thresholds come from
/// there): output or thinking budget at the maximum, log-probabilities, several completions, readable reasoning,
/// a reasoning artifact pasted as content.
/// </summary>
public sealed record ParameterSignals
{
    /// <summary>Output budget (max tokens) at or above which <see cref="SignalSet.MaxOutputBudget"/> fires.</summary>
    public int MaxOutputTokens { get; init; } = 32_000;
    /// <summary>Thinking budget (or effort equivalent) at or above which <see cref="SignalSet.MaxThinkingBudget"/> fires.</summary>
    public int MaxThinkingTokens { get; init; } = 32_000;

    public static ParameterSignals FromCatalog(SignalCatalog catalog) => new()
    {
        MaxOutputTokens = (int)catalog.ParameterThreshold(SignalSet.MaxOutputBudget, 32_000),
        MaxThinkingTokens = (int)catalog.ParameterThreshold(SignalSet.MaxThinkingBudget, 32_000),
    };

    public SignalSet Evaluate(ExchangeFeatures f, bool artifactPasted)
    {
        var s = SignalSet.None;
        if (f.MaxTokens >= MaxOutputTokens) s |= SignalSet.MaxOutputBudget;
        if (f.ThinkingBudget >= MaxThinkingTokens) s |= SignalSet.MaxThinkingBudget;
        if (f.Logprobs || f.TopLogprobs > 0) s |= SignalSet.LogprobsRequested;
        if (f.N > 1) s |= SignalSet.MultipleCompletions;
        if (f.ReasoningExposed) s |= SignalSet.ReasoningExposure;
        if (artifactPasted) s |= SignalSet.ArtifactReplay;
        return s;
    }
}
