using System.Text;
using System.Text.Json;
using DistillGuard.Core.Model;
using DistillGuard.Core.Reading;

namespace DistillGuard.Core.Tests.Reading;

public sealed class ExchangeLogReaderTests
{
    private static (ReaderStats Stats, List<string> Ids) ReadAll(ReaderOptions o, int batchBytes = 1 << 20)
    {
        var ids = new List<string>();
        var stats = ExchangeLogReader.Read(o, f => ids.Add(f.Id), default, batchBytes);
        return (stats, ids);
    }

    [Fact]
    public void Read_MixedGoodAndBadLines_QuarantinesEachBadLineWithNumberReasonAndRawText()
    {
        using var log = new TestLog();
        var lines = new[]
        {
            TestLog.Good(1),
            "",
            "{not json",
            TestLog.Good(2, "anthropic.messages"),
            "{\"id\":\"x\",\"ts\":\"2026-02-01T12:00:00Z\",\"account\":\"a\",\"api\":\"anthropic.messages\",\"request\":{\"prompt\":\"hi\"}}",
            TestLog.Good(3, "openai.responses"),
        };
        var file = log.Write("a.jsonl", lines, newline: "\r\n");
        var q = Path.Combine(log.Dir, "out", "quarantine.jsonl");
        var (stats, ids) = ReadAll(new ReaderOptions { Files = [file], QuarantinePath = q, Workers = 2 });

        Assert.Equal(["ex_000000001", "ex_000000002", "ex_000000003"], ids);
        Assert.Equal((1L, 6L, 3L, 2L), (stats.Files, stats.Lines, stats.Exchanges, stats.Quarantined));
        Assert.Equal(1, stats.QuarantineReasons[QuarantineReasons.InvalidJson]);
        Assert.Equal(1, stats.QuarantineReasons[QuarantineReasons.BodyMismatch]);
        var records = File.ReadAllLines(q).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(2, records.Count);
        Assert.Equal((3, QuarantineReasons.InvalidJson, "{not json", file), (records[0].GetProperty("line").GetInt32(), records[0].GetProperty("reason").GetString(), records[0].GetProperty("text").GetString(), records[0].GetProperty("file").GetString()));
        Assert.Equal((5, lines[4]), (records[1].GetProperty("line").GetInt32(), records[1].GetProperty("text").GetString()));
    }

    [Fact]
    public void Read_NonUtf8Line_IsQuarantinedAsBase64ThatRestoresTheBytes()
    {
        using var log = new TestLog();
        byte[] bad = [0x7B, 0xFF, 0xFE, 0x22, 0x7D];
        var file = log.WriteBytes("b.jsonl", [Encoding.UTF8.GetBytes(TestLog.Good(1)), bad]);
        var q = Path.Combine(log.Dir, "q.jsonl");
        var (stats, _) = ReadAll(new ReaderOptions { Files = [file], QuarantinePath = q });
        Assert.Equal(1, stats.QuarantineReasons[QuarantineReasons.InvalidUtf8]);
        var rec = JsonDocument.Parse(File.ReadAllLines(q).Single()).RootElement;
        Assert.Equal("base64", rec.GetProperty("encoding").GetString());
        Assert.Equal(bad, Convert.FromBase64String(rec.GetProperty("text").GetString()!));
        Assert.Equal(2, rec.GetProperty("line").GetInt32());
    }

