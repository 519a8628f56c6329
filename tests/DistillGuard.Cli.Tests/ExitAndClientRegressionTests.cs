using System.Text.Json;

namespace DistillGuard.Cli.Tests;

/// <summary>
/// One exit and one client, one operation (CampaignAssembler.AdoptByExitAndClient), end to end: in random 11718 a
/// transfer station of 759 accounts runs from hosting addresses most of whose holders are its own; 158 of its accounts
/// were left out (0.79 found), most of them sharing nothing with it but one of those addresses and its client. Sending
/// most of their exchanges directly from addresses the campaign's flagged accounts hold most of, with the client those
/// accounts run there, they are its accounts, each with the reason and its exchanges.
/// </summary>
public sealed class ExitAndClientRegressionTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("dg-exit-and-client-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Random11718_AccountsOnAStationsAddressesWithItsClient_AreItsAccounts()
    {
        var (sim, outDir) = RandomWorldRun.SimulateAndAnalyze(_dir, 11718, registry: true);
        RandomWorldRun.AssertFound(sim, outDir, "station-1", 700, 0.90);
        int adopted = 0;
        foreach (var line in File.ReadLines(Path.Combine(outDir, "verdicts.jsonl")))
        {
            using var v = JsonDocument.Parse(line);
            foreach (var r in v.RootElement.GetProperty("reasons").EnumerateArray())
            {
                if (r.GetProperty("signal").GetString() != "operator-exit") continue;
                Assert.Equal("campaign", v.RootElement.GetProperty("verdict").GetString());
                Assert.True(r.GetProperty("exchange_ids").GetArrayLength() > 0);
                adopted++;
            }
        }
        Assert.True(adopted >= 50, $"{adopted} accounts flagged on an operation's exit and client");
    }
}
