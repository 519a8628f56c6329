namespace DistillGuard.Cli.Tests;

/// <summary>
/// A day the countries its accounts bill in do not keep (KeyGroupBuilder.MeasureDeniedDays), end to end: in random 11414 a
/// chain-of-thought sweep of 126 accounts — a card each, public mail, 35 networks, no system prompt, its parameters spread
/// over vectors some customers also send — was found at 0: nothing it shares ties it. Its accounts bill in countries all
/// over and keep one day, the operators': on its vectors, holders keeping a day that their countries' accounts do not keep
/// are more than ten times as common as among the log's other accounts (session 41: 0.41 against 0.03). Those are operator
/// evidence now; 0.44 of the sweep is found (0 before).
/// </summary>
public sealed class DeniedDayRegressionTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("dg-denied-day-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Random11414_ASweepOnBoughtIdentitiesKeepingOneDay_IsFound()
    {
        var (sim, outDir) = RandomWorldRun.SimulateAndAnalyze(_dir, 11414, registry: true);
        RandomWorldRun.AssertFound(sim, outDir, "cot-sweep-1", 100, 0.35);
    }
}
