using System.Text;
using DistillGuard.Gateway.Binding;
using DistillGuard.Gateway.Policy;
using DistillGuard.Gateway.Streaming;
using DistillGuard.Gateway.Throttling;

namespace DistillGuard.Gateway.Tests;

/// <summary>A clock the test moves.</summary>
public sealed class ManualTime : TimeProvider
{
    private long _ticks;
    private DateTimeOffset _now = new(2026, 2, 1, 12, 0, 0, TimeSpan.Zero);
    public override long TimestampFrequency => TimeSpan.TicksPerSecond;
    public override long GetTimestamp() => _ticks;
    public override DateTimeOffset GetUtcNow() => _now;
    public void Advance(TimeSpan t) { _ticks += t.Ticks; _now += t; }
}

public sealed class PooledBufferWriterTests
{
    [Fact]
    public void Grows_KeepsWhatWasWritten_AndStartsOverAfterReset()
    {
        using var w = new PooledBufferWriter(16);
        var expected = new List<byte>();
        for (int i = 0; i < 300; i++)
        {
            var span = w.GetSpan(i % 7 + 1);
            for (int j = 0; j <= i % 7; j++) { span[j] = (byte)(i + j); expected.Add((byte)(i + j)); }
            w.Advance(i % 7 + 1);
        }
        Assert.Equal(expected.ToArray(), w.WrittenMemory.ToArray());
        Assert.Equal(expected.Count, w.WrittenCount);
        w.ResetWrittenCount();
        w.GetSpan(3)[..3].Fill(9);
        w.Advance(3);
        Assert.Equal(new byte[] { 9, 9, 9 }, w.WrittenMemory.ToArray());
        Assert.Throws<ArgumentOutOfRangeException>(() => w.Advance(1 << 20));
        w.Dispose();
        Assert.Equal(0, w.WrittenCount);
        Assert.True(w.WrittenMemory.IsEmpty);
    }
}

public sealed class SseParserTests
{
    [Fact]
    public void Feed_SplitAnywhere_YieldsTheSameEvents_WithTheirExactBytes()
    {
        var text = "event: a\r\ndata: {\"x\":1}\r\n\r\n: comment\ndata: line1\ndata: line2\n\nid: 7\ndata: [DONE]\n\n";
        var bytes = Encoding.UTF8.GetBytes(text);
        for (int split = 0; split <= bytes.Length; split++)
        {
            var p = new SseParser();
            var events = new List<SseEvent>();
            p.Feed(bytes.AsSpan(0, split), events);
            p.Feed(bytes.AsSpan(split), events);
            Assert.Null(p.Finish());
            Assert.Equal(3, events.Count);
            Assert.Equal(("a", "{\"x\":1}"), (events[0].Name, events[0].Data));
            Assert.Equal("line1\nline2", events[1].Data);
            Assert.True(events[2].IsDone);
            Assert.Equal("7", events[2].Id);
            Assert.Equal(text, string.Concat(events.Select(e => Encoding.UTF8.GetString(e.Raw!))));
        }
    }

    [Fact]
    public void Finish_UnterminatedEvent_IsKept()
    {
        var p = new SseParser();
        var events = new List<SseEvent>();
        p.Feed("data: {\"a\":1}\n\ndata: tail"u8, events);
        Assert.Single(events);
        var last = p.Finish();
        Assert.Equal("tail", last!.Data);
        Assert.Equal("data: tail", Encoding.UTF8.GetString(last.Raw!));
    }
}

public sealed class ReasoningSummariserTests
{
    [Theory]
    [InlineData("First I consider the question. Then I compute.", "First I consider the question.")]
    [InlineData("No sentence end here", "No sentence end here")]
    [InlineData("Pi is 3.14 roughly! Next.", "Pi is 3.14 roughly!")]
    [InlineData("Line one\nLine two", "Line one")]
    public void Streamed_EqualsBatch_ForEverySplit(string text, string kept)
    {
        var expected = kept + ReasoningSummariser.Marker;
        Assert.Equal(expected, ReasoningSummariser.Summarise(text, 200));
        for (int a = 0; a <= text.Length; a++)
            for (int b = a; b <= text.Length; b += 3)
            {
                var s = new ReasoningSummariser(200);
                var sent = s.Push(text[..a]) + s.Push(text[a..b]) + s.Push(text[b..]) + s.Finish();
                Assert.Equal(expected, sent);
                Assert.Equal(expected, s.Sent);
            }
    }

