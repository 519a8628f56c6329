namespace DistillGuard.Simulation.Content;

/// <summary>Groups of interchangeable single words for the paraphraser (English).</summary>
internal sealed class SynonymTable
{
    private readonly Dictionary<string, short> _index = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, short>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    public SynonymTable(string[][] groups)
    {
        Groups = groups;
        for (short g = 0; g < groups.Length; g++)
            foreach (var w in groups[g]) _index.TryAdd(w, g);
        _lookup = _index.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public string[][] Groups { get; }

    public short Find(ReadOnlySpan<char> word) => _lookup.TryGetValue(word, out short g) ? g : (short)-1;

    public static readonly string[][] English =
    [
        ["please", "kindly"],
        ["solve", "answer", "tackle"],
        ["explain", "describe", "clarify"],
        ["show", "display", "present"],
        ["write", "produce", "compose"],
        ["complete", "full", "entire", "exhaustive"],
        ["detailed", "thorough", "in-depth", "meticulous"],
        ["transparent", "explicit", "visible", "open"],
        ["reasoning", "thinking", "thought process", "chain of thought"],
        ["steps", "stages", "phases"],
        ["problem", "question", "exercise", "task"],
        ["answer", "result", "solution"],
        ["carefully", "methodically", "rigorously", "diligently"],
        ["expert", "specialist", "professional"],
        ["give", "provide", "offer", "supply"],
        ["need", "want", "require"],
        ["help", "assist", "support"],
        ["make", "create", "build"],
        ["every", "each", "all"],
        ["internal", "inner", "private", "hidden"],
        ["intermediate", "in-between", "interim"],
        ["function", "routine", "method"],
        ["code", "implementation", "program"],
        ["response", "reply", "output"],
        ["evaluate", "assess", "judge", "rate"],
        ["score", "grade", "mark", "rating"],
        ["better", "stronger", "superior"],
        ["rewrite", "rephrase", "reword", "reformulate"],
        ["safe", "harmless", "benign", "acceptable"],
        ["generate", "produce", "create"],
        ["diverse", "varied", "different", "distinct"],
        ["examples", "samples", "instances"],
        ["instructions", "directives", "guidelines"],
        ["hidden", "secret", "concealed"],
        ["reveal", "disclose", "expose", "uncover"],
        ["expand", "elaborate", "develop"],
        ["translate", "render", "convert"],
        ["brief", "short", "concise"],
        ["quick", "fast", "rapid"],
        ["document", "text", "file"],
        ["summary", "overview", "synopsis"],
        ["extract", "pull", "retrieve"],
        ["use", "employ", "utilize"],
        ["check", "verify", "confirm"],
        ["final", "ultimate", "concluding"],
        ["begin", "start", "commence"],
        ["list", "enumerate", "itemize"],
        ["important", "essential", "crucial", "key"],
        ["ensure", "make sure", "guarantee"],
        ["below", "following", "underneath"],
        ["justify", "support", "back up"],
        ["output", "return", "emit"],
    ];
}
