namespace DistillGuard.RedTeam;

/// <summary>The `adaptive` mix: operators who read the public record's "what gives them away" column and each avoid a different
/// subset of it while still harvesting at scale; and legitimate look-alikes of each shape. Only reached with --mix adaptive.</summary>
public sealed partial class Gen
{
    // ------------------------------------------------------------------ an API reseller's route (shared by its ordinary customers and a campaign)
    const string ResellerRoute = "reseller:relaygrid";
    List<string> _resellerExits = [];
    (string ua, string ja4) _resellerClient;

    public void SetupReseller()
    {
        var prov = World.DrawHosting(R);
        var nets = Enumerable.Range(0, 2).Select(_ => World.HostingSlash24(R, prov)).ToList();
        _resellerExits = nets.SelectMany(n => Enumerable.Range(0, 4).Select(_ => World.InSlash24(n, R))).ToList();
        _resellerClient = ("relaygrid-gateway/3.2.1", "t13d1311h2_f57a46bbacb6_e7c285222651");
    }

    void OnReseller(Who w)
    {
        w.Route = ResellerRoute; w.Ips = [.. _resellerExits]; (w.Ua, w.Ja4) = _resellerClient;
    }

    /// <summary>A residential proxy exit that sticks to an account for `days` days, then changes.</summary>
    static string StickyExit(Account a, World.Country c, long t, double days)
    {
        var r = new Rng(Rng.Mix(Rng.Hash(a.Id), (ulong)(DayOf(t) / days)));
        return World.ResidentialIp(r.Chance(0.7) ? c : World.DrawCountry(r), r);
    }

    static readonly string[] QuillVersions = ["1.8.0", "1.8.2", "1.9.0", "1.9.1", "1.9.3", "1.9.4"];

    // ================================================================== hard negatives
    /// <summary>Ordinary developers and hobbyists who buy access through a reseller: the reseller's exits and gateway client, route reseller:*.</summary>
    public void ResellerCustomers(int n)
    {
        for (int i = 0; i < n; i++)
        {
            var w = Person("reseller-customer", R.Chance(0.7) ? "paid" : "free", 0.55, 0.15);
            OnReseller(w);
            bool dev = R.Chance(0.6);
            string quill = AdaptiveContent.QuillSystem(R, "user" + i, "claude-sonnet-4-5");
            var r = R.Fork((ulong)(31000 + i));
            foreach (long t in HumanStarts(r, w.Tz, Math.Min(15, R.LogNormal(1.8, 0.8)), 0.45, dev ? Work : Evening, 0.6))
            {
                var k = dev ? PickKind(r, (Kind.Coding, 4), (Kind.QuillAgent, 2), (Kind.Chat, 2), (Kind.Analysis, 1)) : PickKind(r, (Kind.Chat, 5), (Kind.Writing, 2), (Kind.Homework, 1));
                var s = HumanSession(w, k, t, r.Pick(w.Ips), 0.3, 0.05);
                if (k == Kind.QuillAgent) s.AppSystem = quill;
                Add(s, t);
            }
        }
    }

