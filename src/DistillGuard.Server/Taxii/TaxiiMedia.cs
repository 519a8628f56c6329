namespace DistillGuard.Server.Taxii;

public static class TaxiiMedia
{
    public const string Taxii = "application/taxii+json;version=2.1";
    public const string Stix = "application/stix+json;version=2.1";

    /// <summary>True when an Accept header admits TAXII 2.1 JSON (absent, */*, application/*, or the TAXII type without
    /// a version or with version=2.1).</summary>
    public static bool Accepts(string? accept)
    {
        if (string.IsNullOrWhiteSpace(accept)) return true;
        foreach (var part in accept.Split(','))
        {
            var p = part.Split(';', StringSplitOptions.TrimEntries);
            string type = p[0].ToLowerInvariant();
            if (type is "*/*" or "application/*") return true;
            if (type != "application/taxii+json") continue;
            var version = p.Skip(1).FirstOrDefault(x => x.StartsWith("version=", StringComparison.OrdinalIgnoreCase));
            if (version is null || version.Equals("version=2.1", StringComparison.OrdinalIgnoreCase)) return true;
        }
        return false;
    }

    public static bool IsTaxii(string? contentType)
    {
        if (contentType is null) return false;
        var p = contentType.Split(';', StringSplitOptions.TrimEntries);
        if (!p[0].Equals("application/taxii+json", StringComparison.OrdinalIgnoreCase)) return false;
        var version = p.Skip(1).FirstOrDefault(x => x.StartsWith("version=", StringComparison.OrdinalIgnoreCase));
        return version is null || version.Equals("version=2.1", StringComparison.OrdinalIgnoreCase);
    }
}
