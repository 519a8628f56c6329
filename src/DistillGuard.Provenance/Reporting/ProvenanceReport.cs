using System.Globalization;
using System.Text;
using DistillGuard.Provenance.Canaries;
using DistillGuard.Provenance.Detection;
using DistillGuard.Provenance.Lexicons;

namespace DistillGuard.Provenance.Reporting;

/// <summary>What a third-party report covers: the suspect, the evidence files, and the results.</summary>
public sealed record ReportInput
{
    public required string Suspect { get; init; }
    public required DateTimeOffset When { get; init; }
    public ProvenanceResult? Texts { get; init; }
    public string? TextsFile { get; init; }
    public string? TextsSha256 { get; init; }
    public ProvenanceResult? Probes { get; init; }
    public string? AnswersFile { get; init; }
    public string? AnswersSha256 { get; init; }
    public IReadOnlyList<CanarySubjectResult>? Canaries { get; init; }
    public string? RegistryFile { get; init; }
    public double Alpha { get; init; } = 0.01;
    public WatermarkLexicon Lexicon { get; init; } = WatermarkLexicon.BuiltIn;
}

/// <summary>The provenance report for a third party: key commitments, the test, its assumptions, the figures, and what
/// the result does and does not establish.</summary>
public static class ProvenanceReport
{
    private static string P(double p) => p == 0 ? "< 1e-300" : p.ToString(p < 1e-3 ? "0.0e+0" : "0.0000", CultureInfo.InvariantCulture);

