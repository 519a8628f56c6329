namespace DistillGuard.Cli.Tests;

/// <summary>
/// An operation riding a public harness, end to end (KeyGroupBuilder.BatchApart): in random 12117 a tool-use harvest of 99
/// program-tier accounts, opened in bursts under shared organisation names and exiting from addresses few others use,
/// runs a coding agent's system prompt that 208 of the log's accounts send. Most of the prompt's holders are untied
/// customers, so the prompt was not the operators' own and the harvest was found at 0. Its tied holders signed up in
/// batches where the prompt's other holders did not; they are operator evidence, and the harvest is found, with no
/// legitimate account flagged.
/// </summary>
public sealed class BatchOnPublicHarnessRegressionTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("dg-batch-public-harness-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Random12117_AToolUseHarvestOnAnAgentsPrompt_IsFound()
    {
        var (sim, outDir) = RandomWorldRun.SimulateAndAnalyze(_dir, 12117, registry: true);
        RandomWorldRun.AssertFound(sim, outDir, "tooluse-1", 90, 0.8);
    }
}
