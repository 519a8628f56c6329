using System.IO.Compression;
using System.Text;
using System.Text.Json;
using DistillGuard.Cli.Commands;
using DistillGuard.Simulation.Engine;
using DistillGuard.Simulation.Evaluation;
using DistillGuard.Simulation.Scenarios;

namespace DistillGuard.Cli.Tests;

/// <summary>Simulates the built-in <c>tiny</c> scenario once for every test in the class.</summary>
public sealed class TinyTrafficFixture : IDisposable
{
    public TinyTrafficFixture()
    {
        Dir = Directory.CreateTempSubdirectory("dg-analyze-tiny-").FullName;
        SimulationRunner.Run(new SimulationOptions { Scenario = ScenarioLoader.Load("tiny"), Seed = 11, OutDir = Dir, Threads = 2 });
    }

    public string Dir { get; }
    public string Log => Path.Combine(Dir, "exchanges.jsonl.gz");
    public string Accounts => Path.Combine(Dir, "accounts.jsonl");
    public string Allow => Path.Combine(Dir, "allow.txt");
    public string Labels => Path.Combine(Dir, "labels.jsonl");

    public List<string> LogLines()
    {
        using var gz = new GZipStream(File.OpenRead(Log), CompressionMode.Decompress);
        using var reader = new StreamReader(gz, Encoding.UTF8);
        var lines = new List<string>();
        while (reader.ReadLine() is { } line) lines.Add(line);
        return lines;
    }

    public void Dispose() => Directory.Delete(Dir, recursive: true);
}

public sealed class AnalyzeCommandTests : IClassFixture<TinyTrafficFixture>, IDisposable
{
    private readonly TinyTrafficFixture _traffic;
    private readonly string _out = Directory.CreateTempSubdirectory("dg-analyze-out-").FullName;
    private readonly StringWriter _stdout = new();
    private readonly StringWriter _stderr = new();

    public AnalyzeCommandTests(TinyTrafficFixture traffic) => _traffic = traffic;

    public void Dispose() => Directory.Delete(_out, recursive: true);

    private int Analyze(AnalyzeCommand.Request request) => AnalyzeCommand.Execute(request with { NoProgress = true }, _stdout, _stderr);

    private AnalyzeCommand.Request TinyRequest() => new()
    {
        Logs = [_traffic.Log],
        Accounts = _traffic.Accounts,
        Allow = _traffic.Allow,
        OutDir = _out,
        Workers = 2,
    };

    [Fact]
    public void Execute_TinyScenario_WritesEveryLogAccountExactlyOnce()
    {
        Assert.Equal(ExitCodes.Success, Analyze(TinyRequest()));

        var logAccounts = _traffic.LogLines().Select(l => JsonDocument.Parse(l).RootElement.GetProperty("account").GetString()!).ToHashSet();
        var verdictAccounts = File.ReadLines(Path.Combine(_out, "verdicts.jsonl"))
            .Select(l => JsonDocument.Parse(l).RootElement)
            .Select(v =>
            {
                Assert.Contains(v.GetProperty("verdict").GetString(), new[] { "clear", "watch", "campaign" });
                Assert.InRange(v.GetProperty("score").GetDouble(), 0, 1);
                return v.GetProperty("account").GetString()!;
            })
            .ToList();
        Assert.Equal(verdictAccounts.Count, verdictAccounts.Distinct().Count());
        Assert.Equal(logAccounts.OrderBy(a => a, StringComparer.Ordinal), verdictAccounts.OrderBy(a => a, StringComparer.Ordinal));
    }

    [Fact]
    public void Execute_TinyScenario_FindsTheCampaignsWithoutFlaggingLegitimateAccounts()
    {
        Assert.Equal(ExitCodes.Success, Analyze(TinyRequest()));

        var report = Evaluator.EvaluateFiles(_traffic.Labels, Path.Combine(_out, "verdicts.jsonl"), Path.Combine(_out, "campaigns.json"));
        Assert.Equal(0, report.CampaignVerdict.FalsePositives);
        Assert.True(report.CampaignVerdict.Recall >= 0.9, $"recall {report.CampaignVerdict.Recall}");
    }

