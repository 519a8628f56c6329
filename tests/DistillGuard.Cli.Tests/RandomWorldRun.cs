using System.Text.Json;
using DistillGuard.Cli.Commands;
using DistillGuard.Simulation.Engine;
using DistillGuard.Simulation.Scenarios;

namespace DistillGuard.Cli.Tests;

/// <summary>A randomised world simulated and analysed end to end, for regression tests on one seed.</summary>
internal static class RandomWorldRun
{
    /// <summary>Simulates random <paramref name="seed"/> under <paramref name="dir"/> and runs <c>analyze</c> on it (with the
    /// registry and allowlist, or the log alone). Returns the simulation and output folders.</summary>
    public static (string Sim, string Out) SimulateAndAnalyze(string dir, ulong seed, bool registry)
    {
        var sim = Path.Combine(dir, "sim");
        SimulationRunner.Run(new SimulationOptions { Scenario = ScenarioLoader.Load("random", seed), Seed = seed, OutDir = sim, Threads = 2 });
        return (sim, Analyze(sim, Path.Combine(dir, "out"), registry));
    }

    /// <summary>Generates the blind red team's <paramref name="mix"/> at <paramref name="seed"/> into <paramref name="dir"/>/log
    /// (bench/DistillGuard.RedTeam) and runs <c>analyze</c> on it with the registry and allowlist. Returns the log and
    /// output folders.</summary>
    public static (string Log, string Out) RedTeamAndAnalyze(string dir, string mix, ulong seed)
    {
        var log = Path.Combine(dir, "log");
        var g = new DistillGuard.RedTeam.Gen(mix, seed);
        DistillGuard.RedTeam.Mixes.Build(g, mix);
        Directory.CreateDirectory(log);
        DistillGuard.RedTeam.Output.Write(g, log, seed, System.Diagnostics.Stopwatch.StartNew());
        return (log, Analyze(log, Path.Combine(dir, "out"), registry: true));
    }

    /// <summary>Runs <c>analyze</c> on the labelled log in <paramref name="sim"/> (exchanges.jsonl.gz, and with
    /// <paramref name="registry"/> its accounts.jsonl and allow.txt) into <paramref name="outDir"/>; returns the latter.</summary>
    public static string Analyze(string sim, string outDir, bool registry)
    {
        int code = AnalyzeCommand.Execute(new AnalyzeCommand.Request
        {
            Logs = [Path.Combine(sim, "exchanges.jsonl.gz")],
            Accounts = registry ? Path.Combine(sim, "accounts.jsonl") : null,
            Allow = registry ? Path.Combine(sim, "allow.txt") : null,
            OutDir = outDir,
            Workers = 2,
            NoProgress = true,
        }, new StringWriter(), new StringWriter());
        Assert.Equal(0, code);
        return outDir;
    }

