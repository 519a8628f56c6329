using DistillGuard.Simulation.Common;

namespace DistillGuard.Simulation.Content;

/// <summary>
/// Fills an exchange's slots from its item: a corpus item where the library has one for the kind (English),
/// otherwise the built-in generators. The item is chosen by <see cref="ExchangeIntent.Item"/> alone, so the same
/// item index gives the same problem to every account (benchmark items, shared documents).
/// </summary>
internal static class ItemFactory
{
    private static readonly CorpusPool[] None = [];
    private static readonly CorpusPool[] ChatPools = [CorpusPool.Chat];
    private static readonly CorpusPool[] WritingPools = [CorpusPool.Writing];
    private static readonly CorpusPool[] CodingPools = [CorpusPool.Coding];
    private static readonly CorpusPool[] MathPools = [CorpusPool.MathWord];
    private static readonly CorpusPool[] ReasoningPools = [CorpusPool.MathWord, CorpusPool.MultipleChoice];
    private static readonly CorpusPool[] JailbreakPools = [CorpusPool.Jailbreak];
    private static readonly CorpusPool[] ForbiddenPools = [CorpusPool.Forbidden];
    private static readonly CorpusPool[] ExtractionPools = [CorpusPool.ExtractionAttack];
    private static readonly CorpusPool[] SeedPools = [CorpusPool.SeedTask];

    public static CorpusPool[] PoolsFor(ContentKind kind) => kind switch
    {
        ContentKind.GeneralChat or ContentKind.Research => ChatPools,
        ContentKind.Writing => WritingPools,
        ContentKind.Coding or ContentKind.CodingHarvest => CodingPools,
        ContentKind.Math or ContentKind.Homework => MathPools,
        ContentKind.BenchmarkEval or ContentKind.CotElicitation or ContentKind.AnswerToReasoning or ContentKind.ReasoningReveal => ReasoningPools,
        ContentKind.JailbreakAttempt => JailbreakPools,
        ContentKind.SafeRewrite => ForbiddenPools,
        ContentKind.SystemPromptExtraction => ExtractionPools,
        ContentKind.SyntheticData => SeedPools,
        _ => None,
    };

    /// <summary>Picks a corpus item for the kind, or null to use the generators.</summary>
    public static ContentItem? CorpusItem(ContentLibrary lib, ContentKind kind, ref SimRandom r)
    {
        var pools = PoolsFor(kind);
        int total = 0;
        foreach (var p in pools) total += lib.Pool(p).Length;
        if (total == 0) return null;
        int i = r.Next(total);
        foreach (var p in pools)
        {
            var items = lib.Pool(p);
            if (i < items.Length) return items[i];
            i -= items.Length;
        }
        return null;
    }

