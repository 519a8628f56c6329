using System.Text.Json.Nodes;
using DistillGuard.Sharing.Export;
using DistillGuard.Sharing.Policy;
using DistillGuard.Sharing.Stix;
using DistillGuard.Sharing.Tests.Support;

namespace DistillGuard.Sharing.Tests.Policy;

public class SharingPolicyTests
{
    private static readonly SharingPolicy Policy = new([
        new Partner { Name = "lab-b", Member = true, Amber = true },
        new Partner { Name = "lab-c", Member = false, Amber = true },
        new Partner { Name = "lab-d", Member = true, Amber = false },
    ]);

    private static List<JsonObject> Objects(TlpLevel tlp) => StixExporter.Export(Analyses.A.Campaigns(), new ExportOptions
    {
        Producer = "lab-a", Tlp = tlp, HashedTlp = tlp, Keyring = Keyrings.Labs(), Now = Keyrings.Now,
    })["objects"]!.AsArray().OfType<JsonObject>().ToList();

    [Fact]
    public void Filter_Red_NothingMarkedLeavesEvenForNamedMembers()
    {
        var d = Policy.Filter(Objects(TlpLevel.Red), "lab-b");
        Assert.DoesNotContain(d.Allowed, o => Tlp.Of(o) == TlpLevel.Red && o["type"]!.GetValue<string>() != "marking-definition");
        Assert.DoesNotContain(d.Allowed, o => o["type"]!.GetValue<string>() is "indicator" or "campaign" or "report");
        Assert.NotEmpty(d.Withheld);
    }

    [Fact]
    public void Filter_Amber_OnlyToNamedPartners()
    {
        Assert.Contains(Policy.Filter(Objects(TlpLevel.Amber), "lab-b").Allowed, o => o["type"]!.GetValue<string>() == "indicator");
        Assert.DoesNotContain(Policy.Filter(Objects(TlpLevel.Amber), "lab-d").Allowed, o => o["type"]!.GetValue<string>() == "indicator");
        Assert.DoesNotContain(Policy.Filter(Objects(TlpLevel.Amber), "stranger").Allowed, o => o["type"]!.GetValue<string>() == "indicator");
    }

    [Fact]
    public void Filter_NonMember_GetsNoKeyedHashesAndStaysSchemaValid()
    {
        var d = Policy.Filter(Objects(TlpLevel.Green), "lab-c");
        Assert.DoesNotContain(d.Allowed, o => o["x_distillguard_kind"]?.GetValue<string>() is "account-hmac" or "payment-hmac");
        Assert.Contains(d.Allowed, o => o["x_distillguard_kind"]?.GetValue<string>() == "template");
        var ids = d.Allowed.Select(o => o["id"]!.GetValue<string>()).ToHashSet();
        foreach (var o in d.Allowed)
            foreach (var r in new[] { "source_ref", "target_ref", "sighting_of_ref" })
                if (o[r]?.GetValue<string>() is { } target) Assert.Contains(target, ids);
        var errors = StixSchemas.BundleErrors(StixExporter.Bundle(d.Allowed, "t"));
        Assert.True(errors.Count == 0, string.Join(Environment.NewLine, errors));
    }

    [Fact]
    public void Record_Decision_WritesOneAuditLineNamingRecipientAndWithheld()
    {
        var path = Path.Combine(Path.GetTempPath(), "dg-audit-" + Guid.NewGuid().ToString("N") + ".jsonl");
        try
        {
            var log = new AuditLog(path, () => Keyrings.Now);
            log.Record("export", "lab-c", Policy.Filter(Objects(TlpLevel.Green), "lab-c"));
            var line = JsonNode.Parse(Assert.Single(File.ReadAllLines(path)))!;
            Assert.Equal("lab-c", line["recipient"]!.GetValue<string>());
            Assert.NotEmpty(line["sent"]!.AsArray());
            Assert.Contains(line["withheld"]!.AsObject(), kv => kv.Value!.GetValue<string>().Contains("consortium members"));
        }
        finally { File.Delete(path); }
    }
}
