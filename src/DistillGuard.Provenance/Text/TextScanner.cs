using System.Text;
using DistillGuard.Provenance.Lexicons;

namespace DistillGuard.Provenance.Text;

internal enum PieceKind : byte
{
    /// <summary>A run of non-space characters in plain text: a word with its punctuation, a number, a URL, an identifier.</summary>
    Chunk,
    /// <summary>A run of white space in plain text.</summary>
    Space,
    /// <summary>Text the watermark never touches: code, quotes, JSON, tags and tool calls, block quotes, indented lines.</summary>
    Protected,
}

/// <summary>
/// Splits text, fed in any number of pieces, into plain-text chunks and spaces and protected spans. A character-level state
/// machine: the pieces it emits do not depend on how the text was split into calls (only protected text is emitted early,
/// and protected pieces are opaque to everything downstream), so streaming and whole-text processing agree.
/// Protected: fenced code (``` lines), inline code (`...`), double quotes ("..." and “...”), single quotes ('...' opened
/// before a letter, ‘...’), JSON and brackets ({...} and [...], string-aware), tags (&lt;...&gt;, and the whole element for
/// tool-call, code and reasoning tags), block quotes (&gt; lines) and lines indented by four or more columns. An unclosed
/// quote, inline code or tag ends at a blank line; an unclosed bracket or fence at the end of the text.
/// </summary>
internal sealed class TextScanner(PieceQueue sink)
{
    /// <summary>A run of non-space characters longer than this is opaque (never a word), so hold-back stays bounded.</summary>
    public const int MaxChunk = 200;

    private static readonly HashSet<string> BlockTags = new(StringComparer.OrdinalIgnoreCase)
    {
        "tool_call", "tool_calls", "function_call", "function_calls", "tool_use", "tool_result", "tool_response",
        "invoke", "parameter", "function_results", "code", "pre", "script", "style", "think", "thinking", "reasoning", "json",
    };

    private enum Mode : byte { Normal, Line, Fence, Inline, DQuote, SQuote, Brace, Tag, TagBlock }
    private enum Pending : byte { None, Backticks, SQuoteOpen, Lt }

    private readonly CharBuffer _buf = new();
    private int _sent;              // characters of _buf already handed out (SendSettled)
    private PieceKind _kind = PieceKind.Space;
    private Mode _mode = Mode.Normal;
    private Pending _pending = Pending.None;
    private int _run;               // backticks counted (pending open, inline close, fence close)
    private bool _runAtLineStart;
    private int _fenceLen, _inlineLen, _fenceIndent;
    private bool _fenceLineStart;
    private int _depth;
    private bool _inString, _escape, _squoteClose;
    private readonly StringBuilder _tagName = new();
    private bool _tagNameDone, _tagClosing;
    private char _tagPrev;
    private string _closeSeq = "";
    private readonly StringBuilder _recent = new();
    private bool _lineContent;
    private int _lineIndent;
    private char _prev = '\n';

    public void Feed(ReadOnlySpan<char> text)
    {
        for (int i = 0; i < text.Length;)
        {
            // The common case in bulk: inside a chunk of plain text, a run of characters none of which can open a protected
            // span or end the chunk (what Normal does with each of them: append; Track: the line has content).
            if (_mode == Mode.Normal && _pending == Pending.None && _kind == PieceKind.Chunk && _lineContent)
            {
                int room = MaxChunk - _buf.Length, j = i;
                while (j < text.Length && j - i < room && Plain(text[j])) j++;
                if (j > i)
                {
                    _buf.Append(text[i..j]);
                    _prev = text[j - 1];
                    i = j;
                    continue;
                }
            }
            char c = text[i++];
            while (!Consume(c)) { }
            Track(c);
        }
        // Protected text is never held back; a partial chunk or space run is.
        if ((_mode != Mode.Normal || _kind == PieceKind.Protected) && _buf.Length > 0) EmitBuf();
    }

