using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace DistillGuard.Gateway.Policy;

/// <summary>
/// Reads a policy file (YAML, or JSON — a JSON file is read as YAML flow) into a <see cref="GatewayPolicy"/>, collecting
/// every error at once with its <c>file:line:column</c>: unknown keys, bad numbers, unknown actions, unknown lists.
/// </summary>
public static class PolicyLoader
{
    private static readonly string[] s_topKeys = ["version", "detector_unavailable", "signature_binding", "allowlist", "lists", "rules", "default"];
    private static readonly string[] s_ruleKeys = ["name", "when", "action", "actions"];
    private static readonly string[] s_whenKeys = ["verdict", "verdicts", "score", "campaign", "campaigns", "account", "accounts", "tier", "tiers", "api", "apis"];
    private static readonly string[] s_actionNames = ["allow", "block", "verify", "throttle", "protect_reasoning", "watermark"];
    private static readonly string[] s_apis = ["openai.chat.completions", "openai.responses", "anthropic.messages"];

    /// <summary>Loads <paramref name="path"/>; on any error the policy is null and every error is listed.</summary>
    public static PolicyLoadResult Load(string path)
    {
        string text;
        try { text = File.ReadAllText(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new PolicyLoadResult(null, [$"{path}: cannot read: {e.Message}"]);
        }
        return Parse(text, path);
    }

    /// <summary>Parses policy text; <paramref name="source"/> names it in errors.</summary>
    public static PolicyLoadResult Parse(string text, string source)
    {
        var c = new Ctx(source);
        // A JSON file may be indented with tabs, which YAML forbids; raw tabs cannot occur inside JSON strings.
        if (source.EndsWith(".json", StringComparison.OrdinalIgnoreCase)) text = text.Replace('\t', ' ');
        var stream = new YamlStream();
        try { stream.Load(new StringReader(text)); }
        catch (YamlException e)
        {
            c.Error(e.Start, $"not valid YAML/JSON: {Inner(e).Message}");
            return new PolicyLoadResult(null, c.Errors);
        }
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            c.Errors.Add($"{source}: expected a mapping (an object) at the top");
            return new PolicyLoadResult(null, c.Errors);
        }

        var policy = ReadRoot(root, c);
        return c.Errors.Count == 0 ? new PolicyLoadResult(policy with { Source = source }, []) : new PolicyLoadResult(null, c.Sorted());
    }

    private static Exception Inner(Exception e) => e.InnerException is YamlException ie ? Inner(ie) : e;

    private static GatewayPolicy ReadRoot(YamlMappingNode root, Ctx c)
    {
        c.CheckKeys(root, s_topKeys, "top level");
        var policy = new GatewayPolicy();
        if (Get(root, "version") is { } v && (v is not YamlScalarNode vs || vs.Value != "1")) c.Error(v.Start, "version: only 1 is known");

        if (Get(root, "detector_unavailable") is { } du)
        {
            switch (c.Scalar(du, "detector_unavailable"))
            {
                case "open": policy = policy with { DetectorUnavailable = DetectorUnavailableMode.Open }; break;
                case "closed": policy = policy with { DetectorUnavailable = DetectorUnavailableMode.Closed }; break;
                case { } other: c.Error(du.Start, $"detector_unavailable: '{other}' is not open or closed"); break;
            }
        }
        if (Get(root, "signature_binding") is { } sb) policy = policy with { SignatureBinding = ReadBinding(sb, c) };

        var lists = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        if (Get(root, "lists") is { } ln)
        {
            if (ln is not YamlMappingNode lm) c.Error(ln.Start, "lists: expected a mapping of list name to account ids");
            else
                foreach (var (k, val) in lm.Children)
                {
                    string name = ((YamlScalarNode)k).Value ?? "";
                    lists[name] = new HashSet<string>(c.Strings(val, $"lists.{name}"), StringComparer.Ordinal);
                }
        }

        if (Get(root, "allowlist") is { } al)
        {
            if (al is YamlSequenceNode) policy = policy with { AllowlistAccounts = Expand(c.Strings(al, "allowlist"), lists, al, c, "allowlist") };
            else if (al is YamlMappingNode am)
            {
                c.CheckKeys(am, ["accounts", "tiers"], "allowlist");
                if (Get(am, "accounts") is { } a) policy = policy with { AllowlistAccounts = Expand(c.Strings(a, "allowlist.accounts"), lists, a, c, "allowlist.accounts") };
                if (Get(am, "tiers") is { } t) policy = policy with { AllowlistTiers = new HashSet<string>(c.Strings(t, "allowlist.tiers"), StringComparer.Ordinal) };
            }
            else c.Error(al.Start, "allowlist: expected a list of accounts or {accounts, tiers}");
        }

        var rules = new List<PolicyRule>();
        if (Get(root, "rules") is { } rn)
        {
            if (rn is not YamlSequenceNode rs) c.Error(rn.Start, "rules: expected a list");
            else
            {
                var names = new HashSet<string>(StringComparer.Ordinal);
                for (int i = 0; i < rs.Children.Count; i++)
                {
                    var rule = ReadRule(rs.Children[i], i, lists, c);
                    if (rule is null) continue;
                    if (!names.Add(rule.Name)) c.Error(rs.Children[i].Start, $"rules[{i}]: name '{rule.Name}' is used twice");
                    rules.Add(rule);
                }
            }
        }
        policy = policy with { Rules = rules };
        if (Get(root, "default") is { } dn) policy = policy with { Default = ReadActions(dn, "default", c) };
        return policy;
    }

