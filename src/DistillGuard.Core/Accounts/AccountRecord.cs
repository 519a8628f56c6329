namespace DistillGuard.Core.Accounts;

/// <summary>What billing and sign-up know about one account (exchange-log spec, "Account registry").</summary>
public sealed record AccountRecord
{
    public required string Account { get; init; }
    /// <summary>Sign-up time, Unix milliseconds UTC; null when absent or unparseable.</summary>
    public long? CreatedMs { get; init; }
    public string? Tier { get; init; }
    public string? OrgName { get; init; }
    public string? EmailDomain { get; init; }
    public string? PaymentFingerprint { get; init; }
    /// <summary>Billing country. Never evidence by itself: read only against the hours a group of accounts keeps
    /// (<see cref="Links.KeyGroupBuilder"/>'s denied days: one day that the countries they bill in do not keep).</summary>
    public string? Country { get; init; }
    public bool? Verified { get; init; }

    /// <summary>Programs the public record says fraud clusters lean on (free credit, edu, research, startup).</summary>
    public bool IsProgramTier => Tier is "free" or "edu" or "research" or "startup";

    /// <summary>An account that says who runs it: verified outside the programs, or on an enterprise agreement (a contract
    /// signed with the lab names its holder, verified or not yet). What a declared organisation is counted in.</summary>
    public bool Identified => VerifiedOutsidePrograms || (!IsProgramTier && Tier == "enterprise");

    /// <summary>Verified, and not on a program tier.</summary>
    public bool VerifiedOutsidePrograms => Verified == true && !IsProgramTier;
}
