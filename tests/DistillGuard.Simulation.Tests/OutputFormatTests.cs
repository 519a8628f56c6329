using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using DistillGuard.Simulation.Tests.Support;

namespace DistillGuard.Simulation.Tests;

public sealed partial class OutputFormatTests(TinyRunFixture fx) : IClassFixture<TinyRunFixture>
{
    private readonly SimRun _run = fx.Run;

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$")]
    private static partial Regex Rfc3339Ms();

    [Fact]
    public void Exchanges_EveryLine_HasTheSpecsRequiredFieldsAndSequentialIds()
    {
        Assert.InRange(_run.Exchanges.Count, 1000, 5000);
        long i = 0;
        foreach (var e in _run.Exchanges)
        {
            i++;
            Assert.Equal($"ex_{i:D9}", (string)e["id"]!);
            Assert.Matches(Rfc3339Ms(), (string)e["ts"]!);
            Assert.StartsWith("acct_", (string)e["account"]!);
            Assert.Contains((string)e["api"]!, new[] { "openai.chat.completions", "openai.responses", "anthropic.messages" });
            Assert.NotNull(e["request"] as JsonObject);
            var client = e["client"]!.AsObject();
            Assert.False(string.IsNullOrEmpty((string?)client["ip"]));
            Assert.False(string.IsNullOrEmpty((string?)client["user_agent"]));
            Assert.Matches(@"^t13d\d{4}h2_[0-9a-f]{12}_[0-9a-f]{12}$", (string)client["ja4"]!);
            Assert.True(_run.Accounts.ContainsKey((string)e["account"]!));
        }
        Assert.Equal(_run.Summary.Exchanges, _run.Exchanges.Count);
    }

    [Fact]
    public void Exchanges_AreInTimeOrder_InsideTheWindow()
    {
        long start = new DateTimeOffset(_run.Spec.Start).ToUnixTimeMilliseconds();
        long end = start + _run.Spec.Days * 86_400_000L;
        long prev = 0;
        foreach (var e in _run.Exchanges)
        {
            long ts = SimRun.TsMs(e);
            Assert.True(ts >= prev, $"{e["id"]} goes back in time");
            Assert.InRange(ts, start, end - 1);
            prev = ts;
        }
    }

    [Fact]
    public void Bodies_MatchTheShapeOfTheirApi_AndAllThreeApisAppear()
    {
        var seen = new HashSet<string>();
        foreach (var e in _run.Exchanges)
        {
            string api = (string)e["api"]!;
            seen.Add(api);
            var req = e["request"]!.AsObject();
            var resp = e["response"] as JsonObject;
            int status = (int)e["status"]!;
            Assert.False(string.IsNullOrEmpty((string?)req["model"]));
            if (status != 200) { Assert.Null(resp); continue; }
            Assert.NotNull(resp);
            switch (api)
            {
                case "openai.chat.completions":
                    Assert.NotEmpty(req["messages"]!.AsArray());
                    Assert.NotEmpty(resp!["choices"]!.AsArray());
                    Assert.NotNull(resp["usage"]!["completion_tokens"]);
                    break;
                case "openai.responses":
                    Assert.NotNull(req["input"]);
                    Assert.All(resp!["output"]!.AsArray(), o => Assert.Contains((string)o!["type"]!, new[] { "message", "reasoning", "function_call" }));
                    break;
                default:
                    Assert.NotNull(req["max_tokens"]);
                    Assert.NotEmpty(req["messages"]!.AsArray());
                    Assert.All(resp!["content"]!.AsArray(), b => Assert.Contains((string)b!["type"]!, new[] { "text", "thinking", "tool_use" }));
                    break;
            }
        }
        Assert.Equal(3, seen.Count);
    }

