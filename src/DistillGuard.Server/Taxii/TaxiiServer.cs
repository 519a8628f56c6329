using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using DistillGuard.Sharing.Stix;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace DistillGuard.Server.Taxii;

/// <summary>TAXII 2.1 server: discovery, one API root, collections, objects (GET with added_after, limit/next and
/// match[id|type|version|spec_version] filters; POST), object by id, versions, manifest and status. Every request
/// needs a partner's API key (<c>Authorization: Bearer KEY</c>); each key reads and writes only its collections. TLP
/// policy applies to everything served. Kestrel listens on 127.0.0.1 only.</summary>
public sealed class TaxiiServer
{
    private readonly TaxiiOptions _o;
    private readonly Dictionary<string, JsonObject> _status = new(StringComparer.Ordinal);
    private readonly Lock _statusGate = new();

    public TaxiiServer(TaxiiOptions options, CollectionStore? store = null)
    {
        _o = options;
        Store = store ?? new CollectionStore();
    }

    public CollectionStore Store { get; }

    /// <summary>Builds the web application listening on 127.0.0.1:<paramref name="port"/> (0 = any free port).</summary>
    public WebApplication Build(int port)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = ["--hostBuilder:reloadConfigOnChange=false"] });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, port));
        var app = builder.Build();
        Map(app);
        return app;
    }

    public void Map(WebApplication app)
    {
        string r = "/" + _o.ApiRoot;
        app.MapGet("/taxii2/", (HttpContext c) => Guard(c, null, false, _ => Ok(new JsonObject
        {
            ["title"] = _o.Title,
            ["description"] = "DistillGuard campaign intelligence (STIX 2.1)",
            ["default"] = r + "/",
            ["api_roots"] = new JsonArray((JsonNode)(r + "/")),
        })));
        app.MapGet(r + "/", (HttpContext c) => Guard(c, null, false, _ => Ok(new JsonObject
        {
            ["title"] = _o.Title,
            ["versions"] = new JsonArray((JsonNode)TaxiiMedia.Taxii),
            ["max_content_length"] = 64 * 1024 * 1024,
        })));
        app.MapGet(r + "/collections/", (HttpContext c) => Guard(c, null, false, g => Ok(new JsonObject
        {
            ["collections"] = new JsonArray(_o.Collections.Where(col => g.Read.Contains(col.Id) || g.Write.Contains(col.Id)).Select(col => (JsonNode)Describe(col, g)).ToArray()),
        })));
        app.MapGet(r + "/collections/{cid}/", (HttpContext c, string cid) => Guard(c, cid, false, g => Ok(Describe(Collection(cid)!, g)), anyRight: true));
        app.MapGet(r + "/collections/{cid}/objects/", (HttpContext c, string cid) => Guard(c, cid, false, g => GetObjects(c, cid, g, null)));
        app.MapPost(r + "/collections/{cid}/objects/", (HttpContext c, string cid) => Guard(c, cid, true, g => AddObjects(c, cid, g)));
        app.MapGet(r + "/collections/{cid}/objects/{oid}/", (HttpContext c, string cid, string oid) => Guard(c, cid, false, g => GetObjects(c, cid, g, oid)));
        app.MapGet(r + "/collections/{cid}/objects/{oid}/versions/", (HttpContext c, string cid, string oid) => Guard(c, cid, false, g => Versions(c, cid, g, oid)));
        app.MapGet(r + "/collections/{cid}/manifest/", (HttpContext c, string cid) => Guard(c, cid, false, g => Manifest(c, cid, g)));
        app.MapGet(r + "/status/{sid}/", (HttpContext c, string sid) => Guard(c, null, false, g =>
        {
            lock (_statusGate)
                return _status.TryGetValue(sid, out var s) && s["x_partner"]?.GetValue<string>() == g.Partner
                    ? Ok(Without(s, "x_partner")) : Error(404, "unknown status", $"no status {sid}");
        }));
    }

    private TaxiiCollection? Collection(string id) => _o.Collections.FirstOrDefault(c => c.Id == id);

    private static JsonObject Describe(TaxiiCollection col, TaxiiClientGrant g) => new()
    {
        ["id"] = col.Id,
        ["title"] = col.Title,
        ["description"] = col.Description,
        ["can_read"] = g.Read.Contains(col.Id),
        ["can_write"] = g.Write.Contains(col.Id),
        ["media_types"] = new JsonArray((JsonNode)TaxiiMedia.Stix),
    };

    private IResult Guard(HttpContext c, string? collection, bool write, Func<TaxiiClientGrant, IResult> then, bool anyRight = false)
    {
        if (!TaxiiMedia.Accepts(c.Request.Headers.Accept.ToString()))
            return Error(406, "not acceptable", $"this server speaks {TaxiiMedia.Taxii}");
        var grant = Authenticate(c.Request.Headers.Authorization.ToString());
        if (grant is null)
        {
            c.Response.Headers.WWWAuthenticate = "Bearer realm=\"taxii\"";
            return Error(401, "unauthorized", "a valid partner API key is required (Authorization: Bearer KEY)");
        }
        if (collection is not null)
        {
            if (Collection(collection) is null) return Error(404, "unknown collection", $"no collection {collection}");
            bool allowed = anyRight ? grant.Read.Contains(collection) || grant.Write.Contains(collection)
                : write ? grant.Write.Contains(collection) : grant.Read.Contains(collection);
            if (!allowed) return Error(403, "forbidden", $"{grant.Partner} may not {(write ? "write to" : "read")} collection {collection}");
        }
        return then(grant);
    }

    private TaxiiClientGrant? Authenticate(string header)
    {
        const string bearer = "Bearer ";
        if (!header.StartsWith(bearer, StringComparison.OrdinalIgnoreCase)) return null;
        var presented = Encoding.UTF8.GetBytes(header[bearer.Length..].Trim());
        TaxiiClientGrant? match = null;
        foreach (var g in _o.Clients)
            if (CryptographicOperations.FixedTimeEquals(SHA256.HashData(presented), SHA256.HashData(Encoding.UTF8.GetBytes(g.ApiKey)))) match = g;
        return match;
    }

    /// <summary>Versions the filters select, TLP policy applied over the whole collection so that references resolve.</summary>
    private List<StoredObject> Select(HttpContext c, string cid, TaxiiClientGrant g, string? objectId, out string? error, bool applyVersion = true)
    {
        error = null;
        var q = c.Request.Query;
        var all = Store.All(cid);
        // Policy: decided on the latest version of every object for this partner.
        var latest = all.GroupBy(s => s.Id).Select(grp => grp.MaxBy(s => s.Version, StringComparer.Ordinal)!.Object).ToList();
        var decision = _o.Policy.Filter(latest, g.Partner);
        var allowed = decision.Allowed.ToDictionary(o => o["id"]!.GetValue<string>(), StringComparer.Ordinal);
        IEnumerable<StoredObject> sel = all.Where(s => !decision.Withheld.ContainsKey(s.Id))
            .Select(s => allowed.TryGetValue(s.Id, out var a) && a["object_refs"] is not null && !ReferenceEquals(a, s.Object) ? s with { Object = a } : s);
        if (objectId is not null) sel = sel.Where(s => s.Id == objectId);
        if (q.TryGetValue("added_after", out var aa))
        {
            if (!DateTimeOffset.TryParse(aa.ToString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var after)) { error = "added_after must be a timestamp"; return []; }
            sel = sel.Where(s => s.DateAdded > after);
        }
        if (q.TryGetValue("match[id]", out var ids)) { var set = Split(ids); sel = sel.Where(s => set.Contains(s.Id)); }
        if (q.TryGetValue("match[type]", out var types)) { var set = Split(types); sel = sel.Where(s => set.Contains(s.Object["type"]?.GetValue<string>() ?? "")); }
        if (q.TryGetValue("match[spec_version]", out var sv)) { var set = Split(sv); sel = sel.Where(s => set.Contains(s.Object["spec_version"]?.GetValue<string>() ?? "2.1")); }
        var list = sel.ToList();
        if (applyVersion)
        {
            var versions = q.TryGetValue("match[version]", out var v) ? Split(v) : new HashSet<string> { "last" };
            if (!versions.Contains("all"))
            {
                list = list.GroupBy(s => s.Id).SelectMany(grp =>
                {
                    var ordered = grp.OrderBy(s => s.Version, StringComparer.Ordinal).ToList();
                    var pick = new List<StoredObject>();
                    if (versions.Contains("last")) pick.Add(ordered[^1]);
                    if (versions.Contains("first")) pick.Add(ordered[0]);
                    pick.AddRange(ordered.Where(s => versions.Contains(s.Version)));
                    return pick.Distinct();
                }).ToList();
            }
        }
        _o.Audit?.Record("taxii-get", g.Partner, new Sharing.Policy.PolicyDecision(list.Select(s => s.Object).ToList(), decision.Withheld), cid);
        return list.OrderBy(s => s.DateAdded).ToList();
    }

    private IResult Page<T>(HttpContext c, List<StoredObject> items, string arrayName, Func<StoredObject, JsonNode> shape, out bool any)
    {
        var q = c.Request.Query;
        int limit = _o.MaxPageSize;
        if (q.TryGetValue("limit", out var l) && (!int.TryParse(l, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit < 1))
        { any = false; return Error(400, "bad limit", "limit must be a positive integer"); }
        limit = Math.Min(limit, _o.MaxPageSize);
        int offset = 0;
        if (q.TryGetValue("next", out var n) && (!int.TryParse(n, NumberStyles.None, CultureInfo.InvariantCulture, out offset) || offset > items.Count))
        { any = false; return Error(400, "bad next", "next is not a value this server gave"); }
        var page = items.Skip(offset).Take(limit).ToList();
        any = page.Count > 0;
        bool more = offset + page.Count < items.Count;
        var body = new JsonObject { ["more"] = more };
        if (more) body["next"] = (offset + page.Count).ToString(CultureInfo.InvariantCulture);
        body[arrayName] = new JsonArray(page.Select(shape).ToArray());
        if (page.Count > 0)
        {
            c.Response.Headers["X-TAXII-Date-Added-First"] = Ts(page[0].DateAdded);
            c.Response.Headers["X-TAXII-Date-Added-Last"] = Ts(page[^1].DateAdded);
        }
        return Ok(body);
    }

    private IResult GetObjects(HttpContext c, string cid, TaxiiClientGrant g, string? oid)
    {
        var items = Select(c, cid, g, oid, out var error);
        if (error is not null) return Error(400, "bad filter", error);
        if (oid is not null && items.Count == 0) return Error(404, "unknown object", $"no object {oid} visible to {g.Partner} in {cid}");
        return Page<JsonObject>(c, items, "objects", s => s.Object.DeepClone(), out _);
    }

    private IResult Versions(HttpContext c, string cid, TaxiiClientGrant g, string oid)
    {
        var items = Select(c, cid, g, oid, out var error, applyVersion: false);
        if (error is not null) return Error(400, "bad filter", error);
        if (items.Count == 0) return Error(404, "unknown object", $"no object {oid} visible to {g.Partner} in {cid}");
        return Page<JsonObject>(c, items, "versions", s => JsonValue.Create(s.Version)!, out _);
    }

    private IResult Manifest(HttpContext c, string cid, TaxiiClientGrant g)
    {
        var items = Select(c, cid, g, null, out var error);
        if (error is not null) return Error(400, "bad filter", error);
        return Page<JsonObject>(c, items, "objects", s => new JsonObject
        {
            ["id"] = s.Id,
            ["date_added"] = Ts(s.DateAdded),
            ["version"] = s.Version,
            ["media_type"] = TaxiiMedia.Stix,
        }, out _);
    }

    private IResult AddObjects(HttpContext c, string cid, TaxiiClientGrant g)
    {
        if (!TaxiiMedia.IsTaxii(c.Request.ContentType)) return Error(415, "unsupported media type", $"POST needs Content-Type: {TaxiiMedia.Taxii}");
        JsonNode? body;
        try
        {
            using var reader = new StreamReader(c.Request.Body, Encoding.UTF8);
            body = JsonNode.Parse(reader.ReadToEndAsync().GetAwaiter().GetResult());
        }
        catch (JsonException e) { return Error(400, "bad envelope", e.Message); }
        if (body is not JsonObject env || env["objects"] is not JsonArray arr) return Error(400, "bad envelope", "expected {\"objects\":[...]}");
        var now = _o.Clock();
        var good = new List<JsonObject>();
        var failures = new JsonArray();
        foreach (var node in arr)
        {
            if (node is JsonObject o && o["type"]?.GetValue<string>() is { } t && o["id"]?.GetValue<string>() is { } id && id.StartsWith(t + "--", StringComparison.Ordinal))
                good.Add(o);
            else failures.Add((JsonNode)new JsonObject { ["id"] = (node as JsonObject)?["id"]?.DeepClone(), ["message"] = "not a STIX object (needs type and a matching id)" });
        }
        var results = Store.Add(cid, good, now);
        _o.Audit?.Record("taxii-received", g.Partner, new Sharing.Policy.PolicyDecision(good, new Dictionary<string, string>()), cid);
        string sid = StixId.V5(StixId.DistillGuardNamespace, g.Partner + "|" + cid + "|" + now.Ticks + "|" + Guid.NewGuid()).ToString();
        var status = new JsonObject
        {
            ["id"] = sid,
            ["status"] = "complete",
            ["request_timestamp"] = Ts(now),
            ["total_count"] = arr.Count,
            ["success_count"] = results.Count,
            ["successes"] = new JsonArray(results.Select(x => (JsonNode)new JsonObject { ["id"] = x.Id, ["version"] = x.Version, ["message"] = x.Added ? "added" : "already present" }).ToArray()),
            ["failure_count"] = failures.Count,
            ["failures"] = failures,
            ["pending_count"] = 0,
            ["x_partner"] = g.Partner,
        };
        lock (_statusGate) _status[sid] = status;
        return Ok(Without(status, "x_partner"), 202);
    }

    private static JsonObject Without(JsonObject o, string name)
    {
        var copy = (JsonObject)o.DeepClone();
        copy.Remove(name);
        return copy;
    }

    private static HashSet<string> Split(Microsoft.Extensions.Primitives.StringValues v) =>
        v.SelectMany(s => (s ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToHashSet(StringComparer.Ordinal);

    private static string Ts(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static IResult Ok(JsonObject body, int status = 200) =>
        Results.Text(body.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }), TaxiiMedia.Taxii, Encoding.UTF8, status);

    private static IResult Error(int status, string title, string description) =>
        Ok(new JsonObject { ["title"] = title, ["description"] = description, ["http_status"] = status.ToString(CultureInfo.InvariantCulture) }, status);
}