    /// <summary>Asserts that no published campaign holds a tenth of both labelled campaigns, and that at least the given
    /// shares of each are published at all (a split never unflags anyone).</summary>
    public static void AssertPublishedApart(string sim, string outDir, string a, string b, double publishedA, double publishedB)
    {
        var campaignOf = Labels(sim);
        int na = campaignOf.Values.Count(c => c == a), nb = campaignOf.Values.Count(c => c == b);
        Assert.True(na > 100 && nb > 100, $"the world drew {na} {a} and {nb} {b} accounts");
        using var campaigns = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "campaigns.json")));
        int pa = 0, pb = 0;
        foreach (var c in campaigns.RootElement.EnumerateArray())
        {
            var members = c.GetProperty("accounts").EnumerateArray().Select(x => campaignOf.GetValueOrDefault(x.GetString()!)).ToList();
            int ia = members.Count(x => x == a), ib = members.Count(x => x == b);
            Assert.False(ia >= 0.1 * na && ib >= 0.1 * nb, $"{c.GetProperty("id")}: {ia} {a} and {ib} {b} accounts of {members.Count}");
            pa += ia;
            pb += ib;
        }
        Assert.True(pa >= publishedA * na, $"{pa} of {na} {a} accounts published");
        Assert.True(pb >= publishedB * nb, $"{pb} of {nb} {b} accounts published");
    }

    /// <summary>Accounts of labelled campaign <paramref name="campaign"/> in the world, how many of them <c>analyze</c>
    /// flagged, and how many legitimate accounts it flagged.</summary>
    public static (int Accounts, int Found, int Legitimate) Flagged(string sim, string outDir, string campaign)
    {
        var campaignOf = Labels(sim);
        int found = 0, legit = 0;
        foreach (var line in File.ReadLines(Path.Combine(outDir, "verdicts.jsonl")))
        {
            using var v = JsonDocument.Parse(line);
            if (v.RootElement.GetProperty("verdict").GetString() != "campaign") continue;
            var c = campaignOf[v.RootElement.GetProperty("account").GetString()!];
            if (c == campaign) found++;
            if (c is null) legit++;
        }
        return (campaignOf.Values.Count(c => c == campaign), found, legit);
    }

    /// <summary>Asserts that the world drew at least <paramref name="drawn"/> accounts of labelled campaign
    /// <paramref name="campaign"/>, that <c>analyze</c> flagged at least <paramref name="share"/> of them, and that it
    /// flagged no legitimate account.</summary>
    public static void AssertFound(string sim, string outDir, string campaign, int drawn, double share)
    {
        var (accounts, found, legit) = Flagged(sim, outDir, campaign);
        Assert.True(accounts >= drawn, $"the world drew {accounts} {campaign} accounts");
        Assert.True(found >= share * accounts, $"{found} of {accounts} {campaign} accounts flagged");
        Assert.Equal(0, legit);
    }

    /// <summary>The published campaigns holding accounts of labelled campaign <paramref name="campaign"/>: for each, its
    /// accounts of that campaign and its members.</summary>
    public static List<(int Of, int Members)> PublishedWith(string sim, string outDir, string campaign)
    {
        var campaignOf = Labels(sim);
        using var campaigns = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "campaigns.json")));
        var list = new List<(int, int)>();
        foreach (var c in campaigns.RootElement.EnumerateArray())
        {
            var members = c.GetProperty("accounts").EnumerateArray().Select(x => campaignOf.GetValueOrDefault(x.GetString()!)).ToList();
            int of = members.Count(x => x == campaign);
            if (of > 0) list.Add((of, members.Count));
        }
        return list;
    }

    /// <summary>How many accounts of each labelled persona <c>analyze</c> flagged (campaign verdict).</summary>
    public static Dictionary<string, int> FlaggedByPersona(string outDir, Dictionary<string, string> personas)
    {
        var flagged = new Dictionary<string, int>();
        foreach (var line in File.ReadLines(Path.Combine(outDir, "verdicts.jsonl")))
        {
            using var v = JsonDocument.Parse(line);
            if (v.RootElement.GetProperty("verdict").GetString() != "campaign") continue;
            var p = personas[v.RootElement.GetProperty("account").GetString()!];
            flagged[p] = flagged.GetValueOrDefault(p) + 1;
        }
        return flagged;
    }

    /// <summary>Each account's labelled persona (campaign accounts carry one too).</summary>
    public static Dictionary<string, string> Personas(string sim)
    {
        var persona = new Dictionary<string, string>();
        foreach (var line in File.ReadLines(Path.Combine(sim, "labels.jsonl")))
        {
            using var doc = JsonDocument.Parse(line);
            persona[doc.RootElement.GetProperty("account").GetString()!] = doc.RootElement.GetProperty("persona").GetString()!;
        }
        return persona;
    }

    /// <summary>Each account's labelled campaign (null for legitimate accounts).</summary>
    public static Dictionary<string, string?> Labels(string sim)
    {
        var campaignOf = new Dictionary<string, string?>();
        foreach (var line in File.ReadLines(Path.Combine(sim, "labels.jsonl")))
        {
            using var doc = JsonDocument.Parse(line);
            var c = doc.RootElement.GetProperty("campaign");
            campaignOf[doc.RootElement.GetProperty("account").GetString()!] = c.ValueKind == JsonValueKind.Null ? null : c.GetString();
        }
        return campaignOf;
    }
}
