namespace DistillGuard.Provenance.Text;

/// <summary>
/// A piece of the scanned text, as offsets into its <see cref="PieceQueue"/>'s characters (no string per word). The first
/// <see cref="Sent"/> characters were already handed out while the piece was incomplete (<see cref="TextScanner.SendSettled"/>),
/// because they are written unchanged whatever follows. A chunk is parsed once, when it is queued: its core (without
/// leading and trailing punctuation, "(**Moreover**," → "Moreover") is <c>[CoreStart, CoreEnd)</c> of its text.
/// </summary>
internal struct Piece
{
    public PieceKind Kind;
    public int Start, Length, Sent;
    /// <summary>Chunks: the core's bounds relative to the piece's text.</summary>
    public int CoreStart, CoreEnd;
    /// <summary>Chunks: the core is a word (letters, inner apostrophes). Spaces: the run has a line break.</summary>
    public bool IsWord, HasNewline;

    public readonly int PrefixLength => CoreStart;
    public readonly int SuffixLength => Length - CoreEnd;
}

/// <summary>
/// The pieces a <see cref="TextScanner"/> has emitted and a <see cref="PhraseMatcher"/> has not written yet, with their
/// characters in one buffer. Pieces are appended at the end and taken from the front (<see cref="Discard"/>).
/// </summary>
internal sealed class PieceQueue
{
    internal const string Leading = "(*_\u00BF\u00A1";
    internal const string Trailing = ".,;:!?)*_\u2026";

    private char[] _chars = new char[512];
    private int _charCount;
    private Piece[] _items = new Piece[32];

    public int Count { get; private set; }

    /// <summary>The pieces; valid until the next <see cref="Add"/> or <see cref="Discard"/>.</summary>
    public Piece[] Items => _items;

    public ReadOnlySpan<char> Text(in Piece p) => _chars.AsSpan(p.Start, p.Length);
    public ReadOnlySpan<char> Core(in Piece p) => _chars.AsSpan(p.Start + p.CoreStart, p.CoreEnd - p.CoreStart);
    public ReadOnlySpan<char> Suffix(in Piece p) => _chars.AsSpan(p.Start + p.CoreEnd, p.Length - p.CoreEnd);
    public ReadOnlySpan<char> Unsent(in Piece p) => _chars.AsSpan(p.Start + p.Sent, p.Length - p.Sent);

    public void Add(PieceKind kind, ReadOnlySpan<char> text, int sent)
    {
        if (Count == _items.Length) Array.Resize(ref _items, 2 * _items.Length);
        if (_charCount + text.Length > _chars.Length) Array.Resize(ref _chars, Math.Max(2 * _chars.Length, _charCount + text.Length));
        text.CopyTo(_chars.AsSpan(_charCount));
        ref var p = ref _items[Count++];
        p = new Piece { Kind = kind, Start = _charCount, Length = text.Length, Sent = sent };
        _charCount += text.Length;
        if (kind == PieceKind.Space) p.HasNewline = text.Contains('\n');
        else if (kind == PieceKind.Chunk)
        {
            int a = 0, b = text.Length;
            while (a < b && IsLeading(text[a])) a++;
            while (b > a && IsTrailing(text[b - 1])) b--;
            p.CoreStart = a;
            p.CoreEnd = b;
            p.IsWord = IsWordCore(text[a..b]);
        }
    }

    /// <summary>Drops the first <paramref name="n"/> pieces.</summary>
    public void Discard(int n)
    {
        if (n == 0) return;
        if (n == Count) { Count = 0; _charCount = 0; return; }
        int from = _items[n].Start;
        Array.Copy(_chars, from, _chars, 0, _charCount - from);
        _charCount -= from;
        Array.Copy(_items, n, _items, 0, Count - n);
        Count -= n;
        for (int i = 0; i < Count; i++) _items[i].Start -= from;
    }

    internal static bool IsLeading(char c) => c is '(' or '*' or '_' or '\u00BF' or '\u00A1';
    internal static bool IsTrailing(char c) => c is '.' or ',' or ';' or ':' or '!' or '?' or ')' or '*' or '_' or '\u2026';

    private static bool IsWordCore(ReadOnlySpan<char> core)
    {
        if (core.Length == 0 || !char.IsLetter(core[0]) || !char.IsLetter(core[^1])) return false;
        foreach (char c in core) if (!char.IsLetter(c) && c is not ('\'' or '\u2019')) return false;
        return true;
    }
}
