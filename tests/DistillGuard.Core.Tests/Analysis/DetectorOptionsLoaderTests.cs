using System.Collections;
using DistillGuard.Core.Analysis;

namespace DistillGuard.Core.Tests.Analysis;

public sealed class DetectorOptionsLoaderTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("dg-options-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string json)
    {
        string path = Path.Combine(_dir, "detector.json");
        File.WriteAllText(path, json);
        return path;
    }

    [Fact]
    public void Load_NothingGiven_GivesTheDefaults()
    {
        var options = DetectorOptionsLoader.Load(null, new Hashtable(), out var errors);

        Assert.Empty(errors);
        Assert.Equal(DetectorOptions.Default, options);
    }

    [Fact]
    public void Load_FileThenEnvironment_EnvironmentWins_AndNamesMatchInAnyStyle()
    {
        string path = Write("""{"min_campaign_accounts": 5, "CampaignThreshold": 0.7, "clusterer": "components"}""");
        var env = new Hashtable { ["DISTILLGUARD_DETECTOR_MIN_CAMPAIGN_ACCOUNTS"] = "7", ["UNRELATED"] = "x" };

        var options = DetectorOptionsLoader.Load(path, env, out var errors);

        Assert.Empty(errors);
        Assert.NotNull(options);
        Assert.Equal(7, options.MinCampaignAccounts);
        Assert.Equal(0.7, options.CampaignThreshold);
        Assert.Equal(ClustererKind.Components, options.Clusterer);
        Assert.Equal(DetectorOptions.Default.MinKeyWeight, options.MinKeyWeight);
    }

    [Fact]
    public void Load_SeveralProblems_AreAllReportedAtOnce()
    {
        string path = Write("""{"min_campaign_acounts": 5, "campaign_threshold": "high", "clusterer": "kmeans"}""");
        var env = new Hashtable { ["DISTILLGUARD_DETECTOR_MIN_KEY_WEIGHT"] = "lots" };

        var options = DetectorOptionsLoader.Load(path, env, out var errors);

        Assert.Null(options);
        Assert.Equal(4, errors.Count);
        Assert.Contains(errors, e => e.Contains("min_campaign_acounts") && e.Contains("unknown"));
        Assert.Contains(errors, e => e.Contains("campaign_threshold") && e.Contains("'high'"));
        Assert.Contains(errors, e => e.Contains("clusterer") && e.Contains("dense_peeling"));
        Assert.Contains(errors, e => e.Contains("DISTILLGUARD_DETECTOR_MIN_KEY_WEIGHT"));
    }

    [Fact]
    public void Load_WellTypedButOutOfRange_ReportsTheValidationErrors()
    {
        string path = Write("""{"campaign_threshold": 1.5, "min_campaign_accounts": 1}""");

        var options = DetectorOptionsLoader.Load(path, null, out var errors);

        Assert.Null(options);
        Assert.Contains(errors, e => e.Contains("CampaignThreshold"));
        Assert.Contains(errors, e => e.Contains("MinCampaignAccounts"));
    }

    [Fact]
    public void Load_NotJson_IsOneClearError()
    {
        var options = DetectorOptionsLoader.Load(Write("{ not json"), null, out var errors);

        Assert.Null(options);
        Assert.Single(errors);
        Assert.Contains("detector.json", errors[0]);
    }
}
