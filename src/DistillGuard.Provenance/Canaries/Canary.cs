using System.Text.Json.Serialization;

namespace DistillGuard.Provenance.Canaries;

/// <summary>
/// One issuance of a canary: a harmless invented fact (a fictional village's founding year, a made-up craft ratio) unique
/// to an account or campaign, inserted into a response. The fact's value is drawn by the lab's key from a stated domain,
/// so a model that never saw the canary names it only by chance, with a probability the scorer computes exactly.
/// </summary>
public sealed record CanaryRecord
{
    /// <summary>The canary (one per subject and serial; the same for every issuance to that subject).</summary>
    [JsonPropertyName("canary_id")] public required string CanaryId { get; init; }
    [JsonPropertyName("account")] public required string Account { get; init; }
    [JsonPropertyName("campaign")] public string? Campaign { get; init; }
    /// <summary>"campaign:ID" or "account:ID": whose canary it is.</summary>
    [JsonPropertyName("subject")] public required string Subject { get; init; }
    [JsonPropertyName("issued_at")] public required DateTimeOffset IssuedAt { get; init; }
    [JsonPropertyName("exchange_id")] public required string ExchangeId { get; init; }
    /// <summary>Where in the response the fact was put ("end").</summary>
    [JsonPropertyName("where")] public required string Where { get; init; }
    [JsonPropertyName("template")] public required string Template { get; init; }
    /// <summary>The sentence inserted.</summary>
    [JsonPropertyName("text")] public required string Text { get; init; }
    [JsonPropertyName("question")] public required string Question { get; init; }
    /// <summary>The start of the fact, for completion-style probing.</summary>
    [JsonPropertyName("completion")] public required string Completion { get; init; }
    /// <summary>The secret value (e.g. "1743", "7:3").</summary>
    [JsonPropertyName("answer")] public required string Answer { get; init; }
    [JsonPropertyName("key_id")] public required string KeyId { get; init; }
}

/// <summary>A question put to a suspect model about one canary.</summary>
public sealed record CanaryProbe
{
    [JsonPropertyName("probe_id")] public required string Id { get; init; }
    [JsonPropertyName("kind")] public string Kind { get; init; } = "canary";
    [JsonPropertyName("canary_id")] public required string CanaryId { get; init; }
    [JsonPropertyName("subject")] public required string Subject { get; init; }
    /// <summary>"question" (ask it) or "completion" (continue it).</summary>
    [JsonPropertyName("style")] public required string Style { get; init; }
    [JsonPropertyName("prompt")] public required string Prompt { get; init; }
}
