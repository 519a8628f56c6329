using DistillGuard.Gateway.Seams;

namespace DistillGuard.Gateway.Policy;

/// <summary>The rule that matched and what it does.</summary>
public sealed record PolicyDecision(string Rule, PolicyActions Actions);

/// <summary>Matches an exchange against a policy's rules, top-down; the first match decides, else the default.</summary>
public static class PolicyEvaluator
{
    public const string DefaultRule = "default";

    public static PolicyDecision Decide(GatewayPolicy policy, string account, string? tier, VerdictLookup verdict, string api)
    {
        foreach (var rule in policy.Rules)
            if (Matches(rule, account, tier, verdict, api)) return new PolicyDecision(rule.Name, rule.Actions);
        return new PolicyDecision(DefaultRule, policy.Default);
    }

    public static bool Matches(PolicyRule rule, string account, string? tier, VerdictLookup verdict, string api)
    {
        string v = Verdicts.IsKnown(verdict.Verdict) ? verdict.Verdict : Verdicts.Clear;
        if (rule.Verdicts.Count > 0 && !rule.Verdicts.Contains(v)) return false;
        if (rule.ScoreMin is { } min && verdict.Score < min) return false;
        if (rule.ScoreMax is { } max && verdict.Score > max) return false;
        if (rule.Campaigns.Count > 0)
        {
            if (string.IsNullOrEmpty(verdict.Campaign)) return false;
            if (!rule.Campaigns.Contains("*") && !rule.Campaigns.Contains(verdict.Campaign)) return false;
        }
        if (rule.Accounts.Count > 0 && !rule.Accounts.Contains(account)) return false;
        if (rule.Tiers.Count > 0 && (tier is null || !rule.Tiers.Contains(tier))) return false;
        if (rule.Apis.Count > 0 && !rule.Apis.Contains(api)) return false;
        return true;
    }
}
