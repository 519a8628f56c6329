using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using DistillGuard.Core.Analysis;
using DistillGuard.Core.Reading;
using DistillGuard.Core.Verdicts;
using DistillGuard.Streaming.Alerts;

namespace DistillGuard.Streaming.Tests;

public sealed class StreamingDetectorTests(TinyTraffic traffic) : IClassFixture<TinyTraffic>
{
    private StreamingOptions Options(string state) => new()
    {
        StateDir = state,
        Inputs = AnalysisInputs.Load(traffic.Accounts, traffic.Allow, null),
        // tests re-assemble on request only: the clocks must not decide what they see
        ReassembleEvery = TimeSpan.FromHours(1),
        ReassembleEveryExchangeTime = TimeSpan.FromDays(365),
        ReassembleOnGrowth = 1e9,
        ReassembleOnBulkGrowth = 1e9,
    };

    private AnalysisResult Batch()
    {
        var engine = new AnalysisEngine();
        ExchangeLogReader.Read(new ReaderOptions { Files = [traffic.Log], Workers = 2 }, engine.Add);
        return engine.Complete(AnalysisInputs.Load(traffic.Accounts, traffic.Allow, null));
    }

    [Fact]
    public async Task Streamed_InParts_EndsWhereTheBatchAnalysisEnds_AndVerdictsChangeOnTheWay()
    {
        using var state = new TempDir();
        await using var d = new StreamingDetector(Options(state.Path));
        d.Start();
        int[] cuts = [0, traffic.Lines.Count / 40, traffic.Lines.Count / 4, traffic.Lines.Count / 2, traffic.Lines.Count];
        var seen = new List<Dictionary<string, VerdictKind>>();
        for (int part = 0; part + 1 < cuts.Length; part++)
        {
            var lines = traffic.Lines.Skip(cuts[part]).Take(cuts[part + 1] - cuts[part]);
            var r = d.Ingest(TinyTraffic.Body(lines), "test");
            Assert.Equal(0, r.Quarantined);
            await d.FlushAsync();
            seen.Add(d.Live.Verdicts.ToDictionary(kv => kv.Key, kv => kv.Value.Verdict));
        }
        var batch = Batch();
        var live = d.Live;
        Assert.Equal(batch.Verdicts.Count, live.Verdicts.Count);
        foreach (var v in batch.Verdicts)
        {
            var s = live.Verdicts[v.Account];
            Assert.Equal(v.Verdict, s.Verdict);
            Assert.Equal(v.Score, s.Score);
            Assert.Equal(v.Reasons.Select(r => r.Signal), s.Reasons.Select(r => r.Signal));
        }
        // the same groups of accounts form the campaigns, whatever the ids
        var batchGroups = batch.Campaigns.Select(c => string.Join(",", c.Accounts.Order())).Order().ToList();
        var liveGroups = live.Campaigns.Select(c => string.Join(",", c.Accounts.Order())).Order().ToList();
        Assert.Equal(batchGroups, liveGroups);
        Assert.NotEmpty(liveGroups);

        // some campaign account was not yet `campaign` after the first 2.5 % and is at the end, and its history says when
        var flagged = live.Verdicts.Values.Where(v => v.Verdict == VerdictKind.Campaign).Select(v => v.Account).ToList();
        var late = flagged.Where(a => seen[0].GetValueOrDefault(a) != VerdictKind.Campaign).ToList();
        Assert.NotEmpty(late);
        var history = d.History(late[0]);
        Assert.Equal("campaign", history[^1].To);
        Assert.NotNull(history[^1].ExchangeTime);
        Assert.All(flagged, a => Assert.NotNull(traffic.Labels[a]));   // tiny has no false positive in batch either
        Assert.Equal(traffic.Lines.Count, d.Stats().Exchanges);
    }