    public static void Fill(ContentLibrary lib, ContentKind kind, LanguagePack lang, ContentItem? item, ref SimRandom r, SlotValues s, int toolSet)
    {
        s.Clear();
        if (CapabilityContent.Handles(kind)) { CapabilityContent.Fill(kind, lang, ref r, s); return; }
        if (lang.Code != "en") { FillOther(kind, lang, ref r, s); return; }
        var en = lib.English;
        switch (kind)
        {
            case ContentKind.GeneralChat:
            case ContentKind.Research:
                s.T.Append(Pick(ref r, EnglishPools.Topics));
                if (item is not null) s.Q.Append(item.Text);
                else if (kind == ContentKind.Research) s.Q.Append("What is known about ").Append(Pick(ref r, EnglishPools.Topics)).Append(", and what is still debated?");
                else s.Q.Append(Pick(ref r, EnglishPools.Questions));
                break;
            case ContentKind.Writing:
                s.T.Append(Pick(ref r, EnglishPools.Topics));
                s.X.Append(Pick(ref r, EnglishPools.WritingForms));
                s.Y.Append(Pick(ref r, EnglishPools.Audiences));
                if (item is not null) s.Q.Append(item.Text);
                else Draft(ref r, s.Q, 2 + r.Next(3));
                break;
            case ContentKind.Coding:
            case ContentKind.CodingHarvest:
                s.X.Append(Pick(ref r, EnglishPools.ProgrammingLanguages));
                FunctionName(ref r, s.T);
                if (item is not null)
                {
                    s.Q.Append(item.Text);
                    // HumanEval items (with an entry point) are Python prompts: the language label must agree.
                    if (item.Aux is not null) { s.T.Clear(); s.T.Append(item.Aux); s.X.Clear(); s.X.Append("Python"); }
                }
                else CodeTask(ref r, s.Q);
                if (kind == ContentKind.CodingHarvest) Persona(lib, ref r, s.Y);
                else CodeSnippet(ref r, s.T.Span, s.X.Span, s.Y);
                break;
            case ContentKind.Math:
            case ContentKind.Homework:
                s.T.Append(Pick(ref r, EnglishPools.Subjects));
                if (item is not null) { s.Q.Append(item.Text); s.A.Append(item.Answer); }
                else if (kind == ContentKind.Homework && r.Chance(0.3)) MathProblems.MultipleChoice(ref r, en.Names, s.Q, s.A, s.X);
                else MathProblems.English(ref r, en.Names, s.Q, s.A);
                break;
            case ContentKind.BenchmarkEval:
            case ContentKind.CotElicitation:
            case ContentKind.AnswerToReasoning:
            case ContentKind.ReasoningReveal:
                if (kind == ContentKind.CotElicitation) s.T.Append(Pick(ref r, ExpertNouns));
                else s.T.Append(Pick(ref r, EnglishPools.Domains));
                if (kind == ContentKind.BenchmarkEval && lib.Pool(CorpusPool.FewShot).Length > 0 && r.Chance(0.3))
                    s.Q.Append(Pick(ref r, lib.Pool(CorpusPool.FewShot)).Text).Append("\n\nQuestion: ");
                if (item is not null) { s.Q.Append(item.Text); s.A.Append(item.Answer); }
                else if (r.Chance(0.35)) MathProblems.MultipleChoice(ref r, en.Names, s.Q, s.A, s.X);
                else MathProblems.English(ref r, en.Names, s.Q, s.A);
                s.X.Clear();
                break;
            case ContentKind.DataAnalysis:
                s.T.Append(Pick(ref r, EnglishPools.Columns));
                Table(ref r, s.Q, s.T.Span);
                break;
            case ContentKind.Support:
                s.T.Append(Pick(ref r, EnglishPools.Products));
                s.K = r.Next(100000, 999999);
                s.Q.Append(Pick(ref r, EnglishPools.SupportIssues));
                break;
            case ContentKind.Translation:
                s.L.Append(Pick(ref r, TranslationTargets));
                Draft(ref r, s.Q, 1 + r.Next(3));
                break;
            case ContentKind.Summarization:
            case ContentKind.Extraction:
                s.X.Append(Pick(ref r, EnglishPools.ExtractionFieldSets));
                Document(ref r, en.Names, s.Q, 3 + r.Next(6));
                break;
            case ContentKind.AgentStep:
            case ContentKind.AgenticHarvest:
                Persona(lib, ref r, s.T);
                s.K = 1 + r.Next(12);
                if (toolSet >= 0 && lib.ToolSets.Length > 0 && lib.ToolSetQuestions[toolSet % lib.ToolSets.Length] is { } question) s.Q.Append(question);
                else s.Q.Append(Pick(ref r, EnglishPools.AgentTasks));
                break;
            case ContentKind.JailbreakAttempt:
                s.T.Append(Pick(ref r, EnglishPools.JailbreakNames));
                if (item is not null) s.Q.Append(item.Text);
                else s.Q.Append(Pick(ref r, EnglishPools.JailbreakRequests));
                break;
            case ContentKind.RubricGrading:
            case ContentKind.PairwiseJudging:
                s.K = r.Chance(0.6) ? 10 : r.Chance(0.5) ? 5 : 100;
                s.Q.Append(Pick(ref r, EnglishPools.Questions));
                if (kind == ContentKind.RubricGrading) { s.X.Append(Pick(ref r, EnglishPools.Rubrics)); Prose(ref r, EnglishPools.Prose, s.Y, 2 + r.Next(4), true); }
                else { Prose(ref r, EnglishPools.Prose, s.X, 2 + r.Next(4), true); Prose(ref r, EnglishPools.Prose, s.Y, 2 + r.Next(4), true); }
                break;
            case ContentKind.SafeRewrite:
                if (item is not null) s.Q.Append(item.Text);
                else s.Q.Append(Pick(ref r, EnglishPools.SensitiveQuestions));
                break;
            case ContentKind.SyntheticData:
                s.K = Pick(ref r, Counts);
                s.T.Append(r.Chance(0.5) ? Pick(ref r, EnglishPools.Topics) : Pick(ref r, EnglishPools.Domains));
                if (item is not null) s.X.Append(item.Text);
                else s.X.Append(Pick(ref r, EnglishPools.SyntheticFormats));
                break;
            case ContentKind.SystemPromptExtraction:
                if (item is not null) s.Q.Append(item.Text);
                else s.Q.Append(Pick(ref r, EnglishPools.Questions));
                break;
            case ContentKind.ReasoningReplay:
                s.L.Append(Pick(ref r, TranslationTargets));
                Prose(ref r, EnglishPools.Reasoning, s.Q, 3 + r.Next(5), true);
                break;
        }
    }