    private static SignatureBindingPolicy ReadBinding(YamlNode n, Ctx c)
    {
        var result = new SignatureBindingPolicy();
        YamlNode? modeNode = n;
        if (n is YamlMappingNode m)
        {
            c.CheckKeys(m, ["mode", "checks"], "signature_binding");
            modeNode = Get(m, "mode");
            if (Get(m, "checks") is { } cn)
            {
                var checks = BindingChecks.None;
                foreach (var s in c.Strings(cn, "signature_binding.checks"))
                    checks |= s switch
                    {
                        "account" => BindingChecks.Account,
                        "conversation" => BindingChecks.Conversation,
                        "model" => BindingChecks.Model,
                        _ => c.ErrorValue(cn.Start, $"signature_binding.checks: '{s}' is not account, conversation or model", BindingChecks.None),
                    };
                if (checks == BindingChecks.None) c.Error(cn.Start, "signature_binding.checks: name at least one of account, conversation, model");
                result = result with { Checks = checks };
            }
        }
        if (modeNode is not null)
        {
            switch (c.Scalar(modeNode, "signature_binding"))
            {
                case "reject": result = result with { Mode = BindingMode.Reject }; break;
                case "flag": result = result with { Mode = BindingMode.Flag }; break;
                case "off": result = result with { Mode = BindingMode.Off }; break;
                case { } other: c.Error(modeNode.Start, $"signature_binding: '{other}' is not reject, flag or off"); break;
            }
        }
        return result;
    }