    [Theory]
    [InlineData("declared")]
    [InlineData("long")]
    [InlineData("paced")]
    public async Task BulkWrites_DoNotTriggerTheExchangeClock_PacedWritesDo(string how)
    {
        // the first five hours of the log: as one write declared a bulk load, as one undeclared write spanning more than
        // the bulk span (here 2 hours), and as paced writes of ten minutes of traffic each
        static long Ts(string line) => DateTimeOffset.Parse(JsonDocument.Parse(line).RootElement.GetProperty("ts").GetString()!).ToUnixTimeMilliseconds();
        long t0 = Ts(traffic.Lines[0]);
        var lines = traffic.Lines.TakeWhile(l => Ts(l) < t0 + 5 * 3_600_000L).ToList();
        Assert.True(Ts(lines[^1]) - t0 > 4 * 3_600_000L);
        using var state = new TempDir();
        await using var d = new StreamingDetector(Options(state.Path) with
        {
            ReassembleEveryExchangeTime = TimeSpan.FromHours(1),
            BulkWriteExchangeTime = TimeSpan.FromHours(2),
            MinNewExchanges = 1,
        });
        d.Start();
        if (how == "paced")
            foreach (var g in lines.GroupBy(l => (Ts(l) - t0) / 600_000L))
                d.Ingest(TinyTraffic.Body(g), "test");
        else
            d.Ingest(TinyTraffic.Body(lines), "test", bulk: how == "declared");
        await d.FlushAsync();
        var st = d.Stats();
        Assert.Equal(lines.Count, st.Processed);
        if (how == "paced")
        {
            Assert.Equal(0, st.BulkWrites);
            Assert.True(st.Reassemblies >= 5, $"{st.Reassemblies} re-assemblies");   // the first exchange, then each hour
        }
        else
        {
            Assert.Equal(1, st.BulkWrites);
            Assert.Equal(1, st.Reassemblies);   // the flush's only
        }
    }

    [Fact]
    public async Task Ingest_MalformedLines_AreQuarantinedWithLineNumbers_AndRepeatsAreNotCountedTwice()
    {
        using var state = new TempDir();
        await using var d = new StreamingDetector(Options(state.Path));
        d.Start();
        var lines = new List<string> { traffic.Lines[0], "{\"id\": broken", traffic.Lines[1], "", "{\"id\":\"x1\",\"account\":\"a\"}", traffic.Lines[2] };
        var r = d.Ingest(TinyTraffic.Body(lines), "http");
        Assert.Equal(3, r.Accepted);
        Assert.Equal(2, r.Quarantined);
        Assert.Equal(new long[] { 2, 5 }, r.Problems.Select(p => p.Line));
        var again = d.Ingest(TinyTraffic.Body(lines), "http");
        Assert.Equal(0, again.Accepted);
        Assert.Equal(3, again.Duplicates);
        var stats = d.Stats();
        Assert.Equal(3, stats.Exchanges);
        Assert.Equal(3, stats.Duplicates);
        Assert.Equal(4, stats.Quarantined);   // a bad line sent twice is kept twice: nothing is lost
        var q = File.ReadAllLines(Path.Combine(state.Path, "quarantine.jsonl")).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(4, q.Count);
        Assert.Equal("{\"id\": broken", q[0].GetProperty("text").GetString());
        Assert.Equal(2, q[0].GetProperty("line").GetInt64());
        Assert.Equal(3, File.ReadAllLines(Directory.GetFiles(Path.Combine(state.Path, "journal"))[0]).Length);
    }

