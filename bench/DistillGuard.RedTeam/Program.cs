using System.Diagnostics;
using System.IO.Compression;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using DistillGuard.RedTeam;

var opts = new Dictionary<string, string>();
for (int i = 0; i < args.Length; i++)
{
    if (args[i] is "-h" or "--help") { Usage(); return 0; }
    if (!args[i].StartsWith("--") || i + 1 >= args.Length) { Console.Error.WriteLine($"bad argument: {args[i]}"); Usage(); return 2; }
    opts[args[i][2..]] = args[++i];
}
if (!opts.TryGetValue("mix", out var mix) || mix is not ("realistic" or "evasive" or "hardneg" or "adaptive" or "shadow") || !opts.TryGetValue("out", out var outDir))
{ Usage(); return 2; }
ulong seed = opts.TryGetValue("seed", out var ss) && ulong.TryParse(ss, out var sv) ? sv : 1;
if (opts.TryGetValue("corpus", out var corpus)) Corpus.Load(corpus);

var sw = Stopwatch.StartNew();
var g = new Gen(mix, seed);
Mixes.Build(g, mix);
Console.Error.WriteLine($"planned {g.Sessions.Count:N0} sessions, {g.Sessions.Sum(s => s.Times.Length):N0} exchanges in {sw.Elapsed.TotalSeconds:0.0}s");
Directory.CreateDirectory(outDir);
int written = Output.Write(g, outDir, seed, sw);
Console.Error.WriteLine($"wrote {written:N0} exchanges in {sw.Elapsed.TotalSeconds:0.0}s");
if (!opts.TryGetValue("check", out var chk) || chk != "false")
{
    var problems = Output.Check(outDir);
    Console.Error.WriteLine(problems.Count == 0 ? "check: ok" : "check: " + string.Join("\n  ", problems.Take(20)));
    if (problems.Count > 0) return 1;
}
Console.Error.WriteLine($"done in {sw.Elapsed.TotalSeconds:0.0}s");
return 0;

static void Usage() => Console.Error.WriteLine("usage: DistillGuard.RedTeam --mix realistic|evasive|hardneg|adaptive|shadow --seed N --out DIR [--corpus DIR] [--check false]");

namespace DistillGuard.RedTeam
{
    public static class Mixes
    {
        public static void Build(Gen g, string mix)
        {
            double legit = mix == "hardneg" ? 0.45 : mix == "shadow" ? 0.45 : 0.7;
            double hn = mix == "hardneg" ? 1.55 : 1;
            g.Ordinary(legit);
            g.Campuses((int)(3 * hn), 110);
            g.CorporateTeams((int)(7 * hn));
            g.EnterpriseBatch((int)(4 * hn), 190);
            g.AgentPlatform((int)(240 * hn));
            g.Researchers((int)(11 * hn));
            g.AppRelays(mix == "shadow" ? 18 : (int)(22 * hn));
            g.Licensed((int)(3 * hn));
            g.Fleet(40, 18);
            if (mix == "hardneg") g.Fleet(50, 12);
            switch (mix)
            {
                case "realistic":
                    g.CotHydra("cot-hydra", 9500, 54);
                    g.AgentHarvest("tool-harvest", 9000, 64);
                    g.Station("relay-station", 9000, 36, 0.35);
                    g.ReplayRing("replay-ring", 5, 12, 1400);
                    break;
                case "evasive":
                    g.QuietHarvest("quiet-cot", Kind.CotCoerce, 120, 6, 0.3, 0.1);
                    g.QuietHarvest("grader-farm", Kind.Rubric, 80, 6, 0.25, 0.1);
                    g.QuietHarvest("quiet-agents", Kind.AgentHarvest, 50, 2, 0.25, 0.08);
                    g.Station("diluted-station", 8000, 30, 0.2, evasive: true);
                    break;
                case "adaptive":
                    // look-alikes of each campaign's shape, then operators who each avoid a different part of the public record
                    g.SetupReseller();
                    g.ResellerCustomers(44);
                    g.QuillcodeUsers(72);
                    g.LabellingVendor(24, 1.5);
                    g.Course(70);
                    g.HarnessHarvest("harness-agents", 56, 1.6);
                    g.SqlPartition("sql-partition", 96, 5, 0.08);
                    g.TraceStation("trace-station", 28, 16);
                    g.SlowHydra("slow-hydra", 48, 8);
                    break;
                case "shadow":
                    // look-alikes of the campaigns' shapes, then four operators who harvest inside envelopes that look legitimate
                    g.SetupReseller();
                    g.ResellerCustomers(36);
                    g.PlatformAgentTeam(26);
                    g.LegalLanguageVendor(30);
                    g.SaasHarvest("shadow-saas", 24, 5, 2.2);
                    g.ClauseHarvest("shadow-clause", 110, 6);
                    g.WalkthroughHydra("shadow-walkthrough", 42, 2.4);
                    g.BranchRing("shadow-branch", 8, 32, 6);
                    break;
                default:
                    g.CotHydra("small-cot", 1500, 10, churn: false);
                    break;
            }
        }
    }

