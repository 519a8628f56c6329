using DistillGuard.Provenance.Student;

namespace DistillGuard.Provenance.Detection;

/// <summary>An <see cref="IMemberPredictor"/> from a trigram model (interpolated Kneser-Ney) of the lab's unwatermarked outputs.</summary>
public sealed class NGramReference(NGramStudent model) : IMemberPredictor
{
    public static NGramReference Train(IEnumerable<string> cleanOutputs) => new(NGramStudent.Train(cleanOutputs));

    public NGramStudent Model => model;

    public double Propensity(string before2, string before1, IReadOnlyList<string> alternatives)
    {
        double sum = 0;
        foreach (var a in alternatives) sum += model.SequenceProbability(before2, before1, NGramStudent.Tokenize(a));
        return Math.Min(1.0, sum);
    }

    public double[] Predict(string before2, string before1, IReadOnlyList<string> alternatives)
    {
        var p = new double[alternatives.Count];
        double sum = 0;
        for (int i = 0; i < p.Length; i++)
        {
            p[i] = model.SequenceProbability(before2, before1, NGramStudent.Tokenize(alternatives[i]));
            sum += p[i];
        }
        for (int i = 0; i < p.Length; i++) p[i] = sum > 0 ? p[i] / sum : 1.0 / p.Length;
        return p;
    }
}
