using DistillGuard.Core.Fingerprints;

namespace DistillGuard.Core.Tests.Fingerprints;

public class OutputSchemaTests
{
    private const string Shape = "{\"clause_type\": string, \"plain_english\": string, \"obligations\": [{\"party\": string, \"duty\": string}], \"risk_notes\": [string]}";

    [Fact]
    public void OneShape_WordedDifferentlyAroundIt_IsOneSchema()
    {
        ulong a = OutputSchema.Hash("Act as an experienced commercial lawyer. Return a single JSON object with exactly this shape:\n" + Shape + "\nBe precise.");
        ulong b = OutputSchema.Hash("You help small businesses understand contracts. Reply with JSON shaped like " + Shape + " and use British spelling.");
        Assert.NotEqual(0UL, a);
        Assert.Equal(a, b);
    }

    [Fact]
    public void FieldOrderAndSpacing_DoNotChangeIt()
    {
        ulong a = OutputSchema.Hash("Output: {\"answer\": string, \"steps\": [string], \"confidence\": number}");
        ulong b = OutputSchema.Hash("Output: {\n  \"confidence\":number,\n  \"answer\" : string,\n  \"steps\": [string]\n}");
        Assert.Equal(a, b);
    }

    [Fact]
    public void OtherFields_AreAnotherSchema()
    {
        ulong a = OutputSchema.Hash("{\"answer\": string, \"steps\": [string], \"confidence\": number}");
        ulong b = OutputSchema.Hash("{\"answer\": string, \"steps\": [string], \"sources\": [string]}");
        Assert.NotEqual(a, b);
    }

    [Theory]
    [InlineData("You are a helpful assistant.")]
    [InlineData("Reply in JSON like {\"ok\": true} when done.")]                       // an example, not a shape
    [InlineData("Use braces {like this} and \"quotes\" freely: nothing here is a field.")]
    [InlineData("{\"a\": 1, \"a\": 2, \"b\": 3}")]                                      // two distinct names
    [InlineData("{\"title\": string, \"summary\": string, \"tags\": [string]")]          // three names, braces left open
    [InlineData("{\"title\": string, \"summary\": string, \"tags")]
    public void NoShapeOfThreeFields_IsNoSchema(string text) => Assert.Equal(0UL, OutputSchema.Hash(text));

    [Fact]
    public void TheFirstShapeOfThreeFieldsCounts_AfterASmallExample()
    {
        ulong a = OutputSchema.Hash("Never answer {\"x\": 1}. Always answer {\"title\": string, \"summary\": string, \"tags\": [string]}.");
        ulong b = OutputSchema.Hash("{\"tags\": [string], \"title\": string, \"summary\": string}");
        Assert.Equal(b, a);
    }
}
