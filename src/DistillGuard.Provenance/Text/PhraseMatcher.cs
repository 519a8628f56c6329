using System.Collections.Frozen;
using System.Text;
using DistillGuard.Provenance.Lexicons;

namespace DistillGuard.Provenance.Text;

/// <summary>One occurrence of a lexicon member in plain text, with the key-independent context the watermark is keyed on.</summary>
internal readonly record struct UnitOccurrence(LexiconSet Set, int Member, string Context, int Words, Surface Surface);

/// <summary>How an occurrence is written around its words: leading and trailing punctuation, the case of its first word,
/// its apostrophe style. Any member of the set can be written the same way (<see cref="Write"/>).</summary>
internal readonly record struct Surface(string Prefix, string FirstCore, string Suffix, bool Curly)
{
    public string Write(string[] words) => Prefix + PhraseMatcher.Render(words, FirstCore, Curly) + Suffix;
}

/// <summary>
/// Finds lexicon members in the piece stream of a <see cref="TextScanner"/> (longest phrase first, left to right) and
/// lets a subclass replace them. The same code finds occurrences when watermarking and when testing, so a test sees
/// exactly the units the watermark wrote. The context of an occurrence is the previous word of the text as written
/// (after earlier replacements): lower case, numbers as "#", "¶" after a line break, "§" after a protected span,
/// "^" at the start.
/// Hold-back is bounded: at most <see cref="WatermarkLexicon.MaxWords"/> + 1 chunks of one line.
/// </summary>
internal abstract class PhraseMatcher(WatermarkLexicon lexicon)
{
    private readonly PieceQueue _queue = new();
    private int _head;
    private readonly PhraseTrie _trie = lexicon.Trie;

    // The context (see the class summary): a string when it is one already (a marker, a lexicon word), else the previous
    // word's core as written, copied into _ctx and normalised into a string only when an occurrence or a constraint asks for it.
    private string? _context = "^";
    private char[] _ctx = new char[32];
    private int _ctxLength;

    protected string Context => _context ??= MakeContext(_ctx.AsSpan(0, _ctxLength));

    /// <summary>The context after a word: its core in lower case with straight apostrophes, "#" for a number.</summary>
    private static string MakeContext(ReadOnlySpan<char> core)
    {
        if (core.ContainsAny(Digits)) return "#";
        Span<char> norm = core.Length <= 64 ? stackalloc char[core.Length] : new char[core.Length];
        for (int i = 0; i < core.Length; i++) norm[i] = Normalize(core[i]);
        return new string(norm);
    }
    protected bool SentenceStart { get; private set; } = true;
    /// <summary>Chunks (words, numbers, other runs of non-space characters) of plain text seen so far.</summary>
    public long Words { get; private set; }

    public PieceQueue Input => _queue;

    // The number of queued pieces from the head on when Decide last returned false (waiting for more), else -1. The head
    // does not move while it waits, and pieces are only appended, so the same count means the same pieces.
    private int _undecided = -1;

    /// <summary>Every queued piece has been written: nothing waits for what follows.</summary>
    public bool Idle => _head == _queue.Count;

    /// <summary>Writes what follows; the detector discards it.</summary>
    protected abstract void Emit(ReadOnlySpan<char> text);

    /// <summary>Called for each occurrence; returns the member to write (the occurrence's own to keep it).</summary>
    protected abstract int OnUnit(in UnitOccurrence unit, long wordsBefore);

    /// <summary>Processes every queued piece that can be decided; with <paramref name="final"/>, all of them.</summary>
    public void Process(bool final)
    {
        while (_head < _queue.Count)
        {
            ref readonly var p = ref _queue.Items[_head];
            if (p.Kind == PieceKind.Space)
            {
                Emit(_queue.Unsent(p));
                if (p.HasNewline) { SentenceStart = true; _context = "¶"; }
                _head++;
                continue;
            }
            if (p.Kind == PieceKind.Protected)
            {
                Emit(_queue.Unsent(p));
                _context = "§";
                SentenceStart = false;
                _head++;
                continue;
            }
            // A chunk that could not be decided waits for the pieces after it; the scanner adds a piece only when one is
            // complete (most deltas of a stream end inside a word), so with nothing new there is nothing to try again.
            if (!final && _undecided == _queue.Count - _head) break;
            if (!Decide(final)) { _undecided = _queue.Count - _head; break; }
            _undecided = -1;
        }
        if (_head > 0 && (_head == _queue.Count || _head > 64))
        {
            _queue.Discard(_head);
            _head = 0;
        }
    }

