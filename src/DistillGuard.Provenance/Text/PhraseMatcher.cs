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
    private readonly List<Piece> _queue = [];
    private int _head;
    private char[] _key = new char[64];
    private readonly Chunk[] _chain = new Chunk[lexicon.MaxWords + 1];

    protected string Context { get; private set; } = "^";
    protected bool SentenceStart { get; private set; } = true;
    /// <summary>Chunks (words, numbers, other runs of non-space characters) of plain text seen so far.</summary>
    public long Words { get; private set; }

    public List<Piece> Input => _queue;

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
            var p = _queue[_head];
            if (p.Kind == PieceKind.Space)
            {
                Emit(p.Unsent);
                if (p.HasNewline) { SentenceStart = true; Context = "¶"; }
                _head++;
                continue;
            }
            if (p.Kind == PieceKind.Protected)
            {
                Emit(p.Unsent);
                Context = "§";
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
            _queue.RemoveRange(0, _head);
            _head = 0;
        }
    }

    private bool Decide(bool final)
    {
        var head = Parse(_queue[_head].Text);
        if (!head.IsWord || !StartsMember(head.Core)) { PassThrough(head); return true; }
        // The chain: up to MaxWords + 1 chunks of one line separated by spaces (the last one is only the "next token").
        int n = 0, idx = _head;
        _chain[n++] = head;
        while (n < _chain.Length)
        {
            if (idx + 1 >= _queue.Count) { if (final) break; return false; }
            var sp = _queue[idx + 1];
            if (sp.Kind != PieceKind.Space || sp.HasNewline) break;
            if (idx + 2 >= _queue.Count) { if (final) break; return false; }
            var next = _queue[idx + 2];
            if (next.Kind != PieceKind.Chunk) break;
            _chain[n++] = Parse(next.Text);
            idx += 2;
        }

        int maxL = 0;
        while (maxL < n && maxL < lexicon.MaxWords)
        {
            var c = _chain[maxL];
            if (!c.IsWord || (maxL > 0 && c.Prefix.Length > 0)) break;
            maxL++;
            if (c.Suffix.Length > 0) break;
        }
        for (int len = maxL; len >= 1; len--)
        {
            int keyLength = 0;
            for (int i = 0; i < len; i++)
            {
                var core = _chain[i].Core;
                if (keyLength + core.Length + 1 > _key.Length) Array.Resize(ref _key, Math.Max(2 * _key.Length, keyLength + core.Length + 1));
                if (i > 0) _key[keyLength++] = ' ';
                foreach (char c in core) _key[keyLength++] = c == '\u2019' ? '\'' : char.ToLowerInvariant(c);
            }
            if (!lexicon.TryLookup(_key.AsSpan(0, keyLength), out var entries)) continue;
            var last = _chain[len - 1];
            Chunk? after = n > len ? _chain[len] : null;
            foreach (var (set, member) in entries)
            {
                if (!Admits(set, _chain[0], last, after)) continue;
                Occur(set, member, len);
                return true;
            }
        }
        PassThrough(_chain[0]);
        return true;
    }

    // The chunks parsed last, by the identity of their text: a chunk that begins a member is parsed again each time a
    // piece arrives while its phrase is undecided, and again when it is written (Occur).
    private readonly (string? Text, Chunk Chunk)[] _parsed = new (string?, Chunk)[8];
    private int _parsedNext;

    private Chunk Parse(string text)
    {
        foreach (var (t, c) in _parsed)
            if (ReferenceEquals(t, text)) return c;
        var chunk = Chunk.Parse(text);
        _parsed[_parsedNext] = (text, chunk);
        _parsedNext = (_parsedNext + 1) & 7;
        return chunk;
    }

    private bool StartsMember(string core)
    {
        if (core.Length > 32) return false;
        Span<char> buf = stackalloc char[core.Length];
        for (int i = 0; i < core.Length; i++) buf[i] = core[i] == '\u2019' ? '\'' : char.ToLowerInvariant(core[i]);
        return lexicon.IsFirstWord(buf);
    }

    private void PassThrough(Chunk only)
    {
        Emit(_queue[_head].Unsent);
        NoteApostrophe(_queue[_head].Text);
        Words++;
        if (HasLetterOrDigit(only.Core))
        {
            Context = NormalizeContext(only.Core);
            SentenceStart = EndsSentence(only.Suffix);
        }
        else if (EndsSentence(_queue[_head].Text)) SentenceStart = true;   // bullets, dashes and rules are transparent
        _head++;
    }

    private bool Admits(LexiconSet set, Chunk first, Chunk last, Chunk? after)
    {
        if (set.Punct is { } p && (last.Suffix.Length == 0 || last.Suffix[0] != p)) return false;
        if (set.SentenceStart && !SentenceStart) return false;
        // A capital inside a sentence is a name or a title ("Big Ben", "How To Use"), except for the pronoun I.
        if (char.IsUpper(first.Core[0]) && !SentenceStart && !(first.Core.Length == 1 || first.Core[1] is '\'' or '\u2019')) return false;
        if (set.NextWord && (last.Suffix.Length > 0 || after is not { Core.Length: > 0 } a || !char.IsLetter(a.Core[0]))) return false;
        if (set.NextNumber && (after is not { } b || !b.Core.AsSpan().ContainsAny("0123456789"))) return false;
        if (set.NextIn is { } nextIn)
        {
            bool ends = last.Suffix.Length > 0 || after is null;
            if (ends ? !nextIn.Contains(".") : !(after!.Value.IsWord && nextIn.Contains(NormalizeContext(after.Value.Core)))) return false;
        }
        if (set.NotNext.Count > 0 && last.Suffix.Length == 0 && after is { Core.Length: > 0 } w && set.NotNext.Contains(NormalizeContext(w.Core))) return false;
        if (set.Prev is { } prev && !prev.Contains(Context)) return false;
        if (set.NotPrev.Contains(Context)) return false;
        if (set.MixedArticle && Context is "a" or "an") return false;
        return true;
    }

    private void Occur(LexiconSet set, int member, int len)
    {
        // A chunk is handed out early only when it cannot begin a member, and only with nothing before it pending, so
        // nothing of an occurrence has been (TextScanner.SendSettled).
        for (int i = 0; i < 2 * len - 1; i++)
            if (_queue[_head + i].Sent != 0) throw new InvalidOperationException("part of an occurrence was already written");
        var first = Parse(_queue[_head].Text);
        var last = Parse(_queue[_head + 2 * (len - 1)].Text);
        bool curly = false, straight = false;
        for (int i = 0; i < len; i++)
        {
            curly |= _queue[_head + 2 * i].Text.Contains('\u2019');
            straight |= _queue[_head + 2 * i].Text.Contains('\'');
        }
        if (!curly && !straight) curly = _lastCurly;
        long before = Words;
        Words += len;
        int chosen = OnUnit(new UnitOccurrence(set, member, Context, len, new Surface(first.Prefix, first.Core, last.Suffix, curly)), before);
        if (chosen == member)
        {
            for (int i = 0; i < 2 * len - 1; i++) Emit(_queue[_head + i].Text);
        }
        else
        {
            Emit(first.Prefix);
            Emit(Render(set.Members[chosen], first.Core, curly));
            Emit(last.Suffix);
        }
        for (int i = 0; i < 2 * len - 1; i++) NoteApostrophe(_queue[_head + i].Text);
        var words = set.Members[chosen];
        Context = words[^1];
        SentenceStart = EndsSentence(last.Suffix);
        _head += 2 * len - 1;
    }

    private bool _lastCurly;

    /// <summary>Remembers the apostrophe style of the plain text so far (for contractions written where there was none).</summary>
    private void NoteApostrophe(string text)
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

    private static bool HasLetterOrDigit(string s)
    {
        foreach (char c in s) if (char.IsLetterOrDigit(c)) return true;
        return false;
    }

    private static bool EndsSentence(string suffix) => suffix.AsSpan().ContainsAny(".!?:");

    /// <summary>A character as lexicon look-ups see it: lower case, straight apostrophe.</summary>
    internal static char Normalize(char c) => c == '\u2019' ? '\'' : char.ToLowerInvariant(c);

    internal static void AppendNormalized(StringBuilder sb, string core)
    {
        foreach (char c in core) sb.Append(c == '\u2019' ? '\'' : char.ToLowerInvariant(c));
    }

    internal static string NormalizeContext(string core)
    {
        if (core.AsSpan().ContainsAny("0123456789")) return "#";
        bool same = true;
        foreach (char c in core)
            if (c == '\u2019' || char.ToLowerInvariant(c) != c) { same = false; break; }
        if (same) return core;     // already lower case with straight apostrophes: no copy
        return string.Create(core.Length, core, static (span, s) =>
        {
            for (int i = 0; i < s.Length; i++) span[i] = s[i] == '\u2019' ? '\'' : char.ToLowerInvariant(s[i]);
        });
    }
}

/// <summary>A chunk split into leading punctuation, core and trailing punctuation ("(**Moreover**," → "(**", "Moreover", "**,").</summary>
internal readonly record struct Chunk(string Prefix, string Core, string Suffix, bool IsWord)
{
    internal const string Leading = "(*_\u00BF\u00A1";
    internal const string Trailing = ".,;:!?)*_\u2026";

    public static Chunk Parse(string text)
    {
        int a = 0, b = text.Length;
        while (a < b && Leading.Contains(text[a])) a++;
        while (b > a && Trailing.Contains(text[b - 1])) b--;
        string core = text[a..b];
        return new Chunk(text[..a], core, text[b..], IsWordCore(core));
    }

    private static bool IsWordCore(string core)
    {
        if (core.Length == 0 || !char.IsLetter(core[0]) || !char.IsLetter(core[^1])) return false;
        foreach (char c in core) if (!char.IsLetter(c) && c is not ('\'' or '\u2019')) return false;
        return true;
    }
}