    [Fact]
    public void Execute_Explain_WritesEveryScoredGroupWithItsPartsAndEveryAccount()
    {
        Assert.Equal(ExitCodes.Success, Analyze(TinyRequest() with { Explain = true }));

        using var campaigns = JsonDocument.Parse(File.ReadAllText(Path.Combine(_out, "campaigns.json")));
        var published = campaigns.RootElement.EnumerateArray().Select(c => c.GetProperty("id").GetString()!).ToHashSet();
        var groups = File.ReadLines(Path.Combine(_out, "groups.jsonl")).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        // every published campaign is a group marked accepted, under its id, with the score it was published with
        foreach (var id in published)
            Assert.Contains(groups, g => g.GetProperty("campaign").GetString() == id && g.GetProperty("accepted").GetBoolean());
        Assert.All(groups, g =>
        {
            Assert.InRange(g.GetProperty("score").GetDouble(), 0, 1);
            Assert.Equal(g.GetProperty("accounts").GetInt32(), g.GetProperty("members").GetArrayLength());
            Assert.True(g.GetProperty("coordination").TryGetProperty("synchrony", out _));
        });
        var keys = File.ReadLines(Path.Combine(_out, "keys.jsonl")).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.NotEmpty(keys);
        Assert.All(keys, k => Assert.True(k.GetProperty("accounts").GetInt32() >= 2));
        var verdictAccounts = File.ReadLines(Path.Combine(_out, "verdicts.jsonl")).Count();
        var explained = File.ReadLines(Path.Combine(_out, "accounts.jsonl")).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(verdictAccounts, explained.Count);
        // each account's identity-cluster judgements, as the detector used them
        Assert.All(explained, a =>
        {
            Assert.InRange(a.GetProperty("cluster_lift").GetDouble(), 0, 1);
            Assert.InRange(a.GetProperty("operator_evidence").GetDouble(), 0, 1);
        });
        // every candidate operator judged, with what was measured and the outcome; an account with operator evidence is
        // a member of a candidate called an operator
        var operators = File.ReadLines(Path.Combine(_out, "operators.jsonl")).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.NotEmpty(operators);
        Assert.All(operators, o =>
        {
            Assert.False(string.IsNullOrEmpty(o.GetProperty("source").GetString()));
            Assert.False(string.IsNullOrEmpty(o.GetProperty("outcome").GetString()));
            Assert.Contains("cards", o.GetProperty("measures").GetString());
            Assert.Equal(o.GetProperty("accounts").GetInt32(), o.GetProperty("members").GetArrayLength());
        });
        var inOperators = operators.Where(o => o.GetProperty("outcome").GetString()!.StartsWith("operator"))
            .SelectMany(o => o.GetProperty("members").EnumerateArray().Select(m => m.GetString())).ToHashSet();
        foreach (var a in explained.Where(a => a.GetProperty("operator_evidence").GetDouble() > 0))
            Assert.Contains(a.GetProperty("account").GetString(), inOperators);
    }

    [Fact]
    public void Execute_Campaigns_CiteExchangesThatExistInTheLog()
    {
        Assert.Equal(ExitCodes.Success, Analyze(TinyRequest()));

        var ids = _traffic.LogLines().Select(l => JsonDocument.Parse(l).RootElement.GetProperty("id").GetString()!).ToHashSet();
        using var campaigns = JsonDocument.Parse(File.ReadAllText(Path.Combine(_out, "campaigns.json")));
        Assert.NotEmpty(campaigns.RootElement.EnumerateArray());
        foreach (var c in campaigns.RootElement.EnumerateArray())
        {
            var cited = c.GetProperty("evidence").EnumerateArray()
                .SelectMany(e => e.GetProperty("exchange_ids").EnumerateArray().Select(x => x.GetString()!))
                .ToList();
            Assert.NotEmpty(cited);
            Assert.All(cited, id => Assert.Contains(id, ids));
        }
    }

    [Fact]
    public void Execute_MalformedLines_AreQuarantinedWithTheirLineNumbers()
    {
        var lines = _traffic.LogLines().Take(200).ToList();
        lines.Insert(10, "{not json");
        lines.Insert(50, """{"id":"x","ts":"2026-03-02T00:00:00Z","api":"openai.chat.completions","request":{"messages":[]}}""");
        lines.Insert(120, "\u0001\u0002 binary junk");
        string log = Path.Combine(_out, "mixed.jsonl");
        File.WriteAllLines(log, lines);

        int code = Analyze(TinyRequest() with { Logs = [log], Accounts = null, Allow = null, Json = true });

        Assert.Equal(ExitCodes.Success, code);
        var quarantined = File.ReadLines(Path.Combine(_out, "quarantine.jsonl")).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(new long[] { 11, 51, 121 }, quarantined.Select(q => q.GetProperty("line").GetInt64()).ToArray());
        using var summary = JsonDocument.Parse(_stdout.ToString());
        Assert.Equal(3, summary.RootElement.GetProperty("reader").GetProperty("quarantined").GetInt64());
        Assert.Equal(200, summary.RootElement.GetProperty("reader").GetProperty("exchanges").GetInt64());
    }

