using DistillGuard.Core.Model;
using DistillGuard.Simulation.Content;
using static DistillGuard.Simulation.Tests.ContentTestSupport;

namespace DistillGuard.Simulation.Tests;

public sealed class ContentWordingTests
{
    private static readonly TemplateContentRenderer Renderer = new(BuiltIn);

    [Fact]
    public void TemplateCount_EveryKind_HasManySkeletons()
    {
        foreach (var kind in Enum.GetValues<ContentKind>())
        {
            int n = BuiltIn.TemplateCount(kind);
            Assert.True(n >= (HarvestKinds.Contains(kind) ? 8 : 10), $"{kind} has only {n} skeletons");
        }
    }

    [Fact]
    public void UserText_FixedTemplateCanonicalWording_KeepsEverySkeletonWordAcrossItems()
    {
        foreach (var kind in Enum.GetValues<ContentKind>())
            for (int template = 0; template < BuiltIn.TemplateCount(kind); template++)
            {
                var skeleton = BuiltIn.SkeletonsFor(kind, BuiltIn.English)[template];
                var literal = new HashSet<string>();
                foreach (var clause in skeleton.Clauses)
                    for (int i = 0; i < clause.Length; i++)
                    {
                        var tok = clause[i];
                        bool gluedBefore = i > 0 && !tok.SpaceBefore;
                        bool gluedAfter = i + 1 < clause.Length && !clause[i + 1].SpaceBefore;
                        if (tok.Slot == Slot.None && !gluedBefore && !gluedAfter && tok.Text.Count(char.IsLetter) >= 2 && tok.Text.IndexOf('\n') < 0)
                            literal.Add(tok.Text);
                    }
                HashSet<string>? common = null;
                var distinct = new HashSet<string>();
                for (long item = 0; item < 120; item++)
                {
                    var intent = Intent(ApiFormat.OpenAIChatCompletions, kind, (ulong)item * 31 + 5);
                    intent.Template = template; intent.Item = item;
                    string text = Renderer.UserText(intent);
                    distinct.Add(text);
                    var words = Words(text);
                    if (common is null) common = words; else common.IntersectWith(words);
                }
                // Words glued to a slot fill ("{q}." or "`{t}`") are not separate words; the rest must survive every fill
                // (a clause-final word gains a full stop when the next clause follows a fill, hence the small allowance).
                int kept = literal.Count(w => common!.Contains(w) || common!.Contains(w + "."));
                Assert.True(kept >= literal.Count * 0.9, $"{kind}/{template}: only {kept} of {literal.Count} skeleton words in every render");
                if (skeleton.Clauses.SelectMany(c => c).Any(t => t.Slot is Slot.Q or Slot.T or Slot.X))
                    Assert.True(distinct.Count > 5, $"{kind}/{template}: slot fills do not vary ({distinct.Count} distinct)");
            }
    }

    [Fact]
    public void UserText_DifferentParaphraseSeeds_GiveDifferentWordingsOfOneSkeleton()
    {
        foreach (var kind in HarvestKinds)
        {
            var texts = new HashSet<string>();
            var canonical = Intent(ApiFormat.AnthropicMessages, kind, 1);
            canonical.Template = 0; canonical.Item = 3;
            var baseWords = Words(Renderer.UserText(canonical));
            double overlapSum = 0;
            for (ulong p = 1; p <= 40; p++)
            {
                var intent = Intent(ApiFormat.AnthropicMessages, kind, 1);
                intent.Template = 0; intent.Item = 3; intent.Paraphrase = p;
                string text = Renderer.UserText(intent);
                texts.Add(text);
                var words = Words(text);
                overlapSum += words.Count(baseWords.Contains) / (double)Math.Max(1, baseWords.Count);
            }
            Assert.True(texts.Count >= 30, $"{kind}: only {texts.Count} distinct wordings from 40 paraphrase seeds");
            // Still one skeleton: on average a paraphrase keeps a good share of the canonical words.
            Assert.True(overlapSum / 40 > 0.4, $"{kind}: paraphrases drift too far ({overlapSum / 40:F2})");
        }
    }

    [Fact]
    public void UserText_SameParaphraseSeed_KeepsOneWordingAcrossItems()
    {
        var first = new List<HashSet<string>>();
        for (ulong p = 11; p < 14; p++)
        {
            HashSet<string>? common = null;
            for (long item = 0; item < 80; item++)
            {
                var intent = Intent(ApiFormat.OpenAIResponses, ContentKind.CotElicitation, (ulong)item);
                intent.Template = 1; intent.Item = item; intent.Paraphrase = p;
                var words = Words(Renderer.UserText(intent));
                if (common is null) common = words; else common.IntersectWith(words);
            }
            Assert.True(common!.Count >= 10, $"paraphrase {p}: only {common.Count} words shared by every item");
            first.Add(common);
        }
        Assert.False(first[0].SetEquals(first[1]) && first[1].SetEquals(first[2]), "three paraphrase seeds share one wording");
    }

    [Theory]
    [InlineData(ContentKind.BenchmarkEval, "step by step")]
    [InlineData(ContentKind.Homework, "explain your reasoning")]
    [InlineData(ContentKind.Writing, "Grade my essay")]
    [InlineData(ContentKind.Writing, "safer wording of my own text")]
    [InlineData(ContentKind.Translation, "Translate")]
    public void UserText_LegitKinds_IncludeHardNegatives(ContentKind kind, string phrase)
    {
        bool found = false;
        for (int t = 0; t < BuiltIn.TemplateCount(kind) && !found; t++)
        {
            var intent = Intent(ApiFormat.OpenAIChatCompletions, kind, 3);
            intent.Template = t;
            found = Renderer.UserText(intent).Contains(phrase, StringComparison.OrdinalIgnoreCase);
        }
        Assert.True(found, $"{kind} never says \"{phrase}\"");
    }