    private bool Decide(bool final)
    {
        var items = _queue.Items;
        int count = _queue.Count;
        // The first word's walk of the trie, done once: whether it may begin a member, and the first step of the phrases below.
        int first = FirstWordNode(items[_head]);
        if (!_trie.IsFirstWordEnd(first)) { PassThrough(); return true; }
        // The chain: up to MaxWords + 1 chunks of one line separated by spaces (the last one is only the "next token"),
        // at _head, _head + 2, …
        int n = 1, idx = _head, chainMax = lexicon.MaxWords + 1;
        while (n < chainMax)
        {
            if (idx + 1 >= count) { if (final) break; return false; }
            ref readonly var sp = ref items[idx + 1];
            if (sp.Kind != PieceKind.Space || sp.HasNewline) break;
            if (idx + 2 >= count) { if (final) break; return false; }
            if (items[idx + 2].Kind != PieceKind.Chunk) break;
            n++;
            idx += 2;
        }

        int maxL = 0;
        while (maxL < n && maxL < lexicon.MaxWords)
        {
            ref readonly var c = ref items[_head + 2 * maxL];
            if (!c.IsWord || (maxL > 0 && c.PrefixLength > 0)) break;
            maxL++;
            if (c.SuffixLength > 0) break;
        }
        // The phrases the first 1..maxL words make, found in one walk of the trie over their normalised cores.
        Span<int> ends = stackalloc int[maxL];
        int node = 0, found = 0;
        for (int i = 0; i < maxL; i++)
        {
            node = i == 0 ? first : _trie.WalkNormalizing(_trie.Step(node, ' '), _queue.Core(items[_head + 2 * i]));
            if (node == PhraseTrie.Dead) break;
            ends[i] = node;
            found = i + 1;
        }
        for (int len = found; len >= 1; len--)
        {
            if (_trie.Entries(ends[len - 1]) is not { } entries) continue;
            int last = _head + 2 * (len - 1), after = n > len ? _head + 2 * len : -1;
            foreach (var (set, member) in entries)
            {
                if (!Admits(set, _head, last, after)) continue;
                Occur(set, member, len);
                return true;
            }
        }
        PassThrough();
        return true;
    }

    /// <summary>The trie node a word's normalised core leads to from the root (<see cref="PhraseTrie.Dead"/> for a chunk
    /// that is not a word, or a core too long to be a lexicon word).</summary>
    private int FirstWordNode(in Piece p)
    {
        if (!p.IsWord || p.CoreEnd - p.CoreStart > 32) return PhraseTrie.Dead;
        return _trie.WalkNormalizing(0, _queue.Core(p));
    }

    private void PassThrough()
    {
        ref readonly var p = ref _queue.Items[_head];
        var text = _queue.Text(p);
        Emit(text[p.Sent..]);
        NoteApostrophe(text);
        Words++;
        var core = _queue.Core(p);
        if (HasLetterOrDigit(core))
        {
            SetContext(core);
            SentenceStart = EndsSentence(_queue.Suffix(p));
        }
        else if (EndsSentence(text)) SentenceStart = true;   // bullets, dashes and rules are transparent
        _head++;
    }

    /// <summary>The context after a word (<see cref="MakeContext"/>), kept as the word's characters until asked for.</summary>
    private void SetContext(ReadOnlySpan<char> core)
    {
        if (core.Length > _ctx.Length) _ctx = new char[Math.Max(core.Length, 2 * _ctx.Length)];
        core.CopyTo(_ctx);
        _ctxLength = core.Length;
        _context = null;
    }

    private const string Digits = "0123456789";

    private bool Admits(LexiconSet set, int firstAt, int lastAt, int afterAt)
    {
        var items = _queue.Items;
        var firstCore = _queue.Core(items[firstAt]);
        var lastSuffix = _queue.Suffix(items[lastAt]);
        if (set.Punct is { } p && (lastSuffix.Length == 0 || lastSuffix[0] != p)) return false;
        if (set.SentenceStart && !SentenceStart) return false;
        // A capital inside a sentence is a name or a title ("Big Ben", "How To Use"), except for the pronoun I.
        if (char.IsUpper(firstCore[0]) && !SentenceStart && !(firstCore.Length == 1 || firstCore[1] is '\'' or '\u2019')) return false;
        var afterCore = afterAt >= 0 ? _queue.Core(items[afterAt]) : default;
        if (set.NextWord && (lastSuffix.Length > 0 || afterAt < 0 || afterCore.Length == 0 || !char.IsLetter(afterCore[0]))) return false;
        if (set.NextNumber && (afterAt < 0 || !afterCore.ContainsAny(Digits))) return false;
        if (set.NextIn is { } nextIn)
        {
            bool ends = lastSuffix.Length > 0 || afterAt < 0;
            if (ends ? !nextIn.Contains(".") : !(items[afterAt].IsWord && ContainsNormalized(nextIn, afterCore))) return false;
        }
        if (set.NotNext.Count > 0 && lastSuffix.Length == 0 && afterAt >= 0 && afterCore.Length > 0 && ContainsNormalized(set.NotNext, afterCore)) return false;
        if (set.Prev is { } prev && !prev.Contains(Context)) return false;
        if (set.NotPrev.Count > 0 && set.NotPrev.Contains(Context)) return false;
        if (set.MixedArticle && Context is "a" or "an") return false;
        return true;
    }

