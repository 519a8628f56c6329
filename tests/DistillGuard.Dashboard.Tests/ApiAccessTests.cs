using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DistillGuard.Core.Verdicts;
using DistillGuard.Dashboard.Tests.Support;

namespace DistillGuard.Dashboard.Tests;

/// <summary>Who may do what on the JSON API: keys, sessions, roles, CSRF, audit.</summary>
[Collection(ScenarioCollection.Name)]
public sealed class ApiAccessTests
{
    private readonly ScenarioFixture _fx;

    public ApiAccessTests(ScenarioFixture fx)
    {
        _fx = fx;
    }

    [Fact]
    public async Task Api_KeysRolesSessionsAndCsrf_AreEnforced()
    {
        await using var host = await DashboardHost.StartAsync(_fx.Shared("duckdb"));
        using var anon = host.Client();
        Assert.Equal(HttpStatusCode.OK, (await anon.GetAsync("/")).StatusCode);            // the page itself has no data
        Assert.Equal(HttpStatusCode.Unauthorized, (await anon.GetAsync("api/campaigns")).StatusCode);
        using var wrong = host.Client("not-a-key-at-all-0000");
        Assert.Equal(HttpStatusCode.Unauthorized, (await wrong.GetAsync("api/campaigns")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anon.PostAsJsonAsync("api/login", new { key = "wrong" })).StatusCode);

        using var viewer = host.Client(DashboardHost.ViewerKey);
        var list = await viewer.GetFromJsonAsync<JsonElement>("api/campaigns?sort=accounts");
        Assert.Equal(_fx.Result.Campaigns.Count, list.GetProperty("total").GetInt32());
        var top = list.GetProperty("items")[0].GetProperty("id").GetString()!;
        Assert.Equal(HttpStatusCode.OK, (await viewer.GetAsync($"api/campaigns/{top}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await viewer.GetAsync("api/campaigns/C-9999")).StatusCode);
        var watch = _fx.Result.Verdicts.Last(v => v.Verdict == VerdictKind.Watch).Account;
        var decision = new { action = "confirm", target_kind = "account", target = watch };
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.PostAsJsonAsync("api/decisions", decision)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.GetAsync("api/export/stix?campaign=" + top)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.GetAsync("api/audit")).StatusCode);

        // A browser session: the cookie alone cannot change anything; with the CSRF token it can.
        var jar = new CookieContainer();
        using var browser = new HttpClient(new HttpClientHandler { CookieContainer = jar }) { BaseAddress = new Uri(host.Url + "/") };
        var login = await browser.PostAsJsonAsync("api/login", new { key = DashboardHost.AnalystKey });
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        var cookie = login.Headers.GetValues("Set-Cookie").Single();
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        var csrf = (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("csrf").GetString()!;
        Assert.Equal(HttpStatusCode.Forbidden, (await browser.PostAsJsonAsync("api/decisions", decision)).StatusCode);
        var withToken = new HttpRequestMessage(HttpMethod.Post, "api/decisions") { Content = JsonContent.Create(decision) };
        withToken.Headers.Add("X-CSRF-Token", csrf);
        var made = await browser.SendAsync(withToken);
        Assert.Equal(HttpStatusCode.Created, made.StatusCode);
        var row = await made.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("alice", row.GetProperty("actor").GetString());

        // An API key needs no CSRF token (it is not sent by the browser on its own).
        using var analyst = host.Client(DashboardHost.AnalystKey);
        var dismiss = await analyst.PostAsJsonAsync("api/decisions", new { action = "dismiss", target_kind = "account", target = watch });
        Assert.Equal(HttpStatusCode.BadRequest, dismiss.StatusCode);   // a dismissal needs a reason
        var stix = await analyst.GetAsync("api/export/stix?campaign=" + top);
        Assert.Equal(HttpStatusCode.OK, stix.StatusCode);
        var bundle = JsonDocument.Parse(await stix.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("bundle", bundle.GetProperty("type").GetString());
        Assert.Contains(bundle.GetProperty("objects").EnumerateArray(), o => o.GetProperty("type").GetString() == "campaign");

        using var admin = host.Client(DashboardHost.AdminKey);
        var audit = await admin.GetFromJsonAsync<JsonElement>("api/audit");
        var entries = audit.EnumerateArray().ToList();
        Assert.Contains(entries, e => e.GetProperty("action").GetString() == "decision:confirm" && e.GetProperty("actor").GetString() == "alice"
            && e.GetProperty("target").GetString() == "account:" + watch && e.GetProperty("remote").GetString() == "127.0.0.1");
        Assert.Contains(entries, e => e.GetProperty("action").GetString() == "export:stix" && e.GetProperty("target").GetString() == top);
        Assert.Contains(entries, e => e.GetProperty("action").GetString() == "login" && e.GetProperty("actor").GetString() == "alice");

        var logout = new HttpRequestMessage(HttpMethod.Post, "api/logout");
        logout.Headers.Add("X-CSRF-Token", csrf);
        Assert.Equal(HttpStatusCode.OK, (await browser.SendAsync(logout)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("api/summary")).StatusCode);
    }

    [Fact]
    public async Task Api_ServesOnlyLoopbackAndSetsSecurityHeaders()
    {
        await using var host = await DashboardHost.StartAsync(_fx.Shared("duckdb"));
        Assert.StartsWith("http://127.0.0.1:", host.Url);
        using var c = host.Client();
        var r = await c.GetAsync("/");
        Assert.Contains("default-src 'self'", r.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal("nosniff", r.Headers.GetValues("X-Content-Type-Options").Single());
        var js = await c.GetStringAsync("assets/app.js");
        Assert.True(js.Length > 100_000);
    }
}
