using DistillGuard.Provenance.Lexicons;

namespace DistillGuard.Provenance.Tests;

public sealed class LexiconTests
{
    [Fact]
    public void BuiltIn_ParsesWithManySetsAndAStableHash()
    {
        var lex = WatermarkLexicon.BuiltIn;
        Assert.True(lex.Sets.Count >= 120, $"only {lex.Sets.Count} sets");
        Assert.Equal(64, lex.Sha256.Length);
        Assert.All(lex.Sets, s => Assert.True(s.Members.Count >= 2));
        // No phrase (with its punctuation) belongs to two sets.
        var keys = lex.Sets.SelectMany(s => s.Members.Select(m => string.Join(' ', m) + s.Punct)).ToList();
        Assert.Equal(keys.Count, keys.Distinct().Count());
    }

    [Fact]
    public void Parse_BadFile_ListsEveryProblem()
    {
        var e = Assert.Throws<InvalidDataException>(() => WatermarkLexicon.Parse("big\nUse | utilise\nsure, | certainly\nbig | large ;; frobnicate\nlarge | huge\n", "bad"));
        Assert.Contains("line 1: a set needs at least two members", e.Message);
        Assert.Contains("line 2: member 'Use' must be lower-case", e.Message);
        Assert.Contains("line 3: every member must end with the same punctuation", e.Message);
        Assert.Contains("line 4: unknown constraint 'frobnicate'", e.Message);
        Assert.Contains("line 5: 'large' is already in the set on line 4", e.Message);
    }

    [Fact]
    public void Parse_MixedVowelSet_IsSkippedAfterAnArticle()
    {
        var lex = WatermarkLexicon.Parse("big | enormous\nbig! | huge!\n", "t");
        Assert.True(lex.Sets[0].MixedArticle);
        Assert.False(lex.Sets[1].MixedArticle);
    }
}
