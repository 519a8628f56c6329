using System.Globalization;
using System.Reflection;
using DistillGuard.Simulation.Content;
using DistillGuard.Simulation.Network;
using YamlDotNet.Core;
using YamlDotNet.Serialization;

namespace DistillGuard.Simulation.Scenarios;

/// <summary>
/// Reads scenarios from YAML or JSON (JSON is read as YAML), resolving <c>extends</c> (a built-in name or a
/// file path relative to the extending file) and merging: scalars override, <c>personas</c> and
/// <c>campaigns</c> entries merge by <c>name</c> (added when new), <c>remove_personas</c> and
/// <c>remove_campaigns</c> drop entries. Every error in the file is reported at once.
/// </summary>
public static class ScenarioLoader
{
    public static readonly string[] BuiltInNames = ["tiny", "standard", "evasive", "hardneg", "scale", "frontier"];

    /// <summary>Scenario families generated from the seed rather than read from a file.</summary>
    public static readonly string[] GeneratedNames = [RandomScenario.Name];

    /// <summary>A built-in name, a generated family (<c>random</c>: drawn from <paramref name="seed"/>), or a path to a YAML/JSON file.</summary>
    public static ScenarioSpec Load(string nameOrPath, ulong seed)
        => nameOrPath == RandomScenario.Name ? RandomScenario.Generate(seed) : Load(nameOrPath);

    /// <summary>A built-in name, or a path to a YAML/JSON file (<c>random</c> is drawn from seed 0; pass the run's seed to the other overload).</summary>
    public static ScenarioSpec Load(string nameOrPath)
    {
        if (nameOrPath == RandomScenario.Name) return RandomScenario.Generate(0);
        var tree = Resolve(nameOrPath, baseDir: Directory.GetCurrentDirectory(), depth: 0, out string source);
        return Bind(tree, source);
    }

    /// <summary>Parses scenario text (for tests and embedding); <paramref name="baseDir"/> resolves relative <c>extends</c>.</summary>
    public static ScenarioSpec Parse(string text, string source = "<text>", string? baseDir = null)
    {
        var tree = ResolveText(text, source, baseDir ?? Directory.GetCurrentDirectory(), 0);
        return Bind(tree, source);
    }

    public static string BuiltInText(string name)
    {
        var asm = typeof(ScenarioLoader).Assembly;
        string res = $"DistillGuard.Simulation.Scenarios.BuiltIn.{name}.yaml";
        using var s = asm.GetManifestResourceStream(res) ?? throw new ScenarioException(name, [$"no built-in scenario named '{name}' (built-in: {string.Join(", ", BuiltInNames)})"]);
        using var r = new StreamReader(s);
        return r.ReadToEnd();
    }

    private static Dictionary<string, object?> Resolve(string nameOrPath, string baseDir, int depth, out string source)
    {
        if (BuiltInNames.Contains(nameOrPath))
        {
            source = nameOrPath;
            return ResolveText(BuiltInText(nameOrPath), nameOrPath, baseDir, depth);
        }
        string path = Path.GetFullPath(nameOrPath, baseDir);
        source = path;
        if (!File.Exists(path))
            throw new ScenarioException(nameOrPath, [$"no built-in scenario and no file named '{nameOrPath}' (built-in: {string.Join(", ", BuiltInNames)})"]);
        return ResolveText(File.ReadAllText(path), path, Path.GetDirectoryName(path)!, depth);
    }

    private static Dictionary<string, object?> ResolveText(string text, string source, string baseDir, int depth)
    {
        if (depth > 8) throw new ScenarioException(source, ["'extends' nests deeper than 8 levels (a cycle?)"]);
        object? root;
        try
        {
            root = new DeserializerBuilder().Build().Deserialize<object>(text);
        }
        catch (YamlException e)
        {
            throw new ScenarioException(source, [$"line {e.Start.Line}, column {e.Start.Column}: {e.InnerException?.Message ?? e.Message}"]);
        }
        if (root is null) root = new Dictionary<object, object>();
        if (root is not Dictionary<object, object> map)
            throw new ScenarioException(source, ["the scenario must be a mapping (YAML keys or a JSON object)"]);
        var tree = Normalize(map);
        if (tree.TryGetValue("extends", out var ext) && ext is string parentName)
        {
            var parent = Resolve(parentName, baseDir, depth + 1, out _);
            tree.Remove("extends");
            return Merge(parent, tree);
        }
        return tree;
    }

