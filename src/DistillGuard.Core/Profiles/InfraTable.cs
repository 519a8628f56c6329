using DistillGuard.Core.Accounts;

namespace DistillGuard.Core.Profiles;

/// <summary>Dense ids for client addresses and their network prefixes (/24, /48). Each distinct address is parsed once.</summary>
/// <remarks>Bounded like <see cref="Interner"/>: past the cap, new addresses are not given ids (their prefix still is,
/// until the prefix table is full too), so a flood of rotating IPv6 addresses cannot exhaust memory.</remarks>
public sealed class InfraTable
{
    private readonly int _maxIps, _maxPrefixes;

    public InfraTable(int maxIps = 2_000_000, int maxPrefixes = 1_000_000)
    {
        _maxIps = maxIps;
        _maxPrefixes = maxPrefixes;
    }

    /// <summary>Addresses seen after the table was full.</summary>
    public long Overflowed { get; private set; }

    private readonly Dictionary<string, int> _ipIds = new(StringComparer.Ordinal);
    private readonly List<string> _ips = new();
    private readonly List<int> _prefixOfIp = new();
    private readonly Dictionary<UInt128, int> _prefixIds = new();
    private readonly List<string> _prefixes = new();
    private readonly List<UInt128> _prefixValues = new();
    private readonly List<UInt128> _ipValues = new();

    public int IpCount => _ips.Count;
    public int PrefixCount => _prefixes.Count;

    /// <summary>Returns (ip id, prefix id), both ≥ 1, or (0, 0) when absent or unparseable.</summary>
    public (int Ip, int Prefix) Intern(string? ip)
    {
        if (string.IsNullOrEmpty(ip)) return (0, 0);
        if (_ipIds.TryGetValue(ip, out var id)) return (id, _prefixOfIp[id - 1]);
        int prefixId = 0;
        UInt128 value = 0;
        if (IpAddressParser.TryParse(ip, out value, out var v4))
        {
            var prefix = IpAddressParser.Prefix(value, v4);
            if (!_prefixIds.TryGetValue(prefix, out prefixId) && _prefixes.Count < _maxPrefixes)
            {
                _prefixes.Add(IpAddressParser.Format(prefix, v4) + (v4 ? "/24" : "/48"));
                _prefixValues.Add(prefix);
                prefixId = _prefixes.Count;
                _prefixIds.Add(prefix, prefixId);
            }
        }
        if (_ips.Count >= _maxIps)
        {
            Overflowed++;
            return (0, prefixId);
        }
        _ips.Add(ip);
        _ipValues.Add(value);
        _prefixOfIp.Add(prefixId);
        id = _ips.Count;
        _ipIds.Add(ip, id);
        return (id, prefixId);
    }

    public string Ip(int id) => id <= 0 ? "" : _ips[id - 1];
    public UInt128 IpValue(int id) => _ipValues[id - 1];
    /// <summary>The prefix id of an address id (0 when the address did not parse).</summary>
    public int PrefixOf(int ipId) => _prefixOfIp[ipId - 1];
    public string Prefix(int id) => id <= 0 ? "" : _prefixes[id - 1];
    public UInt128 PrefixValue(int id) => _prefixValues[id - 1];
}
