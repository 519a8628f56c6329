namespace DistillGuard.Simulation.Evaluation;

/// <summary>Interns the few distinct values that repeat on every line (personas, campaign ids, verdicts).</summary>
internal sealed class Utf8StringPool
{
    private readonly HashSet<string> _set = new(StringComparer.Ordinal);
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    public Utf8StringPool() => _lookup = _set.GetAlternateLookup<ReadOnlySpan<char>>();

    public string Get(ReadOnlySpan<char> chars)
    {
        if (_lookup.TryGetValue(chars, out string? existing))
        {
            return existing;
        }
        string created = new(chars);
        _set.Add(created);
        return created;
    }
}
