namespace DistillGuard.Simulation.Content;

/// <summary>The pools corpus files feed; each pool serves one or more kinds.</summary>
internal enum CorpusPool
{
    Chat,            // real user prompts → GeneralChat, Research
    Writing,         // writing requests → Writing
    Coding,          // coding instructions → Coding, CodingHarvest
    MathWord,        // word problems with answers → Math, Homework, CotElicitation, AnswerToReasoning, ReasoningReveal, BenchmarkEval
    MultipleChoice,  // MCQ with letter answers → BenchmarkEval, CotElicitation, AnswerToReasoning
    Persona,         // personas → AgenticHarvest, CodingHarvest, SyntheticData, CotElicitation
    SeedTask,        // instruction seeds → SyntheticData examples
    FewShot,         // chain-of-thought few-shot prefixes → BenchmarkEval
    Jailbreak,       // in-the-wild jailbreak prompts → JailbreakAttempt
    Forbidden,       // policy-violating questions → SafeRewrite
    ExtractionAttack,// system-prompt extraction attacks → SystemPromptExtraction
    DefensePrompt,   // system prompts guarding a secret → system prompt for SystemPromptExtraction
    Count,
}