    [Fact]
    public void Execute_MissingInputs_ExitsTwoAndListsEveryProblem()
    {
        int code = Analyze(new AnalyzeCommand.Request
        {
            Logs = [Path.Combine(_out, "nope.jsonl.gz")],
            Accounts = Path.Combine(_out, "nope-accounts.jsonl"),
            IpIntel = [Path.Combine(_out, "nope-intel.csv")],
            OutDir = _out,
            Workers = 0,
        });

        Assert.Equal(ExitCodes.UsageError, code);
        string err = _stderr.ToString();
        Assert.Contains("nope.jsonl.gz", err);
        Assert.Contains("nope-accounts.jsonl", err);
        Assert.Contains("nope-intel.csv", err);
        Assert.Contains("--workers", err);
    }

    [Fact]
    public void Execute_FailOnCampaign_ExitsOneWhenACampaignIsFound()
    {
        Assert.Equal(ExitCodes.CheckFailed, Analyze(TinyRequest() with { FailOnCampaign = true }));
    }

    [Fact]
    public void Execute_CorruptGzip_ExitsThree()
    {
        string bad = Path.Combine(_out, "bad.jsonl.gz");
        File.WriteAllBytes(bad, [0x1f, 0x8b, 0x08, 0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07]);

        Assert.Equal(ExitCodes.InputError, Analyze(TinyRequest() with { Logs = [bad] }));
    }

    [Fact]
    public void Execute_BadConfig_ExitsTwoListingEveryOptionProblem()
    {
        string config = Path.Combine(_out, "detector.json");
        File.WriteAllText(config, """{"min_campaign_accounts": "many", "no_such_option": 1}""");

        int code = Analyze(TinyRequest() with { Config = config });

        Assert.Equal(ExitCodes.UsageError, code);
        string err = _stderr.ToString();
        Assert.Contains("min_campaign_accounts", err);
        Assert.Contains("no_such_option", err);
    }

    /// <summary>`--config <(echo '{…}')` hands the command a pipe, which can be read once: the options are read by the
    /// validation and used by the run (before, the run read the pipe again, found it empty and stopped with a stack trace).</summary>
    [Fact]
    public async Task Execute_ConfigFromAPipe_IsReadOnceAndApplied()
    {
        if (!OperatingSystem.IsLinux()) return;
        Assert.Equal(ExitCodes.Success, Analyze(TinyRequest()));
        using var before = JsonDocument.Parse(File.ReadAllText(Path.Combine(_out, "campaigns.json")));
        int smallest = before.RootElement.EnumerateArray().Min(c => c.GetProperty("accounts").GetArrayLength());
        string fifo = Path.Combine(_out, "detector.fifo");
        using (var mk = System.Diagnostics.Process.Start("mkfifo", fifo)) mk!.WaitForExit();
        // one writer, one write, as a shell's process substitution gives: a second open would wait for a writer forever
        var writer = Task.Run(() => File.WriteAllText(fifo, $$"""{"min_campaign_accounts": {{smallest + 1}}}"""));

        var run = Task.Run(() => Analyze(TinyRequest() with { Config = fifo }));

        var first = await Task.WhenAny(run, Task.Delay(TimeSpan.FromSeconds(60)));
        Assert.True(first == run, "analyze opened the config pipe a second time and waited for a writer");
        await writer.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(ExitCodes.Success, await run);
        using var after = JsonDocument.Parse(File.ReadAllText(Path.Combine(_out, "campaigns.json")));
        Assert.All(after.RootElement.EnumerateArray(), c => Assert.True(c.GetProperty("accounts").GetArrayLength() > smallest));
    }

    [Fact]
    public void Execute_ConfigRaisingTheMinimumCampaignSize_ChangesTheCampaignsFound()
    {
        Assert.Equal(ExitCodes.Success, Analyze(TinyRequest()));
        using var before = JsonDocument.Parse(File.ReadAllText(Path.Combine(_out, "campaigns.json")));
        int smallest = before.RootElement.EnumerateArray().Min(c => c.GetProperty("accounts").GetArrayLength());
        string config = Path.Combine(_out, "detector.json");
        File.WriteAllText(config, $$"""{"min_campaign_accounts": {{smallest + 1}}}""");

        Assert.Equal(ExitCodes.Success, Analyze(TinyRequest() with { Config = config }));

        using var after = JsonDocument.Parse(File.ReadAllText(Path.Combine(_out, "campaigns.json")));
        Assert.All(after.RootElement.EnumerateArray(), c => Assert.True(c.GetProperty("accounts").GetArrayLength() > smallest));
    }
}
