namespace DistillGuard.Core.Verdicts;

/// <summary>The verdict of the output contract.</summary>
public enum VerdictKind
{
    Clear = 0,
    Watch = 1,
    Campaign = 2,
}

public static class VerdictKinds
{
    public static string WireName(this VerdictKind v) => v switch
    {
        VerdictKind.Clear => "clear",
        VerdictKind.Watch => "watch",
        VerdictKind.Campaign => "campaign",
        _ => throw new ArgumentOutOfRangeException(nameof(v)),
    };
}
