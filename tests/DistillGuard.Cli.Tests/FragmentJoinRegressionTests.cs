namespace DistillGuard.Cli.Tests;

/// <summary>
/// Who and how, one campaign (CampaignAssembler.JoinByWhoAndHow), end to end: in random 11202 a 287-account CoT sweep was
/// published as four campaigns (240, 27, 3 and 3 accounts, each pure), the pieces peeling cut from one operation that
/// runs one harness — a system prompt or parameter vector most of every piece's flagged members send — and whose pieces
/// share cards, domains or addresses with the largest. They are published as one, with every account they flagged.
/// </summary>
public sealed class FragmentJoinRegressionTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("dg-fragment-join-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Random11202_TheSweepsPiecesOnItsHarness_ArePublishedAsOne()
    {
        var (sim, outDir) = RandomWorldRun.SimulateAndAnalyze(_dir, 11202, registry: true);
        RandomWorldRun.AssertFound(sim, outDir, "cot-sweep-1", 201, 0.9);
        var published = RandomWorldRun.PublishedWith(sim, outDir, "cot-sweep-1");
        Assert.True(published.Count <= 2, $"published as {published.Count}: " + string.Join(", ", published.Select(p => $"{p.Of} of {p.Members}")));
        Assert.All(published, p => Assert.True(p.Of >= 0.95 * p.Members, $"a campaign of {p.Members} holds {p.Of} sweep accounts"));
    }
}
