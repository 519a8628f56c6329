using System.Globalization;

namespace DistillGuard.Simulation.Content;

/// <summary>A reusable, growable char buffer: the renderer composes text here and writes the span, no strings.</summary>
internal sealed class CharBuffer
{
    private char[] _chars;
    private int _length;

    public CharBuffer(int capacity = 1024) => _chars = new char[capacity];

    public int Length => _length;
    public ReadOnlySpan<char> Span => _chars.AsSpan(0, _length);
    public bool IsEmpty => _length == 0;

    public void Clear() => _length = 0;

    public char Last => _length == 0 ? '\0' : _chars[_length - 1];

    public void TrimEnd()
    {
        while (_length > 0 && char.IsWhiteSpace(_chars[_length - 1])) _length--;
    }

    public void Truncate(int length) { if (length < _length) _length = length; }

    private void Grow(int extra)
    {
        int size = Math.Max(_chars.Length * 2, _length + extra);
        Array.Resize(ref _chars, size);
    }

    public CharBuffer Append(char c)
    {
        if (_length == _chars.Length) Grow(1);
        _chars[_length++] = c;
        return this;
    }

    public CharBuffer Append(ReadOnlySpan<char> s)
    {
        if (_length + s.Length > _chars.Length) Grow(s.Length);
        s.CopyTo(_chars.AsSpan(_length));
        _length += s.Length;
        return this;
    }

    public CharBuffer Append(string? s) => s is null ? this : Append(s.AsSpan());

    public CharBuffer Append(CharBuffer other) => Append(other.Span);

    public CharBuffer Append(long value)
    {
        if (_length + 24 > _chars.Length) Grow(24);
        value.TryFormat(_chars.AsSpan(_length), out int written, default, CultureInfo.InvariantCulture);
        _length += written;
        return this;
    }

    public CharBuffer Append(double value, string format)
    {
        if (_length + 32 > _chars.Length) Grow(32);
        value.TryFormat(_chars.AsSpan(_length), out int written, format, CultureInfo.InvariantCulture);
        _length += written;
        return this;
    }

    /// <summary>Appends <paramref name="s"/> lower-cased (invariant) — casual wording.</summary>
    public CharBuffer AppendLower(ReadOnlySpan<char> s)
    {
        if (_length + s.Length > _chars.Length) Grow(s.Length);
        s.ToLowerInvariant(_chars.AsSpan(_length, s.Length));
        _length += s.Length;
        return this;
    }

    /// <summary>Appends with the first letter upper-cased.</summary>
    public CharBuffer AppendCapitalized(ReadOnlySpan<char> s)
    {
        if (s.IsEmpty) return this;
        Append(char.ToUpperInvariant(s[0]));
        return Append(s[1..]);
    }

    /// <summary>Appends a space unless the buffer is empty or already ends in whitespace.</summary>
    public CharBuffer Space()
    {
        if (_length > 0 && !char.IsWhiteSpace(_chars[_length - 1])) Append(' ');
        return this;
    }

    /// <summary>Rough token count of the content (≈ 4 chars per token for Latin text, 1 per char for CJK).</summary>
    public int EstimateTokens() => TokenEstimator.Estimate(Span);

    public override string ToString() => new(_chars, 0, _length);
}
