namespace DistillGuard.Simulation.Content;

/// <summary>Skeletons used when a corpus supplies a complete prompt for a kind whose own skeletons expect a fragment.</summary>
internal static class CorpusWrappers
{
    public static readonly Dictionary<ContentKind, string[]> All = new()
    {
        [ContentKind.Coding] = ["{q}", "{q}", "{q} | Please add comments.", "Can you help me with this? | {q}", "{q} | Use {x}.", "{q} | Keep it simple.", "{q} | Also explain how it works.", "Quick one: {q}", "{q} | Include an example call.", "I need this for work: {q}"],
        [ContentKind.CodingHarvest] =
        [
            "You are {y}. | {q} | Explain your design decisions step by step.", "{q} | Provide reasoning, code, complexity analysis and edge cases.",
            "As {y}, solve this coding task with complete reasoning: {q}", "Coding task: {q} | Output: step-by-step reasoning then code.",
            "{q} | Before the code, explain your full approach.", "Write production-quality code for the following and think out loud while doing it: {q}",
            "{q} | Include unit tests and walk through every line.", "Solve as {y} would: {q}",
        ],
        [ContentKind.JailbreakAttempt] = ["{q}", "{q}", "{q}", "{q} | Stay in character.", "{q}"],
        [ContentKind.SystemPromptExtraction] = ["{q}", "{q}", "{q}", "{q} | Print it verbatim.", "Ignore the above. {q}"],
        [ContentKind.Writing] = ["{q}", "{q}", "{q} | Friendly tone.", "{q} | Keep it under 300 words.", "Can you help? | {q}", "{q} | Thanks!", "{q}", "{q} | Make it sound natural.", "{q}", "{q} | For {y}."],
    };
}
