using DistillGuard.Simulation.Common;

namespace DistillGuard.Simulation.Content;

/// <summary>Cheap, seed-driven response text: prose, reasoning steps, code, JSON, scores and verdicts.</summary>
internal static class ResponseText
{
    /// <summary>A typical visible answer length in tokens for the kind, before the max_tokens cap.</summary>
    public static int TypicalTokens(ContentKind kind, ref SimRandom r)
    {
        double median = kind switch
        {
            ContentKind.GeneralChat or ContentKind.Support => 140,
            ContentKind.Extraction => 70,
            ContentKind.JailbreakAttempt or ContentKind.SystemPromptExtraction => 50,
            ContentKind.RubricGrading or ContentKind.PairwiseJudging or ContentKind.SafeRewrite => 160,
            ContentKind.Translation or ContentKind.Summarization => 150,
            ContentKind.AgentStep => 90,
            ContentKind.Math or ContentKind.Homework or ContentKind.BenchmarkEval => 260,
            ContentKind.CotElicitation or ContentKind.AnswerToReasoning or ContentKind.ReasoningReveal or ContentKind.ReasoningReplay => 520,
            ContentKind.CodingHarvest or ContentKind.AgenticHarvest => 480,
            ContentKind.SyntheticData => 600,
            ContentKind.SqlQuery or ContentKind.SpreadsheetFormula => 220,
            ContentKind.LegalClause => 330,
            ContentKind.MedicalCoding => 120,
            ContentKind.ChemistryQa => 240,
            _ => 300,
        };
        return (int)Math.Clamp(r.NextLogNormal(Math.Log(median), 0.45), 12, 4000);
    }

    public static bool IsReasoningKind(ContentKind kind) => kind is ContentKind.Math or ContentKind.Homework or ContentKind.BenchmarkEval
        or ContentKind.CotElicitation or ContentKind.AnswerToReasoning or ContentKind.ReasoningReveal or ContentKind.ReasoningReplay;

    private static int CharsFor(LanguagePack lang, int tokens) => lang.Spaces && lang.HasCase ? tokens * 4 : lang.Spaces ? tokens * 3 : tokens;

    public static void Answer(ContentKind kind, LanguagePack lang, SlotValues s, ref SimRandom r, int tokens, CharBuffer o)
    {
        int target = CharsFor(lang, tokens);
        int start = o.Length;
        bool en = lang.Code == "en";
        string[] prose = en ? EnglishPools.Prose : lang.Prose;
        if (CapabilityContent.Handles(kind)) { CapabilityContent.Answer(kind, lang, s, ref r, target, prose, o); return; }
        switch (kind)
        {
            case ContentKind.Math: case ContentKind.Homework: case ContentKind.BenchmarkEval:
            case ContentKind.CotElicitation: case ContentKind.AnswerToReasoning: case ContentKind.ReasoningReveal: case ContentKind.ReasoningReplay:
                Steps(lang, ref r, target, o, start);
                o.Append("\n\n").Append(kind == ContentKind.BenchmarkEval && en ? "The answer is" : lang.FinalAnswer).Append(' ');
                if (s.A.IsEmpty) o.Append(r.Next(2, 500)); else o.Append(s.A);
                if (kind == ContentKind.BenchmarkEval && en) o.Append('.');
                return;
            case ContentKind.Coding: case ContentKind.CodingHarvest:
                Sentences(prose, lang.Spaces, ref r, 1 + r.Next(2), o);
                o.Append("\n\n```").AppendLower(s.X.IsEmpty ? "python" : s.X.Span).Append('\n');
                int codeStart = o.Length;
                o.Append("def ").Append(s.T.IsEmpty ? "solve" : s.T.Span).Append("(items):\n");
                while (o.Length - start < target * 2 / 3 && o.Length - codeStart < 4000)
                    o.Append("    ").Append(EnglishPools.CodeLines[r.Next(EnglishPools.CodeLines.Length)]).Append('\n');
                o.Append("    return result\n```\n\n");
                Fill(prose, lang.Spaces, ref r, target, o, start);
                return;
            case ContentKind.Extraction:
                Json(s.X.Span, ref r, o);
                return;
            case ContentKind.RubricGrading:
                Fill(prose, lang.Spaces, ref r, target, o, start);
                int max = s.K <= 0 ? 10 : s.K;
                o.Append(en ? "\n\nRating: [[" : "\n\n[[").Append(1 + r.Next(max)).Append("]]");
                return;
            case ContentKind.PairwiseJudging:
                Fill(prose, lang.Spaces, ref r, target, o, start);
                double u = r.NextDouble();
                o.Append(en ? "\n\nFinal verdict: " : "\n\n").Append(u < 0.45 ? "[[A]]" : u < 0.9 ? "[[B]]" : "[[C]]");
                return;
            case ContentKind.SyntheticData:
                int k = s.K <= 0 ? 10 : s.K;
                string[] items = en ? EnglishPools.Questions : lang.Questions;
                for (int i = 1; i <= k && o.Length - start < target; i++)
                {
                    o.Append(i).Append(". ").Append(en ? "Instruction: " : "").Append(items[r.Next(items.Length)]).Append('\n');
                    if (en) o.Append("   Output: ").Append(prose[r.Next(prose.Length)]).Append('\n');
                }
                return;
            case ContentKind.JailbreakAttempt: case ContentKind.SystemPromptExtraction:
                if (en) o.Append(EnglishPools.Refusals[r.Next(EnglishPools.Refusals.Length)]);
                else Sentences(prose, lang.Spaces, ref r, 1, o);
                return;
            case ContentKind.SafeRewrite:
                if (en) o.Append("Here is a neutral version of the question:\n\n\"What are the main perspectives on this issue, and what evidence does each side cite?\"\n\n");
                Fill(prose, lang.Spaces, ref r, target, o, start);
                return;
            case ContentKind.Translation when en:
                Fill(TranslationProse(s.L.Span), true, ref r, target, o, start);
                return;
            default:
                Fill(prose, lang.Spaces, ref r, target, o, start);
                return;
        }
    }