    public void Flush()
    {
        _pending = Pending.None;
        if (_buf.Length > 0) EmitBuf();
        _mode = Mode.Normal;
        _kind = PieceKind.Space;
    }

    private void Track(char c)
    {
        if (c == '\n') { _lineContent = false; _lineIndent = 0; }
        else if (!_lineContent && c == ' ') _lineIndent++;
        else if (!_lineContent && c == '\t') _lineIndent += 4;
        else if (!char.IsWhiteSpace(c)) _lineContent = true;
        _prev = c;
    }

    /// <summary>A character that, inside a chunk of plain text, only extends it (see <see cref="Normal"/>).</summary>
    private static bool Plain(char c) => c > ' ' ? c is not ('`' or '"' or '\u201C' or '\u2018' or '\'' or '{' or '[' or '<') && (c < '\u0080' || !char.IsWhiteSpace(c)) : false;

    private void EmitBuf()
    {
        var kind = _mode != Mode.Normal ? PieceKind.Protected : _kind;
        sink.Add(kind, _buf.Span, _sent);
        _buf.Clear();
        _sent = 0;
    }

    /// <summary>
    /// Hands out (appends to <paramref name="output"/>) the part of the unfinished piece not handed out yet, when it will
    /// be written unchanged whatever text follows: a run of white space, or a chunk of plain text that cannot become a
    /// word beginning a member of <paramref name="lexicon"/>. Only for the caller that has written everything before this
    /// piece and writes a word only when it begins a member (the watermark's matcher with an empty queue); the piece, once
    /// complete, carries how much of it was handed out (<see cref="Piece.Sent"/>).
    /// </summary>
    public void SendSettled(StringBuilder output, WatermarkLexicon lexicon)
    {
        if (_mode != Mode.Normal || _pending != Pending.None || _buf.Length == _sent) return;
        if (_kind == PieceKind.Chunk ? !CannotBeginMember(lexicon) : _kind != PieceKind.Space) return;
        output.Append(_buf.Span[_sent..]);
        _sent = _buf.Length;
    }

    /// <summary>
    /// Whether the chunk collected so far cannot end up as a chunk whose core begins a member. Its core (as <see cref="PieceQueue"/> parses it:
    /// without leading and trailing punctuation) will be either this text's core, or start with this text after its
    /// leading punctuation; so neither may be (the start of) a word that begins a member. A chunk of leading punctuation
    /// only is undecided.
    /// </summary>
    private bool CannotBeginMember(WatermarkLexicon lexicon)
    {
        // The lexicon's trie walked over the chunk after its leading punctuation, continued from where the last call
        // stopped (the chunk only grows until the buffer is cleared): still alive = the start of a first word; at the
        // last character that is not trailing punctuation (the core's end), a whole first word.
        var buf = _buf.Span;
        if (_walkVersion != _buf.Version)
        {
            _walkVersion = _buf.Version;
            _walked = 0;
            _walkStarted = false;
            _walkNode = 0;
            _walkCoreNode = PhraseTrie.Dead;
        }
        var trie = lexicon.Trie;
        for (int i = _walked; i < buf.Length; i++)
        {
            char c = buf[i];
            if (!_walkStarted)
            {
                if (PieceQueue.IsLeading(c)) continue;
                _walkStarted = true;
            }
            if (_walkNode != PhraseTrie.Dead) _walkNode = trie.StepRaw(_walkNode, c);
            if (!PieceQueue.IsTrailing(c)) _walkCoreNode = _walkNode;
        }
        _walked = buf.Length;
        if (!_walkStarted || _walkNode != PhraseTrie.Dead) return false;
        return !trie.IsFirstWordEnd(_walkCoreNode);
    }

    private int _walkVersion = -1, _walked, _walkNode, _walkCoreNode;
    private bool _walkStarted;

