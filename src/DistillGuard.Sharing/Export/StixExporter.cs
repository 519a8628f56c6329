using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using DistillGuard.Sharing.Consortium;
using DistillGuard.Sharing.Intel;
using DistillGuard.Sharing.Stix;

namespace DistillGuard.Sharing.Export;

/// <summary>Turns local campaigns into one STIX 2.1 bundle: the producer identity, TLP 2.0 markings, the template
/// fingerprint extension-definition, and per campaign a campaign, indicators (+ template fingerprint SCOs),
/// indicates-relationships, sightings and a report. Ids are UUIDv5 of stable content and timestamps come from the
/// campaign, so exporting the same analysis twice gives the same bytes. No raw account id, payment fingerprint or
/// prompt text is ever written: identifiers leave only as consortium HMACs, templates only as 64-bit SimHashes.</summary>
public static class StixExporter
{
    public const string TemplateExtensionId = "extension-definition--4b8f4a0e-6c2d-5b7e-9f3a-1d2c3e4f5a6b";
    public static readonly JsonSerializerOptions Json = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string IdentityId(string producer) => StixId.For("identity", producer);

    public static JsonObject Identity(string producer, DateTimeOffset created) => new()
    {
        ["type"] = "identity",
        ["spec_version"] = "2.1",
        ["id"] = IdentityId(producer),
        ["created"] = StixId.Timestamp(created),
        ["modified"] = StixId.Timestamp(created),
        ["name"] = producer,
        ["identity_class"] = "organization",
        ["sectors"] = new JsonArray("technology"),
    };

    public static JsonObject TemplateExtension(string producer) => new()
    {
        ["type"] = "extension-definition",
        ["spec_version"] = "2.1",
        ["id"] = TemplateExtensionId,
        ["created_by_ref"] = IdentityId(producer),
        ["created"] = "2026-01-01T00:00:00.000Z",
        ["modified"] = "2026-01-01T00:00:00.000Z",
        ["name"] = "DistillGuard prompt-template fingerprint",
        ["description"] = "A new SCO carrying a 64-bit SimHash of a prompt template (word shingles with numbers, names and " +
            "slot values canonicalised), never the prompt text. Two fingerprints name the same template when their Hamming " +
            "distance is at most match_distance bits, so paraphrases of one template match. Patterns compare simhash_hex; " +
            "consumers SHOULD match by distance, not equality.",
        ["schema"] = "https://github.com/distillguard/distillguard/blob/main/docs/sharing.md#template-fingerprint-extension",
        ["version"] = "1.0",
        ["extension_types"] = new JsonArray("new-sco"),
    };

    public static JsonObject Bundle(IEnumerable<JsonObject> objects, string idSeed) => new()
    {
        ["type"] = "bundle",
        ["id"] = StixId.For("bundle", idSeed),
        ["objects"] = new JsonArray(objects.Select(o => o.Parent is null ? (JsonNode)o : o.DeepClone()).ToArray()),
    };