    /// <summary>A legitimate coding-agent product ("Quillcode"): every user's requests carry its tool schemas; the system prompt embeds the
    /// user's own environment and project rules; residential exits, own time zones, the product's client build.</summary>
    public void QuillcodeUsers(int n)
    {
        for (int i = 0; i < n; i++)
        {
            var w = Person("coding-agent-user", R.Weighted(new[] { ("paid", 6.0), ("free", 3.0), ("startup", 1.0) }), 0.4, 0.0);
            w.Api = R.Chance(0.6) ? "anthropic.messages" : "openai.chat.completions";
            string ver = R.Pick(QuillVersions);
            w.Ua = $"quillcode/{ver} (node 22)"; w.Ja4 = "t13d1516h2_8daaf6152771_02713d6af862";
            var m0 = w.Api == "anthropic.messages" ? World.M(R.Chance(0.7) ? "claude-sonnet-4-5" : "claude-opus-4-1") : World.M(R.Chance(0.7) ? "gpt-5.1" : "o4-mini");
            string user = R.Pick(new[] { "alex", "mk", "sam", "dev", "jchen", "priya", "lukas", "tom", "ana", "user" }) + (R.Chance(0.5) ? R.Int(2, 99).ToString() : "");
            string sys = AdaptiveContent.QuillSystem(R, user, m0.Name);
            bool thinks = R.Chance(0.35);
            int budget = R.Pick(new[] { 4000, 10000, 16000, 31999 });
            var r = R.Fork((ulong)(32000 + i));
            foreach (long t in HumanStarts(r, w.Tz, Math.Min(10, R.LogNormal(1.3, 0.7)), 0.6, Work, 0.4))
            {
                var m = r.Chance(0.85) ? m0 : ModelFor(r, w.Api, t, true);
                if (!m.Reasoning || m.Name is "gpt-4.1" or "gpt-4o-mini") m = m0;
                var p = new Params { MaxTokens = ver.StartsWith("1.8") ? 16000 : 32000, Stream = true };
                if (w.Api == "anthropic.messages") { p.MaxTokens = Math.Min(p.MaxTokens, m.MaxOut); if (thinks) { p.Budget = Math.Min(budget, p.MaxTokens - 1000); } }
                else { p.MaxCompletion = true; p.Effort = thinks ? "high" : "medium"; }
                var s = new Session { Acct = w.A, Api = w.Api, Model = m.Name, Ip = w.Ips.Count > 1 && r.Chance(0.3) ? w.Ips[1] : w.Ips[0], Ua = w.Ua, Ja4 = w.Ja4, Kind = Kind.QuillAgent, AppSystem = sys, Seed = r.NextU64(), P = p };
                Add(s, t);
            }
        }
    }

    /// <summary>A data-labelling vendor's verified fleet: one organisation, card and egress range, three follow-the-sun teams, a fixed
    /// extraction / SQL pre-annotation template in JSON mode at temperature 0, round the clock.</summary>
    public void LabellingVendor(int n, double perWorkerHour)
    {
        var c = World.DrawCountry(R);
        string org = "Tessellate Data Services", card = Card(R), s24 = World.HostingSlash24(R);
        double[] teamTz = [8, 3, -6];
        var onboard = new[] { PastCreated(R, 300, 420), PastCreated(R, 150, 250), PastCreated(R, 20, 90) };
        var ws = new List<(Who w, int team)>();
        for (int i = 0; i < n; i++)
        {
            int team = i % 3;
            var w = Person("labelling-vendor-worker", "enterprise", created: onboard[team].AddMinutes(R.Range(0, 90)), org: org, email: "tessellate-data.com", pay: card, verified: true, country: c);
            w.Api = "openai.chat.completions"; w.Ua = "OpenAI/Python 1.99.1"; w.Ja4 = "t13d1812h2_85036bcba153_375ca2c5e164";
            w.Ips = [World.InSlash24(s24, R)];
            ws.Add((w, team));
        }
        var r = R.Fork(0x7E55A);
        long item = 0;
        foreach (var (w, team) in ws)
        {
            long t = T0 + (long)(r.Range(0, 2) * H);
            while (true)
            {
                t += (long)(r.Exp(1 / perWorkerHour) * H);
                if (t >= T1) break;
                if (!InShift(t, teamTz[team], 7, 10)) continue;
                var p = new Params { MaxTokens = 2048, Temp = 0.0, JsonMode = true };
                var s = new Session { Acct = w.A, Api = w.Api, Model = DayOf(t) > 8 && r.Chance(0.5) ? "gpt-5.1" : "gpt-5.1-mini", Ip = w.Ips[0], Ua = w.Ua, Ja4 = w.Ja4, Kind = Kind.LabelExtract, Item = item++, Seed = r.NextU64(), P = p, MaxTurns = 1 };
                Add(s, t);
            }
        }
    }

