using System.Text;
using System.Text.Json;
using DistillGuard.Core.Model;
using DistillGuard.Core.Parsing;
using DistillGuard.Core.Reading;
using FsCheck.Xunit;

namespace DistillGuard.Core.Tests.Reading;

public sealed class ReaderPropertyTests
{
    /// <summary>
    /// Arbitrary bytes, truncated and corrupted JSON mixed with good lines: the read never throws, every bad line is
    /// quarantined under its own number, every good line is delivered in order, and the counts add up.
    /// </summary>
    [Property(MaxTest = 60)]
    public bool Read_ArbitraryBytesAndMalformedJson_NeverCrashesAndAccountsForEveryLine(byte[][] junk, int seed)
    {
        var rnd = new Random(seed);
        var lines = new List<byte[]>();
        for (int i = 0; i < (junk?.Length ?? 0); i++)
        {
            var j = (junk![i] ?? []).Where(b => b != (byte)'\n' && b != (byte)'\r').ToArray();
            var good = Encoding.UTF8.GetBytes(TestLog.Good(i, (i % 3) switch { 0 => "openai.chat.completions", 1 => "openai.responses", _ => "anthropic.messages" }));
            switch (rnd.Next(5))
            {
                case 0: lines.Add(j); break;                                            // arbitrary bytes
                case 1: lines.Add(good[..rnd.Next(good.Length)]); break;                  // truncated JSON
                case 2: var c = (byte[])good.Clone(); c[rnd.Next(c.Length)] = j.Length > 0 ? j[0] : (byte)'}'; if (c.Contains((byte)'\n') || c.Contains((byte)'\r')) c = good; lines.Add(c); break; // one corrupted byte
                default: lines.Add(good); break;
            }
        }
        using var log = new TestLog();
        var file = log.WriteBytes("p.jsonl", lines);
        var q = Path.Combine(log.Dir, "q.jsonl");

        // Oracle: each line parsed alone.
        var parser = new ExchangeLineParser();
        var f = new ExchangeFeatures();
        var expectedIds = new List<string>();
        var expectedBad = new List<(long, string)>();
        long empty = 0;
        for (int i = 0; i < lines.Count; i++)
        {
            if (lines[i].AsSpan().Trim(" \t"u8).IsEmpty) { empty++; continue; }
            var reason = parser.Parse(lines[i], f);
            if (reason is null) expectedIds.Add(f.Id); else expectedBad.Add((i + 1, reason));
        }

        var ids = new List<string>();
        var stats = ExchangeLogReader.Read(new ReaderOptions { Files = [file], QuarantinePath = q, Workers = 1 + Math.Abs(seed % 3) }, x => ids.Add(x.Id), default, 64 + Math.Abs(seed % 700));
        var bad = File.ReadAllLines(q).Select(l => JsonDocument.Parse(l).RootElement).Select(e => (e.GetProperty("line").GetInt64(), e.GetProperty("reason").GetString()!)).ToList();

        return ids.SequenceEqual(expectedIds)
            && bad.SequenceEqual(expectedBad)
            && stats.Lines == lines.Count
            && stats.Exchanges + stats.Quarantined + empty == stats.Lines
            && stats.QuarantineReasons.Values.Sum() == stats.Quarantined
            && !bad.Any(b => b.Item2 == "parse-error");
    }
}
