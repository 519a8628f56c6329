using DistillGuard.Core.Accounts;
using DistillGuard.Core.Analysis;
using DistillGuard.Core.Fingerprints;

namespace DistillGuard.Sharing.Intel;

/// <summary>The local store partners' indicators are matched against: every account's infrastructure, client and
/// template values (from the profiles' bounded top-K), origin AS (when IP intelligence is loaded) and payment
/// fingerprint (from the registry). Raw values stay in memory; nothing here is written out.</summary>
public sealed class LocalIndex
{
    private readonly Dictionary<(ObservableKind, string), List<int>> _exact = new();
    private readonly List<(ulong Fp, int Account)> _templates = new();
    private readonly List<(UInt128 Ip, bool V4, int Account)> _ips = new();
    private readonly List<List<AccountObservation>> _byAccount = new();

    public LocalIndex(AnalysisResult result, AnalysisInputs inputs)
    {
        var ctx = result.Context;
        Accounts = result.Profiles.Select(p => p.Account).ToArray();
        FirstSeen = result.Profiles.Select(p => p.Exchanges == 0 ? DateTimeOffset.MinValue : DateTimeOffset.FromUnixTimeMilliseconds(p.FirstMs)).ToArray();
        LastSeen = result.Profiles.Select(p => p.Exchanges == 0 ? DateTimeOffset.MinValue : DateTimeOffset.FromUnixTimeMilliseconds(p.LastMs)).ToArray();
        for (int a = 0; a < result.Profiles.Count; a++)
        {
            var p = result.Profiles[a];
            var obs = new List<AccountObservation>();
            var asn = new Dictionary<string, int>();
            for (int i = 0; i < p.Ips.Count; i++)
            {
                int id = (int)p.Ips.KeyAt(i);
                string ip = ctx.Infra.Ip(id);
                if (ip.Length == 0 || !IpAddressParser.TryParse(ip, out var v, out var v4)) continue;
                obs.Add(new(a, v4 ? ObservableKind.Ipv4 : ObservableKind.Ipv6, ip, p.Ips.CountAt(i), 0));
                _ips.Add((v, v4, a));
                var info = inputs.IpIntel.Lookup(v);
                if (info.Asn > 0) asn[info.Asn.ToString(System.Globalization.CultureInfo.InvariantCulture)] = asn.GetValueOrDefault(info.Asn.ToString(System.Globalization.CultureInfo.InvariantCulture)) + p.Ips.CountAt(i);
            }
            foreach (var (k, c) in asn) obs.Add(new(a, ObservableKind.Asn, k, c, 0));
            for (int i = 0; i < p.Prefixes.Count; i++)
                if (ctx.Infra.Prefix((int)p.Prefixes.KeyAt(i)) is { Length: > 0 } s) obs.Add(new(a, ObservableKind.Prefix, s, p.Prefixes.CountAt(i), 0));
            for (int i = 0; i < p.Ja4.Count; i++)
                if (ctx.Ja4.Value((int)p.Ja4.KeyAt(i)) is { Length: > 0 } s && s != "(other)") obs.Add(new(a, ObservableKind.Ja4, s, p.Ja4.CountAt(i), 0));
            for (int i = 0; i < p.UserAgents.Count; i++)
                if (ctx.UserAgents.Value((int)p.UserAgents.KeyAt(i)) is { Length: > 0 } s && s != "(other)") obs.Add(new(a, ObservableKind.UserAgent, s, p.UserAgents.CountAt(i), 0));
            for (int i = 0; i < p.Templates.Count; i++)
            {
                ulong fp = p.Templates.KeyAt(i);
                obs.Add(new(a, ObservableKind.Template, fp.ToString("x16"), p.Templates.CountAt(i), p.Templates.AuxAt(i)));
                _templates.Add((fp, a));
            }
            if (inputs.Registry.Find(p.Account)?.PaymentFingerprint is { Length: > 0 } pay) obs.Add(new(a, ObservableKind.PaymentHmac, pay, p.Exchanges, 0));
            obs.Add(new(a, ObservableKind.AccountHmac, p.Account, p.Exchanges, 0));
            foreach (var o in obs)
            {
                if (o.Kind == ObservableKind.Template) continue;
                var key = (o.Kind, o.Value);
                if (!_exact.TryGetValue(key, out var list)) _exact[key] = list = new List<int>();
                if (list.Count == 0 || list[^1] != a) list.Add(a);
            }
            _byAccount.Add(obs);
        }
    }

    public IReadOnlyList<string> Accounts { get; }
    public IReadOnlyList<DateTimeOffset> FirstSeen { get; }
    public IReadOnlyList<DateTimeOffset> LastSeen { get; }

    public IReadOnlyList<AccountObservation> Of(int account) => _byAccount[account];

    /// <summary>Accounts holding exactly this value (for hashed kinds: the raw value).</summary>
    public IReadOnlyList<int> Exact(ObservableKind kind, string value) =>
        _exact.TryGetValue((kind, value), out var l) ? l : Array.Empty<int>();

    /// <summary>Every distinct raw value of a kind, with the accounts holding it (for hashing under partner keys).</summary>
    public IEnumerable<(string Value, IReadOnlyList<int> Accounts)> All(ObservableKind kind) =>
        _exact.Where(kv => kv.Key.Item1 == kind).Select(kv => (kv.Key.Item2, (IReadOnlyList<int>)kv.Value));

    /// <summary>Accounts with a template within <paramref name="maxDistance"/> bits, with the smallest distance found.</summary>
    public IEnumerable<(int Account, int Distance)> SimilarTemplates(ulong fingerprint, int maxDistance)
    {
        var best = new Dictionary<int, int>();
        foreach (var (fp, a) in _templates)
        {
            int d = TemplateFingerprint.Distance(fp, fingerprint);
            if (d <= maxDistance && (!best.TryGetValue(a, out var b) || d < b)) best[a] = d;
        }
        return best.OrderBy(kv => kv.Key).Select(kv => (kv.Key, kv.Value));
    }

    /// <summary>Accounts with an address inside the CIDR range.</summary>
    public IEnumerable<int> InPrefix(UInt128 network, int prefixBits, bool v4)
    {
        int total = v4 ? 32 : 128;
        int shift = total - prefixBits;
        UInt128 mask = shift >= 128 ? UInt128.Zero : UInt128.MaxValue << shift;
        if (v4) mask |= ~(UInt128)0xFFFFFFFF;
        var seen = new SortedSet<int>();
        foreach (var (ip, isV4, a) in _ips)
            if (isV4 == v4 && (ip & mask) == (network & mask)) seen.Add(a);
        return seen;
    }
}
