namespace DistillGuard.RedTeam;

/// <summary>The `shadow` mix: operators who harvest inside envelopes that look legitimate (a SaaS product's own pipeline, a legal-tech
/// workload, cloud-marketplace and reseller accounts, ordinary tool-use continuations), each keeping the coordination its volume forces
/// on it; and two legitimate look-alikes of those shapes. Only reached with --mix shadow.</summary>
public sealed partial class Gen
{
    const string PyJa4 = "t13d1812h2_85036bcba153_375ca2c5e164";

    // ================================================================== look-alikes
    /// <summary>An enterprise platform team: one organisation, card and cloud egress range, most accounts through `cloud:bedrock`; engineers
    /// use the internal agent by day, and a maintenance bot fans out over every team's account at 02:00 HQ time, each night, with long
    /// tool loops at high thinking budgets; the bot moves to the new model the day after its release.</summary>
    public void PlatformAgentTeam(int n)
    {
        var c = World.DrawCountry(R);
        double tz = R.Pick(c.Tz);
        string org = OrgName(R), dom = Domain(org), card = Card(R);
        string s24 = World.HostingSlash24(R, World.HostingProviders[0]);
        var nat = Enumerable.Range(0, 3).Select(_ => World.InSlash24(s24, R)).ToList();
        string sys = ShadowContent.ForgeSystem(org);
        var first = PastCreated(R, 200, 600);
        var ws = new List<Who>();
        for (int i = 0; i < n; i++)
        {
            var created = i < n * 0.7 ? first.AddMinutes(R.Range(0, 120)) : first.AddDays(R.Range(10, 150));
            var w = Person("platform-agent-team", "enterprise", created: created, org: org, email: dom, pay: card, verified: true, country: c);
            w.Tz = tz; w.Ips = [.. nat]; w.Lang = "en"; w.Ja4 = PyJa4;
            if (R.Chance(0.65)) { w.Route = "cloud:bedrock"; w.Api = "anthropic.messages"; w.Ua = "Anthropic/Python 0.64.0"; }
            else { w.Route = "direct"; w.Api = R.Chance(0.5) ? "openai.responses" : "openai.chat.completions"; w.Ua = "OpenAI/Python 1.90.0"; }
            ws.Add(w);
        }
        var r = R.Fork(0xF0E6E);
        double switchDay = World.M("claude-opus-5").ReleaseDay + r.Range(0.8, 1.6);
        double switchOa = World.M("gpt-5.2").ReleaseDay + r.Range(0.8, 1.6);
        foreach (var w in ws)
        {
            bool anth = w.Api == "anthropic.messages";
            foreach (long t in HumanStarts(r, tz, r.Range(1.5, 3.5), 0.8, Work, 0.1))
            {
                var m = World.M(anth ? "claude-sonnet-4-5" : "gpt-5.1");
                var p = anth ? new Params { MaxTokens = 16000, Budget = r.Chance(0.4) ? 4000 : null, Stream = true } : new Params { MaxTokens = 16000, Effort = "medium", Stream = true, MaxCompletion = true };
                if (anth && p.Budget == null) p.Temp = 0.3;
                Add(new Session { Acct = w.A, Api = w.Api, Model = m.Name, Ip = r.Pick(w.Ips), Ua = w.Ua, Ja4 = w.Ja4, Route = w.Route, Kind = Kind.Forge, AppSystem = sys, Item = -1, Seed = r.NextU64(), P = p }, t);
            }
        }
        long job = r.Int(10000, 90000);
        for (int d = -1; d < Days; d++)
        {
            long night = T0 + d * D + (long)((2 - tz) * H);
            foreach (var w in ws)
            {
                if (w.A.Created.Ticks > night) continue;
                bool anth = w.Api == "anthropic.messages";
                long t = night + (long)(r.Range(0, 240) * S);
                int jobs = r.Poisson(2.0);
                for (int j = 0; j < jobs && t < T1; j++)
                {
                    var m = anth ? World.M(DayOf(t) > switchDay ? "claude-opus-5" : "claude-sonnet-4-5") : World.M(DayOf(t) > switchOa ? "gpt-5.2" : "gpt-5.1");
                    var p = anth ? new Params { MaxTokens = 32000, Budget = 16000 } : new Params { MaxTokens = 32000, Effort = "high", MaxCompletion = true };
                    var s = Add(new Session { Acct = w.A, Api = w.Api, Model = m.Name, Ip = r.Pick(w.Ips), Ua = w.Ua, Ja4 = w.Ja4, Route = w.Route, Kind = Kind.Forge, AppSystem = sys, Item = job++, Seed = r.NextU64(), P = p, ErrRate = 0.01 }, t, scripted: true);
                    t = (s != null ? s.Times[^1] : t) + (long)(r.Range(20, 90) * S);
                }
            }
        }
    }

