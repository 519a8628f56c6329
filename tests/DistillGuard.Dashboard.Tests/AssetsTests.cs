using System.Security.Cryptography;
using System.Text;

namespace DistillGuard.Dashboard.Tests;

/// <summary>The committed front-end bundle was built from the committed sources (frontend/build.sh records their hash).</summary>
public sealed class AssetsTests
{
    private static string Root()
    {
        var d = new DirectoryInfo(AppContext.BaseDirectory);
        while (d is not null && !File.Exists(Path.Combine(d.FullName, "DistillGuard.slnx"))) d = d.Parent;
        return d?.FullName ?? throw new InvalidOperationException("repository root not found");
    }

    /// <summary>As frontend/hash.sh: for each file (src/ sorted, then the build files) its path and SHA-256, hashed.</summary>
    internal static string SourcesHash(string frontend)
    {
        var files = Directory.GetFiles(Path.Combine(frontend, "src"), "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(frontend, f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal)
            .Concat(["index.html", "package.json", "package-lock.json", "vite.config.js"]);
        var sb = new StringBuilder();
        foreach (var f in files)
            sb.Append(f).Append('\n').Append(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(Path.Combine(frontend, f))))).Append('\n');
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sb.ToString())));
    }

    [Fact]
    public void CommittedBundle_MatchesTheFrontEndSources()
    {
        var root = Root();
        var recorded = File.ReadAllText(Path.Combine(root, "src/DistillGuard.Dashboard/Assets/sources.sha256")).Trim();
        Assert.True(recorded == SourcesHash(Path.Combine(root, "frontend")), "frontend/ changed since the bundle was built: run frontend/build.sh and commit the assets");
    }

    [Fact]
    public void Bundle_IsEmbeddedAndNamesNoExternalUrl()
    {
        Assert.True(DashboardAssets.AppJs.Length > 100_000);
        Assert.DoesNotContain("https://", DashboardAssets.AppCss);
        Assert.Contains("/assets/app.js", DashboardAssets.IndexHtml);
        Assert.DoesNotContain("//cdn", DashboardAssets.IndexHtml + DashboardAssets.AppJs);
    }
}
