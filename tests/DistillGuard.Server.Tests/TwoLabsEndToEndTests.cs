using System.Text.Json.Nodes;
using DistillGuard.Core.Verdicts;
using DistillGuard.Server.Taxii;
using DistillGuard.Sharing.Export;
using DistillGuard.Sharing.Import;
using DistillGuard.Sharing.Matching;
using DistillGuard.Sharing.Policy;
using DistillGuard.Sharing.Stix;
using DistillGuard.Sharing.Taxii;
using DistillGuard.Sharing.Tests.Support;

namespace DistillGuard.Server.Tests;

/// <summary>Two DistillGuard instances on 127.0.0.1, each analysing its own provider's traffic (the same campaign under
/// different account names, see <see cref="SimulatedProviders"/>). A pushes its campaign to B over TAXII; B matches
/// A's indicators against its own accounts, its verdicts cite A's indicators, and B's sightings go back to A.</summary>
public class TwoLabsEndToEndTests
{
    private const string Inbox = "9a0c6f1e-1111-4a4a-8b8b-000000000001";

    private static TaxiiOptions LabOptions(string self, string partner, string partnerKey, AuditLog audit) => new()
    {
        Title = self,
        Collections = [new TaxiiCollection { Id = Inbox, Title = $"{self} inbox: partners' campaign intelligence and sightings" }],
        Clients = [new TaxiiClientGrant { Partner = partner, ApiKey = partnerKey, Read = [], Write = [Inbox] }],
        Policy = RunningServer.Policy(),
        Audit = audit,
        Clock = () => Keyrings.Now,
    };

