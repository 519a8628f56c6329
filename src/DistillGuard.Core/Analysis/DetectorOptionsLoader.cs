using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Text.Json;

namespace DistillGuard.Core.Analysis;

/// <summary>
/// Builds <see cref="DetectorOptions"/> from a JSON file and the environment: defaults, then the file, then
/// environment variables <c>DISTILLGUARD_DETECTOR_&lt;NAME&gt;</c> (e.g. <c>DISTILLGUARD_DETECTOR_MIN_CAMPAIGN_ACCOUNTS=4</c>).
/// Names match the option names in any case, with or without <c>_</c>/<c>-</c> (<c>min_campaign_accounts</c>,
/// <c>MinCampaignAccounts</c>). Every problem — unknown name, wrong type, out-of-range value — is collected and
/// reported at once.
/// </summary>
public static class DetectorOptionsLoader
{
    public const string EnvironmentPrefix = "DISTILLGUARD_DETECTOR_";

    private static readonly Dictionary<string, PropertyInfo> s_properties = typeof(DetectorOptions)
        .GetProperties(BindingFlags.Public | BindingFlags.Instance)
        .Where(p => p.CanWrite)
        .ToDictionary(p => Normalize(p.Name), StringComparer.Ordinal);

    /// <summary>The options, or null with every error in <paramref name="errors"/>.</summary>
    public static DetectorOptions? Load(string? path, IDictionary? environment, out List<string> errors)
    {
        errors = [];
        var options = new DetectorOptions();
        if (path is not null) ApplyFile(options, path, errors);
        if (environment is not null)
        {
            foreach (DictionaryEntry e in environment)
            {
                if (e.Key is not string key || !key.StartsWith(EnvironmentPrefix, StringComparison.OrdinalIgnoreCase)) continue;
                Apply(options, key[EnvironmentPrefix.Length..], e.Value?.ToString() ?? "", $"environment {key}", errors);
            }
        }
        if (errors.Count == 0) errors.AddRange(options.Validate());
        return errors.Count == 0 ? options : null;
    }

    /// <summary>Every option name as written in files, for help texts.</summary>
    public static IEnumerable<string> Names => s_properties.Values.Select(p => SnakeCase(p.Name)).Order(StringComparer.Ordinal);

    private static void ApplyFile(DetectorOptions options, string path, List<string> errors)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException)
        {
            errors.Add($"{path}: {e.Message}");
            return;
        }
        using (doc)
        {
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
            {
                errors.Add($"{path}: expected a JSON object of detector options");
                return;
            }
            foreach (var p in doc.RootElement.EnumerateObject())
            {
                string raw = p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : p.Value.GetRawText();
                Apply(options, p.Name, raw, $"{path}: {p.Name}", errors);
            }
        }
    }

    private static void Apply(DetectorOptions options, string name, string value, string where, List<string> errors)
    {
        if (!s_properties.TryGetValue(Normalize(name), out var property))
        {
            errors.Add($"{where}: unknown detector option (known: {string.Join(", ", Names)})");
            return;
        }
        var type = property.PropertyType;
        object? parsed = null;
        if (type == typeof(int) && int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out int i)) parsed = i;
        else if (type == typeof(double) && double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out double d)) parsed = d;
        else if (type == typeof(bool) && bool.TryParse(value, out bool b)) parsed = b;
        else if (type == typeof(string)) parsed = value;
        else if (type.IsEnum && Enum.GetNames(type).FirstOrDefault(n => Normalize(n) == Normalize(value)) is { } enumName) parsed = Enum.Parse(type, enumName);
        if (parsed is null)
        {
            string expected = type.IsEnum ? "one of " + string.Join(", ", Enum.GetNames(type).Select(SnakeCase)) : type == typeof(int) ? "a whole number" : type == typeof(bool) ? "true or false" : "a number";
            errors.Add($"{where}: '{value}' is not {expected}");
            return;
        }
        property.SetValue(options, parsed);
    }

    private static string Normalize(string name) => new string(name.Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant).ToArray());

    private static string SnakeCase(string name) => string.Concat(name.Select((c, i) => char.IsUpper(c) && i > 0 ? "_" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));
}
