using DistillGuard.Core.Profiles;

namespace DistillGuard.Core.Tests.Profiles;

public class HarnessValueTests
{
    [Fact]
    public void ToolSetsAndPrompts_NeverMix_EvenWhereAPromptsHashCarriesTheTag()
    {
        var r = new Random(5);
        for (int i = 0; i < 10_000; i++)
        {
            ulong h = (ulong)r.NextInt64() | 1;
            Assert.True(HarnessValue.IsToolSet(HarnessValue.OfTools(h)));
            Assert.False(HarnessValue.IsToolSet(HarnessValue.OfPrompt(h)));
            if ((h & 0xFFFF) != 0x7A5E) Assert.Equal(h, HarnessValue.OfPrompt(h));   // a prompt's value is its hash
        }
        ulong tagged = 0xABCDEF0000007A5EUL;   // a prompt hash with the tool-set tag by chance
        Assert.False(HarnessValue.IsToolSet(HarnessValue.OfPrompt(tagged)));
        Assert.StartsWith("system prompt ", HarnessValue.Describe(HarnessValue.OfPrompt(tagged)));
        Assert.StartsWith("tool set ", HarnessValue.Describe(HarnessValue.OfTools(tagged)));
    }

    [Fact]
    public void Schemas_ToolSetsAndPrompts_NeverMix()
    {
        var r = new Random(7);
        for (int i = 0; i < 10_000; i++)
        {
            ulong h = (ulong)r.NextInt64() | 1;
            Assert.True(HarnessValue.IsSchema(HarnessValue.OfSchema(h)));
            Assert.False(HarnessValue.IsToolSet(HarnessValue.OfSchema(h)));
            Assert.True(HarnessValue.IsShape(HarnessValue.OfSchema(h)));
            Assert.True(HarnessValue.IsShape(HarnessValue.OfTools(h)));
            Assert.False(HarnessValue.IsShape(HarnessValue.OfPrompt(h)));
        }
        ulong tagged = 0xABCDEF0000005C4EUL;   // a prompt hash with the schema tag by chance
        Assert.False(HarnessValue.IsShape(HarnessValue.OfPrompt(tagged)));
        Assert.StartsWith("output schema ", HarnessValue.Describe(HarnessValue.OfSchema(tagged)));
    }
}
