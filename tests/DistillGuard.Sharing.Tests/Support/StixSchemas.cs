using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace DistillGuard.Sharing.Tests.Support;

/// <summary>The OASIS STIX 2.1 JSON schemas from ../shared/stix2-json-schemas, loaded once into a private registry.</summary>
public static class StixSchemas
{
    private const string Base = "http://raw.githubusercontent.com/oasis-open/cti-stix2-json-schemas/stix2.1/schemas/";
    private static readonly Lazy<(BuildOptions Options, Dictionary<string, JsonSchema> ByPath)> s_loaded = new(Load);

    public static string Directory
    {
        get
        {
            for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
            {
                var candidate = Path.Combine(d.FullName, "shared", "stix2-json-schemas", "schemas");
                if (System.IO.Directory.Exists(candidate)) return candidate;
            }
            throw new InvalidOperationException("The OASIS STIX 2.1 schemas were not found: expected ../shared/stix2-json-schemas/schemas beside the repository " +
                "(clone https://github.com/oasis-open/cti-stix2-json-schemas there to run the schema tests).");
        }
    }

    private static (BuildOptions, Dictionary<string, JsonSchema>) Load()
    {
        var dir = Directory;
        var options = new BuildOptions { SchemaRegistry = new SchemaRegistry() };
        var byPath = new Dictionary<string, JsonSchema>(StringComparer.Ordinal);
        foreach (var file in System.IO.Directory.EnumerateFiles(dir, "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var rel = Path.GetRelativePath(dir, file).Replace('\\', '/');
            using var doc = JsonDocument.Parse(File.ReadAllText(file));
            byPath[rel] = JsonSchema.Build(doc.RootElement.Clone(), options, new Uri(Base + rel));
        }
        return (options, byPath);
    }

    /// <summary>Errors of <paramref name="json"/> against schemas/<paramref name="relativePath"/>; empty when valid.</summary>
    public static IReadOnlyList<string> Errors(string relativePath, string json)
    {
        var (_, byPath) = s_loaded.Value;
        using var doc = JsonDocument.Parse(json);
        var schema = byPath[relativePath];
        if (schema.Evaluate(doc.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.Flag }).IsValid) return [];
        var result = schema.Evaluate(doc.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        var errors = new List<string>();
        foreach (var d in result.Details ?? [])
            if (d.Errors is { Count: > 0 })
                foreach (var (k, v) in d.Errors) errors.Add($"{d.InstanceLocation} {d.EvaluationPath}: {k}: {v}");
        return errors.Count > 0 ? errors : ["invalid (no details)"];
    }

    /// <summary>Validates the bundle and each object against its own type's schema (when OASIS has one).</summary>
    public static IReadOnlyList<string> BundleErrors(JsonObject bundle)
    {
        var errors = new List<string>();
        if (Errors("common/bundle.json", bundle.ToJsonString()).Count > 0)
        {
            errors.Add("bundle: invalid as a whole");
            // Name the objects that break it: each object alone in a bundle (the list output of oneOf is too noisy to read).
            foreach (var o in (bundle["objects"] as JsonArray ?? []).OfType<JsonObject>())
            {
                var single = new JsonObject { ["type"] = "bundle", ["id"] = bundle["id"]!.DeepClone(), ["objects"] = new JsonArray(o.DeepClone()) };
                if (Errors("common/bundle.json", single.ToJsonString()).Count > 0) errors.Add($"bundle: object {o["id"]} ({o["type"]}) does not validate as a bundle member");
            }
        }
        foreach (var o in (bundle["objects"] as JsonArray ?? []).OfType<JsonObject>())
        {
            string type = o["type"]!.GetValue<string>();
            string? path = type switch
            {
                "relationship" or "sighting" => $"sros/{type}.json",
                "marking-definition" or "extension-definition" or "language-content" => $"common/{type}.json",
                _ when File.Exists(Path.Combine(Directory, "sdos", type + ".json")) => $"sdos/{type}.json",
                _ when File.Exists(Path.Combine(Directory, "observables", type + ".json")) => $"observables/{type}.json",
                _ => null,
            };
            if (path is not null) errors.AddRange(Errors(path, o.ToJsonString()).Select(e => $"{o["id"]}: {e}"));
        }
        return errors;
    }
}
