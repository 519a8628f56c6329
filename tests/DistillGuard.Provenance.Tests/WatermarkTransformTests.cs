using DistillGuard.Provenance.Detection;
using DistillGuard.Provenance.Lexicons;
using DistillGuard.Provenance.Tests.Support;
using DistillGuard.Provenance.Watermarking;

namespace DistillGuard.Provenance.Tests;

public sealed class WatermarkTransformTests
{
    private static readonly WatermarkOptions Unbounded = new() { MaxChangeShare = 1, ChangeAllowanceWords = 1000 };

    /// <summary>Keys until one writes the wanted member for "do not" after the given context.</summary>
    private static WatermarkKey KeyChoosing(string setId, string context, int member)
    {
        var set = WatermarkLexicon.BuiltIn.Sets.Single(s => s.Id == setId);
        for (int i = 0; ; i++)
        {
            var k = WatermarkKey.FromSeed("pick-" + i);
            if (k.Choose(set, context) == member) return k;
        }
    }

    [Theory]
    [InlineData("I do not know.", "I don't know.")]
    [InlineData("I **do not** know.", "I **don't** know.")]
    public void Apply_KeepsCaseEmphasisAndPunctuation(string input, string expected)
    {
        var wm = new Watermarker(KeyChoosing("do not", "i", 1), Unbounded);
        Assert.Equal(expected, wm.Apply(input));
    }

    [Fact]
    public void Apply_KeepsCurlyApostrophes()
    {
        var wm = new Watermarker(KeyChoosing("do not", "i", 0), Unbounded);
        Assert.Equal("I do not know.", wm.Apply("I don\u2019t know."));
        // Where the replaced words had no apostrophe, the text's own style so far is kept.
        var wm2 = new Watermarker(KeyChoosing("i am", "worry", 1), Unbounded);
        Assert.EndsWith("worry. I\u2019m here.", wm2.Apply("Don\u2019t worry. I am here."), StringComparison.Ordinal);
        Assert.Equal("DO NOT touch it.", new Watermarker(KeyChoosing("do not", "^", 0), Unbounded).Apply("DON'T touch it."));
    }

    [Theory]
    [InlineData("Don't you think so?")]                 // inversion: "Do not you think" would be wrong
    [InlineData("I know who you are.")]                 // a contraction cannot end a clause
    [InlineData("It is a big deal for Big Ben.")]       // idiom excluded; a capital inside a sentence is a name
    [InlineData("Take a big step.")]
    public void Apply_LeavesUngrammaticalAlternativesAlone(string input)
    {
        for (int i = 0; i < 20; i++)
        {
            string output = new Watermarker(WatermarkKey.FromSeed("g" + i), Unbounded).Apply(input);
            Assert.DoesNotContain("Do not you", output, StringComparison.Ordinal);
            Assert.DoesNotContain("you're.", output, StringComparison.Ordinal);
            Assert.DoesNotContain("large deal", output, StringComparison.Ordinal);
            Assert.DoesNotContain("Large Ben", output, StringComparison.Ordinal);
            Assert.DoesNotContain("a enormous", output, StringComparison.Ordinal);
        }
    }

    private static readonly string[] Spans =
    [
        "```python\nif x: do not use the big list\n```",
        "`do not use`",
        "{\"note\": \"do not use\", \"also\": [1, 2, {\"big\": true}]}",
        "[do not use, big]",
        "\"I do not think it is big\"",
        "\u201CI do not think it is big\u201D",
        "'do not use it'",
        "<tool_call>{\"name\": \"help\", \"text\": \"do not use\"} do not use</tool_call>",
        "<function_calls>\n<invoke name=\"x\">I do not know, however big</invoke>\n</function_calls>",
        "https://example.com/do/not/use?big=1",
        "> I do not think so, however big it is.",
        "    do not use this indented code",
        "12345 6.02e23 $1,000",
        "do_not_use(big_list)",
    ];

    public static TheoryData<string> ProtectedSpans() => new(Spans);

