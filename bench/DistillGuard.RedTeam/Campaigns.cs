namespace DistillGuard.RedTeam;

/// <summary>Campaigns, rendered from the public record in this generator's own way.</summary>
public sealed partial class Gen
{
    CampaignTruth Truth(string name, string tactic, string targets, params string[] traits)
    {
        var t = new CampaignTruth { Name = name, Tactic = tactic, Targets = targets, Traits = [.. traits] };
        Campaigns[name] = t;
        return t;
    }

    /// <summary>A non-English language drawn from the customers' own language distribution.</summary>
    static string NonEnglish(Rng r)
    {
        for (int i = 0; i < 200; i++) { string l = World.DrawLanguage(r, World.DrawCountry(r)); if (l != "en") return l; }
        return "es";
    }

    static bool InShift(long t, double tz, int fromH, int hours)
    {
        double local = ((t - T0) / (double)H + tz) % 24; if (local < 0) local += 24;
        double rel = (local - fromH + 24) % 24;
        return rel < hours;
    }

    Params MaxParams(string api, World.Model m)
    {
        var p = new Params();
        if (api == "anthropic.messages") { p.MaxTokens = m.MaxOut; p.Budget = m.MaxOut - 1; }
        else { p.MaxTokens = 100000; p.Effort = "high"; p.Store = api != "openai.responses"; }
        return p;
    }

    // ================================================================== realistic
    /// <summary>Reasoning-trace coercion hydra: fresh accounts in bursts on program tiers, shared cards and sign-up details,
    /// hosting egress, one client build, round-robin synchronized timing, identical maximal parameters, model-release pivot,
    /// banned accounts replaced within minutes.</summary>
    public void CotHydra(string name, int targetExchanges, int initial, bool churn = true, bool replayAlso = false)
    {
        Truth(name, "cot-elicitation hydra", "reasoning,math", "shared-template", "cot-elicitation", "fresh-account-bursts", "program-tiers", "shared-payment", "shared-registration",
            "proxy-infrastructure", "synchronized-timing", "identical-parameters", "model-release-pivot", churn ? "ban-replacement" : "small");
        var op = World.DrawCountry(R); double opTz = R.Pick(op.Tz);
        string root = R.Pick(OrgA);
        var cards = Enumerable.Range(0, Math.Max(2, initial / 25)).Select(_ => Card(R)).ToList();
        var domains = new[] { $"{root.ToLowerInvariant()}-research.org", $"{root.ToLowerInvariant()}lab.net", $"{root.ToLowerInvariant()}-academy.edu.pl" };
        var nets = Enumerable.Range(0, 3).Select(_ => World.HostingSlash24(R)).ToList();
        string ua = "python-httpx/0.28.1", ja4 = "t13d1812h2_85036bcba153_375ca2c5e164";
        var voices = new List<Voice> { Wording.SharedCot(R, "en"), Wording.SharedCot(R, "en"), Wording.SharedCot(R, NonEnglish(R)) };
        double lag = R.Range(2, 10);

        var members = new List<(Who w, long from, long to, string api)>();
        Who Make(DateTime created)
        {
            string tier = R.Weighted(new[] { ("free", 3.5), ("edu", 2.5), ("research", 1.5), ("startup", 2.5) });
            string dom = tier == "edu" ? domains[2] : R.Chance(0.6) ? R.Pick(domains[..2]) : "gmail.com";
            var w = Person("cot-harvester", tier, created: created, org: $"{root} {R.Pick(new[] { "Research", "Lab", "AI Lab", "Labs", "Institute", "Studio" })}", email: dom, pay: R.Pick(cards), verified: R.Chance(0.05), campaign: name);
            w.Ua = ua; w.Ja4 = ja4; w.Ips = [World.InSlash24(R.Pick(nets), R)];
            if (churn && R.Chance(0.15)) w.Route = R.Pick(new[] { "cloud:bedrock", "cloud:vertex" });   // the same operation through a marketplace
            return w;
        }
        long burst = T0 - (long)(R.Range(1, 3) * D);
        for (int i = 0; i < initial; i++)
        {
            long created = burst + (i % 3) * (long)(R.Range(8, 30) * H) + (long)(R.Range(0, 40) * 60 * S);
            var w = Make(new DateTime(created, DateTimeKind.Utc));
            long to = churn ? T0 + (long)(R.Range(0.5, 4.5) * D) : T1;
            members.Add((w, created + (long)(R.Range(10, 60) * 60 * S), to, R.Chance(0.6) ? "anthropic.messages" : "openai.chat.completions"));
        }
        if (churn)
            for (int i = 0; i < members.Count; i++)
            {
                var (_, _, to, api) = members[i];
                if (to >= T1) continue;
                long created = to + (long)(R.Range(3, 40) * 60 * S);
                if (created >= T1) continue;
                var w = Make(new DateTime(created, DateTimeKind.Utc));
                members.Add((w, created + (long)(R.Range(5, 30) * 60 * S), Math.Min(T1, created + (long)(R.Range(0.8, 4.5) * D)), api));
            }

        double activeFrac = 20 / 24.0;
        double sessions = targetExchanges / 1.15;
        double interval = Days * 86400 * activeFrac / sessions;
        long t = T0 + (long)(R.Range(5, 3600) * S); int rr = 0;
        var r = R.Fork(Rng.Hash(name));
        while (t < T1)
        {
            if (InShift(t, opTz, 7, 20))
            {
                var alive = members.Where(x => x.from <= t && x.to > t).ToList();
                if (alive.Count > 0)
                {
                    var (w, _, _, api0) = alive[rr++ % alive.Count];
                    string api = w.Route == "direct" ? api0 : "anthropic.messages";
                    var usual = api == "anthropic.messages" ? World.M("claude-sonnet-4-5") : World.M("gpt-5.1");
                    var m = PivotModel(r, api, t, usual, lag);
                    var s = new Session { Acct = w.A, Api = api, Model = m.Name, Ip = w.Ips[0], Ua = ua, Ja4 = ja4, Kind = Kind.CotCoerce, Voice = r.Pick(voices), Item = r.Int(25000), Seed = r.NextU64(), P = MaxParams(api, m), Harvest = true, ErrRate = 0.03, Route = w.Route };
                    Add(s, t, scripted: true);
                }
            }
            t += (long)(interval * r.Range(0.95, 1.05) * S);
        }
    }

