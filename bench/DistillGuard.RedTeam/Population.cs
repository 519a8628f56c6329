namespace DistillGuard.RedTeam;

/// <summary>Plans accounts and sessions (who sends what, when, from where) for one mix.</summary>
public sealed partial class Gen
{
    public readonly Rng R;
    public readonly string Mix;
    public readonly List<Account> Accounts = [];
    public readonly List<Session> Sessions = [];
    public readonly Dictionary<string, CampaignTruth> Campaigns = [];
    readonly HashSet<int> _ids = [];
    public const int Days = 12;
    public static readonly long T0 = World.Start.Ticks;
    public static readonly long T1 = World.Start.AddDays(Days).Ticks;
    const long S = TimeSpan.TicksPerSecond;
    const long H = TimeSpan.TicksPerHour;
    const long D = TimeSpan.TicksPerDay;

    public sealed class CampaignTruth
    {
        public string Name = "";
        public string Tactic = "";
        public List<string> Traits = [];
        public string Targets = "";
    }

    public Gen(string mix, ulong seed) { Mix = mix; R = new Rng(Rng.Mix(seed, Rng.Hash(mix))); }

    // ------------------------------------------------------------------ accounts
    static readonly string[] OrgA = ["Blue", "Cedar", "North", "Quiet", "Bright", "Iron", "Silver", "Maple", "Harbor", "Atlas", "Lumen", "Kite", "Orbit", "Willow", "Copper", "Delta"];
    static readonly string[] OrgB = ["Finch", "Labs", "Works", "Analytics", "Studio", "Systems", "Digital", "Partners", "Bio", "Robotics", "Media", "Capital", "Health", "Data", "Learning", "Logistics"];
    static readonly string[] FreeMail = ["gmail.com", "gmail.com", "gmail.com", "outlook.com", "yahoo.com", "icloud.com", "proton.me", "hotmail.com"];
    static readonly Dictionary<string, string[]> LocalMail = new() { ["CN"] = ["qq.com", "163.com", "126.com"], ["KR"] = ["naver.com", "daum.net"], ["JP"] = ["yahoo.co.jp", "gmail.com"], ["RU"] = ["yandex.ru", "mail.ru"], ["DE"] = ["web.de", "gmx.de"], ["BR"] = ["uol.com.br", "gmail.com"] };

    public string OrgName(Rng r) => r.Chance(0.5) ? $"{r.Pick(OrgA)} {r.Pick(OrgB)}" : $"{r.Pick(OrgA)}{r.Pick(OrgB).ToLowerInvariant()} {r.Pick(new[] { "Inc", "Ltd", "GmbH", "LLC", "Labs", "Co" })}";
    public static string Domain(string org) => new string(org.ToLowerInvariant().Where(char.IsLetter).ToArray())[..Math.Min(14, org.Count(char.IsLetter))] + "." + (Rng.Hash(org) % 3 == 0 ? "io" : "com");
    public string PersonalMail(Rng r, string country) => LocalMail.TryGetValue(country, out var l) && r.Chance(0.6) ? r.Pick(l) : r.Pick(FreeMail);
    public static string Card(Rng r) => "pf_" + r.Hex(6);

    public Account NewAccount(string persona, World.Country c, string tier, DateTime created, string? org = null, string? email = null, string? pay = null, bool verified = false, string? campaign = null)
    {
        int n;
        do n = R.Int(100000, 999999); while (!_ids.Add(n));
        var a = new Account
        {
            Id = $"acct_{n}", Persona = persona, Country = c.Code, Tier = tier, Created = created,
            Org = org ?? "", Email = email ?? PersonalMail(R, c.Code), Pay = pay ?? Card(R), Verified = verified, Campaign = campaign,
        };
        int keys = R.Chance(0.7) ? 1 : R.Int(2, 4);
        for (int k = 0; k < keys; k++) a.Keys.Add($"key_{n}_{(char)('a' + k)}");
        Accounts.Add(a);
        return a;
    }

