using System.Text.Json;
using DistillGuard.Gateway.Seams;
using DistillGuard.Gateway.Watermarking;
using DistillGuard.Provenance.Watermarking;

namespace DistillGuard.Gateway.Tests;

public sealed class WatermarkTransformTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("dg-wm-journal-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private const string Text = "However, you can use a large buffer to begin with, and it is also important to start small. For example, we should help users understand the main idea quickly.";

    private static ResponseTextContext Context(bool watermark, string exchange) => new()
    {
        Account = "acct_1", Verdict = new VerdictLookup(true, "campaign", 0.97, "c-0007"), Api = "openai.chat.completions", Model = "gpt-x",
        Watermark = watermark, ExchangeId = exchange,
    };

    [Fact]
    public async Task Journal_GetsEachWatermarkedBlocksOriginal_BufferedAndStreamed_AndNothingForUnmarkedExchanges()
    {
        var key = WatermarkKey.FromSeed("journal-unit");
        var wm = new Watermarker(key);
        var path = Path.Combine(_dir, "sub", "served.jsonl");
        var journal = new WatermarkJournal(path);
        var transform = new WatermarkTransform(wm, key.Id, journal);

        Assert.Null(transform.For(Context(false, "ex-0")));
        var buffered = transform.For(Context(true, "ex-1"))!;
        Assert.Equal(wm.Apply(Text), buffered.Apply(Text));
        Assert.Equal(wm.Apply("Second block: for example, this one."), buffered.Apply("Second block: for example, this one."));

        var streamed = transform.For(Context(true, "ex-2"))!.Begin();
        var sent = new System.Text.StringBuilder();
        for (int i = 0; i < Text.Length; i += 5) sent.Append(streamed.Push(Text.Substring(i, Math.Min(5, Text.Length - i))));
        sent.Append(streamed.Flush());
        Assert.Equal(wm.Apply(Text), sent.ToString());
        Assert.NotEqual(Text, sent.ToString());

        await journal.DisposeAsync();
        Assert.Equal(3, journal.Written);
        Assert.Equal(0, journal.Dropped);
        var lines = File.ReadAllLines(path).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(["ex-1", "ex-1", "ex-2"], lines.Select(e => e.GetProperty("exchange_id").GetString()));
        Assert.Equal([0, 1, 0], lines.Select(e => e.GetProperty("block").GetInt32()));
        Assert.Equal([Text, "Second block: for example, this one.", Text], lines.Select(e => e.GetProperty("text").GetString()));
        Assert.All(lines, e =>
        {
            Assert.Equal("acct_1", e.GetProperty("account").GetString());
            Assert.Equal("c-0007", e.GetProperty("campaign").GetString());
            Assert.Equal(key.Id, e.GetProperty("key_id").GetString());
            Assert.Equal("gpt-x", e.GetProperty("model").GetString());
        });

        // closed: what still arrives is counted as dropped, never thrown at the request
        journal.Add(new WatermarkJournalEntry { ExchangeId = "ex-3", Account = "acct_1", KeyId = key.Id, ServedAt = DateTimeOffset.UnixEpoch, Text = "late" });
        Assert.Equal(1, journal.Dropped);
    }

    [Fact]
    public async Task Journal_AppendsToAnExistingFile()
    {
        var path = Path.Combine(_dir, "served.jsonl");
        File.WriteAllText(path, "{\"exchange_id\":\"old\",\"account\":\"a\",\"key_id\":\"k\",\"served_at\":\"2026-01-01T00:00:00+00:00\",\"text\":\"before\"}\n");
        await using (var journal = new WatermarkJournal(path))
            journal.Add(new WatermarkJournalEntry { ExchangeId = "new", Account = "a", KeyId = "k", ServedAt = DateTimeOffset.UnixEpoch, Text = "after" });
        Assert.Equal(["old", "new"], File.ReadAllLines(path).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("exchange_id").GetString()));
    }
}