    [Fact]
    public async Task Push_CampaignFromAToB_BMatchesItsOwnAccountsCitesAAndSightsBack()
    {
        var dir = Directory.CreateTempSubdirectory("dg-e2e-");
        try
        {
            var auditA = new AuditLog(Path.Combine(dir.FullName, "a-audit.jsonl"), () => Keyrings.Now);
            var auditB = new AuditLog(Path.Combine(dir.FullName, "b-audit.jsonl"), () => Keyrings.Now);
            await using var labA = await RunningServer.StartAsync(LabOptions("lab-a", "lab-b", "b-writes-to-a-0123", auditA));
            await using var labB = await RunningServer.StartAsync(LabOptions("lab-b", "lab-a", "a-writes-to-b-0123", auditB));
            using var http = new HttpClient();

            // Lab A: its analysis, its export, plus one TLP:RED object that must never leave.
            var bundle = StixExporter.Export(Analyses.A.Campaigns(), new ExportOptions { Producer = "lab-a", Keyring = Keyrings.Labs(), Now = Keyrings.Now });
            var objects = bundle["objects"]!.AsArray().OfType<JsonObject>().Select(o => (JsonObject)o.DeepClone()).ToList();
            objects.Add(StixExporter.TemplateExtension("lab-a"));
            var red = (JsonObject)objects.First(o => o["type"]!.GetValue<string>() == "indicator").DeepClone();
            red["id"] = StixId.For("indicator", "red-only");
            red["object_marking_refs"] = new JsonArray(Tlp.MarkingId(TlpLevel.Red));
            objects.Add(red);
            var toB = new TaxiiClient(http, labB.ApiRoot, "a-writes-to-b-0123");
            var (decision, status) = await toB.PushAsync(Inbox, objects, RunningServer.Policy(), "lab-b", auditA);
            Assert.NotNull(status);
            Assert.Equal(0, status!["failure_count"]!.GetValue<int>());
            Assert.Contains(red["id"]!.GetValue<string>(), decision.Withheld.Keys);

            // What reached B: schema-valid STIX, no RED, no raw identifier or prompt text.
            var received = labB.Server.Store.All(Inbox).Select(s => s.Object).ToList();
            Assert.DoesNotContain(received, o => o["id"]!.GetValue<string>() == red["id"]!.GetValue<string>());
            Assert.DoesNotContain(received, o => Tlp.Of(o) == TlpLevel.Red);
            var asBundle = StixExporter.Bundle(received.Where(o => o["type"]!.GetValue<string>() != "extension-definition"), "received");
            var errors = StixSchemas.BundleErrors(asBundle);
            Assert.True(errors.Count == 0, string.Join(Environment.NewLine, errors));
            var wire = string.Join("\n", received.Select(o => o.ToJsonString()));
            var sensitive = SensitiveValues.Of(SimulatedProviders.A);
            foreach (var s in sensitive.Accounts.Concat(sensitive.Payments).Concat(sensitive.Prompts)) Assert.DoesNotContain(s, wire, StringComparison.OrdinalIgnoreCase);

            // Lab B: import, match against its own accounts, adjust its verdicts.
            var partnerBundle = StixImporter.Read(received);
            var matches = new IndicatorMatcher(Analyses.B.Index, Keyrings.Labs(), Keyrings.Now).Match(partnerBundle.Indicators);
            var adjusted = PartnerEvidence.Apply(Analyses.B.Result, matches);
            var aIndicatorIds = objects.Where(o => o["type"]!.GetValue<string>() == "indicator").Select(o => o["id"]!.GetValue<string>()).ToHashSet();
            // B's members of the shared campaign (its own accounts, its own names) now cite A's indicators.
            var aMembersAtB = Analyses.A.Result.Campaigns.SelectMany(c => c.Accounts).Select(SimulatedProviders.Rename).ToHashSet();
            var citing = adjusted.Verdicts.Where(v => aMembersAtB.Contains(v.Account) && v.Reasons.Any(r => r.Signal == PartnerEvidence.Signal
                && aIndicatorIds.Any(id => r.Detail.Contains(id)) && r.Detail.Contains("partner lab-a"))).ToList();
            Assert.True(citing.Count >= aMembersAtB.Count / 2, $"{citing.Count} of {aMembersAtB.Count} members cite lab-a");
            Assert.All(citing, v => Assert.StartsWith("bcct_", v.Account));
            Assert.Contains(citing, v => v.Reasons.Any(r => r.Signal == PartnerEvidence.Signal && r.Detail.Contains("(template")));
            Assert.Contains(adjusted.Campaigns, c => c.Evidence.Any(e => e.Kind == PartnerEvidence.Signal && e.Summary.StartsWith("partner lab-a")));
            Assert.All(citing, v => Assert.NotEqual(VerdictKind.Clear, v.Verdict));

            // Sightings go back to A.
            var sightings = SightingExporter.Export(matches, Analyses.B.Index, "lab-b")["objects"]!.AsArray().OfType<JsonObject>().ToList();
            var toA = new TaxiiClient(http, labA.ApiRoot, "b-writes-to-a-0123");
            var (_, back) = await toA.PushAsync(Inbox, sightings, RunningServer.Policy(), "lab-a", auditB);
            Assert.NotNull(back);
            var atA = labA.Server.Store.All(Inbox).Select(s => s.Object).Where(o => o["type"]!.GetValue<string>() == "sighting").ToList();
            Assert.NotEmpty(atA);
            Assert.All(atA, o => Assert.Contains(o["sighting_of_ref"]!.GetValue<string>(), aIndicatorIds));
            foreach (var acct in matches.Select(m => m.Account).Distinct())
                Assert.DoesNotContain(acct, string.Join("\n", atA.Select(o => o.ToJsonString())));

            // Both sides audited what was shared with whom.
            var auditLines = File.ReadAllLines(auditA.Path).Select(l => JsonNode.Parse(l)!).ToList();
            Assert.Contains(auditLines, l => l["action"]!.GetValue<string>() == "taxii-push" && l["recipient"]!.GetValue<string>() == "lab-b"
                && l["withheld"]!.AsObject().ContainsKey(red["id"]!.GetValue<string>()));
            Assert.Contains(File.ReadAllLines(auditB.Path), l => l.Contains("\"taxii-received\"") && l.Contains("\"lab-a\""));
        }
        finally { dir.Delete(true); }
    }
}