    /// <summary>Agentic coding / data-analysis harvest: ordinary-looking engineering tasks with tool schemas, multi-turn trajectories,
    /// no reasoning wording. Startup-program accounts in two sign-up bursts, cards shared by groups, one client build, hosting egress,
    /// an operator shift whose hours disagree with the billing countries.</summary>
    public void AgentHarvest(string name, int targetExchanges, int n)
    {
        Truth(name, "agentic and coding harvest", "coding,agentic-tool-use,data-analysis", "agentic-trajectories", "program-tiers", "fresh-account-bursts", "shared-payment",
            "shared-registration", "proxy-infrastructure", "identical-parameters", "billing-country-vs-hours");
        var op = World.DrawCountry(R); double opTz = R.Pick(op.Tz);
        var cards = Enumerable.Range(0, Math.Max(2, n / 7)).Select(_ => Card(R)).ToList();
        string d1 = $"{R.Pick(OrgA).ToLowerInvariant()}{R.Pick(OrgB).ToLowerInvariant()}.dev", d2 = $"{R.Pick(OrgA).ToLowerInvariant()}-ventures.io";
        var nets = Enumerable.Range(0, 6).Select(_ => World.HostingSlash24(R)).ToList();
        string ua = "OpenAI/Python 1.88.0", ja4 = "t13d1812h2_85036bcba153_375ca2c5e164";
        long b1 = T0 - (long)(R.Range(6, 12) * D), b2 = T0 - (long)(R.Range(1, 4) * D);
        var ws = new List<Who>();
        for (int i = 0; i < n; i++)
        {
            long created = i < n * 0.9 ? (i % 2 == 0 ? b1 : b2) + (long)(R.Range(0, 150) * 60 * S) : T0 + (long)(R.Range(1, Days - 3) * D);
            var w = Person("agent-harvester", R.Chance(0.6) ? "startup" : "paid", created: new DateTime(created, DateTimeKind.Utc), org: OrgName(R), email: R.Chance(0.5) ? d1 : d2, pay: R.Pick(cards), verified: R.Chance(0.2), campaign: name);
            w.Ua = ua; w.Ja4 = ja4; w.Api = ApiFor(R, 0.3, 0.5);
            w.Ips = Enumerable.Range(0, R.Int(1, 2)).Select(_ => World.InSlash24(R.Pick(nets), R)).ToList();
            ws.Add(w);
        }
        double sessions = targetExchanges / 6.0;
        double perAcctHour = sessions / (n * Days * 14.0);
        var r = R.Fork(Rng.Hash(name));
        foreach (var w in ws)
        {
            long t = Math.Max(T0, w.A.Created.Ticks + 2 * H);
            while (t < T1)
            {
                t += (long)(r.Exp(1 / perAcctHour) * H);
                if (t >= T1) break;
                if (!InShift(t, opTz, 9, 14)) continue;
                var m = w.Api == "anthropic.messages" ? World.M("claude-sonnet-4-5") : World.M("gpt-5.1");
                var p = w.Api == "anthropic.messages" ? new Params { MaxTokens = 16000, Temp = 0.2 } : new Params { MaxTokens = 32000, Effort = "medium", Store = false };
                var s = new Session { Acct = w.A, Api = w.Api, Model = m.Name, Ip = r.Pick(w.Ips), Ua = ua, Ja4 = ja4, Kind = Kind.AgentHarvest, Item = r.Int(40000), Seed = r.NextU64(), P = p, Harvest = true, ErrRate = 0.02 };
                Add(s, t, scripted: true);
            }
        }
    }

