namespace DistillGuard.Storage.Model;

// What the store answers: plain records, serialised as snake_case JSON by the dashboard API and the report.

/// <summary>One write of an analysis into the store.</summary>
public sealed record RunInfo(int Id, DateTimeOffset WrittenAt, string Source, long Exchanges, int Accounts, int Campaigns, int CampaignAccounts,
    int WatchAccounts, long Quarantined, int Suppressed, DateTimeOffset? FirstSeen, DateTimeOffset? LastSeen, double CampaignThreshold);

/// <summary>The latest analysis at a glance.</summary>
public sealed record StoreSummary(RunInfo? Run, int Runs, int Accounts, int Campaigns, int CampaignAccounts, int WatchAccounts, int SuppressedCampaigns,
    int Decisions, int Dismissals, int Exchanges, IReadOnlyList<CountItem> Targets, IReadOnlyList<CountItem> Tactics);

public sealed record CountItem(string Name, int Count);

/// <summary>A campaign as listed: its facts, status (<c>open</c> or <c>suppressed</c> by an earlier dismissal), the
/// latest analyst decision on it and its strongest evidence.</summary>
public sealed record CampaignRow(string Id, double Score, int Accounts, long Exchanges, DateTimeOffset FirstSeen, DateTimeOffset LastSeen,
    IReadOnlyList<string> Targets, IReadOnlyList<string> Tactics, string Status, string? Decision, string? TopEvidence, double HarvestShare);

/// <summary>Filter, sort and page of the campaign list.</summary>
public sealed record CampaignQuery
{
    public string? Text { get; init; }
    public string? Target { get; init; }
    public string? Tactic { get; init; }
    /// <summary>open (default: not suppressed), suppressed, all, or a decision: confirmed, dismissed, shared, undecided.</summary>
    public string? Status { get; init; }
    public double? MinScore { get; init; }
    public int? MinAccounts { get; init; }
    /// <summary>score (default), accounts, exchanges, first_seen, last_seen, id.</summary>
    public string Sort { get; init; } = "score";
    public bool Descending { get; init; } = true;
    public int Offset { get; init; }
    public int Limit { get; init; } = 50;
}

public sealed record Page<T>(IReadOnlyList<T> Items, int Total, int Offset, int Limit);

public sealed record EvidenceItem(int Rank, string Kind, string Summary, double Weight, IReadOnlyList<string> ExchangeIds);

public sealed record MemberRow(string Account, double Score, string Verdict, int Exchanges, double Strength, bool Corroborated, double HarvestShare,
    string? TopIp, string? TopPrefix, string? PaymentFp, string? EmailDomain, DateTimeOffset? Created, string? Tier, string? Country);

/// <summary>A link key a campaign's members share.</summary>
public sealed record KeyShare(int KeyId, string Kind, string Value, int AccountsOnKey, int Members, double Contribution, bool Hosting, double Weight);

/// <summary>Members sharing one registry value (payment fingerprint, e-mail domain, organisation, sign-up hour).</summary>
public sealed record Overlap(string Kind, string Value, int Members);

public sealed record CampaignDetail(CampaignRow Campaign, IReadOnlyList<EvidenceItem> Evidence, IReadOnlyList<MemberRow> Members, int MemberTotal,
    IReadOnlyList<KeyShare> Keys, IReadOnlyList<Overlap> Overlaps, IReadOnlyList<DecisionRow> Decisions,
    IReadOnlyDictionary<string, ExchangeSample> Examples);

public sealed record GraphNode(string Id, string Label, string Type, string? Kind, string? Verdict, double Weight);

public sealed record GraphEdge(string Source, string Target, long Exchanges);

/// <summary>A campaign's linked-account graph: account nodes, key nodes (the shared values), account–key edges.</summary>
public sealed record LinkGraph(IReadOnlyList<GraphNode> Nodes, IReadOnlyList<GraphEdge> Edges, bool Truncated);

public sealed record ActivityPoint(long HourMs, long Exchanges, long Harvest);

public sealed record ModelSeries(string Model, long FirstSeenMs, IReadOnlyList<long[]> Days);

/// <summary>Everything a campaign's plots need: its members' hourly traffic against all traffic, per-model daily traffic
/// (the release pivot) and activity by hour of day.</summary>
public sealed record CampaignActivity(IReadOnlyList<ActivityPoint> Campaign, IReadOnlyList<ActivityPoint> All, IReadOnlyList<ModelSeries> Models,
    long[] HoursOfDay, long[] AllHoursOfDay);

public sealed record ScoreBin(double From, double To, int Clear, int Watch, int Campaign);

public sealed record ReasonRow(int Rank, string Signal, double Weight, string Detail, IReadOnlyList<string> ExchangeIds);

public sealed record InfraRow(string Kind, string Value, int Exchanges);

public sealed record AccountLink(int KeyId, string Kind, string Value, int Accounts, double Weight, bool Hosting, int Exchanges, IReadOnlyList<string> Others);

public sealed record HistoryRow(int Run, DateTimeOffset At, string Verdict, double Score, string? Campaign);

public sealed record RegistryRow(DateTimeOffset? Created, string? Tier, string? OrgName, string? EmailDomain, string? PaymentFp, string? Country, bool? Verified);

public sealed record AccountVerdictRow(string Account, double Score, string Verdict, string? Campaign, int Exchanges, string? SuppressedCampaign);

public sealed record AccountDetail(AccountVerdictRow Verdict, IReadOnlyDictionary<string, object?> Profile, RegistryRow? Registry,
    IReadOnlyList<ReasonRow> Reasons, IReadOnlyList<InfraRow> Infra, IReadOnlyList<InfraRow> Keys, IReadOnlyList<AccountLink> Links,
    IReadOnlyList<ExchangeSample> Exchanges, IReadOnlyList<HistoryRow> History, IReadOnlyList<DecisionRow> Decisions, IReadOnlyList<string> Campaigns);

/// <summary>One exchange read back from the log for drill-down: its facts, texts (shortened) and the signals and phrases that matched.</summary>
public sealed record ExchangeSample
{
    public required string Id { get; init; }
    public required string Account { get; init; }
    public DateTimeOffset Ts { get; init; }
    public string Api { get; init; } = "";
    public string? Model { get; init; }
    public string? ApiKey { get; init; }
    public string? Ip { get; init; }
    public int Status { get; init; } = 200;
    public IReadOnlyList<string> Signals { get; init; } = [];
    public IReadOnlyList<string> Phrases { get; init; } = [];
    public string? SystemText { get; init; }
    public string Prompt { get; init; } = "";
    public string? Response { get; init; }
    /// <summary>Which reasons or evidence cite it ("reason:cot-elicitation", "evidence:C-0001").</summary>
    public IReadOnlyList<string> CitedBy { get; init; } = [];
}

public sealed record SearchHit(string Kind, string Value, string? Account, string? Campaign, string Detail, string? Verdict = null);

/// <summary>An analyst's decision. Actions: confirm, dismiss (false positive, with a reason), share (mark for sharing), reopen.</summary>
public sealed record DecisionRow(long Id, DateTimeOffset At, string Actor, string Role, string Action, string TargetKind, string Target, int Run,
    string? Reason, IReadOnlyList<string> Accounts, IReadOnlyList<string> EvidenceKinds, bool Active);

public sealed record DecisionRequest(string Actor, string Role, string Action, string TargetKind, string Target, string? Reason, string? Remote);

public sealed record AuditRow(long Id, DateTimeOffset At, string Actor, string Role, string Action, string Target, string? Detail, string? Remote);
