using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using DistillGuard.Server.Taxii;
using DistillGuard.Sharing.Export;
using DistillGuard.Sharing.Stix;
using DistillGuard.Sharing.Taxii;
using DistillGuard.Sharing.Tests.Support;

namespace DistillGuard.Server.Tests;

public class TaxiiServerTests
{
    private const string Inbox = "4d3c2b1a-0000-4000-8000-00000000beef";
    private const string Private = "4d3c2b1a-0000-4000-8000-00000000cafe";

    private static TaxiiOptions Options() => new()
    {
        Collections = [new TaxiiCollection { Id = Inbox, Title = "inbox" }, new TaxiiCollection { Id = Private, Title = "private" }],
        Clients =
        [
            new TaxiiClientGrant { Partner = "lab-a", ApiKey = "key-a-0123456789", Read = [Inbox], Write = [Inbox] },
            new TaxiiClientGrant { Partner = "lab-c", ApiKey = "key-c-0123456789", Read = [Inbox], Write = [] },
        ],
        Policy = RunningServer.Policy(),
        Clock = () => Keyrings.Now,
    };

    private static List<JsonObject> Indicators(int n, TlpLevel tlp) => Enumerable.Range(0, n).Select(i => new JsonObject
    {
        ["type"] = "indicator",
        ["spec_version"] = "2.1",
        ["id"] = StixId.For("indicator", $"t{i}{tlp}"),
        ["created"] = "2026-03-01T00:00:00.000Z",
        ["modified"] = "2026-03-01T00:00:00.000Z",
        ["pattern"] = $"[ipv4-addr:value = '198.51.100.{i}']",
        ["pattern_type"] = "stix",
        ["valid_from"] = "2026-03-01T00:00:00.000Z",
        ["object_marking_refs"] = new JsonArray(Tlp.MarkingId(tlp)),
    }).ToList();