    [Theory]
    [InlineData("zh", 0x4E00, 0x9FFF)]
    [InlineData("ja", 0x3040, 0x30FF)]
    [InlineData("ru", 0x0400, 0x04FF)]
    [InlineData("hi", 0x0900, 0x097F)]
    [InlineData("ar", 0x0600, 0x06FF)]
    [InlineData("ko", 0xAC00, 0xD7AF)]
    public void UserText_NonLatinLanguage_IsWrittenInThatScript(string language, int first, int last)
    {
        foreach (var kind in Enum.GetValues<ContentKind>())
        {
            var intent = Intent(ApiFormat.OpenAIChatCompletions, kind, 8);
            intent.Language = language;
            string text = Renderer.UserText(intent);
            int inScript = text.Count(c => c >= first && c <= last);
            Assert.True(inScript >= 3, $"{language}/{kind}: \"{text}\"");
        }
    }

    [Theory]
    [InlineData("es", "Resuelve", "Escribe", "Hola", "por favor")]
    [InlineData("de", "Schritt", "Aufgabe", "Schreibe", "Bitte")]
    [InlineData("fr", "étape", "Écris", "Bonjour", "Réponds")]
    [InlineData("pt", "passo", "Escreva", "Olá", "Resolva")]
    public void Render_LatinLanguage_UsesThatLanguagesWords(string language, params string[] markers)
    {
        int hits = 0, total = 0;
        foreach (var kind in Enum.GetValues<ContentKind>())
            for (ulong seed = 0; seed < 4; seed++)
            {
                var intent = Intent(ApiFormat.AnthropicMessages, kind, seed);
                intent.Language = language; intent.Paraphrase = seed;
                string text = Renderer.UserText(intent);
                total++;
                if (markers.Any(m => text.Contains(m, StringComparison.OrdinalIgnoreCase)) || LooksLike(language, text)) hits++;
                Assert.DoesNotContain("Please", text);
            }
        Assert.True(hits >= total / 3, $"{language}: only {hits}/{total} texts carry the language's words");
    }

    private static bool LooksLike(string language, string text) => language switch
    {
        "es" => text.Contains('¿') || text.Contains('ñ') || text.Contains(" el ") || text.Contains(" la ") || text.Contains(" de "),
        "de" => text.Contains(" die ") || text.Contains(" der ") || text.Contains(" und ") || text.Contains('ü') || text.Contains('ä'),
        "fr" => text.Contains(" le ") || text.Contains(" la ") || text.Contains(" et ") || text.Contains(" : "),
        "pt" => text.Contains(" o ") || text.Contains(" a ") || text.Contains("ção") || text.Contains('ã'),
        _ => false,
    };

    [Theory]
    [InlineData("es")]
    [InlineData("de")]
    [InlineData("fr")]
    [InlineData("pt")]
    [InlineData("ru")]
    public void UserText_NonEnglishParaphrases_SwapWordsToo(string language)
    {
        var canonical = Intent(ApiFormat.OpenAIChatCompletions, ContentKind.CotElicitation, 4);
        canonical.Language = language; canonical.Template = 0; canonical.Item = 1;
        var baseWords = Words(Renderer.UserText(canonical));
        var pack = BuiltIn.LanguageFor(language);
        foreach (var frame in pack.Openers.Concat(pack.Closers)) baseWords.UnionWith(Words(frame)); // framing is not a synonym swap
        var swapped = new HashSet<string>();
        for (ulong p = 1; p <= 30; p++)
        {
            var intent = Intent(ApiFormat.OpenAIChatCompletions, ContentKind.CotElicitation, 4);
            intent.Language = language; intent.Template = 0; intent.Item = 1; intent.Paraphrase = p;
            foreach (var w in Words(Renderer.UserText(intent)))
                if (!baseWords.Contains(w) && !baseWords.Contains(w.TrimEnd('.')) && w.Any(char.IsLetter)) swapped.Add(w.ToLowerInvariant().TrimEnd('.', ',', ':'));
        swapped.ExceptWith(baseWords.Select(b => b.ToLowerInvariant().TrimEnd('.', ',', ':')));
        }
        Assert.True(swapped.Count >= 5, $"{language}: paraphrases introduce only {swapped.Count} new words");
    }

    [Fact]
    public void Render_NonEnglishResponse_IsInTheSameLanguage()
    {
        var intent = Intent(ApiFormat.OpenAIChatCompletions, ContentKind.GeneralChat, 2);
        intent.Language = "ru";
        using var doc = Render(intent);
        string answer = doc.RootElement.GetProperty("response").GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString()!;
        Assert.True(answer.Count(c => c >= 0x0400 && c <= 0x04FF) > answer.Length / 3);
    }

    [Fact]
    public void Render_HarvestKinds_AreNotOnePhrase()
    {
        // A detector has to generalise: no single sentence appears in most renders of a harvest kind.
        foreach (var kind in new[] { ContentKind.CotElicitation, ContentKind.AnswerToReasoning, ContentKind.ReasoningReveal })
        {
            var counts = new Dictionary<string, int>();
            const int n = 300;
            for (ulong s = 0; s < n; s++)
            {
                var intent = Intent(ApiFormat.OpenAIChatCompletions, kind, s);
                intent.Paraphrase = s % 50;
                foreach (var sentence in Renderer.UserText(intent).Split(['.', '\n', '|'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct())
                    counts[sentence] = counts.GetValueOrDefault(sentence) + 1;
            }
            int max = counts.Values.Max();
            Assert.True(max < n / 3, $"{kind}: one sentence appears in {max}/{n} prompts");
        }
    }
}
