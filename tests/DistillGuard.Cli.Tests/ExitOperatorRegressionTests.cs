using System.Text.Json;

namespace DistillGuard.Cli.Tests;

/// <summary>
/// Operator evidence from exits no IP intelligence names (KeyGroupBuilder.MeasureExitOperators), end to end: in random 13522
/// a paraphrased chain-of-thought sweep of 293 accounts on mobile and hosting exits (8.6 accounts to an address, nobody
/// else on them), throttled, a card to every three accounts or so, was 0.23 found: its card pairs are too small to be
/// identity clusters, and without IP intelligence its addresses tie nobody. Joined through the exact addresses they share,
/// its accounts are clusters of 3–8 that pay with shared cards and move to the new model together — operators — and the
/// sweep is found with them (no legitimate account flagged in the world).
/// </summary>
public sealed class ExitOperatorRegressionTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("dg-exit-operator-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Random13522_SweepOnExitsNothingNamesAsHosting_IsFound()
    {
        var (sim, outDir) = RandomWorldRun.SimulateAndAnalyze(_dir, 13522, registry: true);
        RandomWorldRun.AssertFound(sim, outDir, "cot-sweep-1", 250, 0.65);
        int onExits = 0;
        foreach (var line in File.ReadLines(Path.Combine(outDir, "verdicts.jsonl")))
        {
            using var v = JsonDocument.Parse(line);
            foreach (var r in v.RootElement.GetProperty("reasons").EnumerateArray())
                if (r.GetProperty("signal").GetString() == "operator-evidence" && r.GetProperty("detail").GetString()!.Contains("no IP intelligence names as hosting"))
                    onExits++;
        }
        Assert.True(onExits >= 100, $"{onExits} accounts with operator evidence from exits no IP intelligence names");
    }

    /// <summary>
    /// Random 13704 (session 50): a throttled chain-of-thought sweep of 63 bought aged accounts, a card each, 15.7 to an
    /// address on four addresses nobody else uses, all on one parameter vector that 67 customers of the world also send
    /// (a common budget and temperature), its harvest diluted below one request in ten per account. Its exit clusters ran
    /// round the clock but were turned down for want of a harness "of their own" (most of the vector's holders are
    /// customers nothing ties), and the sweep was 0 found. One harness among an exit's accounts on a machine's day is enough.
    /// </summary>
    [Fact]
    public void Random13704_SweepOnAPopularVectorRoundTheClock_IsFound()
    {
        var (sim, outDir) = RandomWorldRun.SimulateAndAnalyze(_dir, 13704, registry: true);
        RandomWorldRun.AssertFound(sim, outDir, "cot-sweep-3", 60, 0.75);
    }
}
