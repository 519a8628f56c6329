namespace DistillGuard.Core.Profiles;

/// <summary>State shared by every profile of one analysis: value interning, example-id storage, sketch sizes.</summary>
public sealed class ProfileContext
{
    public ProfileContext(long coActivityBucketMs = 30 * 60_000, int templateDistance = 16)
    {
        if (coActivityBucketMs <= 0) throw new ArgumentOutOfRangeException(nameof(coActivityBucketMs));
        if (templateDistance is < 0 or > 32) throw new ArgumentOutOfRangeException(nameof(templateDistance));
        CoActivityBucketMs = coActivityBucketMs;
        TemplateDistance = templateDistance;
    }

    /// <summary>Hamming distance within which two template SimHashes are one template.</summary>
    public int TemplateDistance { get; }

    /// <summary>Track harvest instruction skeletons and networks per account (<c>DetectorOptions.ParaphraseLinks</c>, on by default; about 190 bytes per account).</summary>
    public bool TrackParaphrase { get; init; } = true;

    public long CoActivityBucketMs { get; }
    public InfraTable Infra { get; } = new();
    public Interner Ja4 { get; } = new();
    public Interner UserAgents { get; } = new();
    public Interner Routes { get; } = new();
    public Interner Models { get; } = new();
    public TextArena Examples { get; } = new();

    public const int CoActivityHashes = 32;
    public const int ItemSketchSize = 12;
    public const int ExamplesPerSignal = 3;
    /// <summary>Example exchange ids kept per account across all signals.</summary>
    public const int ExamplePool = 12;
}
