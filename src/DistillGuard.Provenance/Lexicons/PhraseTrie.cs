using System.Collections.Frozen;

namespace DistillGuard.Provenance.Lexicons;

/// <summary>
/// The lexicon's phrases (members' words joined by one space, lower case, straight apostrophes) as a trie over their
/// 28 characters (a–z, apostrophe, space), so that the matcher finds the phrases a run of words begins with by walking its
/// normalised characters once, without building keys or hashing them. A node is an int (0 the root); <see cref="Dead"/>
/// when no phrase continues. Read-only after construction; thread-safe.
/// </summary>
internal sealed class PhraseTrie
{
    public const int Dead = -1;
    private const int Symbols = 28;

    private readonly int[] _next;          // node * Symbols + symbol → node, 0 for none (the root is nobody's child)
    private readonly int[] _terminal;      // node → index into _entries, or -1
    private readonly bool[] _firstWordEnd; // node → the characters so far are a whole first word of some phrase
    private readonly (LexiconSet Set, int Member)[][] _entries;

    public PhraseTrie(FrozenDictionary<string, (LexiconSet Set, int Member)[]> byPhrase)
    {
        var next = new List<int>(Symbols * 1024);
        var terminal = new List<int>();
        var entries = new List<(LexiconSet, int)[]>();
        int NewNode()
        {
            for (int i = 0; i < Symbols; i++) next.Add(0);
            terminal.Add(-1);
            return terminal.Count - 1;
        }
        NewNode();
        foreach (var (phrase, list) in byPhrase)
        {
            int node = 0;
            foreach (char c in phrase)
            {
                int sym = Symbol(c);
                if (sym < 0) throw new InvalidOperationException($"lexicon phrase '{phrase}' has a character outside a-z, apostrophe and space");
                int child = next[node * Symbols + sym];
                if (child == 0) { child = NewNode(); next[node * Symbols + sym] = child; }
                node = child;
            }
            terminal[node] = entries.Count;
            entries.Add(list);
        }
        _next = [.. next];
        _terminal = [.. terminal];
        _entries = [.. entries];
        _firstWordEnd = new bool[_terminal.Length];
        MarkFirstWords(0);
    }

    private void MarkFirstWords(int node)
    {
        for (int sym = 0; sym < Symbols - 1; sym++)
        {
            int child = _next[node * Symbols + sym];
            if (child == 0) continue;
            _firstWordEnd[child] = _terminal[child] >= 0 || _next[child * Symbols + Symbols - 1] != 0;
            MarkFirstWords(child);
        }
    }

    private static int Symbol(char c) => c switch
    {
        >= 'a' and <= 'z' => c - 'a',
        '\'' => 26,
        ' ' => 27,
        _ => -1,
    };

    // ASCII character → symbol, upper case folded as Text.PhraseMatcher.Normalize folds it; -1 for none.
    private static readonly sbyte[] s_ascii = BuildAscii();

    private static sbyte[] BuildAscii()
    {
        var t = new sbyte[128];
        for (int c = 0; c < 128; c++) t[c] = (sbyte)Symbol(Text.PhraseMatcher.Normalize((char)c));
        return t;
    }

    /// <summary>The node after <paramref name="c"/> as it is written (normalised here), or <see cref="Dead"/>.</summary>
    public int StepRaw(int node, char c)
    {
        int sym;
        if (c < 128) sym = s_ascii[c];
        else
        {
            char n = Text.PhraseMatcher.Normalize(c);
            sym = n < 128 ? s_ascii[n] : -1;
        }
        if (sym < 0 || node < 0) return Dead;
        int child = _next[node * Symbols + sym];
        return child == 0 ? Dead : child;
    }

    /// <summary>The node after <paramref name="c"/> (already normalised: lower case, straight apostrophe), or <see cref="Dead"/>.</summary>
    public int Step(int node, char c)
    {
        int sym = Symbol(c);
        if (sym < 0 || node < 0) return Dead;
        int child = _next[node * Symbols + sym];
        return child == 0 ? Dead : child;
    }

    /// <summary>The node after <paramref name="text"/> normalised character by character (<see cref="Text.PhraseMatcher.Normalize"/>).</summary>
    public int WalkNormalizing(int node, ReadOnlySpan<char> text)
    {
        foreach (char c in text)
        {
            node = StepRaw(node, c);
            if (node < 0) return Dead;
        }
        return node;
    }

    /// <summary>Whether the characters up to <paramref name="node"/>, reached from the root without a space, are a word
    /// that begins a member (<see cref="WatermarkLexicon.IsFirstWord"/>).</summary>
    public bool IsFirstWordEnd(int node) => node > 0 && _firstWordEnd[node];

    /// <summary>The occurrences of the phrase that ends at <paramref name="node"/>, or null.</summary>
    public (LexiconSet Set, int Member)[]? Entries(int node) => node > 0 && _terminal[node] >= 0 ? _entries[_terminal[node]] : null;
}
