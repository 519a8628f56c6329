using System.Text.Json.Nodes;
using DistillGuard.Gateway.Keys;
using DistillGuard.Gateway.Policy;
using DistillGuard.Gateway.Seams;

namespace DistillGuard.Gateway.Proxy;

/// <summary>Everything the gateway knows about one exchange, for the tap line.</summary>
internal sealed class Exchange
{
    public required string Id { get; init; }
    public required DateTimeOffset Arrival { get; init; }
    public required long StartTimestamp { get; init; }
    public required KeyEntry Key { get; init; }
    public required ApiKind Api { get; init; }
    public required byte[] RequestBody { get; init; }
    public required RequestFacts Facts { get; init; }
    public string? Ip { get; init; }
    public string? UserAgent { get; init; }
    public string? ForwardedFor { get; init; }

    public int Status { get; set; } = 200;
    /// <summary>The response body as the client received it (reassembled when streamed); null when none or not JSON.</summary>
    public JsonObject? Response { get; set; }
    /// <summary>Or its bytes, when it passed untouched and unparsed.</summary>
    public byte[]? ResponseBytes { get; set; }
    public bool Streamed { get; set; }
    public TimeSpan Latency { get; set; }

    public bool Allowlisted { get; set; }
    public bool DetectorUnavailable { get; set; }
    public VerdictLookup Verdict { get; set; } = VerdictLookup.Clear;
    public bool VerdictKnown { get; set; }
    public PolicyDecision? Decision { get; set; }
    /// <summary>What the gateway did instead of forwarding: block, verify, throttle, replay_rejected, detector_unavailable, upstream_error.</summary>
    public string? Refused { get; set; }
    public ReasoningMode? ReasoningMode { get; set; }
    public int ReasoningBlocks { get; set; }
    public List<(string Mismatch, string Issuer)> Replays { get; } = [];
    public string? ReplayOutcome { get; set; }
    public bool Transformed { get; set; }
}