    private static PolicyRule? ReadRule(YamlNode node, int i, Dictionary<string, HashSet<string>> lists, Ctx c)
    {
        string where = $"rules[{i}]";
        if (node is not YamlMappingNode m) { c.Error(node.Start, $"{where}: expected a mapping with when/action"); return null; }
        c.CheckKeys(m, s_ruleKeys, where);
        string name = Get(m, "name") is { } nn ? c.Scalar(nn, $"{where}.name") ?? $"rule-{i + 1}" : $"rule-{i + 1}";
        where = $"rules[{i}] ({name})";
        var rule = new PolicyRule { Name = name, Actions = PolicyActions.AllowAll, Line = (int)node.Start.Line };

        if (Get(m, "when") is { } wn)
        {
            if (wn is not YamlMappingNode w) c.Error(wn.Start, $"{where}.when: expected a mapping");
            else
            {
                c.CheckKeys(w, s_whenKeys, $"{where}.when");
                foreach (var (k, val) in w.Children)
                {
                    string key = ((YamlScalarNode)k).Value ?? "";
                    switch (key)
                    {
                        case "verdict" or "verdicts":
                            var verdicts = c.Strings(val, $"{where}.when.{key}");
                            foreach (var v in verdicts.Where(v => !Seams.Verdicts.IsKnown(v)))
                                c.Error(val.Start, $"{where}.when.{key}: '{v}' is not clear, watch or campaign");
                            rule = rule with { Verdicts = new HashSet<string>(verdicts, StringComparer.Ordinal) };
                            break;
                        case "score":
                            if (val is not YamlMappingNode sm) { c.Error(val.Start, $"{where}.when.score: expected {{min, max}}"); break; }
                            c.CheckKeys(sm, ["min", "max"], $"{where}.when.score");
                            double? min = Get(sm, "min") is { } mn ? c.Number(mn, $"{where}.when.score.min", 0, 1) : null;
                            double? max = Get(sm, "max") is { } mx ? c.Number(mx, $"{where}.when.score.max", 0, 1) : null;
                            if (min > max) c.Error(sm.Start, $"{where}.when.score: min {min} is above max {max}");
                            rule = rule with { ScoreMin = min, ScoreMax = max };
                            break;
                        case "campaign" or "campaigns":
                            rule = rule with { Campaigns = new HashSet<string>(c.Strings(val, $"{where}.when.{key}"), StringComparer.Ordinal) };
                            break;
                        case "account" or "accounts":
                            rule = rule with { Accounts = Expand(c.Strings(val, $"{where}.when.{key}"), lists, val, c, $"{where}.when.{key}") };
                            break;
                        case "tier" or "tiers":
                            rule = rule with { Tiers = new HashSet<string>(c.Strings(val, $"{where}.when.{key}"), StringComparer.Ordinal) };
                            break;
                        case "api" or "apis":
                            var apis = c.Strings(val, $"{where}.when.{key}");
                            foreach (var a in apis.Where(a => !s_apis.Contains(a)))
                                c.Error(val.Start, $"{where}.when.{key}: '{a}' is not one of {string.Join(", ", s_apis)}");
                            rule = rule with { Apis = new HashSet<string>(apis, StringComparer.Ordinal) };
                            break;
                    }
                }
            }
        }

        var an = Get(m, "action");
        var asn = Get(m, "actions");
        if (an is not null && asn is not null) c.Error(m.Start, $"{where}: give either action or actions, not both");
        else if (an is null && asn is null) c.Error(m.Start, $"{where}: no action (allow, block, verify, throttle, protect_reasoning, watermark)");
        else rule = rule with { Actions = ReadActions((an ?? asn)!, where, c) };
        return rule;
    }

    private static PolicyActions ReadActions(YamlNode node, string where, Ctx c)
    {
        var items = node is YamlSequenceNode s ? s.Children.ToList() : [node];
        var actions = new PolicyActions();
        var throttles = new List<ThrottleSpec>();
        int terminals = 0;
        for (int i = 0; i < items.Count; i++)
        {
            var item = items[i];
            string at = items.Count > 1 || node is YamlSequenceNode ? $"{where}.actions[{i}]" : $"{where}.action";
            string? name;
            YamlNode? args = null;
            if (item is YamlScalarNode sc) name = sc.Value;
            else if (item is YamlMappingNode im && im.Children.Count == 1)
            {
                var kv = im.Children.First();
                name = ((YamlScalarNode)kv.Key).Value;
                args = kv.Value;
            }
            else { c.Error(item.Start, $"{at}: expected an action name or a mapping of one action name to its settings"); continue; }

            switch (name)
            {
                case "allow":
                    terminals++;
                    if (args is not null && !IsEmpty(args)) c.Error(args.Start, $"{at}: allow takes no settings");
                    break;
                case "block":
                case "verify":
                    terminals++;
                    actions = actions with { Access = name == "block" ? AccessAction.Block : AccessAction.Verify };
                    if (args is YamlMappingNode bm)
                    {
                        c.CheckKeys(bm, name == "block" ? ["message"] : ["message", "url"], $"{at}.{name}");
                        if (Get(bm, "message") is { } msg) actions = actions with { Message = c.Scalar(msg, $"{at}.{name}.message") };
                        if (Get(bm, "url") is { } url) actions = actions with { VerifyUrl = c.Scalar(url, $"{at}.{name}.url") };
                    }
                    else if (args is not null && !IsEmpty(args)) c.Error(args.Start, $"{at}.{name}: expected {{message{(name == "verify" ? ", url" : "")}}}");
                    break;
                case "throttle":
                    if (ReadThrottle(args, item, at, c) is { } t) throttles.Add(t);
                    break;
                case "protect_reasoning":
                    if (actions.ProtectReasoning is not null) c.Error(item.Start, $"{at}: protect_reasoning given twice");
                    actions = actions with { ProtectReasoning = ReadProtect(args, at, c) };
                    break;
                case "watermark":
                    var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
                    if (args is YamlMappingNode wm)
                        foreach (var (k, v) in wm.Children)
                            parameters[((YamlScalarNode)k).Value ?? ""] = c.Scalar(v, $"{at}.watermark.{((YamlScalarNode)k).Value}") ?? "";
                    else if (args is YamlScalarNode ws && ws.Value is "false" or "off") break;
                    else if (args is not null && !IsEmpty(args) && !(args is YamlScalarNode ws2 && ws2.Value is "true" or "on"))
                        c.Error(args.Start, $"{at}.watermark: expected true or a mapping of settings");
                    actions = actions with { Watermark = true, WatermarkParameters = parameters };
                    break;
                default:
                    c.Error(item.Start, $"{at}: unknown action '{name}' (expected {string.Join(", ", s_actionNames)})");
                    break;
            }
        }
        if (terminals > 1) c.Error(node.Start, $"{where}: more than one of allow, block, verify");
        return actions with { Throttles = throttles };
    }