    [Fact]
    public void LongReasoning_IsCutAtAWordNearMaxChars()
    {
        var text = string.Join(' ', Enumerable.Repeat("word", 100));
        var summary = ReasoningSummariser.Summarise(text, 50);
        Assert.EndsWith(ReasoningSummariser.Marker, summary);
        Assert.InRange(summary.Length - ReasoningSummariser.Marker.Length, 26, 50);
        Assert.Equal("", ReasoningSummariser.Summarise("", 50));
    }
}

public sealed class ThrottlerTests
{
    [Fact]
    public void Bucket_AllowsBurst_ThenRefills_AtTheRate()
    {
        var time = new ManualTime();
        var t = new Throttler(time);
        ThrottleSpec[] spec = [new(RatePerSecond: 2, Burst: 3, ThrottleScope.Account)];
        for (int i = 0; i < 3; i++) Assert.Null(t.TryAcquire("r", spec, "a", null));
        var wait = t.TryAcquire("r", spec, "a", null);
        Assert.Equal(TimeSpan.FromSeconds(0.5), wait);
        Assert.Null(t.TryAcquire("r", spec, "b", null));                 // another account: its own bucket
        time.Advance(TimeSpan.FromSeconds(0.5));
        Assert.Null(t.TryAcquire("r", spec, "a", null));
        Assert.NotNull(t.TryAcquire("r", spec, "a", null));
    }

    [Fact]
    public void TwoBuckets_ARefusalGivesBackTheTokenAlreadyTaken()
    {
        var time = new ManualTime();
        var t = new Throttler(time);
        ThrottleSpec[] both = [new(1, 5, ThrottleScope.Account), new(1, 1, ThrottleScope.Campaign)];
        Assert.Null(t.TryAcquire("r", both, "a", "C"));
        Assert.NotNull(t.TryAcquire("r", both, "b", "C"));                // campaign bucket empty
        ThrottleSpec[] accountOnly = [both[0]];
        for (int i = 0; i < 4; i++) Assert.Null(t.TryAcquire("r", accountOnly, "b", null)); // b's account bucket still has 5
    }
}

public sealed class SignatureBindingsTests
{
    private static readonly byte[] Key = Encoding.UTF8.GetBytes("0123456789abcdef-binding-key");

    [Fact]
    public void Check_MatchesAccountConversationModel_PaddingIgnored()
    {
        var b = new SignatureBindings(Key, 10);
        b.Record("SIG==", "a", "c1", "m");
        Assert.False(b.Check("SIG", "a", "c1", "m", BindingChecks.All).Violated);
        Assert.Equal(BindingChecks.Account, b.Check("SIG", "b", "c1", "m", BindingChecks.All).Mismatch);
        Assert.Equal(BindingChecks.Conversation | BindingChecks.Model, b.Check("SIG", "a", "c2", "m2", BindingChecks.All).Mismatch);
        Assert.False(b.Check("SIG", "a", "c2", "m2", BindingChecks.Account).Violated);
        Assert.False(b.Check("OTHER", "b", "c", "m", BindingChecks.All).Known);
        b.Record("SIG", "b", "c9", "m");                                   // a second issuer does not take it over
        Assert.Equal("a", b.Check("SIG", "b", "c1", "m", BindingChecks.All).Binding!.Account);
    }

    [Fact]
    public void Capacity_DropsTheLeastRecentlyUsed_AndPersistenceRoundTrips_WithoutTheArtifacts()
    {
        var path = Path.Combine(Path.GetTempPath(), "dg-bind-" + Guid.NewGuid().ToString("N") + ".tsv");
        try
        {
            using (var b = new SignatureBindings(Key, 2, path))
            {
                b.Record("one", "a", "c", "m");
                b.Record("two", "a", "c", "m");
                b.Record("one", "a", "c", "m");                            // used again: "two" is now the oldest
                b.Record("three", "a", "c", "m");
                Assert.False(b.Check("two", "a", "c", "m", BindingChecks.All).Known);
            }
            Assert.DoesNotContain("three", File.ReadAllText(path));
            using var again = new SignatureBindings(Key, 2, path);
            Assert.Equal(2, again.Count);
            Assert.True(again.Check("one", "x", "c", "m", BindingChecks.All).Violated);
            Assert.True(again.Check("three", "a", "c", "m", BindingChecks.All).Known);
            using var otherKey = new SignatureBindings(Encoding.UTF8.GetBytes("another-key-of-16+bytes"), 2, path);
            Assert.False(otherKey.Check("one", "x", "c", "m", BindingChecks.All).Known);
        }
        finally { File.Delete(path); }
    }
}

