namespace DistillGuard.Core.Analysis;

/// <summary>Thresholds of the account stages, as an immutable snapshot. <see cref="Validate"/> reports every error at once.</summary>
public sealed record DetectorOptions
{
    public static DetectorOptions Default { get; } = new();

    /// <summary>Width of the time buckets compared for co-activity (SynchroTrap-style), minutes.</summary>
    public int CoActivityBucketMinutes { get; init; } = 30;
    /// <summary>Fewest accounts a campaign may have.</summary>
    public int MinCampaignAccounts { get; init; } = 3;
    /// <summary>Campaign confidence at or above which a dense group is reported as a campaign.</summary>
    public double CampaignThreshold { get; init; } = 0.5;
    /// <summary>Harvest strength at or above which a single account is put on <c>watch</c>.</summary>
    public double WatchHarvestStrength { get; init; } = 0.6;
    /// <summary>Fewest harvest exchanges for <c>watch</c>.</summary>
    public int MinWatchHarvestExchanges { get; init; } = 10;
    /// <summary>Member strength (involvement in the campaign's keys relative to the median member, 0–1) needed for the
    /// <c>campaign</c> verdict; weaker members get <c>watch</c>. Corroboration (two kinds of evidence, one saying who
    /// operates the account) carries membership; this only trims hangers-on. 0.35 until the egress-apart links, which
    /// bind accounts of one harvest request to campaigns whose median member has hundreds: 0.25 since (docs/detector.md).</summary>
    public double MinMemberStrength { get; init; } = 0.25;
    /// <summary>A family of evidence corroborates a member when it carries at least this share of the member's binding.</summary>
    public double MinMemberFamilyShare { get; init; } = 0.15;
    /// <summary>Maximum Hamming distance between two template SimHashes of one template (the reader's
    /// <c>TemplateFingerprint.RecommendedThreshold</c>, measured on generated skeletons).</summary>
    public int TemplateHammingDistance { get; init; } = 16;
    /// <summary>Key groups whose weight is below this carry no link.</summary>
    public double MinKeyWeight { get; init; } = 0.05;
    /// <summary>Densest-block density (weight per node) below which peeling stops.</summary>
    public double MinBlockDensity { get; init; } = 0.12;
    /// <summary>A key value carried by more accounts than this is treated as ubiquitous and not linked at all.</summary>
    public int MaxKeyAccounts { get; init; } = 100_000;
    /// <summary>Hours after a model's first appearance in which moving to it counts as a release pivot.</summary>
    public int ModelPivotHours { get; init; } = 24;
    /// <summary>Accounts created within this many hours of each other count as one creation burst.</summary>
    public int CreationBurstHours { get; init; } = 6;
    /// <summary>Most issued reasoning artifacts remembered for replay detection before hash-sampling kicks in.</summary>
    public int MaxTrackedArtifacts { get; init; } = 2_000_000;
    public ClustererKind Clusterer { get; init; } = ClustererKind.DensePeeling;
    /// <summary>
    /// Link accounts whose harvest egresses apart from their own networks (rotating exits, or harvest only from networks
    /// their other traffic never uses: <c>rotating-exits</c>) and, among those, by paraphrase-robust harvest instruction
    /// skeletons (<c>shared-skeleton</c>). On by default; off reproduces the template-only detector (docs/detector.md).
    /// Needs the reader's skeleton fingerprints (<c>ReaderOptions.SkeletonFingerprints</c>).
    /// </summary>
    public bool ParaphraseLinks { get; init; } = true;
    /// <summary>
    /// Split an accepted campaign into the communities of its account graph (Louvain modularity) when they are clear
    /// (modularity ≥ <see cref="MinSplitModularity"/>), each part is a campaign of its own, and no member's verdict
    /// changes: two operations bridged by a popular skeleton or parameter set are reported apart.
    /// </summary>
    public bool SplitCommunities { get; init; } = true;
    /// <summary>
    /// Split an accepted campaign whose members harvest different capabilities (parts sharing at most a quarter of their
    /// capability mix) into one campaign per part, when each part is a campaign of its own and no member's verdict changes;
    /// then, the same way, one whose members are tied by identity of their own into parts that run no harness in common
    /// (split by operator, session 31).
    /// </summary>
    public bool SplitCapabilities { get; init; } = true;
    /// <summary>Modularity a campaign's partition needs before it is split (<see cref="SplitCommunities"/>).</summary>
    public double MinSplitModularity { get; init; } = 0.3;