    private static bool IsEmpty(YamlNode n) => n is YamlScalarNode s && string.IsNullOrEmpty(s.Value) || n is YamlMappingNode m && m.Children.Count == 0;

    private static ThrottleSpec? ReadThrottle(YamlNode? args, YamlNode item, string at, Ctx c)
    {
        if (args is not YamlMappingNode m) { c.Error((args ?? item).Start, $"{at}.throttle: expected {{rate, burst, per}}"); return null; }
        c.CheckKeys(m, ["rate", "burst", "per"], $"{at}.throttle");
        double? rate = null;
        if (Get(m, "rate") is not { } rn) c.Error(m.Start, $"{at}.throttle: rate is required (a number per second, or N/s, N/min, N/h)");
        else rate = ParseRate(rn, $"{at}.throttle.rate", c);
        int burst = 1;
        if (Get(m, "burst") is { } bn)
        {
            var b = c.Number(bn, $"{at}.throttle.burst", 1, 1_000_000);
            if (b is { } bv && bv != Math.Floor(bv)) c.Error(bn.Start, $"{at}.throttle.burst: must be a whole number");
            burst = (int)(b ?? 1);
        }
        else if (rate is { } r) burst = Math.Max(1, (int)Math.Ceiling(r));
        var per = ThrottleScope.Account;
        if (Get(m, "per") is { } pn)
            switch (c.Scalar(pn, $"{at}.throttle.per"))
            {
                case "account": per = ThrottleScope.Account; break;
                case "campaign": per = ThrottleScope.Campaign; break;
                case { } other: c.Error(pn.Start, $"{at}.throttle.per: '{other}' is not account or campaign"); break;
            }
        return rate is { } rr ? new ThrottleSpec(rr, burst, per) : null;
    }

