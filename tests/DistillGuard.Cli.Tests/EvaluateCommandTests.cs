using System.Text.Json;
using DistillGuard.Cli.Commands;

namespace DistillGuard.Cli.Tests;

public sealed class EvaluateCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("dg-evaluate-").FullName;
    private readonly StringWriter _out = new();
    private readonly StringWriter _err = new();

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string name, params string[] lines)
    {
        string path = Path.Combine(_dir, name);
        File.WriteAllText(path, string.Join("\n", lines) + "\n");
        return path;
    }

    private (string Labels, string Verdicts) WriteFixture()
    {
        // Campaign k1: m1 m2 m3 (m3 missed); legitimate: s1 (false positive), s2 (watch), w1 (clear, persona with zeros).
        // campaign|watch therefore flags m1 m2 s1 s2: precision 2/4.
        string labels = Write("labels.jsonl",
            """{"account":"m1","campaign":"k1","persona":"harvester"}""",
            """{"account":"m2","campaign":"k1","persona":"harvester"}""",
            """{"account":"m3","campaign":"k1","persona":"harvester"}""",
            """{"account":"s1","campaign":null,"persona":"student"}""",
            """{"account":"s2","campaign":null,"persona":"student"}""",
            """{"account":"w1","campaign":null,"persona":"writer"}""");
        string verdicts = Write("verdicts.jsonl",
            """{"account":"m1","score":0.9,"verdict":"campaign","campaign":"C-1","exchanges":5,"reasons":[]}""",
            """{"account":"m2","score":0.9,"verdict":"campaign","campaign":"C-1","exchanges":5,"reasons":[]}""",
            """{"account":"m3","score":0.2,"verdict":"clear","campaign":null,"exchanges":5,"reasons":[]}""",
            """{"account":"s1","score":0.8,"verdict":"campaign","campaign":"C-1","exchanges":5,"reasons":[]}""",
            """{"account":"s2","score":0.6,"verdict":"watch","campaign":null,"exchanges":5,"reasons":[]}""",
            """{"account":"w1","score":0.0,"verdict":"clear","campaign":null,"exchanges":5,"reasons":[]}""");
        return (labels, verdicts);
    }

    private int Run(params string[] args) => EvaluateCommand.Run(args, _out, _err);

    [Fact]
    public void Run_Json_PrintsOneSnakeCaseDocumentWithEveryFigure()
    {
        var (labels, verdicts) = WriteFixture();

        int code = Run("--labels", labels, "--verdicts", verdicts, "--json");

        Assert.Equal(0, code);
        using var doc = JsonDocument.Parse(_out.ToString());
        var root = doc.RootElement;
        Assert.Equal("distillguard.evaluation/1", root.GetProperty("schema").GetString());
        var m = root.GetProperty("campaign_verdict");
        Assert.Equal(2, m.GetProperty("true_positives").GetInt64());
        Assert.Equal(1, m.GetProperty("false_positives").GetInt64());
        Assert.Equal(1, m.GetProperty("false_negatives").GetInt64());
        Assert.Equal(2, m.GetProperty("true_negatives").GetInt64());
        Assert.Equal(2.0 / 3, m.GetProperty("precision").GetDouble(), 12);
        Assert.Equal(2.0 / 3, m.GetProperty("recall").GetDouble(), 12);
        Assert.Equal(2.0 / 3, m.GetProperty("f1").GetDouble(), 12);
        Assert.Equal(0.5, root.GetProperty("campaign_or_watch").GetProperty("precision").GetDouble(), 12);

        var k1 = root.GetProperty("labelled_campaigns")[0];
        Assert.Equal("k1", k1.GetProperty("campaign").GetString());
        Assert.Equal(2.0 / 3, k1.GetProperty("recall").GetDouble(), 12);
        Assert.Equal("C-1", k1.GetProperty("landed_in")[0].GetProperty("campaign").GetString());
        Assert.Equal(1, k1.GetProperty("not_in_any_detected_campaign").GetInt64());

        var personas = root.GetProperty("legitimate_personas").EnumerateArray()
            .Select(p => (p.GetProperty("persona").GetString(), p.GetProperty("false_positives").GetInt64(), p.GetProperty("watch").GetInt64()))
            .ToArray();
        Assert.Equal([("student", 1L, 1L), ("writer", 0L, 0L)], personas);

        var c1 = root.GetProperty("detected_campaigns")[0];
        Assert.Equal(("C-1", 3L, "k1", 1L), (c1.GetProperty("id").GetString(), c1.GetProperty("members").GetInt64(),
            c1.GetProperty("majority_campaign").GetString(), c1.GetProperty("legitimate").GetInt64()));
        Assert.Equal(2.0 / 3, c1.GetProperty("purity").GetDouble(), 12);
        Assert.Equal(0, root.GetProperty("split_campaign_count").GetInt64());
        Assert.Equal("verdicts", root.GetProperty("detected_campaign_source").GetString());
        Assert.Equal(0, root.GetProperty("data_quality").GetProperty("missing_from_verdicts").GetProperty("count").GetInt64());
        Assert.True(root.GetProperty("passed").GetBoolean());
        Assert.Equal("", _err.ToString());
    }

    [Fact]
    public void Run_Tables_PrintsEverySectionAndPersona()
    {
        var (labels, verdicts) = WriteFixture();

        int code = Run("--labels", labels, "--verdicts", verdicts);

        Assert.Equal(0, code);
        string text = _out.ToString();
        foreach (string expected in new[] { "Account-level detection", "Recall per labelled campaign", "Legitimate personas", "Detected campaigns",
                                            "Data quality", "student", "writer", "C-1", "0.6667" })
        {
            Assert.Contains(expected, text);
        }
        Assert.DoesNotContain("\u001b[", text); // no ANSI codes when not writing to a terminal
    }

    [Theory]
    [InlineData("--min-precision", "0.6", 0)]
    [InlineData("--min-precision", "0.7", 1)]
    [InlineData("--min-recall", "0.66", 0)]
    [InlineData("--min-recall", "1", 1)]
    public void Run_MinimumThreshold_ExitsOneOnlyWhenNotMet(string option, string value, int expected)
    {
        var (labels, verdicts) = WriteFixture();

        int code = Run("--labels", labels, "--verdicts", verdicts, "--json", option, value);

        Assert.Equal(expected, code);
        Assert.Equal(expected == 1, _err.ToString().Contains("below the required"));
        using var doc = JsonDocument.Parse(_out.ToString());
        Assert.Equal(expected == 0, doc.RootElement.GetProperty("passed").GetBoolean());
    }

    [Fact]
    public void Run_MissingFilesAndBadThresholds_ListsEveryProblemAndExitsTwo()
    {
        int code = Run("--labels", Path.Combine(_dir, "nope.jsonl"), "--campaigns", Path.Combine(_dir, "nope.json"),
                       "--min-precision", "high", "--min-recall", "1.5");

        Assert.Equal(2, code);
        string err = _err.ToString();
        Assert.Contains("--labels: file not found", err);
        Assert.Contains("--verdicts FILE is required", err);
        Assert.Contains("--campaigns: file not found", err);
        Assert.Contains("--min-precision: 'high'", err);
        Assert.Contains("--min-recall: '1.5'", err);
        Assert.Equal("", _out.ToString());
    }

    [Fact]
    public void Run_UnexpectedArgument_ExitsTwo()
    {
        var (labels, verdicts) = WriteFixture();

        int code = Run("--labels", labels, "--verdicts", verdicts, "--frobnicate");

        Assert.Equal(2, code);
        Assert.Contains("--frobnicate", _err.ToString());
    }

    [Fact]
    public void Create_ParseErrorsThroughTheRootParser_ExitTwoNotTheParsersOne()
    {
        var (_, verdicts) = WriteFixture();
        var root = new System.CommandLine.RootCommand { EvaluateCommand.Create(_out, _err) };

        int code = root.Parse(["evaluate", "--verdicts", verdicts, "--json", "maybe", "--labels"]).Invoke();

        Assert.Equal(2, code);
        string err = _err.ToString();
        Assert.Contains("'--labels'", err);
        Assert.Contains("unexpected argument 'maybe'", err);
        Assert.DoesNotContain("--labels FILE is required", err); // the parser's message already says it, once
    }

    [Fact]
    public void Run_CampaignsFileNotJson_ExitsThree()
    {
        var (labels, verdicts) = WriteFixture();
        string campaigns = Write("campaigns.json", "{ not json");

        int code = Run("--labels", labels, "--verdicts", verdicts, "--campaigns", campaigns);

        Assert.Equal(3, code);
        Assert.Contains("campaigns.json", _err.ToString());
    }

    [Fact]
    public void Run_CampaignsFile_IsUsedForPurityAndDataQualityIsSummarisedOnStderr()
    {
        var (labels, verdicts) = WriteFixture();
        string campaigns = Write("campaigns.json", """[{"id":"C-1","accounts":["m1","m2"]},{"id":"C-2","accounts":["s1"]}]""");

        int code = Run("--labels", labels, "--verdicts", verdicts, "--campaigns", campaigns, "--json");

        Assert.Equal(0, code);
        using var doc = JsonDocument.Parse(_out.ToString());
        var root = doc.RootElement;
        Assert.Equal("campaigns.json", root.GetProperty("detected_campaign_source").GetString());
        Assert.Equal(1.0, root.GetProperty("detected_campaigns")[0].GetProperty("purity").GetDouble());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("detected_campaigns")[1].GetProperty("majority_campaign").ValueKind);
        // s1's verdict names C-1, campaigns.json puts it in C-2.
        Assert.Equal(1, root.GetProperty("data_quality").GetProperty("campaign_consistency").GetProperty("count").GetInt64());
        Assert.Contains("campaign inconsistencies", _err.ToString());
    }

    [Fact]
    public void Create_ThroughTheRootParser_RunsTheSameCommand()
    {
        var (labels, verdicts) = WriteFixture();
        var root = new System.CommandLine.RootCommand { EvaluateCommand.Create(_out, _err) };

        int code = root.Parse(["evaluate", "--labels", labels, "--verdicts", verdicts, "--json", "--min-recall", "0.9"]).Invoke();

        Assert.Equal(1, code);
        using var doc = JsonDocument.Parse(_out.ToString());
        Assert.False(doc.RootElement.GetProperty("passed").GetBoolean());
    }
}
