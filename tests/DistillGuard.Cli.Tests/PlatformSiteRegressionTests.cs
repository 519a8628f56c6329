namespace DistillGuard.Cli.Tests;

/// <summary>
/// An operation on a product's harness, and the product's users on its egress (KeyGroupBuilder.MeasureHarnessOperators),
/// end to end on two random worlds read in session 32.
/// </summary>
public sealed class PlatformSiteRegressionTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("dg-platform-site-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>Random 11408 (held out when read): a tool-use operation runs an agent platform's system prompt from exits
    /// of its own on a machine's schedule; the platform's users send from its egress on their own hours, and a card a few
    /// of them share ties them into one component with the operation. Before, 93 of the platform's 163 users were flagged
    /// with it (precision 0.83): light users whose day could not be judged, and users of the platform's site judged by
    /// the operation's schedule.</summary>
    [Fact]
    public void Random11408_APlatformsUsersTiedToAnOperationOnItsPrompt_AreNotTakenWithIt()
    {
        var (sim, outDir) = RandomWorldRun.SimulateAndAnalyze(_dir, 11408, registry: true);
        var campaignOf = RandomWorldRun.Labels(sim);
        var persona = RandomWorldRun.Personas(sim);
        int platform = persona.Values.Count(p => p == "agent-platform-user"), operation = campaignOf.Values.Count(c => c == "tooluse-2");
        Assert.True(platform > 100 && operation > 50, $"the world drew {platform} platform users and {operation} operation accounts");
        int flaggedUsers = RandomWorldRun.FlaggedByPersona(outDir, persona).GetValueOrDefault("agent-platform-user");
        int found = RandomWorldRun.Flagged(sim, outDir, "tooluse-2").Found;
        Assert.True(flaggedUsers <= 1, $"{flaggedUsers} of {platform} platform users flagged");
        Assert.True(found >= 0.8 * operation, $"{found} of {operation} operation accounts flagged");
    }

    /// <summary>Random 11023: 305 aged accounts with a card each, on people's hours, running two system prompts of their own
    /// from dozens of hosting and VPN addresses, a few accounts pinned to each. Found at 0 before (exits alone on a person's
    /// schedule is what a product's users look like); a product's egress is one site, these are forty.</summary>
    [Fact]
    public void Random11023_AnOperationPinnedAtManySitesOnItsOwnPrompt_IsFound()
    {
        var (sim, outDir) = RandomWorldRun.SimulateAndAnalyze(_dir, 11023, registry: true);
        RandomWorldRun.AssertFound(sim, outDir, "tooluse-2", 201, 0.75);
    }
}