    [Fact]
    public async Task Body_ParsedInPiecesAsItArrives_IsIngestedAsTheWholeBody()
    {
        // an HTTP body is parsed piece by piece while the rest arrives; the outcome must be the whole body's
        var lines = new List<string> { traffic.Lines[0], "{\"id\": broken", "" };
        lines.AddRange(traffic.Lines.Skip(1).Take(traffic.Lines.Count / 3));
        lines.Add("{\"id\":\"x1\",\"account\":\"a\"}");
        lines.AddRange(traffic.Lines.Take(50));   // repeats within the body
        var text = string.Join("\n", lines.Select((l, i) => i % 7 == 3 ? l + "\r" : l));   // some CRLF, no final newline
        var body = Encoding.UTF8.GetBytes(text);

        using var wholeState = new TempDir();
        await using var whole = new StreamingDetector(Options(wholeState.Path));
        whole.Start();
        var expected = whole.Ingest(body, "http", firstLine: 11);
        await whole.FlushAsync();

        using var piecesState = new TempDir();
        await using var pieces = new StreamingDetector(Options(piecesState.Path));
        pieces.Start();
        var buffer = new byte[body.Length + 100];
        var batch = pieces.Begin(buffer, 11, pieceBytes: 3000);
        var r = new Random(5);
        for (int at = 0; at < body.Length;)
        {
            int n = Math.Min(body.Length - at, 1 + r.Next(9000));
            body.AsSpan(at, n).CopyTo(buffer.AsSpan(at));
            at += n;
            batch.Received(at);
        }
        var got = batch.Complete(body.Length, "http");
        await pieces.FlushAsync();

        Assert.Equal(expected.Accepted, got.Accepted);
        Assert.Equal(expected.Duplicates, got.Duplicates);
        Assert.Equal(50, got.Duplicates);
        Assert.Equal(expected.Quarantined, got.Quarantined);
        Assert.Equal(expected.Problems, got.Problems);
        Assert.Equal(new long[] { 12, 11 + lines.Count - 51 }, got.Problems.Select(p => p.Line));
        string Journal(string state) => string.Concat(Directory.GetFiles(Path.Combine(state, "journal")).Order().Select(File.ReadAllText));
        Assert.Equal(Journal(wholeState.Path), Journal(piecesState.Path));
        Assert.Equal(whole.Live.Verdicts.Count, pieces.Live.Verdicts.Count);
        foreach (var (account, v) in whole.Live.Verdicts)
        {
            Assert.Equal(v.Verdict, pieces.Live.Verdicts[account].Verdict);
            Assert.Equal(v.Score, pieces.Live.Verdicts[account].Score);
        }
    }

    [Fact]
    public async Task Restart_ResumesFromTheJournal_WithTheSameVerdictsAndCampaignIds_AndSendsNoAlertTwice()
    {
        using var state = new TempDir();
        string alerts = Path.Combine(state.Path, "alerts-out.jsonl");
        Dictionary<string, (VerdictKind, string?)> before;
        await using (var d = new StreamingDetector(Options(state.Path), [new JsonlAlertSink(alerts)]))
        {
            d.Start();
            d.Ingest(TinyTraffic.Body(traffic.Lines), "test");
            await d.FlushAsync();
            before = d.Live.Verdicts.ToDictionary(kv => kv.Key, kv => (kv.Value.Verdict, kv.Value.Campaign));
            await d.Sinks[0].DrainAsync(TimeSpan.FromSeconds(10));
        }
        int alertCount = File.ReadAllLines(alerts).Length;
        Assert.True(alertCount > 0);
        await using (var d = new StreamingDetector(Options(state.Path), [new JsonlAlertSink(alerts)]))
        {
            d.Start();
            Assert.Equal(traffic.Lines.Count, d.Stats().Exchanges);
            var after = d.Live.Verdicts.ToDictionary(kv => kv.Key, kv => (kv.Value.Verdict, kv.Value.Campaign));
            Assert.Equal(before, after);
            var r = d.Ingest(TinyTraffic.Body(traffic.Lines.Take(100)), "test");
            Assert.Equal(100, r.Duplicates);
            await d.FlushAsync();
            await d.Sinks[0].DrainAsync(TimeSpan.FromSeconds(10));
        }
        var ids = File.ReadAllLines(alerts).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("id").GetString()).ToList();
        Assert.Equal(alertCount, ids.Count);
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    [Fact]
    public async Task Alerts_CarryTheEvidence_OfAccountsAndCampaigns()
    {
        using var state = new TempDir();
        string alerts = Path.Combine(state.Path, "alerts-out.jsonl");
        await using var d = new StreamingDetector(Options(state.Path), [new JsonlAlertSink(alerts)]);
        d.Start();
        d.Ingest(TinyTraffic.Body(traffic.Lines), "test");
        await d.FlushAsync();
        await d.Sinks[0].DrainAsync(TimeSpan.FromSeconds(10));
        var all = File.ReadAllLines(alerts).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        var account = all.First(a => a.GetProperty("kind").GetString() == "account" && a.GetProperty("to").GetString() == "campaign");
        var reasons = account.GetProperty("verdict").GetProperty("reasons");
        Assert.True(reasons.GetArrayLength() > 0);
        Assert.Contains(reasons.EnumerateArray(), r => r.TryGetProperty("exchange_ids", out var ids) && ids.GetArrayLength() > 0);
        var campaign = all.First(a => a.GetProperty("kind").GetString() == "campaign");
        Assert.Equal("detected", campaign.GetProperty("change").GetString());
        Assert.True(campaign.GetProperty("campaign").GetProperty("evidence").GetArrayLength() > 0);
    }

