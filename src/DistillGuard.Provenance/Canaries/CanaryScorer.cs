using System.Text.Json;
using DistillGuard.Provenance.Stats;

namespace DistillGuard.Provenance.Canaries;

/// <summary>The canary test for one subject (account or campaign).</summary>
public sealed record CanarySubjectResult
{
    public required string Subject { get; init; }
    public required int Canaries { get; init; }
    public required int Answers { get; init; }
    public required int Matches { get; init; }
    /// <summary>Σ of each answer's chance to match without knowing the canary.</summary>
    public required double Expected { get; init; }
    /// <summary>Exact P(matches ≥ observed) for a model that never saw these canaries.</summary>
    public required double PValue { get; init; }
    /// <summary>Bonferroni over the subjects tested.</summary>
    public required double AdjustedPValue { get; init; }
}

/// <summary>Builds the probe set for issued canaries and scores a suspect model's answers.</summary>
public static class CanaryScorer
{
    /// <summary>Two probes per distinct canary: a question and a completion prompt.</summary>
    public static List<CanaryProbe> Probes(IEnumerable<CanaryRecord> issued)
    {
        var list = new List<CanaryProbe>();
        foreach (var c in issued.GroupBy(r => r.CanaryId).Select(g => g.First()).OrderBy(r => r.CanaryId, StringComparer.Ordinal))
        {
            list.Add(new CanaryProbe { Id = c.CanaryId + "-q", CanaryId = c.CanaryId, Subject = c.Subject, Style = "question", Prompt = c.Question });
            list.Add(new CanaryProbe { Id = c.CanaryId + "-c", CanaryId = c.CanaryId, Subject = c.Subject, Style = "completion", Prompt = c.Completion });
        }
        return list;
    }

    public static void WriteProbes(string path, IEnumerable<CanaryProbe> probes)
    {
        using var w = new StreamWriter(path);
        foreach (var p in probes) w.WriteLine(JsonSerializer.Serialize(p, CanaryJson.Options));
    }

    /// <summary>
    /// Scores answers ({probe_id, text}) per subject. Probe ids are "&lt;canary_id&gt;-q" / "-c"; answers to unknown ids are
    /// ignored. Under the null each answer matches with the probability <see cref="CanaryTemplates.NullProbability"/>,
    /// independently (each canary's value is an independent keyed draw), so the p-value is a Poisson-binomial tail.
    /// </summary>
    public static List<CanarySubjectResult> Score(IEnumerable<CanaryRecord> issued, IEnumerable<(string ProbeId, string Text)> answers)
    {
        var canaries = issued.GroupBy(r => r.CanaryId).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var perSubject = new Dictionary<string, (List<double> Ps, int Matches, HashSet<string> Ids)>(StringComparer.Ordinal);
        foreach (var c in canaries.Values)
            if (!perSubject.ContainsKey(c.Subject)) perSubject[c.Subject] = ([], 0, []);
        foreach (var (id, text) in answers)
        {
            int dash = id.LastIndexOf('-');
            if (dash <= 0 || !canaries.TryGetValue(id[..dash], out var c)) continue;
            var s = perSubject[c.Subject];
            s.Ps.Add(CanaryTemplates.NullProbability(c.Template, text));
            s.Ids.Add(c.CanaryId);
            if (CanaryTemplates.Matches(c.Template, text, c.Answer)) s.Matches++;
            perSubject[c.Subject] = s;
        }
        int tested = perSubject.Count(kv => kv.Value.Ps.Count > 0);
        return perSubject.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv =>
        {
            double p = PoissonBinomial.UpperTail(kv.Value.Ps, kv.Value.Matches);
            return new CanarySubjectResult
            {
                Subject = kv.Key,
                Canaries = canaries.Values.Count(c => c.Subject == kv.Key),
                Answers = kv.Value.Ps.Count,
                Matches = kv.Value.Matches,
                Expected = kv.Value.Ps.Sum(),
                PValue = p,
                AdjustedPValue = Math.Min(1.0, p * Math.Max(1, tested)),
            };
        }).ToList();
    }

    public static IEnumerable<(string ProbeId, string Text)> ReadAnswers(string path)
    {
        int n = 0;
        foreach (var line in File.ReadLines(path))
        {
            n++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            JsonElement e;
            try { e = JsonDocument.Parse(line).RootElement; }
            catch (JsonException ex) { throw new InvalidDataException($"{path}:{n}: not JSON ({ex.Message})"); }
            if (!e.TryGetProperty("probe_id", out var id) || id.ValueKind != JsonValueKind.String || !e.TryGetProperty("text", out var t) || t.ValueKind != JsonValueKind.String)
                throw new InvalidDataException($"{path}:{n}: expected {{\"probe_id\": string, \"text\": string}}");
            yield return (id.GetString()!, t.GetString()!);
        }
    }
}
