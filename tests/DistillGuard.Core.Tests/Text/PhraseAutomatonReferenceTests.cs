using DistillGuard.Core.Signals;
using DistillGuard.Core.Text;

namespace DistillGuard.Core.Tests.Text;

/// <summary>
/// The automaton (dense ASCII rows, sparse other scripts, states renumbered so output states come last) against a
/// straightforward reference: every occurrence of every normalised phrase found with IndexOf, word boundaries checked
/// the same way. Seeded random texts built from phrase fragments, other words, CJK and punctuation.
/// </summary>
public sealed class PhraseAutomatonReferenceTests
{
    private static readonly (string Phrase, int Group)[] Phrases =
    [
        ("step by step", 0), ("every step", 1), ("step", 2), ("reason*", 3), ("*thinking", 4), ("show your work", 5),
        ("your work", 6), ("work", 7), ("思考过程", 8), ("过程", 9), ("полный", 10), ("a b", 11), ("b c d", 12), ("c", 13),
        ("don't skip", 14), ("chain-of-thought", 15), ("raw chain of thought", 16),
    ];

    private static readonly string[] Fragments =
    [
        "step", "by", "every", "reasoning", "reason", "unreasonable", "overthinking", "thinking", "show", "your", "work",
        "homework", "思考过程", "过程", "полный", "полныйх", "a", "b", "c", "d", "don't", "skip", "chain-of-thought", "raw",
        "chain", "of", "thought", ",", ".", "!", "_", "x1", "é", "STEP", "Step-by-step", "  ", "\n",
    ];

    private static ulong[] Reference(string normalized, int groups)
    {
        var bits = new ulong[(groups + 63) >> 6];
        foreach (var (raw, group) in Phrases)
        {
            string p = raw.Trim();
            bool openStart = p.StartsWith('*'), openEnd = p.EndsWith('*');
            p = TextNormalizer.Normalize(p.Trim('*'));
            bool startBound = !openStart && TextNormalizer.IsWordChar(p[0]);
            bool endBound = !openEnd && TextNormalizer.IsWordChar(p[^1]);
            for (int i = normalized.IndexOf(p, StringComparison.Ordinal); i >= 0; i = normalized.IndexOf(p, i + 1, StringComparison.Ordinal))
            {
                if (startBound && i > 0 && TextNormalizer.IsWordChar(normalized[i - 1])) continue;
                int end = i + p.Length;
                if (endBound && end < normalized.Length && TextNormalizer.IsWordChar(normalized[end])) continue;
                bits[group >> 6] |= 1UL << (group & 63);
            }
        }
        return bits;
    }

    [Fact]
    public void Match_RandomTexts_FindsExactlyWhatTheReferenceFinds()
    {
        var automaton = new PhraseAutomaton(Phrases, 17);
        var rnd = new Random(4242);
        int fired = 0;
        for (int t = 0; t < 5000; t++)
        {
            var words = Enumerable.Range(0, rnd.Next(1, 25)).Select(_ => Fragments[rnd.Next(Fragments.Length)]);
            string text = TextNormalizer.Normalize(string.Join(rnd.Next(4) == 0 ? "" : " ", words));
            var bits = new ulong[automaton.BitWords];
            automaton.Match(text, bits);
            Assert.Equal(Reference(text, 17), bits);
            if (bits[0] != 0) fired++;
        }
        Assert.True(fired > 2500, $"only {fired} texts matched anything: the generator does not exercise the automaton");
    }

    [Fact]
    public void DefaultEngine_CatalogPhrasesInsideText_MatchLikeTheReference()
    {
        // The real catalog automaton (thousands of states) on texts made of its own phrases: every group whose phrase
        // is embedded with spaces around it must fire.
        var engine = ContentSignalEngine.Default;
        var defs = SignalCatalog.Default.Definitions.Where(d => d.Kind != SignalKind.Parameter).ToList();
        var rnd = new Random(99);
        int group = 0;
        var phrases = new List<(string Phrase, int Group)>();
        foreach (var d in defs)
        {
            foreach (var g in d.Groups)
            {
                foreach (var list in g.Phrases.Values) foreach (var p in list) phrases.Add((p, group));
                group++;
            }
        }
        for (int t = 0; t < 300; t++)
        {
            var (phrase, g) = phrases[rnd.Next(phrases.Count)];
            string text = TextNormalizer.Normalize("well, " + phrase.Trim('*') + " now");
            var bits = new ulong[engine.BitWords];
            engine.Match(text, bits);
            Assert.True((bits[g >> 6] & (1UL << (g & 63))) != 0, $"phrase '{phrase}' (group {g}) did not fire in '{text}'");
        }
    }
}
