using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using DistillGuard.Dashboard.Auth;
using DistillGuard.Sharing.Export;
using DistillGuard.Sharing.Intel;
using DistillGuard.Storage;
using DistillGuard.Storage.Model;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DistillGuard.Dashboard;

/// <summary>
/// The analysts' dashboard: a single-page front end (embedded, built by Vite) and its JSON API under /api/, on Kestrel,
/// 127.0.0.1 by default. Every /api/ call but login and health needs a user: an API key as <c>Authorization: Bearer KEY</c>
/// (scripts), or the session cookie that <c>POST /api/login</c> sets (browsers). Changes made with the cookie must carry
/// the session's CSRF token in <c>X-CSRF-Token</c>. Roles: viewer reads; analyst decides (confirm, dismiss with a reason,
/// mark for sharing, reopen) and exports STIX; admin also reads the audit log. Every decision, export and login is
/// audited in the store with who, when and from where.
/// </summary>
public static class DashboardServer
{
    public const string SessionCookie = "dg_session";
    public const string CsrfHeader = "X-CSRF-Token";
    private const string UserItem = "dg.user";

    public static WebApplication Build(IResultStore store, DashboardOptions options, Action<ILoggingBuilder>? logging = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(options);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = ["--hostBuilder:reloadConfigOnChange=false"] });
        builder.WebHost.UseUrls($"http://{options.Host}:{options.Port.ToString(CultureInfo.InvariantCulture)}");
        builder.WebHost.ConfigureKestrel(k => { k.AddServerHeader = false; k.Limits.MaxRequestBodySize = 64 * 1024; });
        if (logging is not null) { builder.Logging.ClearProviders(); logging(builder.Logging); }
        builder.Services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.PropertyNamingPolicy = DashboardJson.Options.PropertyNamingPolicy;
            o.SerializerOptions.Encoder = DashboardJson.Options.Encoder;
            o.SerializerOptions.IncludeFields = true;
            o.SerializerOptions.NumberHandling = DashboardJson.Options.NumberHandling;
        });
        var app = builder.Build();
        var sessions = new SessionStore(options.SessionLifetime);
        var failures = new ConcurrentDictionary<string, (int Count, DateTimeOffset Since)>(StringComparer.Ordinal);
        var log = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("dashboard");

        app.Use(async (ctx, next) =>
        {
            var h = ctx.Response.Headers;
            h["X-Content-Type-Options"] = "nosniff";
            h["Referrer-Policy"] = "no-referrer";
            h["X-Frame-Options"] = "DENY";
            h["Content-Security-Policy"] = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";
            h["Cache-Control"] = "no-store";
            var path = ctx.Request.Path.Value ?? "";
            if (!path.StartsWith("/api/", StringComparison.Ordinal) || path is "/api/login" or "/api/health")
            {
                await next();
                return;
            }
            DashboardUser? user = null;
            string? auth = ctx.Request.Headers.Authorization;
            if (auth is not null)
            {
                if (auth.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) && options.Keys.Find(auth[7..].Trim()) is { } k)
                    user = new DashboardUser(k.User, k.Role, "api-key");
                else
                {
                    await Problem(ctx, 401, "invalid API key");
                    return;
                }
            }
            else if (ctx.Request.Cookies.TryGetValue(SessionCookie, out var sid)) user = sessions.Find(sid);
            if (user is null)
            {
                ctx.Response.Headers.WWWAuthenticate = "Bearer";
                await Problem(ctx, 401, "authentication required: Authorization: Bearer KEY, or log in");
                return;
            }
            if (!HttpMethods.IsGet(ctx.Request.Method) && !HttpMethods.IsHead(ctx.Request.Method) && user.Via == "session")
            {
                string? token = ctx.Request.Headers[CsrfHeader];
                if (token is null || user.Csrf is null || !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(token), Encoding.UTF8.GetBytes(user.Csrf)))
                {
                    await Problem(ctx, 403, "missing or wrong CSRF token");
                    return;
                }
            }
            ctx.Items[UserItem] = user;
            await next();
        });

        // ------------------------------------------------------------ page and assets (no data: public)
        app.MapGet("/", () => Results.Content(DashboardAssets.IndexHtml, "text/html; charset=utf-8"));
        app.MapGet("/assets/app.js", () => Results.Content(DashboardAssets.AppJs, "text/javascript; charset=utf-8"));
        app.MapGet("/assets/app.css", () => Results.Content(DashboardAssets.AppCss, "text/css; charset=utf-8"));
        app.MapGet("/api/health", () => Results.Json(new { ok = true }));

        // ------------------------------------------------------------ sessions
        app.MapPost("/api/login", async (HttpContext ctx) =>
        {
            string remote = Remote(ctx);
            var now = DateTimeOffset.UtcNow;
            if (failures.TryGetValue(remote, out var f) && now - f.Since < options.LoginWindow && f.Count >= options.MaxFailedLogins)
                return Results.Json(new { error = "too many failed logins; wait a few minutes" }, statusCode: 429);
            string? key = null;
            try
            {
                using var doc = await JsonDocument.ParseAsync(ctx.Request.Body);
                if (doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("key", out var k) && k.ValueKind == JsonValueKind.String) key = k.GetString();
            }
            catch (JsonException) { }
            var entry = options.Keys.Find(key);
            if (entry is null)
            {
                failures.AddOrUpdate(remote, _ => (1, now), (_, v) => now - v.Since < options.LoginWindow ? (v.Count + 1, v.Since) : (1, now));
                log.LogWarning("failed login from {Remote}", remote);
                return Results.Json(new { error = "unknown key" }, statusCode: 401);
            }
            failures.TryRemove(remote, out _);
            var user = sessions.Create(entry.User, entry.Role);
            ctx.Response.Cookies.Append(SessionCookie, user.SessionId!, new CookieOptions
            {
                HttpOnly = true,
                SameSite = SameSiteMode.Strict,
                Secure = ctx.Request.IsHttps,
                Path = "/",
                MaxAge = options.SessionLifetime,
            });
            store.Audit(user.Name, user.Role.WireName(), "login", "session", null, remote);
            return Results.Json(new { user = user.Name, role = user.Role.WireName(), csrf = user.Csrf });
        });
        app.MapGet("/api/session", (HttpContext ctx) =>
        {
            var u = User(ctx);
            return Results.Json(new { user = u.Name, role = u.Role.WireName(), csrf = u.Csrf, via = u.Via, live = options.Live is not null });
        });
        app.MapPost("/api/logout", (HttpContext ctx) =>
        {
            var u = User(ctx);
            if (u.SessionId is not null) sessions.Remove(u.SessionId);
            ctx.Response.Cookies.Delete(SessionCookie, new CookieOptions { Path = "/" });
            return Results.Json(new { ok = true });
        });

        // ------------------------------------------------------------ reading (viewer)
        app.MapGet("/api/summary", () => Results.Json(store.Summary(), DashboardJson.Options));
        app.MapGet("/api/live", () => Results.Json(new { live = options.Live is not null, stats = options.Live?.Invoke() }, DashboardJson.Options));
        app.MapGet("/api/histogram", () => Results.Json(store.ScoreHistogram(), DashboardJson.Options));
        app.MapGet("/api/campaigns", (HttpContext ctx) =>
        {
            var q = ctx.Request.Query;
            var query = new CampaignQuery
            {
                Text = q["q"],
                Target = q["target"],
                Tactic = q["tactic"],
                Status = q["status"],
                MinScore = double.TryParse(q["min_score"], NumberStyles.Float, CultureInfo.InvariantCulture, out var ms) ? ms : null,
                MinAccounts = int.TryParse(q["min_accounts"], NumberStyles.Integer, CultureInfo.InvariantCulture, out var ma) ? ma : null,
                Sort = q["sort"].ToString() is { Length: > 0 } s ? s : "score",
                Descending = q["dir"] != "asc",
                Offset = int.TryParse(q["offset"], NumberStyles.Integer, CultureInfo.InvariantCulture, out var off) ? off : 0,
                Limit = int.TryParse(q["limit"], NumberStyles.Integer, CultureInfo.InvariantCulture, out var lim) ? lim : 50,
            };
            return Results.Json(store.Campaigns(query), DashboardJson.Options);
        });
        app.MapGet("/api/campaigns/{id}", (string id) => store.Campaign(id) is { } c ? Results.Json(c, DashboardJson.Options) : NotFound("campaign", id));
        app.MapGet("/api/campaigns/{id}/graph", (string id, int? max) => Results.Json(store.CampaignGraph(id, Math.Clamp(max ?? 300, 10, 2000)), DashboardJson.Options));
        app.MapGet("/api/campaigns/{id}/activity", (string id) => Results.Json(store.CampaignActivity(id), DashboardJson.Options));
        app.MapGet("/api/accounts/{id}", (string id) => store.Account(id) is { } a ? Results.Json(a, DashboardJson.Options) : NotFound("account", id));
        app.MapGet("/api/accounts/{id}/timeline", (string id) => Results.Json(store.AccountTimeline(id), DashboardJson.Options));
        app.MapGet("/api/exchanges/{id}", (string id) => store.Exchange(id) is { } e ? Results.Json(e, DashboardJson.Options) : NotFound("exchange", id));
        app.MapGet("/api/search", (string? q, int? limit) => Results.Json(new { query = q ?? "", hits = store.Search(q ?? "", Math.Clamp(limit ?? 50, 1, 200)) }, DashboardJson.Options));
        app.MapGet("/api/decisions", (int? limit) => Results.Json(store.Decisions(limit ?? 200), DashboardJson.Options));

        // ------------------------------------------------------------ deciding and exporting (analyst)
        app.MapPost("/api/decisions", async (HttpContext ctx) =>
        {
            var u = User(ctx);
            if (u.Role < DashboardRole.Analyst) return Problem(403, "deciding needs the analyst role");
            JsonElement body;
            try
            {
                using var doc = await JsonDocument.ParseAsync(ctx.Request.Body);
                body = doc.RootElement.Clone();
            }
            catch (JsonException) { return Problem(400, "expected a JSON object {action, target_kind, target, reason}"); }
            string? Get(string n) => body.ValueKind == JsonValueKind.Object && body.TryGetProperty(n, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
            var reason = Get("reason")?.Trim();
            if (reason is { Length: > 2000 }) return Problem(400, "reason: at most 2000 characters");
            try
            {
                var d = store.Decide(new DecisionRequest(u.Name, u.Role.WireName(), Get("action") ?? "", Get("target_kind") ?? "", Get("target") ?? "",
                    string.IsNullOrEmpty(reason) ? null : reason, Remote(ctx)));
                return Results.Json(d, DashboardJson.Options, statusCode: 201);
            }
            catch (ArgumentException e) { return Problem(400, e.Message); }
            catch (KeyNotFoundException e) { return Problem(404, e.Message); }
        });
        app.MapGet("/api/export/stix", (HttpContext ctx, string? campaign) =>
        {
            var u = User(ctx);
            if (u.Role < DashboardRole.Analyst) return Problem(403, "exporting needs the analyst role");
            var ids = campaign is { Length: > 0 } ? [campaign]
                : store.Campaigns(new CampaignQuery { Status = "shared", Limit = 500 }).Items.Select(c => c.Id).ToList();
            if (ids.Count == 0) return Problem(404, "no campaign is marked for sharing (or name one: ?campaign=ID)");
            var intel = new List<CampaignIntel>();
            foreach (var id in ids)
            {
                var d = store.Campaign(id, int.MaxValue);
                if (d is null) return NotFound("campaign", id);
                intel.Add(Intel(d, store.Observables(id)));
            }
            var bundle = StixExporter.Export(intel, new ExportOptions { Producer = options.Producer });
            store.Audit(u.Name, u.Role.WireName(), "export:stix", string.Join(",", ids), $"{bundle["objects"]!.AsArray().Count} STIX object(s)", Remote(ctx));
            ctx.Response.Headers.ContentDisposition = $"attachment; filename=\"distillguard-{(ids.Count == 1 ? ids[0] : "shared")}.stix.json\"";
            return Results.Text(bundle.ToJsonString(StixExporter.Json), "application/stix+json;version=2.1");
        });

        // ------------------------------------------------------------ audit (admin)
        app.MapGet("/api/audit", (HttpContext ctx, int? limit) =>
            User(ctx).Role < DashboardRole.Admin ? Problem(403, "the audit log needs the admin role") : Results.Json(store.AuditLog(limit ?? 200), DashboardJson.Options));
        return app;
    }

    /// <summary>A stored campaign as the STIX exporter's input.</summary>
    internal static CampaignIntel Intel(CampaignDetail d, IReadOnlyList<(string Kind, string Value, int Members, long Exchanges)> observables)
    {
        var kinds = Enum.GetValues<ObservableKind>().ToDictionary(k => k.WireName(), StringComparer.Ordinal);
        return new CampaignIntel
        {
            CampaignId = d.Campaign.Id,
            Accounts = d.Campaign.Accounts,
            Exchanges = d.Campaign.Exchanges,
            FirstSeen = d.Campaign.FirstSeen,
            LastSeen = d.Campaign.LastSeen,
            Targets = d.Campaign.Targets,
            Tactics = d.Campaign.Tactics,
            Score = d.Campaign.Score,
            MemberAccounts = d.Members.Select(m => m.Account).ToList(),
            Observables = observables.Where(o => kinds.ContainsKey(o.Kind))
                .Select(o => new Observable { Kind = kinds[o.Kind], Value = o.Value, Members = o.Members, Exchanges = o.Exchanges }).ToList(),
        };
    }

    private static DashboardUser User(HttpContext ctx) => (DashboardUser)ctx.Items[UserItem]!;

    private static string Remote(HttpContext ctx) => ctx.Connection.RemoteIpAddress?.ToString() ?? "";

    private static IResult Problem(int status, string error) => Results.Json(new { error }, statusCode: status);

    private static IResult NotFound(string what, string id) => Problem(404, $"no {what} '{id}'");

    private static async Task Problem(HttpContext ctx, int status, string error)
    {
        ctx.Response.StatusCode = status;
        await ctx.Response.WriteAsJsonAsync(new { error });
    }
}
