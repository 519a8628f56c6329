namespace DistillGuard.Simulation.Content;

/// <summary>What an exchange is about: the engine picks it, the content renderer writes the text.</summary>
public enum ContentKind : byte
{
    // Ordinary use.
    GeneralChat,
    Writing,
    Coding,
    Math,
    DataAnalysis,
    Research,
    Support,          // an app's end user talking to a support bot behind the app's system prompt
    Translation,
    Summarization,
    Extraction,       // enterprise batch: one fixed template, a document slot, structured output
    AgentStep,        // an agent platform's step: shared system prompt, tool set, tool calls
    Homework,         // a student's question
    BenchmarkEval,    // a researcher's benchmark item with "think step by step"
    JailbreakAttempt, // someone trying a jailbreak for fun
    // Harvest (also what licensed distillation customers send).
    CotElicitation,        // problem + demand for complete, transparent step-by-step reasoning
    AnswerToReasoning,     // problem AND its answer, "write the reasoning that leads to it"
    ReasoningReveal,       // reveal / translate / debug-print your hidden reasoning
    RubricGrading,         // grade a response against a rubric, give a score
    PairwiseJudging,       // which of two responses is better
    SafeRewrite,           // rewrite a sensitive question into a "safe" alternative
    AgenticHarvest,        // tool schemas + multi-turn agent trajectories at volume
    CodingHarvest,         // coding tasks from a persona/template at volume
    SyntheticData,         // "generate N diverse instructions/examples"
    SystemPromptExtraction,// attempts to expose hidden instructions
    ReasoningReplay,       // a reasoning artifact pasted back with "expand / write it out / translate"
    // Professional capabilities no harvest lexicon names, in ordinary wording (CapabilityContent): asked by
    // legitimate people and targeted by campaigns alike. Not harvest kinds by themselves.
    SqlQuery,              // write or fix a SQL query against a given schema
    LegalClause,           // draft a contract clause for a jurisdiction
    MedicalCoding,         // assign ICD/CPT/SNOMED codes to a clinical note
    ChemistryQa,           // chemistry questions: moles, pH, balancing, gas laws
    SpreadsheetFormula,    // spreadsheet formulas (Excel, Sheets, Calc)
}

/// <summary>Wire names of <see cref="ContentKind"/> (kebab-case: <c>cot-elicitation</c>, <c>sql-query</c>) for scenario files.</summary>
public static class ContentKinds
{
    public static string WireName(this ContentKind kind) => System.Text.Json.JsonNamingPolicy.KebabCaseLower.ConvertName(kind.ToString());

    public static bool TryParse(string name, out ContentKind kind)
    {
        foreach (var k in Enum.GetValues<ContentKind>())
            if (k.WireName() == name.Replace('_', '-')) { kind = k; return true; }
        kind = default;
        return false;
    }

    public static IEnumerable<string> AllNames => Enum.GetValues<ContentKind>().Select(k => k.WireName());

    /// <summary>The capabilities added for <see cref="CapabilityContent"/> (no lexicon names them).</summary>
    public static readonly ContentKind[] Professional = [ContentKind.SqlQuery, ContentKind.LegalClause, ContentKind.MedicalCoding, ContentKind.ChemistryQa, ContentKind.SpreadsheetFormula];
}