    /// <summary>
    /// Families of evidence switched off, comma-separated (for ablation: what each family contributes is measured by
    /// running without it): the link families <c>content</c>, <c>network</c>, <c>client</c>, <c>registration</c>,
    /// <c>behaviour</c>, <c>replay</c> (their keys carry no weight), and <c>budgets</c> (no budget is called maximal, so
    /// neither the <c>max-output</c>/<c>max-thinking</c> signals nor the wording-free harvest evidence exist), and
    /// <c>group</c> (no harvest judged on groups against the log's base rate, and owned identity does not count as acting
    /// as one). Empty: all on.
    /// </summary>
    public string DisabledEvidence { get; init; } = "";

    /// <summary>The names <see cref="DisabledEvidence"/> accepts.</summary>
    public static readonly string[] EvidenceFamilies = ["content", "network", "client", "registration", "behaviour", "replay", "budgets", "echo", "group"];

    /// <summary>Whether the named evidence family is switched off (<see cref="DisabledEvidence"/>).</summary>
    public bool Disabled(string family) => DisabledEvidence.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
        .Contains(family, StringComparer.OrdinalIgnoreCase);

    /// <summary>Every problem with these options; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var e = new List<string>();
        if (CoActivityBucketMinutes is < 1 or > 1440) e.Add($"CoActivityBucketMinutes must be 1..1440 (was {CoActivityBucketMinutes})");
        if (MinCampaignAccounts < 2) e.Add($"MinCampaignAccounts must be at least 2 (was {MinCampaignAccounts})");
        Unit(e, nameof(CampaignThreshold), CampaignThreshold);
        Unit(e, nameof(WatchHarvestStrength), WatchHarvestStrength);
        Unit(e, nameof(MinMemberStrength), MinMemberStrength);
        Unit(e, nameof(MinSplitModularity), MinSplitModularity);
        Unit(e, nameof(MinMemberFamilyShare), MinMemberFamilyShare);
        Unit(e, nameof(MinKeyWeight), MinKeyWeight);
        if (MinWatchHarvestExchanges < 1) e.Add($"MinWatchHarvestExchanges must be at least 1 (was {MinWatchHarvestExchanges})");
        if (TemplateHammingDistance is < 0 or > 24) e.Add($"TemplateHammingDistance must be 0..24 (was {TemplateHammingDistance})");
        if (!(MinBlockDensity > 0) || double.IsInfinity(MinBlockDensity)) e.Add($"MinBlockDensity must be positive (was {MinBlockDensity})");
        if (MaxKeyAccounts < MinCampaignAccounts) e.Add($"MaxKeyAccounts must be at least MinCampaignAccounts (was {MaxKeyAccounts})");
        if (ModelPivotHours is < 1 or > 24 * 30) e.Add($"ModelPivotHours must be 1..720 (was {ModelPivotHours})");
        if (CreationBurstHours is < 1 or > 24 * 30) e.Add($"CreationBurstHours must be 1..720 (was {CreationBurstHours})");
        if (MaxTrackedArtifacts < 1000) e.Add($"MaxTrackedArtifacts must be at least 1000 (was {MaxTrackedArtifacts})");
        if (!Enum.IsDefined(Clusterer)) e.Add($"Clusterer {(int)Clusterer} is not a known clusterer");
        foreach (var f in (DisabledEvidence ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            if (!EvidenceFamilies.Contains(f, StringComparer.OrdinalIgnoreCase)) e.Add($"DisabledEvidence: '{f}' is not an evidence family (one of {string.Join(", ", EvidenceFamilies)})");
        return e;
    }

    /// <summary>Throws <see cref="ArgumentException"/> listing every error when invalid.</summary>
    public DetectorOptions EnsureValid()
    {
        var errors = Validate();
        if (errors.Count > 0) throw new ArgumentException("invalid detector options:\n  " + string.Join("\n  ", errors));
        return this;
    }

    private static void Unit(List<string> e, string name, double v)
    {
        if (!(v >= 0 && v <= 1)) e.Add($"{name} must be within [0, 1] (was {v})");
    }
}