    [Fact]
    public void Read_GzipAndPlainOfTheSameLines_DeliverTheSameExchanges()
    {
        using var log = new TestLog();
        var lines = Enumerable.Range(0, 3000).Select(i => i % 97 == 5 ? "garbage " + i : TestLog.Good(i, (i % 3) switch { 0 => "openai.chat.completions", 1 => "openai.responses", _ => "anthropic.messages" })).ToList();
        var plain = log.Write("c.jsonl", lines);
        var gz = log.Write("c.jsonl.gz", lines, gzip: true);
        var a = new List<(string, ulong, ulong, SignalSet)>();
        var b = new List<(string, ulong, ulong, SignalSet)>();
        var sa = ExchangeLogReader.Read(new ReaderOptions { Files = [plain], Workers = 2 }, f => a.Add((f.Id, f.ItemHash, f.TemplateFingerprint, f.Signals)), default, 4096);
        var sb = ExchangeLogReader.Read(new ReaderOptions { Files = [gz], Workers = 3 }, f => b.Add((f.Id, f.ItemHash, f.TemplateFingerprint, f.Signals)), default, 8192);
        Assert.Equal(a, b);
        Assert.Equal((sa.Lines, sa.Exchanges, sa.Quarantined, sa.Bytes), (sb.Lines, sb.Exchanges, sb.Quarantined, sb.Bytes));
        Assert.Equal(3000 - lines.Count(l => l.StartsWith("garbage")), a.Count);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(5)]
    public void Read_SeveralWorkersAndSmallBatches_DeliversInFileThenLineOrderOnOneThread(int workers)
    {
        using var log = new TestLog();
        var f1 = log.Write("1.jsonl", Enumerable.Range(0, 2000).Select(i => TestLog.Good(i)));
        var f2 = log.Write("2.jsonl.gz", Enumerable.Range(2000, 1500).Select(i => TestLog.Good(i, "anthropic.messages")), gzip: true);
        var threads = new HashSet<int>();
        var ids = new List<string>();
        var progress = new List<ReadProgress>();
        var stats = ExchangeLogReader.Read(new ReaderOptions { Files = [f1, f2], Workers = workers, Progress = new SyncProgress(progress.Add) },
            f => { ids.Add(f.Id); threads.Add(Environment.CurrentManagedThreadId); }, default, 2048);
        Assert.Equal(Enumerable.Range(0, 3500).Select(i => $"ex_{i:D9}"), ids);
        Assert.Single(threads);
        Assert.Equal(Environment.CurrentManagedThreadId, threads.Single());
        Assert.Equal(3500, stats.Exchanges);
        Assert.NotEmpty(progress);
        Assert.Equal(new FileInfo(f1).Length + new FileInfo(f2).Length, progress[^1].BytesTotal);
        Assert.Equal(progress[^1].BytesTotal, progress[^1].BytesRead);
        Assert.True(progress.Zip(progress.Skip(1)).All(p => p.First.Lines <= p.Second.Lines));
    }

    [Fact]
    public void Read_LineLongerThanTheBatch_IsReadWhole()
    {
        using var log = new TestLog();
        var longText = string.Join(' ', Enumerable.Repeat("word", 5000));
        var big = $"{{\"id\":\"ex_big\",\"ts\":\"2026-02-01T12:00:00Z\",\"account\":\"a\",\"api\":\"openai.responses\",\"request\":{{\"input\":\"{longText}\"}}}}";
        var file = log.Write("long.jsonl", [TestLog.Good(1), big, TestLog.Good(2)]);
        var (stats, ids) = ReadAll(new ReaderOptions { Files = [file] }, batchBytes: 1024);
        Assert.Equal(["ex_000000001", "ex_big", "ex_000000002"], ids);
        Assert.Equal(0, stats.Quarantined);
    }

    [Fact]
    public void Read_LastLineWithoutNewline_IsRead()
    {
        using var log = new TestLog();
        var path = Path.Combine(log.Dir, "nonl.jsonl");
        File.WriteAllText(path, TestLog.Good(1) + "\n" + TestLog.Good(2));
        var (stats, ids) = ReadAll(new ReaderOptions { Files = [path] });
        Assert.Equal(2, ids.Count);
        Assert.Equal(2, stats.Lines);
    }

    [Fact]
    public void Read_MissingFile_ThrowsFileNotFound()
    {
        var ex = Assert.Throws<FileNotFoundException>(() => ExchangeLogReader.Read(new ReaderOptions { Files = ["/nonexistent/x.jsonl"] }, _ => { }));
        Assert.IsAssignableFrom<IOException>(ex);
    }

    [Fact]
    public void Read_CorruptGzip_ThrowsIOExceptionAfterDeliveringWhatItCould()
    {
        using var log = new TestLog();
        var path = Path.Combine(log.Dir, "bad.jsonl.gz");
        File.WriteAllBytes(path, [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 0xde, 0xad, 0xbe, 0xef, 0x00, 0x11]);
        Assert.ThrowsAny<IOException>(() => ExchangeLogReader.Read(new ReaderOptions { Files = [path] }, _ => { }));
    }

    [Fact]
    public void Read_Cancelled_ThrowsOperationCanceled()
    {
        using var log = new TestLog();
        var file = log.Write("c.jsonl", Enumerable.Range(0, 5000).Select(i => TestLog.Good(i)));
        using var cts = new CancellationTokenSource();
        int n = 0;
        Assert.ThrowsAny<OperationCanceledException>(() => ExchangeLogReader.Read(new ReaderOptions { Files = [file] }, _ => { if (++n == 10) cts.Cancel(); }, cts.Token, 1024));
    }

    private sealed class SyncProgress(Action<ReadProgress> report) : IProgress<ReadProgress>
    {
        public void Report(ReadProgress value) => report(value);
    }
}
