using System.Text.Json.Nodes;
using DistillGuard.Simulation.Content;
using DistillGuard.Simulation.Scenarios;
using DistillGuard.Simulation.Tests.Support;
using DistillGuard.Simulation.World;

namespace DistillGuard.Simulation.Tests;

/// <summary>One campaign per override (and the new persona options), to check each does what the spec says.</summary>
public sealed class OverrideWorldFixture : IDisposable
{
    public const string Yaml = """
        name: overrides
        start: 2026-03-02
        days: 3
        personas:
          - {persona: developer, accounts: 40}
          - {persona: data-analyst, accounts: 30, daily_median: 20, extra_kinds: {sql-query: 0.5}}
          - {persona: org-fleet, accounts: 12, group_size: 12, daily_median: 30}
          - {persona: agent-platform-user, accounts: 30, group_size: 30, cloud_share: 1}
        campaigns:
          - {name: plain, archetype: agentic-plain, accounts: 10, daily_per_account: 30, capabilities: {agent-step: 1, coding: 1}, tool_share: 1, turns_mean: 4}
          - {name: sql, archetype: cot-sweep, accounts: 10, daily_per_account: 30, capabilities: {sql-query: 1}, languages: [de]}
          - {name: budget, archetype: cot-sweep, accounts: 10, daily_per_account: 30, max_tokens: 3072, thinking_budget: 2048, thinking_share: 1,
             reasoning_effort: low, temperature: 0.2, clients: [openai-python]}
          - {name: spread, archetype: cot-sweep, accounts: 10, daily_per_account: 30, max_tokens: 8192, thinking_budget: 0, param_spread: 0.6}
          - {name: own-words, archetype: cot-sweep, accounts: 10, daily_per_account: 30, templates: 0}
          - {name: infra, archetype: transfer-station, accounts: 10, daily_per_account: 30, routes: [cloud:azure], tiers: [enterprise],
             clients: [go-http], accounts_per_card: 100, egress: {residential: 1, ranges: 1, accounts_per_ip: 10}}
          - {name: partial, archetype: cot-sweep, accounts: 20, daily_per_account: 30, evasion: {distinct_payment: true, coverage: 0.5}}
        """;

    public SimRun Run { get; } = new(ScenarioLoader.Parse(Yaml), seed: 44);
    public void Dispose() => Run.Dispose();
}

public sealed class CampaignOverrideTests(OverrideWorldFixture fx) : IClassFixture<OverrideWorldFixture>
{
    private readonly SimRun _run = fx.Run;

    private static JsonObject Intent(JsonObject e) => e["_intent"]!.AsObject();
    private static string Kind(JsonObject e) => (string)Intent(e)["kind"]!;
    private static bool Relayed(JsonObject e) => (bool)Intent(e)["relayed"]!;
    private static string Acct(JsonObject e) => (string)e["account"]!;
    private List<JsonObject> Own(string campaign) => _run.OfCampaign(campaign).Where(e => !Relayed(e)).ToList();
    private IEnumerable<JsonObject> Accts(string campaign) => _run.Accounts.Values.Where(a => _run.Campaign((string)a["account"]!) == campaign);

    private static int? MaxTokens(JsonObject e)
    {
        var req = e["request"]!.AsObject();
        foreach (var k in new[] { "max_tokens", "max_completion_tokens", "max_output_tokens" })
            if (req[k] is { } v) return (int)v;
        return null;
    }

    [Fact]
    public void AgenticPlain_AsksOnlyOrdinaryAgentAndCodingRequests_WithToolSchemas()
    {
        var ex = Own("plain");
        Assert.NotEmpty(ex);
        Assert.All(ex, e => Assert.Contains(Kind(e), new[] { nameof(ContentKind.AgentStep), nameof(ContentKind.Coding) }));
        Assert.All(ex, e => Assert.True((int)Intent(e)["tool_set"]! >= 0));
        Assert.All(ex, e => Assert.NotNull(e["request"]!["tools"]));
        Assert.Equal("agentic-plain", _run.Labels[Acct(ex[0])]["persona"]!.GetValue<string>());
    }

    private static readonly string[] HarvestPhrases =
        ["step by step", "step-by-step", "chain of thought", "reasoning", "rubric", "rewrite", "think step", "think out loud", "expert", "explain your", "show your work", "walk through"];
    // ("Think about which tool to call" in an agent system prompt is ordinary agent wording, shared with agent platforms.)

