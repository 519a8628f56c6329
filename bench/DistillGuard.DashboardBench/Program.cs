using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using DistillGuard.Dashboard;
using DistillGuard.Dashboard.Auth;
using DistillGuard.DashboardBench;
using DistillGuard.Storage;
using Microsoft.Playwright;

// Dashboard latency at scale: fills a store with a synthetic analysis (default 50 K accounts, 1 K campaigns), serves it on
// 127.0.0.1 and times the main API calls (sequential requests, p50/p99) and page loads in Chromium (login to table, campaign
// page to graph drawn, account page). Usage: dashboard-bench --store FILE.duckdb|postgresql://… [--accounts N] [--campaigns M]
// [--hours H] [--requests R] [--no-browser]
var a = args.ToList();
string Arg(string name, string def) { int i = a.IndexOf(name); return i >= 0 && i + 1 < a.Count ? a[i + 1] : def; }
string storeArg = Arg("--store", Path.Combine(Path.GetTempPath(), "dg-bench.duckdb"));
int accounts = int.Parse(Arg("--accounts", "50000"), CultureInfo.InvariantCulture);
int campaigns = int.Parse(Arg("--campaigns", "1000"), CultureInfo.InvariantCulture);
int hours = int.Parse(Arg("--hours", "24"), CultureInfo.InvariantCulture);
int requests = int.Parse(Arg("--requests", "200"), CultureInfo.InvariantCulture);
bool browser = !a.Contains("--no-browser") && File.Exists("/usr/bin/chromium");

if (!ResultStores.IsPostgres(storeArg) && File.Exists(storeArg)) File.Delete(storeArg);
var sw = Stopwatch.StartNew();
var snap = SyntheticStore.Build(accounts, campaigns, hours);
long rows = snap.Rows.Values.Sum(r => (long)r.Count);
Console.WriteLine($"synthetic analysis: {accounts:N0} accounts, {snap.Rows["campaigns"].Count:N0} campaigns, {rows:N0} rows ({sw.Elapsed.TotalSeconds:N1} s)");
using var store = ResultStores.Open(storeArg);
sw.Restart();
store.Write(snap);
Console.WriteLine($"written to {store.Description} in {sw.Elapsed.TotalSeconds:N1} s");
snap = null;
GC.Collect();

const string key = "bench-key-0123456789abcdef";
var keys = new ApiKeyStore([new ApiKeyEntry("bench", DashboardRole.Analyst, Convert.FromHexString(ApiKeyStore.Hash(key)))]);
var app = DashboardServer.Build(store, new DashboardOptions { Port = 0, Keys = keys }, _ => { });
await app.StartAsync();
string url = app.Urls.First().TrimEnd('/');
using var http = new HttpClient { BaseAddress = new Uri(url + "/") };
http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);

var top = store.Campaigns(new() { Sort = "accounts" }).Items[0].Id;
var mid = $"C-{campaigns / 2:0000}";
var member = store.Campaign(top, 1)!.Members[0].Account;
var calls = new (string Name, Func<int, string> Path)[]
{
    ("summary", _ => "api/summary"),
    ("campaigns (score, page 1)", _ => "api/campaigns"),
    ("campaigns (sorted, filtered, page n)", i => $"api/campaigns?sort=accounts&dir=asc&target=coding&offset={i % 10 * 50}"),
    ("campaigns (text search)", i => $"api/campaigns?q=acct_{i * 37 % accounts:000000}"),
    ("campaign detail (largest)", _ => $"api/campaigns/{top}"),
    ("campaign detail (other)", i => $"api/campaigns/C-{1 + i * 13 % campaigns:0000}"),
    ("campaign graph (largest)", _ => $"api/campaigns/{top}/graph"),
    ("campaign activity (largest)", _ => $"api/campaigns/{top}/activity"),
    ("account detail", i => $"api/accounts/acct_{i * 101 % accounts:000000}"),
    ("account timeline", i => $"api/accounts/acct_{i * 101 % accounts:000000}/timeline"),
    ("search IP prefix", i => $"api/search?q=10.{i % 250}.0.0/16"),
    ("search account", i => $"api/search?q=acct_{i * 7 % accounts:000000}"),
    ("score histogram", _ => "api/histogram"),
    ("page: index.html", _ => ""),
    ("page: app.js (1 MB)", _ => "assets/app.js"),
};
Console.WriteLine();
Console.WriteLine($"| call | p50 ms | p99 ms | max ms |");
Console.WriteLine($"|---|---:|---:|---:|");
foreach (var (name, path) in calls)
{
    for (int i = 0; i < 3; i++) (await http.GetAsync(path(i))).EnsureSuccessStatusCode();   // warm-up
    var ms = new List<double>();
    for (int i = 0; i < requests; i++)
    {
        var t = Stopwatch.GetTimestamp();
        using var r = await http.GetAsync(path(i), HttpCompletionOption.ResponseContentRead);
        r.EnsureSuccessStatusCode();
        ms.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
    }
    ms.Sort();
    Console.WriteLine($"| {name} | {P(ms, 0.5):0.0} | {P(ms, 0.99):0.0} | {ms[^1]:0.0} |");
}

if (browser)
{
    using var pw = await Playwright.CreateAsync();
    await using var b = await pw.Chromium.LaunchAsync(new() { ExecutablePath = "/usr/bin/chromium", Args = ["--no-sandbox", "--disable-gpu"] });
    var page = await b.NewPageAsync(new() { ViewportSize = new() { Width = 1400, Height = 1000 } });
    await page.GotoAsync(url + "/");
    await page.FillAsync("#login-key", key);
    await page.ClickAsync("#login-button");
    await page.WaitForSelectorAsync("table.campaigns tbody tr");
    var pages = new (string Name, string Hash, string Ready)[]
    {
        ("campaign list (table drawn)", "#/", "table.campaigns tbody tr"),
        ("largest campaign (card, plots, graph drawn)", $"#/campaign/{top}", "#p-graph canvas"),
        ("other campaign (graph drawn)", $"#/campaign/{mid}", "#p-graph canvas"),
        ("account page (timeline drawn)", $"#/account/{member}", "#p-timeline canvas"),
        ("search IP prefix (results)", "#/search/10.3.0.0%2F16", "table.hits tbody tr"),
    };
    Console.WriteLine();
    Console.WriteLine("| page (Chromium, navigation to drawn) | p50 ms | max ms |");
    Console.WriteLine("|---|---:|---:|");
    foreach (var (name, hash, ready) in pages)
    {
        var ms = new List<double>();
        for (int i = 0; i < 7; i++)
        {
            await page.GotoAsync(url + "/#/decisions");
            await page.WaitForSelectorAsync("table.decision-log, section.card h2");
            var t = Stopwatch.GetTimestamp();
            await page.EvaluateAsync($"() => {{ location.hash = '{hash}'; }}");
            if (hash == "#/") await page.WaitForSelectorAsync("#score-plot canvas");
            await page.WaitForSelectorAsync(ready);
            ms.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
        }
        ms.Sort();
        Console.WriteLine($"| {name} | {P(ms, 0.5):0} | {ms[^1]:0} |");
    }
}
await app.StopAsync();

static double P(List<double> sorted, double q) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(q * sorted.Count) - 1)];
