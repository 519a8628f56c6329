namespace DistillGuard.Core.Profiles;

/// <summary>Maps repeated string values (user agents, JA4, routes, models) to dense ids; lookups do not allocate.</summary>
/// <remarks>Bounded: past <c>maxValues</c> distinct values (hostile input rotating user agents), new values share
/// 4096 overflow ids by hash and read back as <c>(other)</c>, so memory stays bounded.</remarks>
public sealed class Interner
{
    private const int OverflowIds = 4096;
    private readonly Dictionary<string, int> _ids = new(StringComparer.Ordinal);
    private readonly List<string> _values = new();
    private readonly int _max;

    public Interner(int maxValues = 1_000_000) => _max = maxValues;

    /// <summary>Values that arrived after the table was full.</summary>
    public long Overflowed { get; private set; }

    public int Count => _values.Count;

    /// <summary>Id of <paramref name="value"/>, assigned on first sight; ids start at 1 (0 means absent).</summary>
    public int Intern(string? value)
    {
        if (string.IsNullOrEmpty(value)) return 0;
        if (_ids.TryGetValue(value, out var id)) return id;
        if (_values.Count >= _max)
        {
            Overflowed++;
            return _max + 1 + (int)(Hashing.Of(value) % OverflowIds);
        }
        _values.Add(value);
        id = _values.Count;
        _ids.Add(value, id);
        return id;
    }

    public string Value(int id) => id <= 0 ? "" : id > _values.Count ? "(other)" : _values[id - 1];
}
