using System.Text.Json.Nodes;

namespace DistillGuard.Sharing.Policy;

/// <summary>What may leave for one recipient, and what was withheld and why (object id → reason).</summary>
public sealed record PolicyDecision(IReadOnlyList<JsonObject> Allowed, IReadOnlyDictionary<string, string> Withheld);
