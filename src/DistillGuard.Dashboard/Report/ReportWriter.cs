using System.Text;
using System.Text.Json;
using DistillGuard.Storage;
using DistillGuard.Storage.Model;

namespace DistillGuard.Dashboard.Report;

/// <summary>
/// Writes DIR/report.html: one self-contained file (the front-end bundle's script and styles inline, the report's data as
/// JSON inline, no external URL; a Content-Security-Policy forbids any fetch) with the summary, the score distribution and,
/// per campaign, the evidence card and its plots. Reads everything from an <see cref="IResultStore"/>.
/// </summary>
public static class ReportWriter
{
    public const string FileName = "report.html";
    public const string DataElementId = "dg-report-data";

    public sealed record Options
    {
        public int MaxMembers { get; init; } = 300;
        public int MaxGraphAccounts { get; init; } = 200;
        public bool IncludeSuppressed { get; init; } = true;
        public DateTimeOffset? Now { get; init; }
    }

    public sealed record CampaignSection(CampaignDetail Detail, LinkGraph Graph, CampaignActivity Activity);

    public sealed record ReportData(string Title, DateTimeOffset GeneratedAt, string Store, StoreSummary Summary, IReadOnlyList<ScoreBin> Histogram,
        Thresholds Thresholds, IReadOnlyList<ActivityPoint> Traffic, IReadOnlyList<CampaignSection> Campaigns);

    /// <summary>Score bands of the verdicts (clear &lt; watch &lt; campaign) and the campaign confidence threshold.</summary>
    public sealed record Thresholds(double Watch, double Campaign, double CampaignConfidence);

    public static string Write(IResultStore store, string directory, Options? options = null)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, FileName);
        File.WriteAllText(path, Html(Data(store, options ?? new Options())), new UTF8Encoding(false));
        return path;
    }

    public static ReportData Data(IResultStore store, Options options)
    {
        var summary = store.Summary();
        var sections = new List<CampaignSection>();
        foreach (var id in store.CampaignIds(options.IncludeSuppressed))
        {
            var detail = store.Campaign(id, options.MaxMembers);
            if (detail is null) continue;
            var act = store.CampaignActivity(id);
            sections.Add(new CampaignSection(detail, store.CampaignGraph(id, options.MaxGraphAccounts), act with { All = [] }));
        }
        var traffic = sections.Count > 0 ? store.CampaignActivity(sections[0].Detail.Campaign.Id).All : [];
        int n = sections.Count(s => s.Detail.Campaign.Status == "open");
        return new ReportData($"DistillGuard report: {n} campaign{(n == 1 ? "" : "s")}", options.Now ?? DateTimeOffset.UtcNow, store.Description, summary,
            store.ScoreHistogram(), new Thresholds(0.3, 0.6, summary.Run?.CampaignThreshold ?? 0.5), traffic, sections);
    }

    public static string Html(ReportData data)
    {
        string json = JsonSerializer.Serialize(data, DashboardJson.Options);
        var sb = new StringBuilder(json.Length + DashboardAssets.AppJs.Length + 4096);
        sb.Append("<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
          .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
          .Append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data: blob:; font-src data:\">\n")
          .Append("<title>").Append(System.Net.WebUtility.HtmlEncode(data.Title)).Append("</title>\n<style>\n")
          .Append(DashboardAssets.AppCss.Replace("</style", "<\\/style", StringComparison.OrdinalIgnoreCase))
          .Append("\n</style>\n</head>\n<body class=\"dg-report\">\n<div id=\"dg-report\"><noscript>This report needs JavaScript to draw its plots; its data is in the dg-report-data element.</noscript></div>\n")
          .Append("<script type=\"application/json\" id=\"").Append(DataElementId).Append("\">").Append(json).Append("</script>\n<script>\n")
          .Append(DashboardAssets.AppJs.Replace("</script", "<\\/script", StringComparison.OrdinalIgnoreCase))
          .Append("\n</script>\n</body>\n</html>\n");
        return sb.ToString();
    }
}