    [Fact]
    public void Accounts_HaveEveryRegistryField_WithKnownTiers()
    {
        var tiers = new[] { "free", "paid", "edu", "startup", "enterprise", "research" };
        Assert.Equal(_run.Summary.Accounts, _run.Accounts.Count);
        foreach (var a in _run.Accounts.Values)
        {
            Assert.True(DateTime.TryParseExact((string)a["created"]!, "yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.None, out _));
            Assert.Contains((string)a["tier"]!, tiers);
            Assert.False(string.IsNullOrEmpty((string?)a["org_name"]));
            Assert.Contains('.', (string)a["email_domain"]!);
            Assert.StartsWith("pf_", (string)a["payment_fp"]!);
            Assert.Matches("^[A-Z]{2}$", (string)a["country"]!);
            Assert.NotNull(a["verified"]);
        }
    }

    [Fact]
    public void Labels_ListExactlyTheAccountsInTheLog_AndTheRegistryHoldsThemAll()
    {
        var inLog = _run.Exchanges.Select(e => (string)e["account"]!).ToHashSet();
        Assert.Equal(inLog.Order(StringComparer.Ordinal), _run.Labels.Keys.Order(StringComparer.Ordinal));
        Assert.Subset(_run.Accounts.Keys.ToHashSet(), inLog);
        Assert.Equal(_run.World.Plans.Count, _run.Accounts.Count);
    }

    [Fact]
    public void ResponseCreatedTime_FollowsTheRequestTimestamp()
    {
        int checkedResponses = 0;
        foreach (var e in _run.Exchanges)
        {
            if (e["response"] is not JsonObject response) continue;
            var created = response["created"] ?? response["created_at"];
            if (created is null) continue; // Anthropic Messages carries no creation time
            long ts = SimRun.TsMs(e) / 1000;
            Assert.InRange((long)created, ts, ts + 2);
            checkedResponses++;
        }
        Assert.True(checkedResponses > 100, $"only {checkedResponses} responses carried a creation time");
    }

    [Fact]
    public void AllowList_HoldsExactlyTheLicensedDistillers()
    {
        var allow = File.ReadAllLines(Path.Combine(_run.Dir, "allow.txt"));
        var licensed = _run.World.Plans.Where(p => p.Persona == "licensed-distiller").Select(p => p.AccountId).Order();
        Assert.Equal(licensed, allow.Order());
        Assert.NotEmpty(allow);
        Assert.All(allow, a => Assert.Null(_run.Plans[a].Campaign));
        Assert.Equal(2, _run.Labels.Values.Select(l => (string?)l["campaign"]).Where(c => c is not null).Distinct().Count());
    }

    [Fact]
    public void ScenarioJson_CountsMatchTheFiles()
    {
        var doc = JsonNode.Parse(File.ReadAllText(Path.Combine(_run.Dir, "scenario.json")))!;
        Assert.Equal(_run.Exchanges.Count, (long)doc["counts"]!["exchanges"]!);
        Assert.Equal(_run.Accounts.Count, (int)doc["counts"]!["accounts"]!);
        Assert.Equal(_run.Labels.Count, (int)doc["counts"]!["active_accounts"]!);
        Assert.Equal("tiny", (string)doc["scenario"]!["name"]!);
        foreach (var (name, node) in doc["counts"]!["campaigns"]!.AsObject())
            Assert.Equal(_run.OfCampaign(name).Count(), (long)node!["exchanges"]!);
    }

    [Fact]
    public void EveryPersonaOfTheScenario_SendsTraffic()
    {
        foreach (var p in _run.Spec.Personas)
            Assert.True(_run.OfPersona(Scenarios.Personas.WireName(p.Persona)).Any(), $"{p.Name} sent nothing");
    }

    [Fact]
    public void AccountIds_DoNotRevealPersonaOrCampaign_ByOrder()
    {
        // Campaign accounts must be spread over the sorted id list, not one contiguous block.
        var ids = _run.Labels.Keys.Order(StringComparer.Ordinal).ToList();
        var positions = ids.Select((id, i) => (id, i)).Where(x => _run.Campaign(x.id) is not null).Select(x => x.i).ToList();
        Assert.True(positions.Max() - positions.Min() > ids.Count / 2, "campaign accounts cluster in id order");
    }
}