public sealed class ExchangeIdTests
{
    [Fact]
    public void ExchangeId_IsAUuidV7_OfTheArrivalMillisecond_AndUnique()
    {
        var at = new DateTimeOffset(2026, 2, 1, 12, 0, 0, 123, TimeSpan.Zero);
        var ids = Enumerable.Range(0, 1000).Select(_ => Proxy.GatewayHandler.ExchangeId(at)).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        foreach (var id in ids)
        {
            Assert.Matches("^gw_[0-9a-f]{12}7[0-9a-f]{3}[89ab][0-9a-f]{15}$", id);
            var guid = Guid.ParseExact(id[3..], "N");
            Assert.Equal(7, guid.Version);
            Assert.Equal(at.ToUnixTimeMilliseconds(), Convert.ToInt64(id[3..15], 16));
        }
    }

    private static Proxy.Exchange TapExchange(string account, string request, string? response) => new()
    {
        Id = Proxy.GatewayHandler.ExchangeId(DateTimeOffset.UnixEpoch.AddDays(20_000)),
        Arrival = DateTimeOffset.UnixEpoch.AddDays(20_000),
        StartTimestamp = 0,
        Key = new Keys.KeyEntry(account, null, "key_1"),
        Api = Proxy.ApiKind.ChatCompletions,
        RequestBody = Encoding.UTF8.GetBytes(request),
        Facts = Proxy.RequestFacts.Parse(Proxy.ApiKind.ChatCompletions, Encoding.UTF8.GetBytes(request)),
        ResponseBytes = response is null ? null : Encoding.UTF8.GetBytes(response),
    };

    [Fact]
    public void TapLine_IsTheCallersOwn_NotOverwrittenByTheNextLine()
    {
        // the writer reuses one buffer per thread: each line must be copied out of it, whatever came before or after
        var small = TapExchange("acct_a", """{"model":"m","messages":[{"role":"user","content":"hi"}]}""", """{"id":"r1","choices":[]}""");
        string big = new('x', 3 << 20);   // past the kept buffer's limit: the next line starts on a fresh buffer
        var large = TapExchange("acct_b", "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"" + big + "\"}]}", null);
        var first = Tap.TapLineWriter.Write(small, "gateway");
        string firstText = Encoding.UTF8.GetString(first.Span);
        var second = Tap.TapLineWriter.Write(large, "gateway");
        var third = Tap.TapLineWriter.Write(small, "gateway");
        Assert.Equal(firstText, Encoding.UTF8.GetString(first.Span));
        Assert.Equal(firstText, Encoding.UTF8.GetString(third.Span));
        Assert.Contains("\"account\":\"acct_b\"", Encoding.UTF8.GetString(second.Span));
        Assert.Contains(big, Encoding.UTF8.GetString(second.Span));
        using var doc = System.Text.Json.JsonDocument.Parse(first);
        Assert.Equal("acct_a", doc.RootElement.GetProperty("account").GetString());
        Assert.Equal("r1", doc.RootElement.GetProperty("response").GetProperty("id").GetString());
        // the line is an array of its own length, not a slice of a larger (thread-kept) buffer
        Assert.True(System.Runtime.InteropServices.MemoryMarshal.TryGetArray(first, out var segment));
        Assert.Equal(0, segment.Offset);
        Assert.Equal(first.Length, segment.Array!.Length);
    }

    [Fact]
    public void TapTimestamp_IsRfc3339UtcWithMilliseconds()
    {
        Span<byte> buffer = stackalloc byte[24];
        foreach (var t in new[] { new DateTime(2026, 2, 1, 12, 0, 0, 7, DateTimeKind.Utc), new DateTime(1, 1, 1, 0, 0, 0, DateTimeKind.Utc), new DateTime(9999, 12, 31, 23, 59, 59, 999, DateTimeKind.Utc) })
            Assert.Equal(t.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture),
                Encoding.ASCII.GetString(Tap.TapLineWriter.Timestamp(t, buffer)));
    }
}
