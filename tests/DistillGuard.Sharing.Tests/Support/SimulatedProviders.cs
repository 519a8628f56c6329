using System.IO.Compression;
using System.Text;
using DistillGuard.Simulation.Engine;
using DistillGuard.Simulation.Scenarios;

namespace DistillGuard.Sharing.Tests.Support;

/// <summary>Two providers' logs carrying the same campaign under different account names. Provider A is the built-in
/// `tiny` scenario (seed 7); provider B is the same traffic with every account id and API key renamed (acct_ → bcct_,
/// key_ → bkey_). Two seeds would be two different campaigns (other addresses, other templates); a renamed copy is the
/// same operation — same proxy addresses, TLS stacks, prompt templates and payment cards — signed up under other
/// names at another lab, which is exactly what sharing has to link. Generated once per test run into a temp directory.</summary>
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
        SimulationRunner.Run(new SimulationOptions { Scenario = ScenarioLoader.Load("tiny"), Seed = 7, OutDir = a, Threads = 1 });
        Directory.CreateDirectory(b);
        using (var input = new GZipStream(File.OpenRead(Log(a)), CompressionMode.Decompress))
        using (var reader = new StreamReader(input, Encoding.UTF8))
        using (var output = new GZipStream(File.Create(Log(b)), CompressionLevel.Fastest))
        using (var writer = new StreamWriter(output, new UTF8Encoding(false)))
        {
            string? line;
            while ((line = reader.ReadLine()) is not null) writer.Write(Rename(line) + "\n");
        }
        foreach (var f in new[] { "accounts.jsonl", "allow.txt", "labels.jsonl" })
            if (File.Exists(Path.Combine(a, f))) File.WriteAllText(Path.Combine(b, f), Rename(File.ReadAllText(Path.Combine(a, f))));
        return (a, b);
    }

    public static string Rename(string text) => text.Replace("acct_", "bcct_", StringComparison.Ordinal).Replace("\"key_", "\"bkey_", StringComparison.Ordinal);
}