    [Fact]
    public async Task DeadWebhook_NeverStallsIngestion_AndItsDropsAreCounted()
    {
        // A sink that never answers: its bounded queue fills, further alerts are dropped and counted, ingest goes on.
        using var state = new TempDir();
        var hang = new HangingSink();
        var opts = Options(state.Path);
        await using var d = new StreamingDetector(opts, [hang]);
        d.Start();
        var sw = System.Diagnostics.Stopwatch.StartNew();
        d.Ingest(TinyTraffic.Body(traffic.Lines), "test");
        await d.FlushAsync().WaitAsync(TimeSpan.FromSeconds(60));
        Assert.True(d.Stats().VerdictChanges > 0);
        Assert.Equal(traffic.Lines.Count, d.Stats().Processed);
        // the sink's own worker takes its first alert when it gets to it, which may be after ingestion is done
        for (var until = DateTime.UtcNow.AddSeconds(10); Volatile.Read(ref hang.Calls) == 0 && DateTime.UtcNow < until;) await Task.Delay(20);
        Assert.True(Volatile.Read(ref hang.Calls) >= 1);
        Assert.Equal(0, d.Sinks[0].Delivered);
    }

    [Fact]
    public async Task FailingWebhook_IsRetriedWithBackoff_ThenDelivered()
    {
        var flaky = new FlakySink(failures: 3);
        await using var q = new AlertQueue(flaky, capacity: 4, attempts: 6, firstBackoff: TimeSpan.FromMilliseconds(10));
        Assert.True(q.TryEnqueue(Encoding.UTF8.GetBytes("{\"id\":\"a\"}")));
        await q.DrainAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(1, q.Delivered);
        Assert.Equal(3, q.Retries);
        Assert.Equal(4, flaky.Calls);

        var dead = new FlakySink(failures: int.MaxValue);
        await using var q2 = new AlertQueue(dead, capacity: 2, attempts: 2, firstBackoff: TimeSpan.FromMilliseconds(10));
        int taken = Enumerable.Range(0, 10).Count(_ => q2.TryEnqueue(new byte[] { 1 }));
        Assert.True(q2.Dropped >= 10 - taken && q2.Dropped > 0);
        await q2.DrainAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(taken, q2.Failed);
    }

    private sealed class HangingSink : IAlertSink
    {
        public int Calls;
        public string Name => "hanging";
        public async Task SendAsync(ReadOnlyMemory<byte> alertJson, CancellationToken ct)
        {
            Interlocked.Increment(ref Calls);
            await Task.Delay(Timeout.Infinite, ct);
        }
    }

    private sealed class FlakySink(int failures) : IAlertSink
    {
        public int Calls;
        public string Name => "flaky";
        public Task SendAsync(ReadOnlyMemory<byte> alertJson, CancellationToken ct)
            => Interlocked.Increment(ref Calls) <= failures ? throw new HttpRequestException("503") : Task.CompletedTask;
    }

    [Fact]
    public async Task TappedLines_AreCommittedInGroups_AndAllOfThemEndUpInTheJournalOnce()
    {
        using var state = new TempDir();
        var lines = traffic.Lines.Take(600).ToList();
        await using (var d = new StreamingDetector(Options(state.Path)))
        {
            d.Start();
            var tap = new Sources.TapSource(d, batch: 500, commitWindow: TimeSpan.FromMilliseconds(200));
            // a burst well inside one window: one commit for the first 500, one for the rest
            foreach (var line in lines) Assert.True(tap.TryTap(Encoding.UTF8.GetBytes(line)));
            await tap.DrainAsync(TimeSpan.FromSeconds(20));
            Assert.Equal(600, tap.Tapped);
            Assert.InRange(tap.Batches, 2, 3);
            Assert.Equal(600, d.Stats().Exchanges);
            // a line tapped later is committed within its window, alone
            Assert.True(tap.TryTap(Encoding.UTF8.GetBytes(traffic.Lines[600])));
            await tap.DrainAsync(TimeSpan.FromSeconds(20));
            Assert.Equal(601, d.Stats().Exchanges);
            // tapping again what was tapped counts nothing twice
            foreach (var line in lines.Take(10)) tap.TryTap(Encoding.UTF8.GetBytes(line));
            await tap.DisposeAsync();
            Assert.Equal(601, d.Stats().Exchanges);
            Assert.Equal(10, d.Stats().Duplicates);
        }
        // what the tap committed is in the journal: a restart recovers exactly those exchanges
        await using var again = new StreamingDetector(Options(state.Path));
        again.Start();
        Assert.Equal(601, again.Stats().Exchanges);
    }

