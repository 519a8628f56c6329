using System.IO.Compression;
using System.Text;
using System.Text.Json.Nodes;
using DistillGuard.Dashboard.Tests.Support;
using DistillGuard.Storage.Writing;

namespace DistillGuard.Dashboard.Tests;

/// <summary>Reading cited exchanges back from the log: by id wherever it stands, the last line without a newline,
/// texts, signals and matched phrases.</summary>
[Collection(ScenarioCollection.Name)]
public sealed class ExchangeSamplerTests
{
    private readonly ScenarioFixture _fx;

    public ExchangeSamplerTests(ScenarioFixture fx) => _fx = fx;

    [Fact]
    public void Read_FindsWantedLines_IdAnywhere_LastLineWithoutNewline()
    {
        var harvestId = _fx.Result.Campaigns[0].Evidence.First(e => e.Kind == "cot-elicitation").ExchangeIds[0];
        var lines = new List<string>();
        using (var r = new StreamReader(new GZipStream(File.OpenRead(_fx.Log), CompressionMode.Decompress), Encoding.UTF8))
            while (r.ReadLine() is { } l)
            {
                bool harvest = l.StartsWith($"{{\"id\":\"{harvestId}\"", StringComparison.Ordinal);
                if (lines.Count < 50 || harvest) lines.Add(l);
                if (harvest) break;
            }
        var moved = JsonNode.Parse(lines[3])!.AsObject();
        var movedId = moved["id"]!.GetValue<string>();
        moved.Remove("id");
        moved["id"] = movedId;                              // id last, not first
        lines[3] = moved.ToJsonString();
        var path = Path.Combine(_fx.Dir, $"sample-{Guid.NewGuid():N}.jsonl");
        File.WriteAllText(path, string.Join("\n", lines));  // no newline after the last line

        var wanted = new Dictionary<string, List<string>> { [movedId] = ["test"], [harvestId] = ["evidence:x"] };
        var found = ExchangeSampler.Read([path], wanted).ToDictionary(s => s.Id);

        Assert.Equal(2, found.Count);
        Assert.Equal(["test"], found[movedId].CitedBy);
        var h = found[harvestId];
        Assert.Contains("cot-elicitation", h.Signals);
        Assert.NotEmpty(h.Phrases);
        Assert.True(h.Prompt.Length > 0);
        Assert.Contains(h.Phrases, p => h.Prompt.Contains(p.Split(' ')[0], StringComparison.OrdinalIgnoreCase));
    }
}
