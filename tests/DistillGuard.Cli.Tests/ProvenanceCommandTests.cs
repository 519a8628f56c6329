using System.Text.Json;
using DistillGuard.Cli.Commands;
using DistillGuard.Provenance.Canaries;
using DistillGuard.Provenance.Watermarking;

namespace DistillGuard.Cli.Tests;

public sealed class ProvenanceCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("dg-provenance-").FullName;
    private readonly StringWriter _out = new();
    private readonly StringWriter _err = new();

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string P(string name) => Path.Combine(_dir, name);

    private static readonly string[] Replies =
    [
        "Sure, I can help you with that. I don't have your booking yet, but I'll look it up once you share the reservation ID.",
        "Unfortunately, I cannot change a basic economy ticket. However, you may want to cancel it and make a new booking.",
        "If you have any other questions, feel free to ask. It's important to check the baggage allowance before you fly.",
        "I'm unable to see the payment details. Could you please confirm which card you'd like to use? I think it is the Visa.",
        "Additionally, you can't combine two certificates. For example, you're able to use one certificate and a gift card.",
    ];

    private string Jsonl(string name, IEnumerable<string> texts)
    {
        File.WriteAllLines(P(name), texts.Select((t, i) => JsonSerializer.Serialize(new { text = t, n = i })));
        return P(name);
    }

    private IEnumerable<string> Corpus(int copies) => Enumerable.Range(0, copies).SelectMany(i => Replies.Select(r => r.Replace("Visa", "Visa " + i)));

    [Fact]
    public void Keygen_Apply_Provenance_EndToEnd()
    {
        Assert.Equal(ExitCodes.Success, WatermarkCommand.Run(["keygen", "--out", P("k.json"), "--lab", "acme"], _out, _err));
        if (!OperatingSystem.IsWindows()) Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(P("k.json")));
        Assert.Contains("commitment sha256:", _out.ToString());

        string input = Jsonl("in.jsonl", Corpus(1));
        Assert.Equal(ExitCodes.Success, WatermarkCommand.Run(["apply", "--key", P("k.json"), "--in", input, "--out", P("out.jsonl")], _out, _err));
        var outLines = File.ReadAllLines(P("out.jsonl"));
        Assert.Equal(File.ReadAllLines(input).Length, outLines.Length);
        Assert.All(outLines.Select((l, i) => JsonDocument.Parse(l).RootElement), (e, i) => Assert.Equal(i, e.GetProperty("n").GetInt32()));

        // A larger body, marked the same way, is detected; the unmarked one is not. With a fixed key: under a fresh random
        // key the unmarked body reads as marked once in a hundred runs (the test's 0.01 level), which is the statistic's
        // false-positive rate, not a fault.
        WatermarkKey.FromSeed("provenance-command-test", "acme").Save(P("fixed.json"));
        string clean = Jsonl("clean.jsonl", Corpus(1).Concat(Replies.Select(r => r + " Thanks!")));
        string marked = P("marked.jsonl");
        Assert.Equal(ExitCodes.Success, WatermarkCommand.Run(["apply", "--key", P("fixed.json"), "--in", clean, "--out", marked, "--max-change-share", "1"], _out, _err));
        _out.GetStringBuilder().Clear();
        Assert.Equal(ExitCodes.Success, ProvenanceCommand.Run(["--key", P("fixed.json"), "--texts", marked, "--json", "--statistic", "hits"], _out, _err));
        var doc = JsonDocument.Parse(_out.ToString()).RootElement;
        Assert.True(doc.GetProperty("p_value").GetDouble() < 0.01);
        Assert.True(doc.GetProperty("tokens").GetInt64() > 100);
        Assert.True(doc.GetProperty("scored").GetInt32() > 10);

        _out.GetStringBuilder().Clear();
        Assert.Equal(ExitCodes.Success, ProvenanceCommand.Run(["--key", P("fixed.json"), "--texts", clean, "--report", P("report.md"), "--suspect", "model-x"], _out, _err));
        Assert.Contains("not detected", _out.ToString());
        string report = File.ReadAllText(P("report.md"));
        Assert.Contains(WatermarkKey.Load(P("fixed.json")).Commitment, report);
        Assert.Contains("Null hypothesis", report);
        Assert.Contains("does not show", report);
    }

    [Fact]
    public void Provenance_Canaries_ScoresAnswersPerSubject()
    {
        var key = WatermarkKey.FromSeed("cli");
        var reg = new JsonlCanaryRegistry(P("reg.jsonl"));
        for (int a = 0; a < 4; a++)
            for (int s = 0; s < 3; s++) new CanaryIssuer(key, reg, serial: s).Issue($"acct-{a}", null, $"ex-{a}-{s}");
        Assert.Equal(ExitCodes.Success, ProvenanceCommand.Run(["probes", "--canaries", P("reg.jsonl"), "--out", P("probes.jsonl")], _out, _err));
        var records = reg.All().GroupBy(r => r.CanaryId).ToDictionary(g => g.Key, g => g.First());
        var answers = File.ReadAllLines(P("probes.jsonl")).Select(l => JsonDocument.Parse(l).RootElement).Select(p =>
        {
            var r = records[p.GetProperty("canary_id").GetString()!];
            return JsonSerializer.Serialize(new { probe_id = p.GetProperty("probe_id").GetString(), text = r.Account == "acct-2" ? r.Answer : "no idea" });
        });
        File.WriteAllLines(P("answers.jsonl"), answers);
        _out.GetStringBuilder().Clear();
        Assert.Equal(ExitCodes.Success, ProvenanceCommand.Run(["--canaries", P("reg.jsonl"), "--answers", P("answers.jsonl"), "--json"], _out, _err));
        var canaries = JsonDocument.Parse(_out.ToString()).RootElement.GetProperty("canaries").EnumerateArray().ToList();
        var hit = canaries.Single(c => c.GetProperty("subject").GetString() == "account:acct-2");
        Assert.Equal(6, hit.GetProperty("matches").GetInt32());
        Assert.True(hit.GetProperty("adjusted_p_value").GetDouble() < 1e-6);
        Assert.All(canaries.Where(c => c.GetProperty("subject").GetString() != "account:acct-2"), c => Assert.Equal(0, c.GetProperty("matches").GetInt32()));
    }

    [Fact]
    public void Probes_Served_AreCutFromWhatWasServedWatermarkedOnly_AllKeptByDefault()
    {
        // The reference is the lab's clean outputs; the served file (a watermark journal's lines, extra fields and all)
        // holds the originals of what it served watermarked. Probes come from the served texts only.
        string clean = Jsonl("clean.jsonl", Corpus(6));
        string[] servedTexts = [Replies[1], Replies[4]];
        File.WriteAllLines(P("journal.jsonl"), servedTexts.Select((t, i) => JsonSerializer.Serialize(new { exchange_id = $"ex-{i}", account = "acct_x", key_id = "k1", block = 0, text = t })));
        Assert.Equal(ExitCodes.Success, ProvenanceCommand.Run(["probes", "--reference", clean, "--served", P("journal.jsonl"), "--out", P("served.jsonl")], _err, _err));
        var probes = File.ReadAllLines(P("served.jsonl")).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("prefix").GetString()!).ToList();
        Assert.NotEmpty(probes);
        Assert.All(probes, pr => Assert.Contains(servedTexts, t => t.Contains(pr, StringComparison.Ordinal)));
        // all candidates kept (--keep defaults to 1 with --served), the same set the library builds from those texts
        Assert.Equal(DistillGuard.Provenance.Detection.WatermarkProbes.Build(servedTexts, perUnit: 8).Count, probes.Count);
        // with --keep 0.5, half of them
        Assert.Equal(ExitCodes.Success, ProvenanceCommand.Run(["probes", "--reference", clean, "--served", P("journal.jsonl"), "--keep", "0.5", "--out", P("half.jsonl")], _err, _err));
        Assert.Equal((int)Math.Ceiling(probes.Count * 0.5), File.ReadAllLines(P("half.jsonl")).Length);
        // the plain route still cuts from the reference
        Assert.Equal(ExitCodes.Success, ProvenanceCommand.Run(["probes", "--reference", clean, "--out", P("all.jsonl")], _err, _err));
        Assert.True(File.ReadAllLines(P("all.jsonl")).Length > probes.Count);
    }

    [Fact]
    public void Provenance_BadArguments_AreAllReportedAsAUsageError()
    {
        int code = ProvenanceCommand.Run(["--texts", P("none.jsonl"), "--statistic", "magic", "--alpha", "7", "--bogus"], _out, _err);
        Assert.Equal(ExitCodes.UsageError, code);
        string err = _err.ToString();
        Assert.Contains("--texts: file not found", err);
        Assert.Contains("--key FILE is required", err);
        Assert.Contains("--statistic: 'magic'", err);
        Assert.Contains("--alpha: '7'", err);
        Assert.Contains("'--bogus'", err);
    }

    [Fact]
    public void Watermark_BadArguments_AreAllReported_AndKeysAreNeverOverwritten()
    {
        File.WriteAllText(P("exists.json"), "{}");
        Assert.Equal(ExitCodes.UsageError, WatermarkCommand.Run(["keygen", "--out", P("exists.json"), "--scope", "account"], _out, _err));
        Assert.Contains("exists", _err.ToString());
        Assert.Contains("needs --subject", _err.ToString());
        Assert.Equal("{}", File.ReadAllText(P("exists.json")));
        Assert.Equal(ExitCodes.UsageError, WatermarkCommand.Run(["apply", "--key", P("nokey.json"), "--in", P("none.jsonl"), "--max-change-share", "2"], _out, _err));
        Assert.Contains("--out FILE is required", _err.ToString());
        Assert.Contains("--max-change-share", _err.ToString());
    }

    [Fact]
    public void Apply_MalformedLine_IsAnInputError()
    {
        WatermarkKey.FromSeed("m").Save(P("k.json"));
        File.WriteAllLines(P("in.jsonl"), ["{\"text\": \"fine\"}", "{\"nope\": 1}", "not json"]);
        Assert.Equal(ExitCodes.InputError, WatermarkCommand.Run(["apply", "--key", P("k.json"), "--in", P("in.jsonl"), "--out", P("o.jsonl")], _out, _err));
        Assert.Contains("line 2", _err.ToString());
        Assert.Contains("line 3", _err.ToString());
    }
}