    [Fact]
    public async Task TappedLines_ReachTheDetectorAtOnce_ButAreSyncedOnTheirOwnSchedule_AndAllOfThemWhenTheTapStops()
    {
        using var state = new TempDir();
        await using (var d = new StreamingDetector(Options(state.Path)))
        {
            d.Start();
            // an hour between syncs: nothing but an acknowledged ingest or the tap's stop syncs in this test
            var tap = new Sources.TapSource(d, batch: 50, commitWindow: TimeSpan.Zero, syncInterval: TimeSpan.FromHours(1));
            foreach (var line in traffic.Lines.Take(300)) Assert.True(tap.TryTap(Encoding.UTF8.GetBytes(line)));
            await tap.DrainAsync(TimeSpan.FromSeconds(20));
            Assert.Equal(300, d.Stats().Exchanges);
            Assert.True(tap.Batches >= 6, $"{tap.Batches} batches");
            Assert.Equal(0, tap.Syncs);
            Assert.Equal(300, d.Unsynced);
            // an ingest that is acknowledged syncs before it answers, and so syncs what the tap journaled before it
            Assert.Equal(1, d.Ingest(TinyTraffic.Body([traffic.Lines[300]]), "http").Accepted);
            Assert.Equal(0, d.Unsynced);
            Assert.True(tap.TryTap(Encoding.UTF8.GetBytes(traffic.Lines[301])));
            await tap.DrainAsync(TimeSpan.FromSeconds(20));
            Assert.Equal(1, d.Unsynced);
            await tap.DisposeAsync();
            Assert.Equal(1, tap.Syncs);
            Assert.Equal(0, d.Unsynced);
        }
        await using var again = new StreamingDetector(Options(state.Path));
        again.Start();
        Assert.Equal(302, again.Stats().Exchanges);
    }

    [Fact]
    public async Task AnIdleTap_SyncsItsLastLines_OnceTheirIntervalIsUp()
    {
        using var state = new TempDir();
        await using var d = new StreamingDetector(Options(state.Path));
        d.Start();
        await using var tap = new Sources.TapSource(d, commitWindow: TimeSpan.Zero, syncInterval: TimeSpan.FromMilliseconds(200));
        foreach (var line in traffic.Lines.Take(10)) Assert.True(tap.TryTap(Encoding.UTF8.GetBytes(line)));
        await tap.DrainAsync(TimeSpan.FromSeconds(20));
        Assert.Equal(10, d.Stats().Exchanges);
        var until = DateTime.UtcNow.AddSeconds(20);
        while (d.Unsynced > 0 && DateTime.UtcNow < until) await Task.Delay(20);
        Assert.Equal(0, d.Unsynced);
        Assert.InRange(tap.Syncs, 1, 10);
    }
}

public sealed class CampaignIdentityTests
{
    private static DistillGuard.Core.Campaigns.Campaign C(string id, params string[] accounts) => new()
    {
        Id = id, Accounts = accounts, Exchanges = 1, FirstSeen = DateTimeOffset.UnixEpoch, LastSeen = DateTimeOffset.UnixEpoch,
        Targets = [], Tactics = [], Evidence = [], Score = 0.9,
    };

