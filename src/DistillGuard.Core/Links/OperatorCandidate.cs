namespace DistillGuard.Core.Links;

/// <summary>
/// One candidate operator the detector judged — an identity cluster, or the tied holders of one harness value — with
/// what was measured (shares of members tied by each kind of identity, bursts, harness shares) and the outcome, for
/// review (<c>analyze --explain</c> writes them to operators.jsonl). Members are profile indexes.
/// </summary>
public sealed record OperatorCandidate(string Source, IReadOnlyList<int> Members, string Measures, string Outcome);