    public static string Markdown(ReportInput r)
    {
        var sb = new StringBuilder();
        var ic = CultureInfo.InvariantCulture;
        sb.AppendLine("# Provenance report");
        sb.AppendLine();
        sb.AppendLine(ic, $"- Suspect: {r.Suspect}");
        sb.AppendLine(ic, $"- Produced: {r.When:yyyy-MM-dd HH:mm} UTC by DistillGuard");
        sb.AppendLine(ic, $"- Watermark lexicon: `{r.Lexicon.Name}`, SHA-256 `{r.Lexicon.Sha256}` ({r.Lexicon.Sets.Count} sets)");
        if (r.TextsFile is not null) sb.AppendLine(ic, $"- Suspect text: `{Path.GetFileName(r.TextsFile)}`, SHA-256 `{r.TextsSha256}`");
        if (r.AnswersFile is not null) sb.AppendLine(ic, $"- Suspect answers to probes: `{Path.GetFileName(r.AnswersFile)}`, SHA-256 `{r.AnswersSha256}`");
        if (r.RegistryFile is not null) sb.AppendLine(ic, $"- Canary registry: `{Path.GetFileName(r.RegistryFile)}`");
        sb.AppendLine(ic, $"- Significance level: {r.Alpha.ToString(ic)} (after correction for the number of keys or subjects tested)");
        sb.AppendLine();

        var keys = (r.Texts?.Keys ?? []).Concat(r.Probes?.Keys ?? []).GroupBy(k => k.KeyId).Select(g => g.First()).ToList();
        if (keys.Count > 0)
        {
            sb.AppendLine("## Keys (commitments)");
            sb.AppendLine();
            sb.AppendLine("Each key is a 32-byte secret held by the lab. Its commitment is the SHA-256 of the secret; revealing the");
            sb.AppendLine("secret later to an arbiter lets them recompute every figure below and check it against the commitment.");
            sb.AppendLine();
            sb.AppendLine("| key | marks | commitment |");
            sb.AppendLine("|---|---|---|");
            foreach (var k in keys) sb.AppendLine(ic, $"| {k.KeyId} | {k.Marks} | `{k.Commitment}` |");
            sb.AppendLine();
        }

        void Section(string title, ProvenanceResult res)
        {
            sb.AppendLine(ic, $"## {title}");
            sb.AppendLine();
            sb.AppendLine(ic, $"{res.Tokens:N0} tokens; {res.Occurrences:N0} lexicon occurrences; **{res.Scored:N0} units scored** (distinct set and previous word); statistic: {Statistic(res.Statistic)}.");
            sb.AppendLine();
            sb.AppendLine("| key | marks | hits / expected | p-value | corrected p (Bonferroni, " + res.Keys.Count + " keys) | at " + r.Alpha.ToString(ic) + " |");
            sb.AppendLine("|---|---|---|---|---|---|");
            foreach (var k in res.Keys.OrderBy(k => k.PValue))
                sb.AppendLine(ic, $"| {k.KeyId} | {k.Marks} | {k.Hits} / {k.Expected:F1} | {P(k.PValue)} | {P(k.AdjustedPValue)} | {(k.AdjustedPValue <= r.Alpha ? "**detected**" : "not detected")} |");
            sb.AppendLine();
        }
        if (r.Texts is not null) Section("Watermark test on text sampled from the suspect", r.Texts);
        if (r.Probes is not null) Section("Watermark test on the suspect's continuations of prefix probes", r.Probes);

        if (r.Canaries is { Count: > 0 })
        {
            sb.AppendLine("## Canaries");
            sb.AppendLine();
            sb.AppendLine("Each canary is an invented, harmless fact (a fictional village's founding year, a made-up craft ratio) issued only");
            sb.AppendLine("to one account or campaign, its value drawn with the lab's key from a stated range. An answer that was written");
            sb.AppendLine("without knowledge of the canary names its value only by chance; that chance is computed exactly per answer.");
            sb.AppendLine();
            sb.AppendLine("| subject | canaries | answers | matches / expected by chance | p-value | corrected p | at " + r.Alpha.ToString(ic) + " |");
            sb.AppendLine("|---|---|---|---|---|---|---|");
            foreach (var c in r.Canaries.OrderBy(c => c.PValue))
                sb.AppendLine(ic, $"| {c.Subject} | {c.Canaries} | {c.Answers} | {c.Matches} / {c.Expected:F3} | {P(c.PValue)} | {P(c.AdjustedPValue)} | {(c.Answers > 0 && c.AdjustedPValue <= r.Alpha ? "**knows its canaries**" : "no evidence")} |");
            sb.AppendLine();
        }

        sb.AppendLine("## The test and its assumptions");
        sb.AppendLine();
        sb.AppendLine("- **Watermark.** The lab's responses to the marked accounts were rewritten by a keyed choice among interchangeable");
        sb.AppendLine("  words and phrasings (\"do not\"/\"don't\", \"for example\"/\"for instance\", …; the lexicon above). At each occurrence");
        sb.AppendLine("  the key chooses one member of the set from HMAC-SHA256(secret, set, previous word). Code, quotes, JSON, tool");
        sb.AppendLine("  calls, URLs and numbers are never changed.");
        sb.AppendLine("- **Null hypothesis.** The suspect text was produced without use of text watermarked with the key: the text is");
        sb.AppendLine("  independent of the key. Then, for each distinct (set, previous word) unit, the key's choice is a uniformly random");
        sb.AppendLine("  member, independent across units (a property of HMAC under a secret key), whatever the suspect's own preferences.");
        sb.AppendLine("- **Statistic and exactness.** Repeated occurrences of a unit count as one unit, so one repeated phrase cannot make a");
        sb.AppendLine("  result. The hits statistic counts units whose (majority) member is the keyed one: a sum of independent Bernoulli");
        sb.AppendLine("  trials with probability 1/|set|, whose exact upper tail is the p-value. The weighted statistic sums, per unit, the");
        sb.AppendLine("  keyed member's clipped excess over its expected share (a z-score rounded to a grid of 1/4); its exact null");
        sb.AppendLine("  distribution is the sum of independent uniform choices among each unit's values, computed by convolution. The");
        sb.AppendLine("  likelihood statistic sums, per unit, the log-likelihood ratio of the keyed member's occurrences (weighing a member");
        sb.AppendLine("  by its rarity in the reference, on a grid of 1/16), with the same exact null distribution.");
        sb.AppendLine("  No approximation is used; p-values are conservative only through the discreteness of the statistic.");
        sb.AppendLine("- **Several keys.** When several keys (e.g. one per account) are tested, each p-value is multiplied by the number of");
        sb.AppendLine("  keys (Bonferroni); a key that stays significant after correction says whose outputs were used.");
        sb.AppendLine("- **Probes.** Prefix probes are cut from the lab's own unwatermarked outputs and chosen (and ranked) without the key, so the same");
        sb.AppendLine("  null distribution holds for the suspect's continuations. They may be cut from the originals of the responses the");
        sb.AppendLine("  lab served watermarked (its gateway's journal): which responses were watermarked was decided by policy (the accounts'");
        sb.AppendLine("  verdicts), not by the key, and the prefixes are the text as written before the watermark.");
        sb.AppendLine();
        sb.AppendLine("## What a positive result shows, and what it does not");
        sb.AppendLine();
        sb.AppendLine("- It shows that the suspect's word choices agree with the secret key far more often than any text independent of");
        sb.AppendLine("  the key would: text derived from watermarked outputs (directly, or through a model trained on them) is the");
        sb.AppendLine("  explanation the test supports. With per-account keys it says which accounts' outputs were used.");
        sb.AppendLine("- It does not show how much watermarked data was used, that the use was unlicensed, or who operated the suspect;");
        sb.AppendLine("  a suspect that quotes or paraphrases the lab's published outputs also carries the mark. A negative result does not");
        sb.AppendLine("  show that no outputs were used: paraphrasing, normalising word choices or too little suspect text lower the power.");
        sb.AppendLine("- The key must have been fixed (committed) before the suspect text was obtained; keys created after seeing the suspect,");
        sb.AppendLine("  or a search over many keys without correction, void the p-values.");
        return sb.ToString();
    }

    private static string Statistic(ProvenanceStatistic s) => s switch
    {
        ProvenanceStatistic.Hits => "hits (exact Poisson-binomial tail)",
        ProvenanceStatistic.Likelihood => "likelihood (log-likelihood ratio scores; exact sum of uniform choices)",
        _ => "weighted (exact sum of uniform choices)",
    };
}
