namespace DistillGuard.Gateway.Seams;

/// <summary>
/// Where the gateway asks for an account's current verdict (implemented by the streaming detector).
/// Called on the request path, once per request: it must answer from memory.
/// </summary>
public interface IVerdictSource
{
    /// <summary>
    /// The account's verdict; null when the detector does not know the account (treated as <c>clear</c>).
    /// Throws, or returns <see cref="VerdictLookup.Unavailable"/>, when the detector is down; the policy's
    /// <c>detector_unavailable</c> then decides (open: proceed as clear; closed: 503).
    /// </summary>
    VerdictLookup? Lookup(string account);
}

/// <summary>One verdict as the detector holds it (verdict contract: <c>clear</c>, <c>watch</c> or <c>campaign</c>).</summary>
public readonly record struct VerdictLookup(bool Available, string Verdict, double Score, string? Campaign)
{
    /// <summary>The detector is down or not ready.</summary>
    public static VerdictLookup Unavailable => new(false, "", 0, null);

    /// <summary>An account the detector has seen and clears.</summary>
    public static VerdictLookup Clear => new(true, Verdicts.Clear, 0, null);
}

/// <summary>The verdict names of the verdict contract.</summary>
public static class Verdicts
{
    public const string Clear = "clear";
    public const string Watch = "watch";
    public const string Campaign = "campaign";

    public static bool IsKnown(string v) => v is Clear or Watch or Campaign;
}