    [Fact]
    public void Assign_KeepsIdsWhileCampaignsGrowAndReorder_AndNeverReusesOne()
    {
        using var dir = new TempDir();
        var path = Path.Combine(dir.Path, "ids.json");
        var ids = new CampaignIdentity(path);
        var (first, _) = ids.Assign([C("C-0001", "a", "b", "c"), C("C-0002", "x", "y")], []);
        Assert.Equal(["C-0001", "C-0002"], first.Select(c => c.Id));
        // the assembler numbers them the other way round and the first grew: ids follow the members
        var (second, verdicts) = ids.Assign([C("C-0001", "x", "y", "z"), C("C-0002", "a", "b", "c", "d", "e")],
            [new AccountVerdict { Account = "z", Score = 0.9, Verdict = VerdictKind.Campaign, Campaign = "C-0001", Exchanges = 1, Reasons = [] }]);
        Assert.Equal(["a", "b", "c", "d", "e"], second.Single(c => c.Id == "C-0001").Accounts);
        Assert.Equal("C-0002", Assert.Single(verdicts).Campaign);
        // a new group gets a new id; a restart (new instance on the same file) continues the numbering
        var reloaded = new CampaignIdentity(path);
        var (third, _) = reloaded.Assign([C("C-0001", "p", "q", "r")], []);
        Assert.Equal("C-0003", Assert.Single(third).Id);
    }
}

public sealed class ExchangeJournalTests
{
    [Fact]
    public void Open_CutsATornLastLine_AndAppendsAfterIt()
    {
        using var dir = new TempDir();
        using (var j = ExchangeJournal.Open(dir.Path))
        {
            j.Append("{\"a\":1}"u8);
            j.Append("{\"a\":2}"u8);
            j.Commit();
        }
        var seg = Directory.GetFiles(dir.Path).Single();
        File.AppendAllText(seg, "{\"a\":3, \"torn");   // a crash mid-write
        using (var j = ExchangeJournal.Open(dir.Path))
        {
            j.Append("{\"a\":4}"u8);
            j.Commit();
        }
        Assert.Equal(["{\"a\":1}", "{\"a\":2}", "{\"a\":4}"], File.ReadAllLines(seg));
    }

    [Fact]
    public void ManyCommits_AcrossBlocksBuffersAndReopens_WriteExactlyTheLines()
    {
        // lines of every length around the 4 KB block and the 4 MB buffer, committed at odd points, the journal reopened
        // midway: the segment holds exactly the lines, as the page-cache writer would have written them
        using var dir = new TempDir();
        var rng = new Random(11);
        var expected = new List<string>();
        for (int round = 0; round < 3; round++)
        {
            using var j = ExchangeJournal.Open(dir.Path);
            for (int i = 0; i < 700; i++)
            {
                int len = rng.Next(4) switch { 0 => rng.Next(1, 50), 1 => rng.Next(4090, 4100), 2 => rng.Next(1, 9000), _ => rng.Next(1, 40_000) };
                var line = new string((char)('a' + i % 26), len);
                expected.Add(line);
                j.Append(System.Text.Encoding.ASCII.GetBytes(line));
                if (rng.Next(5) == 0) j.Commit();
            }
            j.Commit();
            if (OperatingSystem.IsLinux()) Assert.True(j.Direct, "O_DIRECT not used on this file system");
            var seg = Directory.GetFiles(dir.Path).Single();
            Assert.Equal(expected.Sum(l => l.Length + 1L), new FileInfo(seg).Length);
        }
        Assert.Equal(expected, File.ReadAllLines(Directory.GetFiles(dir.Path).Single()));
    }

    [Fact]
    public void Open_CutsZeroPaddingLeftByACrash()
    {
        // a crash between a padded block write and the cut back to the file's length leaves zero bytes after the last line
        using var dir = new TempDir();
        using (var j = ExchangeJournal.Open(dir.Path))
        {
            j.Append("{\"a\":1}"u8);
            j.Commit();
        }
        var seg = Directory.GetFiles(dir.Path).Single();
        using (var fs = new FileStream(seg, FileMode.Append)) fs.Write(new byte[4096 - 8]);
        using (var j = ExchangeJournal.Open(dir.Path))
        {
            j.Append("{\"a\":2}"u8);
            j.Commit();
        }
        Assert.Equal(["{\"a\":1}", "{\"a\":2}"], File.ReadAllLines(seg));
    }
}
