using System.Collections.Frozen;
using System.Security.Cryptography;
using System.Text;

namespace DistillGuard.Provenance.Lexicons;

/// <summary>One set of interchangeable words or phrasings, e.g. {"do not", "don't"}, with the conditions under which a
/// member may be written for another. Members are lower-case word sequences; <see cref="Punct"/>, when set, must follow
/// the last word of every member ("Moreover," / "In addition,").</summary>
public sealed record LexiconSet
{
    /// <summary>Stable identity used in the key derivation: the first member as written in the lexicon.</summary>
    public required string Id { get; init; }
    public required IReadOnlyList<string[]> Members { get; init; }
    public char? Punct { get; init; }
    public bool NextWord { get; init; }
    public bool NextNumber { get; init; }
    public bool SentenceStart { get; init; }
    public IReadOnlySet<string> NotNext { get; init; } = FrozenSet<string>.Empty;
    /// <summary>When set, the next word must be one of these ("." stands for punctuation or the end of the line).</summary>
    public IReadOnlySet<string>? NextIn { get; init; }
    public IReadOnlySet<string>? Prev { get; init; }
    public IReadOnlySet<string> NotPrev { get; init; } = FrozenSet<string>.Empty;
    /// <summary>Members do not all start with the same kind of sound (vowel or consonant): skipped after "a"/"an".</summary>
    public bool MixedArticle { get; init; }
    public int Index { get; init; }
    public int MaxWords => Members.Max(m => m.Length);
}

/// <summary>The watermark's lexicon: sets of interchangeable words and phrasings, read from the text format of
/// <c>lexicons/watermark/en.txt</c>. Every problem in a file is reported at once.</summary>
public sealed class WatermarkLexicon
{
    private static readonly Lazy<WatermarkLexicon> BuiltInLazy = new(() => Parse(ReadResource("lexicons/watermark/en.txt"), "en"));

    /// <summary>The lexicon shipped with DistillGuard (embedded <c>lexicons/watermark/en.txt</c>).</summary>
    public static WatermarkLexicon BuiltIn => BuiltInLazy.Value;

    private readonly FrozenDictionary<string, (LexiconSet Set, int Member)[]> _byPhrase;

    private WatermarkLexicon(string name, IReadOnlyList<LexiconSet> sets, string sha256)
    {
        Name = name;
        Sets = sets;
        Sha256 = sha256;
        var map = new Dictionary<string, List<(LexiconSet, int)>>(StringComparer.Ordinal);
        foreach (var s in sets)
            for (int m = 0; m < s.Members.Count; m++)
            {
                string key = string.Join(' ', s.Members[m]);
                if (!map.TryGetValue(key, out var list)) map[key] = list = [];
                list.Add((s, m));
            }
        // Punctuation-bound members are tried first: "Therefore," belongs to the connector set, "therefore" to the plain one.
        _byPhrase = map.ToFrozenDictionary(kv => kv.Key, kv => kv.Value.OrderBy(x => x.Item1.Punct is null ? 1 : 0).ToArray(), StringComparer.Ordinal);
        MaxWords = sets.Count == 0 ? 1 : sets.Max(s => s.MaxWords);
        FirstWords = sets.SelectMany(s => s.Members).Select(m => m[0]).ToFrozenSet(StringComparer.Ordinal);
        _firstWords = FirstWords.GetAlternateLookup<ReadOnlySpan<char>>();
        _firstWordPrefixes = FirstWords.SelectMany(w => Enumerable.Range(1, w.Length).Select(n => w[..n])).ToFrozenSet(StringComparer.Ordinal)
            .GetAlternateLookup<ReadOnlySpan<char>>();
        MaxFirstWordLength = FirstWords.Count == 0 ? 0 : FirstWords.Max(w => w.Length);
        _byPhraseSpan = _byPhrase.GetAlternateLookup<ReadOnlySpan<char>>();
        Trie = new PhraseTrie(_byPhrase);
    }

    /// <summary>The members' phrases as a character trie (what <see cref="TryLookup(ReadOnlySpan{char}, out (LexiconSet Set, int Member)[])"/>,
    /// <see cref="IsFirstWord"/> and <see cref="IsFirstWordPrefix"/> answer, walked one normalised character at a time).</summary>
    internal PhraseTrie Trie { get; }

    private readonly FrozenDictionary<string, (LexiconSet Set, int Member)[]>.AlternateLookup<ReadOnlySpan<char>> _byPhraseSpan;

    private readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> _firstWords;

    /// <summary>Words that begin a member: any other word is passed through without look-ahead.</summary>
    public FrozenSet<string> FirstWords { get; }

    /// <summary>Whether <paramref name="normalized"/> (lower case, straight apostrophes) begins a member.</summary>
    internal bool IsFirstWord(ReadOnlySpan<char> normalized) => _firstWords.Contains(normalized);

    private readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> _firstWordPrefixes;

    /// <summary>Whether some word that begins a member starts with <paramref name="normalized"/> (or is it).</summary>
    internal bool IsFirstWordPrefix(ReadOnlySpan<char> normalized) => _firstWordPrefixes.Contains(normalized);

    /// <summary>The length of the longest word that begins a member.</summary>
    internal int MaxFirstWordLength { get; }

    public string Name { get; }
    public IReadOnlyList<LexiconSet> Sets { get; }
    /// <summary>SHA-256 (hex) of the lexicon text: a key's detections are valid only with the lexicon it was applied with.</summary>
    public string Sha256 { get; }
    public int MaxWords { get; }