    /// <summary>A legal language-services provider: three offices (own country, office egress, office card, one body format each), linguists
    /// working office hours; each document's clauses go through one after another in contract order, one fixed JSON record per segment.</summary>
    public void LegalLanguageVendor(int n)
    {
        string org = "Concordia Legal Language Services", email = "concordia-lls.com";
        string[] apis = ["anthropic.messages", "openai.chat.completions", "openai.responses"];
        string[] tl = ["de", "fr", "es", "ja"];
        var offices = new List<(World.Country c, double tz, List<string> ips, string card, string api, string ua, string? ja4, string[] langs)>();
        for (int k = 0; k < 3; k++)
        {
            var c = World.DrawCountry(R);
            string s24 = $"{World.ResidentialPrefix(c, R)}.{R.Int(256)}";
            var (ua, ja4) = World.DrawClient(R, World.FamilyOfApi(apis[k]), 0.1);
            var langs = tl.OrderBy(_ => R.Next()).Take(2).ToArray();
            offices.Add((c, R.Pick(c.Tz), Enumerable.Range(0, 2).Select(_ => World.InSlash24(s24, R)).ToList(), Card(R), apis[k], ua, ja4, langs));
        }
        var r = R.Fork(0x15B0);
        long doc = r.Int(100, 900);
        for (int i = 0; i < n; i++)
        {
            var o = offices[i % 3];
            var w = Person("legal-language-linguist", R.Chance(0.7) ? "enterprise" : "paid", created: PastCreated(R, 60, 900), org: org, email: email, pay: o.card, verified: true, country: o.c);
            w.Tz = o.tz; w.Api = o.api; w.Ua = o.ua; w.Ja4 = o.ja4; w.Ips = o.ips;
            string sys = ShadowContent.LspSystem(org);
            foreach (long st in HumanStarts(r, o.tz, r.Range(0.8, 1.8), 0.85, Work, 0.05))
            {
                long d0 = doc++;
                string tgt = r.Pick(o.langs);
                int clauses = r.Int(8, 30);
                long t = st;
                for (int cl = 0; cl < clauses && t < T1; cl += r.Chance(0.25) ? 2 : 1)
                {
                    var m = World.M(o.api == "anthropic.messages" ? "claude-sonnet-4-5" : r.Chance(0.7) ? "gpt-4.1" : "gpt-5.1");
                    var p = new Params { MaxTokens = 2048, Temp = 0.2, JsonMode = o.api == "openai.chat.completions" };
                    var s = Add(new Session { Acct = w.A, Api = o.api, Model = m.Name, Ip = r.Pick(o.ips), Ua = o.ua, Ja4 = o.ja4, Kind = Kind.LspSegment, Lang = tgt, AppSystem = sys, Item = d0 * 1000 + cl, Seed = r.NextU64(), P = p }, t);
                    t = (s != null ? s.Times[^1] : t) + (long)(r.Range(40, 240) * S);
                }
            }
        }
    }

