namespace DistillGuard.Core.Accounts;

/// <summary>Accounts licensed to distil (one id per line, <c>#</c> starts a comment). They are profiled and reported
/// like any other account but never receive the <c>campaign</c> verdict.</summary>
public sealed class Allowlist
{
    private readonly HashSet<string> _ids;

    public Allowlist(IEnumerable<string> ids) => _ids = new HashSet<string>(ids, StringComparer.Ordinal);

    public static Allowlist Empty { get; } = new(Array.Empty<string>());

    public int Count => _ids.Count;

    public bool Contains(string account) => _ids.Contains(account);

    public static Allowlist Load(string path) => Parse(File.ReadLines(path));

    public static Allowlist Parse(IEnumerable<string> lines)
    {
        var ids = new List<string>();
        foreach (var raw in lines)
        {
            var hash = raw.IndexOf('#');
            var line = (hash >= 0 ? raw[..hash] : raw).Trim();
            if (line.Length > 0) ids.Add(line);
        }
        return new Allowlist(ids);
    }
}