    /// <summary>Transfer station (API reseller): relay accounts egress from a few hosting ranges, relay ordinary customers' requests and
    /// run harvest in between; billing countries scattered, activity follows the station's customers; pivot on release.</summary>
    public void Station(string name, int targetExchanges, int n, double harvestShare, bool evasive = false)
    {
        if (!evasive)
            Truth(name, "transfer station (reseller)", "reasoning,reward-grading,coding", "mixed-with-legit-traffic", "proxy-infrastructure", "shared-template", "model-release-pivot",
                "billing-country-vs-hours", "relay-client", "cot-elicitation");
        else
            Truth(name, "diluted transfer station", "safety-rewrites,reasoning", "mixed-with-legit-traffic", "heavy-dilution", "residential-rotating-exits", "one-card-per-account",
                "paraphrased-wording", "items-partitioned", "throttled");
        var op = World.DrawCountry(R); double opTz = R.Pick(op.Tz);
        var prov = World.DrawHosting(R);
        var nets = Enumerable.Range(0, 4).Select(_ => World.HostingSlash24(R, R.Chance(0.6) ? prov : null)).ToList();
        var exits = nets.SelectMany(s24 => Enumerable.Range(0, 3).Select(_ => World.InSlash24(s24, R))).ToList();
        var sharedCards = Enumerable.Range(0, n / 6 + 1).Select(_ => Card(R)).ToList();
        var voice = Wording.SharedCot(R, "en");
        double lag = R.Range(2, 8);
        var ws = new List<(Who w, Voice v)>();
        for (int i = 0; i < n; i++)
        {
            var created = World.Start.AddDays(i < n * 0.8 ? -R.Range(5, 90) : R.Range(0.5, Days - 2));
            var w = Person(evasive ? "diluted-relay" : "station-relay", R.Chance(0.8) ? "paid" : "free", created: created, pay: evasive || R.Chance(0.5) ? Card(R) : R.Pick(sharedCards), campaign: name, verified: R.Chance(evasive ? 0.4 : 0.1));
            if (!evasive) { w.Ua = "Go-http-client/2.0"; w.Ja4 = "t13d1311h2_f57a46bbacb6_e7c285222651"; }
            ws.Add((w, evasive ? Wording.ParaphrasedCot(R, w.Lang) : voice));
        }
        var r = R.Fork(Rng.Hash(name));
        double perAcctDay = targetExchanges / (double)n / Days / 1.6;
        int item = 0;
        foreach (var (w, v) in ws)
        {
            long from = Math.Max(T0, w.A.Created.Ticks + H);
            for (int d = 0; d < Days; d++)
            {
                int k = r.Poisson(perAcctDay * r.Range(0.7, 1.3));
                for (int j = 0; j < k; j++)
                {
                    bool harvest = r.Chance(harvestShare);
                    long t = harvest && !evasive ? T0 + d * D + (long)(r.Next() * D)
                                                 : T0 + d * D + (long)((DrawHour(r, Evening) - opTz) * H) + (long)(r.Next() * H);
                    if (t < from) continue;
                    string ip = evasive ? World.ResidentialIp(World.DrawCountry(r), r) : r.Pick(exits);
                    string ua = w.Ua, ja4 = w.Ja4 ?? "";
                    if (evasive) (ua, ja4) = World.DrawClient(r, "openai", 0.1);
                    Session s;
                    if (harvest)
                    {
                        string api = r.Chance(0.6) ? "anthropic.messages" : "openai.chat.completions";
                        var usual = api == "anthropic.messages" ? World.M("claude-sonnet-4-5") : World.M("gpt-5.1");
                        var m = evasive ? usual : PivotModel(r, api, t, usual, lag, 0.55);
                        Kind kind = evasive ? (r.Chance(0.5) ? Kind.SafeRewrite : Kind.CotCoerce) : r.Weighted(new[] { (Kind.CotCoerce, 6.0), (Kind.Rubric, 2.0), (Kind.AgentHarvest, 2.0) });
                        s = new Session { Acct = w.A, Api = api, Model = m.Name, Ip = ip, Ua = ua, Ja4 = ja4, Kind = kind, Voice = v, Para = evasive, Item = evasive ? item++ : r.Int(30000), Seed = r.NextU64(), P = evasive ? HumanParams(r, api, m, 0.6, 0.2) : MaxParams(api, m), Harvest = true, ErrRate = 0.03 };
                    }
                    else
                    {
                        // a relayed end user of the station: ordinary request, their own language
                        var uc = World.DrawCountry(r);
                        string api = r.Chance(0.7) ? "openai.chat.completions" : "anthropic.messages";
                        var m = ModelFor(r, api, t, r.Chance(0.6));
                        s = new Session { Acct = w.A, Api = api, Model = m.Name, Ip = ip, Ua = ua, Ja4 = ja4, Kind = r.Weighted(new[] { (Kind.Chat, 5.0), (Kind.Coding, 3.0), (Kind.Writing, 2.0), (Kind.Homework, 1.0) }), Lang = World.DrawLanguage(r, uc), Seed = r.NextU64(), P = HumanParams(r, api, m) };
                    }
                    if (s.Ja4 == "") s.Ja4 = null;
                    Add(s, t, scripted: harvest && !evasive);
                }
            }
        }
    }

