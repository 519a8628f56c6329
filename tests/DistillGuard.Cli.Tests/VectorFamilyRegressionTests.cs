namespace DistillGuard.Cli.Tests;

/// <summary>
/// A crowd that shares no identity, end to end (KeyGroupBuilder.MeasureVectorFamilies): in random 11524 a
/// chain-of-thought sweep of 1,292 accounts paid with a card each, signed up on public mail, left from VPN ranges and
/// sent six parameter vectors no other account sends; 94 % of its accounts were opened during the log, against a few per
/// cent of the log's client populations. It was found at 0; its parameter-vector families are now operator evidence. The
/// test fails without KeyGroupBuilder.MeasureVectorFamilies (no account of the sweep is flagged).
/// </summary>
public sealed class VectorFamilyRegressionTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("dg-vector-family-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Random11524_ASweepOnParameterVectorsOfItsOwn_OpenedDuringTheLog_IsFound()
    {
        var (sim, outDir) = RandomWorldRun.SimulateAndAnalyze(_dir, 11524, registry: true);
        RandomWorldRun.AssertFound(sim, outDir, "cot-sweep-1", 1200, 0.95);
    }
}
