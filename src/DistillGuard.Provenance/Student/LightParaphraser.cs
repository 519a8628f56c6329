using System.Text;
using System.Text.RegularExpressions;

namespace DistillGuard.Provenance.Student;

/// <summary>
/// A light paraphrase attack, for measurements: within each paragraph the sentences are shuffled, and a chosen share of
/// the words is changed — swapped for a synonym from a generic thesaurus that knows nothing of the key (it includes the
/// watermark's own alternatives, picked at random), or, where it has none, deleted or preceded by a filler word.
/// </summary>
public static partial class LightParaphraser
{
    private static readonly Dictionary<string, string[]> Thesaurus = Build(
        "use:employ,apply|help:aid,support|big:large,huge|large:big|small:little|start:begin|begin:start|show:display|get:obtain|buy:purchase|" +
        "need:require|want:wish|make:create|give:provide|provide:give|check:verify|verify:check|confirm:verify|find:locate|change:modify|modify:change|" +
        "however:but|but:yet|also:too|very:really|really:truly|quickly:rapidly|important:crucial|crucial:important|simple:easy|easy:simple|" +
        "often:frequently|usually:typically|maybe:perhaps|perhaps:maybe|almost:nearly|about:around|choose:select|select:choose|option:choice|" +
        "options:choices|details:information|booking:reservation|reservation:booking|assist:help|assistance:help|happy:glad|glad:happy|" +
        "don't:do not|can't:cannot|cannot:can't|won't:will not|i'm:i am|it's:it is|you're:you are|i'll:i will|we'll:we will|" +
        "additionally:moreover|moreover:additionally|furthermore:also|therefore:thus|thus:therefore|unfortunately:sadly|certainly:sure|sure:certainly|" +
        "please:kindly|proceed:continue|currently:now|now:currently|able:capable|unable:not able|ensure:make sure|example:instance|instance:example");

    private static readonly string[] Fillers = ["really", "just", "also", "indeed", "actually", "simply"];

    private static Dictionary<string, string[]> Build(string spec)
    {
        var d = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var e in spec.Split('|'))
        {
            var kv = e.Split(':');
            d[kv[0]] = kv[1].Split(',');
        }
        return d;
    }

    [GeneratedRegex(@"(?<=[.!?])\s+(?=[A-Z])")]
    private static partial Regex SentenceBreak();

    /// <summary>Paraphrases <paramref name="text"/>, changing about <paramref name="share"/> of its words; returns the words changed.</summary>
    public static string Paraphrase(string text, Random rng, double share, out int changed)
    {
        changed = 0;
        var paragraphs = text.Split("\n\n");
        var outParas = new List<string>();
        foreach (var para in paragraphs)
        {
            var sentences = SentenceBreak().Split(para).ToList();
            for (int i = sentences.Count - 1; i > 0; i--)
            {
                int j = rng.Next(i + 1);
                (sentences[i], sentences[j]) = (sentences[j], sentences[i]);
            }
            var sb = new StringBuilder();
            foreach (var s in sentences)
            {
                if (sb.Length > 0) sb.Append(' ');
                var words = s.Split(' ');
                var outWords = new List<string>(words.Length + 4);
                foreach (var w in words)
                {
                    if (w.Length == 0 || rng.NextDouble() >= share) { outWords.Add(w); continue; }
                    changed++;
                    int a = 0, b = w.Length;
                    while (a < b && !char.IsLetter(w[a])) a++;
                    while (b > a && !char.IsLetter(w[b - 1])) b--;
                    string core = w[a..b];
                    string key = core.ToLowerInvariant().Replace('\u2019', '\'');
                    if (core.Length > 0 && Thesaurus.TryGetValue(key, out var syn))
                    {
                        string r = syn[rng.Next(syn.Length)];
                        if (char.IsUpper(core[0])) r = char.ToUpperInvariant(r[0]) + r[1..];
                        outWords.Add(w[..a] + r + w[b..]);
                    }
                    else if (rng.Next(2) == 0 && core.Length > 0 && a == 0 && b == w.Length) { }      // deleted
                    else { outWords.Add(Fillers[rng.Next(Fillers.Length)]); outWords.Add(w); }
                }
                sb.Append(string.Join(' ', outWords));
            }
            outParas.Add(sb.ToString());
        }
        return string.Join("\n\n", outParas);
    }
}