    private static void FillOther(ContentKind kind, LanguagePack lang, ref SimRandom r, SlotValues s)
    {
        s.T.Append(Pick(ref r, lang.Topics));
        s.K = Pick(ref r, Counts);
        s.L.Append(lang.EnglishWord);
        switch (LanguagePack.FamilyOf(kind))
        {
            case "math": case "homework": case "bench": case "cot": case "a2r": case "reveal":
                MathProblems.Pattern(ref r, lang, s.Q, s.A);
                break;
            case "writing": case "data": case "translate":
                Prose(ref r, lang.Prose, s.Q, 2 + r.Next(4), lang.Spaces);
                break;
            case "coding": case "codingh":
                s.X.Append(Pick(ref r, EnglishPools.ProgrammingLanguages));
                FunctionName(ref r, s.T);
                s.Q.Append(Pick(ref r, lang.CodeTasks));
                CodeSnippet(ref r, s.T.Span, s.X.Span, s.Y);
                break;
            case "grade": case "pair":
                s.K = 10;
                s.Q.Append(Pick(ref r, lang.Questions));
                Prose(ref r, lang.Prose, s.X, 2, lang.Spaces);
                Prose(ref r, lang.Prose, s.Y, 2, lang.Spaces);
                break;
            case "saferewrite":
                s.Q.Append(Pick(ref r, lang.SensitiveQuestions));
                break;
            case "replay":
                Prose(ref r, lang.Reasoning, s.Q, 3, lang.Spaces);
                break;
            case "jailbreak": case "agenth":
                s.T.Clear();
                s.T.Append(kind == ContentKind.JailbreakAttempt ? Pick(ref r, EnglishPools.JailbreakNames) : Pick(ref r, EnglishPools.Personas));
                s.Q.Append(Pick(ref r, lang.Questions));
                break;
            default:
                s.Q.Append(Pick(ref r, lang.Questions));
                break;
        }
    }

    public static readonly string[] ExpertNouns = ["data analyst", "mathematician", "statistician", "physicist", "software engineer", "economist", "logician", "actuary", "research scientist", "competition coach"];
    public static readonly string[] TranslationTargets = ["Spanish", "French", "German", "Japanese", "Chinese", "Portuguese", "Italian", "Korean", "Arabic", "Hindi", "Russian", "Dutch"];
    private static readonly int[] Counts = [5, 10, 10, 20, 20, 25, 50, 50, 100];

