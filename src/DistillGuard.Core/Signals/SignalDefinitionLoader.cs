using System.Reflection;
using DistillGuard.Core.Model;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace DistillGuard.Core.Signals;

/// <summary>
/// Reads signal definitions (YAML) from Core's embedded resources or from a folder, validating every file and
/// collecting every error before refusing (<see cref="SignalDefinitionException"/>).
/// </summary>
public static class SignalDefinitionLoader
{
    private const string ResourcePrefix = "signals/";

    /// <summary>The definitions shipped inside Core (the repository's <c>signals/</c> folder).</summary>
    public static IReadOnlyList<SignalDefinition> LoadEmbedded()
    {
        var asm = typeof(SignalDefinitionLoader).Assembly;
        var sources = new List<(string Name, string Yaml)>();
        foreach (var name in asm.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            using var s = asm.GetManifestResourceStream(name) ?? throw new InvalidOperationException($"resource {name} vanished");
            using var r = new StreamReader(s);
            sources.Add((name, r.ReadToEnd()));
        }
        return Parse(sources);
    }

    /// <summary>Every <c>*.yaml</c> under <paramref name="folder"/>, recursively.</summary>
    public static IReadOnlyList<SignalDefinition> LoadFolder(string folder)
        => Parse(Directory.EnumerateFiles(folder, "*.yaml", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
            .Select(f => (f, File.ReadAllText(f))).ToList());

    public static IReadOnlyList<SignalDefinition> Parse(IReadOnlyList<(string Name, string Yaml)> sources)
    {
        var deserializer = new DeserializerBuilder().WithNamingConvention(UnderscoredNamingConvention.Instance).Build();
        var errors = new List<string>();
        var result = new List<SignalDefinition>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (name, yaml) in sources)
        {
            SignalFile? file;
            try { file = deserializer.Deserialize<SignalFile>(yaml); }
            catch (Exception e) { errors.Add($"{name}: not a signal definition: {e.Message} {e.InnerException?.Message}"); continue; }
            if (file is null) { errors.Add($"{name}: empty"); continue; }
            var def = Validate(name, file, errors);
            if (def is null) continue;
            if (!ids.Add(def.Id)) { errors.Add($"{name}: duplicate id '{def.Id}'"); continue; }
            result.Add(def);
        }
        if (errors.Count > 0) throw new SignalDefinitionException(errors);
        return result;
    }

