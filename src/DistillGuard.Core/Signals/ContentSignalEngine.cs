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
        _conceptDefs = _defs.Where(c => c.Def.Kind == SignalKind.Content && c.Def.Concepts.Count > 0).Select(c => c.Def).ToArray();
    }

    private readonly SignalDefinition[] _conceptDefs;

    /// <summary>
    /// Signals whose concept rules one passage of <paramref name="text"/> satisfies: a sentence together with the one
    /// before it (split at . ! ? ; and line ends, and their CJK forms), so that an instruction's concepts must come
    /// together as an instruction does, not be gathered from a long document's scattered words. The head and tail of a
    /// long text are read (instructions wrap their payload). User text only, whatever the definition's scope: the phrase
    /// groups read system prompts already.
    /// </summary>
    public SignalSet ConceptSignals(ReadOnlySpan<char> text)
    {
        if (_conceptDefs.Length == 0 || text.IsEmpty) return SignalSet.None;
        return Passages(text);
    }

    /// <summary><see cref="ConceptSignals(ReadOnlySpan{char})"/> given also the text's normal form, which the parser has
    /// already: most prompts hold no rule's concepts anywhere (<see cref="Fingerprints.SkeletonFingerprint.ConceptsAnyPassage"/>,
    /// one pass) and are not read passage by passage.</summary>
    public SignalSet ConceptSignals(ReadOnlySpan<char> text, ReadOnlySpan<char> normalized)
    {
        if (_conceptDefs.Length == 0 || text.IsEmpty) return SignalSet.None;
        ulong any = Fingerprints.SkeletonFingerprint.ConceptsAnyPassage(text, normalized);
        bool possible = false;
        foreach (var d in _conceptDefs)
            foreach (var r in d.Concepts)
                possible |= r.Matches(any);
        return possible ? Passages(text) : SignalSet.None;
    }

    private SignalSet Passages(ReadOnlySpan<char> text)
    {
        const int Head = 3000, Tail = 1000;
        if (text.Length > Head + Tail) return Passages(text[..Head]) | Passages(text[^Tail..]);
        SignalSet signals = SignalSet.None;
        ulong previous = 0;
        int start = 0;
        for (int i = 0; i <= text.Length; i++)
        {
            if (i < text.Length && !IsSentenceEnd(text[i])) continue;
            if (i - start >= 8)
            {
                ulong c = Fingerprints.SkeletonFingerprint.Concepts(text[start..i]);
                ulong window = c | previous;
                foreach (var d in _conceptDefs)
                    foreach (var r in d.Concepts)
                        if (r.Matches(window)) { signals |= d.Flag; break; }
                previous = c;
            }
            start = i + 1;
        }
        return signals;
    }

    private static bool IsSentenceEnd(char c) => c is '.' or '!' or '?' or ';' or '\n' or '。' or '！' or '？' or '；' or '।' or '؟';

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
        var (signals, caps) = Decide(u, system is null ? default : s);
        return (signals | ConceptSignals(user), caps);
    }
}
