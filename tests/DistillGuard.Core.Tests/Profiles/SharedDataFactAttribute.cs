namespace DistillGuard.Core.Tests.Profiles;

/// <summary>A fact that needs a file under the shared data folder; skipped with a message when it is absent.</summary>
public sealed class SharedDataFactAttribute : FactAttribute
{
    public SharedDataFactAttribute(string relative)
    {
        if (Locate(relative) is null) Skip = $"shared data '{relative}' not found (looked in /work/shared/data and ../shared/data): skipped";
    }

    public static string? Locate(string relative)
    {
        foreach (var root in new[] { "/work/shared/data", Path.Combine(AppContext.BaseDirectory, "../../../../../../shared/data"), "../shared/data" })
        {
            var p = Path.GetFullPath(Path.Combine(root, relative));
            if (File.Exists(p)) return p;
        }
        return null;
    }
}