    /// <summary>A university course on evaluating language models: the whole class signs up in one burst inside the window, grades model
    /// answers with a rubric and compares pairs; the second assignment tells everyone to use the newly released model.</summary>
    public void Course(int n)
    {
        var c = World.DrawCountry(R);
        string uni = $"{R.Pick(OrgA)} {R.Pick(new[] { "State University", "Institute of Technology", "University" })}";
        string dom = new string(uni.ToLowerInvariant().Where(char.IsLetter).ToArray())[..7] + (c.Code switch { "GB" => ".ac.uk", "JP" => ".ac.jp", "KR" => ".ac.kr", "IN" => ".ac.in", "AU" => ".edu.au", _ => ".edu" });
        string nat24 = $"{World.ResidentialPrefix(c, R)}.{R.Int(256)}";
        var nat = Enumerable.Range(0, 3).Select(_ => World.InSlash24(nat24, R)).ToList();
        double tz = R.Pick(c.Tz);
        long lab = T0 + (long)((Math.Floor(R.Range(1, 3)) + (10 - tz) / 24.0) * D);            // first lab session, 10:00 local
        long a2 = World.Start.AddDays(World.M("claude-opus-5").ReleaseDay).Ticks + (long)(R.Range(3, 8) * H);   // "use the new model for part B"
        long[] deadlines = [lab + 4 * D + (long)(13 * H), a2 + 4 * D];
        for (int i = 0; i < n; i++)
        {
            var created = new DateTime(lab + (long)(R.Range(0, 110) * 60 * S), DateTimeKind.Utc);
            var w = Person("course-student", "edu", 0.5, 0.1, created, uni, R.Chance(0.85) ? dom : null, verified: R.Chance(0.3), country: c);
            w.Tz = tz; w.Ips = [.. nat, World.ResidentialIp(c, R)];
            var r = R.Fork((ulong)(33000 + i));
            var starts = HumanStarts(r, tz, Math.Min(8, R.LogNormal(1.6, 0.6)), 0.45, Student, 0.8, DayOf(created.Ticks), Days);
            foreach (var dl in deadlines)      // the evening before a deadline
                for (int k = r.Int(1, 4); k > 0; k--) starts.Add(dl - (long)(r.Range(1, 20) * H));
            starts.Sort();
            foreach (long t in starts)
            {
                if (t < created.Ticks || t >= T1) continue;
                var k = PickKind(r, (Kind.CourseEval, 6), (Kind.Homework, 1.5), (Kind.Coding, 1.5), (Kind.Chat, 1.5));
                var s = HumanSession(w, k, t, r.Chance(0.6) ? r.Pick(nat) : w.Ips[^1], 0.2, 0.02);
                if (k == Kind.CourseEval)
                {
                    bool second = t >= a2;
                    s.Item = second ? 2 : 1;
                    if (second && r.Chance(0.75)) s.Model = World.FamilyOfApi(s.Api) == "openai" ? (DayOf(t) >= World.M("gpt-5.2").ReleaseDay ? "gpt-5.2" : "gpt-5.1") : "claude-opus-5";
                }
                Add(s, t);
            }
        }
    }

