using DistillGuard.Core.Signals;
using DistillGuard.Core.Text;
using Xunit.Abstractions;

namespace DistillGuard.Core.Tests.Text;

public sealed class PhraseAutomatonTests(ITestOutputHelper output)
{
    private static ulong Match(PhraseAutomaton a, string text)
    {
        var bits = new ulong[a.BitWords];
        a.Match(TextNormalizer.Normalize(text), bits);
        return bits[0];
    }

    [Fact]
    public void Match_WordPhrases_RespectWordBoundaries()
    {
        var a = new PhraseAutomaton([("cot", 0), ("step by step", 1)], 2);
        Assert.Equal(0UL, Match(a, "a cottage by the sea"));
        Assert.Equal(1UL, Match(a, "use CoT here"));
        Assert.Equal(2UL, Match(a, "Think  STEP\nby step."));
    }

    [Fact]
    public void Match_StarLiftsTheBoundary()
    {
        var a = new PhraseAutomaton([("backtrack*", 0)], 1);
        Assert.Equal(1UL, Match(a, "include backtracking"));
        Assert.Equal(0UL, Match(a, "no tracks"));
    }

    [Fact]
    public void Match_OverlappingAndSuffixPhrases_AllFire()
    {
        var a = new PhraseAutomaton([("he", 0), ("she", 1), ("hers", 2), ("his", 3)], 4);
        // Boundaries: only whole words count, so "ushers" matches nothing, "she" and "hers" match themselves.
        Assert.Equal(0UL, Match(a, "ushers"));
        Assert.Equal(0b0110UL, Match(a, "she said hers"));
        var open = new PhraseAutomaton([("*he*", 0), ("*she*", 1), ("*hers*", 2)], 3);
        Assert.Equal(0b111UL, Match(open, "ushers"));
    }

    [Fact]
    public void Match_CjkAndCyrillic_MatchInsideRunningText()
    {
        var a = new PhraseAutomaton([("思维链", 0), ("ход мыслей", 1)], 2);
        Assert.Equal(0b11UL, Match(a, "请输出你的思维链。Покажи ХОД МЫСЛЕЙ."));
    }

    [Fact]
    public void Match_DevanagariWords_AreNotCutAtTheirVowelSigns()
    {
        // "हर" (every) is a word of its own, not the tail of "बाहर" (outside) after the vowel sign "ा", nor the head
        // of "हरा" (green) before it.
        var a = new PhraseAutomaton([("हर", 0)], 1);
        Assert.Equal(0UL, Match(a, "वह बाहर गया"));
        Assert.Equal(0UL, Match(a, "हरा पत्ता"));
        Assert.Equal(1UL, Match(a, "हर कदम दिखाएँ"));
        Assert.True(TextNormalizer.IsWordChar('\u093E')); // DEVANAGARI VOWEL SIGN AA
    }

    [Fact]
    public void DefaultEngine_Size_IsReported()
    {
        var a = ContentSignalEngine.Default.Automaton;
        output.WriteLine($"{a.PatternCount} phrases, {a.StateCount} states, {a.GroupCount} groups");
        Assert.True(a.PatternCount > 500);
    }
}
