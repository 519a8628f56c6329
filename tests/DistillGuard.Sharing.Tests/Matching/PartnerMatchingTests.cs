using DistillGuard.Core.Verdicts;
using DistillGuard.Sharing.Export;
using DistillGuard.Sharing.Import;
using DistillGuard.Sharing.Intel;
using DistillGuard.Sharing.Matching;
using DistillGuard.Sharing.Stix;
using DistillGuard.Sharing.Tests.Support;

namespace DistillGuard.Sharing.Tests.Matching;

public class PartnerMatchingTests
{
    private static PartnerBundle FromA() => StixImporter.Read(StixExporter.Export(Analyses.A.Campaigns(), new ExportOptions
    {
        Producer = "lab-a",
        Keyring = Keyrings.Labs(),
        Now = Keyrings.Now,
    }).ToJsonString());

    private static IReadOnlyList<IndicatorMatch> MatchAtB() =>
        new IndicatorMatcher(Analyses.B.Index, Keyrings.Labs(), Keyrings.Now).Match(FromA().Indicators);

    [Fact]
    public void Read_ExportedBundle_UnderstandsEveryIndicatorAndNamesThePartner()
    {
        var bundle = FromA();
        Assert.NotEmpty(bundle.Indicators);
        Assert.Empty(bundle.Skipped);
        Assert.All(bundle.Indicators, i => Assert.Equal("lab-a", i.Partner));
        Assert.All(bundle.Indicators, i => Assert.NotNull(i.CampaignName));
    }

    [Fact]
    public void Match_SameCampaignUnderOtherNames_LinksPartnerCampaignToTheRenamedLocalMembers()
    {
        var matches = MatchAtB();
        // A's members under B's names: the ground truth of the simulated labels, renamed.
        var aMembers = Analyses.A.Result.Campaigns.SelectMany(c => c.Accounts).Select(SimulatedProviders.Rename).ToHashSet();
        var byTemplate = matches.Where(m => m.Indicator.Kind == ObservableKind.Template).Select(m => m.Account).ToHashSet();
        var byPayment = matches.Where(m => m.Indicator.Kind == ObservableKind.PaymentHmac).Select(m => m.Account).ToHashSet();
        Assert.NotEmpty(byTemplate);
        Assert.NotEmpty(byPayment);
        // A payment HMAC only ever matches accounts of the simulated operations (ground-truth labels at B).
        var labelled = File.ReadLines(Path.Combine(SimulatedProviders.B, "labels.jsonl")).Select(l => System.Text.Json.Nodes.JsonNode.Parse(l)!)
            .Where(o => o["campaign"] is not null).Select(o => o["account"]!.GetValue<string>()).ToHashSet();
        Assert.Subset(labelled, byPayment);
        // Templates match by similarity and prefixes by containment, so a stray legitimate account can match one of
        // them; it must stay rare, and partner evidence must never raise such an account (next assertion).
        Assert.True(byTemplate.Count(a => !labelled.Contains(a)) * 10 <= byTemplate.Count, string.Join(",", byTemplate.Where(a => !labelled.Contains(a))));
        var adjusted = PartnerEvidence.Apply(Analyses.B.Result, matches);
        var raised = adjusted.Verdicts.Zip(Analyses.B.Result.Verdicts).Where(p => p.First.Verdict != p.Second.Verdict).Select(p => p.First.Account).ToHashSet();
        Assert.Subset(labelled, raised);
        Assert.True(byTemplate.Intersect(aMembers).Count() >= aMembers.Count / 2, $"{byTemplate.Intersect(aMembers).Count()} of {aMembers.Count}");
        // Account ids differ between the labs, so account HMACs cannot match anything at B.
        Assert.DoesNotContain(matches, m => m.Indicator.Kind == ObservableKind.AccountHmac);
    }

    [Fact]
    public void Match_AfterKeyRotation_OldIndicatorsMatchDuringGraceOnly()
    {
        var hashed = FromA().Indicators.Where(i => i.Kind == ObservableKind.PaymentHmac).ToList();   // exported under k1
        Assert.NotEmpty(hashed);
        var rotated = Keyrings.Labs().Rotate("k2", Keyrings.Now);
        Assert.NotEmpty(new IndicatorMatcher(Analyses.B.Index, rotated, Keyrings.Now.AddDays(10)).Match(hashed));
        Assert.Empty(new IndicatorMatcher(Analyses.B.Index, rotated, Keyrings.Now.AddDays(31)).Match(hashed));
        // New exports use k2 and match after the grace period.
        var fresh = StixImporter.Read(StixExporter.Export(Analyses.A.Campaigns(), new ExportOptions
        {
            Producer = "lab-a", Keyring = rotated, Now = Keyrings.Now.AddDays(31),
        }).ToJsonString()).Indicators.Where(i => i.Kind == ObservableKind.PaymentHmac).ToList();
        Assert.All(fresh, i => Assert.StartsWith("k2:", i.Value));
        Assert.NotEmpty(new IndicatorMatcher(Analyses.B.Index, rotated, Keyrings.Now.AddDays(31)).Match(fresh));
    }