    /// <summary>Reasoning replay ring: issuer accounts obtain signed / encrypted reasoning; operator accounts paste those blocks into
    /// other conversations, accounts and models with "expand / translate / write out" instructions.</summary>
    public void ReplayRing(string name, int issuers, int operators, int replays, bool evasive = false)
    {
        Truth(name, evasive ? "paraphrased reasoning replay" : "reasoning replay ring", "reasoning", "reasoning-replay", "cross-account-artifacts", "cross-model-replay",
            evasive ? "residential-rotating-exits" : "shared-payment", evasive ? "paraphrased-wording" : "proxy-infrastructure");
        var op = World.DrawCountry(R); double opTz = R.Pick(op.Tz);
        string s24 = World.HostingSlash24(R);
        var cards = Enumerable.Range(0, 3).Select(_ => Card(R)).ToList();
        var r = R.Fork(Rng.Hash(name));
        var sources = new List<Session>();
        for (int i = 0; i < issuers; i++)
        {
            var w = Person("replay-issuer", "free", created: World.Start.AddDays(-R.Range(2, 12)), pay: evasive ? null : R.Pick(cards), campaign: name);
            w.Api = R.Chance(0.6) ? "anthropic.messages" : "openai.responses";
            if (!evasive) { w.Ua = w.Api == "anthropic.messages" ? "Anthropic/Python 0.66.0" : "OpenAI/Python 1.95.1"; w.Ips = [World.InSlash24(s24, R)]; }
            foreach (long t in HumanStarts(r, opTz, 14, 0.9, Work, 1.0))
            {
                var m = w.Api == "anthropic.messages" ? World.M(r.Pick(new[] { "claude-sonnet-4-5", "claude-opus-4-1" })) : World.M("gpt-5.1");
                var p = w.Api == "anthropic.messages" ? new Params { MaxTokens = m.MaxOut, Budget = r.Pick(new[] { 16000, 24000, 31000 }) } : new Params { MaxTokens = 64000, Effort = "high", Store = false };
                var s = new Session { Acct = w.A, Api = w.Api, Model = m.Name, Ip = evasive ? World.ResidentialIp(World.DrawCountry(r), r) : w.Ips[0], Ua = w.Ua, Ja4 = w.Ja4, Kind = r.Chance(0.6) ? Kind.Homework : Kind.Licensed, Seed = r.NextU64(), P = p, MaxTurns = 1, Harvest = true };
                if (Add(s, t) is { } ok) sources.Add(ok);
            }
        }
        var opsW = new List<Who>();
        for (int i = 0; i < operators; i++)
        {
            var w = Person("replay-operator", R.Chance(0.7) ? "free" : "paid", created: World.Start.AddDays(-R.Range(0, 8)), pay: evasive ? null : R.Pick(cards), campaign: name);
            if (!evasive) { w.Ips = [World.InSlash24(s24, R)]; w.Ua = "Anthropic/Python 0.66.0"; w.Ja4 = "t13d1812h2_85036bcba153_375ca2c5e164"; }
            opsW.Add(w);
        }
        sources.Sort((a, b) => a.Times[0].CompareTo(b.Times[0]));
        for (int j = 0; j < replays && sources.Count > 0; j++)
        {
            var src = sources[r.Int(sources.Count)];
            long t = src.Times[0] + (long)(r.Range(0.2, 48) * H);
            if (t >= T1) continue;
            var w = opsW[r.Int(opsW.Count)];
            // same body format (the artifact only means something there), often another model
            string model = src.Api == "anthropic.messages" ? r.Pick(new[] { src.Model, "claude-opus-4-1", "claude-sonnet-4-5", "claude-haiku-4-5", DayOf(t) > 5.7 ? "claude-opus-5" : "claude-sonnet-4-5" })
                                                             : r.Pick(new[] { src.Model, "gpt-5.1-mini", "o4-mini", DayOf(t) > 7.4 ? "gpt-5.2" : "gpt-5.1" });
            var p = src.Api == "anthropic.messages" ? new Params { MaxTokens = 32000, Budget = r.Chance(0.5) ? 16000 : null } : new Params { MaxTokens = 32000, Effort = r.Chance(0.5) ? "medium" : null, Store = false };
            var (ua, ja4) = evasive ? World.DrawClient(r, World.FamilyOfApi(src.Api), 0.1) : (w.Ua, w.Ja4);
            var s = new Session { Acct = w.A, Api = src.Api, Model = model, Ip = evasive ? World.ResidentialIp(World.DrawCountry(r), r) : w.Ips[0], Ua = ua, Ja4 = ja4, Kind = Kind.Replay, Src = src, SrcTurn = 0, Para = evasive, Seed = r.NextU64(), P = p, Harvest = true };
            Add(s, t, scripted: !evasive);
        }
    }

