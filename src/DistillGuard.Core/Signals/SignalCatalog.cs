using DistillGuard.Core.Model;

namespace DistillGuard.Core.Signals;

/// <summary>
/// Every per-exchange signal and capability the detector knows, from the definitions in <c>signals/</c>:
/// later stages use it to name and explain the evidence behind a verdict.
/// </summary>
public sealed class SignalCatalog
{
    private static readonly Lazy<SignalCatalog> s_default = new(() => new SignalCatalog(SignalDefinitionLoader.LoadEmbedded()));

    /// <summary>The catalog built from the definitions embedded in Core.</summary>
    public static SignalCatalog Default => s_default.Value;

    private readonly Dictionary<SignalSet, SignalCatalogEntry> _byFlag = new();
    private readonly Dictionary<Capability, SignalCatalogEntry> _byCapability = new();
    private readonly Dictionary<string, SignalCatalogEntry> _byId = new(StringComparer.Ordinal);

    public IReadOnlyList<SignalDefinition> Definitions { get; }
    public IReadOnlyList<SignalCatalogEntry> Entries { get; }

    public SignalCatalog(IReadOnlyList<SignalDefinition> definitions)
    {
        Definitions = definitions;
        var entries = new List<SignalCatalogEntry>();
        var errors = new List<string>();
        foreach (var d in definitions)
        {
            var e = new SignalCatalogEntry(d.Id, d.Version, d.Kind, d.Flag, d.Capability, d.Title, d.Description, d.FalsePositives);
            if (d.Kind == SignalKind.Capability)
            {
                if (!_byCapability.TryAdd(d.Capability, e)) errors.Add($"{d.Source}: capability {d.Capability} defined twice");
            }
            else if (!_byFlag.TryAdd(d.Flag, e)) errors.Add($"{d.Source}: flag {d.Flag} defined twice");
            _byId[d.Id] = e;
            entries.Add(e);
        }
        foreach (SignalSet flag in Enum.GetValues<SignalSet>())
            if (flag != SignalSet.None && !_byFlag.ContainsKey(flag)) errors.Add($"no definition for signal flag {flag}");
        if (errors.Count > 0) throw new SignalDefinitionException(errors);
        Entries = entries;
    }

    public SignalCatalogEntry this[SignalSet flag] => _byFlag[flag];

    public bool TryGet(string id, out SignalCatalogEntry entry) => _byId.TryGetValue(id, out entry!);

    public bool TryGet(Capability capability, out SignalCatalogEntry entry) => _byCapability.TryGetValue(capability, out entry!);

    /// <summary>The entries of every flag set in <paramref name="signals"/>, in flag order.</summary>
    public IEnumerable<SignalCatalogEntry> Describe(SignalSet signals)
    {
        for (uint bit = 1; bit != 0 && bit <= (uint)signals; bit <<= 1)
            if (((uint)signals & bit) != 0 && _byFlag.TryGetValue((SignalSet)bit, out var e)) yield return e;
    }
}
