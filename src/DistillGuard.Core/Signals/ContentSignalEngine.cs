using DistillGuard.Core.Model;
using DistillGuard.Core.Text;

namespace DistillGuard.Core.Signals;

/// <summary>
/// Evaluates every content and capability definition over normalised text with one automaton pass per text.
/// A definition fires when all its required groups matched and the sum of its matched groups' weights reaches
/// its threshold. Immutable and thread-safe; callers pass scratch space.
/// </summary>
public sealed class ContentSignalEngine
{
    private readonly PhraseAutomaton _automaton;
    private readonly Compiled[] _defs;

    private sealed record Compiled(SignalDefinition Def, int FirstGroup, double[] Weights, bool[] Required);

    public static ContentSignalEngine Default => s_default.Value;
    private static readonly Lazy<ContentSignalEngine> s_default = new(() => new ContentSignalEngine(SignalCatalog.Default.Definitions));

    public ContentSignalEngine(IEnumerable<SignalDefinition> definitions)
    {
        var phrases = new List<(string, int)>();
        var defs = new List<Compiled>();
        int group = 0;
        foreach (var d in definitions.Where(d => d.Kind != SignalKind.Parameter))
        {
            var weights = new double[d.Groups.Count];
            var required = new bool[d.Groups.Count];
            for (int i = 0; i < d.Groups.Count; i++)
            {
                weights[i] = d.Groups[i].Weight;
                required[i] = d.Groups[i].Required;
                foreach (var list in d.Groups[i].Phrases.Values)
                    foreach (var p in list) phrases.Add((p, group + i));
            }
            defs.Add(new Compiled(d, group, weights, required));
            group += d.Groups.Count;
        }
        _automaton = new PhraseAutomaton(phrases, Math.Max(group, 1));
        _defs = defs.ToArray();
    }

    /// <summary>Words of scratch one text's match bits need; <see cref="Evaluate"/> needs twice this.</summary>
    public int BitWords => _automaton.BitWords;

    public PhraseAutomaton Automaton => _automaton;

    /// <summary>Runs the automaton over normalised text into <paramref name="bits"/> (cleared first).</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)] // per-line hot path: optimised from the first call, no tier-0 or instrumented code
    public void Match(ReadOnlySpan<char> normalized, Span<ulong> bits)
    {
        bits.Clear();
        _automaton.Match(normalized, bits);
    }

    /// <summary>Decides signals and capabilities from match bits of the user text and of the system text.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)] // per-line hot path: optimised from the first call, no tier-0 or instrumented code
    public (SignalSet Signals, Capability Capabilities) Decide(ReadOnlySpan<ulong> userBits, ReadOnlySpan<ulong> systemBits)
    {
        SignalSet signals = SignalSet.None;
        Capability caps = Capability.None;
        foreach (var c in _defs)
        {
            bool withSystem = c.Def.Scope == SignalScope.UserAndSystem && !systemBits.IsEmpty;
            double score = 0;
            bool ok = true;
            for (int i = 0; i < c.Weights.Length; i++)
            {
                int g = c.FirstGroup + i;
                ulong mask = 1UL << (g & 63);
                bool hit = (userBits[g >> 6] & mask) != 0 || (withSystem && (systemBits[g >> 6] & mask) != 0);
                if (hit) score += c.Weights[i];
                else if (c.Required[i]) { ok = false; break; }
            }
            if (!ok || score < c.Def.Threshold) continue;
            if (c.Def.Kind == SignalKind.Capability) caps |= c.Def.Capability;
            else signals |= c.Def.Flag;
        }
        return (signals, caps);
    }

    /// <summary>Convenience for tests and tools: evaluates raw (not yet normalised) text.</summary>
    public (SignalSet Signals, Capability Capabilities) Evaluate(string user, string? system = null)
    {
        var u = new ulong[BitWords];
        var s = new ulong[BitWords];
        Match(TextNormalizer.Normalize(user), u);
        if (system is not null) Match(TextNormalizer.Normalize(system), s);
        return Decide(u, system is null ? default : s);
    }
}
