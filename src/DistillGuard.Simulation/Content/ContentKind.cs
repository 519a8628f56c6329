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
}
