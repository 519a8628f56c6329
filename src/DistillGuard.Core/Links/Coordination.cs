namespace DistillGuard.Core.Links;

/// <summary>How coordinated a set of accounts looks, each part in [0, 1].</summary>
public sealed record Coordination
{
    public static Coordination None { get; } = new();
    /// <summary>Co-activity (MinHash Jaccard of active time buckets) blended with hour-of-day rhythm similarity.</summary>
    public double Synchrony { get; init; }
    public double MeanCoActivity { get; init; }
    /// <summary>Share of members whose usual request parameters are identical.</summary>
    public double IdenticalParams { get; init; }
    /// <summary>Share of members signed up in bursts: at least three of them within one creation-burst window, far above
    /// the log's sign-up rate there (any number of batches).</summary>
    public double CreationBurst { get; init; }
    /// <summary>Fresh, program-tier (free/edu/research/startup) or unverified accounts.</summary>
    public double Freshness { get; init; }
    /// <summary>Members cover many distinct items with almost no overlap (a benchmark split between them).</summary>
    public double Partition { get; init; }
    /// <summary>Mean pairwise overlap of members' item sets (0 when unknown). High overlap means independent users
    /// running the same benchmark, the opposite of a campaign splitting one between its accounts.</summary>
    public double ItemOverlap { get; init; }
    /// <summary>Share of members with machine-regular timing (inter-arrival CV below 0.5).</summary>
    public double Regularity { get; init; }

    /// <summary>Share of the members whose exits rotate across networks (<see cref="Profiles.AccountProfile.RotatesExits"/>): independent users do not all hide behind rotating proxies.</summary>
    public double RotatingExits { get; init; }

    /// <summary>Share of the (sampled) members that are verified, paid or enterprise accounts of one organisation (the
    /// modal organisation name): an operator that identifies itself — a company's own fleet, team or workers — rather than
    /// a hydra of fresh program-tier accounts. Not part of <see cref="Score"/>; campaign assembly reads it.</summary>
    public double DeclaredOrganisation { get; init; }

    /// <summary>Share of the members that a log read without a registry shows as one organisation's own accounts: on one
    /// egress they all share, through the whole log, on a harness of theirs (<see cref="KeyGroupBuilder.EgressOrganisation"/>),
    /// their own requests not reading as harvest. Not part of <see cref="Score"/>; campaign assembly reads it as it reads
    /// <see cref="DeclaredOrganisation"/> (<see cref="Organisation"/>).</summary>
    public double OneEgress { get; init; }

    /// <summary>The larger of <see cref="DeclaredOrganisation"/> and <see cref="OneEgress"/>: how much of the set is an
    /// organisation's own fleet, by the registry or, without one, by its egress.</summary>
    public double Organisation => Math.Max(DeclaredOrganisation, OneEgress);
    public double Score => Math.Min(1, 0.3 * Synchrony + 0.2 * IdenticalParams + 0.15 * CreationBurst + 0.15 * Freshness + 0.1 * Partition + 0.1 * Regularity
        + 0.15 * RotatingExits);
}
