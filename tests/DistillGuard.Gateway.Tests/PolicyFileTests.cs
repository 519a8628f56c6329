using System.Collections.Concurrent;
using DistillGuard.Gateway.Policy;
using DistillGuard.Gateway.Seams;
using DistillGuard.Gateway.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace DistillGuard.Gateway.Tests;

public sealed class PolicyFileTests(UpstreamFixture fx) : IClassFixture<UpstreamFixture>
{
    [Fact]
    public void Parse_FullPolicy_ReadsEveryPart()
    {
        var r = PolicyLoader.Parse("""
            version: 1
            detector_unavailable: closed
            signature_binding: { mode: flag, checks: [account, model] }
            lists:
              partners: [acct_p1, acct_p2]
            allowlist: { accounts: ["@partners", acct_x], tiers: [licensed] }
            rules:
              - name: hard
                when: { verdict: campaign, score: { min: 0.9, max: 1 }, campaigns: ["*"], apis: [anthropic.messages] }
                actions: [ { block: { message: no } } ]
              - name: soft
                when: { verdicts: [watch, campaign], tiers: [free] }
                actions:
                  - throttle: { rate: 30/min, burst: 5, per: campaign }
                  - throttle: { rate: 0.5 }
                  - protect_reasoning: { mode: summarise, hold_stream: false, max_chars: 80 }
                  - watermark
            default: [ { protect_reasoning: strip } ]
            """, "p.yaml");
        Assert.True(r.Ok, string.Join("\n", r.Errors));
        var p = r.Policy!;
        Assert.Equal(DetectorUnavailableMode.Closed, p.DetectorUnavailable);
        Assert.Equal(new SignatureBindingPolicy { Mode = BindingMode.Flag, Checks = BindingChecks.Account | BindingChecks.Model }, p.SignatureBinding);
        Assert.True(p.IsAllowlisted("acct_p2", null) && p.IsAllowlisted("acct_x", null) && p.IsAllowlisted("z", "licensed") && !p.IsAllowlisted("z", "free"));
        Assert.Equal(AccessAction.Block, p.Rules[0].Actions.Access);
        var soft = p.Rules[1].Actions;
        Assert.Equal([new ThrottleSpec(0.5, 5, ThrottleScope.Campaign), new ThrottleSpec(0.5, 1, ThrottleScope.Account)], soft.Throttles);
        Assert.Equal(new ReasoningProtection(ReasoningMode.Summarise, false, 80), soft.ProtectReasoning);
        Assert.True(soft.Watermark);
        Assert.Equal(ReasoningMode.Strip, p.Default.ProtectReasoning!.Mode);

        var campaign = new VerdictLookup(true, "campaign", 0.95, "C-1");
        Assert.Equal("hard", PolicyEvaluator.Decide(p, "a", "free", campaign, "anthropic.messages").Rule);
        Assert.Equal("soft", PolicyEvaluator.Decide(p, "a", "free", campaign, "openai.responses").Rule);
        Assert.Equal("default", PolicyEvaluator.Decide(p, "a", "paid", campaign, "openai.responses").Rule);
        Assert.Equal("default", PolicyEvaluator.Decide(p, "a", "free", VerdictLookup.Clear, "openai.responses").Rule);
    }

    [Fact]
    public void Parse_JsonPolicy_IsReadLikeYaml()
    {
        var r = PolicyLoader.Parse("{\n\t\"detector_unavailable\": \"closed\",\n\t\"rules\": [ { \"when\": { \"verdict\": \"campaign\" }, \"action\": \"block\" } ]\n}", "p.json");
        Assert.True(r.Ok, string.Join("\n", r.Errors));
        Assert.Equal(AccessAction.Block, r.Policy!.Rules.Single().Actions.Access);
    }

    [Fact]
    public void Parse_BadPolicy_ReportsEveryErrorAtOnce_WithFileLineAndColumn()
    {
        var r = PolicyLoader.Parse("""
            detector_unavailable: sometimes
            signature_binding: maybe
            colour: blue
            rules:
              - name: a
                when: { verdict: suspicious, score: { min: 1.5 }, accounts: ["@nolist"], api: [openai.completions] }
                actions:
                  - blok
                  - throttle: { rate: fast, burst: -1, per: planet }
                  - protect_reasoning: { mode: shred, speed: 3 }
              - name: a
                action: [ allow, block ]
              - when: { verdict: watch }
            """, "bad.yaml");
        Assert.False(r.Ok);
        var errors = r.Errors;
        string[] expected =
        [
            "bad.yaml:1:23: detector_unavailable: 'sometimes'",
            "bad.yaml:2:20: signature_binding: 'maybe'",
            "bad.yaml:3:1: top level: unknown key 'colour'",
            "when.verdict: 'suspicious' is not clear, watch or campaign",
            "when.score.min: 1.5 is outside [0, 1]",
            "unknown list '@nolist'",
            "'openai.completions' is not one of",
            "bad.yaml:8:9: rules[0] (a).actions[0]: unknown action 'blok'",
            "throttle.rate: 'fast' is not a positive number",
            "throttle.burst: -1 is outside",
            "throttle.per: 'planet' is not account or campaign",
            "protect_reasoning.mode: 'shred' is not strip or summarise",
            "unknown key 'speed'",
            "name 'a' is used twice",
            "more than one of allow, block, verify",
            "rules[2] (rule-3): no action",
        ];
        foreach (var e in expected) Assert.True(errors.Any(x => x.Contains(e)), $"missing '{e}' in:\n{string.Join("\n", errors)}");
        Assert.Equal(expected.Length, errors.Count);
        Assert.Equal(errors.OrderBy(LineOf), errors);                     // listed in file order

        static int LineOf(string e) => int.Parse(e.Split(':')[1]) * 1000 + int.Parse(e.Split(':')[2]);
    }

