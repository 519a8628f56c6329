namespace DistillGuard.Gateway.Policy;

/// <summary>
/// The gateway's policy: an immutable snapshot, loaded from YAML or JSON by <see cref="PolicyLoader"/> and swapped
/// atomically on reload. Rules are matched top-down on the account's verdict; the first that matches decides.
/// </summary>
public sealed record GatewayPolicy
{
    /// <summary>Licensed distillation customers: passed untouched (no verdict lookup, no policy, no protection), still tapped.</summary>
    public IReadOnlySet<string> AllowlistAccounts { get; init; } = new HashSet<string>(StringComparer.Ordinal);
    /// <summary>Account tiers (keys file <c>tier</c>) that are allowlisted as a whole, e.g. <c>licensed</c>.</summary>
    public IReadOnlySet<string> AllowlistTiers { get; init; } = new HashSet<string>(StringComparer.Ordinal);
    public DetectorUnavailableMode DetectorUnavailable { get; init; } = DetectorUnavailableMode.Open;
    public SignatureBindingPolicy SignatureBinding { get; init; } = new();
    public IReadOnlyList<PolicyRule> Rules { get; init; } = [];
    /// <summary>What applies when no rule matches (allow unless the file says otherwise).</summary>
    public PolicyActions Default { get; init; } = PolicyActions.AllowAll;
    /// <summary>Where it was loaded from (for logs), null for the built-in policy.</summary>
    public string? Source { get; init; }

    /// <summary>The policy of a gateway started without <c>--policy</c>: allow everything, fail open, flag artifact replays.</summary>
    public static GatewayPolicy Permissive { get; } = new() { SignatureBinding = new SignatureBindingPolicy { Mode = BindingMode.Flag } };

    public bool IsAllowlisted(string account, string? tier)
        => AllowlistAccounts.Contains(account) || (tier is not null && AllowlistTiers.Contains(tier));
}

public enum DetectorUnavailableMode { Open, Closed }

public enum BindingMode { Off, Flag, Reject }

/// <summary>What a presented reasoning artifact must match of the exchange that issued it.</summary>
[Flags]
public enum BindingChecks { None = 0, Account = 1, Conversation = 2, Model = 4, All = Account | Conversation | Model }

public sealed record SignatureBindingPolicy
{
    public BindingMode Mode { get; init; } = BindingMode.Reject;
    public BindingChecks Checks { get; init; } = BindingChecks.All;
}

/// <summary>One rule: conditions (all must hold; an absent condition holds) and what to do.</summary>
public sealed record PolicyRule
{
    public required string Name { get; init; }
    /// <summary>Verdicts it applies to (<c>clear</c>, <c>watch</c>, <c>campaign</c>); empty = any.</summary>
    public IReadOnlySet<string> Verdicts { get; init; } = new HashSet<string>();
    public double? ScoreMin { get; init; }
    public double? ScoreMax { get; init; }
    /// <summary>Campaign ids; <c>*</c> = any campaign; empty = no condition.</summary>
    public IReadOnlySet<string> Campaigns { get; init; } = new HashSet<string>();
    /// <summary>Account ids (lists already expanded); empty = no condition.</summary>
    public IReadOnlySet<string> Accounts { get; init; } = new HashSet<string>();
    public IReadOnlySet<string> Tiers { get; init; } = new HashSet<string>();
    /// <summary>Exchange-log api names; empty = any.</summary>
    public IReadOnlySet<string> Apis { get; init; } = new HashSet<string>();
    public required PolicyActions Actions { get; init; }
    /// <summary>Line in the policy file, for logs.</summary>
    public int Line { get; init; }
}

public enum AccessAction { Allow, Block, Verify }

/// <summary>What a matched rule does: one access decision plus any modifiers.</summary>
public sealed record PolicyActions
{
    public AccessAction Access { get; init; } = AccessAction.Allow;
    /// <summary>Message for block / verify (null: the built-in one).</summary>
    public string? Message { get; init; }
    /// <summary>Where a verify response points the caller (appended to the message).</summary>
    public string? VerifyUrl { get; init; }
    public IReadOnlyList<ThrottleSpec> Throttles { get; init; } = [];
    public ReasoningProtection? ProtectReasoning { get; init; }
    public bool Watermark { get; init; }
    public IReadOnlyDictionary<string, string> WatermarkParameters { get; init; } = new Dictionary<string, string>();

    public static PolicyActions AllowAll { get; } = new();

    /// <summary>Action kinds for metrics and the tap line, e.g. <c>throttle</c>, <c>protect_reasoning</c>.</summary>
    public IEnumerable<string> Kinds()
    {
        yield return Access switch { AccessAction.Block => "block", AccessAction.Verify => "verify", _ => "allow" };
        if (Access != AccessAction.Allow) yield break;
        if (Throttles.Count > 0) yield return "throttle";
        if (ProtectReasoning is not null) yield return "protect_reasoning";
        if (Watermark) yield return "watermark";
    }
}

public enum ThrottleScope { Account, Campaign }

/// <summary>A token bucket: <see cref="RatePerSecond"/> tokens a second, at most <see cref="Burst"/> saved up.</summary>
public sealed record ThrottleSpec(double RatePerSecond, int Burst, ThrottleScope Per);

public enum ReasoningMode { Strip, Summarise }

/// <summary>
/// Reasoning protection: <see cref="ReasoningMode.Strip"/> removes reasoning blocks / items / fields (and the signature or
/// encrypted_content with them); <see cref="ReasoningMode.Summarise"/> keeps the block but cuts its readable text to the
/// first sentence (at most <see cref="MaxChars"/>) followed by <c> [reasoning summarised]</c>. With
/// <see cref="HoldStream"/>, a stream's reasoning events are held back until their block has ended, then sent transformed.
/// </summary>
public sealed record ReasoningProtection(ReasoningMode Mode, bool HoldStream = true, int MaxChars = 200);
