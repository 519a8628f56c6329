namespace DistillGuard.Simulation.Content;

/// <summary>The words of one language: framing phrases, skeletons per kind, and small item pools.</summary>
internal sealed class LanguagePack
{
    public required string Code { get; init; }
    /// <summary>The language's name in English (used as a translation target by English prompts).</summary>
    public required string EnglishName { get; init; }
    /// <summary>The word this language uses for "English" (translation target in its own prompts).</summary>
    public required string EnglishWord { get; init; }
    public bool HasCase { get; init; } = true;
    /// <summary>Whether words are separated by spaces (false for zh/ja).</summary>
    public bool Spaces { get; init; } = true;
    public required string[] Openers { get; init; }
    public required string[] Closers { get; init; }
    /// <summary>Skeleton sources per family name (see <see cref="FamilyOf"/>).</summary>
    public required Dictionary<string, string[]> Families { get; init; }
    /// <summary>Math word problems: "op|text" with #N name, #A and #B numbers; op is + - * or /.</summary>
    public required string[] MathPatterns { get; init; }
    public required string[] Names { get; init; }
    /// <summary>Ordinary questions people ask in this language.</summary>
    public required string[] Questions { get; init; }
    public required string[] Topics { get; init; }
    public required string[] CodeTasks { get; init; }
    public required string[] SensitiveQuestions { get; init; }
    public required string[] Prose { get; init; }
    public required string[] Reasoning { get; init; }
    public required string FinalAnswer { get; init; }
    /// <summary>Interchangeable words for the paraphraser (single words; empty where words are not space-separated).</summary>
    public string[][] SynonymGroups { get; init; } = [];

    /// <summary>The parsed synonym table, set by the library.</summary>
    public SynonymTable Synonyms { get; set; } = null!;

    /// <summary>Parsed skeletons per kind, filled by the library.</summary>
    public Dictionary<ContentKind, Skeleton[]> Skeletons { get; } = new();

    public static string FamilyOf(ContentKind kind) => kind switch
    {
        ContentKind.GeneralChat or ContentKind.Research or ContentKind.Support => "chat",
        ContentKind.Writing => "writing",
        ContentKind.Coding => "coding",
        ContentKind.CodingHarvest => "codingh",
        ContentKind.Math => "math",
        ContentKind.Homework => "homework",
        ContentKind.BenchmarkEval => "bench",
        ContentKind.DataAnalysis or ContentKind.Summarization or ContentKind.Extraction => "data",
        ContentKind.Translation => "translate",
        ContentKind.AgentStep => "agent",
        ContentKind.AgenticHarvest => "agenth",
        ContentKind.JailbreakAttempt => "jailbreak",
        ContentKind.SystemPromptExtraction => "sysprompt",
        ContentKind.CotElicitation => "cot",
        ContentKind.AnswerToReasoning => "a2r",
        ContentKind.ReasoningReveal => "reveal",
        ContentKind.ReasoningReplay => "replay",
        ContentKind.RubricGrading => "grade",
        ContentKind.PairwiseJudging => "pair",
        ContentKind.SafeRewrite => "saferewrite",
        ContentKind.SyntheticData => "synth",
        ContentKind.SqlQuery => "sql",
        ContentKind.LegalClause => "legal",
        ContentKind.MedicalCoding => "medcode",
        ContentKind.ChemistryQa => "chem",
        ContentKind.SpreadsheetFormula => "sheet",
        _ => "chat",
    };
}
