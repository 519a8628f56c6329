namespace DistillGuard.RedTeam;

/// <summary>The legitimate population, including the hard negatives.</summary>
public sealed partial class Gen
{
    public sealed class Who
    {
        public required Account A;
        public required World.Country C;
        public double Tz;
        public string Lang = "en";
        public string Api = "openai.chat.completions";
        public string Ua = "";
        public string? Ja4;
        public List<string> Ips = [];
        public bool Strong;
        public string Route = "direct";
    }

    public Who Person(string persona, string tier, double pChat = 0.45, double pResp = 0.2, DateTime? created = null, string? org = null, string? email = null, string? pay = null, bool verified = false, World.Country? country = null, string? campaign = null)
    {
        var c = country ?? World.DrawCountry(R);
        var a = NewAccount(persona, c, tier, created ?? (R.Chance(0.04) ? World.Start.AddDays(R.Range(-3, Days - 1)) : PastCreated(R)), org, email, pay, verified, campaign);
        var w = new Who { A = a, C = c, Tz = R.Pick(c.Tz), Lang = World.DrawLanguage(R, c), Api = ApiFor(R, pChat, pResp), Strong = R.Chance(0.6) };
        (w.Ua, w.Ja4) = World.DrawClient(R, World.FamilyOfApi(w.Api));
        if (R.Chance(0.12)) w.Ja4 = null;
        w.Ips.Add(World.ResidentialIp(c, R));
        if (R.Chance(0.4)) w.Ips.Add(R.Chance(0.5) ? World.ResidentialIp(c, R) : $"{World.ResidentialPrefix(c, R)}.{R.Int(256)}.{R.Int(1, 254)}");
        return w;
    }

    public Session HumanSession(Who w, Kind k, long start, string? ip = null, double pThink = 0.3, double pMax = 0.06, string? api = null)
    {
        var r = R.Fork((ulong)start);
        string ap = api ?? (r.Chance(0.9) ? w.Api : ApiFor(r, 0.4, 0.25));
        var m = ModelFor(r, ap, start, w.Strong);
        string ua = w.Ua;
        string? ja4 = w.Ja4;
        if (World.FamilyOfApi(ap) != World.FamilyOfApi(w.Api) && (ua.StartsWith("OpenAI/") || ua.StartsWith("Anthropic/")))
        {
            var ar = new Rng(Rng.Hash(w.A.Id));   // the same second SDK every time for this account
            (ua, ja4) = World.DrawClient(ar, World.FamilyOfApi(ap), 0);
        }
        var s = new Session
        {
            Acct = w.A, Api = ap, Model = m.Name, Ip = ip ?? (w.Ips.Count > 1 && r.Chance(0.3) ? w.Ips[1] : w.Ips[0]), Ua = ua, Ja4 = ja4, Route = w.Route,
            Kind = k, Lang = w.Lang, Seed = r.NextU64(), P = HumanParams(r, ap, m, pThink, pMax),
        };
        return s;
    }

    static Kind PickKind(Rng r, params (Kind k, double w)[] ks) => r.Weighted(ks);

    // ------------------------------------------------------------------ ordinary individuals
    public void Individuals(string persona, int n, double median, double pActive, double[] profile, (Kind, double)[] kinds, double pThink = 0.3, double pMax = 0.05)
    {
        for (int i = 0; i < n; i++)
        {
            string tier = R.Weighted(new[] { ("free", 4.0), ("paid", 5.0), ("startup", 0.3) });
            var w = Person(persona, tier, pResp: persona == "developer" ? 0.25 : 0.15);
            double rate = Math.Min(40, R.LogNormal(median, 0.9));
            var r = R.Fork((ulong)i);
            foreach (long t in HumanStarts(r, w.Tz, rate, pActive, profile))
                Add(HumanSession(w, PickKind(R, kinds), t, pThink: pThink, pMax: pMax), t);
        }
    }

