using System.Text.Json;

namespace DistillGuard.Cli.Tests;

/// <summary>
/// A turned-down block is split as an accepted one is (CampaignAssembler.SplitTurnedDown), on the blind red team's
/// adaptive mix (a development log): a transfer station of 28 accounts on hosting exits of its own, harvesting reasoning
/// traces at maximal thinking budgets among the ordinary requests it relays, some of them a course's homework on the
/// course's template. Peeling took the station together with the course's 70 students (one block of 96, turned down on
/// the students' diluted harvest), and the station was in no other block: 0 found. Its part, scored on its own, is a
/// campaign; the students' part stays turned down.
/// </summary>
public sealed class TurnedDownSplitRegressionTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("dg-turned-down-split-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Adaptive25_AStationPeeledWithACoursesStudents_IsFound_AndTheStudentsAreNot()
    {
        var (log, outDir) = RandomWorldRun.RedTeamAndAnalyze(_dir, "adaptive", 25);

        var campaignOf = RandomWorldRun.Labels(log);
        var persona = RandomWorldRun.Personas(log);
        bool Student(string a) => campaignOf[a] is null && persona[a] == "course-student";
        int station = campaignOf.Values.Count(c => c == "trace-station"), students = persona.Keys.Count(Student);
        Assert.True(station >= 20 && students >= 30, $"the mix drew {station} trace-station accounts and {students} course students");
        int found = 0, studentsFlagged = 0;
        foreach (var line in File.ReadLines(Path.Combine(outDir, "verdicts.jsonl")))
        {
            using var v = JsonDocument.Parse(line);
            if (v.RootElement.GetProperty("verdict").GetString() != "campaign") continue;
            var account = v.RootElement.GetProperty("account").GetString()!;
            if (campaignOf[account] == "trace-station") found++;
            if (Student(account)) studentsFlagged++;
        }
        Assert.True(found >= 0.8 * station, $"{found} of {station} trace-station accounts flagged");
        Assert.Equal(0, studentsFlagged);
    }
}
