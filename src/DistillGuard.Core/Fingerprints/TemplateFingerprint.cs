using System.Numerics;
using System.Runtime.Intrinsics;
using System.Runtime.InteropServices;
using DistillGuard.Core.Text;

namespace DistillGuard.Core.Fingerprints;

/// <summary>
/// A 64-bit SimHash of a prompt's skeleton: slots (numbers, quoted spans, code, URLs, e-mails, long tokens,
/// capitalised names) are masked, words are lower-cased and a few common synonyms folded, and the hash is
/// taken over unigrams and bigrams (shingles) so filled-in slots and light paraphrase or clause reordering move
/// only a few bits. Instances of one skeleton lie within <see cref="RecommendedThreshold"/> bits of each other.
/// </summary>
public static class TemplateFingerprint
{
    /// <summary>Hamming distance at or below which two fingerprints are taken as one template (measured in the tests on generated skeletons).</summary>
    public const int RecommendedThreshold = 16;

    /// <summary>Only the head and tail of a long message are hashed: templates wrap their slots.</summary>
    private const int HeadChars = 3000, TailChars = 1000;

    public static int Distance(ulong a, ulong b) => BitOperations.PopCount(a ^ b);

    public static bool SameTemplate(ulong a, ulong b, int threshold = RecommendedThreshold) => Distance(a, b) <= threshold;