    public void Ordinary(double scale)
    {
        Individuals("developer", (int)(620 * scale), 2.0, 0.55, Work, [(Kind.Coding, 5), (Kind.Chat, 2), (Kind.CodingAgent, 2.2), (Kind.Analysis, 0.8)], 0.35, 0.07);
        Individuals("hobbyist", (int)(560 * scale), 1.1, 0.25, Evening, [(Kind.Chat, 6), (Kind.Writing, 2), (Kind.Coding, 1), (Kind.Homework, 0.3)], 0.2, 0.03);
        Individuals("analyst", (int)(190 * scale), 2.2, 0.55, Work, [(Kind.Analysis, 6), (Kind.Chat, 2), (Kind.Coding, 2)], 0.3, 0.05);
        Individuals("writer", (int)(230 * scale), 1.6, 0.45, Evening, [(Kind.Writing, 8), (Kind.Chat, 2)], 0.2, 0.03);
        Individuals("jailbreak-tinkerer", (int)(55 * scale), 1.2, 0.25, Evening, [(Kind.Jailbreak, 6), (Kind.Chat, 3)], 0.1, 0.02);
    }

    // ------------------------------------------------------------------ students behind campus NATs
    public void Campuses(int campuses, int perCampus)
    {
        for (int k = 0; k < campuses; k++)
        {
            var c = World.DrawCountry(R);
            string uni = R.Pick(new[] { "State University", "Institute of Technology", "Polytechnic", "University College", "National University" });
            string name = $"{R.Pick(OrgA)} {uni}";
            string dom = new string(name.ToLowerInvariant().Where(char.IsLetter).ToArray())[..8] + (c.Code switch { "US" => ".edu", "GB" => ".ac.uk", "JP" => ".ac.jp", "KR" => ".ac.kr", "CN" => ".edu.cn", "IN" => ".ac.in", "AU" => ".edu.au", _ => ".edu" });
            string s24 = $"{World.ResidentialPrefix(c, R)}.{R.Int(256)}";
            var nat = Enumerable.Range(0, R.Int(2, 5)).Select(_ => World.InSlash24(s24, R)).ToList();
            double tz = R.Pick(c.Tz);
            // term start: many accounts signed up within days; a class signs up together inside the window
            var termStart = World.Start.AddDays(-R.Range(20, 45));
            var classDay = World.Start.AddDays(R.Range(1, Days - 3));
            int n = (int)(perCampus * R.Range(0.7, 1.3));
            for (int i = 0; i < n; i++)
            {
                DateTime created = R.Chance(0.2) ? classDay.AddMinutes(R.Range(0, 180)) : R.Chance(0.6) ? termStart.AddHours(R.Range(0, 96)) : PastCreated(R, 60, 700);
                var w = Person("student", R.Chance(0.7) ? "edu" : "free", 0.5, 0.15, created, name, R.Chance(0.75) ? dom : null, verified: R.Chance(0.3), country: c);
                w.Tz = tz; w.Ips = [.. nat];
                if (R.Chance(0.5)) w.Ips.Add(World.ResidentialIp(c, R));
                var r = R.Fork((ulong)(k * 1000 + i));
                double rate = Math.Min(20, R.LogNormal(1.6, 0.8));
                foreach (long t in HumanStarts(r, tz, rate, 0.4, Student, 0.7))
                {
                    if (t < created.Ticks) continue;
                    bool onCampus = r.Chance(0.7);
                    Add(HumanSession(w, PickKind(r, (Kind.Homework, 5), (Kind.Coding, 2.5), (Kind.Chat, 1.5), (Kind.Writing, 1)), t, onCampus ? r.Pick(nat) : w.Ips[^1], 0.3, 0.08), t);
                }
            }
        }
    }

