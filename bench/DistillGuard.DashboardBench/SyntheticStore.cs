using DistillGuard.Storage.Sql;
using DistillGuard.Storage.Writing;

namespace DistillGuard.DashboardBench;

/// <summary>A synthetic analysis of the size the dashboard must stay responsive at: N accounts, M campaigns (heavy-tailed
/// sizes), per account a verdict, three reasons, a profile, registry facts, infrastructure, a key and hourly activity over
/// two weeks; per campaign evidence, link keys and cited exchanges. Deterministic for a seed.</summary>
public static class SyntheticStore
{
    private static readonly string[] Targets = ["reasoning", "coding", "math", "agentic-tool-use", "knowledge", "safety-rewrites"];
    private static readonly string[] Tactics = ["cot-elicitation", "shared-template", "proxy-infrastructure", "synchronized-timing", "shared-payment", "creation-burst", "model-release-pivot", "mixed-with-legit-traffic"];
    private static readonly string[] KeyKinds = ["template", "shared-ip", "shared-prefix", "shared-payment", "creation-burst"];

    public static StoreSnapshot Build(int accounts, int campaigns, int hoursPerAccount, int seed = 1)
    {
        var rnd = new Random(seed);
        var start = new DateTimeOffset(2026, 3, 2, 0, 0, 0, TimeSpan.Zero);
        long startMs = start.ToUnixTimeMilliseconds();
        var snap = new StoreSnapshot { Source = "synthetic", Exchanges = (long)accounts * hoursPerAccount * 6, WrittenAt = start.AddDays(15) };
        string Acct(int i) => $"acct_{i:000000}";
        // Campaign sizes: Pareto-ish between 3 and 400, members taken from the front of the account range.
        var member = new string?[accounts];
        int next = 0, keyId = 0;
        for (int c = 0; c < campaigns && next < accounts; c++)
        {
            int size = Math.Min(accounts - next, Math.Max(3, (int)(3 / Math.Pow(1 - rnd.NextDouble() * 0.999, 0.8))));
            size = Math.Min(size, 400);
            string id = $"C-{c + 1:0000}";
            var members = Enumerable.Range(next, size).Select(Acct).ToList();
            next += size;
            foreach (var m in members) member[int.Parse(m[5..])] = id;
            var tactics = Tactics.Where(_ => rnd.NextDouble() < 0.5).DefaultIfEmpty("cot-elicitation").ToArray();
            var targets = Targets.Where(_ => rnd.NextDouble() < 0.35).DefaultIfEmpty("reasoning").ToArray();
            double score = Math.Round(0.5 + rnd.NextDouble() * 0.5, 4);
            snap.Add(StoreSchema.Campaigns, id, score, size, (long)size * 600, start, start.AddDays(14), targets, tactics, "open", null,
                Math.Round(0.6 + rnd.NextDouble() * 0.4, 4), $"{tactics[0]}: {size} accounts share it", null, null);
            for (int e = 0; e < 8; e++)
            {
                var ids = Enumerable.Range(0, 3).Select(k => $"ex_{c:0000}_{e}_{k}").ToArray();
                snap.Add(StoreSchema.Evidence, id, e + 1, KeyKinds[e % KeyKinds.Length], $"synthetic evidence {e} of {id}: {size} of the campaign's accounts share it", Math.Round(1.0 / (e + 1), 4), ids);
                if (e < 2)
                    foreach (var x in ids)
                        snap.Add(StoreSchema.Exchanges, x, members[0], start.AddHours(e), "openai.chat.completions", "atlas-2", $"key_{members[0]}", "10.1.2.3", 200,
                            new[] { "cot-elicitation" }, new[] { "step by step" }, null, "Solve this step by step, showing all reasoning: " + x, "Step 1 …");
            }
            foreach (var m in members) snap.Add(StoreSchema.CampaignMembers, id, m, Math.Round(rnd.NextDouble(), 4), true);
            for (int k = 0; k < 5; k++)
            {
                int kid = keyId++;
                string value = KeyKinds[k] switch
                {
                    "shared-ip" => $"10.{c % 250}.{k}.{rnd.Next(1, 250)}",
                    "shared-prefix" => $"10.{c % 250}.{k}.0/24",
                    "shared-payment" => $"pf_{c:x4}{k}",
                    "template" => $"template {rnd.NextInt64():x16}",
                    _ => $"created 2026-03-0{1 + k}",
                };
                snap.Add(StoreSchema.KeyGroups, kid, KeyKinds[k], value, size, 0.5, 0.5, 0.7, k == 1);
                snap.Add(StoreSchema.CampaignKeys, id, kid, Math.Round(1.0 / (k + 1), 4), size);
                foreach (var m in members.Where((_, i) => i % (k + 1) == 0)) snap.Add(StoreSchema.KeyMembers, kid, m, 100, 80);
            }
        }
        for (int i = 0; i < accounts; i++)
        {
            string a = Acct(i);
            string? c = member[i];
            double score = c is not null ? 0.6 + rnd.NextDouble() * 0.4 : rnd.NextDouble() < 0.03 ? 0.3 + rnd.NextDouble() * 0.3 : rnd.NextDouble() * 0.3;
            string verdict = c is not null ? "campaign" : score >= 0.3 ? "watch" : "clear";
            int exchanges = hoursPerAccount * 6;
            snap.Add(StoreSchema.Verdicts, a, Math.Round(score, 4), verdict, c, exchanges, null);
            for (int r = 0; r < 3; r++)
                snap.Add(StoreSchema.Reasons, a, r + 1, Tactics[(i + r) % Tactics.Length], Math.Round(0.3 / (r + 1), 4), $"synthetic reason {r} of {a}", new[] { $"ex_a{i}_{r}" });
            snap.Add(StoreSchema.ExchangeRefs, $"ex_a{i}_0", a, c, "reason:synthetic");
            snap.Add(StoreSchema.AccountProfiles, a, exchanges, start, start.AddDays(14), 14, exchanges / 2, 0.5, 0.5, 1.2, 4096, 0, 1, 0, 0,
                100.0, 0, 0, "0123456789abcdef", 0.4, $"10.{i % 250}.{i / 250 % 250}.{i % 7 + 1}", $"10.{i % 250}.{i / 250 % 250}.0/24", "python-httpx/0.27", "t13d1516h2_x");
            snap.Add(StoreSchema.Accounts, a, start.AddDays(-rnd.Next(1, 300)), "free", $"Org {i % 997}", $"mail{i % 313}.example", $"pf_{i:x6}", "US", false);
            snap.Add(StoreSchema.AccountInfra, a, "ip", $"10.{i % 250}.{i / 250 % 250}.{i % 7 + 1}", exchanges);
            snap.Add(StoreSchema.AccountInfra, a, "prefix", $"10.{i % 250}.{i / 250 % 250}.0/24", exchanges);
            snap.Add(StoreSchema.AccountInfra, a, "user-agent", "python-httpx/0.27", exchanges);
            snap.Add(StoreSchema.AccountInfra, a, "model", "atlas-2", exchanges);
            snap.Add(StoreSchema.AccountKeys, a, $"key_{i:x6}_a", exchanges);
            int first = rnd.Next(0, 336 - hoursPerAccount);
            for (int h = 0; h < hoursPerAccount; h++) snap.Add(StoreSchema.Activity, a, startMs + (first + h) * 3_600_000L, 6, c is null ? 1 : 5);
            snap.Add(StoreSchema.ModelActivity, a, "atlas-2", startMs + first / 24 * 86_400_000L, exchanges);
        }
        var traffic = new long[336];
        foreach (var row in snap.Rows[StoreSchema.Activity.Name]) traffic[(int)(((long)row[1]! - startMs) / 3_600_000L)] += (int)row[2]!;
        for (int h = 0; h < 336; h++) snap.Add(StoreSchema.Traffic, startMs + h * 3_600_000L, traffic[h], traffic[h] / 5);
        snap.Add(StoreSchema.Models, "atlas-2", startMs, snap.Exchanges);
        return snap;
    }
}