    private static double? ParseRate(YamlNode n, string at, Ctx c)
    {
        var text = c.Scalar(n, at);
        if (text is null) return null;
        double seconds = 1;
        string number = text;
        int slash = text.IndexOf('/');
        if (slash >= 0)
        {
            number = text[..slash].Trim();
            seconds = text[(slash + 1)..].Trim() switch
            {
                "s" or "sec" or "second" => 1,
                "m" or "min" or "minute" => 60,
                "h" or "hour" => 3600,
                var u => c.ErrorValue(n.Start, $"{at}: unit '{u}' is not s, min or h", double.NaN),
            };
            if (double.IsNaN(seconds)) return null;
        }
        if (!double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) || !double.IsFinite(v) || v <= 0)
        {
            c.Error(n.Start, $"{at}: '{text}' is not a positive number (per second, or N/s, N/min, N/h)");
            return null;
        }
        return v / seconds;
    }

    private static ReasoningProtection? ReadProtect(YamlNode? args, string at, Ctx c)
    {
        if (args is null || IsEmpty(args)) return new ReasoningProtection(ReasoningMode.Strip);
        if (args is YamlScalarNode s) return ParseMode(s, at, c) is { } mode ? new ReasoningProtection(mode) : null;
        if (args is not YamlMappingNode m) { c.Error(args.Start, $"{at}.protect_reasoning: expected strip, summarise or {{mode, hold_stream, max_chars}}"); return null; }
        c.CheckKeys(m, ["mode", "hold_stream", "max_chars"], $"{at}.protect_reasoning");
        var p = new ReasoningProtection(ReasoningMode.Strip);
        if (Get(m, "mode") is { } mn && ParseMode(mn, at, c) is { } md) p = p with { Mode = md };
        if (Get(m, "hold_stream") is { } hn)
            switch (c.Scalar(hn, $"{at}.protect_reasoning.hold_stream"))
            {
                case "true" or "yes" or "on": p = p with { HoldStream = true }; break;
                case "false" or "no" or "off": p = p with { HoldStream = false }; break;
                case { } other: c.Error(hn.Start, $"{at}.protect_reasoning.hold_stream: '{other}' is not true or false"); break;
            }
        if (Get(m, "max_chars") is { } xn && c.Number(xn, $"{at}.protect_reasoning.max_chars", 1, 100_000) is { } x) p = p with { MaxChars = (int)x };
        return p;
    }

    private static ReasoningMode? ParseMode(YamlNode n, string at, Ctx c) => c.Scalar(n, $"{at}.protect_reasoning.mode") switch
    {
        "strip" => ReasoningMode.Strip,
        "summarise" or "summarize" => ReasoningMode.Summarise,
        null => null,
        var other => c.ErrorValue<ReasoningMode?>(n.Start, $"{at}.protect_reasoning.mode: '{other}' is not strip or summarise", null),
    };

    private static HashSet<string> Expand(List<string> items, Dictionary<string, HashSet<string>> lists, YamlNode at, Ctx c, string where)
    {
        var result = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            if (item.StartsWith('@'))
            {
                if (lists.TryGetValue(item[1..], out var l)) result.UnionWith(l);
                else c.Error(at.Start, $"{where}: unknown list '{item}' (lists: {(lists.Count == 0 ? "none" : string.Join(", ", lists.Keys))})");
            }
            else result.Add(item);
        }
        return result;
    }

    private static YamlNode? Get(YamlMappingNode m, string key)
    {
        foreach (var (k, v) in m.Children)
            if (k is YamlScalarNode s && s.Value == key) return v;
        return null;
    }

    /// <summary>Error collection and typed reads that report instead of throwing.</summary>
    private sealed class Ctx(string source)
    {
        public readonly List<string> Errors = [];
        private readonly List<(long Line, long Column)> _at = [];

        public void Error(Mark mark, string message)
        {
            Errors.Add($"{source}:{mark.Line}:{mark.Column}: {message}");
            _at.Add((mark.Line, mark.Column));
        }

        /// <summary>The errors in file order.</summary>
        public List<string> Sorted() => Errors.Select((e, i) => (e, i)).OrderBy(x => x.i < _at.Count ? _at[x.i] : (long.MaxValue, 0)).Select(x => x.e).ToList();

        public T ErrorValue<T>(Mark mark, string message, T value) { Error(mark, message); return value; }

        public void CheckKeys(YamlMappingNode m, string[] known, string where)
        {
            foreach (var (k, _) in m.Children)
            {
                string key = (k as YamlScalarNode)?.Value ?? "?";
                if (!known.Contains(key)) Error(k.Start, $"{where}: unknown key '{key}' (known: {string.Join(", ", known)})");
            }
        }

        public string? Scalar(YamlNode n, string where)
        {
            if (n is YamlScalarNode s) return s.Value ?? "";
            Error(n.Start, $"{where}: expected a single value");
            return null;
        }

        public double? Number(YamlNode n, string where, double min, double max)
        {
            var s = Scalar(n, where);
            if (s is null) return null;
            if (!double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) || !double.IsFinite(v))
            {
                Error(n.Start, $"{where}: '{s}' is not a number");
                return null;
            }
            if (v < min || v > max) { Error(n.Start, $"{where}: {s} is outside [{min.ToString(CultureInfo.InvariantCulture)}, {max.ToString(CultureInfo.InvariantCulture)}]"); return null; }
            return v;
        }

        public List<string> Strings(YamlNode n, string where)
        {
            if (n is YamlScalarNode s) return string.IsNullOrEmpty(s.Value) ? [] : [s.Value];
            if (n is YamlSequenceNode seq)
            {
                var list = new List<string>();
                foreach (var item in seq.Children)
                    if (item is YamlScalarNode si && !string.IsNullOrEmpty(si.Value)) list.Add(si.Value);
                    else Error(item.Start, $"{where}: expected a list of names");
                return list;
            }
            Error(n.Start, $"{where}: expected a name or a list of names");
            return [];
        }
    }
}

/// <summary>A loaded policy, or every error that kept it from loading.</summary>
public sealed record PolicyLoadResult(GatewayPolicy? Policy, IReadOnlyList<string> Errors)
{
    public bool Ok => Policy is not null;
}