    // ------------------------------------------------------------------ corporate teams sharing one card
    public void CorporateTeams(int teams)
    {
        for (int k = 0; k < teams; k++)
        {
            var c = World.DrawCountry(R);
            string org = OrgName(R), dom = Domain(org), card = Card(R);
            double tz = R.Pick(c.Tz);
            bool cloud = R.Chance(0.35);
            string route = cloud ? R.Pick(new[] { "cloud:bedrock", "cloud:vertex", "cloud:azure" }) : "direct";
            string egress24 = R.Chance(0.5) ? World.HostingSlash24(R) : $"{World.ResidentialPrefix(c, R)}.{R.Int(256)}";
            var egress = Enumerable.Range(0, R.Int(1, 3)).Select(_ => World.InSlash24(egress24, R)).ToList();
            string api = R.Pick(new[] { "openai.chat.completions", "openai.responses", "anthropic.messages" });
            if (route == "cloud:bedrock" || route == "cloud:vertex") api = "anthropic.messages";
            var (ua, ja4) = World.DrawClient(R, World.FamilyOfApi(api), 0.1);
            var created = PastCreated(R, 30, 600);
            int n = R.Int(6, 28);
            for (int i = 0; i < n; i++)
            {
                var w = Person("corporate-team", R.Chance(0.6) ? "enterprise" : "paid", created: created.AddDays(R.Range(0, 20)), org: org, email: dom, pay: card, verified: R.Chance(0.8), country: c);
                w.Tz = tz; w.Api = api; w.Ua = ua; w.Ja4 = ja4; w.Ips = [.. egress]; w.Route = route; w.Lang = World.DrawLanguage(R, c);
                var r = R.Fork((ulong)(7000 + k * 100 + i));
                foreach (long t in HumanStarts(r, tz, Math.Min(25, R.LogNormal(3.5, 0.7)), 0.75, Work, 0.1))
                    Add(HumanSession(w, PickKind(r, (Kind.Coding, 3), (Kind.Analysis, 2), (Kind.Writing, 2), (Kind.Chat, 2), (Kind.CodingAgent, 1)), t, r.Pick(egress), 0.3, 0.04, api), t);
            }
        }
    }

    // ------------------------------------------------------------------ enterprise batch: one template around the clock
    public void EnterpriseBatch(int n, double perDay)
    {
        for (int i = 0; i < n; i++)
        {
            var c = World.DrawCountry(R);
            string org = OrgName(R);
            var w = Person("enterprise-batch", "enterprise", created: PastCreated(R, 90, 800), org: org, email: Domain(org), verified: true, country: c);
            w.Api = R.Pick(new[] { "openai.chat.completions", "anthropic.messages", "openai.responses" });
            (w.Ua, w.Ja4) = World.DrawClient(R, World.FamilyOfApi(w.Api), 0.3);
            string s24 = World.HostingSlash24(R);
            w.Ips = Enumerable.Range(0, R.Int(1, 4)).Select(_ => World.InSlash24(s24, R)).ToList();
            var m = World.FamilyOfApi(w.Api) == "openai" ? World.M(R.Pick(new[] { "gpt-4.1", "gpt-5.1-mini", "gpt-4o-mini" })) : World.M(R.Pick(new[] { "claude-haiku-4-5", "claude-sonnet-4-5" }));
            var p = new Params { MaxTokens = 1024, Temp = 0.0, Seed = w.Api == "openai.chat.completions" ? 7 : null };
            double rate = perDay * R.Range(0.6, 1.5);
            double interval = 86400.0 / rate;
            // steady stream, small nightly dip, a pause for a deploy
            long t = T0 + (long)(R.Range(0, interval) * S);
            var r = R.Fork((ulong)(9100 + i));
            double pauseDay = r.Range(2, Days - 1);
            while (t < T1)
            {
                double day = DayOf(t);
                if (!(day > pauseDay && day < pauseDay + 0.15))
                {
                    var s = new Session { Acct = w.A, Api = w.Api, Model = m.Name, Ip = r.Pick(w.Ips), Ua = w.Ua, Ja4 = w.Ja4, Kind = Kind.Batch, Seed = r.NextU64(), P = p };
                    Add(s, t);
                }
                t += (long)(interval * r.Range(0.5, 1.5) * S);
            }
        }
    }

