using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using DistillGuard.Sharing.Policy;

namespace DistillGuard.Sharing.Taxii;

/// <summary>TAXII 2.1 client: pull a partner's collection (following <c>next</c> until <c>more</c> is false) and push
/// objects to it. <see cref="PushAsync"/> applies the TLP policy for the partner first and records the decision in
/// the audit log, so a TLP:RED object never reaches the wire.</summary>
public sealed class TaxiiClient(HttpClient http, Uri apiRoot, string apiKey)
{
    public const string MediaType = "application/taxii+json;version=2.1";

    public Task<JsonObject> GetCollectionsAsync(CancellationToken ct = default) => GetAsync("collections/", ct);

    /// <summary>Every object of a collection added after <paramref name="addedAfter"/>, page by page.</summary>
    public async Task<IReadOnlyList<JsonObject>> GetObjectsAsync(string collection, DateTimeOffset? addedAfter = null, int pageSize = 100, CancellationToken ct = default)
    {
        var all = new List<JsonObject>();
        string? next = null;
        do
        {
            var q = new List<string> { "limit=" + pageSize.ToString(CultureInfo.InvariantCulture) };
            if (addedAfter is { } a) q.Add("added_after=" + Uri.EscapeDataString(a.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture)));
            if (next is not null) q.Add("next=" + Uri.EscapeDataString(next));
            var page = await GetAsync($"collections/{Uri.EscapeDataString(collection)}/objects/?{string.Join("&", q)}", ct);
            all.AddRange((page["objects"] as JsonArray ?? []).OfType<JsonObject>().Select(o => (JsonObject)o.DeepClone()));
            next = page["more"]?.GetValue<bool>() == true ? page["next"]?.GetValue<string>() : null;
        } while (next is not null);
        return all;
    }

    /// <summary>POSTs an envelope; returns the status resource.</summary>
    public async Task<JsonObject> AddObjectsAsync(string collection, IEnumerable<JsonObject> objects, CancellationToken ct = default)
    {
        var env = new JsonObject { ["objects"] = new JsonArray(objects.Select(o => o.Parent is null ? (JsonNode)o : o.DeepClone()).ToArray()) };
        using var req = Request(HttpMethod.Post, $"collections/{Uri.EscapeDataString(collection)}/objects/");
        req.Content = new StringContent(env.ToJsonString(), Encoding.UTF8);
        req.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(MediaType);
        return await SendAsync(req, ct);
    }

    /// <summary>Filters <paramref name="objects"/> for <paramref name="partner"/> under <paramref name="policy"/>, records
    /// the decision, and pushes what may leave. Returns the decision and the server's status.</summary>
    public async Task<(PolicyDecision Decision, JsonObject? Status)> PushAsync(string collection, IEnumerable<JsonObject> objects, SharingPolicy policy, string partner, AuditLog? audit, CancellationToken ct = default)
    {
        var decision = policy.Filter(objects, partner);
        audit?.Record("taxii-push", partner, decision, collection);
        if (decision.Allowed.Count == 0) return (decision, null);
        return (decision, await AddObjectsAsync(collection, decision.Allowed, ct));
    }

    private async Task<JsonObject> GetAsync(string relative, CancellationToken ct)
    {
        using var req = Request(HttpMethod.Get, relative);
        return await SendAsync(req, ct);
    }

    private HttpRequestMessage Request(HttpMethod method, string relative)
    {
        var req = new HttpRequestMessage(method, new Uri(apiRoot, relative));
        req.Headers.Accept.Add(MediaTypeWithQualityHeaderValue.Parse(MediaType));
        req.Headers.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        return req;
    }

    private async Task<JsonObject> SendAsync(HttpRequestMessage req, CancellationToken ct)
    {
        using var resp = await http.SendAsync(req, ct);
        var text = await resp.Content.ReadAsStringAsync(ct);
        if (!resp.IsSuccessStatusCode)
        {
            string detail = text;
            try { detail = JsonNode.Parse(text)?["description"]?.GetValue<string>() ?? text; } catch (System.Text.Json.JsonException) { }
            throw new TaxiiException(resp.StatusCode, $"TAXII {req.Method} {req.RequestUri}: {(int)resp.StatusCode} {detail}");
        }
        return JsonNode.Parse(text) as JsonObject ?? throw new TaxiiException(resp.StatusCode, $"TAXII {req.RequestUri}: response is not a JSON object");
    }
}

/// <summary>A TAXII request the server refused (status code kept) or answered with something unreadable.</summary>
public sealed class TaxiiException(HttpStatusCode status, string message) : Exception(message)
{
    public HttpStatusCode Status { get; } = status;
}
