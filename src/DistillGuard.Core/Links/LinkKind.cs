namespace DistillGuard.Core.Links;

/// <summary>What two accounts can share.</summary>
public enum LinkKind
{
    Template,
    SystemPrompt,
    Ip,
    Prefix,
    Ja4,
    UserAgent,
    Route,
    Payment,
    EmailDomain,
    CreationBurst,
    ParamSignature,
    ModelPivot,
    ArtifactReplay,
    /// <summary>One instruction skeleton under different wordings (<see cref="Fingerprints.SkeletonFingerprint"/>).</summary>
    Skeleton,
    /// <summary>Requests that come from a new network every few requests (rotating residential or proxy exits).</summary>
    RotatingExits,
}

/// <summary>Independent kinds of evidence: a campaign needs links from at least two families.</summary>
public enum LinkFamily
{
    Content,
    Network,
    Client,
    Registration,
    Behaviour,
    Replay,
}

public static class LinkKinds
{
    public static LinkFamily Family(this LinkKind k) => k switch
    {
        LinkKind.Template or LinkKind.SystemPrompt or LinkKind.Skeleton => LinkFamily.Content,
        LinkKind.Ip or LinkKind.Prefix or LinkKind.Route or LinkKind.RotatingExits => LinkFamily.Network,
        LinkKind.Ja4 or LinkKind.UserAgent => LinkFamily.Client,
        LinkKind.Payment or LinkKind.EmailDomain or LinkKind.CreationBurst => LinkFamily.Registration,
        LinkKind.ParamSignature or LinkKind.ModelPivot => LinkFamily.Behaviour,
        LinkKind.ArtifactReplay => LinkFamily.Replay,
        _ => throw new ArgumentOutOfRangeException(nameof(k)),
    };

    /// <summary>Signal id used in reasons and evidence.</summary>
    public static string Id(this LinkKind k) => k switch
    {
        LinkKind.Template => "shared-template",
        LinkKind.SystemPrompt => "shared-system-prompt",
        LinkKind.Ip => "shared-ip",
        LinkKind.Prefix => "shared-prefix",
        LinkKind.Ja4 => "shared-ja4",
        LinkKind.UserAgent => "shared-user-agent",
        LinkKind.Route => "shared-route",
        LinkKind.Payment => "shared-payment",
        LinkKind.EmailDomain => "shared-email-domain",
        LinkKind.CreationBurst => "creation-burst",
        LinkKind.ParamSignature => "identical-params",
        LinkKind.ModelPivot => "model-release-pivot",
        LinkKind.ArtifactReplay => "reasoning-replay",
        LinkKind.Skeleton => "shared-skeleton",
        LinkKind.RotatingExits => "rotating-exits",
        _ => throw new ArgumentOutOfRangeException(nameof(k)),
    };

    /// <summary>How much sharing this kind of value says about common control, before rarity and behaviour.</summary>
    public static double BaseWeight(this LinkKind k, bool hosting) => k switch
    {
        LinkKind.Template => 1.0,
        LinkKind.Skeleton => 0.8,
        LinkKind.SystemPrompt => 0.8,
        LinkKind.Payment => 0.9,
        LinkKind.ArtifactReplay => 1.0,
        LinkKind.Ip => hosting ? 0.7 : 0.5,
        LinkKind.Prefix => hosting ? 0.5 : 0.3,
        LinkKind.Route => 0.4,
        LinkKind.RotatingExits => 0.4,
        LinkKind.EmailDomain => 0.5,
        LinkKind.CreationBurst => 0.5,
        LinkKind.ModelPivot => 0.5,
        LinkKind.ParamSignature => 0.35,
        LinkKind.Ja4 => 0.25,
        LinkKind.UserAgent => 0.2,
        _ => 0,
    };
}