    // ================================================================== campaigns
    /// <summary>Agentic-coding harvest through the operator's own harness: per-account system-prompt wording, the harness's own tool schemas
    /// and loop; accounts on a reseller route and direct through sticky residential proxies; cards shared in small groups.</summary>
    public void HarnessHarvest(string name, int n, double sessPerDay)
    {
        Truth(name, "agentic-coding harvest through its own harness", "coding,agentic-tool-use",
            "agentic-trajectories", "own-tool-schemas", "fixed-agent-loop", "reseller-route-mixed-with-direct", "shared-payment-small-groups", "volume-in-aggregate",
            "avoids:shared-system-prompt", "avoids:identical-parameters", "avoids:hosting-egress", "avoids:sign-up-bursts", "avoids:shared-registration",
            "avoids:operator-hours", "avoids:model-release-pivot");
        var cards = Enumerable.Range(0, Math.Max(2, n / 3)).Select(_ => Card(R)).ToList();
        var ws = new List<Who>();
        for (int i = 0; i < n; i++)
        {
            var w = Person("harness-harvester", R.Weighted(new[] { ("paid", 5.0), ("startup", 3.0), ("free", 2.0) }), 0.45, 0.2,
                created: PastCreated(R, 8, 120), org: R.Chance(0.4) ? OrgName(R) : null, pay: R.Pick(cards), verified: R.Chance(0.25), campaign: name);
            if (R.Chance(0.4)) OnReseller(w);
            ws.Add(w);
        }
        var r = R.Fork(Rng.Hash(name));
        foreach (var w in ws)
        {
            string sys = AdaptiveContent.HarnessSystem(r);
            double? temp = r.Pick(new double?[] { null, 0.0, 0.2, 0.3, 0.5, 0.7 });
            int maxTok = r.Pick(new[] { 4096, 8192, 12000, 16000, 32000 });
            bool reseller = w.Route != "direct";
            var m0 = w.Api == "anthropic.messages" ? World.M(r.Chance(0.7) ? "claude-sonnet-4-5" : "claude-opus-4-1") : World.M(r.Chance(0.7) ? "gpt-5.1" : "o4-mini");
            string? effort = w.Api != "anthropic.messages" ? r.Pick(new[] { "low", "medium", "medium", "high" }) : null;
            int? budget = w.Api == "anthropic.messages" && r.Chance(0.4) ? r.Pick(new[] { 2048, 4096, 8000 }) : null;
            foreach (long t in HumanStarts(r, w.Tz, sessPerDay * r.Range(0.6, 1.4), 0.85, Work, 0.6))
            {
                var m = r.Chance(0.9) ? m0 : ModelFor(r, w.Api, t, true);
                if (!m.Reasoning || m.Name is "gpt-4.1" or "gpt-4o-mini") m = m0;
                var p = new Params { MaxTokens = w.Api == "anthropic.messages" ? Math.Min(maxTok, m.MaxOut) : maxTok, Temp = budget != null ? null : temp, Effort = effort, Budget = budget, Store = w.Api != "openai.responses" };
                if (p.Budget != null && p.MaxTokens <= p.Budget) p.MaxTokens = p.Budget.Value + 4096;
                string ip = reseller ? r.Pick(w.Ips) : StickyExit(w.A, w.C, t, 2);
                var s = new Session { Acct = w.A, Api = w.Api, Model = m.Name, Ip = ip, Ua = w.Ua, Ja4 = w.Ja4, Route = w.Route, Kind = Kind.HarnessAgent, AppSystem = sys, Item = r.Int(1 << 24), Seed = r.NextU64(), P = p, Harvest = true, ErrRate = 0.02 };
                Add(s, t, scripted: true);
            }
        }
    }

