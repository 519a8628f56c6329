using DistillGuard.Core.Model;

namespace DistillGuard.Core.Signals;

/// <summary>
/// The request/response parameter signals that one exchange decides on its own (definitions
/// <c>signals/parameters/*.yaml</c>): log-probabilities, several completions, readable reasoning, a reasoning artifact
/// pasted as content. The two budget signals (<c>max-output</c>, <c>max-thinking</c>) are not decided here: what is
/// maximal depends on the model and the population, so the account stage judges them against the log
/// (<see cref="BudgetPopulation"/>).
/// </summary>
public sealed record ParameterSignals
{
    public static ParameterSignals FromCatalog(SignalCatalog catalog) => new();

    /// <summary>Whether the exchange asks for budgets that could be maximal (both an output and a thinking budget): the
    /// parser reads its instruction skeleton in case the account stage calls it harvest.</summary>
    public static bool BudgetCandidate(ExchangeFeatures f) => f.MaxTokens > 0 && f.ThinkingBudget > 0;

    public SignalSet Evaluate(ExchangeFeatures f, bool artifactPasted)
    {
        var s = SignalSet.None;
        if (f.Logprobs || f.TopLogprobs > 0) s |= SignalSet.LogprobsRequested;
        if (f.N > 1) s |= SignalSet.MultipleCompletions;
        if (f.ReasoningExposed) s |= SignalSet.ReasoningExposure;
        if (artifactPasted) s |= SignalSet.ArtifactReplay;
        return s;
    }
}