    public static ulong Compute(string text) => Compute(text.AsSpan());

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)] // batch reads: optimised code from the first line
    public static ulong Compute(ReadOnlySpan<char> text)
    {
        if (text.IsEmpty) return 0;
        Span<Vector256<int>> v = stackalloc Vector256<int>[8];
        v.Clear();
        var state = new State();
        if (text.Length <= HeadChars + TailChars) Tokenize(text, v, ref state);
        else
        {
            Tokenize(text[..HeadChars], v, ref state);
            Add(v, ref state, MaskLong);
            Tokenize(text[^TailChars..], v, ref state);
        }
        if (state.Count == 0) return 0;
        ulong h = 0;
        for (int k = 0; k < 8; k++)
        {
            uint mask = Vector256.GreaterThan(v[k], Vector256<int>.Zero).ExtractMostSignificantBits();
            h |= (ulong)mask << (8 * k);
        }
        return h == 0 ? 1 : h;
    }

    private struct State
    {
        public ulong Prev;   // previous token hash (0 = sentence start)
        public int Count;
    }

    private static readonly ulong MaskNumber = Hash64.Of("#n"), MaskQuote = Hash64.Of("#q"), MaskCode = Hash64.Of("#code"),
        MaskUrl = Hash64.Of("#url"), MaskEmail = Hash64.Of("#email"), MaskLong = Hash64.Of("#long"), MaskName = Hash64.Of("#name"), MaskField = Hash64.Of("#field");

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)] // batch reads: optimised code from the first line
    private static void Tokenize(ReadOnlySpan<char> t, Span<Vector256<int>> v, ref State st)
    {
        Span<char> word = stackalloc char[32];
        bool sentenceStart = true;
        int wordsInSentence = 0;
        int i = 0;
        while (i < t.Length)
        {
            char c = t[i];
            if (char.IsWhiteSpace(c)) { i++; continue; }
            // Code block or inline code.
            if (c == '`')
            {
                int end = c == '`' && t[i..].StartsWith("```") ? IndexFrom(t, "```", i + 3) : IndexFrom(t, "`", i + 1);
                i = end < 0 ? t.Length : end + (t[i..].StartsWith("```") ? 3 : 1);
                AddMask(v, ref st, MaskCode);
                continue;
            }
            // Quoted span (double quotes, typographic quotes, CJK brackets).
            char close = c switch { '"' => '"', '\u201C' => '\u201D', '\u00AB' => '\u00BB', '\u300C' => '\u300D', '\u300E' => '\u300F', _ => '\0' };
            if (close != '\0')
            {
                int end = t.Slice(i + 1, Math.Min(400, t.Length - i - 1)).IndexOf(close);
                if (end >= 0) { i += end + 2; AddMask(v, ref st, MaskQuote); sentenceStart = false; continue; }
                i++; continue;
            }
            if (TextNormalizer.IsCjk(c))
            {
                if (char.IsLetter(c)) { Add(v, ref st, Hash64.Of(new ReadOnlySpan<char>(in c))); }
                else { st.Prev = 0; sentenceStart = true; } // CJK punctuation ends a clause
                i++;
                continue;
            }
            if (!char.IsLetterOrDigit(c))
            {
                if (c is '.' or '!' or '?' or ':' or ';' or '\n') { sentenceStart = true; st.Prev = 0; }
                i++;
                continue;
            }
            // A run of non-space, non-CJK characters: classify it as a whole.
            int j = i;
            bool plain = true; // only lower-case ASCII letters: the common case, hashed directly
            while (j < t.Length)
            {
                char cj = t[j];
                if ((uint)(cj - 'a') <= 'z' - 'a') { j++; continue; }
                if (char.IsWhiteSpace(cj) || TextNormalizer.IsCjk(cj) || cj is '"' or '`' or '\u201C') break;
                plain = false;
                j++;
            }
            if (plain && j - i <= 24)
            {
                AddWord(v, ref st, t[i..j]);
                i = j;
                wordsInSentence++;
                sentenceStart = false;
                continue;
            }
            var token = t[i..j];
            // Trailing punctuation belongs to the sentence, not the token.
            int k = token.Length;
            while (k > 0 && !char.IsLetterOrDigit(token[k - 1])) k--;
            var core = token[..k];
            bool endsSentence = k < token.Length && token[k..].IndexOfAny(".!?:;") >= 0;
            bool label = k < token.Length && token[k..].Contains(':') && wordsInSentence < 3;
            i = j;
            if (core.IsEmpty) { if (endsSentence) { sentenceStart = true; st.Prev = 0; } continue; }
            ulong mask = Classify(core, sentenceStart);
            if (mask != 0) AddMask(v, ref st, mask);
            else
            {
                // Plain words inside the token (e.g. "step-by-step", "don't").
                int w = 0;
                foreach (char ch in core)
                {
                    if (char.IsLetter(ch) && w < word.Length) word[w++] = char.ToLowerInvariant(ch);
                    else if (w > 0) { AddWord(v, ref st, word[..w]); w = 0; }
                }
                if (w > 0) AddWord(v, ref st, word[..w]);
            }
            wordsInSentence = endsSentence ? 0 : wordsInSentence + 1;
            sentenceStart = endsSentence;
            if (endsSentence) st.Prev = 0;
            if (label)
            {
                // "Question: …", "Data: …", "A customer writes: …": the field after a short label is a slot, up to the
                // end of its line or sentence.
                int end = SlotEnd(t, i);
                if (end > i)
                {
                    i = end;
                    AddMask(v, ref st, MaskField);
                    st.Prev = 0;
                    sentenceStart = true;
                }
            }
        }
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)] // per-line hot path: optimised from the first call, no tier-0 or instrumented code
    private static int SlotEnd(ReadOnlySpan<char> t, int from)
    {
        int limit = Math.Min(t.Length, from + 600);
        int k = from;
        while (k < limit && t[k] is ' ' or '\t') k++;
        if (k >= limit || t[k] == '\n') return from; // the field is on the next lines: leave it to the tokens
        char close = t[k] switch { '"' => '"', '\u201C' => '\u201D', '\u00AB' => '\u00BB', '\u300C' => '\u300D', _ => '\0' };
        if (close != '\0')
        {
            int q = t.Slice(k + 1, limit - k - 1).IndexOf(close);
            if (q >= 0) return k + 2 + q;
        }
        for (; k < limit; k++)
        {
            char c = t[k];
            if (c == '\n') return k;
            if (c is '.' or '?' or '!' or '\u3002' or '\uFF1F' or '\uFF01' && (k + 1 >= t.Length || char.IsWhiteSpace(t[k + 1]))) return k + 1;
        }
        return limit;
    }

    private static int IndexFrom(ReadOnlySpan<char> t, string s, int from)
    {
        if (from >= t.Length) return -1;
        int k = t[from..].IndexOf(s);
        return k < 0 ? -1 : from + k;
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)] // per-line hot path: optimised from the first call, no tier-0 or instrumented code
    private static ulong Classify(ReadOnlySpan<char> core, bool sentenceStart)
    {
        if (core.Length > 24) return MaskLong;
        bool digit = false, at = false, colon = false, dot = false;
        foreach (char ch in core)
        {
            if ((uint)(ch - '0') <= 9) digit = true;
            else if (ch == '@') at = true;
            else if (ch == ':') colon = true;
            else if (ch == '.') dot = true;
            else if (ch > 127 && char.IsDigit(ch)) digit = true;
        }
        if ((colon && core.IndexOf("://".AsSpan()) >= 0) || (dot && core.StartsWith("www.", StringComparison.OrdinalIgnoreCase))) return MaskUrl;
        if (at && dot && core.IndexOf('@') > 0 && core[core.IndexOf('@')..].Contains('.')) return MaskEmail;
        if (digit) return MaskNumber;
        if (!sentenceStart && char.IsUpper(core[0]) && core.Length > 1) return MaskName;
        if (core.Length > 1 && char.IsUpper(core[0]) && char.IsUpper(core[1])) return MaskName; // acronyms / ALL-CAPS slots
        return 0;
    }

    private static void AddWord(Span<Vector256<int>> v, ref State st, ReadOnlySpan<char> w)
    {
        ulong h = Synonyms.Canonical(Hash64.Of(w));
        if (h == 0) return; // dropped filler
        Add(v, ref st, h);
    }

    private static void AddMask(Span<Vector256<int>> v, ref State st, ulong mask)
    {
        if (st.Prev == mask) return; // "New York City" is one slot, not three
        Add(v, ref st, mask);
    }

    private static void Add(Span<Vector256<int>> v, ref State st, ulong h)
    {
        Accumulate(v, h, 1);
        if (st.Prev != 0) Accumulate(v, (st.Prev * 31) ^ BitOperations.RotateLeft(h, 17) ^ 0x9E3779B97F4A7C15UL, 1);
        st.Prev = h;
        st.Count++;
    }

    /// <summary>Adds +1 for every set bit of <paramref name="h"/> and -1 for every clear one: one vector add per byte.</summary>
    private static void Accumulate(Span<Vector256<int>> v, ulong h, int w)
    {
        var table = s_byteSigns;
        for (int k = 0; k < 8; k++)
            v[k] += table[(int)((h >> (8 * k)) & 0xFF)];
    }

    private static readonly Vector256<int>[] s_byteSigns = BuildByteSigns();

    private static Vector256<int>[] BuildByteSigns()
    {
        var t = new Vector256<int>[256];
        Span<int> lanes = stackalloc int[8];
        for (int b = 0; b < 256; b++)
        {
            for (int j = 0; j < 8; j++) lanes[j] = ((b >> j) & 1) != 0 ? 1 : -1;
            t[b] = Vector256.Create<int>(lanes);
        }
        return t;
    }

    /// <summary>A small fold of common prompt synonyms and fillers.</summary>
    private static class Synonyms
    {
        /// <summary>
        /// Word hash to the hash of its canonical word (0 for a dropped filler), as an open-addressing table (looked up
        /// once per word of every prompt: a probe or two instead of a dictionary lookup). Word hashes are never 0, so 0
        /// marks an empty slot.
        /// </summary>
        private static readonly (ulong[] Keys, ulong[] Values, int Mask) s_table = BuildTable();

        public static ulong Canonical(ulong wordHash)
        {
            var (keys, values, mask) = s_table;
            int i = (int)(wordHash >> 40) & mask;
            while (true)
            {
                ulong k = keys[i];
                if (k == wordHash) return values[i];
                if (k == 0) return wordHash;
                i = (i + 1) & mask;
            }
        }

        private static (ulong[] Keys, ulong[] Values, int Mask) BuildTable()
        {
            var map = Build().ToDictionary(kv => Hash64.Of(kv.Key), kv => kv.Value.Length == 0 ? 0UL : Hash64.Of(kv.Value));
            int size = 16;
            while (size < map.Count * 4) size *= 2;   // load factor <= 1/4: almost every lookup is one probe
            var keys = new ulong[size];
            var values = new ulong[size];
            foreach (var (k, v) in map)
            {
                int i = (int)(k >> 40) & (size - 1);
                while (keys[i] != 0) i = (i + 1) & (size - 1);
                keys[i] = k;
                values[i] = v;
            }
            return (keys, values, size - 1);
        }

        private static Dictionary<string, string> Build()
        {
            var groups = new[]
            {
                "explain describe elaborate clarify",
                "key main primary principal",
                "show display present",
                "write compose produce generate create draft",
                "give provide offer supply",
                "detailed thorough comprehensive exhaustive extensive",
                "full complete entire whole",
                "steps stages",
                "step stage",
                "reasoning thinking thought thoughts rationale logic",
                "answer solution result",
                "problem question task exercise puzzle",
                "carefully rigorously methodically",
                "expert specialist professional",
                "analyze analyse examine evaluate assess",
                "list enumerate",
                "help assist",
                "make ensure",
                "use utilize utilise employ",
                "also additionally",
                "below following",
                "each every",
                "response reply",
            };
            var map = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var g in groups)
            {
                var words = g.Split(' ');
                foreach (var w in words) map[w] = words[0];
            }
            foreach (var filler in new[] { "please", "kindly", "just", "really", "very", "the", "a", "an" }) map[filler] = "";
            return map;
        }
    }
}