    /// <summary>Capability-targeted harvest of text-to-SQL: items partitioned across accounts, per-account paraphrased requests, each account
    /// working its own billing zone's day, the accounts spread over several zones so the whole runs round the clock.</summary>
    public void SqlPartition(string name, int n, double perDay, double dilution)
    {
        Truth(name, "capability-targeted harvest (text-to-SQL)", "sql-generation",
            "narrow-capability", "items-partitioned", "paraphrased-wording", "round-the-clock-in-aggregate", "accounts-in-several-time-zones", "program-tiers",
            "fresh-accounts-trickled", "avoids:shared-template", "avoids:repeated-items", "avoids:shared-payment", "avoids:hosting-egress", "avoids:synchronized-timing",
            "avoids:billing-country-vs-hours", "avoids:model-release-pivot", "avoids:reasoning-wording");
        // several time zones that together cover the clock
        var zones = new List<World.Country>();
        var bins = new HashSet<int>();
        for (int tries = 0; tries < 400 && zones.Count < 6; tries++)
        {
            var c = World.DrawCountry(R);
            int bin = (int)Math.Floor((c.Tz[0] + 12) / 4.0);
            if (bins.Add(bin)) zones.Add(c);
        }
        var ws = new List<Who>();
        for (int i = 0; i < n; i++)
        {
            var c = zones[i % zones.Count];
            var created = R.Chance(0.12) ? World.Start.AddDays(R.Range(0.3, 6)) : World.Start.AddDays(-R.Range(1, 40)).AddSeconds(R.Int(86400));
            string tier = R.Weighted(new[] { ("startup", 5.0), ("free", 3.5), ("paid", 1.5) });
            var w = Person("sql-harvester", tier, 0.5, 0.15, created, org: tier == "startup" ? OrgName(R) : null, verified: R.Chance(0.1), country: c, campaign: name);
            w.Tz = c.Tz[0];
            ws.Add(w);
        }
        var r = R.Fork(Rng.Hash(name));
        int idx = 0;
        foreach (var w in ws)
        {
            int mine = idx++; long k = 0;
            var voice = AdaptiveContent.SqlVoice(r);
            double? temp = r.Pick(new double?[] { null, null, 0.0, 0.0, 0.2 });
            int maxTok = r.Pick(new[] { 1024, 2048, 2048, 4096 });
            var m0 = w.Api == "anthropic.messages" ? World.M("claude-sonnet-4-5") : World.M(r.Chance(0.6) ? "gpt-5.1" : "gpt-4.1");
            foreach (long t in HumanStarts(r, w.Tz, perDay * r.Range(0.7, 1.3), 0.9, Work, 0.85, DayOf(w.A.Created.Ticks) + 0.05, Days))
            {
                string ip = StickyExit(w.A, w.C, t, 1);
                if (r.Chance(dilution)) { Add(HumanSession(w, PickKind(r, (Kind.Coding, 3), (Kind.Chat, 2), (Kind.Analysis, 1)), t, ip), t); continue; }
                var p = new Params { MaxTokens = maxTok, Temp = temp, MaxCompletion = w.Api == "openai.chat.completions" && maxTok > 1024, Stream = r.Chance(0.2) };
                var s = new Session { Acct = w.A, Api = w.Api, Model = m0.Name, Ip = ip, Ua = w.Ua, Ja4 = w.Ja4, Kind = Kind.SqlGen, Voice = voice, Para = true, Item = mine + k++ * n, Seed = r.NextU64(), P = p, Harvest = true, ErrRate = 0.01 };
                Add(s, t);
            }
        }
    }