    // ================================================================== campaigns
    /// <summary>A code-review SaaS that distils through its own product: two dozen tenant-shard accounts of one verified company relay real
    /// customers' pull-request reviews by day, and every night, when its rate limits are free, all shards run the operator's synthetic
    /// "autofix" jobs in the product's own envelope (same system prompt and tools), with even coverage of languages and longer loops.</summary>
    public void SaasHarvest(string name, int n, double userSessPerDay, double jobsPerNight)
    {
        Truth(name, "coding/agentic harvest inside a B2B SaaS that relays its own customers", "coding,agentic-tool-use",
            "mixed-with-legit-traffic", "product-envelope", "hosting-egress", "nightly-batch-windows", "synchronized-timing", "items-partitioned", "even-language-coverage",
            "hosting-forwarded-for-on-injected-jobs", "one-off-end-user-ids", "higher-budgets-on-injected-jobs", "model-release-pivot-on-harvest-only", "shared-payment",
            "avoids:fresh-accounts", "avoids:program-tiers", "avoids:unverified-accounts", "avoids:reasoning-wording", "avoids:billing-country-vs-hours", "avoids:sign-up-bursts");
        var home = World.DrawCountry(R);
        double tz = R.Pick(home.Tz);
        string org = "Patchbay Inc.";
        var cards = Enumerable.Range(0, 3).Select(_ => Card(R)).ToList();
        var prov = World.DrawHosting(R);
        var egress = Enumerable.Range(0, 2).Select(_ => World.HostingSlash24(R, prov)).SelectMany(s24 => Enumerable.Range(0, 4).Select(_ => World.InSlash24(s24, R))).ToList();
        var runners = Enumerable.Range(0, 4).Select(_ => World.InSlash24(World.HostingSlash24(R), R)).ToList();
        var custs = new List<(World.Country c, double tz, string lang, string[] repos, int stack, (string id, string ip)[] users)>();
        var ws = new List<(Who w, List<int> mine)>();
        for (int i = 0; i < n; i++)
        {
            var w = Person("saas-tenant-shard", R.Chance(0.6) ? "enterprise" : "paid", created: PastCreated(R, 40, 500), org: org, email: "patchbay.dev", pay: R.Pick(cards), verified: R.Chance(0.9), country: home, campaign: name);
            w.Api = i % 3 == 2 ? "openai.chat.completions" : "anthropic.messages";
            w.Ua = w.Api == "anthropic.messages" ? "Anthropic/Python 0.61.0" : "OpenAI/Python 1.86.0"; w.Ja4 = PyJa4;
            w.Ips = Enumerable.Range(0, 3).Select(_ => R.Pick(egress)).Distinct().ToList();
            var mine = new List<int>();
            for (int k = R.Int(12, 30); k > 0; k--)
            {
                var cc = World.DrawCountry(R);
                string co = R.Pick(OrgA).ToLowerInvariant() + R.Pick(OrgB).ToLowerInvariant();
                var repos = Enumerable.Range(0, R.Int(1, 4)).Select(_ => $"{co}/{R.Pick(new[] { "api", "web", "mobile", "infra", "billing", "data", "backend", "frontend" })}").ToArray();
                var users = Enumerable.Range(0, R.Int(2, 12)).Select(_ => ("pb_u_" + R.Hex(12), World.ResidentialIp(cc, R))).ToArray();
                mine.Add(custs.Count);
                custs.Add((cc, R.Pick(cc.Tz), World.DrawLanguage(R, cc), repos, R.Int(ShadowContent.CodeLangs.Length), users));
            }
            ws.Add((w, mine));
        }
        var r = R.Fork(Rng.Hash(name));
        double lag = r.Range(10, 20);
        long item = r.Int(1000, 50000);
        foreach (var (w, mine) in ws)
        {
            bool anth = w.Api == "anthropic.messages";
            // the customers' own requests: their zones, work hours, languages, stable user ids and addresses
            for (int d = 0; d < Days; d++)
            {
                bool weekend = World.Start.AddDays(d).DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
                int k = r.Poisson(userSessPerDay * (weekend ? 0.3 : 1.0) * r.Range(0.7, 1.3));
                for (int j = 0; j < k; j++)
                {
                    var cu = custs[r.Pick(mine)];
                    long t = T0 + d * D + (long)((DrawHour(r, Work) - cu.tz) * H) + (long)(r.Next() * H);
                    var (uid, uip) = r.Pick(cu.users);
                    var m = World.M(anth ? "claude-sonnet-4-5" : "gpt-5.1");
                    var p = anth ? new Params { MaxTokens = 8192, Temp = 0.2, User = uid } : new Params { MaxTokens = 8192, Effort = "medium", MaxCompletion = true, User = uid };
                    Add(new Session { Acct = w.A, Api = w.Api, Model = m.Name, Ip = r.Pick(w.Ips), Ua = w.Ua, Ja4 = w.Ja4, Fwd = uip, Kind = Kind.PatchbayUser, AppSystem = r.Pick(cu.repos), AppIdx = r.Chance(0.85) ? cu.stack : r.Int(8), Lang = cu.lang, Seed = r.NextU64(), P = p, ErrRate = 0.01 }, t);
                }
            }
            // the nightly "autofix backfill" on every shard: 01:00 home time, jobs one after another
            for (int d = -1; d < Days; d++)
            {
                long t = T0 + d * D + (long)((1 - tz) * H) + (long)(r.Range(0, 180) * S);
                int jobs = r.Poisson(jobsPerNight);
                for (int j = 0; j < jobs && t < T1; j++)
                {
                    var usual = World.M(anth ? "claude-opus-4-1" : "gpt-5.1");
                    var m = PivotModel(r, w.Api, t, usual, lag, 0.85);
                    var p = anth ? new Params { MaxTokens = Math.Min(m.MaxOut, 32000), Budget = 16000 } : new Params { MaxTokens = 32000, Effort = "high", MaxCompletion = true };
                    p.User = "pb_u_" + r.Hex(12);
                    var s = Add(new Session { Acct = w.A, Api = w.Api, Model = m.Name, Ip = r.Pick(w.Ips), Ua = w.Ua, Ja4 = w.Ja4, Fwd = r.Chance(0.75) ? r.Pick(runners) : null, Kind = Kind.PatchbayJob, Item = item++, Seed = r.NextU64(), P = p, Harvest = true, ErrRate = 0.015 }, t, scripted: true);
                    t = (s != null ? s.Times[^1] : t) + (long)(r.Range(15, 60) * S);
                }
            }
        }
    }