    [Fact]
    public void Match_PartnerHashesUnderUnknownKey_MatchNothing()
    {
        var other = new DistillGuard.Sharing.Consortium.ConsortiumKeyring("other", ["lab-a", "lab-b"],
            [new DistillGuard.Sharing.Consortium.ConsortiumKey { Id = "k1", Secret = new byte[32], Created = Keyrings.Created }], TimeSpan.Zero);
        var matches = new IndicatorMatcher(Analyses.B.Index, other, Keyrings.Now).Match(FromA().Indicators.Where(i => i.Kind.IsHashed()));
        Assert.Empty(matches);
    }

    [Fact]
    public void Apply_Matches_VerdictsAndCampaignsCitePartnerIndicators()
    {
        var matches = MatchAtB();
        var adjusted = PartnerEvidence.Apply(Analyses.B.Result, matches);
        var cited = adjusted.Verdicts.Where(v => v.Reasons.Any(r => r.Signal == PartnerEvidence.Signal)).ToList();
        Assert.NotEmpty(cited);
        var reason = cited.SelectMany(v => v.Reasons).First(r => r.Signal == PartnerEvidence.Signal);
        Assert.Contains("partner lab-a indicator indicator--", reason.Detail);
        Assert.Matches(@"seen \d{4}-\d{2}-\d{2}", reason.Detail);
        Assert.Contains(adjusted.Campaigns, c => c.Evidence.Any(e => e.Kind == PartnerEvidence.Signal && e.Summary.Contains("lab-a")));
        // Every original verdict is still there, once, and no score went down.
        Assert.Equal(Analyses.B.Result.Verdicts.Select(v => v.Account), adjusted.Verdicts.Select(v => v.Account));
        foreach (var (before, after) in Analyses.B.Result.Verdicts.Zip(adjusted.Verdicts)) Assert.True(after.Score >= before.Score);
    }

    [Fact]
    public void Apply_AllowlistedAccount_KeepsItsVerdict()
    {
        var allowed = Analyses.B.Result.Verdicts.FirstOrDefault(v => v.Reasons.Count > 0 && v.Reasons[0].Signal == "allowlisted");
        Assert.NotNull(allowed);
        var fake = new PartnerIndicator
        {
            Id = "indicator--00000000-0000-5000-8000-000000000001", Partner = "lab-x", Kind = ObservableKind.Template,
            Value = "0", Pattern = "", ValidFrom = Keyrings.Created,
        };
        var matches = new[]
        {
            new IndicatorMatch(fake, allowed.Account, "test"),
            new IndicatorMatch(fake with { Kind = ObservableKind.Ipv4, Id = "indicator--00000000-0000-5000-8000-000000000002" }, allowed.Account, "test"),
        };
        var after = PartnerEvidence.Apply(Analyses.B.Result, matches).Verdicts.Single(v => v.Account == allowed.Account);
        Assert.Equal(allowed.Verdict, after.Verdict);
        Assert.Equal(allowed.Score, after.Score);
        Assert.Contains(after.Reasons, r => r.Signal == PartnerEvidence.Signal);
    }

    [Fact]
    public void Apply_OnlyNetworkMatchOnClearAccount_AddsAReasonButKeepsClear()
    {
        var clear = Analyses.B.Result.Verdicts.First(v => v.Verdict == VerdictKind.Clear && !(v.Reasons.Count > 0 && v.Reasons[0].Signal == "allowlisted"));
        var ind = new PartnerIndicator
        {
            Id = "indicator--00000000-0000-5000-8000-000000000003", Partner = "lab-x", Kind = ObservableKind.UserAgent,
            Value = "SDK/1", Pattern = "", ValidFrom = Keyrings.Created,
        };
        var after = PartnerEvidence.Apply(Analyses.B.Result, [new IndicatorMatch(ind, clear.Account, "exact")]).Verdicts.Single(v => v.Account == clear.Account);
        Assert.Equal(VerdictKind.Clear, after.Verdict);
        Assert.Equal(clear.Score, after.Score);
        Assert.Contains(after.Reasons, r => r.Signal == PartnerEvidence.Signal);
    }

    [Fact]
    public void Sightings_ForMatches_ValidateAndCarryNoLocalAccountId()
    {
        var matches = MatchAtB();
        var bundle = SightingExporter.Export(matches, Analyses.B.Index, "lab-b");
        var errors = StixSchemas.BundleErrors(bundle);
        Assert.True(errors.Count == 0, string.Join(Environment.NewLine, errors));
        var text = bundle.ToJsonString();
        Assert.Contains("sighting--", text);
        foreach (var a in matches.Select(m => m.Account).Distinct()) Assert.DoesNotContain(a, text);
    }

    [Fact]
    public void Match_PrefixIndicator_MatchesAddressesInsideTheRange()
    {
        var ip = Analyses.B.Index.All(ObservableKind.Ipv4).First();
        var parts = ip.Value.Split('.');
        var ind = new PartnerIndicator
        {
            Id = "indicator--00000000-0000-5000-8000-000000000004", Partner = "lab-x", Kind = ObservableKind.Prefix,
            Value = $"{parts[0]}.{parts[1]}.0.0/16", Pattern = "", ValidFrom = Keyrings.Created,
        };
        var matched = new IndicatorMatcher(Analyses.B.Index, null, Keyrings.Now).Match([ind]).Select(m => m.Account).ToHashSet();
        foreach (var a in ip.Accounts) Assert.Contains(Analyses.B.Index.Accounts[a], matched);
        var outside = ind with { Value = "10.255.255.0/24" };
        Assert.Empty(new IndicatorMatcher(Analyses.B.Index, null, Keyrings.Now).Match([outside]));
    }
}