    private static SignalDefinition? Validate(string name, SignalFile f, List<string> errors)
    {
        int before = errors.Count;
        void Err(string m) => errors.Add($"{name}: {m}");
        if (string.IsNullOrWhiteSpace(f.Id)) Err("id is required");
        if (f.Version <= 0) Err("version must be a positive integer");
        if (string.IsNullOrWhiteSpace(f.Description)) Err("description is required");
        SignalKind kind = SignalKind.Content;
        if (!Enum.TryParse(f.Kind, ignoreCase: true, out kind)) Err($"kind '{f.Kind}' is not content, parameter or capability");
        SignalSet flag = SignalSet.None; Capability cap = Capability.None;
        if (kind == SignalKind.Capability)
        {
            if (!Enum.TryParse(f.Flag, ignoreCase: false, out cap) || cap == Capability.None) Err($"flag '{f.Flag}' is not a Capability member");
        }
        else if (!Enum.TryParse(f.Flag, ignoreCase: false, out flag) || flag == SignalSet.None || !Enum.IsDefined(flag)) Err($"flag '{f.Flag}' is not a SignalSet member");
        SignalScope scope = f.Scope switch { null or "user" => SignalScope.User, "user+system" => SignalScope.UserAndSystem, _ => (SignalScope)(-1) };
        if ((int)scope < 0) Err($"scope '{f.Scope}' is not 'user' or 'user+system'");
        var groups = new List<CueGroup>();
        if (kind != SignalKind.Parameter)
        {
            if (f.Groups is null || f.Groups.Count == 0) Err("a content or capability signal needs cue groups");
            else
            {
                foreach (var g in f.Groups)
                {
                    if (string.IsNullOrWhiteSpace(g.Name)) Err("a group has no name");
                    if (g.Phrases is null || g.Phrases.Count == 0 || g.Phrases.Values.All(l => l is null || l.Count == 0)) { Err($"group '{g.Name}' has no phrases"); continue; }
                    groups.Add(new CueGroup
                    {
                        Name = g.Name ?? "",
                        Weight = g.Weight,
                        Required = g.Required,
                        Phrases = g.Phrases.ToDictionary(kv => kv.Key, kv => (IReadOnlyList<string>)(kv.Value ?? [])),
                    });
                }
                if (f.Threshold <= 0) Err("threshold must be positive");
                if (groups.Count > 0 && groups.Where(g => g.Weight > 0).Sum(g => g.Weight) < f.Threshold) Err("threshold is unreachable with the groups' weights");
            }
            if (f.Fixtures?.Positive is not { Count: > 0 } || f.Fixtures?.Negative is not { Count: > 0 }) Err("positive and negative fixtures are required");
        }
        var rules = new List<ConceptRule>();
        if (f.Concepts is { Count: > 0 })
        {
            if (kind != SignalKind.Content) Err("concept rules are for content signals");
            foreach (var c in f.Concepts)
            {
                ulong Mask(List<string>? names, string part)
                {
                    ulong m = 0;
                    foreach (var n in names ?? [])
                    {
                        int bit = Fingerprints.SkeletonFingerprint.ConceptBit(n);
                        if (bit < 0) Err($"concept rule: '{n}' in '{part}' is not a concept of the skeleton lexicon");
                        else m |= 1UL << bit;
                    }
                    return m;
                }
                ulong all = Mask(c.All, "all"), any = Mask(c.Any, "any");
                if (c.All is not { Count: >= 2 }) Err("a concept rule needs at least two concepts under 'all'");
                rules.Add(new ConceptRule(all, any));
            }
        }
        if (errors.Count > before) return null;
        return new SignalDefinition
        {
            Id = f.Id!, Version = f.Version, Kind = kind, Flag = flag, Capability = cap,
            Title = f.Title ?? f.Id!, Description = f.Description!.Trim(),
            FalsePositives = f.FalsePositives ?? [], Scope = scope, Threshold = f.Threshold, Groups = groups, Concepts = rules,
            Positive = (f.Fixtures?.Positive ?? []).Select(ToFixture).ToList(),
            Negative = (f.Fixtures?.Negative ?? []).Select(ToFixture).ToList(),
            Source = name,
        };
    }

    private static SignalFixture ToFixture(FixtureEntry e) => new(e.User ?? "", e.System);

    // YAML shape.
    private sealed class SignalFile
    {
        public string? Id { get; set; }
        public int Version { get; set; }
        public string? Kind { get; set; }
        public string? Flag { get; set; }
        public string? Title { get; set; }
        public string? Description { get; set; }
        public List<string>? FalsePositives { get; set; }
        public string? Scope { get; set; }
        public double Threshold { get; set; }
        public List<GroupEntry>? Groups { get; set; }
        public List<ConceptEntry>? Concepts { get; set; }
        public FixtureSet? Fixtures { get; set; }
    }

    private sealed class ConceptEntry
    {
        public List<string>? All { get; set; }
        public List<string>? Any { get; set; }
    }

    private sealed class GroupEntry
    {
        public string? Name { get; set; }
        public double Weight { get; set; } = 1;
        public bool Required { get; set; }
        public Dictionary<string, List<string>?>? Phrases { get; set; }
    }

    private sealed class FixtureSet
    {
        public List<FixtureEntry>? Positive { get; set; }
        public List<FixtureEntry>? Negative { get; set; }
    }

    private sealed class FixtureEntry
    {
        public string? User { get; set; }
        public string? System { get; set; }
    }
}
