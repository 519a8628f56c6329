using System.Text.Json;

namespace DistillGuard.Core.Parsing;

/// <summary>A growable UTF-8 buffer a parser reuses for unescaped JSON string values.</summary>
internal sealed class Utf8TextBuffer
{
    private byte[] _data = new byte[4096];
    public int Length { get; private set; }
    public ReadOnlySpan<byte> Span => _data.AsSpan(0, Length);
    public bool IsEmpty => Length == 0;

    public void Clear() => Length = 0;

    public void Append(ReadOnlySpan<byte> bytes)
    {
        Ensure(bytes.Length);
        bytes.CopyTo(_data.AsSpan(Length));
        Length += bytes.Length;
    }

    public void AppendSeparator()
    {
        if (Length == 0) return;
        Ensure(1);
        _data[Length++] = (byte)'\n';
    }

    /// <summary>Appends the current string token's unescaped value.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)] // per-line hot path: optimised from the first call, no tier-0 or instrumented code
    public void AppendString(ref Utf8JsonReader r)
    {
        if (!r.ValueIsEscaped && !r.HasValueSequence) { Append(r.ValueSpan); return; }
        Ensure(r.ValueSpan.Length);
        Length += r.CopyString(_data.AsSpan(Length));
    }

    /// <summary>Swaps contents with another buffer (no copying).</summary>
    public void SwapWith(Utf8TextBuffer other)
    {
        (_data, other._data) = (other._data, _data);
        (Length, other.Length) = (other.Length, Length);
    }

    private void Ensure(int extra)
    {
        if (Length + extra <= _data.Length) return;
        Array.Resize(ref _data, Math.Max(_data.Length * 2, Length + extra));
    }
}
