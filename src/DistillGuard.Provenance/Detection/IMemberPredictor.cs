namespace DistillGuard.Provenance.Detection;

/// <summary>
/// The lab's own expectation of a word choice: given the two tokens before an occurrence and each member of its set
/// written as it would appear there, the probability that the lab's unwatermarked model writes each (normalised over the
/// members). Any predictor keeps the provenance test exact (it only has to be independent of the key); a good one (the
/// lab's own model, or an n-gram of its unwatermarked outputs) makes it far more powerful on students of its outputs.
/// </summary>
public interface IMemberPredictor
{
    double[] Predict(string before2, string before1, IReadOnlyList<string> alternatives);

    /// <summary>The probability that the model continues after <paramref name="before2"/>, <paramref name="before1"/> with one of
    /// the alternatives at all (not normalised over them): where a prefix probe is likely to be answered with a member.</summary>
    double Propensity(string before2, string before1, IReadOnlyList<string> alternatives) => 1.0;
}
