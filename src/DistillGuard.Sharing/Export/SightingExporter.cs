using System.Text.Json.Nodes;
using DistillGuard.Sharing.Intel;
using DistillGuard.Sharing.Matching;
using DistillGuard.Sharing.Stix;

namespace DistillGuard.Sharing.Export;

/// <summary>The answer to a partner: one STIX sighting per partner indicator that matched local accounts ("we saw your
/// indicator too, on N accounts, between these dates"), marked like the indicator it sights. No local account id is
/// written; only counts and dates.</summary>
public static class SightingExporter
{
    public static JsonObject Export(IReadOnlyList<IndicatorMatch> matches, LocalIndex index, string producer)
    {
        var identityId = StixExporter.IdentityId(producer);
        var byName = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < index.Accounts.Count; i++) byName[index.Accounts[i]] = i;
        var groups = matches.GroupBy(m => m.Indicator.Id, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
        var first = groups.Count == 0 ? DateTimeOffset.UnixEpoch : groups.SelectMany(g => g).Min(m => index.FirstSeen[byName[m.Account]]);
        var objs = new List<JsonObject> { StixExporter.Identity(producer, first) };
        foreach (var level in groups.Select(g => g.First().Indicator.Tlp).Distinct().Order()) objs.Add(Tlp.MarkingDefinition(level));
        foreach (var g in groups)
        {
            var ind = g.First().Indicator;
            var accounts = g.Select(m => byName[m.Account]).Distinct().ToList();
            var f = accounts.Min(a => index.FirstSeen[a]);
            var l = accounts.Max(a => index.LastSeen[a]);
            objs.Add(new JsonObject
            {
                ["type"] = "sighting",
                ["spec_version"] = "2.1",
                ["id"] = StixId.For("sighting", ind.Id + "|" + identityId),
                ["created_by_ref"] = identityId,
                ["created"] = StixId.Timestamp(f),
                ["modified"] = StixId.Timestamp(l),
                ["first_seen"] = StixId.Timestamp(f),
                ["last_seen"] = StixId.Timestamp(l),
                ["count"] = accounts.Count,
                ["sighting_of_ref"] = ind.Id,
                ["where_sighted_refs"] = new JsonArray(identityId),
                ["description"] = $"{producer} matched this indicator on {accounts.Count} account(s) ({g.First().How}).",
                ["object_marking_refs"] = new JsonArray(Tlp.MarkingId(ind.Tlp)),
            });
        }
        return StixExporter.Bundle(objs, producer + "|sightings|" + string.Join(",", groups.Select(g => g.Key)));
    }
}