    // ------------------------------------------------------------------ agent-platform users: one system prompt and tool set
    public void AgentPlatform(int n)
    {
        var (ua, ja4) = ("OpenAI/JS 4.104.0", "t13d1516h2_8daaf6152771_e5627efa2ab1");
        for (int i = 0; i < n; i++)
        {
            var w = Person("agent-platform-user", R.Chance(0.6) ? "free" : "paid", 0.7, 0.3);
            w.Api = R.Chance(0.7) ? "openai.chat.completions" : "openai.responses";
            w.Ua = R.Chance(0.85) ? ua : "OpenAI/JS 4.103.0"; w.Ja4 = ja4;
            var r = R.Fork((ulong)(12000 + i));
            foreach (long t in HumanStarts(r, w.Tz, Math.Min(20, R.LogNormal(2.0, 0.9)), 0.45, Evening, 0.9))
                Add(HumanSession(w, Kind.AgentPlatform, t, null, 0.15, 0.0, w.Api), t);
        }
    }

    // ------------------------------------------------------------------ benchmark researchers at maximal budgets
    public void Researchers(int n)
    {
        for (int i = 0; i < n; i++)
        {
            var c = World.DrawCountry(R);
            string lab = $"{R.Pick(OrgA)} {R.Pick(new[] { "NLP Group", "AI Lab", "ML Group", "Reasoning Lab" })}";
            var w = Person("benchmark-researcher", R.Chance(0.6) ? "research" : "edu", 0.5, 0.1, org: lab, email: R.Chance(0.5) ? Domain(lab) : null, verified: R.Chance(0.6), country: c);
            string s24 = R.Chance(0.5) ? World.HostingSlash24(R) : $"{World.ResidentialPrefix(c, R)}.{R.Int(256)}";
            w.Ips = Enumerable.Range(0, R.Int(1, 3)).Select(_ => World.InSlash24(s24, R)).ToList();
            w.Ua = R.Pick(new[] { "python-httpx/0.27.2", "OpenAI/Python 1.82.0", "Anthropic/Python 0.64.0", "python-requests/2.32.3" });
            var r = R.Fork((ulong)(15000 + i));
            int sweeps = r.Int(1, 3);
            for (int k = 0; k < sweeps; k++)
            {
                // a sweep: one benchmark, one model, one parameter set, high concurrency for a few hours
                long st = T0 + (long)(r.Range(0, Days - 0.5) * D);
                int items = r.Int(80, 650);
                bool mcq = r.Chance(0.5);
                string api = r.Chance(0.55) ? "anthropic.messages" : "openai.chat.completions";
                if (mcq && api == "anthropic.messages" && r.Chance(0.5)) api = "openai.chat.completions";
                var m = api == "anthropic.messages" ? World.M(r.Pick(new[] { "claude-opus-4-1", "claude-sonnet-4-5", "claude-opus-5" })) : World.M(mcq ? "gpt-4.1" : r.Pick(new[] { "gpt-5.1", "o4-mini", "gpt-5.2" }));
                if (!World.Released(m, DayOf(st))) m = api == "anthropic.messages" ? World.M("claude-sonnet-4-5") : World.M(mcq ? "gpt-4.1" : "gpt-5.1");
                var p = new Params();
                if (mcq && api == "openai.chat.completions") { p.MaxTokens = 1; p.Temp = 0; p.Logprobs = true; p.TopLogprobs = r.Pick(new[] { 5, 10, 20 }); }
                else if (api == "anthropic.messages") { p.MaxTokens = m.MaxOut; p.Budget = m.MaxOut - r.Pick(new[] { 1000, 2000 }); }
                else { p.MaxTokens = m.MaxOut; p.Effort = "high"; if (r.Chance(0.4)) p.N = r.Pick(new[] { 4, 5, 8 }); }
                double gap = r.Range(2, 12);
                long t = st;
                for (int j = 0; j < items && t < T1; j++)
                {
                    var s = new Session { Acct = w.A, Api = api, Model = m.Name, Ip = r.Pick(w.Ips), Ua = w.Ua, Ja4 = w.Ja4, Kind = mcq ? Kind.BenchMcq : r.Chance(0.7) ? Kind.BenchGsm : Kind.Homework, Seed = r.NextU64(), P = p, MaxTurns = 1 };
                    Add(s, t);
                    t += (long)(r.Exp(gap) * S);
                }
            }
            foreach (long t in HumanStarts(r, w.Tz, 1.5, 0.4, Work))
                Add(HumanSession(w, PickKind(r, (Kind.Coding, 2), (Kind.Chat, 2), (Kind.Writing, 1)), t), t);
        }
    }