    /// <summary>The words the client wrote: system/instructions and user turns (not the model's replies or tool output).</summary>
    private static IEnumerable<string> ClientText(JsonObject request)
    {
        if (request["system"] is JsonValue sys) yield return (string)sys!;
        if (request["system"] is JsonArray sysBlocks) foreach (var b in sysBlocks) if (b?["text"] is { } t) yield return (string)t!;
        if (request["instructions"] is JsonValue ins) yield return (string)ins!;
        var messages = request["messages"] as JsonArray ?? request["input"] as JsonArray ?? [];
        foreach (var m in messages)
        {
            if (m is not JsonObject mo || (string?)mo["role"] is not ("user" or "system" or "developer")) continue;
            if (mo["content"] is JsonValue c) yield return (string)c!;
            else if (mo["content"] is JsonArray parts)
                foreach (var part in parts)
                    if ((string?)part?["type"] is "text" or "input_text" && part!["text"] is { } pt) yield return (string)pt!;
        }
        if (request["input"] is JsonValue input) yield return (string)input!;
    }

    [Fact]
    public void AgenticPlain_ClientTextHasNoHarvestPhrases()
    {
        var texts = Own("plain").SelectMany(e => ClientText(e["request"]!.AsObject())).ToList();
        Assert.True(texts.Count > 100);
        foreach (var t in texts)
            foreach (var p in HarvestPhrases)
                Assert.False(t.Contains(p, StringComparison.OrdinalIgnoreCase), $"'{p}' in: {t}");
        // The same check catches harvest wording where it is asked for (the check can fail).
        Assert.Contains(Own("budget").SelectMany(e => ClientText(e["request"]!.AsObject())), t => HarvestPhrases.Any(p => t.Contains(p, StringComparison.OrdinalIgnoreCase)));
    }

    [Fact]
    public void TurnsMean_GivesMultiTurnAgentLoopsOnTheClock_AtTheSameDailyVolume()
    {
        var ex = _run.OfCampaign("plain").ToList();
        var turns = ex.Select(e => (int)Intent(e)["turns"]!).ToList();
        Assert.InRange(turns.Average(), 2.5, 5.5);
        Assert.Contains(ex, e => (int)Intent(e)["turns"]! >= 4 && e["request"]!.ToJsonString().Contains("\"assistant\"", StringComparison.Ordinal));
        double perAccountDay = ex.Count / 10.0 / 3;
        Assert.InRange(perAccountDay, 30 * 0.7, 30 * 1.3);
    }

    [Fact]
    public void Capabilities_AndLanguages_DecideWhatIsAsked()
    {
        var ex = Own("sql");
        Assert.NotEmpty(ex);
        Assert.All(ex, e => Assert.Equal(nameof(ContentKind.SqlQuery), Kind(e)));
        Assert.All(ex, e => Assert.Equal("de", (string)Intent(e)["language"]!));
        Assert.All(ex.Where(e => e["status"]!.GetValue<int>() == 200), e => Assert.Contains("CREATE TABLE", e["request"]!.ToJsonString()));
    }