    public DateTime PastCreated(Rng r, double minDays = 20, double maxDays = 900) => World.Start.AddDays(-r.Range(minDays, maxDays)).AddSeconds(r.Int(86400));

    // ------------------------------------------------------------------ time
    // Hour-of-day weights in local time.
    public static readonly double[] Work = [0.2, 0.1, 0.05, 0.05, 0.05, 0.1, 0.3, 0.7, 1.4, 2.0, 2.2, 2.1, 1.6, 2.0, 2.2, 2.1, 1.9, 1.5, 1.0, 0.8, 0.7, 0.6, 0.5, 0.3];
    public static readonly double[] Evening = [0.6, 0.3, 0.15, 0.1, 0.05, 0.05, 0.1, 0.3, 0.5, 0.6, 0.7, 0.8, 0.9, 0.8, 0.8, 0.8, 0.9, 1.1, 1.4, 1.8, 2.1, 2.2, 1.8, 1.2];
    public static readonly double[] Student = [1.0, 0.6, 0.3, 0.15, 0.05, 0.05, 0.1, 0.3, 0.7, 1.0, 1.2, 1.2, 1.1, 1.3, 1.4, 1.4, 1.3, 1.2, 1.1, 1.3, 1.6, 1.8, 1.8, 1.5];
    public static readonly double[] Global = [0.8, 0.7, 0.7, 0.75, 0.8, 0.85, 0.9, 1.0, 1.05, 1.1, 1.1, 1.1, 1.1, 1.1, 1.1, 1.1, 1.1, 1.05, 1.0, 1.0, 0.95, 0.9, 0.9, 0.85];


    public static int DrawHour(Rng r, double[] w)
    {
        double tot = w.Sum(), x = r.Next() * tot;
        for (int h = 0; h < 24; h++) { x -= w[h]; if (x <= 0) return h; }
        return 23;
    }

    /// <summary>Session start times of a human: active days, Poisson sessions a day, local hours from a profile.</summary>
    public List<long> HumanStarts(Rng r, double tz, double perActiveDay, double pActive, double[] profile, double weekendFactor = 0.5, double fromDay = 0, double toDay = Days)
    {
        var l = new List<long>();
        for (int d = -1; d <= Days; d++)
        {
            var localDate = World.Start.AddDays(d);
            bool weekend = localDate.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
            if (!r.Chance(pActive * (weekend ? weekendFactor : 1))) continue;
            int k = Math.Max(1, r.Poisson(perActiveDay));
            for (int i = 0; i < k; i++)
            {
                int h = DrawHour(r, profile);
                long t = World.Start.Ticks + d * D + (long)((h - tz) * H) + (long)(r.Next() * H);
                if (t >= T0 + (long)(fromDay * D) && t < T0 + (long)(toDay * D) && t < T1) l.Add(t);
            }
        }
        l.Sort();
        return l;
    }

    public static double DayOf(long t) => (t - T0) / (double)D;

    public long[] TurnTimes(Rng r, long start, int n, bool agent, bool scripted = false)
    {
        var a = new long[n];
        long t = start;
        for (int i = 0; i < n; i++)
        {
            a[i] = t;
            double gap = scripted ? r.Range(0.5, 3) + r.Range(2, 25) : agent ? r.Range(2, 25) + r.Exp(6) : r.LogNormal(70, 0.9) + r.Range(3, 30);
            t += (long)(gap * S);
        }
        return a;
    }

