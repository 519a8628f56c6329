using System.Text.Json.Nodes;
using DistillGuard.Simulation.Scenarios;
using DistillGuard.Simulation.Tests.Support;

namespace DistillGuard.Simulation.Tests;

/// <summary>A world of legitimate personas only (plus one campaign), large enough for distribution checks.</summary>
public sealed class PersonaWorldFixture : IDisposable
{
    public const string Yaml = """
        name: personas
        start: 2026-03-02
        days: 4
        personas:
          - {persona: developer, accounts: 220}
          - {persona: hobbyist, accounts: 150}
          - {persona: writer, accounts: 60}
          - {persona: campus-student, accounts: 40, group_size: 20}
          - {persona: corporate-employee, accounts: 20, group_size: 10}
          - {persona: enterprise-batch, accounts: 2, daily_median: 150}
          - {persona: benchmark-researcher, accounts: 4, daily_median: 40}
          - {persona: relay-app, accounts: 2, daily_median: 150}
          - {persona: agent-platform-user, accounts: 30, group_size: 30}
          - {persona: jailbreak-tinkerer, accounts: 10}
          - {persona: licensed-distiller, accounts: 1, daily_median: 200}
        campaigns:
          - {name: sweep, archetype: cot-sweep, accounts: 30, daily_per_account: 20}
        """;

    public SimRun Run { get; } = new(ScenarioLoader.Parse(Yaml), seed: 21);
    public void Dispose() => Run.Dispose();
}

public sealed class PersonaBehaviourTests(PersonaWorldFixture fx) : IClassFixture<PersonaWorldFixture>
{
    private readonly SimRun _run = fx.Run;

    private static JsonObject Intent(JsonObject e) => e["_intent"]!.AsObject();
    private static string Ip(JsonObject e) => (string)e["client"]!["ip"]!;

    [Fact]
    public void DeveloperVolume_IsHeavyTailed()
    {
        var perAccount = _run.Exchanges.GroupBy(e => (string)e["account"]!).ToDictionary(g => g.Key, g => g.Count());
        var counts = _run.Plans.Values.Where(p => p.Persona == "developer")
            .Select(p => (double)perAccount.GetValueOrDefault(p.AccountId)).Order().ToArray();
        double median = counts[counts.Length / 2];
        double total = counts.Sum();
        double top10 = counts.Skip(counts.Length * 9 / 10).Sum();
        Assert.True(counts[^1] >= 6 * Math.Max(1, median), $"max {counts[^1]} vs median {median}");
        Assert.True(top10 / total >= 0.30, $"top decile carries only {top10 / total:P0}");
    }

    [Fact]
    public void LegitimateHumans_SendByDay_InTheirLocalTimeZone()
    {
        int night = 0, work = 0, all = 0;
        foreach (var e in _run.Exchanges)
        {
            var plan = _run.Plans[(string)e["account"]!];
            if (plan.Campaign is not null || plan.Persona is not ("developer" or "hobbyist" or "writer")) continue;
            int hour = DateTimeOffset.FromUnixTimeMilliseconds(SimRun.TsMs(e)).AddMinutes(plan.TzOffsetMinutes).Hour;
            all++;
            if (hour is >= 1 and < 6) night++;
            if (hour is >= 9 and < 18) work++;
        }
        Assert.True(all > 1000);
        Assert.True(night < 0.08 * all, $"night share {night / (double)all:P1}");
        Assert.True(work > 0.45 * all, $"working-hours share {work / (double)all:P1}");
        // Different time zones: in UTC the same traffic is spread much more evenly.
        var utcHours = _run.OfPersona("developer").Select(e => DateTimeOffset.Parse((string)e["ts"]!).UtcDateTime.Hour).Distinct().Count();
        Assert.True(utcHours >= 22);
    }

    [Fact]
    public void CampusStudents_ShareOneNatAddressPerCampus()
    {
        var byIp = _run.OfPersona("campus-student").GroupBy(Ip).Select(g => g.Select(e => (string)e["account"]!).Distinct().Count()).ToList();
        Assert.True(byIp.Max() >= 10, $"largest campus NAT has {byIp.Max()} accounts");
        var domains = _run.Accounts.Values.Where(a => _run.Persona((string)a["account"]!) == "campus-student").GroupBy(a => (string)a["email_domain"]!).ToList();
        Assert.True(domains.Count <= 2);
        Assert.Contains(_run.Accounts.Values, a => (string)a["tier"]! == "edu");
    }