    /// <summary>Reasoning-trace harvest through a transfer station: its accounts relay real end users (60-80 %) from hosting exits and inject
    /// natural-sounding hard problems at maximal thinking budgets in the same hours and languages, with made-up end-user ids.</summary>
    public void TraceStation(string name, int n, double perAcctDay)
    {
        Truth(name, "reasoning-trace harvest through a transfer station", "reasoning,math",
            "mixed-with-legit-traffic", "proxy-infrastructure", "billing-country-vs-exit", "relay-client", "maximal-thinking-budgets", "model-release-pivot",
            "end-user-ids-set", "avoids:answer-given-coercion", "avoids:round-the-clock-harvest", "avoids:shared-template", "avoids:forwarded-for");
        var market = World.DrawCountry(R);
        double mTz = R.Pick(market.Tz);
        var prov = World.DrawHosting(R);
        var nets = Enumerable.Range(0, 3).Select(_ => World.HostingSlash24(R, R.Chance(0.7) ? prov : null)).ToList();
        var exits = nets.SelectMany(s24 => Enumerable.Range(0, 4).Select(_ => World.InSlash24(s24, R))).ToList();
        double lag = R.Range(3, 8);
        var ws = new List<(Who w, double share, string[] users)>();
        for (int i = 0; i < n; i++)
        {
            var w = Person("trace-station-relay", R.Chance(0.85) ? "paid" : "free", created: World.Start.AddDays(i < n * 0.85 ? -R.Range(10, 150) : R.Range(0.5, Days - 3)), campaign: name, verified: R.Chance(0.15));
            if (R.Chance(0.6)) { w.Ua = "Go-http-client/2.0"; w.Ja4 = "t13d1311h2_f57a46bbacb6_e7c285222651"; }
            else { w.Ua = $"axios/1.{R.Int(6, 12)}.{R.Int(0, 9)}"; w.Ja4 = "t13d1516h2_8daaf6152771_e5627efa2ab1"; }
            w.Ips = Enumerable.Range(0, R.Int(2, 4)).Select(_ => R.Pick(exits)).ToList();
            var users = Enumerable.Range(0, R.Int(150, 500)).Select(_ => "u_" + R.Hex(10)).ToArray();
            ws.Add((w, R.Range(0.5, 0.7), users));   // by session; relayed sessions run longer, so 60-80 % of exchanges
        }
        var r = R.Fork(Rng.Hash(name));
        long item = 0;
        foreach (var (w, relayShare, users) in ws)
        {
            long from = Math.Max(T0, w.A.Created.Ticks + H);
            for (int d = 0; d < Days; d++)
            {
                int k = r.Poisson(perAcctDay * r.Range(0.7, 1.3));
                for (int j = 0; j < k; j++)
                {
                    // the station's customers' hours, for relayed and injected requests alike
                    long t = T0 + d * D + (long)((DrawHour(r, r.Chance(0.5) ? Evening : Work) - mTz) * H) + (long)(r.Next() * H);
                    if (t < from || t >= T1) continue;
                    var uc = r.Chance(0.65) ? market : World.DrawCountry(r);
                    string lang = World.DrawLanguage(r, uc);
                    string ip = r.Pick(w.Ips);
                    string user = r.Pick(users);
                    Session s;
                    if (r.Chance(relayShare))
                    {
                        string api = r.Chance(0.65) ? "openai.chat.completions" : "anthropic.messages";
                        var m = ModelFor(r, api, t, r.Chance(0.6));
                        var newest = World.FamilyOfApi(api) == "openai" ? World.M("gpt-5.2") : World.M("claude-opus-5");
                        double since = DayOf(t) - newest.ReleaseDay;
                        if (since > 0 && r.Chance(Math.Min(0.3, 0.08 + 0.06 * since))) m = newest;   // the station advertises new models
                        s = new Session { Acct = w.A, Api = api, Model = m.Name, Ip = ip, Ua = w.Ua, Ja4 = w.Ja4, Kind = r.Weighted(new[] { (Kind.Chat, 5.0), (Kind.Coding, 3.0), (Kind.Writing, 2.0), (Kind.Homework, 1.0), (Kind.Analysis, 0.5) }), Lang = lang, Seed = r.NextU64(), P = HumanParams(r, api, m, 0.3, 0.08) };
                    }
                    else
                    {
                        string api = r.Chance(0.6) ? "anthropic.messages" : "openai.chat.completions";
                        var usual = api == "anthropic.messages" ? World.M(r.Chance(0.7) ? "claude-sonnet-4-5" : "claude-opus-4-1") : World.M(r.Chance(0.7) ? "gpt-5.1" : "o4-mini");
                        var m = PivotModel(r, api, t, usual, lag, 0.5);
                        var p = HumanParams(r, api, m, 0, 0);
                        if (api == "anthropic.messages") { p.Budget = Math.Min(m.MaxOut - 4000, r.Pick(new[] { 24000, 31999, 32000, 48000 })); p.MaxTokens = Math.Min(m.MaxOut, p.Budget.Value + r.Pick(new[] { 4000, 8000, 16000 })); p.Temp = null; p.TopP = null; }
                        else { p.Effort = "high"; p.MaxTokens = r.Pick(new[] { 32000, 64000, 100000 }); }
                        s = new Session { Acct = w.A, Api = api, Model = m.Name, Ip = ip, Ua = w.Ua, Ja4 = w.Ja4, Kind = Kind.TraceSolve, Lang = lang, Item = item++, Seed = r.NextU64(), P = p, Harvest = true, ErrRate = 0.02 };
                    }
                    s.P.User = user;
                    Add(s, t);
                }
            }
        }
    }

