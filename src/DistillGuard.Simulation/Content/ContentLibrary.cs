namespace DistillGuard.Simulation.Content;

/// <summary>
/// PLACEHOLDER (branch `sim`): the words the renderer draws from. The content helper's version replaces
/// this file at merge; only the two factory methods are relied upon by the engine.
/// </summary>
public sealed class ContentLibrary
{
    private ContentLibrary(IReadOnlyList<string> extraLines) => ExtraLines = extraLines;

    /// <summary>Lines found under a corpus directory (placeholder: first lines of *.txt files).</summary>
    public IReadOnlyList<string> ExtraLines { get; }

    public static ContentLibrary BuiltIn() => new([]);

    public static ContentLibrary Load(string corpusDir)
    {
        if (!Directory.Exists(corpusDir)) throw new DirectoryNotFoundException($"corpus directory not found: {corpusDir}");
        return new([]);
    }
}
