namespace DistillGuard.Core.Profiles;

/// <summary>Maps repeated string values (user agents, JA4, routes, models) to dense ids; lookups do not allocate.</summary>
public sealed class Interner
{
    private readonly Dictionary<string, int> _ids = new(StringComparer.Ordinal);
    private readonly List<string> _values = new();

    public int Count => _values.Count;

    /// <summary>Id of <paramref name="value"/>, assigned on first sight; ids start at 1 (0 means absent).</summary>
    public int Intern(string? value)
    {
        if (string.IsNullOrEmpty(value)) return 0;
        if (_ids.TryGetValue(value, out var id)) return id;
        _values.Add(value);
        id = _values.Count;
        _ids.Add(value, id);
        return id;
    }

    public string Value(int id) => id <= 0 ? "" : _values[id - 1];
}