    /// <summary>Finish a session: build it once to know its turns, give it times, count it.</summary>
    public Session? Add(Session s, long start, bool agentPace = false, bool scripted = false)
    {
        if (start < T0 || start >= T1) return null;
        if (s.Key.Length == 0) s.Key = s.Acct.Keys[R.Int(s.Acct.Keys.Count)];
        bool anth = s.Api == "anthropic.messages";
        if ((anth && s.Ua.StartsWith("OpenAI/")) || (!anth && s.Ua.StartsWith("Anthropic/")))
        {
            // an official SDK only speaks its own format: this account's other SDK, always the same one
            var ar = new Rng(Rng.Hash(s.Acct.Id + s.Ua[..3]));
            (s.Ua, var j) = World.DrawClient(ar, anth ? "anthropic" : "openai", 0);
            s.Ja4 = s.Ja4 == null ? null : j;
        }
        var c = Content.Build(s);
        int n = c.Turns;
        bool agent = agentPace || c.Tools != null;
        s.Times = TurnTimes(R, start, n, agent, scripted);
        int keep = s.Times.Count(t => t < T1);
        if (keep == 0) return null;
        if (keep < n) { s.Times = s.Times[..keep]; s.MaxTurns = keep; }
        s.Acct.Exchanges += s.Times.Length;
        if (s.Harvest) s.Acct.HarvestExchanges += s.Times.Length;
        Sessions.Add(s);
        return s;
    }

    // ------------------------------------------------------------------ parameters
    public static string ApiFor(Rng r, double pChat, double pResp) { double x = r.Next(); return x < pChat ? "openai.chat.completions" : x < pChat + pResp ? "openai.responses" : "anthropic.messages"; }

    /// <summary>An ordinary user's parameters: varied; some at maximal budgets.</summary>
    public static Params HumanParams(Rng r, string api, World.Model m, double pThink = 0.3, double pMax = 0.06)
    {
        var p = new Params();
        p.MaxTokens = r.Pick(new[] { 512, 1024, 1024, 2048, 2048, 4096, 4096, 4096, 8192, 8192, 16000 });
        if (r.Chance(0.3)) p.Temp = r.Pick(new[] { 0.0, 0.2, 0.3, 0.5, 0.7, 0.7, 0.8, 1.0, 1.2 });
        if (r.Chance(0.05)) p.TopP = r.Pick(new[] { 0.9, 0.95, 1.0 });
        p.Stream = r.Chance(0.55);
        bool max = r.Chance(pMax);
        if (m.Reasoning && (r.Chance(pThink) || max))
        {
            if (api == "anthropic.messages")
            {
                p.Budget = max ? Math.Min(m.MaxOut - 1000, r.Pick(new[] { 31999, 32000, 48000, 60000 })) : r.Pick(new[] { 1024, 2000, 4000, 5000, 8000, 10000, 16000 });
                p.MaxTokens = max ? m.MaxOut : Math.Max(p.MaxTokens, p.Budget.Value + r.Pick(new[] { 1000, 2000, 4000, 8192 }));
                p.Temp = null; p.TopP = null;
            }
            else if (m.Name != "gpt-4.1" && m.Name != "gpt-4o-mini")
            {
                p.Effort = max ? "high" : r.Pick(new[] { "minimal", "low", "medium", "medium", "high" });
                p.MaxTokens = max ? m.MaxOut : r.Pick(new[] { 4096, 8192, 16000, 25000, 32000 });
                p.Store = api != "openai.responses" || r.Chance(0.7);
            }
        }
        else if (max) p.MaxTokens = m.MaxOut;
        if (api == "openai.chat.completions" && r.Chance(0.3)) p.MaxCompletion = true;
        if (api == "anthropic.messages") p.MaxTokens = Math.Min(p.MaxTokens, m.MaxOut);
        return p;
    }

    public static World.Model ModelFor(Rng r, string api, long t, bool strong) => World.OrdinaryModel(r, World.FamilyOfApi(api), DayOf(t), strong);

    /// <summary>A campaign's model: after a release it moves about half its traffic to the new model within hours.</summary>
    public static World.Model PivotModel(Rng r, string api, long t, World.Model usual, double lagHours, double share = 0.5)
    {
        var newest = World.FamilyOfApi(api) == "openai" ? World.M("gpt-5.2") : World.M("claude-opus-5");
        double day = DayOf(t);
        if (day >= newest.ReleaseDay + lagHours / 24.0 && r.Chance(share)) return newest;
        return usual;
    }
}
