namespace DistillGuard.Core.Text;

/// <summary>
/// An Aho–Corasick automaton over normalised text (<see cref="TextNormalizer"/>): every phrase of every cue group
/// is matched in one left-to-right pass, and each match sets its group's bit. Phrases made of alphabetic words
/// match on word boundaries; a leading or trailing <c>*</c> lifts the boundary on that side (<c>reason*</c>
/// matches "reasoning"); CJK phrases match anywhere. Immutable and thread-safe once built.
/// </summary>
public sealed class PhraseAutomaton
{
    private readonly ushort[] _classOf;      // char -> class (0 = in no phrase)
    private readonly int[] _rootNext;        // dense root transitions by class
    private readonly int[] _childStart;      // per node: range in _childClass/_childNode
    private readonly int[] _childCount;
    private readonly ushort[] _childClass;
    private readonly int[] _childNode;
    private readonly int[] _fail;
    private readonly int[] _outStart;        // per node: range in _outPattern (own + suffix outputs)
    private readonly int[] _outCount;
    private readonly int[] _outPattern;
    private readonly int[] _patternLength;
    private readonly int[] _patternGroup;
    private readonly byte[] _patternBounds;  // bit 0: boundary at start, bit 1: boundary at end
    private readonly int _asciiClasses;      // classes 1.._asciiClasses-1 are ASCII characters
    private readonly ushort[] _asciiNext;    // dense DFA rows over the ASCII classes (state ids fit 16 bits)
    private readonly int _firstOutputState;  // states from this id on have outputs (own or by suffix)

    public int GroupCount { get; }
    public int PatternCount => _patternLength.Length;
    public int StateCount => _fail.Length;

    /// <summary>Builds the automaton; each phrase is normalised first. Group ids run from 0 to <paramref name="groupCount"/> - 1.</summary>
    public PhraseAutomaton(IEnumerable<(string Phrase, int Group)> phrases, int groupCount)
    {
        GroupCount = groupCount;
        var patterns = new List<(string Text, int Group, byte Bounds)>();
        foreach (var (raw, group) in phrases)
        {
            if ((uint)group >= (uint)groupCount) throw new ArgumentOutOfRangeException(nameof(phrases), $"group {group} out of range");
            string p = raw.Trim();
            bool openStart = p.StartsWith('*'), openEnd = p.EndsWith('*');
            p = TextNormalizer.Normalize(p.Trim('*'));
            if (p.Length == 0) continue;
            byte bounds = 0;
            if (!openStart && TextNormalizer.IsWordChar(p[0])) bounds |= 1;
            if (!openEnd && TextNormalizer.IsWordChar(p[^1])) bounds |= 2;
            patterns.Add((p, group, bounds));
        }

        _classOf = new ushort[65536];
        int classes = 1;
        // ASCII characters used by any phrase get the low class ids, so a dense DFA over them stays small.
        foreach (var (text, _, _) in patterns)
            foreach (char c in text)
                if (c < 128 && _classOf[c] == 0) _classOf[c] = checked((ushort)classes++);
        _asciiClasses = classes;
        foreach (var (text, _, _) in patterns)
            foreach (char c in text)
                if (_classOf[c] == 0) _classOf[c] = checked((ushort)classes++);

        // Trie.
        var children = new List<Dictionary<ushort, int>> { new() };
        var outputs = new List<List<int>> { new() };
        _patternLength = new int[patterns.Count];
        _patternGroup = new int[patterns.Count];
        _patternBounds = new byte[patterns.Count];
        for (int pi = 0; pi < patterns.Count; pi++)
        {
            var (text, group, bounds) = patterns[pi];
            int node = 0;
            foreach (char c in text)
            {
                ushort cls = _classOf[c];
                if (!children[node].TryGetValue(cls, out int next))
                {
                    next = children.Count;
                    children.Add(new Dictionary<ushort, int>());
                    outputs.Add(new List<int>());
                    children[node][cls] = next;
                }
                node = next;
            }
            outputs[node].Add(pi);
            _patternLength[pi] = text.Length;
            _patternGroup[pi] = group;
            _patternBounds[pi] = bounds;
        }

        int n = children.Count;
        _fail = new int[n];
        var order = new List<int>(n);
        var queue = new Queue<int>();
        foreach (var (_, child) in children[0]) { _fail[child] = 0; queue.Enqueue(child); }
        while (queue.Count > 0)
        {
            int node = queue.Dequeue();
            order.Add(node);
            foreach (var (cls, child) in children[node])
            {
                int f = _fail[node];
                while (f != 0 && !children[f].ContainsKey(cls)) f = _fail[f];
                _fail[child] = children[f].TryGetValue(cls, out int t) && t != child ? t : 0;
                queue.Enqueue(child);
            }
        }
        // Outputs include those of the failure chain (BFS order guarantees the suffix is complete first).
        foreach (int node in order)
            if (_fail[node] != 0) outputs[node].AddRange(outputs[_fail[node]]);

        // Renumber the states: those without outputs first (the root stays 0), so Match tells a state with outputs by
        // its id alone (one comparison instead of a table load per character).
        var perm = new int[n];
        int id = 0;
        for (int i = 0; i < n; i++) if (outputs[i].Count == 0) perm[i] = id++;
        _firstOutputState = id;
        for (int i = 0; i < n; i++) if (outputs[i].Count != 0) perm[i] = id++;
        var renumberedChildren = new Dictionary<ushort, int>[n];
        var renumberedOutputs = new List<int>[n];
        var renumberedFail = new int[n];
        for (int i = 0; i < n; i++)
        {
            renumberedChildren[perm[i]] = children[i].ToDictionary(kv => kv.Key, kv => perm[kv.Value]);
            renumberedOutputs[perm[i]] = outputs[i];
            renumberedFail[perm[i]] = perm[_fail[i]];
        }
        children = renumberedChildren.ToList();
        outputs = renumberedOutputs.ToList();
        _fail = renumberedFail;
        order = order.Select(o => perm[o]).ToList();

        _rootNext = new int[classes];
        foreach (var (cls, child) in children[0]) _rootNext[cls] = child;
        _childStart = new int[n]; _childCount = new int[n];
        int total = children.Sum(d => d.Count);
        _childClass = new ushort[total]; _childNode = new int[total];
        int pos = 0;
        for (int i = 0; i < n; i++)
        {
            _childStart[i] = pos;
            foreach (var (cls, child) in children[i].OrderBy(kv => kv.Key)) { _childClass[pos] = cls; _childNode[pos] = child; pos++; }
            _childCount[i] = pos - _childStart[i];
        }
        // Dense transitions for the ASCII classes (a DFA: failure links folded in), in BFS order so a state's
        // failure target is complete before the state.
        if (n > ushort.MaxValue) throw new ArgumentException($"too many phrase states ({n}); the automaton holds at most {ushort.MaxValue}", nameof(phrases));
        _asciiNext = new ushort[n * _asciiClasses];
        for (int c = 1; c < _asciiClasses; c++) _asciiNext[c] = (ushort)_rootNext[c];
        foreach (int node in order)
        {
            int row = node * _asciiClasses, failRow = _fail[node] * _asciiClasses;
            for (int c = 1; c < _asciiClasses; c++)
                _asciiNext[row + c] = children[node].TryGetValue((ushort)c, out int child) ? (ushort)child : _asciiNext[failRow + c];
        }
        _outStart = new int[n]; _outCount = new int[n];
        _outPattern = new int[outputs.Sum(o => o.Count)];
        pos = 0;
        for (int i = 0; i < n; i++)
        {
            _outStart[i] = pos;
            foreach (int p in outputs[i]) _outPattern[pos++] = p;
            _outCount[i] = pos - _outStart[i];
        }
    }

