namespace DistillGuard.Provenance.Text;

/// <summary>The last two tokens of the text emitted so far, tokenised as <see cref="Student.NGramStudent.Tokenize"/>
/// does (runs of non-space characters; "\n" or "\n\n" for line breaks after the first token).</summary>
internal sealed class TokenTail
{
    private readonly System.Text.StringBuilder _cur = new();
    private int _newlines;
    private bool _any;

    public string Before2 { get; private set; } = "<s>";
    public string Before1 { get; private set; } = "<s>";

    public void Feed(ReadOnlySpan<char> text)
    {
        foreach (char c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                if (_cur.Length > 0) Push(_cur.ToString());
                _cur.Clear();
                if (c == '\n') _newlines++;
            }
            else
            {
                if (_newlines > 0 && _any) Push(_newlines > 1 ? "\n\n" : "\n");
                _newlines = 0;
                _cur.Append(c);
            }
        }
    }

    /// <summary>The two tokens before the next token (a token still being written counts as the last one).</summary>
    public (string U, string V) Context()
    {
        if (_cur.Length > 0) return (Before1, _cur.ToString());
        if (_newlines > 0 && _any) return (Before1, _newlines > 1 ? "\n\n" : "\n");
        return (Before2, Before1);
    }

    private void Push(string token)
    {
        Before2 = Before1;
        Before1 = token;
        _any = true;
    }
}