    [Fact]
    public void CorporateEmployees_ShareCardAndEmailDomain()
    {
        var corp = _run.Accounts.Values.Where(a => _run.Persona((string)a["account"]!) == "corporate-employee").ToList();
        var byCard = corp.GroupBy(a => (string)a["payment_fp"]!).ToList();
        Assert.True(byCard.Max(g => g.Count()) >= 8);
        Assert.All(byCard, g => Assert.Single(g.Select(a => (string)a["email_domain"]!).Distinct()));
    }

    [Fact]
    public void AgentPlatformUsers_ShareOneSystemPromptAndToolSet_FromManyAddresses()
    {
        var ex = _run.OfPersona("agent-platform-user").ToList();
        var prompts = ex.Select(e => (int)Intent(e)["system_prompt"]!).Distinct().ToList();
        Assert.Single(prompts);
        Assert.Single(ex.Select(e => (int)Intent(e)["tool_set"]!).Distinct());
        Assert.True(ex.Select(e => (string)e["account"]!).Distinct().Count() >= 20);
        Assert.True(ex.Select(Ip).Distinct().Count() >= 15);
    }

    [Fact]
    public void RelayApps_ForwardManyEndUsers_InManyLanguages()
    {
        var ex = _run.OfPersona("relay-app").ToList();
        Assert.True(ex.Count(e => e["client"]!["forwarded_for"] is not null) > ex.Count / 3);
        Assert.True(ex.Select(e => (string)Intent(e)["language"]!).Distinct().Count() >= 5);
        Assert.True(ex.Select(e => (string)Intent(e)["kind"]!).Distinct().Count() >= 3);
    }

    [Fact]
    public void EnterpriseBatch_IsOneFixedTemplateAroundTheClock()
    {
        foreach (var acct in _run.OfPersona("enterprise-batch").GroupBy(e => (string)e["account"]!))
        {
            Assert.Single(acct.Select(e => (int)Intent(e)["template"]!).Distinct());
            Assert.Single(acct.Select(e => (string)Intent(e)["kind"]!).Distinct());
            Assert.True(acct.Select(e => DateTimeOffset.Parse((string)e["ts"]!).UtcDateTime.Hour).Distinct().Count() >= 22);
        }
    }

    [Fact]
    public void Researchers_SweepBenchmarkItemsWithThinking()
    {
        var ex = _run.OfPersona("benchmark-researcher").Where(e => (string)Intent(e)["kind"]! == "BenchmarkEval").ToList();
        Assert.NotEmpty(ex);
        foreach (var acct in ex.GroupBy(e => (string)e["account"]!))
        {
            var items = acct.Select(e => (long)Intent(e)["item"]!).ToList();
            Assert.True(items.Distinct().Count() >= items.Count * 0.9, "a sweep visits each item once");
        }
        Assert.True(ex.Count(e => (int)Intent(e)["thinking_budget"]! > 0) > ex.Count / 2);
    }

    [Fact]
    public void CountryAndLanguage_DoNotSeparateCampaignsFromLegitimateUsers()
    {
        var campaignCountries = _run.Accounts.Values.Where(a => _run.Campaign((string)a["account"]!) is not null).Select(a => (string)a["country"]!).ToList();
        var legitCountries = _run.Accounts.Values.Where(a => _run.Campaign((string)a["account"]!) is null).Select(a => (string)a["country"]!).ToHashSet();
        Assert.True(campaignCountries.Distinct().Count() >= 5);
        Assert.All(campaignCountries, c => Assert.Contains(c, legitCountries));
        Assert.True(campaignCountries.GroupBy(c => c).Max(g => g.Count()) < 0.5 * campaignCountries.Count);
        var campaignLangs = _run.Exchanges.Where(e => _run.Campaign((string)e["account"]!) is not null).Select(e => (string)Intent(e)["language"]!).ToHashSet();
        var legitLangs = _run.Exchanges.Where(e => _run.Campaign((string)e["account"]!) is null).Select(e => (string)Intent(e)["language"]!).ToHashSet();
        Assert.Subset(legitLangs, campaignLangs);
    }

    [Fact]
    public void LegitimateThinkingResponses_CarrySignatureArtifacts_Too()
    {
        var legitIssued = _run.Exchanges.Where(e => _run.Campaign((string)e["account"]!) is null && Intent(e)["issued"] is not null).ToList();
        Assert.NotEmpty(legitIssued);
        Assert.All(legitIssued, e => Assert.True(((string)Intent(e)["issued"]!).Length >= 300));
    }
}
