namespace DistillGuard.RedTeam;

/// <summary>Geography, address space, client software and models. One country distribution for everybody.</summary>
public static class World
{
    public sealed record Country(string Code, double Weight, double[] Tz, string Lang, double NativeShare, string Region);

    // Billing countries, time zones and languages: ONE distribution, drawn from by customers and campaigns alike.
    public static readonly Country[] Countries =
    [
        new("US", 27, [-5, -6, -8, -5, -7], "en", 0.0, "na"),
        new("IN", 9, [5.5], "en", 0.0, "as"),
        new("GB", 5, [0], "en", 0.0, "eu"),
        new("DE", 5, [1], "de", 0.45, "eu"),
        new("FR", 4, [1], "fr", 0.5, "eu"),
        new("BR", 5, [-3], "pt", 0.6, "la"),
        new("JP", 5, [9], "ja", 0.65, "as"),
        new("KR", 3, [9], "ko", 0.6, "as"),
        new("CN", 2.5, [8], "zh", 0.75, "as"),
        new("HK", 2, [8], "zh", 0.45, "as"),
        new("SG", 3, [8], "en", 0.0, "as"),
        new("TW", 2, [8], "zh", 0.6, "as"),
        new("CA", 4, [-5, -8], "en", 0.0, "na"),
        new("ES", 3, [1], "es", 0.6, "eu"),
        new("MX", 3, [-6], "es", 0.65, "la"),
        new("AR", 1, [-3], "es", 0.65, "la"),
        new("ID", 2, [7], "id", 0.5, "as"),
        new("VN", 2, [7], "vi", 0.55, "as"),
        new("TR", 2, [3], "tr", 0.55, "eu"),
        new("RU", 1.5, [3], "ru", 0.7, "eu"),
        new("NL", 2, [1], "en", 0.0, "eu"),
        new("PL", 2, [1], "en", 0.0, "eu"),
        new("AU", 2, [10], "en", 0.0, "as"),
        new("NG", 1, [1], "en", 0.0, "af"),
        new("AE", 1.5, [4], "en", 0.0, "as"),
        new("IL", 1, [2], "en", 0.0, "eu"),
    ];

    private static readonly (Country, double)[] CountryW = Countries.Select(c => (c, c.Weight)).ToArray();
    public static Country DrawCountry(Rng r) => r.Weighted(CountryW);
    public static Country ByCode(string c) => Countries.First(x => x.Code == c);

    public static string DrawLanguage(Rng r, Country c) => r.Chance(c.NativeShare) ? c.Lang : "en";

    // ---------------------------------------------------------------- addresses
    private static readonly Dictionary<string, int[]> ResidentialFirstOctets = new()
    {
        ["na"] = [24, 50, 67, 68, 69, 71, 73, 75, 76, 96, 98, 99, 107, 108, 174],
        ["eu"] = [2, 5, 31, 37, 46, 62, 77, 79, 80, 81, 82, 83, 84, 85, 86, 87, 89, 90, 91, 92, 93, 94, 109, 176, 212, 213, 217],
        ["as"] = [1, 14, 27, 36, 42, 49, 58, 59, 60, 61, 110, 111, 112, 113, 114, 115, 117, 118, 121, 122, 123, 124, 125, 180, 182, 183, 210, 211, 218, 219, 220, 221, 222],
        ["la"] = [177, 179, 181, 186, 187, 189, 190, 191, 200, 201],
        ["af"] = [41, 102, 105, 154, 196, 197],
    };

    /// <summary>A country's residential ISP /16s: fixed per country.</summary>
    public static string ResidentialPrefix(Country c, Rng r)
    {
        var octs = ResidentialFirstOctets[c.Region];
        var cr = new Rng(Rng.Hash("isp:" + c.Code));
        var mine = Enumerable.Range(0, 14).Select(_ => $"{cr.Pick(octs)}.{cr.Int(256)}").ToArray();
        return r.Pick(mine);
    }

    public static string ResidentialIp(Country c, Rng r)
    {
        if (r.Chance(0.14))
        {
            string[] v6 = c.Region switch
            {
                "na" => ["2601:1c2", "2603:8080", "2600:1700", "2601:647"],
                "eu" => ["2a02:8108", "2a01:cb00", "2003:e2", "2a02:a45"],
                "as" => ["2409:8a28", "240e:3b4", "2400:4050", "2405:201"],
                _ => ["2804:14c", "2800:810"],
            };
            var cr = new Rng(Rng.Hash("v6:" + c.Code));
            string p = r.Pick(v6) + ":" + cr.Hex(4).TrimStart('0').PadLeft(1, '0');
            return p + ":" + string.Join(":", Enumerable.Range(0, 5).Select(_ => r.Hex(4).TrimStart('0').PadLeft(1, '0')));
        }
        return $"{ResidentialPrefix(c, r)}.{r.Int(256)}.{r.Int(1, 254)}";
    }

