using System.Globalization;
using DistillGuard.Core.Accounts;
using DistillGuard.Core.Fingerprints;
using DistillGuard.Sharing.Consortium;
using DistillGuard.Sharing.Import;
using DistillGuard.Sharing.Intel;

namespace DistillGuard.Sharing.Matching;

/// <summary>Matches partners' indicators against the local store: keyed hashes exactly (under every consortium key
/// still in its grace period), template fingerprints by SimHash distance, prefixes by containment of local
/// addresses, everything else exactly.</summary>
public sealed class IndicatorMatcher(LocalIndex index, ConsortiumKeyring? keyring, DateTimeOffset now, int templateDistance = TemplateFingerprint.RecommendedThreshold)
{
    private readonly Dictionary<(string KeyId, ObservableKind Kind), Dictionary<string, List<int>>> _hashed = new();

    public IReadOnlyList<IndicatorMatch> Match(IEnumerable<PartnerIndicator> indicators)
    {
        var matches = new List<IndicatorMatch>();
        foreach (var ind in indicators)
        {
            switch (ind.Kind)
            {
                case ObservableKind.Template:
                    if (!ulong.TryParse(ind.Value, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var fp)) break;
                    foreach (var (a, d) in index.SimilarTemplates(fp, templateDistance))
                        matches.Add(new(ind, index.Accounts[a], $"template SimHash distance {d} bits"));
                    break;
                case ObservableKind.Prefix:
                    if (!TryCidr(ind.Value, out var net, out var bits, out var v4)) break;
                    foreach (var a in index.InPrefix(net, bits, v4)) matches.Add(new(ind, index.Accounts[a], $"address in {ind.Value}"));
                    break;
                case ObservableKind.AccountHmac or ObservableKind.PaymentHmac:
                    foreach (var a in Hashed(ind.Kind, ind.Value, out var keyId))
                        matches.Add(new(ind, index.Accounts[a], $"{(ind.Kind == ObservableKind.PaymentHmac ? "payment fingerprint" : "account")} HMAC under consortium key {keyId}"));
                    break;
                default:
                    foreach (var a in index.Exact(ind.Kind, ind.Value)) matches.Add(new(ind, index.Accounts[a], "exact"));
                    break;
            }
        }
        return matches;
    }

    private IEnumerable<int> Hashed(ObservableKind kind, string value, out string keyId)
    {
        int colon = value.IndexOf(':');
        keyId = colon > 0 ? value[..colon] : "";
        if (keyring is null || colon <= 0) return [];
        string id = keyId;
        var key = keyring.Matching(now).FirstOrDefault(k => k.Id == id);
        if (key is null) return [];
        if (!_hashed.TryGetValue((key.Id, kind), out var map))
        {
            map = new Dictionary<string, List<int>>(StringComparer.Ordinal);
            string label = kind == ObservableKind.PaymentHmac ? "payment" : "account";
            foreach (var (raw, accounts) in index.All(kind))
            {
                var h = ConsortiumKeyring.Hash(key, label, raw);
                if (!map.TryGetValue(h, out var l)) map[h] = l = new List<int>();
                l.AddRange(accounts);
            }
            _hashed[(key.Id, kind)] = map;
        }
        return map.TryGetValue(value, out var hits) ? hits : [];
    }

    public static bool TryCidr(string text, out UInt128 network, out int bits, out bool v4)
    {
        network = default; bits = 0; v4 = false;
        int slash = text.IndexOf('/');
        if (slash <= 0 || !IpAddressParser.TryParse(text.AsSpan(0, slash), out network, out v4)) return false;
        if (!int.TryParse(text.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out bits)) return false;
        return bits >= 0 && bits <= (v4 ? 32 : 128);
    }
}