    public static class Output
    {
        static readonly JsonWriterOptions Wo = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true };

        public static int Write(Gen g, string dir, ulong seed, Stopwatch sw)
        {
            var order = new List<(long t, int s, int turn)>(g.Sessions.Sum(s => s.Times.Length));
            for (int i = 0; i < g.Sessions.Count; i++)
                for (int k = 0; k < g.Sessions[i].Times.Length; k++) order.Add((g.Sessions[i].Times[k], i, k));
            order.Sort();

            var cache = new Dictionary<int, Convo>();
            var buf = new System.Buffers.ArrayBufferWriter<byte>(1 << 16);
            using (var fs = File.Create(Path.Combine(dir, "exchanges.jsonl.gz")))
            using (var gz = new GZipStream(fs, CompressionLevel.Fastest))
            using (var bs = new BufferedStream(gz, 1 << 20))
            {
                long n = 0;
                foreach (var (t, si, turn) in order)
                {
                    var s = g.Sessions[si];
                    if (!cache.TryGetValue(si, out var c)) { c = Content.Build(s); cache[si] = c; }
                    buf.ResetWrittenCount();
                    using (var w = new Utf8JsonWriter(buf, Wo))
                        Render.Write(w, s, turn, $"ex_{++n:D9}", t, c, new Rng(Rng.Mix(s.Seed, 0xE77UL + (ulong)turn)));
                    bs.Write(buf.WrittenSpan);
                    bs.WriteByte((byte)'\n');
                    if (turn == s.Times.Length - 1) cache.Remove(si);
                }
            }

            var seen = g.Accounts.Where(a => a.Exchanges > 0).OrderBy(a => a.Id, StringComparer.Ordinal).ToList();
            using (var f = new StreamWriter(Path.Combine(dir, "accounts.jsonl"), false, new UTF8Encoding(false)))
                foreach (var a in seen.OrderBy(a => a.Created))
                    f.Write(JsonSerializer.Serialize(new Dictionary<string, object>
                    {
                        ["account"] = a.Id, ["created"] = a.Created.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'"), ["tier"] = a.Tier, ["org_name"] = a.Org,
                        ["email_domain"] = a.Email, ["payment_fp"] = a.Pay, ["country"] = a.Country, ["verified"] = a.Verified,
                    }) + "\n");
            using (var f = new StreamWriter(Path.Combine(dir, "labels.jsonl"), false, new UTF8Encoding(false)))
                foreach (var a in seen)
                {
                    var d = new Dictionary<string, object?> { ["account"] = a.Id, ["campaign"] = a.Campaign, ["persona"] = a.Persona };
                    if (a.Dormant) d["dormant"] = true;
                    f.Write(JsonSerializer.Serialize(d) + "\n");
                }
            File.WriteAllLines(Path.Combine(dir, "allow.txt"), seen.Where(a => a.Allow).Select(a => a.Id));

            var truth = new Dictionary<string, object>
            {
                ["generator"] = "DistillGuard.RedTeam (independent, blind)", ["mix"] = g.Mix, ["seed"] = seed,
                ["start"] = World.Start.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'"), ["days"] = Gen.Days,
                ["exchanges"] = order.Count, ["accounts"] = seen.Count, ["sessions"] = g.Sessions.Count,
                ["model_releases"] = World.Models.Where(m => m.ReleaseDay > 0).ToDictionary(m => m.Name, m => World.Start.AddDays(m.ReleaseDay).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'")),
                ["campaigns"] = g.Campaigns.Values.ToDictionary(c => c.Name, c =>
                {
                    var mem = seen.Where(a => a.Campaign == c.Name).ToList();
                    return (object)new Dictionary<string, object>
                    {
                        ["tactic"] = c.Tactic, ["targets"] = c.Targets, ["traits"] = c.Traits,
                        ["accounts"] = mem.Count, ["dormant_accounts"] = mem.Count(a => a.Dormant),
                        ["exchanges"] = mem.Sum(a => a.Exchanges), ["harvest_exchanges"] = mem.Sum(a => a.HarvestExchanges),
                        ["personas"] = mem.GroupBy(a => a.Persona).ToDictionary(x => x.Key, x => x.Count()),
                    };
                }),
                ["personas"] = seen.GroupBy(a => (a.Campaign == null ? "" : "campaign:") + a.Persona).OrderBy(x => x.Key)
                    .ToDictionary(x => x.Key, x => new { accounts = x.Count(), exchanges = x.Sum(a => a.Exchanges) }),
                ["apis"] = g.Sessions.GroupBy(s => s.Api).ToDictionary(x => x.Key, x => x.Sum(s => s.Times.Length)),
                ["allow_list"] = seen.Count(a => a.Allow),
            };
            File.WriteAllText(Path.Combine(dir, "truth.json"), JsonSerializer.Serialize(truth, new JsonSerializerOptions { WriteIndented = true }));
            return order.Count;
        }

        /// <summary>Reads everything back: gzip, JSON, required fields, body shape per api, unique ids, time order, labels = log accounts.</summary>
        public static List<string> Check(string dir)
        {
            var p = new List<string>();
            var ids = new HashSet<string>();
            var accts = new HashSet<string>();
            string prev = "";
            long line = 0;
            using (var fs = File.OpenRead(Path.Combine(dir, "exchanges.jsonl.gz")))
            using (var gz = new GZipStream(fs, CompressionMode.Decompress))
            using (var sr = new StreamReader(gz, Encoding.UTF8))
            {
                string? l;
                while ((l = sr.ReadLine()) != null)
                {
                    line++;
                    try
                    {
                        using var d = JsonDocument.Parse(l);
                        var e = d.RootElement;
                        string id = e.GetProperty("id").GetString()!, ts = e.GetProperty("ts").GetString()!, acct = e.GetProperty("account").GetString()!, api = e.GetProperty("api").GetString()!;
                        var req = e.GetProperty("request");
                        if (!ids.Add(id)) p.Add($"line {line}: duplicate id {id}");
                        if (string.CompareOrdinal(ts, prev) < 0) p.Add($"line {line}: time goes back");
                        prev = ts;
                        if (!DateTime.TryParse(ts, null, System.Globalization.DateTimeStyles.RoundtripKind, out _)) p.Add($"line {line}: bad ts");
                        accts.Add(acct);
                        bool ok = api switch
                        {
                            "openai.chat.completions" => req.TryGetProperty("messages", out var m) && m.GetArrayLength() > 0,
                            "openai.responses" => req.TryGetProperty("input", out _),
                            "anthropic.messages" => req.TryGetProperty("messages", out var m2) && m2.GetArrayLength() > 0 && req.TryGetProperty("max_tokens", out _),
                            _ => false,
                        };
                        if (!ok) p.Add($"line {line}: body does not match {api}");
                        if (!req.TryGetProperty("model", out _)) p.Add($"line {line}: no model");
                        int status = e.TryGetProperty("status", out var st) ? st.GetInt32() : 200;
                        if (status == 200 && !e.TryGetProperty("response", out _)) p.Add($"line {line}: 200 without response");
                    }
                    catch (Exception ex) { p.Add($"line {line}: {ex.GetType().Name} {ex.Message}"); }
                    if (p.Count > 50) return p;
                }
            }
            var labels = File.ReadAllLines(Path.Combine(dir, "labels.jsonl")).Select(x => JsonDocument.Parse(x).RootElement.GetProperty("account").GetString()!).ToList();
            if (!labels.SequenceEqual(labels.OrderBy(x => x, StringComparer.Ordinal))) p.Add("labels not sorted");
            if (labels.Count != labels.Distinct().Count()) p.Add("duplicate labels");
            if (!accts.SetEquals(labels)) p.Add($"labels ({labels.Count}) != log accounts ({accts.Count})");
            var reg = File.ReadAllLines(Path.Combine(dir, "accounts.jsonl")).Select(x => JsonDocument.Parse(x).RootElement.GetProperty("account").GetString()!).ToHashSet();
            if (!reg.SetEquals(accts)) p.Add("registry != log accounts");
            Console.Error.WriteLine($"check: {line:N0} lines, {accts.Count:N0} accounts");
            return p;
        }
    }