    /// <summary>Contract-clause transformation harvest (analysis into a record, redrafting, translation) from ~110 small legal-tech accounts:
    /// one output schema for the operator's pipeline, wording drawn per request, items in per-account blocks walked in one fixed order,
    /// every account rotating between the three body formats; cards partly shared; accounts grouped on a few rented servers.</summary>
    public void ClauseHarvest(string name, int n, double perDay)
    {
        Truth(name, "capability harvest: contract-clause transformation", "legal-drafting,translation,structured-extraction",
            "narrow-capability", "shared-output-schema", "items-partitioned-in-blocks", "fixed-walk-order", "shared-payment-partial", "shared-vps-egress", "common-client-per-vps",
            "api-spreading-per-account", "avoids:reasoning-wording", "avoids:shared-template-wording", "avoids:synchronized-timing", "avoids:identical-parameters",
            "avoids:sign-up-bursts", "avoids:model-release-pivot", "avoids:billing-country-vs-hours");
        int vps = n / 6 + 1;
        var vpsIp = Enumerable.Range(0, vps).Select(_ => World.InSlash24(World.HostingSlash24(R), R)).ToList();
        var vpsUa = Enumerable.Range(0, vps).Select(_ => R.Pick(new[] { "python-httpx/0.27.2", "Python/3.11 aiohttp/3.9.5", "python-httpx/0.28.1", "Python/3.12 aiohttp/3.10.11" })).ToList();
        var sharedCards = Enumerable.Range(0, 7).Select(_ => Card(R)).ToList();
        var ws = new List<Who>();
        for (int i = 0; i < n; i++)
        {
            var c = World.DrawCountry(R);
            string org = $"{R.Pick(OrgA)} {R.Pick(new[] { "Legal", "Contracts", "Counsel", "LegalTech", "Compliance", "Law Labs", "Clauses" })}";
            var w = Person("clause-harvester", R.Chance(0.7) ? "paid" : "startup", created: PastCreated(R, 12, 120), org: org, email: R.Chance(0.6) ? Domain(org) : null,
                pay: R.Chance(0.45) ? R.Pick(sharedCards) : null, verified: R.Chance(0.2), country: c, campaign: name);
            w.Ips = [vpsIp[i % vps]]; w.Ua = vpsUa[i % vps]; w.Ja4 = PyJa4;
            ws.Add(w);
        }
        var r = R.Fork(Rng.Hash(name));
        string[] apis = ["openai.chat.completions", "openai.responses", "anthropic.messages"];
        for (int i = 0; i < n; i++)
        {
            var w = ws[i];
            var aw = apis.Select(a => (a, r.Range(0.2, 1.0))).ToArray();
            double? temp = r.Pick(new double?[] { null, 0.0, 0.2, 0.3, 0.5 });
            int maxTok = r.Pick(new[] { 1500, 2048, 3000, 4096 });
            bool json = r.Chance(0.5);
            string chatModel = r.Chance(0.6) ? "gpt-5.1" : "gpt-4.1";
            long k = 0;
            foreach (long t in HumanStarts(r, w.Tz, perDay * r.Range(0.7, 1.3), 0.85, Work, 0.6, DayOf(w.A.Created.Ticks) + 0.1, Days))
            {
                string api = r.Weighted(aw);
                string model = api == "anthropic.messages" ? "claude-sonnet-4-5" : api == "openai.responses" ? "gpt-5.1" : chatModel;
                var p = new Params { MaxTokens = maxTok, Temp = temp, JsonMode = json && api == "openai.chat.completions", MaxCompletion = api == "openai.chat.completions" && model == "gpt-5.1" };
                Add(new Session { Acct = w.A, Api = api, Model = model, Ip = w.Ips[0], Ua = w.Ua, Ja4 = w.Ja4, Kind = Kind.ClauseHarvest, Item = i * 5000L + k++, Seed = r.NextU64(), P = p, Harvest = true, ErrRate = 0.01 }, t);
            }
        }
    }