    [Fact]
    public async Task Build_WithAnInvalidPolicy_RefusesToStart_ListingEveryError()
    {
        var dir = Directory.CreateTempSubdirectory("dg-gw-bad").FullName;
        File.WriteAllText(Path.Combine(dir, "keys.jsonl"), "{\"key\":\"k1\",\"account\":\"a\"}\n{\"key\":\"k1\",\"account\":\"b\"}\nnot json\n");
        File.WriteAllText(Path.Combine(dir, "p.yaml"), "rules:\n  - action: explode\n  - when: { verdict: nope }\n    action: allow\n");
        var options = new GatewayOptions { Port = 0, Upstream = new Uri(fx.Upstream.BaseUrl), KeysFile = Path.Combine(dir, "keys.jsonl"), PolicyFile = Path.Combine(dir, "p.yaml") };
        var e = Assert.Throws<GatewayConfigurationException>(() => GatewayServer.Build(options, new FakeVerdicts(), new RecordingTap(), NullLoggerFactory.Instance));
        Assert.Equal(4, e.Errors.Count);
        Assert.Contains(e.Errors, x => x.Contains("keys.jsonl:2: the same key is already on line 1"));
        Assert.Contains(e.Errors, x => x.Contains("keys.jsonl:3: not valid JSON"));
        Assert.Contains(e.Errors, x => x.Contains("p.yaml:2:") && x.Contains("rules[0] (rule-1).action: unknown action 'explode'"));
        Assert.Contains(e.Errors, x => x.Contains("'nope' is not clear, watch or campaign"));
        Directory.Delete(dir, true);
        await Task.CompletedTask;
    }

    /// <summary>The gateway watches its keys and policy files and nothing else: ASP.NET Core's default configuration
    /// would watch the working directory recursively for appsettings files (which the product has none of), and a
    /// <c>--state</c> directory under it then wakes that watcher on every journal commit.</summary>
    [Fact]
    public async Task Build_WatchesNoConfigurationFiles_OnlyItsOwn()
    {
        await using var gw = await GatewayHarness.StartAsync(fx.Upstream, "rules: []\n");
        var root = (Microsoft.Extensions.Configuration.IConfigurationRoot)gw.Configuration;
        var watched = root.Providers.OfType<Microsoft.Extensions.Configuration.FileConfigurationProvider>().Where(p => p.Source.ReloadOnChange).ToList();
        Assert.True(watched.Count == 0, $"configuration files reloaded on change: {string.Join(", ", watched.Select(p => p.Source.Path))}");
    }

    private static void WriteAtomically(string path, string text)
    {
        var tmp = path + ".tmp";
        File.WriteAllText(tmp, text);
        File.Move(tmp, path, overwrite: true);
    }

    [Fact]
    public async Task HotReload_NewPolicyChangesBehaviour_AnInvalidOneKeepsThePrevious()
    {
        await using var gw = await GatewayHarness.StartAsync(fx.Upstream, "rules: []\n");
        var outcomes = new BlockingCollection<ReloadOutcome>();
        gw.State.Reloaded += outcomes.Add;
        using var http = gw.Http("acct_a");
        Assert.Equal(200, (await Bodies.PostAsync(http, "chat", Bodies.Request("chat", false))).Status);

        WriteAtomically(gw.PolicyPath, "rules:\n  - when: { accounts: [acct_a] }\n    action: block\n");
        var applied = Next(outcomes, "policy");
        Assert.True(applied.Applied, string.Join("\n", applied.Errors));
        Assert.Equal(403, (await Bodies.PostAsync(http, "chat", Bodies.Request("chat", false))).Status);

        WriteAtomically(gw.PolicyPath, "rules:\n  - when: { accounts: [acct_a] }\n    action: allow_please\n");
        var rejected = Next(outcomes, "policy");
        Assert.False(rejected.Applied);
        Assert.Contains("unknown action 'allow_please'", Assert.Single(rejected.Errors));
        Assert.Equal(403, (await Bodies.PostAsync(http, "chat", Bodies.Request("chat", false))).Status);
    }

    [Fact]
    public async Task HotReload_KeysFile_NewKeyIsAccepted()
    {
        await using var gw = await GatewayHarness.StartAsync(fx.Upstream, null);
        var outcomes = new BlockingCollection<ReloadOutcome>();
        gw.State.Reloaded += outcomes.Add;
        using var newcomer = Bodies.Direct(gw.BaseUrl);
        newcomer.DefaultRequestHeaders.Add("x-api-key", "sk-new");
        Assert.Equal(401, (await Bodies.PostAsync(newcomer, "anthropic", Bodies.Request("anthropic", false))).Status);
        var keys = Path.Combine(gw.Dir, "keys.jsonl");
        WriteAtomically(keys, File.ReadAllText(keys) + "{\"key\":\"sk-new\",\"account\":\"acct_new\"}\n");
        Assert.True(Next(outcomes, "keys").Applied);
        Assert.Equal(200, (await Bodies.PostAsync(newcomer, "anthropic", Bodies.Request("anthropic", false))).Status);
        Assert.Contains("\"account\":\"acct_new\"", gw.Tap.Last);
    }

    private static ReloadOutcome Next(BlockingCollection<ReloadOutcome> outcomes, string file)
    {
        while (true)
        {
            Assert.True(outcomes.TryTake(out var o, TimeSpan.FromSeconds(15)), $"no {file} reload within 15 s");
            if (o!.File == file) return o;
        }
    }
}