    /// <summary>Number of <see cref="ulong"/> words a group bit set needs.</summary>
    public int BitWords => (GroupCount + 63) >> 6;

    /// <summary>Scans normalised <paramref name="text"/> and ORs the bit of every group with a match into <paramref name="groupBits"/>.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)] // batch reads: optimised code from the first line
    public void Match(ReadOnlySpan<char> text, Span<ulong> groupBits)
    {
        var classOf = _classOf;
        var asciiNext = _asciiNext;
        int asciiClasses = _asciiClasses, firstOutput = _firstOutputState;
        int state = 0;
        for (int i = 0; i < text.Length; i++)
        {
            int cls = classOf[text[i]];
            if (cls == 0) { state = 0; continue; }
            state = cls < asciiClasses ? asciiNext[state * asciiClasses + cls] : Next(state, cls);
            if (state >= firstOutput) Emit(text, i, state, groupBits);
        }
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)] // per-line hot path: optimised from the first call, no tier-0 or instrumented code
    private int Next(int state, int cls)
    {
        while (state != 0)
        {
            int start = _childStart[state], end = start + _childCount[state];
            for (int k = start; k < end; k++)
                if (_childClass[k] == cls) return _childNode[k];
            state = _fail[state];
        }
        return _rootNext[cls];
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)] // per-line hot path: optimised from the first call, no tier-0 or instrumented code
    private void Emit(ReadOnlySpan<char> text, int end, int state, Span<ulong> groupBits)
    {
        int s = _outStart[state], e = s + _outCount[state];
        for (int k = s; k < e; k++)
        {
            int p = _outPattern[k];
            byte b = _patternBounds[p];
            if ((b & 1) != 0)
            {
                int start = end - _patternLength[p] + 1;
                if (start > 0 && TextNormalizer.IsWordChar(text[start - 1])) continue;
            }
            if ((b & 2) != 0 && end + 1 < text.Length && TextNormalizer.IsWordChar(text[end + 1])) continue;
            int g = _patternGroup[p];
            groupBits[g >> 6] |= 1UL << (g & 63);
        }
    }
}