    /// <summary>Walkthrough harvest (a problem, its answer, and a natural request for the whole route there, with none of the usual
    /// keywords) from many small accounts behind cloud marketplaces and a reseller; each dead account is replaced on the same route;
    /// one harness: per-route worker ranges, the same request kit and parameter menu everywhere, runs of requests at a fixed cooldown.</summary>
    public void WalkthroughHydra(string name, int alive, double runsPerDay)
    {
        Truth(name, "natural-language walkthrough harvest through cloud marketplaces and a reseller", "reasoning,math,science",
            "cot-elicitation", "answer-given", "many-small-accounts", "ban-replacement-route-matched", "cloud-marketplace-routes", "reseller-route", "per-route-worker-ranges",
            "common-harness-cadence", "shared-request-kit", "items-partitioned", "api-spreading-per-account",
            "avoids:reasoning-keywords", "avoids:shared-template", "avoids:shared-payment", "avoids:sign-up-bursts", "avoids:maximal-budgets", "avoids:model-release-pivot", "avoids:direct-api");
        string[] all = ["openai.chat.completions", "openai.responses", "anthropic.messages"];
        List<string> Pool(World.Hosting h, int nets) => Enumerable.Range(0, nets).Select(_ => World.HostingSlash24(R, h)).SelectMany(s24 => Enumerable.Range(0, 3).Select(_ => World.InSlash24(s24, R))).ToList();
        var routes = new (string route, double w, string[] apis, List<string> ips)[]
        {
            ("cloud:bedrock", 0.32, ["anthropic.messages"], Pool(World.HostingProviders[0], 2)),
            ("cloud:vertex", 0.20, ["anthropic.messages"], Pool(World.HostingProviders[1], 2)),
            ("cloud:azure", 0.15, ["openai.chat.completions", "openai.responses"], Pool(World.HostingProviders[2], 2)),
            (ResellerRoute, 0.23, all, _resellerExits),
            ("direct", 0.10, all, Pool(World.HostingProviders[4], 1)),
        };
        var r = R.Fork(Rng.Hash(name));
        long item = r.Int(1000, 90000);
        for (int slot = 0; slot < alive; slot++)
        {
            var ro = r.Weighted(routes.Select(x => (x, x.w)).ToArray());
            long created = T0 - (long)(r.Range(1, 25) * D) + (long)(r.Next() * D);
            long from = Math.Max(T0 + (long)(r.Range(0, 10) * H), created + (long)(r.Range(10, 60) * 60 * S));
            while (from < T1)
            {
                string tier = ro.route.StartsWith("cloud:") || ro.route == ResellerRoute ? "paid" : r.Chance(0.5) ? "free" : "startup";
                var w = Person("walkthrough-harvester", tier, created: new DateTime(created, DateTimeKind.Utc), org: R.Chance(0.5) ? OrgName(R) : null, verified: R.Chance(0.15), campaign: name);
                w.Route = ro.route;
                if (ro.route == ResellerRoute) { w.Ips = [.. _resellerExits]; (w.Ua, w.Ja4) = _resellerClient; }
                else w.Ips = Enumerable.Range(0, 2).Select(_ => r.Pick(ro.ips)).ToList();
                var aw = ro.apis.Select(a => (a, r.Range(0.3, 1.0))).ToArray();
                long death = Math.Min(T1, from + (long)(r.Range(2, 6) * D));
                int runs = r.Poisson(runsPerDay * (death - from) / (double)D);
                var starts = Enumerable.Range(0, runs).Select(_ => from + (long)(r.Next() * (death - from))).OrderBy(x => x).ToList();
                long busy = 0;
                foreach (long rs in starts)
                {
                    long t = Math.Max(rs, busy);
                    int len = r.Int(3, 9);
                    for (int j = 0; j < len && t < death; j++)
                    {
                        string api = r.Weighted(aw);
                        bool anth = api == "anthropic.messages";
                        string ua = w.Ua;
                        string? ja4 = w.Ja4;
                        if (ro.route != ResellerRoute)
                        {
                            // the harness: official SDKs on the cloud routes, one pinned build, upgraded once mid-window
                            bool late = DayOf(t) > 6;
                            ua = anth ? (late ? "Anthropic/Python 0.69.1" : "Anthropic/Python 0.67.0") : (late ? "OpenAI/Python 1.102.0" : "OpenAI/Python 1.99.2");
                            ja4 = PyJa4;
                        }
                        var newest = World.M(anth ? "claude-opus-5" : "gpt-5.2");
                        double since = DayOf(t) - newest.ReleaseDay;
                        string model = since > 0 && r.Chance(Math.Min(0.2, 0.02 + 0.03 * since)) ? newest.Name : anth ? (r.Chance(0.6) ? "claude-opus-4-1" : "claude-sonnet-4-5") : (r.Chance(0.7) ? "gpt-5.1" : "o4-mini");
                        Params p;
                        if (anth)
                        {
                            if (r.Chance(0.7)) p = new Params { MaxTokens = r.Pick(new[] { 8192, 12000, 16000 }), Temp = r.Pick(new double?[] { null, 0.7 }) };
                            else { int b = r.Pick(new[] { 6000, 8000, 12000 }); p = new Params { MaxTokens = b + 8000, Budget = b }; }
                            p.MaxTokens = Math.Min(p.MaxTokens, World.M(model).MaxOut);
                        }
                        else p = new Params { MaxTokens = r.Pick(new[] { 16000, 25000 }), Effort = r.Chance(0.5) ? "medium" : "high", MaxCompletion = true };
                        var s = Add(new Session { Acct = w.A, Api = api, Model = model, Ip = r.Pick(w.Ips), Ua = ua, Ja4 = ja4, Route = w.Route, Kind = Kind.Walkthrough, Item = item++, Seed = r.NextU64(), P = p, Harvest = true, ErrRate = 0.02 }, t);
                        // the harness waits for the answer, then a fixed cooldown before the next request on this account
                        t = (s != null ? s.Times[^1] : t) + (long)((r.Range(20, 70) + r.Range(70, 110)) * S);
                    }
                    busy = t;
                }
                // banned or burnt: a replacement is registered on the same route a few hours later
                created = death + (long)(r.Range(0.5, 6) * H);
                from = created + (long)(r.Range(10, 60) * 60 * S);
            }
        }
    }