    // ================================================================== evasive
    /// <summary>Bought aged accounts: prior ordinary history from the former owner, then takeover. Some never taken over in the window (dormant).</summary>
    List<(Who w, long takeover)> BuyAged(string name, string persona, int n, double pDormant, double pAged = 1.0)
    {
        var l = new List<(Who, long)>();
        for (int i = 0; i < n; i++)
        {
            bool aged = R.Chance(pAged);
            var created = aged ? PastCreated(R, 150, 1400) : World.Start.AddDays(-R.Range(3, 60));
            var w = Person(persona, R.Weighted(new[] { ("free", 4.0), ("paid", 5.0) }), created: created, campaign: name);
            bool dormant = aged && R.Chance(pDormant);
            long takeover = dormant ? T1 + D : T0 + (long)(R.Range(0, Days - 2) * D);
            if (aged)
            {
                // the former owner's ordinary life, until the account changed hands
                var r0 = R.Fork((ulong)i ^ 0xA6ED);
                var kinds = new[] { (Kind.Chat, 4.0), (Kind.Writing, 1.5), (Kind.Coding, 2.0), (Kind.Homework, 0.5) };
                foreach (long t in HumanStarts(r0, w.Tz, R.LogNormal(1.2, 0.6), 0.35, Evening, 0.6, 0, Math.Min(Days, DayOf(takeover))))
                    Add(HumanSession(w, PickKind(r0, kinds), t), t);
            }
            if (dormant) { w.A.Dormant = true; w.A.Persona = "bought-aged-dormant"; }
            l.Add((w, takeover));
        }
        return l;
    }

