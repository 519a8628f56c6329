using System.IO.Compression;
using System.Text;
using DistillGuard.Simulation.Engine;
using DistillGuard.Simulation.Scenarios;

namespace DistillGuard.Sharing.Tests.Support;

/// <summary>Two providers' logs carrying the same campaign under different account names. Provider A is the built-in
/// `tiny` scenario (seed 7). Provider B is a different provider: its own customers and its own campaigns (`tiny`, seed 8),
/// into which A's campaign accounts' traffic is spliced, merged by time, with every account id, API key and exchange
/// id renamed (acct_ → bcct_, key_ → bkey_, ex_ → exa_) and their registry rows and labels added; B's own accounts are
/// renamed into B's id space (acct_ → bown_). So B sees the same
/// operation — same proxy addresses, TLS stacks, prompt templates and payment cards — signed up under other names
/// among customers A never saw, which is what sharing has to link. Generated once per test run into a temp directory.</summary>
public static class SimulatedProviders
{
    private static readonly Lazy<(string A, string B)> s_dirs = new(Create, LazyThreadSafetyMode.ExecutionAndPublication);

    public static string A => s_dirs.Value.A;
    public static string B => s_dirs.Value.B;

    public static string Log(string dir) => Path.Combine(dir, "exchanges.jsonl.gz");
    public static string Accounts(string dir) => Path.Combine(dir, "accounts.jsonl");
    public static string Allow(string dir) => Path.Combine(dir, "allow.txt");

    private static (string, string) Create()
    {
        var root = Path.Combine(Path.GetTempPath(), "dg-share-tests-" + Environment.ProcessId + "-" + Guid.NewGuid().ToString("N")[..8]);
        var a = Path.Combine(root, "provider-a");
        var b = Path.Combine(root, "provider-b");
        // shared by every test of the run, so removed when the test process ends (each run left 12 MB behind in /tmp)
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try { Directory.Delete(root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        };
        SimulationRunner.Run(new SimulationOptions { Scenario = ScenarioLoader.Load("tiny"), Seed = 7, OutDir = a, Threads = 1 });
        SimulationRunner.Run(new SimulationOptions { Scenario = ScenarioLoader.Load("tiny"), Seed = 8, OutDir = b, Threads = 1 });

        var campaignAccounts = File.ReadLines(Path.Combine(a, "labels.jsonl"))
            .Select(l => System.Text.Json.JsonDocument.Parse(l).RootElement)
            .Where(e => e.GetProperty("campaign").ValueKind == System.Text.Json.JsonValueKind.String)
            .Select(e => e.GetProperty("account").GetString()!)
            .ToHashSet(StringComparer.Ordinal);
        bool FromCampaign(string line) => campaignAccounts.Contains(System.Text.Json.JsonDocument.Parse(line).RootElement.GetProperty("account").GetString()!);

        var spliced = ReadLines(Log(a)).Where(FromCampaign).Select(l => RenameExchange(l)).ToList();
        // B's own customers get B's own id space too (the simulator numbers accounts the same way for every seed).
        var own = ReadLines(Log(b)).Select(RenameOwn).ToList();
        foreach (var f in new[] { "accounts.jsonl", "labels.jsonl", "allow.txt" })
            if (File.Exists(Path.Combine(b, f))) File.WriteAllText(Path.Combine(b, f), RenameOwn(File.ReadAllText(Path.Combine(b, f))));
        var merged = own.Concat(spliced).OrderBy(Ts, StringComparer.Ordinal).ToList();
        using (var output = new GZipStream(File.Create(Log(b)), CompressionLevel.Fastest))
        using (var writer = new StreamWriter(output, new UTF8Encoding(false)))
            foreach (var line in merged) writer.Write(line + "\n");
        foreach (var f in new[] { "accounts.jsonl", "labels.jsonl" })
        {
            var rows = File.ReadLines(Path.Combine(a, f)).Where(FromCampaign).Select(Rename);
            File.AppendAllLines(Path.Combine(b, f), rows);
        }
        return (a, b);
    }

    private static string RenameOwn(string text) => text.Replace("acct_", "bown_", StringComparison.Ordinal).Replace("\"key_", "\"bownkey_", StringComparison.Ordinal);

    private static IEnumerable<string> ReadLines(string gz)
    {
        using var input = new GZipStream(File.OpenRead(gz), CompressionMode.Decompress);
        using var reader = new StreamReader(input, Encoding.UTF8);
        while (reader.ReadLine() is { } line) yield return line;
    }

    private static string Ts(string line) => System.Text.Json.JsonDocument.Parse(line).RootElement.GetProperty("ts").GetString()!;

    private static string RenameExchange(string line) => Rename(line.StartsWith("{\"id\":\"ex_", StringComparison.Ordinal) ? "{\"id\":\"exa_" + line[10..] : line);

    public static string Rename(string text) => text.Replace("acct_", "bcct_", StringComparison.Ordinal).Replace("\"key_", "\"bkey_", StringComparison.Ordinal);
}