    // ------------------------------------------------------------------ apps relaying their end users (forwarded_for)
    public void AppRelays(int n)
    {
        for (int i = 0; i < n; i++)
        {
            var c = World.DrawCountry(R);
            string org = OrgName(R);
            var w = Person("app-relay", R.Pick(new[] { "paid", "startup", "enterprise" }), 0.6, 0.15, org: org, email: Domain(org), verified: R.Chance(0.7), country: c);
            int app = R.Int(Content.Apps.Length);
            string s24 = World.HostingSlash24(R);
            w.Ips = Enumerable.Range(0, R.Int(1, 5)).Select(_ => World.InSlash24(s24, R)).ToList();
            (w.Ua, w.Ja4) = World.DrawClient(R, World.FamilyOfApi(w.Api), 0.25);
            bool fwd = R.Chance(0.7), meta = R.Chance(0.5);
            var m = ModelFor(R, w.Api, T0, R.Chance(0.5));
            var p = HumanParams(R, w.Api, m, 0.1, 0);
            double perDay = R.LogNormal(13, 0.9);
            var r = R.Fork((ulong)(17000 + i));
            for (int d = 0; d < Days; d++)
            {
                int k = r.Poisson(perDay * (1 + 0.03 * d));
                for (int j = 0; j < k; j++)
                {
                    // the app's users are everywhere: their own hours and languages
                    var uc = World.DrawCountry(r);
                    long t = T0 + d * D + (long)((DrawHour(r, Evening) - r.Pick(uc.Tz)) * H) + (long)(r.Next() * H);
                    var s = new Session { Acct = w.A, Api = w.Api, Model = m.Name, Ip = r.Pick(w.Ips), Ua = w.Ua, Ja4 = w.Ja4, Kind = Kind.AppRelay, AppSystem = Content.Apps[app], AppIdx = app, Lang = World.DrawLanguage(r, uc), Seed = r.NextU64(), P = p };
                    if (fwd) s.Fwd = World.ResidentialIp(uc, r);
                    if (meta) s.P = new Params { MaxTokens = p.MaxTokens, Temp = p.Temp, Budget = p.Budget, Effort = p.Effort, Stream = p.Stream, User = "u_" + r.Hex(16) };
                    Add(s, t);
                }
            }
        }
    }