    [Fact]
    public void Budgets_MaxTokensEffortAndTemperature_AreTheDrawnOnes()
    {
        var ex = Own("budget");
        Assert.NotEmpty(ex);
        Assert.All(ex, e => Assert.Equal(2048, (int)Intent(e)["thinking_budget"]!));
        Assert.All(ex, e => Assert.Equal(3072, MaxTokens(e)));
        var openai = ex.Where(e => ((string)e["api"]!).StartsWith("openai", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(openai);
        Assert.All(openai, e => Assert.Equal("low", (string?)(e["request"]!["reasoning_effort"] ?? e["request"]!["reasoning"]?["effort"])));
        // Temperature is sent where the API takes it with reasoning (Chat Completions; Responses drops it with an effort).
        var withTemperature = ex.Where(e => e["request"]!["temperature"] is not null).ToList();
        Assert.NotEmpty(withTemperature);
        Assert.All(withTemperature, e => Assert.Equal(0.2, (double)e["request"]!["temperature"]!));
    }

    [Fact]
    public void ParamSpread_GivesEachAccountItsOwnParameters_AndZeroBudgetTurnsThinkingOff()
    {
        var ex = Own("spread");
        Assert.All(ex, e => Assert.Equal(0, (int)Intent(e)["thinking_budget"]!));
        var perAccount = ex.GroupBy(Acct).Select(g => g.Select(MaxTokens).Distinct().Single()).ToList();
        Assert.True(perAccount.Distinct().Count() >= 5, $"{perAccount.Distinct().Count()} distinct max_tokens over {perAccount.Count} accounts");
        Assert.All(perAccount, m => Assert.InRange(m!.Value, 8192 * 0.5, 8192 * 1.9));
    }

    [Fact]
    public void TemplatesZero_GivesEachAccountItsOwnWording()
    {
        var byAccount = Own("own-words").GroupBy(Acct).ToList();
        var paraphrases = byAccount.Select(g => g.Select(e => (ulong)Intent(e)["paraphrase"]!).Distinct().Single()).ToList();
        Assert.All(paraphrases, p => Assert.NotEqual(0UL, p));
        Assert.Equal(paraphrases.Count, paraphrases.Distinct().Count());
        var templates = byAccount.Select(g => string.Join(",", g.Select(e => (int)Intent(e)["template"]!).Distinct().Order())).ToList();
        Assert.True(templates.Distinct().Count() >= byAccount.Count / 2);
    }

    [Fact]
    public void Infrastructure_RoutesTiersClientsCardsAndEgress_AreTheDrawnOnes()
    {
        var ex = _run.OfCampaign("infra").ToList();
        Assert.All(ex, e => Assert.Equal("cloud:azure", (string)e["route"]!));
        Assert.All(ex, e => Assert.Equal("Go-http-client/2.0", (string)e["client"]!["user_agent"]!));
        var accts = Accts("infra").ToList();
        Assert.All(accts, a => Assert.Equal("enterprise", (string)a["tier"]!));
        Assert.Single(accts.Select(a => (string)a["payment_fp"]!).Distinct());
        Assert.Single(ex.Select(e => (string)e["client"]!["ip"]!).Distinct()); // one residential exit for 10 accounts
    }

    [Fact]
    public void Coverage_AppliesTheKnobsToAShareOfTheAccounts()
    {
        var cards = Accts("partial").Select(a => (string)a["payment_fp"]!).ToList();
        int distinct = cards.Distinct().Count();
        Assert.InRange(distinct, 3, cards.Count - 2); // neither all shared nor all distinct
        Assert.Contains(cards.GroupBy(c => c), g => g.Count() > 1);
    }

    [Fact]
    public void PersonaExtraKinds_TakeTheirShareOfTraffic()
    {
        var ex = _run.OfPersona("data-analyst").ToList();
        double share = ex.Count(e => Kind(e) == nameof(ContentKind.SqlQuery)) / (double)ex.Count;
        Assert.InRange(share, 0.4, 0.6);
    }

    [Fact]
    public void OrgFleet_IsOneOrgOneCardOneSystemPromptAroundTheClock()
    {
        var accts = _run.Accounts.Values.Where(a => _run.Persona((string)a["account"]!) == "org-fleet").ToList();
        Assert.Equal(12, accts.Count);
        Assert.Single(accts.Select(a => (string)a["org_name"]!).Distinct());
        Assert.Single(accts.Select(a => (string)a["payment_fp"]!).Distinct());
        var ex = _run.OfPersona("org-fleet").ToList();
        Assert.Single(ex.Select(e => (int)Intent(e)["system_prompt"]!).Distinct());
        Assert.All(ex, e => Assert.False(KindMix.IsHarvest(Enum.Parse<ContentKind>(Kind(e)))));
        var hours = ex.Select(e => DateTimeOffset.Parse((string)e["ts"]!).UtcDateTime.Hour).Distinct().Count();
        Assert.Equal(24, hours);
        Assert.All(accts, a => Assert.Null((string?)_run.Labels[(string)a["account"]!]["campaign"]));
    }

    [Fact]
    public void CloudShare_PutsAPlatformsUsersOnItsServers()
    {
        var ips = _run.OfPersona("agent-platform-user").Select(e => (string)e["client"]!["ip"]!).Distinct().ToList();
        Assert.InRange(ips.Count, 1, 7);
    }
}