    /// <summary>Slow hydra for reward-model data: many free accounts each well below per-account volume, banned ones replaced from spares
    /// registered in bursts under throwaway e-mail domains of one pattern; one card each, residential exits rotating per session,
    /// per-account wording and parameters; pivots jointly to a newly released model within hours.</summary>
    public void SlowHydra(string name, int alive, double perAcctDay)
    {
        Truth(name, "slow hydra (reward-model data)", "reward-grading",
            "ban-replacement", "sign-up-bursts", "shared-registration", "many-accounts-below-per-account-thresholds", "model-release-pivot",
            "free-tier-credits", "paraphrased-wording", "items-partitioned", "avoids:shared-payment", "avoids:hosting-egress", "avoids:synchronized-timing",
            "avoids:identical-parameters", "avoids:per-account-volume");
        string[] words = ["nimbus", "pebble", "quartz", "lotus", "ember", "cobalt", "fjord", "maple", "orchid", "tundra", "zephyr", "basalt"];
        string tld = R.Pick(new[] { "xyz", "top", "site", "online" });
        var domains = Enumerable.Range(0, 8).Select(_ => $"{R.Pick(words)}{R.Int(10, 99)}mail.{tld}").ToList();
        // registration bursts: spares the operator keeps ready
        var spares = new Queue<Who>();
        long b = T0 - (long)(R.Range(2, 4) * D);
        while (b < T1 - D / 2)
        {
            int k = spares.Count == 0 ? alive + R.Int(5, 15) : R.Int(18, 34);
            for (int i = 0; i < k; i++)
            {
                var w = Person("slow-hydra-grader", "free", 0.5, 0.15, new DateTime(b + (long)(R.Range(0, 45) * 60 * S), DateTimeKind.Utc), email: R.Pick(domains), verified: false, campaign: name);
                spares.Enqueue(w);
            }
            b += (long)(R.Range(1.4, 2.4) * D);
        }
        var r = R.Fork(Rng.Hash(name));
        double lag = r.Range(2, 6);
        long item = 0;
        for (int slot = 0; slot < alive; slot++)
        {
            long start = T0 + (long)(r.Range(0, 8) * H);
            while (start < T1 && spares.Count > 0)
            {
                var w = spares.Dequeue();
                if (w.A.Created.Ticks > start) start = w.A.Created.Ticks + (long)(r.Range(0.5, 3) * H);
                long death = Math.Min(T1, start + (long)(r.Range(1.5, 6) * D));
                var voice = Wording.ParaphrasedCot(r, "en");
                var m0 = w.Api == "anthropic.messages" ? World.M("claude-sonnet-4-5") : World.M("gpt-5.1");
                var p0 = HumanParams(r, w.Api, m0, 0, 0);
                for (long day = start; day < death; day += D)
                {
                    int k = r.Poisson(perAcctDay * r.Range(0.6, 1.3));
                    for (int j = 0; j < k; j++)
                    {
                        long t = day + (long)(r.Next() * D);
                        if (t >= death) continue;
                        var m = PivotModel(r, w.Api, t, m0, lag, 0.5);
                        var p = new Params { MaxTokens = p0.MaxTokens, Temp = p0.Temp, TopP = p0.TopP, Stream = p0.Stream, MaxCompletion = p0.MaxCompletion, Store = p0.Store };
                        string ip = World.ResidentialIp(r.Chance(0.75) ? w.C : World.DrawCountry(r), r);
                        var s = new Session { Acct = w.A, Api = w.Api, Model = m.Name, Ip = ip, Ua = w.Ua, Ja4 = w.Ja4, Kind = r.Chance(0.55) ? Kind.Rubric : Kind.Pairwise, Voice = voice, Para = true, Item = item++, Seed = r.NextU64(), P = p, Harvest = true, ErrRate = 0.02 };
                        Add(s, t);
                    }
                }
                start = death + (long)(r.Range(0.5, 6) * H);
            }
        }
    }
}
