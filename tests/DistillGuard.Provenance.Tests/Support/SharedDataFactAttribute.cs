using DistillGuard.ProvenanceBench;

namespace DistillGuard.Provenance.Tests.Support;

/// <summary>A fact that needs ../shared/data; skipped with a message when it is absent.</summary>
public sealed class SharedDataFactAttribute : FactAttribute
{
    public SharedDataFactAttribute()
    {
        if (Corpora.Root() is null) Skip = "shared data not found (looked for ../shared/data beside the repository and /work/shared/data): skipped";
    }
}