    private static void Persona(ContentLibrary lib, ref SimRandom r, CharBuffer o)
    {
        var corpus = lib.Pool(CorpusPool.Persona);
        if (corpus.Length > 0 && r.Chance(0.5))
        {
            // Corpus personas are sentences ("A die-hard fan of ..."); make them fit "You are {t}".
            var p = corpus[r.Next(corpus.Length)].Text.AsSpan().TrimEnd('.');
            if (p.Length > 1 && char.IsUpper(p[0]) && !char.IsUpper(p[1])) o.Append(char.ToLowerInvariant(p[0])).Append(p[1..]);
            else o.Append(p);
        }
        else o.Append(Pick(ref r, EnglishPools.Personas));
    }

    public static T Pick<T>(ref SimRandom r, T[] items) => items[r.Next(items.Length)];

    public static void Prose(ref SimRandom r, string[] pool, CharBuffer output, int sentences, bool spaces)
    {
        for (int i = 0; i < sentences; i++)
        {
            if (i > 0 && spaces) output.Append(' ');
            output.Append(pool[r.Next(pool.Length)]);
        }
    }

    private static void Draft(ref SimRandom r, CharBuffer output, int sentences) => Prose(ref r, EnglishPools.DraftSentences, output, sentences, true);

    public static void FunctionName(ref SimRandom r, CharBuffer output)
        => output.Append(Pick(ref r, EnglishPools.CodeVerbs)).Append('_').Append(Pick(ref r, EnglishPools.CodeObjects));

    private static void CodeTask(ref SimRandom r, CharBuffer output)
    {
        string template = Pick(ref r, EnglishPools.CodeTaskTemplates);
        string obj = Pick(ref r, EnglishPools.CodeObjects);
        string qual = Pick(ref r, EnglishPools.CodeQualifiers);
        var t = template.AsSpan();
        int p0 = t.IndexOf("{0}"), p1 = t.IndexOf("{1}");
        output.Append(t[..p0]);
        foreach (char c in obj) output.Append(c == '_' ? ' ' : c);
        output.Append(t[(p0 + 3)..p1]).Append(qual).Append(t[(p1 + 3)..]);
    }

    /// <summary>A short, slightly buggy function in <paramref name="language"/> (the prompt names the same language).</summary>
    public static void CodeSnippet(ref SimRandom r, ReadOnlySpan<char> name, ReadOnlySpan<char> language, CharBuffer output)
    {
        switch (language)
        {
            case "JavaScript":
                output.Append("function ").Append(name).Append("(items) {\n  const result = [];\n  for (let i = 0; i <= items.length; i++) {\n    if (!result.includes(items[i])) result.push(items[i]);\n  }\n  return result;\n}");
                return;
            case "TypeScript":
                output.Append("export function ").Append(name).Append("(items: number[]): number {\n  let total = 0;\n  for (let i = 1; i < items.length; i++) {\n    total += items[i];\n  }\n  return total / items.length;\n}");
                return;
            case "Go":
                output.Append("func ").Append(name).Append("(items []string) map[string]int {\n\tvar counts map[string]int\n\tfor _, it := range items {\n\t\tcounts[it]++\n\t}\n\treturn counts\n}");
                return;
            case "Rust":
                output.Append("fn ").Append(name).Append("(items: &Vec<i32>) -> f64 {\n    let mut total = 0;\n    for i in 1..items.len() {\n        total += items[i];\n    }\n    total as f64 / items.len() as f64\n}");
                return;
            case "Java":
                output.Append("public static List<String> ").Append(name).Append("(List<String> items) {\n    List<String> result = new ArrayList<>();\n    for (int i = 0; i <= items.size(); i++) {\n        if (!result.contains(items.get(i))) result.add(items.get(i));\n    }\n    return result;\n}");
                return;
            case "C#":
                output.Append("public static double ").Append(name).Append("(int[] values)\n{\n    int total = 0;\n    foreach (var v in values) total += v;\n    return total / values.Length;\n}");
                return;
            case "C++":
                output.Append("int ").Append(name).Append("(const std::vector<int>& v) {\n    int best = 0;\n    for (size_t i = 0; i <= v.size(); ++i) {\n        if (v[i] > best) best = v[i];\n    }\n    return best;\n}");
                return;
            case "SQL":
                output.Append("-- ").Append(name).Append("\nSELECT customer_id, COUNT(*) AS orders\nFROM orders\nWHERE created_at > '2025-01-01'\nGROUP BY customer_id\nHAVING orders > 5\nORDER BY orders;");
                return;
            case "Ruby":
                output.Append("def ").Append(name).Append("(items)\n  result = []\n  items.each do |item|\n    result << item unless result.include?(item)\n  end\n  result.sort!\nend");
                return;
        }
        switch (r.Next(3))
        {
            case 0:
                output.Append("def ").Append(name).Append("(items):\n    result = []\n    for item in items:\n        if item not in result:\n            result.append(item)\n    return result.sort()");
                break;
            case 1:
                output.Append("def ").Append(name).Append("(items, k=3):\n    counts = {}\n    for item in items:\n        counts[item] = counts.get(item, 0) + 1\n    return sorted(counts, key=counts.get)[:k]");
                break;
            default:
                output.Append("def ").Append(name).Append("(values):\n    total = 0\n    for i in range(1, len(values)):\n        total += values[i]\n    return total / len(values)");
                break;
        }
    }