    /// <summary>Evasive reasoning harvest: paraphrased per account, items partitioned, residential rotating exits, human diurnal timing,
    /// throttled volume, aged bought accounts with history, one card per account, diluted with ordinary requests.</summary>
    public void QuietHarvest(string name, Kind kind, int n, double perDay, double dilution, double pDormant)
    {
        string targets = kind switch { Kind.CotCoerce => "reasoning,math", Kind.Rubric => "reward-grading", Kind.AgentHarvest => "coding,agentic-tool-use", _ => "reasoning" };
        Truth(name, $"evasive {kind} harvest", targets, "paraphrased-wording", "items-partitioned", "residential-rotating-exits", "human-diurnal-timing", "throttled",
            "bought-aged-accounts", "one-card-per-account", "mixed-with-legit-traffic");
        string persona = kind == Kind.AgentHarvest ? "quiet-agent-harvester" : kind == Kind.Rubric ? "quiet-grader" : "quiet-cot-harvester";
        var accts = BuyAged(name, persona, n, pDormant, kind == Kind.CotCoerce ? 1.0 : 0.6);
        var r = R.Fork(Rng.Hash(name));
        int idx = 0;
        foreach (var (w, takeover) in accts)
        {
            int mine = idx++;
            long k = 0;
            var voice = Wording.ParaphrasedCot(r, w.Lang);
            var (ua, ja4) = World.DrawClient(r, World.FamilyOfApi(w.Api), 0.15);
            int budget = r.Pick(new[] { 6000, 8000, 10000, 12000, 16000, 20000, 24000, 32000 });
            var exitCountry = r.Chance(0.6) ? w.C : World.DrawCountry(r);
            foreach (long t in HumanStarts(r, w.Tz, perDay * r.Range(0.6, 1.4), 0.8, kind == Kind.AgentHarvest ? Work : Evening, 0.8, Math.Max(0, DayOf(takeover)), Days))
            {
                string ip = World.ResidentialIp(r.Chance(0.8) ? exitCountry : World.DrawCountry(r), r);
                if (r.Chance(dilution))
                {
                    var hs = HumanSession(w, PickKind(r, (Kind.Chat, 4), (Kind.Writing, 1), (Kind.Coding, 2)), t, ip);
                    hs.Ua = ua; hs.Ja4 = ja4;
                    Add(hs, t);
                    continue;
                }
                string api = r.Chance(0.85) ? w.Api : ApiFor(r, 0.4, 0.2);
                var m = ModelFor(r, api, t, true);
                if (!m.Reasoning || m.Name is "gpt-4.1" or "gpt-4o-mini") m = api == "anthropic.messages" ? World.M("claude-sonnet-4-5") : World.M("gpt-5.1");
                var p = HumanParams(r, api, m, 0, 0);
                if (kind is Kind.CotCoerce)
                {
                    if (api == "anthropic.messages") { p.Budget = Math.Min(budget, m.MaxOut - 2000); p.MaxTokens = Math.Min(m.MaxOut, budget + r.Pick(new[] { 2000, 4000, 8000 })); p.Temp = null; p.TopP = null; }
                    else { p.Effort = r.Pick(new[] { "medium", "high" }); p.MaxTokens = r.Pick(new[] { 16000, 25000, 32000 }); }
                }
                Kind kk = kind == Kind.Rubric ? (r.Chance(0.5) ? Kind.Rubric : Kind.Pairwise) : kind;
                var s = new Session { Acct = w.A, Api = api, Model = m.Name, Ip = ip, Ua = ua, Ja4 = ja4, Kind = kk, Voice = voice, Para = true, Item = mine + k++ * n, Lang = w.Lang, Seed = r.NextU64(), P = p, Harvest = true };
                Add(s, t);
            }
        }
    }
}