    /// <summary>Makes the text collected so far part of a protected span (a chunk's prefix goes in with it).</summary>
    private void BeginProtected(Mode mode)
    {
        if (_kind == PieceKind.Space && _buf.Length > 0) EmitBuf();
        _kind = PieceKind.Protected;
        _mode = mode;
    }

    private void EndProtected()
    {
        if (_buf.Length > 0) { sink.Add(PieceKind.Protected, _buf.Span, _sent); _buf.Clear(); _sent = 0; }
        _mode = Mode.Normal;
        _kind = PieceKind.Chunk;
    }

    private bool BlankLineEnds(char c) => c == '\n' && !_lineContent;

    /// <summary>Handles one character; false when the state changed and the same character must be looked at again.</summary>
    private bool Consume(char c)
    {
        switch (_mode)
        {
            case Mode.Normal: return Normal(c);
            case Mode.Line:
                if (c == '\n') { EndProtected(); _kind = PieceKind.Space; return false; }
                _buf.Append(c);
                return true;
            case Mode.Fence:
                _buf.Append(c);
                if (c == '\n') { _fenceLineStart = true; _run = 0; _fenceIndent = 0; }
                else if (_fenceLineStart)
                {
                    if (c == ' ' && _run == 0 && _fenceIndent < 3) _fenceIndent++;
                    else if (c == '`') { if (++_run >= _fenceLen) { _mode = Mode.Line; _fenceLineStart = false; } }
                    else _fenceLineStart = false;
                }
                return true;
            case Mode.Inline:
                if (c == '`') { _run++; _buf.Append(c); return true; }
                if (_run == _inlineLen) { _run = 0; EndProtected(); return false; }
                _run = 0;
                if (BlankLineEnds(c)) { EndProtected(); return false; }
                _buf.Append(c);
                return true;
            case Mode.DQuote:
                if (BlankLineEnds(c)) { EndProtected(); return false; }
                _buf.Append(c);
                if (c is '"' or '\u201D') EndProtected();
                return true;
            case Mode.SQuote:
                if (_squoteClose)
                {
                    _squoteClose = false;
                    if (!char.IsLetter(c)) { EndProtected(); return false; }
                }
                if (BlankLineEnds(c)) { EndProtected(); return false; }
                _buf.Append(c);
                if (c is '\'' or '\u2019') _squoteClose = true;
                return true;
            case Mode.Brace:
                _buf.Append(c);
                if (_inString)
                {
                    if (_escape) _escape = false;
                    else if (c == '\\') _escape = true;
                    else if (c == '"') _inString = false;
                }
                else if (c == '"') _inString = true;
                else if (c is '{' or '[') _depth++;
                else if (c is '}' or ']' && --_depth == 0) EndProtected();
                return true;
            case Mode.Tag:
                if (BlankLineEnds(c)) { EndProtected(); return false; }
                _buf.Append(c);
                if (!_tagNameDone)
                {
                    if (c == '/' && _tagName.Length == 0) _tagClosing = true;
                    else if (char.IsLetterOrDigit(c) || c is '_' or ':' or '-' or '.') _tagName.Append(c);
                    else _tagNameDone = true;
                }
                if (c == '>')
                {
                    string name = _tagName.ToString();
                    if (!_tagClosing && _tagPrev != '/' && BlockTags.Contains(name))
                    {
                        _mode = Mode.TagBlock;
                        _closeSeq = "</" + name.ToLowerInvariant() + ">";
                        _recent.Clear();
                    }
                    else EndProtected();
                }
                _tagPrev = c;
                return true;
            case Mode.TagBlock:
                _buf.Append(c);
                _recent.Append(char.ToLowerInvariant(c));
                if (_recent.Length > _closeSeq.Length) _recent.Remove(0, _recent.Length - _closeSeq.Length);
                if (_recent.Length == _closeSeq.Length && _recent.ToString() == _closeSeq) EndProtected();
                return true;
            default:
                throw new InvalidOperationException();
        }
    }

