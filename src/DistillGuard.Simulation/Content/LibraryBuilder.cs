namespace DistillGuard.Simulation.Content;

/// <summary>Mutable collection of content while the library is being built (built-in, then corpus files).</summary>
internal sealed class LibraryBuilder
{
    public readonly SynonymTable Synonyms = new(SynonymTable.English);
    public readonly List<string>[] EnglishSkeletons;
    /// <summary>Corpus templates (raw text, slots marked with <see cref="Skeleton.RawSlot"/>) appended per kind.</summary>
    public readonly List<string>[] RawSkeletons;
    public readonly List<ContentItem>[] Pools;
    public readonly List<ToolSpec[]> ToolSets = new(BuiltInTools.Create());
    public readonly List<string> DefensePrompts = new();
    /// <summary>Questions tied to tool sets, parallel to <see cref="ToolSets"/> (null for built-in sets).</summary>
    public readonly List<string?> ToolSetQuestions = new();
    public readonly List<ContentSource> Sources = new();

    public LibraryBuilder()
    {
        int kinds = Enum.GetValues<ContentKind>().Length;
        EnglishSkeletons = new List<string>[kinds];
        RawSkeletons = new List<string>[kinds];
        for (int k = 0; k < kinds; k++) RawSkeletons[k] = new List<string>();
        for (int k = 0; k < kinds; k++)
            EnglishSkeletons[k] = EnglishSkeletonsFor((ContentKind)k);
        for (int i = 0; i < ToolSets.Count; i++) ToolSetQuestions.Add(null);
        Pools = new List<ContentItem>[(int)CorpusPool.Count];
        for (int p = 0; p < Pools.Length; p++) Pools[p] = new List<ContentItem>();
    }

    private static List<string> EnglishSkeletonsFor(ContentKind kind)
        => Content.EnglishSkeletons.All.TryGetValue(kind, out var list) ? new List<string>(list)
            : CapabilityContent.English.TryGetValue(kind, out var capability) ? new List<string>(capability)
            : new List<string> { "{q}" };

    public void Add(CorpusPool pool, ContentItem item) => Pools[(int)pool].Add(item);
}