    internal bool TryLookup(string phrase, out (LexiconSet Set, int Member)[] entries) => _byPhrase.TryGetValue(phrase, out entries!);

    internal bool TryLookup(ReadOnlySpan<char> phrase, out (LexiconSet Set, int Member)[] entries) => _byPhraseSpan.TryGetValue(phrase, out entries!);

    internal static string ReadResource(string name)
    {
        using var s = typeof(WatermarkLexicon).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"embedded resource '{name}' missing");
        using var r = new StreamReader(s, Encoding.UTF8);
        return r.ReadToEnd();
    }

    public static WatermarkLexicon Load(string path) => Parse(File.ReadAllText(path), Path.GetFileNameWithoutExtension(path));

    /// <summary>Parses the lexicon text format; throws <see cref="InvalidDataException"/> listing every problem.</summary>
    public static WatermarkLexicon Parse(string text, string name)
    {
        var errors = new List<string>();
        var sets = new List<LexiconSet>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        int lineNo = 0;
        foreach (var raw in text.Split('\n'))
        {
            lineNo++;
            string line = raw.Trim();
            if (line.Length == 0 || line[0] == '#') continue;
            string body = line, cons = "";
            int sep = line.IndexOf(";;", StringComparison.Ordinal);
            if (sep >= 0) { body = line[..sep].Trim(); cons = line[(sep + 2)..].Trim(); }
            var members = body.Split('|', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            if (members.Length < 2) { errors.Add($"line {lineNo}: a set needs at least two members"); continue; }
            char? punct = null;
            var words = new List<string[]>();
            bool bad = false;
            foreach (var m in members)
            {
                string w = m;
                char? p = w[^1] is ',' or '!' or '?' or '.' ? w[^1] : null;
                if (p is not null) w = w[..^1].TrimEnd();
                if (words.Count == 0) punct = p;
                else if (p != punct) { errors.Add($"line {lineNo}: every member must end with the same punctuation ('{m}')"); bad = true; }
                var ws = w.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (ws.Length == 0 || ws.Any(x => !IsLexiconWord(x)))
                {
                    errors.Add($"line {lineNo}: member '{m}' must be lower-case words (letters and apostrophes)");
                    bad = true;
                }
                words.Add(ws);
            }
            if (bad) continue;
            var keys = words.Select(ws => string.Join(' ', ws) + punct).ToList();
            if (keys.Distinct().Count() != keys.Count) { errors.Add($"line {lineNo}: a member is repeated"); continue; }
            foreach (var k in keys)
            {
                if (seen.TryGetValue(k, out int other)) errors.Add($"line {lineNo}: '{k}' is already in the set on line {other}");
                else seen[k] = lineNo;
            }
            bool nextWord = false, nextNumber = false, start = false;
            HashSet<string>? prev = null, nextIn = null;
            var notPrev = new HashSet<string>(StringComparer.Ordinal);
            var notNext = new HashSet<string>(StringComparer.Ordinal);
            foreach (var c in cons.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                if (c == "next=word") nextWord = true;
                else if (c == "next=number") nextNumber = true;
                else if (c == "start") start = true;
                else if (c.StartsWith("nextin=", StringComparison.Ordinal)) (nextIn ??= new HashSet<string>(StringComparer.Ordinal)).UnionWith(c[7..].Split(','));
                else if (c.StartsWith("!next=", StringComparison.Ordinal)) notNext.UnionWith(c[6..].Split(','));
                else if (c.StartsWith("!prev=", StringComparison.Ordinal)) notPrev.UnionWith(c[6..].Split(','));
                else if (c.StartsWith("prev=", StringComparison.Ordinal)) (prev ??= new HashSet<string>(StringComparer.Ordinal)).UnionWith(c[5..].Split(','));
                else errors.Add($"line {lineNo}: unknown constraint '{c}'");
            }
            bool vowel0 = IsVowelSound(words[0][0]);
            sets.Add(new LexiconSet
            {
                Id = keys[0],
                Members = words,
                Punct = punct,
                NextWord = nextWord,
                NextNumber = nextNumber,
                SentenceStart = start,
                NotNext = notNext.ToFrozenSet(StringComparer.Ordinal),
                NextIn = nextIn?.ToFrozenSet(StringComparer.Ordinal),
                NotPrev = notPrev.ToFrozenSet(StringComparer.Ordinal),
                Prev = prev?.ToFrozenSet(StringComparer.Ordinal),
                MixedArticle = words.Any(ws => IsVowelSound(ws[0]) != vowel0),
                Index = sets.Count,
            });
        }
        if (sets.Count == 0) errors.Add("no set");
        if (errors.Count > 0) throw new InvalidDataException($"watermark lexicon '{name}': " + string.Join("; ", errors));
        return new WatermarkLexicon(name, sets, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text))));
    }

    private static bool IsLexiconWord(string w)
    {
        if (w.Length == 0 || !char.IsAsciiLetterLower(w[0]) || !char.IsAsciiLetterLower(w[^1])) return false;
        foreach (char c in w) if (!char.IsAsciiLetterLower(c) && c != '\'') return false;
        return true;
    }

    private static bool IsVowelSound(string w) => w[0] is 'a' or 'e' or 'i' or 'o' or 'u';
}