    private bool Normal(char c)
    {
        switch (_pending)
        {
            case Pending.Backticks:
                if (c == '`') { _run++; _buf.Append(c); return true; }
                _pending = Pending.None;
                if (_runAtLineStart && _run >= 3) { _mode = Mode.Fence; _fenceLen = _run; _fenceLineStart = false; }
                else { _mode = Mode.Inline; _inlineLen = _run; }
                _run = 0;
                return false;
            case Pending.SQuoteOpen:
                _pending = Pending.None;
                if (char.IsLetterOrDigit(c)) { BeginProtected(Mode.SQuote); _squoteClose = false; }
                return false;
            case Pending.Lt:
                _pending = Pending.None;
                if (char.IsAsciiLetter(c) || c is '/' or '!' or '?')
                {
                    BeginProtected(Mode.Tag);
                    _tagName.Clear();
                    _tagNameDone = false;
                    _tagClosing = false;
                    _tagPrev = '<';
                }
                return false;
        }

        if (char.IsWhiteSpace(c))
        {
            if (_kind != PieceKind.Space && _buf.Length > 0) EmitBuf();
            _kind = PieceKind.Space;
            _buf.Append(c);
            return true;
        }
        if (_kind == PieceKind.Space)
        {
            if (_buf.Length > 0) EmitBuf();
            _kind = PieceKind.Chunk;
        }
        if (!_lineContent && (_lineIndent >= 4 || c == '>'))
        {
            BeginProtected(Mode.Line);
            _buf.Append(c);
            return true;
        }
        switch (c)
        {
            case '`':
                BeginProtected(Mode.Normal);
                _buf.Append(c);
                _pending = Pending.Backticks;
                _run = 1;
                _runAtLineStart = !_lineContent && _lineIndent < 4;
                // Until the run ends the span is protected either way (inline code or a fence).
                _mode = Mode.Normal;
                return true;
            case '"' when !char.IsDigit(_prev):
            case '\u201C':
                BeginProtected(Mode.DQuote);
                _buf.Append(c);
                return true;
            case '\u2018':
                BeginProtected(Mode.SQuote);
                _squoteClose = false;
                _buf.Append(c);
                return true;
            case '\'' when _kind == PieceKind.Chunk && OnlyOpeners():
                _buf.Append(c);
                _pending = Pending.SQuoteOpen;
                return true;
            case '{':
            case '[':
                BeginProtected(Mode.Brace);
                _depth = 1;
                _inString = false;
                _escape = false;
                _buf.Append(c);
                return true;
            case '<' when _kind == PieceKind.Chunk:
                _buf.Append(c);
                _pending = Pending.Lt;
                return true;
        }
        _buf.Append(c);
        if (_kind == PieceKind.Chunk && _buf.Length > MaxChunk) _kind = PieceKind.Protected;
        return true;
    }

    private bool OnlyOpeners()
    {
        foreach (char c in _buf.Span) if (c is not ('(' or '*' or '_')) return false;
        return true;
    }

    /// <summary>The characters of the piece being collected.</summary>
    private sealed class CharBuffer
    {
        private char[] _a = new char[256];
        public int Length { get; private set; }
        public ReadOnlySpan<char> Span => _a.AsSpan(0, Length);

        public void Append(char c)
        {
            if (Length == _a.Length) Array.Resize(ref _a, 2 * _a.Length);
            _a[Length++] = c;
        }

        public void Append(ReadOnlySpan<char> s)
        {
            if (Length + s.Length > _a.Length) Array.Resize(ref _a, Math.Max(2 * _a.Length, Length + s.Length));
            s.CopyTo(_a.AsSpan(Length));
            Length += s.Length;
        }

        /// <summary>Changes at every <see cref="Clear"/>: the same version means the same characters, perhaps with more after them.</summary>
        public int Version { get; private set; }

        public void Clear()
        {
            Length = 0;
            Version++;
        }
    }
}
