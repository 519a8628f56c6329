namespace DistillGuard.Simulation.Content;

/// <summary>
/// Everything the renderer draws words from: skeletons per kind and language, item pools, tool sets and system
/// prompts. Built once, immutable afterwards and safe to share between threads. <see cref="BuiltIn"/> works on a
/// fresh machine; <see cref="Load"/> adds what it finds in a corpus directory, and <see cref="Sources"/> says what.
/// </summary>
public sealed class ContentLibrary
{
    private readonly Skeleton[][] _english;
    private readonly Skeleton[][] _wrappers;
    private readonly Dictionary<string, LanguagePack> _languages;
    private readonly ContentItem[][] _pools;
    private readonly LanguagePack[] _languageList;

    private ContentLibrary(LibraryBuilder b)
    {
        Synonyms = b.Synonyms;
        _english = new Skeleton[b.EnglishSkeletons.Length][];
        for (int k = 0; k < _english.Length; k++)
        {
            var list = b.EnglishSkeletons[k];
            _english[k] = new Skeleton[list.Count];
            for (int i = 0; i < list.Count; i++)
                _english[k][i] = Skeleton.Parse(list[i], k * 1000 + i, Synonyms, raw: false);
            var raw = b.RawSkeletons[k];
            if (raw.Count > 0)
            {
                int n = _english[k].Length;
                Array.Resize(ref _english[k], n + raw.Count);
                for (int i = 0; i < raw.Count; i++)
                    _english[k][n + i] = Skeleton.Parse(raw[i], k * 1000 + n + i, Synonyms, raw: true);
            }
        }
        _wrappers = new Skeleton[_english.Length][];
        for (int k = 0; k < _wrappers.Length; k++)
        {
            _wrappers[k] = [];
            if (!CorpusWrappers.All.TryGetValue((ContentKind)k, out var list)) continue;
            _wrappers[k] = new Skeleton[list.Length];
            for (int i = 0; i < list.Length; i++)
                _wrappers[k][i] = Skeleton.Parse(list[i], 50_000 + k * 1000 + i, Synonyms, raw: false);
        }
        _languageList = BuiltInLanguages.Create();
        _languages = new Dictionary<string, LanguagePack>(StringComparer.OrdinalIgnoreCase);
        foreach (var pack in _languageList)
        {
            _languages[pack.Code] = pack;
            if (pack.Code == "en") { pack.Synonyms = Synonyms; continue; }
            pack.Synonyms = new SynonymTable(pack.SynonymGroups);
            if (CapabilityContent.Families.TryGetValue(pack.Code, out var extra))
                foreach (var (family, texts) in extra) pack.Families.TryAdd(family, texts);
            int f = 0;
            foreach (ContentKind kind in Enum.GetValues<ContentKind>())
            {
                string family = LanguagePack.FamilyOf(kind);
                var sources = pack.Families.TryGetValue(family, out var s) ? s : pack.Families["chat"];
                var parsed = new Skeleton[sources.Length];
                for (int i = 0; i < sources.Length; i++)
                    parsed[i] = Skeleton.Parse(sources[i], 100_000 + (int)kind * 1000 + i, pack.Synonyms, raw: false);
                pack.Skeletons[kind] = parsed;
                f++;
            }
        }
        English = _languages["en"];
        _pools = new ContentItem[b.Pools.Length][];
        for (int p = 0; p < _pools.Length; p++) _pools[p] = b.Pools[p].ToArray();
        ToolSets = b.ToolSets.ToArray();
        DefensePrompts = b.DefensePrompts.ToArray();
        ToolSetQuestions = b.ToolSetQuestions.ToArray();
        Sources = b.Sources.ToArray();
    }

    /// <summary>The built-in content only: works with nothing else on the machine.</summary>
    public static ContentLibrary BuiltIn() => new(new LibraryBuilder());

    /// <summary>
    /// Built-in content plus every recognised file under <paramref name="corpusDir"/> (see docs/content.md).
    /// Missing or malformed files are skipped with a note in <see cref="Sources"/>; this never throws for bad data.
    /// </summary>
    public static ContentLibrary Load(string corpusDir)
    {
        var b = new LibraryBuilder();
        CorpusLoader.LoadInto(b, corpusDir);
        return new ContentLibrary(b);
    }

    /// <summary>What was read from the corpus: one entry per file (items 0 and a note when it was skipped).</summary>
    public IReadOnlyList<ContentSource> Sources { get; }

    /// <summary>Languages with built-in words (ISO 639-1).</summary>
    public IEnumerable<string> Languages => _languages.Keys;

    /// <summary>How many skeletons a kind has in a language (the range of <see cref="ExchangeIntent.Template"/>).</summary>
    public int TemplateCount(ContentKind kind, string language = "en") => SkeletonsFor(kind, LanguageFor(language)).Length;

    /// <summary>How many tool sets exist (the range of <see cref="ExchangeIntent.ToolSet"/>).</summary>
    public int ToolSetCount => ToolSets.Length;

    /// <summary>How many corpus items feed a kind's slots (0: built-in generators only).</summary>
    public int CorpusItemCount(ContentKind kind)
    {
        int n = 0;
        foreach (var pool in ItemFactory.PoolsFor(kind)) n += _pools[(int)pool].Length;
        return n;
    }

    internal SynonymTable Synonyms { get; }
    internal LanguagePack English { get; }
    internal ToolSpec[][] ToolSets { get; }
    internal string[] DefensePrompts { get; }
    internal string?[] ToolSetQuestions { get; }

    internal LanguagePack LanguageFor(string? code)
        => code is not null && _languages.TryGetValue(code, out var pack) ? pack : English;

    internal Skeleton[] SkeletonsFor(ContentKind kind, LanguagePack lang)
        => lang.Code == "en" ? _english[(int)kind] : lang.Skeletons[kind];

    internal ContentItem[] Pool(CorpusPool pool) => _pools[(int)pool];

    /// <summary>Skeletons that wrap a complete corpus prompt (empty when the kind's own skeletons fit corpus items).</summary>
    internal Skeleton[] CorpusSkeletons(ContentKind kind) => _wrappers[(int)kind];
}
