using System.Text;
using DistillGuard.Simulation.Evaluation;

namespace DistillGuard.Simulation.Tests;

public sealed class EvaluationLinesTests
{
    private static List<(string Line, long Number)> Split(string text, int bufferSize)
    {
        var lines = new List<(string, long)>();
        Utf8Lines.ForEach(new MemoryStream(Encoding.UTF8.GetBytes(text)), (line, n) => lines.Add((Encoding.UTF8.GetString(line), n)), bufferSize);
        return lines;
    }

    [Theory]
    [InlineData(16)]
    [InlineData(4096)]
    public void ForEach_LinesLongerThanTheBuffer_AreDeliveredWhole(int bufferSize)
    {
        string longLine = new('x', 1000);
        var lines = Split($"a\n{longLine}\r\n\nb", bufferSize);

        Assert.Equal([("a", 1L), (longLine, 2L), ("b", 4L)], lines);
    }

    [Fact]
    public void ForEach_BomOnFirstLine_IsStripped()
    {
        var lines = Split("\uFEFF{}\n{}", 16);

        Assert.Equal([("{}", 1L), ("{}", 2L)], lines);
    }
}