    /// <summary>Counterfactual branching on signed reasoning: issuer accounts solve quantitative problems with a calculator tool and thinking
    /// on; within minutes to hours, prober accounts resend the issuer's prefix (question, the thinking block with its signature or encrypted
    /// content, the tool call) with tool results of their own choosing, fanning one signed prefix out into many continuations.</summary>
    public void BranchRing(string name, int issuers, int probers, double issuerSessPerDay)
    {
        Truth(name, "counterfactual branching on signed reasoning", "reasoning,math,agentic-tool-use",
            "reasoning-replay", "cross-account-artifacts", "prefix-fan-out", "counterfactual-tool-results", "shared-payment-partial", "common-client-build", "timing-follows-issuance",
            "avoids:replay-wording", "avoids:translation-requests", "avoids:cross-model-replay", "avoids:hosting-egress", "avoids:fresh-accounts");
        const string UaA = "Anthropic/Python 0.68.1", UaO = "OpenAI/Python 1.101.0";
        var iss = new List<Who>();
        for (int i = 0; i < issuers; i++)
        {
            var w = Person("branch-issuer", R.Chance(0.7) ? "paid" : "free", created: PastCreated(R, 20, 300), campaign: name);
            w.Api = R.Chance(0.6) ? "anthropic.messages" : "openai.responses";
            w.Ua = w.Api == "anthropic.messages" ? UaA : UaO; w.Ja4 = PyJa4;
            iss.Add(w);
        }
        var cells = Enumerable.Range(0, 3).Select(_ => (card: Card(R), members: new List<Who>())).ToList();
        for (int i = 0; i < probers; i++)
        {
            var cell = cells[i % 3];
            var w = Person("branch-prober", R.Chance(0.6) ? "paid" : "free", created: PastCreated(R, 5, 90), pay: R.Chance(0.6) ? cell.card : null, verified: R.Chance(0.2), campaign: name);
            cell.members.Add(w);
        }
        var r = R.Fork(Rng.Hash(name));
        long item = r.Int(1000, 90000);
        var sources = new List<Session>();
        foreach (var w in iss)
        {
            bool anth = w.Api == "anthropic.messages";
            var m = World.M(anth ? (r.Chance(0.6) ? "claude-opus-4-1" : "claude-sonnet-4-5") : (r.Chance(0.7) ? "gpt-5.1" : "o4-mini"));
            int budget = r.Pick(new[] { 8000, 12000, 16000 });
            foreach (long t in HumanStarts(r, w.Tz, issuerSessPerDay, 0.85, Work, 0.7))
            {
                if (r.Chance(0.25)) { Add(HumanSession(w, PickKind(r, (Kind.Chat, 3), (Kind.Coding, 2), (Kind.Analysis, 1)), t, null, 0.3, 0.02), t); continue; }
                var p = anth ? new Params { MaxTokens = Math.Min(m.MaxOut, budget + 8000), Budget = budget } : new Params { MaxTokens = 32000, Effort = "high", Store = false };
                var s = Add(new Session { Acct = w.A, Api = w.Api, Model = m.Name, Ip = w.Ips[0], Ua = w.Ua, Ja4 = w.Ja4, Kind = Kind.BranchIssue, Item = item++, Seed = r.NextU64(), P = p, Harvest = true }, t);
                if (s != null) sources.Add(s);
            }
        }
        foreach (var src in sources)
        {
            if (!r.Chance(0.85)) continue;
            var cell = cells[r.Int(3)];
            int k = r.Int(3, 12);
            long t = src.Times[0] + (long)(r.Range(4, 30) * 60 * S);
            for (int j = 0; j < k && t < T1; j++)
            {
                var w = r.Pick(cell.members);
                var p = new Params { MaxTokens = src.P.MaxTokens, Budget = src.P.Budget, Effort = src.P.Effort, Store = src.P.Store };
                string ua = src.Api == "anthropic.messages" ? UaA : UaO;
                Add(new Session { Acct = w.A, Api = src.Api, Model = src.Model, Ip = StickyExit(w.A, w.C, t, 2), Ua = ua, Ja4 = PyJa4, Kind = Kind.BranchProbe, Src = src, SrcTurn = 0, Item = r.Int(1000), Seed = r.NextU64(), P = p, Harvest = true, ErrRate = 0.02 }, t, scripted: true);
                t += (long)(r.Exp(20 * 60) * S);
            }
        }
    }
}
