using System.Numerics;
using System.Runtime.CompilerServices;

namespace DistillGuard.Core.Fingerprints;

/// <summary>
/// A 64-bit SimHash of the <em>instruction concepts</em> of an English prompt: every word is looked up in a lexicon
/// of prompting vocabulary (explain/describe/clarify… → <c>explain</c>; complete/full/exhaustive/thorough… →
/// <c>complete</c>; reasoning/thinking/thought/rationale… → <c>reasoning</c>; …) and the prompt is reduced to the
/// <em>set</em> of concepts it uses. Words outside the lexicon — the filled-in problem, the pasted document, names
/// — are ignored, and so are order, casing, punctuation, numbering and joiners.
/// <para>
/// Where <see cref="TemplateFingerprint"/> tells one wording of a template from another, this one survives what a
/// campaign does to spread one skeleton over many accounts without it looking alike: synonym swaps, clause
/// reordering, framing sentences, casing. Measured on the simulator's paraphrased sweeps (per-account synonym swap
/// rate 25–85 %): accounts of one skeleton share a median 80–90 % of their concepts (SimHash distance 7–12 bits),
/// while a prompt's concept set is the same across its filled-in items. Prompts with fewer than
/// <see cref="MinConcepts"/> concepts get 0 (too generic to link anything: "explain X").
/// </para>
/// <para>
/// Beyond English, the same concepts are read from the data file <c>lexicons/skeleton-concepts.yaml</c> (Spanish,
/// Portuguese, French, German, Italian, Russian, Chinese, Japanese, Korean, Arabic, Hindi) by one phrase-automaton
/// pass over the normalised text: a skeleton written in Chinese gets the concepts of its English counterpart, so a
/// campaign that runs one skeleton in several languages is still one skeleton per language, and a translation lands
/// near the original. That pass runs when the text is not plain ASCII or the English words gave too few concepts.
/// </para>
/// </summary>
public static class SkeletonFingerprint
{
    /// <summary>Fewer distinct concepts than this: no fingerprint.</summary>
    /// <remarks>3 since session 3: skeletons are kept for harvest requests only and link only accounts whose harvest
    /// egresses apart, so a short instruction ("rewrite … safely", "which answer is better") may carry one.</remarks>
    public const int MinConcepts = 3;

    /// <summary>Only the head and tail of a long message are read: instructions wrap their payload.</summary>
    private const int HeadChars = 3000, TailChars = 1000;

    /// <summary>
    /// Concept → the words that express it in a prompt (general English prompting vocabulary, written for this
    /// product). A word belongs to the first concept that lists it.
    /// </summary>
    internal static readonly (string Concept, string Words)[] Lexicon =
    [
        ("explain", "explain describe clarify elaborate articulate expound outline justify walk narrate interpret"),
        ("show", "show display present reveal expose demonstrate exhibit print dump surface visible"),
        ("write", "write produce compose generate create draft author make build construct craft formulate"),
        ("give", "give provide offer supply deliver return state report share include"),
        ("complete", "complete full entire exhaustive whole total comprehensive thorough detailed in-depth meticulous extensive granular verbose every each all"),
        ("reasoning", "reasoning reason thinking think thought thoughts rationale logic derivation deliberation chain trace monologue cognition process"),
        ("step", "step stage phase intermediate"),
        ("answer", "answer result solution conclusion response reply output completion"),
        ("problem", "problem question exercise task puzzle query item challenge prompt"),
        ("solve", "solve tackle resolve compute calculate figure determine work"),
        ("careful", "carefully careful methodically methodical rigorously rigorous diligently systematically systematic precisely precise accurately accurate exact exactly"),
        ("verify", "verify check double-check validate confirm ensure review"),
        ("expert", "expert specialist professional authority master senior"),
        ("transparent", "transparent explicit open raw unfiltered internal inner hidden private"),
        ("final", "final ultimate last concluding closing"),
        ("sequence", "before then after first finally next"),
        ("numbered", "numbered enumerate enumerated number bullet list"),
        ("skip", "skip omit leave drop abbreviate shorten summarize summarise condense compress"),
        ("judge", "compare contrast judge evaluate assess rate score grade rank prefer preferred better best decide choose pick select"),
        ("rewrite", "rewrite rephrase paraphrase reword reformulate restate"),
        ("translate", "translate translation"),
        ("mention", "mention say note indicate reference disclose"),
        ("given", "given provided known supplied correct"),
        ("imagine", "imagine pretend suppose assume act role persona"),
        ("criteria", "criteria rubric criterion standard guideline"),
        ("helpful", "helpful useful acceptable appropriate harmless safe safer"),
        ("examples", "example sample instance"),
        ("diverse", "diverse varied different distinct unique various"),
        ("code", "code function program script snippet implementation"),
        ("format", "format formatted structure layout template schema"),
        ("markup", "json yaml xml markdown csv"),
        ("tool", "tool call api"),
        ("data", "data dataset table record"),
        ("sensitive", "sensitive controversial political politically"),
    ];

