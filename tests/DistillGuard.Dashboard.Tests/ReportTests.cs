using System.Text.Json;
using System.Text.RegularExpressions;
using DistillGuard.Dashboard.Report;
using DistillGuard.Dashboard.Tests.Support;
using Microsoft.Playwright;

namespace DistillGuard.Dashboard.Tests;

/// <summary>The report of the standard scenario: one file, nothing external, every campaign with its plots.</summary>
[Collection(ScenarioCollection.Name)]
public sealed class ReportTests
{
    private readonly ScenarioFixture _fx;

    public ReportTests(ScenarioFixture fx)
    {
        _fx = fx;
    }

    private string WriteReport()
    {
        var dir = Path.Combine(_fx.Dir, "report-" + Guid.NewGuid().ToString("N"));
        return ReportWriter.Write(_fx.Shared("duckdb"), dir);
    }

    [Fact]
    public void Report_Standard_IsSelfContainedAndHoldsEveryCampaignWithItsPlots()
    {
        var html = File.ReadAllText(WriteReport());

        // Self-contained: no external resource of any kind, scripts and styles inline, and a CSP that forbids fetching.
        Assert.DoesNotMatch(new Regex(@"<(script|link|img|iframe)[^>]+(src|href)\s*=", RegexOptions.IgnoreCase), html);
        Assert.DoesNotMatch(new Regex(@"url\(\s*['""]?https?:", RegexOptions.IgnoreCase), html);
        Assert.DoesNotMatch(new Regex(@"@import", RegexOptions.IgnoreCase), html);
        Assert.Contains("default-src 'none'", html);
        Assert.Matches(new Regex(@"<style>\s*\S", RegexOptions.None), html);

        var json = Regex.Match(html, $"<script type=\"application/json\" id=\"{ReportWriter.DataElementId}\">(.*?)</script>", RegexOptions.Singleline).Groups[1].Value;
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        var summary = root.GetProperty("summary");
        Assert.Equal(_fx.Result.Verdicts.Count, summary.GetProperty("accounts").GetInt32());
        Assert.Equal(_fx.Result.Stats.Exchanges, summary.GetProperty("run").GetProperty("exchanges").GetInt64());
        Assert.Equal(0, summary.GetProperty("run").GetProperty("quarantined").GetInt64());
        Assert.Equal(20, root.GetProperty("histogram").GetArrayLength());
        Assert.Equal(0.6, root.GetProperty("thresholds").GetProperty("campaign").GetDouble());
        Assert.NotEqual(0, root.GetProperty("traffic").GetArrayLength());

        var sections = root.GetProperty("campaigns").EnumerateArray().ToList();
        Assert.Equal(_fx.Result.Campaigns.Select(c => c.Id).Order(), sections.Select(s => s.GetProperty("detail").GetProperty("campaign").GetProperty("id").GetString()!).Order());
        foreach (var s in sections)
        {
            var d = s.GetProperty("detail");
            var id = d.GetProperty("campaign").GetProperty("id").GetString()!;
            var c = _fx.Result.Campaigns.First(x => x.Id == id);
            Assert.Equal(c.Targets, d.GetProperty("campaign").GetProperty("targets").EnumerateArray().Select(x => x.GetString()));
            Assert.Equal(c.Tactics, d.GetProperty("campaign").GetProperty("tactics").EnumerateArray().Select(x => x.GetString()));
            Assert.Equal(c.Accounts.Count, d.GetProperty("member_total").GetInt32());
            Assert.Equal(c.Evidence.Count, d.GetProperty("evidence").GetArrayLength());
            Assert.True(d.GetProperty("examples").EnumerateObject().Any(e => e.Value.GetProperty("prompt").GetString()!.Length > 0), $"{id}: prompt skeletons");
            Assert.True(d.GetProperty("keys").GetArrayLength() > 0, $"{id}: infrastructure and link keys");
            Assert.True(d.GetProperty("overlaps").GetArrayLength() > 0, $"{id}: payment and registration overlaps");
            // The data of each plot: traffic over time, model pivot, activity by hour, linked-account graph.
            var act = s.GetProperty("activity");
            Assert.True(act.GetProperty("campaign").GetArrayLength() > 0, $"{id}: traffic");
            Assert.True(act.GetProperty("models").GetArrayLength() > 0, $"{id}: model pivot");
            Assert.True(act.GetProperty("hours_of_day").EnumerateArray().Sum(x => x.GetInt64()) > 0, $"{id}: hours");
            Assert.True(s.GetProperty("graph").GetProperty("edges").GetArrayLength() > 0, $"{id}: graph");
        }
        // The charting and graph libraries are inside.
        Assert.Contains("echarts", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("cytoscape", html, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Chromium opens the file with every network request refused and draws every campaign's four plots.</summary>
    [ChromiumFact]
    public async Task Report_OpensOfflineInChromium_AndDrawsEveryPlot()
    {
        var path = WriteReport();
        await using var browser = await Browsers.LaunchAsync();
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1400, Height = 1000 } });
        var errors = new List<string>();
        var external = new List<string>();
        page.PageError += (_, e) => errors.Add(e);
        page.Console += (_, m) => { if (m.Type == "error") errors.Add(m.Text); };
        await page.RouteAsync("**/*", async r =>
        {
            if (r.Request.Url.StartsWith("file:", StringComparison.Ordinal)) await r.ContinueAsync();
            else { external.Add(r.Request.Url); await r.AbortAsync(); }
        });
        await page.GotoAsync("file://" + path);
        await page.WaitForSelectorAsync("body[data-ready=true]");
        await page.EvaluateAsync("() => window.dgDrawAll()");
        var sections = await page.QuerySelectorAllAsync("section.campaign");
        Assert.Equal(_fx.Result.Campaigns.Count, sections.Count);
        foreach (var s in sections)
        {
            Assert.Equal("true", await s.GetAttributeAsync("data-drawn"));
            Assert.Equal(3, (await s.QuerySelectorAllAsync("[data-chart=echarts] canvas")).Count);
            Assert.NotEmpty(await s.QuerySelectorAllAsync("[data-chart=cytoscape] canvas"));
            Assert.NotEmpty(await s.QuerySelectorAllAsync("table.members tbody tr"));
            Assert.NotEmpty(await s.QuerySelectorAllAsync("table.evidence tbody tr"));
        }
        var section = Png.Read(await sections[0].ScreenshotAsync(new() { Path = Path.Combine(Artifacts.Dir, "report-campaign.png") }));
        Assert.True(section.DistinctColours() > 50 && section.RedPixels() > 20, "a campaign section shows its plots and graph");
        Assert.Empty(external);
        Assert.Empty(errors);
        Assert.Contains("Summary", await page.InnerTextAsync("#summary"));
        var png = await page.ScreenshotAsync(new() { Path = Path.Combine(Artifacts.Dir, "report.png"), FullPage = false });
        var img = Png.Read(png);
        Assert.True(img.DistinctColours() > 50, "the report screenshot shows charts");
        Assert.True(img.NonBackgroundShare() > 0.2);
    }
}
