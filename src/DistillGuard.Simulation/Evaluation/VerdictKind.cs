namespace DistillGuard.Simulation.Evaluation;

/// <summary>The verdict values of spec/verdicts.md, plus the two states the evaluator must account for.</summary>
public enum VerdictKind : byte
{
    /// <summary>The account has no line in verdicts.jsonl; counted as <see cref="Clear"/> and reported.</summary>
    Missing = 0,
    /// <summary><c>clear</c>.</summary>
    Clear = 1,
    /// <summary><c>watch</c>: worth a human look, no action.</summary>
    Watch = 2,
    /// <summary><c>campaign</c>: member of a detected campaign, action warranted.</summary>
    Campaign = 3,
    /// <summary>A value outside clear/watch/campaign; counted as <see cref="Clear"/> and reported.</summary>
    Invalid = 4,
}