    private static readonly Dictionary<string, byte> Words = BuildWords();
    private static readonly Dictionary<string, byte>.AlternateLookup<ReadOnlySpan<char>> Lookup = Words.GetAlternateLookup<ReadOnlySpan<char>>();
    private static readonly ulong[] ConceptHash = Lexicon.Select(c => Hash64.Of("concept:" + c.Concept)).ToArray();

    private static Dictionary<string, byte> BuildWords()
    {
        var d = new Dictionary<string, byte>(StringComparer.Ordinal);
        for (int i = 0; i < Lexicon.Length; i++)
            foreach (var w in Lexicon[i].Words.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                d.TryAdd(w, (byte)i);
        return d;
    }

    /// <summary>The bit of the concept named <paramref name="name"/> in a concept set, -1 when there is no such concept.</summary>
    public static int ConceptBit(string name)
    {
        for (int i = 0; i < Lexicon.Length; i++) if (Lexicon[i].Concept == name) return i;
        return -1;
    }

    /// <summary>The concepts of <paramref name="text"/> as a bit set (bit i = <see cref="Lexicon"/>[i]).</summary>
    public static ulong Concepts(ReadOnlySpan<char> text)
    {
        char[]? rented = text.Length > 1024 ? System.Buffers.ArrayPool<char>.Shared.Rent(text.Length) : null;
        Span<char> buffer = rented ?? stackalloc char[text.Length];
        int n = Text.TextNormalizer.Normalize(text, buffer);
        ulong set = Concepts(text, buffer[..n]);
        if (rented is not null) System.Buffers.ArrayPool<char>.Shared.Return(rented);
        return set;
    }

    /// <summary>
    /// The concepts of <paramref name="text"/>, given also its normal form (<see cref="Text.TextNormalizer"/>), which
    /// the other-language pass reads.
    /// </summary>
    public static ulong Concepts(ReadOnlySpan<char> text, ReadOnlySpan<char> normalized) => Concepts(text, normalized, otherLanguagesAlways: false);

    private static ulong Concepts(ReadOnlySpan<char> text, ReadOnlySpan<char> normalized, bool otherLanguagesAlways)
    {
        bool nonAscii = false;
        ulong set = text.Length > HeadChars + TailChars
            ? EnglishConcepts(text[..HeadChars], ref nonAscii) | EnglishConcepts(text[^TailChars..], ref nonAscii)
            : EnglishConcepts(text, ref nonAscii);
        if (!otherLanguagesAlways && !nonAscii && BitOperations.PopCount(set) >= MinConcepts) return set; // English that has its skeleton
        Span<ulong> bits = stackalloc ulong[1];
        if (normalized.Length > HeadChars + TailChars)
        {
            Foreign.Match(normalized[..HeadChars], bits);
            Foreign.Match(normalized[^TailChars..], bits);
        }
        else Foreign.Match(normalized, bits);
        return set | bits[0];
    }

    /// <summary>
    /// Every concept any passage of <paramref name="text"/> can have (<paramref name="normalized"/> its normal form): the
    /// English words' and the other languages' phrases both, over the same head and tail <see cref="Concepts(ReadOnlySpan{char}, ReadOnlySpan{char})"/>
    /// reads. <see cref="Concepts(ReadOnlySpan{char})"/> of a passage reads the other languages only when its English is
    /// thin; this reads them always, so no passage finds a concept this does not.
    /// </summary>
    public static ulong ConceptsAnyPassage(ReadOnlySpan<char> text, ReadOnlySpan<char> normalized) => Concepts(text, normalized, otherLanguagesAlways: true);

    private static ulong EnglishConcepts(ReadOnlySpan<char> text, ref bool nonAscii)
    {
        Span<char> word = stackalloc char[24];
        ulong set = 0;
        int i = 0;
        while (i < text.Length)
        {
            char c = text[i];
            if (!IsWordChar(c)) { i++; continue; }
            int j = i, w = 0;
            bool ascii = true;
            while (j < text.Length && (IsWordChar(text[j]) || text[j] is '-' or '\''))
            {
                char cj = text[j];
                if (cj > 127) { ascii = false; nonAscii = true; }
                if (w < word.Length) word[w++] = (char)(cj | (cj is >= 'A' and <= 'Z' ? 0x20 : 0));
                j++;
            }
            i = j;
            if (!ascii || w >= word.Length || w < 3) continue;
            var token = word[..w].Trim("-'");
            if (Find(token) is int id) { set |= 1UL << id; continue; }
            // "step-by-step", "double-check": the parts too.
            foreach (var part in token.Split('-'))
            {
                var p = token[part];
                if (p.Length >= 3 && Find(p) is int pid) set |= 1UL << pid;
            }
        }
        return set;
    }

    /// <summary>The SimHash of the prompt's concept set, or 0 when it has fewer than <see cref="MinConcepts"/> concepts.</summary>
    public static ulong Compute(ReadOnlySpan<char> text) => FromConcepts(Concepts(text));

    /// <summary>The SimHash of a concept set, or 0 when it has fewer than <see cref="MinConcepts"/> concepts.</summary>
    public static ulong FromConcepts(ulong set)
    {
        if (BitOperations.PopCount(set) < MinConcepts) return 0;
        Span<int> v = stackalloc int[64];
        ulong s = set;
        while (s != 0)
        {
            int c = BitOperations.TrailingZeroCount(s);
            s &= s - 1;
            ulong h = ConceptHash[c];
            for (int b = 0; b < 64; b++) v[b] += (int)((h >> b) & 1) * 2 - 1;
        }
        ulong r = 0;
        for (int b = 0; b < 64; b++) if (v[b] > 0) r |= 1UL << b;
        return r == 0 ? 1 : r;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsWordChar(char c) => (uint)((c | 0x20) - 'a') <= 'z' - 'a' || c > 127 && char.IsLetter(c);

    private static int? Find(ReadOnlySpan<char> w)
    {
        if (Lookup.TryGetValue(w, out byte id)) return id;
        // Light stemming: plural and verb endings ("steps", "explains", "reasoned", "checking", "carefully" is listed).
        foreach (var suffix in Suffixes)
        {
            if (w.Length > suffix.Length + 3 && w.EndsWith(suffix) && Lookup.TryGetValue(w[..^suffix.Length], out id)) return id;
        }
        if (w.Length > 4 && w.Length <= 24 && w.EndsWith("ies"))
        {
            Span<char> y = stackalloc char[w.Length - 2];
            w[..^3].CopyTo(y);
            y[^1] = 'y';
            if (Lookup.TryGetValue(y, out id)) return id;
        }
        return null;
    }

    private static readonly string[] Suffixes = ["s", "es", "ed", "ing", "d"];

    // ---------------- other languages ----------------

    private const string ForeignResource = "lexicons/skeleton-concepts.yaml";

    /// <summary>Every phrase of <c>lexicons/skeleton-concepts.yaml</c>: concept index, language, phrase.</summary>
    internal static readonly IReadOnlyList<(int Concept, string Language, string Phrase)> ForeignPhrases = LoadForeign();

    private static readonly Text.PhraseAutomaton Foreign = new(ForeignPhrases.Select(p => (p.Phrase, p.Concept)), 64);

    private static IReadOnlyList<(int, string, string)> LoadForeign()
    {
        using var stream = typeof(SkeletonFingerprint).Assembly.GetManifestResourceStream(ForeignResource)
            ?? throw new InvalidOperationException($"embedded resource {ForeignResource} is missing");
        using var reader = new StreamReader(stream);
        return ParseForeign(reader.ReadToEnd());
    }

    /// <summary>
    /// Reads a concept → language → phrases map, checking every concept against <see cref="Lexicon"/> and every
    /// phrase's form; all problems are reported together.
    /// </summary>
    internal static IReadOnlyList<(int Concept, string Language, string Phrase)> ParseForeign(string yaml)
    {
        var map = new YamlDotNet.Serialization.DeserializerBuilder().Build()
            .Deserialize<Dictionary<string, Dictionary<string, List<string>>>>(yaml) ?? [];
        var errors = new List<string>();
        var result = new List<(int, string, string)>();
        foreach (var (concept, languages) in map)
        {
            int id = Array.FindIndex(Lexicon, c => c.Concept == concept);
            if (id < 0) { errors.Add($"unknown concept '{concept}'"); continue; }
            foreach (var (language, phrases) in languages ?? [])
            {
                if (language.Length != 2 || !language.All(char.IsAsciiLetterLower)) errors.Add($"{concept}: language '{language}' is not a two-letter code");
                foreach (var phrase in phrases ?? [])
                {
                    string core = (phrase ?? "").Trim('*');
                    if (core.Length == 0 || core.Contains('*') || core != core.Trim())
                        errors.Add($"{concept}/{language}: malformed phrase '{phrase}' (a * only at either end, no outer spaces)");
                    else result.Add((id, language, phrase!));
                }
            }
        }
        if (errors.Count > 0) throw new InvalidOperationException($"{ForeignResource}: " + string.Join("; ", errors));
        return result;
    }
}