    public sealed record Hosting(string Provider, string[] Slash16s, double Weight);

    public static readonly Hosting[] HostingProviders =
    [
        new("aws", ["3.101", "3.208", "18.116", "18.191", "44.192", "44.226", "52.14", "52.58", "54.144", "54.205", "13.229", "13.250"], 26),
        new("gcp", ["34.16", "34.86", "34.118", "35.184", "35.197", "35.234"], 14),
        new("azure", ["20.42", "20.118", "40.76", "40.112", "52.170", "51.105"], 12),
        new("digitalocean", ["104.131", "138.68", "142.93", "143.198", "157.245", "159.65", "161.35", "164.90", "165.22", "167.99", "178.128", "206.189"], 9),
        new("hetzner", ["65.108", "78.46", "88.198", "95.216", "116.202", "135.181", "138.201", "142.132", "157.90", "159.69", "168.119", "176.9"], 8),
        new("ovh", ["51.38", "51.68", "51.75", "51.89", "54.36", "137.74", "141.94", "145.239", "147.135", "149.202", "158.69"], 6),
        new("vultr", ["45.32", "45.63", "45.76", "45.77", "66.42", "104.156", "108.61", "140.82", "149.28", "155.138", "207.148"], 6),
        new("linode", ["45.33", "45.56", "45.79", "50.116", "139.144", "139.162", "172.104", "172.105", "173.255"], 5),
        new("alibaba", ["8.209", "8.217", "8.219", "47.74", "47.88", "47.236", "47.245", "39.104"], 7),
        new("tencent", ["43.128", "43.133", "43.153", "43.156", "101.32", "119.28", "129.226", "150.109", "162.14"], 5),
    ];

    private static readonly (Hosting, double)[] HostingW = HostingProviders.Select(h => (h, h.Weight)).ToArray();
    public static Hosting DrawHosting(Rng r) => r.Weighted(HostingW);

    /// <summary>A /24 inside a hosting provider, as "a.b.c".</summary>
    public static string HostingSlash24(Rng r, Hosting? h = null)
    {
        h ??= DrawHosting(r);
        return $"{r.Pick(h.Slash16s)}.{r.Int(256)}";
    }

    public static string InSlash24(string s24, Rng r) => $"{s24}.{r.Int(2, 250)}";

    // Optional real CIDR lists (from --corpus): replace the built-in hosting /16s.
    public static List<string>? CorpusHosting;

    public static string AnyHostingIp(Rng r)
    {
        if (CorpusHosting is { Count: > 0 } && r.Chance(0.5))
        {
            string cidr = r.Pick(CorpusHosting);
            var parts = cidr.Split('/')[0].Split('.');
            if (parts.Length == 4) return $"{parts[0]}.{parts[1]}.{parts[2]}.{r.Int(1, 254)}";
        }
        return InSlash24(HostingSlash24(r), r);
    }

    // ---------------------------------------------------------------- client software
    public sealed record Sdk(string Family, string Api, Func<Rng, string> Ua, string[] Ja4);

    private static readonly string[] Ja4Py = ["t13d1812h2_85036bcba153_375ca2c5e164", "t13d1715h2_5b57614c22b0_3d5424432f57"];
    private static readonly string[] Ja4Node = ["t13d1516h2_8daaf6152771_e5627efa2ab1", "t13d1516h2_8daaf6152771_02713d6af862"];
    private static readonly string[] Ja4Go = ["t13d1311h2_f57a46bbacb6_e7c285222651"];
    private static readonly string[] Ja4Curl = ["t13d3112h2_e8f1e7e78f70_b26ce05bbdd6"];
    private static readonly string[] Ja4Java = ["t13d2014h2_a09f3c656075_14788d8d241b"];

    public static string PyOpenAi(Rng r) => $"OpenAI/Python 1.{r.Int(68, 109)}.{r.Int(0, 3)}";
    public static string JsOpenAi(Rng r) => r.Chance(0.5) ? $"OpenAI/JS 4.{r.Int(70, 104)}.{r.Int(0, 2)}" : $"OpenAI/JS 5.{r.Int(0, 23)}.{r.Int(0, 2)}";
    public static string PyAnthropic(Rng r) => $"Anthropic/Python 0.{r.Int(45, 72)}.{r.Int(0, 2)}";
    public static string JsAnthropic(Rng r) => $"Anthropic/JS 0.{r.Int(40, 68)}.{r.Int(0, 1)}";

