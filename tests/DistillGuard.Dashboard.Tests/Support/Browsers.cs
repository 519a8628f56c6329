using Microsoft.Playwright;

namespace DistillGuard.Dashboard.Tests.Support;

/// <summary>Debian's Chromium through Playwright (no browser download): /usr/bin/chromium, --no-sandbox as root.</summary>
public static class Browsers
{
    public sealed class Session : IAsyncDisposable
    {
        public required IPlaywright Playwright { get; init; }
        public required IBrowser Browser { get; init; }

        public Task<IPage> NewPageAsync(BrowserNewPageOptions? o = null) => Browser.NewPageAsync(o);

        public async ValueTask DisposeAsync()
        {
            await Browser.CloseAsync();
            Playwright.Dispose();
        }
    }

    public static async Task<Session> LaunchAsync()
    {
        var pw = await Microsoft.Playwright.Playwright.CreateAsync();
        var browser = await pw.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Servers.Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
        });
        return new Session { Playwright = pw, Browser = browser };
    }
}

/// <summary>Where screenshots go: DG_TEST_ARTIFACTS or a temp folder (kept after the run, for a person to look at).</summary>
public static class Artifacts
{
    public static string Dir { get; } = Directory.CreateDirectory(Environment.GetEnvironmentVariable("DG_TEST_ARTIFACTS") is { Length: > 0 } d ? d
        : Path.Combine(Path.GetTempPath(), "distillguard-dashboard-screens")).FullName;
}
