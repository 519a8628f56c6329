using System.Reflection;

namespace DistillGuard.Dashboard;

/// <summary>The built front end (frontend/, Vite): one script and one style sheet used by both the report and the
/// dashboard, and the dashboard's page. Embedded in the assembly; nothing is fetched at run time.</summary>
public static class DashboardAssets
{
    private static readonly Lazy<string> s_js = new(() => Read("dg.app.js"));
    private static readonly Lazy<string> s_css = new(() => Read("dg.app.css"));
    private static readonly Lazy<string> s_index = new(() => Read("dg.index.html"));

    public static string AppJs => s_js.Value;
    public static string AppCss => s_css.Value;
    public static string IndexHtml => s_index.Value;

    private static string Read(string name)
    {
        using var s = Assembly.GetExecutingAssembly().GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"embedded asset {name} missing: run frontend/build.sh");
        using var r = new StreamReader(s);
        return r.ReadToEnd();
    }
}