    /// <summary>Optional real text and address ranges from the shared data folder (never copied into the repo).</summary>
    public static class Corpus
    {
        public static void Load(string dir)
        {
            var prompts = new List<string>();
            foreach (var f in new[] { "legit/arena_hard_v0.1_question.jsonl", "legit/koala_test_set.jsonl", "legit/vicuna_bench_question.jsonl", "legit/mt_bench_question.jsonl", "legit/self_instruct_user_oriented_instructions.jsonl" })
            {
                string path = Path.Combine(dir, f);
                if (!File.Exists(path)) continue;
                foreach (var l in File.ReadLines(path))
                {
                    try
                    {
                        using var d = JsonDocument.Parse(l);
                        string? t = Find(d.RootElement);
                        if (!string.IsNullOrWhiteSpace(t) && t.Length < 4000) prompts.Add(t);
                    }
                    catch (JsonException) { }
                }
            }
            if (prompts.Count > 0) Content.CorpusPrompt = (r, lang) => lang == "en" && r.Chance(0.5) ? r.Pick(prompts) : null;
            string ipf = Path.Combine(dir, "ip/x4bnet/output/datacenter/ipv4.txt");
            if (File.Exists(ipf)) World.CorpusHosting = File.ReadLines(ipf).Where(x => x.Contains('/') && !x.StartsWith('#')).Take(50000).ToList();
            Console.Error.WriteLine($"corpus: {prompts.Count} prompts, {World.CorpusHosting?.Count ?? 0} hosting ranges");
        }

        static string? Find(JsonElement e)
        {
            if (e.ValueKind != JsonValueKind.Object) return null;
            foreach (var k in new[] { "prompt", "instruction", "text", "question" })
                if (e.TryGetProperty(k, out var v) && v.ValueKind == JsonValueKind.String) return v.GetString();
            if (e.TryGetProperty("turns", out var t) && t.ValueKind == JsonValueKind.Array && t.GetArrayLength() > 0)
            {
                var f = t[0];
                if (f.ValueKind == JsonValueKind.String) return f.GetString();
                if (f.ValueKind == JsonValueKind.Object && f.TryGetProperty("content", out var c)) return c.GetString();
            }
            return null;
        }
    }
}
