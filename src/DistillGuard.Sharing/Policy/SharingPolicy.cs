using System.Text.Json.Nodes;
using DistillGuard.Sharing.Intel;
using DistillGuard.Sharing.Stix;

namespace DistillGuard.Sharing.Policy;

/// <summary>TLP enforced on the way out. TLP:RED never leaves; TLP:AMBER and AMBER+STRICT go only to partners named
/// for AMBER; keyed-hash indicators go only to consortium members; an object with no TLP marking counts as AMBER
/// (identity, marking and extension definitions excepted). Relationships and sightings whose ends were withheld are
/// withheld too, and reports lose the references they can no longer resolve.</summary>
public sealed class SharingPolicy(IEnumerable<Partner> partners)
{
    private readonly Dictionary<string, Partner> _partners = partners.ToDictionary(p => p.Name, StringComparer.Ordinal);

    public IReadOnlyCollection<Partner> Partners => _partners.Values;

    public Partner? Find(string name) => _partners.GetValueOrDefault(name);

    public PolicyDecision Filter(IEnumerable<JsonObject> objects, string recipient)
    {
        var partner = Find(recipient) ?? new Partner { Name = recipient };
        var list = objects.ToList();
        var withheld = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var o in list)
        {
            string id = Id(o);
            string type = o["type"]?.GetValue<string>() ?? "";
            var tlp = type is "identity" or "marking-definition" or "extension-definition" && o["object_marking_refs"] is null
                ? TlpLevel.Clear : Tlp.Of(o, TlpLevel.Amber);
            if (tlp == TlpLevel.Red) withheld[id] = "TLP:RED never leaves";
            else if (tlp >= TlpLevel.Amber && !partner.Amber) withheld[id] = $"TLP:{Tlp.WireName(tlp).ToUpperInvariant()} only to named partners; {recipient} is not";
            else if (type == "indicator" && IsHashed(o) && !partner.Member) withheld[id] = $"keyed hashes only to consortium members; {recipient} is not";
        }
        // Relationships and sightings follow their ends (repeat: a sighting of a withheld relationship...).
        bool changed = true;
        while (changed)
        {
            changed = false;
            foreach (var o in list)
            {
                string id = Id(o);
                if (withheld.ContainsKey(id)) continue;
                foreach (var r in Refs(o))
                    if (withheld.ContainsKey(r)) { withheld[id] = $"refers to withheld {r}"; changed = true; break; }
            }
        }
        var allowed = new List<JsonObject>();
        foreach (var o in list)
        {
            if (withheld.ContainsKey(Id(o))) continue;
            if (o["object_refs"] is JsonArray refs && refs.Any(r => withheld.ContainsKey(r!.GetValue<string>())))
            {
                var kept = refs.Select(r => r!.GetValue<string>()).Where(r => !withheld.ContainsKey(r)).ToList();
                if (kept.Count == 0) { withheld[Id(o)] = "every object it refers to was withheld"; continue; }
                var copy = (JsonObject)o.DeepClone();
                copy["object_refs"] = new JsonArray(kept.Select(k => (JsonNode)k!).ToArray());
                allowed.Add(copy);
            }
            else allowed.Add(o);
        }
        return new PolicyDecision(allowed, withheld);
    }

    private static string Id(JsonObject o) => o["id"]?.GetValue<string>() ?? "";

    private static bool IsHashed(JsonObject o) =>
        o["pattern"]?.GetValue<string>() is { } p && IndicatorPatterns.TryRead(p, out var k, out _) && k.IsHashed();

    private static IEnumerable<string> Refs(JsonObject o)
    {
        foreach (var name in new[] { "source_ref", "target_ref", "sighting_of_ref" })
            if (o[name]?.GetValue<string>() is { } s) yield return s;
    }
}
