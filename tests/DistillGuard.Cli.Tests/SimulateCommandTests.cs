using System.IO.Compression;
using System.Text.Json;
using DistillGuard.Cli.Commands;

namespace DistillGuard.Cli.Tests;

/// <summary><c>distillguard simulate</c> run in-process: exit codes, the files it writes, and its JSON summary.</summary>
public sealed class SimulateCommandTests : IDisposable
{
    private static readonly string[] OutputFiles = ["exchanges.jsonl.gz", "accounts.jsonl", "labels.jsonl", "scenario.json", "allow.txt"];
    private readonly string _dir = Directory.CreateTempSubdirectory("dg-simulate-").FullName;
    private readonly StringWriter _out = new();
    private readonly StringWriter _err = new();

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private int Run(params string[] args) => SimulateCommand.Run(args, _out, _err);

    private static List<string> ReadGzipLines(string path)
    {
        using var fs = File.OpenRead(path);
        using var gz = new GZipStream(fs, CompressionMode.Decompress);
        using var reader = new StreamReader(gz);
        var lines = new List<string>();
        while (reader.ReadLine() is { } line) lines.Add(line);
        return lines;
    }

    [Fact]
    public void Run_TinyWithJson_ExitsZeroWritesEveryFileAndTheSummaryMatchesTheFiles()
    {
        string outDir = Path.Combine(_dir, "tiny");

        int code = Run("--scenario", "tiny", "--seed", "5", "--out", outDir, "--json", "--threads", "2");

        Assert.True(code == 0, _err.ToString());
        foreach (var f in OutputFiles) Assert.True(File.Exists(Path.Combine(outDir, f)), $"{f} missing");
        Assert.False(File.Exists(Path.Combine(outDir, "exchanges.jsonl.gz.partial")));

        var exchanges = ReadGzipLines(Path.Combine(outDir, "exchanges.jsonl.gz"));
        var accounts = File.ReadAllLines(Path.Combine(outDir, "accounts.jsonl"));
        var labels = File.ReadAllLines(Path.Combine(outDir, "labels.jsonl"));
        var allow = File.ReadAllLines(Path.Combine(outDir, "allow.txt"));

        using var doc = JsonDocument.Parse(_out.ToString());
        var s = doc.RootElement;
        Assert.Equal("tiny", s.GetProperty("scenario").GetString());
        Assert.Equal(5UL, s.GetProperty("seed").GetUInt64());
        Assert.Equal(exchanges.Count, s.GetProperty("exchanges").GetInt64());
        Assert.Equal(accounts.Length, s.GetProperty("accounts").GetInt32());
        Assert.Equal(labels.Length, s.GetProperty("active_accounts").GetInt32());
        Assert.Equal(allow.Length, s.GetProperty("licensed_accounts").GetInt32());
        Assert.InRange(exchanges.Count, 1000, 5000);

        // Per-API and per-group exchange counts add up to the log, and each API count matches the lines.
        var apiInLog = exchanges.Select(l => JsonDocument.Parse(l).RootElement.GetProperty("api").GetString()!)
            .GroupBy(a => a).ToDictionary(g => g.Key, g => (long)g.Count());
        foreach (var api in s.GetProperty("apis").EnumerateObject())
            Assert.Equal(apiInLog.GetValueOrDefault(api.Name), api.Value.GetInt64());
        long groups = s.GetProperty("personas").EnumerateObject().Concat(s.GetProperty("campaigns").EnumerateObject())
            .Sum(g => g.Value.GetProperty("exchanges").GetInt64());
        Assert.Equal(exchanges.Count, groups);

        // The labels name exactly the accounts of the log; scenario.json agrees with the summary.
        var inLog = exchanges.Select(l => JsonDocument.Parse(l).RootElement.GetProperty("account").GetString()!).ToHashSet();
        var labelled = labels.Select(l => JsonDocument.Parse(l).RootElement.GetProperty("account").GetString()!).ToHashSet();
        Assert.True(inLog.SetEquals(labelled));
        using var scenario = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "scenario.json")));
        Assert.Equal(exchanges.Count, scenario.RootElement.GetProperty("counts").GetProperty("exchanges").GetInt64());
    }

    [Fact]
    public void Run_WithoutJson_PrintsASummaryTable()
    {
        int code = Run("--scenario", "tiny", "--out", Path.Combine(_dir, "t"), "--no-progress", "--days", "1");

        Assert.True(code == 0, _err.ToString());
        string text = _out.ToString();
        Assert.Contains("cot-sweep-1", text);
        Assert.Contains("exchanges/s", text);
    }

    [Fact]
    public void Run_ScenarioFileWithSeveralErrors_ExitsTwoAndListsEveryError()
    {
        string file = Path.Combine(_dir, "bad.yaml");
        File.WriteAllText(file, """
            extends: tiny
            name: broken
            colour: blue
            personas:
              - {persona: pirate, accounts: 3}
            campaigns:
              - name: cot-sweep-1
                evasion: {dilution: 2}
            """);
        string outDir = Path.Combine(_dir, "never");

        int code = Run("--scenario", file, "--out", outDir, "--json");

        Assert.Equal(2, code);
        string err = _err.ToString();
        Assert.Contains("colour", err);
        Assert.Contains("pirate", err);
        Assert.Contains("dilution", err);
        Assert.Equal("", _out.ToString());
        Assert.False(Directory.Exists(outDir));
    }

    [Fact]
    public void Run_Random_DrawsItsWorldFromTheSeedAndRecordsItInScenarioJson()
    {
        string Sim(string name, string seed)
        {
            string outDir = Path.Combine(_dir, name);
            int code = Run("--scenario", "random", "--seed", seed, "--days", "2", "--scale", "0.05", "--out", outDir, "--json", "--threads", "2");
            Assert.True(code == 0, _err.ToString());
            return File.ReadAllText(Path.Combine(outDir, "scenario.json"));
        }

        string a = Sim("a", "3"), b = Sim("b", "3"), c = Sim("c", "4");

        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
        using var doc = JsonDocument.Parse(a);
        var scenario = doc.RootElement.GetProperty("scenario");
        Assert.Equal("random", scenario.GetProperty("name").GetString());
        var campaigns = scenario.GetProperty("campaigns").EnumerateArray().ToList();
        Assert.InRange(campaigns.Count, 3, 6);
        Assert.Equal(campaigns.Count, campaigns.Select(x => x.GetProperty("name").GetString()).Distinct().Count());
        Assert.All(campaigns, x => Assert.True(x.TryGetProperty("max_tokens", out _) && x.TryGetProperty("evasion", out _) && x.TryGetProperty("egress", out _)));
    }

    [Fact]
    public void Run_UnknownScenarioName_ExitsTwoAndNamesTheBuiltIns()
    {
        int code = Run("--scenario", "no-such-scenario", "--out", Path.Combine(_dir, "x"));

        Assert.Equal(2, code);
        Assert.Contains("no-such-scenario", _err.ToString());
        Assert.Contains("standard", _err.ToString());
    }

    [Fact]
    public void Run_BadOptionValues_ExitTwoAndListEachProblem()
    {
        int code = Run("--scenario", "tiny", "--out", Path.Combine(_dir, "y"), "--threads", "0", "--days", "-1");

        Assert.Equal(2, code);
        Assert.Contains("--threads", _err.ToString());
        Assert.Contains("--days", _err.ToString());
    }

    [Fact]
    public void Run_MissingOut_ExitsTwo()
    {
        Assert.Equal(2, Run("--scenario", "tiny"));
        Assert.NotEqual("", _err.ToString());
    }
}