    private static Dictionary<string, object?> Normalize(Dictionary<object, object> map)
    {
        var d = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (k, v) in map) d[k.ToString()!.Replace('-', '_')] = NormalizeValue(v);
        return d;
    }

    private static object? NormalizeValue(object? v) => v switch
    {
        Dictionary<object, object> m => Normalize(m),
        List<object> l => l.Select(NormalizeValue).ToList(),
        _ => v,
    };

    private static Dictionary<string, object?> Merge(Dictionary<string, object?> parent, Dictionary<string, object?> child)
    {
        var result = new Dictionary<string, object?>(parent, StringComparer.Ordinal);
        foreach (var (k, v) in child)
        {
            if (k is "personas" or "campaigns" && v is List<object?> items && result.TryGetValue(k, out var pv) && pv is List<object?> baseItems)
                result[k] = MergeLists(baseItems, items, k == "personas" ? "persona" : null);
            else if (k == "remove_personas" || k == "remove_campaigns")
            {
                string listKey = k == "remove_personas" ? "personas" : "campaigns";
                var names = (v as List<object?>)?.Select(x => x?.ToString()).ToHashSet() ?? [];
                if (result.TryGetValue(listKey, out var lv) && lv is List<object?> list)
                    result[listKey] = list.Where(e => !names.Contains(EntryName(e, listKey == "personas" ? "persona" : null))).ToList();
            }
            else if (v is Dictionary<string, object?> vm && result.TryGetValue(k, out var bv) && bv is Dictionary<string, object?> bm)
                result[k] = Merge(bm, vm);
            else result[k] = v;
        }
        return result;
    }

    private static string? EntryName(object? entry, string? fallbackKey)
    {
        if (entry is not Dictionary<string, object?> m) return null;
        if (m.TryGetValue("name", out var n) && n is not null) return n.ToString();
        return fallbackKey is not null && m.TryGetValue(fallbackKey, out var f) ? f?.ToString() : null;
    }

    private static List<object?> MergeLists(List<object?> baseItems, List<object?> items, string? fallbackKey)
    {
        var result = new List<object?>(baseItems);
        foreach (var item in items)
        {
            string? name = EntryName(item, fallbackKey);
            int idx = name is null ? -1 : result.FindIndex(e => EntryName(e, fallbackKey) == name);
            if (idx >= 0 && result[idx] is Dictionary<string, object?> bm && item is Dictionary<string, object?> im) result[idx] = Merge(bm, im);
            else result.Add(item);
        }
        return result;
    }

    // ---- binding with error collection ----

    private static readonly string[] TopKeys = ["name", "description", "start", "days", "scale", "models", "release", "failure_rate", "personas", "campaigns"];
    private static readonly string[] PersonaKeys = ["name", "persona", "accounts", "daily_median", "daily_sigma", "group_size", "extra_kinds", "cloud_share"];
    private static readonly string[] CampaignKeys = ["name", "archetype", "accounts", "daily_per_account", "start_day", "end_day", "pivot_to_release", "turn_day", "reseller", "relay_share", "churn_days", "evasion",
        "capabilities", "templates", "languages", "max_tokens", "thinking_budget", "thinking_share", "reasoning_effort", "temperature", "param_spread",
        "tool_share", "turns_mean", "egress", "routes", "tiers", "clients", "accounts_per_card"];
    private static readonly string[] EgressKeys = ["hosting", "vpn", "residential", "mobile", "ranges", "accounts_per_ip"];
    /// <summary>Languages with built-in words.</summary>
    public static readonly string[] LanguageCodes = ["en", "es", "de", "fr", "pt", "zh", "ja", "ru", "hi", "ar", "ko"];
    public static readonly string[] TierNames = ["free", "paid", "edu", "startup", "research", "enterprise"];
    private static readonly string[] EvasionKeys = ["paraphrase", "residential_proxy", "dilution", "throttle", "human_timing", "aged_accounts", "partition_items", "distinct_payment", "coverage"];
    private static readonly string[] ReleaseKeys = ["model", "day"];

    private sealed class Binder(List<string> errors)
    {
        public void Unknown(Dictionary<string, object?> m, string[] known, string path)
        {
            foreach (var k in m.Keys)
                if (!known.Contains(k)) errors.Add($"{path}{k}: unknown key (known: {string.Join(", ", known)})");
        }

        public string? Str(Dictionary<string, object?> m, string key, string path)
        {
            if (!m.TryGetValue(key, out var v) || v is null) return null;
            if (v is string s) return s;
            errors.Add($"{path}{key}: expected a string");
            return null;
        }

        public double? Num(Dictionary<string, object?> m, string key, string path, double min, double max)
        {
            if (!m.TryGetValue(key, out var v) || v is null) return null;
            if (v is string s && double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out double d))
            {
                if (d < min || d > max) { errors.Add($"{path}{key}: {s} is out of range [{min}, {max}]"); return null; }
                return d;
            }
            errors.Add($"{path}{key}: expected a number, got '{v}'");
            return null;
        }

        public int? Int(Dictionary<string, object?> m, string key, string path, int min, int max)
        {
            double? d = Num(m, key, path, min, max);
            if (d is null) return null;
            if (d != Math.Floor(d.Value)) { errors.Add($"{path}{key}: expected a whole number, got {d}"); return null; }
            return (int)d;
        }

        public bool? Bool(Dictionary<string, object?> m, string key, string path)
        {
            if (!m.TryGetValue(key, out var v) || v is null) return null;
            if (v is string s && bool.TryParse(s, out bool b)) return b;
            errors.Add($"{path}{key}: expected true or false, got '{v}'");
            return null;
        }

        public Dictionary<string, object?>? Map(Dictionary<string, object?> m, string key, string path)
        {
            if (!m.TryGetValue(key, out var v) || v is null) return null;
            if (v is Dictionary<string, object?> d) return d;
            errors.Add($"{path}{key}: expected a mapping");
            return null;
        }

        public List<object?>? List(Dictionary<string, object?> m, string key, string path)
        {
            if (!m.TryGetValue(key, out var v) || v is null) return null;
            if (v is List<object?> l) return l;
            errors.Add($"{path}{key}: expected a list");
            return null;
        }

        public void Add(string error) => errors.Add(error);

        /// <summary>A list of strings, each checked by <paramref name="valid"/> (null: fine, else the problem).</summary>
        public List<string>? StrList(Dictionary<string, object?> m, string key, string path, Func<string, string?> valid)
        {
            var l = List(m, key, path);
            if (l is null) return null;
            var result = new List<string>();
            for (int i = 0; i < l.Count; i++)
            {
                if (l[i] is not string v || v.Length == 0) { errors.Add($"{path}{key}[{i}]: expected a non-empty string"); continue; }
                if (valid(v) is { } problem) { errors.Add($"{path}{key}[{i}]: {problem}"); continue; }
                result.Add(v);
            }
            if (l.Count == 0) errors.Add($"{path}{key}: expected a non-empty list");
            return result;
        }

        /// <summary>
        /// A mapping of content kind to weight (<c>{sql-query: 40, coding: 60}</c>), or the list form scenario.json
        /// writes (<c>[{kind: sql-query, weight: 40}, ...]</c>).
        /// </summary>
        public List<KindWeight>? Kinds(Dictionary<string, object?> m, string key, string path, double max)
        {
            if (m.TryGetValue(key, out var raw) && raw is List<object?> items)
            {
                var km2 = new Dictionary<string, object?>(StringComparer.Ordinal);
                for (int i = 0; i < items.Count; i++)
                {
                    if (items[i] is Dictionary<string, object?> e && e.TryGetValue("kind", out var k) && k is string ks && e.TryGetValue("weight", out var w) && e.Count == 2)
                    {
                        if (!km2.TryAdd(ks.Replace('-', '_'), w)) errors.Add($"{path}{key}[{i}]: kind '{ks}' given twice");
                    }
                    else errors.Add($"{path}{key}[{i}]: expected {{kind: NAME, weight: NUMBER}}");
                }
                m = new Dictionary<string, object?>(m) { [key] = km2 };
            }
            var km = Map(m, key, path);
            if (km is null) return null;
            var result = new List<KindWeight>();
            foreach (var k in km.Keys)
            {
                if (!ContentKinds.TryParse(k, out var kind)) { errors.Add($"{path}{key}.{k}: unknown content kind (one of {string.Join(", ", ContentKinds.AllNames)})"); continue; }
                if (Num(km, k, $"{path}{key}.", 0.0001, max) is double w) result.Add(new KindWeight(kind, w));
            }
            if (km.Count == 0) errors.Add($"{path}{key}: expected at least one content kind");
            return result;
        }
    }

    private static string? ValidRoute(string r)
        => r == "direct" || (r.StartsWith("cloud:", StringComparison.Ordinal) || r.StartsWith("reseller:", StringComparison.Ordinal)) && r.IndexOf(':') < r.Length - 1 && !r.Any(char.IsWhiteSpace)
            ? null : $"'{r}' is not a route (direct, cloud:NAME or reseller:NAME)";

    private static ScenarioSpec Bind(Dictionary<string, object?> tree, string source)
    {
        var errors = new List<string>();
        var b = new Binder(errors);
        var def = new ScenarioSpec();
        b.Unknown(tree, [.. TopKeys, "remove_personas", "remove_campaigns"], "");

        DateTime start = def.Start;
        string? startText = b.Str(tree, "start", "");
        if (startText is not null)
        {
            if (DateTime.TryParse(startText, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var st))
                start = DateTime.SpecifyKind(st.Date, DateTimeKind.Utc);
            else errors.Add($"start: '{startText}' is not a date (use 2026-03-02 or 2026-03-02T00:00:00Z)");
        }

        var models = b.List(tree, "models", "")?.Select(x => x?.ToString() ?? "").ToList();
        if (models is not null && (models.Count == 0 || models.Any(string.IsNullOrWhiteSpace))) errors.Add("models: expected a non-empty list of model names");

        ReleaseSpec? release = null;
        if (b.Map(tree, "release", "") is { } rm)
        {
            b.Unknown(rm, ReleaseKeys, "release.");
            release = new ReleaseSpec
            {
                Model = b.Str(rm, "model", "release.") ?? new ReleaseSpec().Model,
                Day = b.Num(rm, "day", "release.", 0, 3650) ?? new ReleaseSpec().Day,
            };
        }

        var personas = new List<PersonaSpec>();
        var names = new HashSet<string>();
        int i = 0;
        foreach (var item in b.List(tree, "personas", "") ?? [])
        {
            string p = $"personas[{i++}].";
            if (item is not Dictionary<string, object?> m) { errors.Add($"{p[..^1]}: expected a mapping"); continue; }
            b.Unknown(m, PersonaKeys, p);
            string? personaName = b.Str(m, "persona", p);
            Persona persona = default;
            if (personaName is null) errors.Add($"{p}persona: required (one of {string.Join(", ", Personas.AllNames)})");
            else if (!Personas.TryParse(personaName, out persona)) errors.Add($"{p}persona: unknown persona '{personaName}' (one of {string.Join(", ", Personas.AllNames)})");
            string name = b.Str(m, "name", p) ?? personaName ?? "";
            if (!names.Add("p:" + name)) errors.Add($"{p}name: duplicate persona entry '{name}'");
            personas.Add(new PersonaSpec
            {
                Name = name,
                Persona = persona,
                Accounts = b.Int(m, "accounts", p, 0, 10_000_000) ?? (m.ContainsKey("accounts") ? 0 : Required(errors, p + "accounts")),
                DailyMedian = b.Num(m, "daily_median", p, 0.01, 1_000_000),
                DailySigma = b.Num(m, "daily_sigma", p, 0, 4),
                GroupSize = b.Int(m, "group_size", p, 1, 1_000_000),
                ExtraKinds = b.Kinds(m, "extra_kinds", p, 0.9),
                CloudShare = b.Num(m, "cloud_share", p, 0, 1),
            });
            if (personas[^1].ExtraKinds is { } extra && extra.Sum(k => k.Weight) > 0.9)
                errors.Add($"{p}extra_kinds: shares add up to {extra.Sum(k => k.Weight):0.###}, more than 0.9 (the persona's own traffic must keep some room)");
        }

        var campaigns = new List<CampaignSpec>();
        i = 0;
        foreach (var item in b.List(tree, "campaigns", "") ?? [])
        {
            string p = $"campaigns[{i++}].";
            if (item is not Dictionary<string, object?> m) { errors.Add($"{p[..^1]}: expected a mapping"); continue; }
            b.Unknown(m, CampaignKeys, p);
            string? name = b.Str(m, "name", p);
            if (name is null) errors.Add($"{p}name: required (it is the campaign label, e.g. cot-sweep-1)");
            else if (!names.Add("c:" + name)) errors.Add($"{p}name: duplicate campaign '{name}'");
            string? arch = b.Str(m, "archetype", p);
            Archetype archetype = default;
            if (arch is null) errors.Add($"{p}archetype: required (one of {string.Join(", ", Archetypes.AllNames)})");
            else if (!Archetypes.TryParse(arch, out archetype)) errors.Add($"{p}archetype: unknown archetype '{arch}' (one of {string.Join(", ", Archetypes.AllNames)})");
            var ev = new EvasionKnobs();
            if (b.Map(m, "evasion", p) is { } em)
            {
                string ep = p + "evasion.";
                b.Unknown(em, EvasionKeys, ep);
                ev = new EvasionKnobs
                {
                    Paraphrase = b.Bool(em, "paraphrase", ep) ?? false,
                    ResidentialProxy = b.Bool(em, "residential_proxy", ep) ?? false,
                    Dilution = b.Num(em, "dilution", ep, 0, 0.95) ?? 0,
                    Throttle = b.Bool(em, "throttle", ep) ?? false,
                    HumanTiming = b.Bool(em, "human_timing", ep) ?? false,
                    AgedAccounts = b.Bool(em, "aged_accounts", ep) ?? false,
                    PartitionItems = b.Bool(em, "partition_items", ep) ?? false,
                    DistinctPayment = b.Bool(em, "distinct_payment", ep) ?? false,
                    Coverage = b.Num(em, "coverage", ep, 0, 1),
                };
            }
            var c = new CampaignSpec
            {
                Name = name ?? "",
                Archetype = archetype,
                Accounts = b.Int(m, "accounts", p, 1, 10_000_000) ?? (m.ContainsKey("accounts") ? 0 : Required(errors, p + "accounts")),
                DailyPerAccount = b.Num(m, "daily_per_account", p, 0.1, 1_000_000) ?? new CampaignSpec().DailyPerAccount,
                StartDay = b.Num(m, "start_day", p, 0, 3650) ?? 0,
                EndDay = b.Num(m, "end_day", p, 0, 3650),
                PivotToRelease = b.Bool(m, "pivot_to_release", p) ?? true,
                TurnDay = b.Num(m, "turn_day", p, 0, 3650),
                Reseller = b.Str(m, "reseller", p) ?? new CampaignSpec().Reseller,
                RelayShare = b.Num(m, "relay_share", p, 0, 0.95) ?? new CampaignSpec().RelayShare,
                ChurnDays = b.Num(m, "churn_days", p, 0.1, 3650),
                Evasion = ev,
                Capabilities = b.Kinds(m, "capabilities", p, 1_000_000),
                Templates = b.Int(m, "templates", p, 0, 1000),
                Languages = b.StrList(m, "languages", p, l => LanguageCodes.Contains(l) ? null : $"unknown language '{l}' (one of {string.Join(", ", LanguageCodes)})"),
                MaxTokens = b.Int(m, "max_tokens", p, 16, 1_000_000),
                ThinkingBudget = b.Int(m, "thinking_budget", p, 0, 1_000_000),
                ThinkingShare = b.Num(m, "thinking_share", p, 0, 1),
                ReasoningEffort = b.Str(m, "reasoning_effort", p),
                Temperature = b.Num(m, "temperature", p, 0, 2),
                ParamSpread = b.Num(m, "param_spread", p, 0, 3),
                ToolShare = b.Num(m, "tool_share", p, 0, 1),
                TurnsMean = b.Num(m, "turns_mean", p, 1, 100),
                Egress = BindEgress(b, m, p),
                Routes = b.StrList(m, "routes", p, ValidRoute),
                Tiers = b.StrList(m, "tiers", p, t => TierNames.Contains(t) ? null : $"unknown tier '{t}' (one of {string.Join(", ", TierNames)})"),
                Clients = b.StrList(m, "clients", p, n => ClientStacks.All.Any(x => x.Name == n) ? null : $"unknown client '{n}' (one of {string.Join(", ", ClientStacks.All.Select(x => x.Name))})"),
                AccountsPerCard = b.Num(m, "accounts_per_card", p, 1, 1_000_000),
            };
            if (c.ReasoningEffort is { } effort && effort is not ("low" or "medium" or "high"))
                errors.Add($"{p}reasoning_effort: '{effort}' is not one of low, medium, high");
            if (string.IsNullOrWhiteSpace(c.Reseller) || c.Reseller.Any(ch => char.IsWhiteSpace(ch) || ch == ':'))
                errors.Add($"{p}reseller: '{c.Reseller}' must be a non-empty name without spaces or ':' (it appears in reseller:NAME routes)");
            if (c.EndDay is double e && e <= c.StartDay) errors.Add($"{p}end_day: {e} is not after start_day {c.StartDay}");
            campaigns.Add(c);
        }

        var spec = new ScenarioSpec
        {
            Name = b.Str(tree, "name", "") ?? def.Name,
            Description = b.Str(tree, "description", ""),
            Start = start,
            Days = b.Int(tree, "days", "", 1, 3650) ?? def.Days,
            Scale = b.Num(tree, "scale", "", 0.0001, 10_000) ?? def.Scale,
            Models = models is { Count: > 0 } ? models : def.Models,
            Release = release,
            FailureRate = b.Num(tree, "failure_rate", "", 0, 0.5) ?? def.FailureRate,
            Personas = personas,
            Campaigns = campaigns,
        };
        foreach (var c in spec.Campaigns)
            if (c.StartDay >= spec.Days) errors.Add($"campaign '{c.Name}': start_day {c.StartDay} is not inside the {spec.Days}-day window");
        if (spec.Release is { } r && r.Day >= spec.Days) errors.Add($"release.day: {r.Day} is not inside the {spec.Days}-day window");
        if (spec.Personas.Count == 0 && spec.Campaigns.Count == 0) errors.Add("the scenario has no personas and no campaigns");
        if (errors.Count > 0) throw new ScenarioException(source, errors);
        return spec;
    }

    private static EgressSpec? BindEgress(Binder b, Dictionary<string, object?> m, string p)
    {
        if (b.Map(m, "egress", p) is not { } em) return null;
        string ep = p + "egress.";
        b.Unknown(em, EgressKeys, ep);
        var e = new EgressSpec
        {
            Hosting = b.Num(em, "hosting", ep, 0, 1000) ?? 0,
            Vpn = b.Num(em, "vpn", ep, 0, 1000) ?? 0,
            Residential = b.Num(em, "residential", ep, 0, 1000) ?? 0,
            Mobile = b.Num(em, "mobile", ep, 0, 1000) ?? 0,
            Ranges = b.Int(em, "ranges", ep, 1, 10_000) ?? new EgressSpec().Ranges,
            AccountsPerIp = b.Num(em, "accounts_per_ip", ep, 0.01, 1_000_000) ?? new EgressSpec().AccountsPerIp,
        };
        if (e.Hosting + e.Vpn + e.Residential + e.Mobile <= 0) b.Add($"{ep[..^1]}: give a positive weight to at least one of hosting, vpn, residential, mobile");
        return e;
    }

    private static int Required(List<string> errors, string what)
    {
        errors.Add($"{what}: required");
        return 0;
    }

    /// <summary>Applies command-line overrides: <paramref name="scale"/> multiplies the scenario's own scale, <paramref name="days"/> replaces the window.</summary>
    public static ScenarioSpec WithOverrides(this ScenarioSpec spec, double? scale, int? days)
    {
        var s = spec with { Scale = spec.Scale * (scale ?? 1), Days = days ?? spec.Days };
        if (s.Release is { } r && r.Day >= s.Days) s = s with { Release = null };
        return s;
    }
}
