using System.IO.Compression;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using DistillGuard.Sharing.Export;
using DistillGuard.Sharing.Intel;
using DistillGuard.Sharing.Stix;
using DistillGuard.Sharing.Tests.Support;

namespace DistillGuard.Sharing.Tests.Export;

public class StixExporterTests
{
    private static JsonObject ExportA(bool withKey = true) => StixExporter.Export(Analyses.A.Campaigns(), new ExportOptions
    {
        Producer = "lab-a",
        Keyring = withKey ? Keyrings.Labs() : null,
        Now = Keyrings.Now,
    });

    private static IEnumerable<JsonObject> Objects(JsonObject bundle) => bundle["objects"]!.AsArray().OfType<JsonObject>();

    [Fact]
    public void Export_SimulatedCampaigns_ValidatesAgainstTheOasisSchemas()
    {
        var bundle = ExportA();
        Assert.NotEmpty(Analyses.A.Result.Campaigns);
        var errors = StixSchemas.BundleErrors(bundle);
        Assert.True(errors.Count == 0, string.Join(Environment.NewLine, errors.Take(30)));
        var types = Objects(bundle).Select(o => o["type"]!.GetValue<string>()).ToHashSet();
        foreach (var t in new[] { "identity", "campaign", "indicator", "relationship", "sighting", "report", "marking-definition", IndicatorPatterns.TemplateType })
            Assert.Contains(t, types);
        var extension = StixSchemas.Errors("common/extension-definition.json", StixExporter.TemplateExtension("lab-a").ToJsonString());
        Assert.True(extension.Count == 0, string.Join(Environment.NewLine, extension));
    }

    [Fact]
    public void Export_ExtensionDefinitionInsideTheBundle_IsRejectedByTheOasisBundleSchema()
    {
        // Documents why the extension-definition travels beside the bundle: OASIS bundle.json has no member for it.
        var bundle = StixExporter.Export(Analyses.A.Campaigns(), new ExportOptions { Producer = "lab-a", IncludeExtensionDefinition = true, Now = Keyrings.Now });
        Assert.Contains(StixSchemas.BundleErrors(bundle), e => e.Contains("extension-definition--"));
    }

    [Fact]
    public void Export_SimulatedCampaigns_EveryPatternParsesInTheSupportedSubset()
    {
        var patterns = Objects(ExportA()).Where(o => o["type"]!.GetValue<string>() == "indicator").Select(o => o["pattern"]!.GetValue<string>()).ToList();
        Assert.NotEmpty(patterns);
        foreach (var p in patterns)
        {
            Assert.True(StixPattern.TryParse(p, out _, out var error), $"{p}: {error}");
            Assert.True(IndicatorPatterns.TryRead(p, out _, out _), p);
        }
    }

    [Fact]
    public void Export_SimulatedCampaigns_CarriesInfrastructureTemplateAndHashedIndicators()
    {
        var kinds = Objects(ExportA()).Where(o => o["type"]!.GetValue<string>() == "indicator")
            .Select(o => o["x_distillguard_kind"]!.GetValue<string>()).ToHashSet();
        Assert.Contains("template", kinds);
        Assert.Contains("payment-hmac", kinds);
        Assert.Contains("account-hmac", kinds);
        Assert.True(kinds.Overlaps(["ipv4", "ipv6", "prefix", "ja4", "user-agent"]), string.Join(",", kinds));
    }

    [Fact]
    public void Export_Twice_GivesTheSameBytes()
    {
        Assert.Equal(ExportA().ToJsonString(StixExporter.Json), ExportA().ToJsonString(StixExporter.Json));
    }

    [Fact]
    public void Export_WithoutConsortiumKey_HasNoHashedIdentifiers()
    {
        var kinds = Objects(ExportA(withKey: false)).Where(o => o["type"]!.GetValue<string>() == "indicator")
            .Select(o => o["x_distillguard_kind"]!.GetValue<string>()).ToHashSet();
        Assert.DoesNotContain("payment-hmac", kinds);
        Assert.DoesNotContain("account-hmac", kinds);
        Assert.Contains("template", kinds);
    }

    [Fact]
    public void Export_SimulatedCampaigns_NoRawAccountPaymentOrPromptTextInAnyByte()
    {
        var bytes = ExportA().ToJsonString(StixExporter.Json);
        var forbidden = SensitiveValues.Of(SimulatedProviders.A);
        Assert.True(forbidden.Accounts.Count > 10 && forbidden.Payments.Count > 10 && forbidden.Prompts.Count > 100);
        foreach (var a in forbidden.Accounts) Assert.DoesNotContain(a, bytes, StringComparison.OrdinalIgnoreCase);
        foreach (var p in forbidden.Payments) Assert.DoesNotContain(p, bytes, StringComparison.OrdinalIgnoreCase);
        foreach (var p in forbidden.Prompts) Assert.DoesNotContain(p, bytes, StringComparison.OrdinalIgnoreCase);
    }
}
