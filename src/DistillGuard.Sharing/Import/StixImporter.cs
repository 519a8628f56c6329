using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using DistillGuard.Sharing.Intel;
using DistillGuard.Sharing.Stix;

namespace DistillGuard.Sharing.Import;

/// <summary>Reads partners' STIX 2.1 bundles (or TAXII envelopes, or bare object arrays). Partner = the name of the
/// identity an indicator is created_by (falling back to the name given by the caller).</summary>
public static class StixImporter
{
    public static PartnerBundle Read(string json, string fallbackPartner = "partner")
    {
        JsonNode? root;
        try { root = JsonNode.Parse(json); }
        catch (JsonException e) { throw new InvalidDataException($"not a STIX bundle: {e.Message}"); }
        var objects = root switch
        {
            JsonObject o when o["objects"] is JsonArray a => a,
            JsonArray a => a,
            JsonObject o when o["type"] is not null => new JsonArray(o.DeepClone()),
            _ => throw new InvalidDataException("not a STIX bundle: expected {\"type\":\"bundle\",\"objects\":[...]} or a TAXII envelope"),
        };
        return Read(objects.OfType<JsonObject>().ToList(), fallbackPartner);
    }

    public static PartnerBundle Read(IReadOnlyList<JsonObject> objects, string fallbackPartner = "partner")
    {
        var identities = new Dictionary<string, string>(StringComparer.Ordinal);
        var campaigns = new Dictionary<string, string>(StringComparer.Ordinal);
        var indicates = new Dictionary<string, string>(StringComparer.Ordinal);
        var other = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var o in objects)
        {
            string type = Str(o, "type") ?? "";
            string id = Str(o, "id") ?? "";
            switch (type)
            {
                case "identity": identities[id] = Str(o, "name") ?? id; break;
                case "campaign": campaigns[id] = Str(o, "name") ?? id; break;
                case "relationship" when Str(o, "relationship_type") == "indicates" && Str(o, "source_ref") is { } s && Str(o, "target_ref") is { } t && t.StartsWith("campaign--", StringComparison.Ordinal):
                    indicates[s] = t; break;
            }
            if (type != "indicator") other[type] = other.GetValueOrDefault(type) + 1;
        }
        var list = new List<PartnerIndicator>();
        var skipped = new List<string>();
        foreach (var o in objects.Where(o => Str(o, "type") == "indicator"))
        {
            string id = Str(o, "id") ?? "";
            string? pattern = Str(o, "pattern");
            if (pattern is null || Str(o, "pattern_type") is not (null or "stix")) { skipped.Add($"{id}: not a STIX pattern"); continue; }
            if (!IndicatorPatterns.TryRead(pattern, out var kind, out var value)) { skipped.Add($"{id}: pattern outside the supported subset: {pattern}"); continue; }
            if (Str(o, "revoked") == "true" || o["revoked"]?.GetValueKind() == JsonValueKind.True) { skipped.Add($"{id}: revoked"); continue; }
            string partner = Str(o, "created_by_ref") is { } cb && identities.TryGetValue(cb, out var n) ? n : fallbackPartner;
            indicates.TryGetValue(id, out var campaignRef);
            list.Add(new PartnerIndicator
            {
                Id = id,
                Partner = partner,
                Kind = kind,
                Value = value,
                Pattern = pattern,
                ValidFrom = Time(Str(o, "valid_from")) ?? Time(Str(o, "created")) ?? DateTimeOffset.UnixEpoch,
                LastSeen = Time(Str(o, "modified")),
                CampaignRef = campaignRef,
                CampaignName = campaignRef is not null && campaigns.TryGetValue(campaignRef, out var cn) ? cn : null,
                Tlp = Tlp.Of(o, TlpLevel.Amber),
            });
        }
        return new PartnerBundle { Indicators = list, OtherObjects = other, Skipped = skipped };
    }

    private static string? Str(JsonObject o, string name) => o[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    private static DateTimeOffset? Time(string? s) =>
        s is not null && DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var t) ? t : null;
}
