using System.Text.Json;
using DistillGuard.Core.Tests.Analysis;
using DistillGuard.Core.Verdicts;

namespace DistillGuard.Core.Tests.Verdicts;

public sealed class VerdictWriterTests
{
    [Fact]
    public void Write_SyntheticRun_EveryAccountOnceWithContractFieldsAndSortedReasons()
    {
        var t = new SyntheticTraffic(new SyntheticTraffic.Settings { Seed = 2 });
        var r = AnalysisHarness.Run(t);
        var dir = Path.Combine(Path.GetTempPath(), $"dg-verdicts-{Guid.NewGuid():N}");
        try
        {
            VerdictWriter.Write(dir, r.Verdicts, r.Campaigns);
            var lines = File.ReadAllLines(Path.Combine(dir, VerdictWriter.VerdictsFile));
            Assert.Equal(t.Accounts.Count, lines.Length);
            var seen = new HashSet<string>();
            var campaignIds = new HashSet<string>();
            foreach (var line in lines)
            {
                using var d = JsonDocument.Parse(line);
                var e = d.RootElement;
                Assert.True(seen.Add(e.GetProperty("account").GetString()!));
                var score = e.GetProperty("score").GetDouble();
                Assert.InRange(score, 0, 1);
                var verdict = e.GetProperty("verdict").GetString();
                Assert.Contains(verdict, new[] { "clear", "watch", "campaign" });
                var camp = e.GetProperty("campaign");
                Assert.Equal(verdict == "campaign", camp.ValueKind == JsonValueKind.String);
                if (camp.ValueKind == JsonValueKind.String) campaignIds.Add(camp.GetString()!);
                Assert.True(e.GetProperty("exchanges").GetInt32() > 0);
                var weights = e.GetProperty("reasons").EnumerateArray().Select(x => x.GetProperty("weight").GetDouble()).ToList();
                var reasons = e.GetProperty("reasons").EnumerateArray().ToList();
                if (reasons.Count > 0 && reasons[0].GetProperty("signal").GetString() == "allowlisted") weights.RemoveAt(0);
                Assert.Equal(weights.OrderByDescending(w => w), weights);
            }
            Assert.Equal(t.Accounts.Select(a => a.Id).ToHashSet(), seen);

            using var cd = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, VerdictWriter.CampaignsFile)));
            var campaigns = cd.RootElement.EnumerateArray().ToList();
            Assert.Equal(campaignIds.Order(), campaigns.Select(c => c.GetProperty("id").GetString()!).Order());
            Assert.Equal(Enumerable.Range(1, campaigns.Count).Select(i => $"C-{i:0000}"), campaigns.Select(c => c.GetProperty("id").GetString()));
            var members = lines.Select(l => JsonDocument.Parse(l).RootElement)
                .Where(e => e.GetProperty("campaign").ValueKind == JsonValueKind.String)
                .GroupBy(e => e.GetProperty("campaign").GetString()!)
                .ToDictionary(g => g.Key, g => g.Select(e => e.GetProperty("account").GetString()!).Order(StringComparer.Ordinal).ToList());
            foreach (var c in campaigns)
            {
                Assert.Equal(members[c.GetProperty("id").GetString()!], c.GetProperty("accounts").EnumerateArray().Select(a => a.GetString()!));
                foreach (var f in new[] { "accounts", "exchanges", "first_seen", "last_seen", "targets", "tactics", "evidence", "score" })
                    Assert.True(c.TryGetProperty(f, out _), f);
                Assert.True(DateTimeOffset.TryParse(c.GetProperty("first_seen").GetString(), out var first));
                Assert.True(DateTimeOffset.Parse(c.GetProperty("last_seen").GetString()!) >= first);
                foreach (var ev in c.GetProperty("evidence").EnumerateArray())
                {
                    Assert.False(string.IsNullOrEmpty(ev.GetProperty("kind").GetString()));
                    Assert.False(string.IsNullOrEmpty(ev.GetProperty("summary").GetString()));
                    Assert.Equal(JsonValueKind.Array, ev.GetProperty("exchange_ids").ValueKind);
                }
            }
        }
        finally { Directory.Delete(dir, true); }
    }
}