    // ------------------------------------------------------------------ licensed distillers (allow list)
    public void Licensed(int orgs)
    {
        for (int k = 0; k < orgs; k++)
        {
            var c = World.DrawCountry(R);
            string org = $"{R.Pick(OrgA)} {R.Pick(new[] { "Models", "AI", "Intelligence", "Foundation" })}";
            string card = Card(R), s24 = World.HostingSlash24(R);
            var created = PastCreated(R, 60, 400);
            int n = R.Int(1, 3);
            string api = R.Chance(0.5) ? "anthropic.messages" : R.Pick(new[] { "openai.responses", "openai.chat.completions" });
            double lag = R.Range(3, 20);
            for (int i = 0; i < n; i++)
            {
                var w = Person("licensed-distiller", R.Chance(0.5) ? "enterprise" : "research", created: created, org: org, email: Domain(org), pay: card, verified: true, country: c);
                w.A.Allow = true; w.Api = api;
                w.Ua = R.Pick(new[] { "python-httpx/0.28.1", "OpenAI/Python 1.99.1", "Anthropic/Python 0.69.0" }); w.Ja4 = "t13d1812h2_85036bcba153_375ca2c5e164";
                w.Ips = Enumerable.Range(0, 4).Select(_ => World.InSlash24(s24, R)).ToList();
                var usual = api == "anthropic.messages" ? World.M("claude-sonnet-4-5") : World.M("gpt-5.1");
                double perDay = R.Range(70, 170);
                var r = R.Fork((ulong)(19000 + k * 10 + i));
                long t = T0 + (long)(r.Range(0, 600) * S);
                while (t < T1)
                {
                    var m = PivotModel(r, api, t, usual, lag, 0.4);
                    var p = new Params { MaxTokens = m.MaxOut };
                    if (api == "anthropic.messages") p.Budget = m.MaxOut - 4000; else { p.Effort = "high"; p.Store = false; }
                    var s = new Session { Acct = w.A, Api = api, Model = m.Name, Ip = r.Pick(w.Ips), Ua = w.Ua, Ja4 = w.Ja4, Kind = Kind.Licensed, Seed = r.NextU64(), P = p };
                    Add(s, t);
                    t += (long)(r.Exp(86400.0 / perDay) * S);
                }
            }
        }
    }

    // ------------------------------------------------------------------ a legitimate company openly running a fleet of worker accounts on one card
    public void Fleet(int workers, double perWorkerDay)
    {
        var c = World.DrawCountry(R);
        string org = "Parallax Localization " + R.Pick(new[] { "Ltd", "GmbH", "Inc" });
        string card = Card(R), s24 = World.HostingSlash24(R);
        var ws = new List<Who>();
        var batchDay = World.Start.AddDays(-R.Range(30, 200));
        for (int i = 0; i < workers; i++)
        {
            var created = i < workers / 2 ? batchDay.AddMinutes(R.Range(0, 40)) : World.Start.AddDays(-R.Range(1, 25));
            if (i >= workers * 0.85) created = World.Start.AddDays(R.Range(0.5, Days - 2)); // scaled up during the window
            var w = Person("legit-fleet-worker", "enterprise", created: created, org: org, email: "parallax-l10n.com", pay: card, verified: true, country: c);
            w.Api = "openai.chat.completions"; w.Ua = "OpenAI/Python 1.97.0"; w.Ja4 = "t13d1812h2_85036bcba153_375ca2c5e164";
            w.Ips = [World.InSlash24(s24, R)];
            ws.Add(w);
        }
        // a job queue dispatches round-robin to the workers, 24/7, identical parameters
        var p = new Params { MaxTokens = 4096, Temp = 0.2, JsonMode = true };
        double interval = 86400.0 / (perWorkerDay * workers);
        long t = T0 + (long)(R.Range(1, 90) * S);
        int next = 0;
        var r = R.Fork(0xF1EE7);
        while (t < T1)
        {
            var alive = ws.Where(x => x.A.Created.Ticks < t).ToList();
            if (alive.Count > 0)
            {
                var w = alive[next++ % alive.Count];
                var s = new Session { Acct = w.A, Api = w.Api, Model = DayOf(t) > 9 ? "gpt-5.1-mini" : "gpt-4.1", Ip = w.Ips[0], Ua = w.Ua, Ja4 = w.Ja4, Kind = Kind.FleetL10n, Seed = r.NextU64(), P = p };
                Add(s, t);
            }
            t += (long)(interval * r.Range(0.8, 1.2) * S);
        }
    }
}