    private static void Table(ref SimRandom r, CharBuffer output, ReadOnlySpan<char> column)
    {
        output.Append("month,region,").Append(column).Append('\n');
        int rows = 4 + r.Next(8);
        int baseValue = r.Next(50, 5000);
        for (int i = 0; i < rows; i++)
        {
            output.Append("2025-").Append(i < 9 ? "0" : "").Append(i + 1).Append(',')
                .Append(Pick(ref r, Regions)).Append(',').Append(baseValue + r.Next(-baseValue / 3, baseValue / 3 + 1));
            if (i < rows - 1) output.Append('\n');
        }
    }

    private static readonly string[] Regions = ["north", "south", "east", "west", "central"];

    private static void Document(ref SimRandom r, string[] names, CharBuffer output, int lines)
    {
        string company = Pick(ref r, EnglishPools.Companies);
        string person = Pick(ref r, names);
        switch (r.Next(3))
        {
            case 0:
                output.Append("INVOICE #INV-").Append(r.Next(10000, 99999)).Append('\n').Append(company).Append('\n')
                    .Append("Date: 2025-").Append(1 + r.Next(12)).Append('-').Append(1 + r.Next(28)).Append('\n')
                    .Append("Bill to: ").Append(person).Append(", ").Append(Pick(ref r, EnglishPools.Cities)).Append('\n');
                int total = 0;
                for (int i = 0; i < lines; i++)
                {
                    int qty = 1 + r.Next(9), price = 5 + r.Next(400);
                    total += qty * price;
                    output.Append("- ").Append(Pick(ref r, Items)).Append(" x").Append(qty).Append(" @ ").Append(price).Append(".00\n");
                }
                output.Append("Total due: ").Append(total).Append(".00 USD");
                break;
            case 1:
                output.Append("From: ").Append(person).Append(" <").AppendLower(person).Append("@example.com>\nTo: team@")
                    .AppendLower(company.Split(' ')[0]).Append(".example\nSubject: ").Append(Pick(ref r, Subjects)).Append("\n\n");
                Prose(ref r, EnglishPools.Prose, output, lines, true);
                output.Append("\n\nBest,\n").Append(person);
                break;
            default:
                output.Append("Meeting notes — ").Append(company).Append("\nAttendees: ").Append(person).Append(", ").Append(Pick(ref r, names)).Append('\n');
                for (int i = 0; i < lines; i++) output.Append("- ").Append(Pick(ref r, EnglishPools.Prose)).Append('\n');
                output.Append("Action: ").Append(Pick(ref r, names)).Append(" to follow up by Friday.");
                break;
        }
    }

    private static readonly string[] Items = ["Consulting hours", "Replacement filter", "Annual licence", "Shipping", "Oak desk", "Printer toner", "Cloud storage (1 TB)", "Safety gloves", "Training session"];
    private static readonly string[] Subjects = ["Quarterly numbers", "Re: delivery delay", "Contract renewal", "Onboarding plan", "Budget for next year", "Incident follow-up"];
}