    [Fact]
    public async Task Requests_WithoutOrWithWrongKey_AreRefused401()
    {
        await using var s = await RunningServer.StartAsync(Options());
        using var http = new HttpClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync(s.Discovery)).StatusCode);
        var bad = new TaxiiClient(http, s.ApiRoot, "not-a-key");
        var e = await Assert.ThrowsAsync<TaxiiException>(() => bad.GetCollectionsAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, e.Status);
    }

    [Fact]
    public async Task Collections_WrongOrUnknown_AreRefused()
    {
        await using var s = await RunningServer.StartAsync(Options());
        using var http = new HttpClient();
        var a = new TaxiiClient(http, s.ApiRoot, "key-a-0123456789");
        var c = new TaxiiClient(http, s.ApiRoot, "key-c-0123456789");
        Assert.Equal(HttpStatusCode.Forbidden, (await Assert.ThrowsAsync<TaxiiException>(() => a.GetObjectsAsync(Private))).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await Assert.ThrowsAsync<TaxiiException>(() => c.AddObjectsAsync(Inbox, Indicators(1, TlpLevel.Clear)))).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await Assert.ThrowsAsync<TaxiiException>(() => a.GetObjectsAsync("no-such-collection"))).Status);
        var listed = (await a.GetCollectionsAsync())["collections"]!.AsArray().Select(x => x!["id"]!.GetValue<string>()).ToList();
        Assert.Equal([Inbox], listed);
    }

    [Fact]
    public async Task Discovery_AndApiRoot_SpeakTaxii21()
    {
        await using var s = await RunningServer.StartAsync(Options());
        using var http = new HttpClient();
        using var req = new HttpRequestMessage(HttpMethod.Get, s.Discovery);
        req.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "key-a-0123456789");
        req.Headers.Accept.Add(MediaTypeWithQualityHeaderValue.Parse(TaxiiClient.MediaType));
        using var resp = await http.SendAsync(req);
        Assert.Equal(HttpStatusCode.OK, resp.StatusCode);
        Assert.Equal("application/taxii+json", resp.Content.Headers.ContentType!.MediaType);
        Assert.Contains(resp.Content.Headers.ContentType.Parameters, p => p.Name == "version" && p.Value == "2.1");
        var body = JsonNode.Parse(await resp.Content.ReadAsStringAsync())!;
        Assert.Equal("/distillguard/", body["default"]!.GetValue<string>());

        using var wrongAccept = new HttpRequestMessage(HttpMethod.Get, s.ApiRoot);
        wrongAccept.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "key-a-0123456789");
        wrongAccept.Headers.Accept.Add(MediaTypeWithQualityHeaderValue.Parse("application/taxii+json;version=2.0"));
        Assert.Equal(HttpStatusCode.NotAcceptable, (await http.SendAsync(wrongAccept)).StatusCode);

        using var wrongType = new HttpRequestMessage(HttpMethod.Post, new Uri(s.ApiRoot, $"collections/{Inbox}/objects/"));
        wrongType.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "key-a-0123456789");
        wrongType.Content = new StringContent("{\"objects\":[]}", Encoding.UTF8, "application/json");
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, (await http.SendAsync(wrongType)).StatusCode);
    }

    [Fact]
    public async Task Objects_PagingFiltersVersionsManifestAndStatus_Work()
    {
        await using var s = await RunningServer.StartAsync(Options());
        using var http = new HttpClient();
        var a = new TaxiiClient(http, s.ApiRoot, "key-a-0123456789");
        var objs = Indicators(7, TlpLevel.Green);
        var status = await a.AddObjectsAsync(Inbox, objs);
        Assert.Equal(7, status["success_count"]!.GetValue<int>());
        var again = await a.AddObjectsAsync(Inbox, objs.Take(2));
        Assert.Equal("already present", again["successes"]![0]!["message"]!.GetValue<string>());
        // A second version of one object.
        var v2 = (JsonObject)objs[0].DeepClone();
        v2["modified"] = "2026-03-02T00:00:00.000Z";
        await a.AddObjectsAsync(Inbox, [v2]);

        var all = await a.GetObjectsAsync(Inbox, pageSize: 3);
        Assert.Equal(7, all.Count);                                   // latest versions only, across three pages
        Assert.Equal("2026-03-02T00:00:00.000Z", all.Single(o => o["id"]!.GetValue<string>() == objs[0]["id"]!.GetValue<string>())["modified"]!.GetValue<string>());

        var firstPage = await Get(http, s, $"collections/{Inbox}/objects/?limit=3");
        Assert.True(firstPage["more"]!.GetValue<bool>());
        Assert.Equal(3, firstPage["objects"]!.AsArray().Count);

        var id = objs[3]["id"]!.GetValue<string>();
        var byId = await Get(http, s, $"collections/{Inbox}/objects/?match[id]={id}");
        Assert.Equal(id, Assert.Single(byId["objects"]!.AsArray())!["id"]!.GetValue<string>());
        var versions = await Get(http, s, $"collections/{Inbox}/objects/{objs[0]["id"]}/versions/");
        Assert.Equal(2, versions["versions"]!.AsArray().Count);
        var allVersions = await Get(http, s, $"collections/{Inbox}/objects/{objs[0]["id"]}/?match[version]=all");
        Assert.Equal(2, allVersions["objects"]!.AsArray().Count);
        var manifest = await Get(http, s, $"collections/{Inbox}/manifest/");
        Assert.Equal(7, manifest["objects"]!.AsArray().Count);
        var typed = await Get(http, s, $"collections/{Inbox}/objects/?match[type]=campaign");
        Assert.Empty(typed["objects"]!.AsArray());

        // added_after: nothing added after the last object's date_added.
        var last = manifest["objects"]!.AsArray().Select(x => DateTimeOffset.Parse(x!["date_added"]!.GetValue<string>())).Max();
        Assert.Empty(await a.GetObjectsAsync(Inbox, addedAfter: last));
        var st = await Get(http, s, $"status/{status["id"]}/");
        Assert.Equal("complete", st["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Objects_AmberAndRed_AreNotServedToAnUnnamedPartner()
    {
        await using var s = await RunningServer.StartAsync(Options());
        s.Server.Store.Add(Inbox, Indicators(2, TlpLevel.Green).Concat(Indicators(2, TlpLevel.Amber)).Concat(Indicators(2, TlpLevel.Red)), Keyrings.Now);
        using var http = new HttpClient();
        var c = await new TaxiiClient(http, s.ApiRoot, "key-c-0123456789").GetObjectsAsync(Inbox);
        Assert.Equal(2, c.Count);
        Assert.All(c, o => Assert.Equal(TlpLevel.Green, Tlp.Of(o)));
        var a = await new TaxiiClient(http, s.ApiRoot, "key-a-0123456789").GetObjectsAsync(Inbox);
        Assert.Equal(4, a.Count);                                      // named partner: GREEN and AMBER, never RED
        Assert.DoesNotContain(a, o => Tlp.Of(o) == TlpLevel.Red);
    }

    private static async Task<JsonObject> Get(HttpClient http, RunningServer s, string relative)
    {
        using var req = new HttpRequestMessage(HttpMethod.Get, new Uri(s.ApiRoot, relative));
        req.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "key-a-0123456789");
        req.Headers.Accept.Add(MediaTypeWithQualityHeaderValue.Parse(TaxiiClient.MediaType));
        using var resp = await http.SendAsync(req);
        var text = await resp.Content.ReadAsStringAsync();
        Assert.True(resp.IsSuccessStatusCode, text);
        return (JsonObject)JsonNode.Parse(text)!;
    }
}