    [Theory]
    [MemberData(nameof(ProtectedSpans))]
    public void Apply_NeverTouchesProtectedText(string span)
    {
        // The span between ordinary prose full of lexicon words, on its own line where it needs one.
        string text = "I do not know. However, it is big.\n\n" + span + "\n\nI do not know. However, it is big.";
        for (int i = 0; i < 30; i++)
        {
            string output = new Watermarker(WatermarkKey.FromSeed("p" + i), Unbounded).Apply(text);
            Assert.Contains(span, output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Apply_ChangesOnlyLexiconWords()
    {
        var lexWords = WatermarkLexicon.BuiltIn.Sets.SelectMany(s => s.Members).SelectMany(m => m).SelectMany(w => w.Split('\'')).ToHashSet();
        string text = string.Join("\n\n", TestText.Docs().Take(200)) + "\n\n" + TestText.Assistant;
        for (int i = 0; i < 5; i++)
        {
            string output = new Watermarker(WatermarkKey.FromSeed("w" + i), Unbounded).Apply(text);
            var a = Words(text);
            var b = Words(output);
            // Every word that is not in the lexicon survives, in order.
            Assert.Equal(a.Where(w => !lexWords.Contains(w)), b.Where(w => !lexWords.Contains(w)));
        }
    }

    private static List<string> Words(string s) =>
        s.Split((char[])[' ', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries)
         .Select(w => w.Trim("().,;:!?*_\u2026".ToCharArray()).ToLowerInvariant().Replace('\u2019', '\''))
         .SelectMany(w => w.Split('\''))
         .Where(w => w.Length > 0).ToList();

    [Fact]
    public void Apply_StaysWithinTheChangeBound_AndReportsIt()
    {
        var options = new WatermarkOptions { MaxChangeShare = 0.05, ChangeAllowanceWords = 0 };
        foreach (var para in TestText.Docs().Append(TestText.Assistant))
        {
            new Watermarker(WatermarkKey.FromSeed("b"), options).Apply(para, out var st);
            Assert.True(st.ChangedWords <= 0.05 * st.Words + 1e-9, $"{st.ChangedWords} of {st.Words} words changed");
        }
    }

    [Fact]
    public void ChoiceCache_GivesTheKeysChoices_StaysBounded_AndOneWatermarkerServesManyThreads()
    {
        var key = WatermarkKey.FromSeed("cache");
        var cache = new ChoiceCache(key, capacity: 100);
        var sets = WatermarkLexicon.BuiltIn.Sets;
        for (int round = 0; round < 2; round++)
            for (int i = 0; i < 1000; i++)
            {
                var set = sets[i % sets.Count];
                string ctx = "w" + (i % 300).ToString(System.Globalization.CultureInfo.InvariantCulture);
                Assert.Equal(key.Choose(set, ctx), cache.Choose(set, ctx));
            }
        Assert.Equal(100, cache.Count);
        // One (shared, caching) Watermarker on many threads gives what a fresh one gives each text alone.
        var texts = TestText.Docs().Take(200).ToList();
        var shared = new Watermarker(key);
        var parallel = new string[texts.Count];
        Parallel.For(0, texts.Count, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i => parallel[i] = shared.Apply(texts[i]));
        for (int i = 0; i < texts.Count; i++) Assert.Equal(new Watermarker(key).Apply(texts[i]), parallel[i]);
    }

    [Fact]
    public void Apply_IsIdempotent_AndEveryUnitOfItsOutputCarriesTheKey()
    {
        string text = string.Join("\n\n", TestText.Docs().Take(150)) + "\n\n" + TestText.Assistant;
        var key = WatermarkKey.FromSeed("stable");
        var wm = new Watermarker(key, Unbounded);
        string once = wm.Apply(text);
        Assert.Equal(once, wm.Apply(once));
        var units = SuspectUnits.Collect([once]);
        Assert.True(units.Units.Count > 50);
        var r = ProvenanceTest.Score(units, key, 1, new ProvenanceOptions { Statistic = ProvenanceStatistic.Hits });
        Assert.Equal(units.Units.Count, r.Hits);
    }

    [Fact]
    public void Stream_AnyChunking_EqualsWholeText()
    {
        string text = string.Join("\n\n", TestText.Docs().Take(80)) + "\n\n" + TestText.Assistant + "\n\n" + string.Join("\n\n", Spans);
        var wm = new Watermarker(WatermarkKey.FromSeed("s"));
        string whole = wm.Apply(text);
        var rng = new Random(11);
        for (int trial = 0; trial < 40; trial++)
        {
            var s = wm.Begin();
            var sb = new System.Text.StringBuilder();
            int i = 0;
            int maxChunk = trial % 4 == 0 ? 2 : trial % 4 == 1 ? 9 : trial % 4 == 2 ? 40 : 400;
            while (i < text.Length)
            {
                int n = Math.Min(text.Length - i, 1 + rng.Next(maxChunk));
                sb.Append(s.Write(text.AsSpan(i, n)));
                i += n;
            }
            sb.Append(s.Flush());
            Assert.Equal(whole, sb.ToString());
        }
    }

    /// <summary>Text with the shapes the early sending of a stream has to get right: words that begin lexicon phrases, their
    /// prefixes and look-alikes ("do", "don", "do.", "Doing", "(Moreover,"), curly apostrophes, punctuation on both sides,
    /// chunks that turn into protected spans part-way, and line breaks.</summary>
    private const string Tricky =
        "Do not worry. I do not know; do. Don\u2019t go, doing so (**Moreover**, it's fine) and I am sure you are right.\n" +
        "I'd like it, I\u2019m here. do.not x\"do not\" it`do not` a{\"do\": 1} don't! However, for example: you may need it. " +
        "**Additionally**, I will help you with that\u2026 Make sure that it is big.\n\n  - Furthermore it is a good idea, isn't it?";

    public static TheoryData<int> FixedDeltas() => new() { 1, 2, 3, 4, 5, 7, 16 };

    /// <summary>Every delta of the same length (1 character: every character alone; 4: one token, as SSE streams send).</summary>
    [Theory]
    [MemberData(nameof(FixedDeltas))]
    public void Stream_FixedDeltas_EqualsWholeText(int size)
    {
        string text = Tricky + "\n\n" + TestText.Assistant + "\n\n" + string.Join("\n\n", Spans) + "\n\n" + string.Join("\n\n", TestText.Docs().Take(30));
        foreach (var options in new[] { WatermarkOptions.Default, Unbounded })
        {
            var wm = new Watermarker(WatermarkKey.FromSeed("fixed"), options);
            string whole = wm.Apply(text, out var wholeStats);
            var s = wm.Begin();
            var sb = new System.Text.StringBuilder();
            for (int i = 0; i < text.Length; i += size) sb.Append(s.Write(text.Substring(i, Math.Min(size, text.Length - i))));
            sb.Append(s.Flush());
            Assert.Equal(whole, sb.ToString());
            Assert.Equal(wholeStats, s.Stats);
        }
    }

    /// <summary>Streams on one thread share the table of recent short outputs (WatermarkStream.Take): streams of two
    /// texts under two keys, fed in turn delta by delta, each still give exactly the whole text's output.</summary>
    [Fact]
    public void Stream_InterleavedOnOneThread_EachEqualsWholeText()
    {
        string a = Tricky + "\n\n" + TestText.Assistant, b = string.Join("\n\n", TestText.Docs().Take(30));
        var wa = new Watermarker(WatermarkKey.FromSeed("left"), Unbounded);
        var wb = new Watermarker(WatermarkKey.FromSeed("right"), Unbounded);
        foreach (int size in new[] { 1, 3, 4, 17 })
        {
            var sa = wa.Begin();
            var sb = wb.Begin();
            var oa = new System.Text.StringBuilder();
            var ob = new System.Text.StringBuilder();
            for (int i = 0; i < Math.Max(a.Length, b.Length); i += size)
            {
                if (i < a.Length) oa.Append(sa.Write(a.Substring(i, Math.Min(size, a.Length - i))));
                if (i < b.Length) ob.Append(sb.Write(b.Substring(i, Math.Min(size, b.Length - i))));
            }
            oa.Append(sa.Flush());
            ob.Append(sb.Flush());
            Assert.Equal(wa.Apply(a), oa.ToString());
            Assert.Equal(wb.Apply(b), ob.ToString());
        }
    }

    /// <summary>The text cut in two at every position, under several keys (so that different words change).</summary>
    [Fact]
    public void Stream_EverySplitInTwo_EqualsWholeText()
    {
        string text = Tricky + "\n\n" + TestText.Assistant;
        for (int k = 0; k < 6; k++)
        {
            var wm = new Watermarker(WatermarkKey.FromSeed("two-" + k), Unbounded);
            string whole = wm.Apply(text);
            for (int cut = 0; cut <= text.Length; cut++)
            {
                var s = wm.Begin();
                string a = s.Write(text[..cut]), b = s.Write(text[cut..]), c = s.Flush();
                Assert.Equal(whole, a + b + c);
            }
        }
    }

    /// <summary>A stream passes a word on as it comes unless it may begin a lexicon phrase: with one-token deltas many
    /// deltas come back as they went in (the same string), and what is held back is held only while it is undecided.</summary>
    [Fact]
    public void Stream_SendsWhatCannotChangeAtOnce()
    {
        string text = string.Join("\n\n", TestText.Docs().Take(40));
        var wm = new Watermarker(WatermarkKey.FromSeed("early"));
        Assert.NotEqual(text, wm.Apply(text));
        var s = wm.Begin();
        int same = 0, deltas = 0;
        for (int i = 0; i < text.Length; i += 4)
        {
            string d = text.Substring(i, Math.Min(4, text.Length - i));
            if (ReferenceEquals(d, s.Write(d))) same++;
            deltas++;
        }
        s.Flush();
        // (About 42 % on these docs: a delta that ends inside a word whose first letters may begin one — "S" of "So" —
        // still waits for the rest of the word. Without early sending no delta passes as it came.)
        Assert.True(same > deltas / 3, $"{same} of {deltas} deltas passed as they came");
        // A word that cannot begin a phrase goes out before it is complete; one that may ("do", "don") waits.
        var t = wm.Begin();
        Assert.Equal("Quick bro", t.Write("Quick bro"));
        Assert.Equal("wn ", t.Write("wn "));
        Assert.Equal("", t.Write("do"));
        Assert.Equal("", t.Write("n"));
    }

    [Fact]
    public void Stream_HoldsBackOnlyTheLastFewWords()
    {
        var wm = new Watermarker(WatermarkKey.FromSeed("h"));
        var s = wm.Begin();
        string sent = s.Write("Here is a long answer that keeps going and going without a single break in sight and then some more words follow ");
        Assert.True(sent.Length > 60, $"only {sent.Length} characters released");
        string code = s.Write("\n```\n" + new string('x', 5000) + "\n");
        Assert.True(code.Length >= 5000, "code inside a fence must stream through without delay");
    }

    [Fact]
    public void Watermarker_RejectsBadOptions()
    {
        Assert.Throws<ArgumentException>(() => new Watermarker(WatermarkKey.FromSeed("x"), new WatermarkOptions { MaxChangeShare = 2, ChangeAllowanceWords = -1 }));
    }
}
