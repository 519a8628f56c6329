using DistillGuard.Dashboard.Tests.Support;
using DistillGuard.Storage.Model;
using Microsoft.Playwright;

namespace DistillGuard.Dashboard.Tests;

/// <summary>An analyst's session in Chromium against a real server on 127.0.0.1, on DuckDB and on PostgreSQL: a wrong key
/// is refused; log in; open the top campaign; see its members, evidence and graph; open an account; dismiss it as a false
/// positive; search by IP prefix. Screenshots are taken and checked.</summary>
[Collection(ScenarioCollection.Name)]
public sealed class BrowserFlowTests
{
    private readonly ScenarioFixture _fx;

    public BrowserFlowTests(ScenarioFixture fx) => _fx = fx;

    public static TheoryData<string> Kinds() => File.Exists(Servers.Chromium) || Servers.Required ? StoreKinds.All() : new TheoryData<string>();

    [Theory, MemberData(nameof(Kinds))]
    public async Task Analyst_LogsIn_OpensTopCampaign_OpensAccount_Dismisses_SearchesByIpPrefix(string kind)
    {
        using var store = _fx.NewStore(kind);
        _fx.Publish(store);
        await using var host = await DashboardHost.StartAsync(store);
        await using var browser = await Browsers.LaunchAsync();
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1400, Height = 1000 } });
        var errors = new List<string>();
        var external = new List<string>();
        page.PageError += (_, e) => errors.Add(e);
        await page.RouteAsync("**/*", async r =>
        {
            if (r.Request.Url.StartsWith(host.Url, StringComparison.Ordinal)) await r.ContinueAsync();
            else { external.Add(r.Request.Url); await r.AbortAsync(); }
        });
        string Shot(string name) => Path.Combine(Artifacts.Dir, $"{kind}-{name}.png");

        // A wrong key is refused, and the API refuses a request without one.
        await page.GotoAsync(host.Url + "/");
        await page.FillAsync("#login-key", "wrong-key-000000000000");
        await page.ClickAsync("#login-button");
        await Assertions.Expect(page.Locator("#login-error")).ToHaveTextAsync("Unknown key.");
        var anonymous = await page.APIRequest.GetAsync(host.Url + "/api/campaigns");
        Assert.Equal(401, anonymous.Status);

        // Log in; the campaign list, sorted by confidence.
        await page.FillAsync("#login-key", DashboardHost.AnalystKey);
        await page.ClickAsync("#login-button");
        await Assertions.Expect(page.Locator("#who")).ToContainTextAsync("alice (analyst)");
        await page.WaitForSelectorAsync("table.campaigns tbody tr");
        Assert.Equal(_fx.Result.Campaigns.Count, await page.Locator("table.campaigns tbody tr").CountAsync());
        await page.WaitForSelectorAsync("#score-plot canvas");
        CheckShot(await page.ScreenshotAsync(new() { Path = Shot("campaigns") }), "campaign list");

        // The top campaign: members, evidence, plots, graph.
        var top = store.Campaigns(new CampaignQuery()).Items[0];
        await page.Locator("table.campaigns tbody tr").First.Locator("a.campaign-link").ClickAsync();
        await page.WaitForSelectorAsync($".campaign-card[data-campaign='{top.Id}']");
        await page.WaitForSelectorAsync("#p-graph canvas");
        await page.WaitForSelectorAsync("#p-traffic canvas");
        Assert.Equal(Math.Min(500, top.Accounts), await page.Locator("table.members tbody tr").CountAsync());
        var evidenceRows = await page.Locator("table.evidence tbody tr").CountAsync();
        Assert.Equal(_fx.Result.Campaigns.First(c => c.Id == top.Id).Evidence.Count, evidenceRows);
        Assert.Contains(top.Tactics[0], await page.InnerTextAsync(".campaign-card"));
        CheckShot(await page.ScreenshotAsync(new() { Path = Shot("campaign"), FullPage = true }), "campaign page");

        // Drill down to an exchange with its matched phrases highlighted, then back to a member.
        var exLink = page.Locator("table.evidence a.exid").First;
        var exId = await exLink.InnerTextAsync();
        await exLink.ClickAsync();
        await page.WaitForSelectorAsync($"section.exchange[data-exchange='{exId}']");
        Assert.True(await page.Locator("section.exchange pre.text").CountAsync() > 0, "the exchange's texts are shown");
        Assert.Contains("prompt", (await page.InnerTextAsync("section.exchange")).ToLowerInvariant());
        await page.GoBackAsync();
        await page.WaitForSelectorAsync("table.members a.acct");
        var account = await page.Locator("table.members a.acct").First.InnerTextAsync();
        await page.Locator("table.members a.acct").First.ClickAsync();
        await page.WaitForSelectorAsync($"section.account[data-account='{account}']");
        await page.WaitForSelectorAsync("#p-timeline canvas");
        Assert.True(await page.Locator("table.reasons tbody tr").CountAsync() > 0);
        Assert.Contains("campaign", await page.InnerTextAsync("section.account h2"));

        // Dismiss it as a false positive, with a reason: stored and audited with who and when.
        await page.ClickAsync("#btn-dismiss");
        await Assertions.Expect(page.Locator("#decision-msg")).ToContainTextAsync("Give a reason");
        await page.FillAsync("#dismiss-reason", "internal evaluation account of a licensed partner");
        await page.ClickAsync("#btn-dismiss");
        await Assertions.Expect(page.Locator("#decision-msg")).ToContainTextAsync("Recorded: dismiss by alice");
        await Assertions.Expect(page.Locator("#decision-state")).ToHaveTextAsync("dismissed");
        CheckShot(await page.ScreenshotAsync(new() { Path = Shot("account") }), "account page");
        var decision = store.Decisions().First();
        Assert.Equal(("dismiss", "account", account, "alice"), (decision.Action, decision.TargetKind, decision.Target, decision.Actor));
        Assert.Equal("internal evaluation account of a licensed partner", decision.Reason);
        Assert.Contains(store.AuditLog(), a => a.Action == "decision:dismiss" && a.Actor == "alice" && a.Target == "account:" + account);
        Assert.Single(store.Dismissals());

        // Search by IP prefix (a /24 of the account's top address).
        var ip = store.Account(account)!.Infra.First(i => i.Kind == "ip" && i.Value.Count(c => c == '.') == 3).Value;
        var cidr = string.Join('.', ip.Split('.').Take(3)) + ".0/24";
        await page.FillAsync("#search-box", cidr);
        await page.PressAsync("#search-box", "Enter");
        await page.WaitForSelectorAsync("table.hits tbody tr");
        var hits = await page.InnerTextAsync("table.hits");
        Assert.Contains(account, hits);
        Assert.Contains(ip, hits);
        CheckShot(await page.ScreenshotAsync(new() { Path = Shot("search") }), "search page");

        Assert.Empty(external);
        Assert.Empty(errors);
    }

    private static void CheckShot(byte[] png, string what, bool red = true)
    {
        var img = Png.Read(png);
        Assert.True(img.Width >= 1400, what);
        Assert.True(img.DistinctColours() > 40, $"{what}: {img.DistinctColours()} colours");
        Assert.True(img.NonBackgroundShare() > 0.1, $"{what}: mostly blank");
        if (red) Assert.True(img.RedPixels() > 20, $"{what}: no campaign red (badges, bars, nodes)");
    }
}