    public static JsonObject Export(IReadOnlyList<CampaignIntel> campaigns, ExportOptions options)
    {
        var objs = new List<JsonObject>();
        var identityId = IdentityId(options.Producer);
        var earliest = campaigns.Count == 0 ? new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero) : campaigns.Min(c => c.FirstSeen);
        objs.Add(Identity(options.Producer, earliest));
        var hashedTlp = options.HashedTlp < options.Tlp ? options.Tlp : options.HashedTlp;
        foreach (var level in new[] { options.Tlp, hashedTlp }.Distinct()) objs.Add(Tlp.MarkingDefinition(level));
        if (options.IncludeExtensionDefinition && campaigns.Any(c => c.Observables.Any(o => o.Kind == ObservableKind.Template))) objs.Add(TemplateExtension(options.Producer));
        ConsortiumKey? key = options.Keyring?.Current(options.Now);
        var seenSco = new HashSet<string>();
        foreach (var c in campaigns) AddCampaign(objs, c, options, identityId, key, hashedTlp, seenSco);
        return Bundle(objs, options.Producer + "|" + string.Join(",", campaigns.Select(c => c.CampaignId + "@" + StixId.Timestamp(c.FirstSeen))) + "|" + (key?.Id ?? ""));
    }

    private static void AddCampaign(List<JsonObject> objs, CampaignIntel c, ExportOptions o, string identityId, ConsortiumKey? key, TlpLevel hashedTlp, HashSet<string> seenSco)
    {
        string seed = o.Producer + "|" + c.CampaignId + "|" + StixId.Timestamp(c.FirstSeen);
        string created = StixId.Timestamp(c.FirstSeen), modified = StixId.Timestamp(c.LastSeen);
        string campaignId = StixId.For("campaign", seed);
        var marking = new JsonArray(Tlp.MarkingId(o.Tlp));
        objs.Add(new JsonObject
        {
            ["type"] = "campaign",
            ["spec_version"] = "2.1",
            ["id"] = campaignId,
            ["created_by_ref"] = identityId,
            ["created"] = created,
            ["modified"] = modified,
            ["name"] = $"{o.Producer} {c.CampaignId}: distillation campaign",
            ["description"] = $"Model-distillation campaign seen by {o.Producer}: {c.Accounts} accounts, {c.Exchanges} exchanges; " +
                $"targets {Join(c.Targets)}; tactics {Join(c.Tactics)}; detector score {c.Score.ToString("0.00", CultureInfo.InvariantCulture)}.",
            ["objective"] = "Harvest model outputs (" + Join(c.Targets) + ") to train another model.",
            ["first_seen"] = created,
            ["last_seen"] = modified,
            ["confidence"] = (int)Math.Round(Math.Clamp(c.Score, 0, 1) * 100),
            ["labels"] = new JsonArray(c.Tactics.Concat(c.Targets.Select(t => "target:" + t)).Select(s => (JsonNode)s!).DefaultIfEmpty("distillation").ToArray()),
            ["object_marking_refs"] = marking.DeepClone(),
            ["x_distillguard_accounts"] = c.Accounts,
        });
        if (c.Targets.Count > 0) objs[^1]["x_distillguard_targets"] = Strings(c.Targets);
        if (c.Tactics.Count > 0) objs[^1]["x_distillguard_tactics"] = Strings(c.Tactics);
        var refs = new List<string> { campaignId };
        foreach (var ob in c.Observables)
        {
            var kind = ob.Kind;
            string value = ob.Value;
            var tlp = o.Tlp;
            if (kind.IsHashed())
            {
                if (key is null) continue;   // no consortium key: identifiers do not leave at all
                value = ConsortiumKeyring.Hash(key, kind == ObservableKind.PaymentHmac ? "payment" : "account", ob.Value);
                tlp = hashedTlp;
            }
            if (kind == ObservableKind.Template)
            {
                var sco = TemplateSco(value, o.Tlp);
                if (seenSco.Add(sco["id"]!.GetValue<string>())) { objs.Add(sco); refs.Add(sco["id"]!.GetValue<string>()); }
            }
            string indicatorId = StixId.For("indicator", seed + "|" + kind.WireName() + "|" + value);
            objs.Add(new JsonObject
            {
                ["type"] = "indicator",
                ["spec_version"] = "2.1",
                ["id"] = indicatorId,
                ["created_by_ref"] = identityId,
                ["created"] = created,
                ["modified"] = modified,
                ["name"] = $"{kind.WireName()} used by {o.Producer} {c.CampaignId}",
                ["description"] = $"{ob.Members} campaign account(s), {ob.Exchanges} exchange(s) on this {kind.WireName()}.",
                ["indicator_types"] = new JsonArray(kind.IsStrong() ? "malicious-activity" : "anomalous-activity"),
                ["pattern"] = IndicatorPatterns.For(kind, value),
                ["pattern_type"] = "stix",
                ["pattern_version"] = "2.1",
                ["valid_from"] = created,
                ["confidence"] = (int)Math.Round(Math.Clamp(c.Score, 0, 1) * (kind.IsStrong() ? 100 : 60)),
                ["object_marking_refs"] = new JsonArray(Tlp.MarkingId(tlp)),
                ["x_distillguard_kind"] = kind.WireName(),
                ["x_distillguard_members"] = ob.Members,
            });
            string relId = StixId.For("relationship", indicatorId + "|indicates|" + campaignId);
            objs.Add(new JsonObject
            {
                ["type"] = "relationship",
                ["spec_version"] = "2.1",
                ["id"] = relId,
                ["created_by_ref"] = identityId,
                ["created"] = created,
                ["modified"] = modified,
                ["relationship_type"] = "indicates",
                ["source_ref"] = indicatorId,
                ["target_ref"] = campaignId,
                ["object_marking_refs"] = new JsonArray(Tlp.MarkingId(tlp)),
            });
            string sightingId = StixId.For("sighting", indicatorId + "|" + identityId);
            objs.Add(new JsonObject
            {
                ["type"] = "sighting",
                ["spec_version"] = "2.1",
                ["id"] = sightingId,
                ["created_by_ref"] = identityId,
                ["created"] = created,
                ["modified"] = modified,
                ["first_seen"] = created,
                ["last_seen"] = modified,
                ["count"] = (int)Math.Min(ob.Exchanges, 999_999_999),
                ["sighting_of_ref"] = indicatorId,
                ["where_sighted_refs"] = new JsonArray(identityId),
                ["object_marking_refs"] = new JsonArray(Tlp.MarkingId(tlp)),
            });
            refs.Add(indicatorId); refs.Add(relId); refs.Add(sightingId);
        }
        objs.Add(new JsonObject
        {
            ["type"] = "report",
            ["spec_version"] = "2.1",
            ["id"] = StixId.For("report", seed),
            ["created_by_ref"] = identityId,
            ["created"] = created,
            ["modified"] = modified,
            ["name"] = $"{o.Producer} {c.CampaignId} distillation campaign report",
            ["description"] = $"Campaign {c.CampaignId} and the indicators {o.Producer} shares about it.",
            ["report_types"] = new JsonArray("campaign", "indicator"),
            ["published"] = modified,
            ["object_refs"] = Strings(refs),
            ["object_marking_refs"] = marking.DeepClone(),
        });
    }

    public static JsonObject TemplateSco(string simhashHex, TlpLevel tlp) => new()
    {
        ["type"] = IndicatorPatterns.TemplateType,
        ["spec_version"] = "2.1",
        ["id"] = StixId.ForSco(IndicatorPatterns.TemplateType, "{\"simhash_hex\":\"" + simhashHex + "\"}"),
        ["simhash_hex"] = simhashHex,
        ["algorithm"] = "distillguard-simhash64-v1",
        ["match_distance"] = 16,
        ["object_marking_refs"] = new JsonArray(Tlp.MarkingId(tlp)),
        ["extensions"] = new JsonObject { [TemplateExtensionId] = new JsonObject { ["extension_type"] = "new-sco" } },
    };

    private static string Join(IReadOnlyList<string> s) => s.Count == 0 ? "none" : string.Join(", ", s);
    private static JsonArray Strings(IEnumerable<string> s) => new(s.Select(x => (JsonNode)x!).ToArray());
}