    public static readonly Sdk[] Sdks =
    [
        new("openai-python", "openai", PyOpenAi, Ja4Py),
        new("openai-js", "openai", JsOpenAi, Ja4Node),
        new("anthropic-python", "anthropic", PyAnthropic, Ja4Py),
        new("anthropic-js", "anthropic", JsAnthropic, Ja4Node),
        new("httpx", "any", r => r.Chance(0.5) ? "python-httpx/0.27.2" : "python-httpx/0.28.1", Ja4Py),
        new("requests", "any", r => r.Pick(new[] { "python-requests/2.31.0", "python-requests/2.32.3", "python-requests/2.32.4" }), Ja4Py),
        new("curl", "any", r => $"curl/8.{r.Int(4, 14)}.{r.Int(0, 1)}", Ja4Curl),
        new("go", "any", _ => "Go-http-client/2.0", Ja4Go),
        new("axios", "any", r => $"axios/1.{r.Int(6, 12)}.{r.Int(0, 9)}", Ja4Node),
        new("java", "any", r => $"Java-http-client/{r.Pick(new[] { "17.0.12", "21.0.4", "21.0.6" })}", Ja4Java),
        new("okhttp", "any", r => $"okhttp/4.{r.Int(10, 12)}.0", Ja4Java),
    ];

    public static (string ua, string ja4) DrawClient(Rng r, string apiFamily, double rawShare = 0.2)
    {
        Sdk s;
        if (r.Chance(rawShare))
            s = r.Pick(Sdks.Where(x => x.Api == "any").ToArray());
        else
            s = apiFamily == "anthropic"
                ? (r.Chance(0.7) ? Sdks[2] : Sdks[3])
                : (r.Chance(0.68) ? Sdks[0] : Sdks[1]);
        return (s.Ua(r), r.Pick(s.Ja4));
    }

    // ---------------------------------------------------------------- models
    public static readonly DateTime Start = new(2026, 10, 5, 0, 0, 0, DateTimeKind.Utc);

    public sealed record Model(string Name, string Family, bool Reasoning, int MaxOut, double ReleaseDay);

    public static readonly Model[] Models =
    [
        new("gpt-5.1", "openai", true, 128000, -200),
        new("gpt-5.1-mini", "openai", true, 128000, -200),
        new("gpt-4.1", "openai", false, 32768, -500),
        new("gpt-4o-mini", "openai", false, 16384, -800),
        new("o4-mini", "openai", true, 100000, -400),
        new("gpt-5.2", "openai", true, 128000, 7.35),
        new("claude-sonnet-4-5", "anthropic", true, 64000, -150),
        new("claude-opus-4-1", "anthropic", true, 32000, -250),
        new("claude-haiku-4-5", "anthropic", true, 64000, -120),
        new("claude-opus-5", "anthropic", true, 64000, 5.6),
    ];

    public static Model M(string name) => Models.First(m => m.Name == name);

    public static bool Released(Model m, double day) => day >= m.ReleaseDay;

    /// <summary>An ordinary user's model: flagships mostly, new releases adopted slowly.</summary>
    public static Model OrdinaryModel(Rng r, string family, double day, bool wantsStrong)
    {
        Model newest = family == "openai" ? M("gpt-5.2") : M("claude-opus-5");
        if (Released(newest, day))
        {
            double since = day - newest.ReleaseDay;
            double share = Math.Min(0.22, 0.015 + 0.03 * since);
            if (r.Chance(share)) return newest;
        }
        if (family == "openai")
            return wantsStrong ? r.Weighted(new[] { (M("gpt-5.1"), 6.0), (M("o4-mini"), 1.5), (M("gpt-4.1"), 1.5) })
                               : r.Weighted(new[] { (M("gpt-5.1-mini"), 4.0), (M("gpt-4o-mini"), 3.0), (M("gpt-4.1"), 2.0), (M("gpt-5.1"), 2.0) });
        return wantsStrong ? r.Weighted(new[] { (M("claude-sonnet-4-5"), 6.0), (M("claude-opus-4-1"), 2.5) })
                           : r.Weighted(new[] { (M("claude-haiku-4-5"), 4.0), (M("claude-sonnet-4-5"), 5.0) });
    }

    public static string FamilyOfApi(string api) => api == "anthropic.messages" ? "anthropic" : "openai";

    public static string Ts(long ticks) => new DateTime(ticks, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'");
}