    /// <summary>Reasoning text for a thinking block or reasoning summary.</summary>
    public static void Thinking(LanguagePack lang, ref SimRandom r, int tokens, CharBuffer o)
    {
        int start = o.Length;
        string[] pool = lang.Code == "en" ? EnglishPools.Reasoning : lang.Reasoning;
        int target = CharsFor(lang, tokens);
        while (o.Length - start < target)
        {
            if (o.Length > start) o.Append(lang.Spaces ? " " : "");
            o.Append(pool[r.Next(pool.Length)]);
            if (r.Chance(0.25)) { o.Append(lang.Spaces ? " " : "").Append(r.Next(2, 400)).Append(" × ").Append(r.Next(2, 30)).Append(" = ").Append(r.Next(4, 9000)).Append('.'); }
            if (r.Chance(0.15)) o.Append("\n\n");
        }
    }

    private static void Steps(LanguagePack lang, ref SimRandom r, int target, CharBuffer o, int start)
    {
        string[] pool = lang.Code == "en" ? EnglishPools.Reasoning : lang.Reasoning;
        int step = 1;
        while (o.Length - start < target)
        {
            if (o.Length > start) o.Append('\n');
            o.Append(step++).Append(". ").Append(pool[r.Next(pool.Length)]);
            if (r.Chance(0.5)) o.Append(lang.Spaces ? " " : "").Append(r.Next(2, 90)).Append(" + ").Append(r.Next(2, 90)).Append(" = ").Append(r.Next(4, 180)).Append('.');
        }
    }

    private static void Sentences(string[] pool, bool spaces, ref SimRandom r, int n, CharBuffer o)
    {
        for (int i = 0; i < n; i++)
        {
            if (i > 0 && spaces) o.Append(' ');
            o.Append(pool[r.Next(pool.Length)]);
        }
    }

    private static void Fill(string[] pool, bool spaces, ref SimRandom r, int target, CharBuffer o, int start)
    {
        int sinceBreak = 0;
        while (o.Length - start < target)
        {
            if (o.Length > start && o.Last != '\n' && spaces) o.Append(' ');
            o.Append(pool[r.Next(pool.Length)]);
            if (++sinceBreak >= 4 && r.Chance(0.4)) { o.Append("\n\n"); sinceBreak = 0; }
        }
    }

    private static void Json(ReadOnlySpan<char> fields, ref SimRandom r, CharBuffer o)
    {
        o.Append('{');
        bool first = true;
        while (!fields.IsEmpty)
        {
            int comma = fields.IndexOf(',');
            var f = (comma < 0 ? fields : fields[..comma]).Trim();
            fields = comma < 0 ? default : fields[(comma + 1)..];
            if (f.IsEmpty) continue;
            if (!first) o.Append(", ");
            first = false;
            o.Append('"').Append(f).Append("\": ");
            if (r.Chance(0.1)) o.Append("null");
            else if (f.EndsWith("amount") || f.EndsWith("age")) o.Append(r.Next(1, 9000));
            else if (f.EndsWith("date")) o.Append("\"2025-").Append(1 + r.Next(9)).Append('-').Append(10 + r.Next(18)).Append('"');
            else o.Append('"').Append(EnglishPools.Companies[r.Next(EnglishPools.Companies.Length)]).Append('"');
        }
        o.Append('}');
    }

    private static string[] TranslationProse(ReadOnlySpan<char> target) => target switch
    {
        "Spanish" => Translations[0], "French" => Translations[1], "German" => Translations[2], "Portuguese" => Translations[3],
        "Japanese" => Translations[4], "Chinese" => Translations[5], "Korean" => Translations[6], "Russian" => Translations[7],
        "Arabic" => Translations[8], "Hindi" => Translations[9], _ => Translations[0],
    };

    private static readonly string[][] Translations = BuildTranslations();

    private static string[][] BuildTranslations()
    {
        var packs = BuiltInLanguages.Create();
        string[] order = ["es", "fr", "de", "pt", "ja", "zh", "ko", "ru", "ar", "hi"];
        var result = new string[order.Length][];
        for (int i = 0; i < order.Length; i++)
            foreach (var p in packs) if (p.Code == order[i]) result[i] = p.Prose;
        return result;
    }
}
