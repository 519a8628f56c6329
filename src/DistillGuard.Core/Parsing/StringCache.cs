using System.Text;
using DistillGuard.Core.Fingerprints;

namespace DistillGuard.Core.Parsing;

/// <summary>
/// A small direct-mapped cache from UTF-8 bytes to strings, per parser: accounts, keys, addresses, user agents and
/// models repeat across exchanges, so repeats cost no allocation.
/// </summary>
internal sealed class StringCache
{
    private const int Slots = 4096;
    private readonly byte[]?[] _keys = new byte[Slots][];
    private readonly string?[] _values = new string[Slots];

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)] // per-line hot path: optimised from the first call, no tier-0 or instrumented code
    public string Get(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length > 128) return Encoding.UTF8.GetString(utf8);
        int slot = (int)(Hash64.Of(utf8) & (Slots - 1));
        var k = _keys[slot];
        if (k is not null && utf8.SequenceEqual(k)) return _values[slot]!;
        var s = Encoding.UTF8.GetString(utf8);
        _keys[slot] = utf8.ToArray();
        _values[slot] = s;
        return s;
    }
}