    /// <summary>Whether <paramref name="set"/> holds <paramref name="core"/> normalised as a context ("#" for a number), without making it a string.</summary>
    private static bool ContainsNormalized(IReadOnlySet<string> set, ReadOnlySpan<char> core)
    {
        if (core.ContainsAny(Digits)) return set.Contains("#");
        Span<char> norm = core.Length <= 64 ? stackalloc char[core.Length] : new char[core.Length];
        for (int i = 0; i < core.Length; i++) norm[i] = Normalize(core[i]);
        if (set is FrozenSet<string> frozen && frozen.TryGetAlternateLookup<ReadOnlySpan<char>>(out var lookup))
            return lookup.Contains(norm);
        return set.Contains(norm.ToString());
    }

    private void Occur(LexiconSet set, int member, int len)
    {
        var items = _queue.Items;
        // A chunk is handed out early only when it cannot begin a member, and only with nothing before it pending, so
        // nothing of an occurrence has been (TextScanner.SendSettled).
        for (int i = 0; i < 2 * len - 1; i++)
            if (items[_head + i].Sent != 0) throw new InvalidOperationException("part of an occurrence was already written");
        ref readonly var first = ref items[_head];
        ref readonly var last = ref items[_head + 2 * (len - 1)];
        bool curly = false, straight = false;
        for (int i = 0; i < len; i++)
        {
            var t = _queue.Text(items[_head + 2 * i]);
            curly |= t.Contains('\u2019');
            straight |= t.Contains('\'');
        }
        if (!curly && !straight) curly = _lastCurly;
        long before = Words;
        Words += len;
        var firstText = _queue.Text(first);
        string prefix = first.PrefixLength == 0 ? "" : new string(firstText[..first.PrefixLength]);
        string firstCore = new(_queue.Core(first));
        var lastSuffix = _queue.Suffix(last);
        string suffix = lastSuffix.Length == 0 ? "" : lastSuffix.Length == 1 && lastSuffix[0] == ',' ? "," : lastSuffix.Length == 1 && lastSuffix[0] == '.' ? "." : new string(lastSuffix);
        int chosen = OnUnit(new UnitOccurrence(set, member, Context, len, new Surface(prefix, firstCore, suffix, curly)), before);
        if (chosen == member)
        {
            for (int i = 0; i < 2 * len - 1; i++) Emit(_queue.Text(items[_head + i]));
        }
        else
        {
            Emit(prefix);
            Emit(Render(set.Members[chosen], firstCore, curly));
            Emit(suffix);
        }
        for (int i = 0; i < 2 * len - 1; i++) NoteApostrophe(_queue.Text(items[_head + i]));
        var words = set.Members[chosen];
        _context = words[^1];
        SentenceStart = EndsSentence(suffix);
        _head += 2 * len - 1;
    }

    private bool _lastCurly;

    /// <summary>Remembers the apostrophe style of the plain text so far (for contractions written where there was none).</summary>
    private void NoteApostrophe(ReadOnlySpan<char> text)
    {
        int c = text.LastIndexOf('\u2019'), s = text.LastIndexOf('\'');
        if (c >= 0 || s >= 0) _lastCurly = c > s;
    }

    /// <summary>A member written in the case and apostrophe style of the words it replaces.</summary>
    internal static string Render(string[] words, string originalFirst, bool curly)
    {
        var sb = new StringBuilder();
        for (int i = 0; i < words.Length; i++)
        {
            if (i > 0) sb.Append(' ');
            int start = sb.Length;
            sb.Append(words[i]);
            if (words[i] == "i" || words[i].StartsWith("i'", StringComparison.Ordinal)) sb[start] = 'I';
        }
        bool allCaps = originalFirst.Length >= 2;
        foreach (char c in originalFirst) if (char.IsLetter(c) && !char.IsUpper(c)) { allCaps = false; break; }
        if (allCaps)
        {
            for (int i = 0; i < sb.Length; i++) sb[i] = char.ToUpperInvariant(sb[i]);
        }
        else if (char.IsUpper(originalFirst[0])) sb[0] = char.ToUpperInvariant(sb[0]);
        if (curly) sb.Replace('\'', '\u2019');
        return sb.ToString();
    }

    private static bool HasLetterOrDigit(ReadOnlySpan<char> s)
    {
        foreach (char c in s) if (char.IsLetterOrDigit(c)) return true;
        return false;
    }

    private static bool EndsSentence(ReadOnlySpan<char> suffix) => suffix.ContainsAny(".!?:");

    /// <summary>A character as lexicon look-ups see it: lower case, straight apostrophe.</summary>
    internal static char Normalize(char c) => c == '\u2019' ? '\'' : char.ToLowerInvariant(c);
}
