namespace DistillGuard.Simulation.Content;

/// <summary>A slot in a skeleton, filled from the exchange's item.</summary>
internal enum Slot : byte
{
    None = 0,
    Q,  // main text: problem, task, document, question
    A,  // its answer
    X,  // auxiliary text (response A, rubric, programming language, form)
    Y,  // second auxiliary (response B, audience)
    T,  // topic, function name, persona, domain
    K,  // a number (count, score range)
    L,  // a language name (translation target)
}

/// <summary>One word or slot of a skeleton clause, parsed once.</summary>
internal readonly record struct SkeletonToken(string Text, Slot Slot, bool SpaceBefore, short SynonymGroup, int CoreStart, int CoreLength);

/// <summary>
/// A prompt skeleton: clauses (sentences) separated by <c> | </c> in the source text, each a list of words and
/// slots like <c>{q}</c>. Parsed once at library build; the paraphraser renders it.
/// </summary>
internal sealed class Skeleton
{
    public Skeleton(string source, SkeletonToken[][] clauses, int key)
    {
        Source = source;
        Clauses = clauses;
        Key = key;
    }

    /// <summary>In raw (corpus) text a slot is this marker followed by the slot letter.</summary>
    public const char RawSlot = '\uE000';

    public string Source { get; }
    public SkeletonToken[][] Clauses { get; }
    /// <summary>A stable per-skeleton number that salts its paraphrases.</summary>
    public int Key { get; }

    public static Skeleton Parse(string source, int key, SynonymTable synonyms, bool raw)
    {
        string[] clauseTexts = raw ? new[] { source } : source.Split(" | ");
        var clauses = new SkeletonToken[clauseTexts.Length][];
        var tokens = new List<SkeletonToken>();
        for (int c = 0; c < clauseTexts.Length; c++)
        {
            tokens.Clear();
            string text = clauseTexts[c];
            int i = 0;
            bool space = false;
            while (i < text.Length)
            {
                char ch = text[i];
                if (ch == ' ') { space = true; i++; continue; }
                if (ch == RawSlot && i + 1 < text.Length)
                {
                    tokens.Add(new SkeletonToken("", ParseSlot(text[i + 1], source), space, -1, 0, 0));
                    space = false;
                    i += 2;
                    continue;
                }
                if (!raw && ch == '{' && i + 2 < text.Length && text[i + 2] == '}')
                {
                    tokens.Add(new SkeletonToken("", ParseSlot(text[i + 1], source), space, -1, 0, 0));
                    space = false;
                    i += 3;
                    continue;
                }
                int start = i++;
                while (i < text.Length && text[i] != ' ' && text[i] != '{' && text[i] != RawSlot) i++;
                string word = text[start..i];
                (int coreStart, int coreLength) = Core(word);
                short group = coreLength > 0 ? synonyms.Find(word.AsSpan(coreStart, coreLength)) : (short)-1;
                tokens.Add(new SkeletonToken(word, Slot.None, space, group, coreStart, coreLength));
                space = false;
            }
            clauses[c] = tokens.ToArray();
        }
        return new Skeleton(source, clauses, key);
    }

    private static Slot ParseSlot(char c, string source) => c switch
    {
        'q' => Slot.Q, 'a' => Slot.A, 'x' => Slot.X, 'y' => Slot.Y, 't' => Slot.T, 'k' => Slot.K, 'l' => Slot.L,
        _ => throw new FormatException($"unknown slot {{{c}}} in skeleton: {source}"),
    };

    private static (int, int) Core(string word)
    {
        int s = 0, e = word.Length;
        while (s < e && !char.IsLetter(word[s])) s++;
        while (e > s && !char.IsLetter(word[e - 1])) e--;
        return (s, e - s);
    }
}
